"""The spotting drill's service: refusing an article without a key, scoring once, and staying out of the
"dropped claims" statistics (marks in a spotting drill were never rebutted)."""

from __future__ import annotations

import pytest

from rebuttal_lab.services import library, progress, spotting_drill
from rebuttal_lab.store.profiles import get_or_create_student


def test_an_article_without_a_key_cannot_start_a_drill(db, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Plain Title\n\nSchools should start later. Teenagers sleep late by nature.\n")
    article = library.import_paths(db, [path])[0].article
    with pytest.raises(spotting_drill.NoAnswerKey, match="Plain Title"):
        spotting_drill.start(db, article, get_or_create_student(db, "Ana").uuid)
    assert db["sessions"].count == 0


def test_finishing_twice_scores_once_and_marks_do_not_count_as_dropped_claims(db):
    article = library.import_paths(db, [library.practice_article_files()[0]])[0].article
    key = spotting_drill.answer_key_for(db, article.uuid)
    student = get_or_create_student(db, "Ana")
    session = spotting_drill.start(db, article, student.uuid, time_limit_s=300)
    spotting_drill.mark(db, session.uuid, key[0]["start"], key[0]["end"])
    first = spotting_drill.finish(db, session.uuid, 42)
    assert (first["found"], first["marks"]) == (1, 1) and first["recall"] == pytest.approx(1 / len(key))
    assert spotting_drill.finish(db, session.uuid, 99) == first  # handed in: the stored result
    assert progress.dropped_kinds(db, student.uuid) == []
    point = progress.student_progress(db, student.uuid).points[0]
    assert (point.precision, point.recall) == (1.0, pytest.approx(1 / len(key)))
