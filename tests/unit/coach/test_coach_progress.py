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


def test_the_coachs_own_practice_stays_out_of_the_class_views(db, classroom):
    """A coach practises to record answer keys; the class's lists, figures and reports leave that out."""
    from rebuttal_lab.core.models import Mode, Session
    from rebuttal_lab.services.reports import ReportScope, session_rows
    from rebuttal_lab.store import dashboard
    from rebuttal_lab.store import sessions as session_store
    from rebuttal_lab.store.dashboard import Filters

    before = progress.class_progress(db)
    own = Session(article_uuid=next(iter(classroom.articles.values())), profile_uuid=classroom.coach_uuid,
                  mode=Mode.PRACTICE, started_at="2026-01-06T09:00:00.000+00:00")
    session_store.create_session(db, own)
    session_store.save_score(db, own.uuid, {"scorer_version": "test", "overall": 1.0,
                                            "parts": {"breadth": 1.0, "depth": 1.0, "evidence": 1.0}, "claims": []})

    after = progress.class_progress(db)
    assert [s["student"] for s in after.students] == [s["student"] for s in before.students]
    assert after.points[0].sessions == before.points[0].sessions
    assert after.points[0].overall == before.points[0].overall
    assert dashboard.count(db) == SESSIONS
    assert dashboard.count(db, Filters(score_min=0.9, score_max=1.0)) == dashboard.count(
        db, Filters(score_min=0.9, score_max=1.0, coaches=True)) - 1
    assert own.uuid not in {row["uuid"] for row in dashboard.page(db, limit=100)}
    assert classroom.coach_uuid not in {s["uuid"] for s in dashboard.students(db)}
    assert own.uuid not in {row[0] for row in session_rows(db, ReportScope(kind="class"))}
    # asked for by name, the coach's sessions are there; and with coaches=True in the class list
    assert [p.session_uuid for p in progress.student_progress(db, classroom.coach_uuid).points] == [own.uuid]
    assert dashboard.count(db, Filters(coaches=True)) == SESSIONS + 1
