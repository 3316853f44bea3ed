"""The claim-spotting drill: select claims in the article against the clock, then see precision, recall and
the claims missed; the result is stored as a spotting session. A fake clock stands in for time."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from rebuttal_lab.core.models import Mode, Status
from rebuttal_lab.services import library, packs, spotting_drill
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.ui.drill import FakeClock
from rebuttal_lab.ui.spotting_drill import SpottingDrill


@pytest.fixture
def practice_article(db):
    article = library.import_paths(db, [library.practice_article_files()[0]])[0].article
    return article, spotting_drill.answer_key_for(db, article.uuid)


@pytest.fixture
def drill(qtbot, db, practice_article):
    from rebuttal_lab.store.profiles import get_or_create_student

    article, _key = practice_article
    clock = FakeClock()
    window = SpottingDrill(db, get_or_create_student(db, "Ana"), article, clock=clock)
    qtbot.addWidget(window)
    window.show()
    return window, clock


def select(window, start: int, end: int) -> None:
    cursor = window.text.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    window.text.setTextCursor(cursor)


def test_marking_two_key_claims_and_one_other_sentence(qtbot, db, drill, practice_article):
    window, clock = drill
    article, key = practice_article
    assert key and f"Find the {len(key)} claims" in window.header.text()
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    for claim in key[:2]:
        select(window, claim["start"], claim["end"])
        qtbot.mouseClick(window.mark_button, Qt.MouseButton.LeftButton)
    covered = [(k["start"], k["end"]) for k in key]
    start = next(i for i in range(len(article.body) - 30)
                 if article.body[i].isalpha() and not any(s - 40 < i < e for s, e in covered))
    select(window, start, start + 25)  # words that are not a claim of the key
    qtbot.mouseClick(window.mark_button, Qt.MouseButton.LeftButton)
    assert window.mark_list.count() == 3
    assert len(session_store.list_claims(db, window.session.uuid)) == 3  # saved as they are made

    clock.advance(95)
    with qtbot.waitSignal(window.finished_drill) as done:
        qtbot.mouseClick(window.done_button, Qt.MouseButton.LeftButton)
    report = done.args[0]
    assert (report["found"], report["marks"], report["key_size"]) == (2, 3, len(key))
    text = window.result_label.text()
    assert f"You found 2 of the {len(key)} claims; 2 of your 3 marks were claims." in text
    assert all(k["quote"].split()[0] in text for k in key[2:])  # the missed claims are listed
    assert len(window.text.extraSelections()) == len(key) + 1  # found, missed and the stray mark

    stored = session_store.get_session(db, window.session.uuid)
    assert stored.mode == Mode.SPOTTING and stored.status == Status.SUBMITTED and stored.time_used_s == 95
    score = session_store.get_score(db, window.session.uuid)
    assert score["precision"] == pytest.approx(2 / 3) and score["recall"] == pytest.approx(2 / len(key))


def test_removing_a_mark_forgets_it(qtbot, db, drill, practice_article):
    window, _clock = drill
    _article, key = practice_article
    window.start()
    select(window, key[0]["start"], key[0]["end"])
    window.mark_selection()
    window.mark_list.setCurrentRow(0)
    qtbot.mouseClick(window.remove_button, Qt.MouseButton.LeftButton)
    assert window.mark_list.count() == 0 and session_store.list_claims(db, window.session.uuid) == []


def test_the_drill_hands_itself_in_when_time_runs_out(qtbot, db, drill, practice_article):
    window, clock = drill
    _article, key = practice_article
    window.time_box.setCurrentIndex(window.time_box.findData(180))
    window.start()
    select(window, key[0]["start"], key[0]["end"])
    window.mark_selection()
    assert "3:00" in window.clock_label.text()
    clock.advance(181)
    with qtbot.waitSignal(window.finished_drill, timeout=3000):
        pass  # the window's timer looks at the clock
    assert session_store.get_session(db, window.session.uuid).time_used_s == 180
    assert not window.mark_button.isEnabled()


def test_an_article_without_a_key_explains_and_starts_nothing(qtbot, db, article_file):
    from rebuttal_lab.store.profiles import get_or_create_student

    article = library.import_paths(db, [article_file])[0].article
    window = SpottingDrill(db, get_or_create_student(db, "Ana"), article)
    qtbot.addWidget(window)
    assert "has no answer key" in window.header.text() and not window.start_button.isEnabled()
    assert db["sessions"].count == 0


def test_a_coach_key_is_preferred_over_the_bundled_one(db, practice_article):
    from rebuttal_lab.store import coach

    article, bundled = practice_article
    author = coach.create_coach(db, "Ms Okafor", "correct horse battery")
    packs.save_answer_key(db, article.uuid, author.uuid, bundled[:1])
    assert spotting_drill.answer_key_for(db, article.uuid) == bundled[:1]


def test_the_main_window_starts_a_drill_on_the_selected_article(qtbot, main_window):
    results = library.import_paths(main_window.db, [library.practice_article_files()[0]])
    main_window.library.refresh(select_uuid=results[0].article.uuid)
    main_window.spotting_action.trigger()
    assert main_window.spotting.isVisible() and main_window.spotting.start_button.isEnabled()
    main_window.spotting.close()


def test_a_spotting_drill_interrupted_by_a_crash_is_scored_at_the_next_start(main_window):
    article = library.import_paths(main_window.db, [library.practice_article_files()[0]])[0].article
    key = spotting_drill.answer_key_for(main_window.db, article.uuid)
    session = spotting_drill.start(main_window.db, article, main_window.profile.uuid, 300)
    spotting_drill.mark(main_window.db, session.uuid, key[0]["start"], key[0]["end"])
    main_window.resume_latest()  # as at start-up after the crash
    assert main_window.controller.session is None  # not opened as a rebuttal session
    assert session_store.get_session(main_window.db, session.uuid).status == Status.SUBMITTED
    assert session_store.get_score(main_window.db, session.uuid)["found"] == 1
