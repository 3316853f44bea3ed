"""How a student, or the whole class, moves over time: coverage, breadth, evidence, claim spotting,
sessions per week, and the kinds of claim most often left dropped.

All aggregation happens in SQL (a class may have 100,000 sessions); Python only receives one row per
session of one student, or one row per week.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlite_utils

from rebuttal_lab.store.dashboard import Filters, class_where


@dataclass
class Point:
    """One session of a student (per-student series) or one week of the class (class series)."""

    when: str  # ISO date (the session's day, or the Monday of the week)
    overall: float | None
    breadth: float | None
    evidence: float | None
    precision: float | None = None  # claim spotting only
    recall: float | None = None
    sessions: int = 1
    session_uuid: str | None = None
    article: str = ""
    mode: str = ""


@dataclass
class Progress:
    title: str  # the student's name, or "Class"
    points: list[Point] = field(default_factory=list)
    weekly: list[dict] = field(default_factory=list)  # {"week": Monday, "sessions": n, "drills": n}
    dropped_kinds: list[tuple[str, int]] = field(default_factory=list)  # most often dropped first
    students: list[dict] = field(default_factory=list)  # class only: per-student summary rows


_WEEK = "date(substr(s.started_at, 1, 10), 'weekday 0', '-6 days')"  # Monday of the session's week
_PRECISION = "CASE WHEN s.mode = 'spotting' THEN json_extract(sc.details_json, '$.precision') END"
_RECALL = "CASE WHEN s.mode = 'spotting' THEN json_extract(sc.details_json, '$.recall') END"
_FROM = "FROM sessions s LEFT JOIN scores sc ON sc.session_uuid = s.uuid"


def _rebuttal(column: str) -> str:
    """A rebuttal score; NULL for a claim-spotting session, whose score row holds F1, recall and precision
    (services.spotting_drill) and would otherwise be averaged in with rebuttal scores."""
    return f"CASE WHEN s.mode != 'spotting' THEN sc.{column} END"


def _where(db: sqlite_utils.Database, student: str | None, date_from: date | str | None,
           date_to: date | str | None) -> tuple[str, list]:
    return class_where(db, Filters(student=student, date_from=date_from, date_to=date_to))


def student_progress(db: sqlite_utils.Database, profile_uuid: str, date_from: date | str | None = None,
                     date_to: date | str | None = None) -> Progress:
    name = db.execute("SELECT name FROM profiles WHERE uuid = ?", [profile_uuid]).fetchone()
    if name is None:
        raise KeyError(f"no profile {profile_uuid}")
    where, params = _where(db, profile_uuid, date_from, date_to)
    rows = db.execute(
        f"SELECT substr(s.started_at, 1, 10), {_rebuttal('overall')}, {_rebuttal('breadth')},"
        f" {_rebuttal('evidence')}, {_PRECISION}, {_RECALL},"
        f" s.uuid, a.title, s.mode {_FROM} JOIN articles a ON a.uuid = s.article_uuid{where}"
        " ORDER BY s.started_at, s.uuid", params).fetchall()
    points = [Point(when=r[0], overall=r[1], breadth=r[2], evidence=r[3], precision=r[4], recall=r[5],
                    session_uuid=r[6], article=r[7], mode=r[8]) for r in rows]
    return Progress(title=name[0], points=points, weekly=weekly_counts(db, profile_uuid, date_from, date_to),
                    dropped_kinds=dropped_kinds(db, profile_uuid, date_from, date_to))


def class_progress(db: sqlite_utils.Database, date_from: date | str | None = None,
                   date_to: date | str | None = None) -> Progress:
    """Weekly class averages, per-student summaries and the class's most dropped claim kinds."""
    where, params = _where(db, None, date_from, date_to)
    rows = db.execute(
        f"SELECT {_WEEK} AS week, avg({_rebuttal('overall')}), avg({_rebuttal('breadth')}),"
        f" avg({_rebuttal('evidence')}), avg({_PRECISION}),"
        f" avg({_RECALL}), count(*) {_FROM}{where} GROUP BY week ORDER BY week", params).fetchall()
    points = [Point(when=r[0], overall=r[1], breadth=r[2], evidence=r[3], precision=r[4], recall=r[5],
                    sessions=r[6]) for r in rows]
    students = list(db.query(
        f"SELECT p.uuid, p.name AS student, count(*) AS sessions, avg({_rebuttal('overall')}) AS overall,"
        f" avg({_rebuttal('breadth')}) AS breadth, avg({_rebuttal('evidence')}) AS evidence,"
        " max(s.started_at) AS last_session"
        f" {_FROM} JOIN profiles p ON p.uuid = s.profile_uuid{where}"
        " GROUP BY p.uuid ORDER BY p.name COLLATE NOCASE", params))
    return Progress(title="Class", points=points, weekly=weekly_counts(db, None, date_from, date_to),
                    dropped_kinds=dropped_kinds(db, None, date_from, date_to), students=students)


def weekly_counts(db: sqlite_utils.Database, profile_uuid: str | None = None,
                  date_from: date | str | None = None, date_to: date | str | None = None) -> list[dict]:
    """Sessions per week (every mode) and, of those, drills."""
    where, params = _where(db, profile_uuid, date_from, date_to)
    return list(db.query(
        f"SELECT {_WEEK} AS week, count(*) AS sessions, sum(s.mode = 'drill') AS drills"
        f" FROM sessions s{where} GROUP BY week ORDER BY week", params))


def dropped_kinds(db: sqlite_utils.Database, profile_uuid: str | None = None,
                  date_from: date | str | None = None, date_to: date | str | None = None,
                  limit: int = 10) -> list[tuple[str, int]]:
    """Claim kinds the latest score reports mark "missed" (dropped), most often first.

    The report's claim ids are the claims' uuids (services.practice.score_inputs), so each verdict joins
    back to the kind the student gave the claim.
    """
    where, params = _where(db, profile_uuid, date_from, date_to)
    rows = db.execute(
        "SELECT c.kind, count(*) AS n FROM sessions s JOIN scores sc ON sc.session_uuid = s.uuid,"
        " json_each(sc.details_json, '$.claims') AS j"
        " JOIN claims c ON c.uuid = json_extract(j.value, '$.id')"
        f"{where}{' AND' if where else ' WHERE'} json_extract(j.value, '$.verdict') = 'missed'"
        " GROUP BY c.kind ORDER BY n DESC, c.kind LIMIT ?", [*params, limit]).fetchall()
    return [(kind, n) for kind, n in rows]
