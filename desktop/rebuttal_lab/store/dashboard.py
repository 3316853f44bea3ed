"""The coach's dashboard: every session of the class, filtered, sorted and read one page at a time.

Nothing here loads the whole class into Python: `page` returns at most MAX_PAGE rows and `count` is a
SQL count. Every value is a bound parameter; the sort column comes from the COLUMNS whitelist only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlite_utils

PAGE_SIZE = 100
MAX_PAGE = 500


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    sql: str  # the ORDER BY expression


COLUMNS: tuple[Column, ...] = (
    Column("student", "Student", "p.name COLLATE NOCASE"),
    Column("article", "Article", "a.title COLLATE NOCASE"),
    Column("started_at", "Date", "s.started_at"),
    Column("mode", "Mode", "s.mode"),
    Column("time_used_s", "Time used", "s.time_used_s"),
    Column("overall", "Score", "sc.overall"),
    Column("breadth", "Breadth", "sc.breadth"),
    Column("evidence", "Evidence", "sc.evidence"),
    Column("reviewed", "Reviewed", "s.reviewed_at IS NOT NULL"),
)
_BY_KEY = {c.key: c for c in COLUMNS}


@dataclass(frozen=True)
class Filters:
    """What the coach narrowed the list to; None (or "") means no restriction."""

    student: str | None = None  # profile uuid
    article: str | None = None  # article uuid
    date_from: date | str | None = None  # inclusive, on started_at
    date_to: date | str | None = None  # inclusive
    mode: str | None = None
    score_min: float | None = None  # on the overall score, 0.0-1.0; unscored sessions drop out
    score_max: float | None = None
    reviewed: bool | None = None
    search: str = ""  # words in the student's name or the article's title

    @property
    def needs_scores(self) -> bool:
        return self.score_min is not None or self.score_max is not None


_SELECT = """
SELECT s.uuid, p.name AS student, a.title AS article, s.started_at, s.mode, s.time_used_s,
       sc.overall, sc.breadth, sc.evidence, s.reviewed_at IS NOT NULL AS reviewed, s.grade,
       s.profile_uuid, s.article_uuid, s.status
FROM sessions s
JOIN profiles p ON p.uuid = s.profile_uuid
JOIN articles a ON a.uuid = s.article_uuid
LEFT JOIN scores sc ON sc.session_uuid = s.uuid
"""


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where_clause(filters: Filters) -> tuple[str, list]:
    """The WHERE part (with a leading space, or empty) and its parameters."""
    terms: list[str] = []
    params: list = []

    def add(term: str, *values) -> None:
        terms.append(term)
        params.extend(values)

    if filters.student:
        add("s.profile_uuid = ?", filters.student)
    if filters.article:
        add("s.article_uuid = ?", filters.article)
    if filters.date_from:
        add("s.started_at >= ?", _day(filters.date_from).isoformat())
    if filters.date_to:  # started_at holds a time too: compare with the start of the next day
        add("s.started_at < ?", (_day(filters.date_to) + timedelta(days=1)).isoformat())
    if filters.mode:
        add("s.mode = ?", filters.mode)
    if filters.score_min is not None:
        add("sc.overall >= ?", float(filters.score_min))
    if filters.score_max is not None:
        add("sc.overall <= ?", float(filters.score_max))
    if filters.reviewed is not None:
        add("s.reviewed_at IS NOT NULL" if filters.reviewed else "s.reviewed_at IS NULL")
    for word in filters.search.split():
        # Profiles and articles are few: match them first, then sessions by their indexed uuids.
        pattern = _like(word)
        add("(s.profile_uuid IN (SELECT uuid FROM profiles WHERE name LIKE ? ESCAPE '\\')"
            " OR s.article_uuid IN (SELECT uuid FROM articles WHERE title LIKE ? ESCAPE '\\'))",
            pattern, pattern)
    return (" WHERE " + " AND ".join(terms) if terms else ""), params


def order_clause(sort: str, descending: bool) -> str:
    column = _BY_KEY.get(sort)
    if column is None:
        raise ValueError(f"cannot sort by {sort!r}; choose one of {', '.join(_BY_KEY)}")
    direction = "DESC" if descending else "ASC"
    # The uuid breaks ties, so a row never moves between pages of the same query.
    return f" ORDER BY {column.sql} {direction}, s.uuid {direction}"


def page(db: sqlite_utils.Database, filters: Filters = Filters(), sort: str = "started_at",
         descending: bool = True, offset: int = 0, limit: int = PAGE_SIZE) -> list[dict]:
    """At most `limit` (capped at MAX_PAGE) dashboard rows, starting at `offset`."""
    limit = max(0, min(int(limit), MAX_PAGE))
    where, params = where_clause(filters)
    sql = _SELECT + where + order_clause(sort, descending) + " LIMIT ? OFFSET ?"
    rows = list(db.query(sql, [*params, limit, max(0, int(offset))]))
    for row in rows:
        row["reviewed"] = bool(row["reviewed"])
    return rows


def count(db: sqlite_utils.Database, filters: Filters = Filters()) -> int:
    """How many sessions match; joins the scores only when a score range asks for them."""
    where, params = where_clause(filters)
    join = " JOIN scores sc ON sc.session_uuid = s.uuid" if filters.needs_scores else ""
    return db.execute(f"SELECT count(*) FROM sessions s{join}{where}", params).fetchone()[0]


def students(db: sqlite_utils.Database) -> list[dict]:
    """Choices for the student filter: everyone with at least one session."""
    return list(db.query(
        "SELECT uuid, name FROM profiles p WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.profile_uuid = p.uuid)"
        " ORDER BY name COLLATE NOCASE"))


def articles(db: sqlite_utils.Database) -> list[dict]:
    """Choices for the article filter: every article practised at least once."""
    return list(db.query(
        "SELECT uuid, title FROM articles a WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.article_uuid = a.uuid)"
        " ORDER BY title COLLATE NOCASE"))
