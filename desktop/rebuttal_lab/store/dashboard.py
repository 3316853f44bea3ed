"""The coach's dashboard: every session of the class, filtered, sorted and read one page at a time.

Nothing here loads the whole class into Python: `page` returns at most MAX_PAGE rows and `count` is a
SQL count. Every value is a bound parameter; the sort column comes from the COLUMNS whitelist only.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    join: str = ""  # the table the expression needs: "p", "a" or "sc" (scores)


COLUMNS: tuple[Column, ...] = (
    Column("student", "Student", "p.name COLLATE NOCASE", "p"),
    Column("article", "Article", "a.title COLLATE NOCASE", "a"),
    Column("started_at", "Date", "s.started_at"),
    Column("mode", "Mode", "s.mode"),
    Column("time_used_s", "Time used", "s.time_used_s"),
    Column("overall", "Score", "sc.overall", "sc"),
    Column("breadth", "Breadth", "sc.breadth", "sc"),
    Column("evidence", "Evidence", "sc.evidence", "sc"),
    Column("reviewed", "Reviewed", "s.reviewed_at"),  # not reviewed first, then by when
)
_BY_KEY = {c.key: c for c in COLUMNS}
_JOINS = {"p": " JOIN profiles p ON p.uuid = s.profile_uuid", "a": " JOIN articles a ON a.uuid = s.article_uuid",
          "sc": " JOIN scores sc ON sc.session_uuid = s.uuid"}


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
    # Coaches practise too (to record answer keys): the class's lists and figures leave their sessions out
    # unless asked, or unless a coach is the one profile picked.
    coaches: bool = False

    @property
    def needs_scores(self) -> bool:
        return self.score_min is not None or self.score_max is not None


_SELECT = """
SELECT s.rowid AS rid, s.uuid, p.name AS student, a.title AS article, s.started_at, s.mode, s.time_used_s,
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


def practising_coaches(db: sqlite_utils.Database) -> list[str]:
    """Coaches with sessions of their own. Usually none: then the class views need no condition at all."""
    return [r[0] for r in db.execute("SELECT uuid FROM profiles p WHERE role = 'coach'"
                                     " AND EXISTS (SELECT 1 FROM sessions s WHERE s.profile_uuid = p.uuid)")]


def class_where(db: sqlite_utils.Database, filters: Filters, score_index: bool = True) -> tuple[str, list]:
    """where_clause for the class as it is in this database (which coaches have sessions to leave out)."""
    return where_clause(filters, score_index, _left_out(db, filters))


def _left_out(db: sqlite_utils.Database, filters: Filters) -> list[str]:
    return [] if filters.student or filters.coaches else practising_coaches(db)


def where_clause(filters: Filters, score_index: bool = True, left_out: Sequence[str] = ()) -> tuple[str, list]:
    """The WHERE part (with a leading space, or empty) and its parameters; left_out: profiles whose
    sessions are not the class's (the coaches', see Filters.coaches).

    score_index=False keeps SQLite off the score index (unary +): a score range matches a large share of
    the class, and walking the sort's index while checking each score stops after a page, where the score
    index would collect and sort thousands of sessions (200 ms at 100,000 sessions, against a few ms).
    """
    score = "sc.overall" if score_index else "+sc.overall"
    terms: list[str] = []
    params: list = []

    def add(term: str, *values) -> None:
        terms.append(term)
        params.extend(values)

    if filters.student:
        add("s.profile_uuid = ?", filters.student)
    if left_out:
        add(f"s.profile_uuid NOT IN ({', '.join('?' * len(left_out))})", *left_out)
    if filters.article:
        add("s.article_uuid = ?", filters.article)
    if filters.date_from:
        add("s.started_at >= ?", _day(filters.date_from).isoformat())
    if filters.date_to:  # started_at holds a time too: compare with the start of the next day
        add("s.started_at < ?", (_day(filters.date_to) + timedelta(days=1)).isoformat())
    if filters.mode:
        add("s.mode = ?", filters.mode)
    if filters.score_min is not None:
        add(f"{score} >= ?", float(filters.score_min))
    if filters.score_max is not None:
        add(f"{score} <= ?", float(filters.score_max))
    if filters.reviewed is not None:
        add("s.reviewed_at IS NOT NULL" if filters.reviewed else "s.reviewed_at IS NULL")
    for word in filters.search.split():
        # Profiles and articles are few: match them first, then sessions by their indexed uuids.
        pattern = _like(word)
        add("(s.profile_uuid IN (SELECT uuid FROM profiles WHERE name LIKE ? ESCAPE '\\')"
            " OR s.article_uuid IN (SELECT uuid FROM articles WHERE title LIKE ? ESCAPE '\\'))",
            pattern, pattern)
    return (" WHERE " + " AND ".join(terms) if terms else ""), params


def _column(sort: str) -> Column:
    column = _BY_KEY.get(sort)
    if column is None:
        raise ValueError(f"cannot sort by {sort!r}; choose one of {', '.join(_BY_KEY)}")
    return column


def order_clause(sort: str, descending: bool) -> str:
    """ORDER BY the column, then date, then rowid: ties never move between pages, and every index the
    dashboard uses ends in (started_at, rowid), so SQLite reads it in order instead of sorting."""
    direction = "DESC" if descending else "ASC"
    return f" ORDER BY {_column(sort).sql} {direction}, s.started_at {direction}, s.rowid {direction}"


def page_id_queries(filters: Filters, sort: str, descending: bool,
                    left_out: Sequence[str] = ()) -> list[tuple[str, list]]:
    """The queries whose rowids, one after the other, make the sorted list (LIMIT/OFFSET added later).

    One query for most sorts. For a score column a LEFT JOIN would make SQLite walk every session and sort
    them all by score; instead the scored sessions come from the score's index in order (CROSS JOIN keeps
    scores the outer loop), followed by the unscored ones. Two top-level queries, not a UNION ALL of
    ordered subqueries, because SQLite may drop a subquery's ORDER BY.
    """
    column = _column(sort)
    where, params = where_clause(filters, score_index=column.join == "sc", left_out=left_out)
    if column.join != "sc":
        joins = "".join(_JOINS[t] for t in ("p", "a") if t == column.join)
        joins += _JOINS["sc"] if filters.needs_scores else ""
        return [(f"SELECT s.rowid FROM sessions s{joins}{where}{order_clause(sort, descending)}", params)]
    direction = "DESC" if descending else "ASC"
    queries = [(f"SELECT s.rowid FROM scores sc CROSS JOIN sessions s ON s.uuid = sc.session_uuid{where}"
                f" ORDER BY {column.sql} {direction}, sc.rowid {direction}", params)]
    if not filters.needs_scores:
        unscored = (where + " AND" if where else " WHERE") + \
            " NOT EXISTS (SELECT 1 FROM scores x WHERE x.session_uuid = s.uuid)"
        queries.append((f"SELECT s.rowid FROM sessions s{unscored} ORDER BY s.rowid {direction}", params))
    return queries


def _page_ids(db: sqlite_utils.Database, filters: Filters, sort: str, descending: bool, offset: int,
              limit: int) -> list[int]:
    ids: list[int] = []
    for sql, params in page_id_queries(filters, sort, descending, _left_out(db, filters)):
        got = [r[0] for r in db.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit - len(ids), offset])]
        ids += got
        if len(ids) >= limit:
            break
        # This part ran out: the next one starts at its beginning, or further in if the page started
        # past this part's end (counted only then, so normal pages cost one query).
        if got:
            offset = 0
        else:
            offset = max(0, offset - db.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])
    return ids


def page(db: sqlite_utils.Database, filters: Filters = Filters(), sort: str = "started_at",
         descending: bool = True, offset: int = 0, limit: int = PAGE_SIZE) -> list[dict]:
    """At most `limit` (capped at MAX_PAGE) dashboard rows, starting at `offset`.

    Two steps: the page's rowids (sorting only what the order needs), then the columns of those rows;
    joining names, titles and scores for the whole class just to sort it would be most of the cost.
    """
    limit = max(0, min(int(limit), MAX_PAGE))
    ids = _page_ids(db, filters, sort, descending, max(0, int(offset)), limit) if limit else []
    if not ids:
        return []
    rows = {r["rid"]: r for r in db.query(f"{_SELECT} WHERE s.rowid IN ({', '.join('?' * len(ids))})", ids)}
    result = []
    for rid in ids:
        row = rows[rid]
        del row["rid"]
        row["reviewed"] = bool(row["reviewed"])
        result.append(row)
    return result


def count(db: sqlite_utils.Database, filters: Filters = Filters()) -> int:
    """How many sessions match; joins the scores only when a score range asks for them."""
    left_out = _left_out(db, filters)
    where, params = where_clause(filters, left_out=left_out)
    only_scores = Filters(score_min=filters.score_min, score_max=filters.score_max, coaches=filters.coaches)
    if filters.needs_scores and filters == only_scores and not left_out:
        # Only a score range: every score belongs to a session (foreign key), so count the score index alone.
        return db.execute(f"SELECT count(*) FROM scores sc{where}", params).fetchone()[0]
    join = " JOIN scores sc ON sc.session_uuid = s.uuid" if filters.needs_scores else ""
    return db.execute(f"SELECT count(*) FROM sessions s{join}{where}", params).fetchone()[0]


def students(db: sqlite_utils.Database) -> list[dict]:
    """Choices for the student filter: every student with at least one session."""
    return list(db.query(
        "SELECT uuid, name FROM profiles p WHERE role = 'student'"
        " AND EXISTS (SELECT 1 FROM sessions s WHERE s.profile_uuid = p.uuid) ORDER BY name COLLATE NOCASE"))


def articles(db: sqlite_utils.Database) -> list[dict]:
    """Choices for the article filter: every article practised at least once."""
    return list(db.query(
        "SELECT uuid, title FROM articles a WHERE EXISTS (SELECT 1 FROM sessions s WHERE s.article_uuid = a.uuid)"
        " ORDER BY title COLLATE NOCASE"))
