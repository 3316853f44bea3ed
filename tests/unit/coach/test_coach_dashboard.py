"""Dashboard queries over the small class: filters, sorts, paging and search return the right rows."""

from __future__ import annotations

import pytest

from coach_helpers import SESSIONS, STUDENTS, TITLES, session_spec
from rebuttal_lab.store import dashboard
from rebuttal_lab.store.dashboard import Filters

SPECS = [session_spec(i) for i in range(SESSIONS)]


def uuids(rows):
    return [r["uuid"] for r in rows]


def all_rows(db, filters=None, sort="started_at", descending=True):
    rows, offset, filters = [], 0, filters or Filters()
    while True:
        chunk = dashboard.page(db, filters, sort, descending, offset=offset, limit=7)
        assert len(chunk) <= 7
        rows += chunk
        if len(chunk) < 7:
            return rows
        offset += 7


def test_default_page_is_newest_first_and_carries_every_column(db, classroom):
    rows = dashboard.page(db, limit=5)
    assert len(rows) == 5
    newest = classroom.sessions[-1]
    first = rows[0]
    assert first["uuid"] == newest["uuid"]
    assert (first["student"], first["article"], first["mode"]) == (newest["student"], newest["article"],
                                                                    newest["mode"])
    assert first["time_used_s"] == newest["time_used_s"]
    assert (first["overall"], first["breadth"], first["evidence"]) == (
        newest["overall"], newest["breadth"], newest["evidence"])
    assert first["reviewed"] is newest["reviewed"]
    assert dashboard.count(db) == SESSIONS


def test_pages_never_exceed_the_cap_and_join_up_without_gaps(db, classroom):
    assert len(dashboard.page(db, limit=10_000)) <= dashboard.MAX_PAGE
    rows = all_rows(db)
    assert len(rows) == SESSIONS == len(set(uuids(rows)))


@pytest.mark.parametrize("filters, expected", [
    (Filters(mode="drill"), lambda s: s["mode"] == "drill"),
    (Filters(reviewed=True), lambda s: s["reviewed"]),
    (Filters(reviewed=False), lambda s: not s["reviewed"]),
    (Filters(score_min=0.5, score_max=0.8), lambda s: 0.5 <= s["overall"] <= 0.8),
    (Filters(date_from="2026-01-10", date_to="2026-01-14"), lambda s: "2026-01-10" <= s["day"].isoformat()
     <= "2026-01-14"),
    (Filters(search="cleo"), lambda s: s["student"] == "Cleo Chen"),
    (Filters(search="PHONES"), lambda s: s["article"] == "Phones out of class"),
    (Filters(search="ben phones"), lambda s: s["student"] == "Ben Brook" and s["article"] == "Phones out of class"),
    (Filters(search="100%"), lambda s: False),  # % is a character to find, not a wildcard
    (Filters(mode="spotting", reviewed=False, score_min=0.3), lambda s: s["mode"] == "spotting"
     and not s["reviewed"] and s["overall"] >= 0.3),
])
def test_filters_return_exactly_the_matching_sessions(db, classroom, filters, expected):
    want = {s["uuid"] for s in classroom.sessions if expected(s)}
    assert set(uuids(all_rows(db, filters))) == want
    assert dashboard.count(db, filters) == len(want)


def test_student_and_article_filters_take_uuids(db, classroom):
    filters = Filters(student=classroom.students[STUDENTS[1]], article=classroom.articles[TITLES[2]])
    want = {s["uuid"] for s in classroom.sessions if s["student"] == STUDENTS[1] and s["article"] == TITLES[2]}
    assert set(uuids(all_rows(db, filters))) == want and want


@pytest.mark.parametrize("column", [c.key for c in dashboard.COLUMNS])
@pytest.mark.parametrize("descending", [False, True])
def test_every_column_sorts_across_pages(db, classroom, column, descending):
    rows = all_rows(db, sort=column, descending=descending)
    keys = [(r[column].casefold() if isinstance(r[column], str) else r[column]) for r in rows]
    assert keys == sorted(keys, reverse=descending)


def test_unknown_sort_column_is_refused_not_spliced_into_sql(db, classroom):
    with pytest.raises(ValueError, match="cannot sort by"):
        dashboard.page(db, sort="overall; DROP TABLE sessions")


def test_filter_choices_list_students_and_articles(db, classroom):
    assert [r["name"] for r in dashboard.students(db)] == STUDENTS
    assert [r["title"] for r in dashboard.articles(db)] == sorted(TITLES)


@pytest.mark.parametrize("descending", [False, True])
def test_unscored_sessions_come_last_in_a_score_sort(db, classroom, descending):
    db.execute("DELETE FROM scores WHERE session_uuid = ?", [classroom.sessions[3]["uuid"]])
    db.conn.commit()
    rows = all_rows(db, sort="overall", descending=descending)
    assert len(rows) == SESSIONS
    assert rows[-1]["uuid"] == classroom.sessions[3]["uuid"] and rows[-1]["overall"] is None
    scores = [r["overall"] for r in rows[:-1]]
    assert scores == sorted(scores, reverse=descending)
    assert len(all_rows(db, Filters(score_min=0.0), sort="overall")) == SESSIONS - 1


def test_ties_keep_a_stable_order_newest_first(db, classroom):
    rows = all_rows(db, sort="mode", descending=False)
    practice = [r["started_at"] for r in rows if r["mode"] == "practice"]
    assert practice == sorted(practice)


def test_a_page_starting_past_the_scored_sessions_finds_the_unscored(db, classroom):
    for spec in classroom.sessions[:3]:
        db.execute("DELETE FROM scores WHERE session_uuid = ?", [spec["uuid"]])
    db.conn.commit()
    tail = dashboard.page(db, sort="breadth", offset=SESSIONS - 2, limit=5)
    assert [r["breadth"] for r in tail] == [None, None]
    straddling = dashboard.page(db, sort="breadth", offset=SESSIONS - 5, limit=5)
    assert [r["breadth"] is None for r in straddling] == [False, False, True, True, True]
