"""Progress series per student and per class, and the kinds of claim most often dropped."""

from __future__ import annotations

from coach_helpers import SESSIONS, session_spec
from rebuttal_lab.services import progress

SPECS = [session_spec(i) for i in range(SESSIONS)]


def test_student_series_follows_their_sessions_in_date_order(db, classroom):
    ana = [s for s in SPECS if s["student"] == "Ana Alvarez"]
    result = progress.student_progress(db, classroom.students["Ana Alvarez"])
    assert result.title == "Ana Alvarez"
    assert [p.when for p in result.points] == [s["day"].isoformat() for s in ana]
    def rebuttal(spec: dict, key: str):  # a spotting session's score is not a rebuttal score
        return None if spec["mode"] == "spotting" else spec[key]
    assert [p.overall for p in result.points] == [rebuttal(s, "overall") for s in ana]
    assert [p.breadth for p in result.points] == [rebuttal(s, "breadth") for s in ana]
    assert [p.evidence for p in result.points] == [rebuttal(s, "evidence") for s in ana]
    spotting = [p for p in result.points if p.mode == "spotting"]
    assert spotting and all(p.precision is not None and p.recall is not None for p in spotting)
    assert all(p.precision is None for p in result.points if p.mode != "spotting")
    i = next(n for n, s in enumerate(SPECS) if s["student"] == "Ana Alvarez" and s["mode"] == "spotting")
    assert (spotting[0].precision, spotting[0].recall) == (0.5 + i / 100, 0.25 + i / 100)


def test_date_range_narrows_the_series(db, classroom):
    result = progress.student_progress(db, classroom.students["Ben Brook"], "2026-01-10", "2026-01-20")
    assert [p.when for p in result.points] == [s["day"].isoformat() for s in SPECS if s["student"] == "Ben Brook"
                                               and "2026-01-10" <= s["day"].isoformat() <= "2026-01-20"]


def test_weekly_counts_sessions_and_drills(db, classroom):
    weeks = progress.weekly_counts(db)
    assert [w["week"] for w in weeks] == ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26", "2026-02-02"]
    assert [w["sessions"] for w in weeks] == [7, 7, 7, 7, 2]
    assert sum(w["drills"] for w in weeks) == sum(s["mode"] == "drill" for s in SPECS)


def test_most_dropped_kinds_per_student_and_class(db, classroom):
    # Every session drops its evidence claim; even-numbered sessions also drop the example.
    assert progress.dropped_kinds(db) == [("evidence", 30), ("example", 15)]
    ana = progress.student_progress(db, classroom.students["Ana Alvarez"])
    assert ana.dropped_kinds == [("evidence", 10), ("example", 5)]


def test_class_progress_averages_each_week_and_sums_up_students(db, classroom):
    result = progress.class_progress(db)
    first_week = [s for s in SPECS if s["day"].isoformat() < "2026-01-12"]
    assert result.points[0].sessions == len(first_week)
    scored = [s["overall"] for s in first_week if s["mode"] != "spotting"]  # spotting F1 is not averaged in
    assert abs(result.points[0].overall - sum(scored) / len(scored)) < 1e-9
    assert [s["student"] for s in result.students] == ["Ana Alvarez", "Ben Brook", "Cleo Chen"]
    assert [s["sessions"] for s in result.students] == [10, 10, 10]
