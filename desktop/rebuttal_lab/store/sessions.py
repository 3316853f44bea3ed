"""Practice sessions with their claims, rebuttals and latest score.

Every write is its own short transaction, so the GUI can save after each edit and a killed process
loses nothing that was written before it died.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields

import sqlite_utils

from rebuttal_lab.core.models import Claim, ClaimKind, Mode, Rebuttal, Session, Status, now_iso

_SESSION_FIELDS = {f.name for f in fields(Session)}


class SessionLocked(Exception):
    """Raised when something tries to change a submitted session."""


def _session(row: dict) -> Session:
    session = Session(**{k: v for k, v in row.items() if k in _SESSION_FIELDS})
    session.mode = Mode(session.mode)
    session.status = Status(session.status)
    return session


def _claim(row: dict) -> Claim:
    claim = Claim(**row)
    claim.kind = ClaimKind(claim.kind) if claim.kind in ClaimKind._value2member_map_ else ClaimKind.MAIN
    return claim


# --- sessions -------------------------------------------------------------------------------------

def create_session(db: sqlite_utils.Database, session: Session) -> Session:
    with db.atomic():
        db["sessions"].insert(asdict(session))
    return session


def get_session(db: sqlite_utils.Database, uuid: str) -> Session | None:
    rows = list(db.query("SELECT * FROM sessions WHERE uuid = ?", [uuid]))
    return _session(rows[0]) if rows else None


def find_sessions(db: sqlite_utils.Database, ref: str) -> list[Session]:
    return [_session(r) for r in db.query("SELECT * FROM sessions WHERE uuid LIKE ? || '%'", [ref])]


def _ensure_open(db: sqlite_utils.Database, session_uuid: str) -> None:
    rows = list(db.query("SELECT status FROM sessions WHERE uuid = ?", [session_uuid]))
    if not rows:
        raise KeyError(f"no session {session_uuid}")
    if rows[0]["status"] == Status.SUBMITTED:
        raise SessionLocked(f"session {session_uuid[:8]} was submitted and is read-only")


def _touch(db: sqlite_utils.Database, session_uuid: str) -> None:
    db.execute("UPDATE sessions SET updated_at = ? WHERE uuid = ?", [now_iso(), session_uuid])


def update_session(db: sqlite_utils.Database, session_uuid: str, **changes) -> None:
    """Change session settings (writing mode, time used, limits) while it is open."""
    allowed = {"writing", "time_used_s", "time_limit_s", "prep_limit_s", "mode"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"cannot change {sorted(unknown)}")
    with db.atomic():
        _ensure_open(db, session_uuid)
        db["sessions"].update(session_uuid, {**changes, "updated_at": now_iso()})


def submit_session(db: sqlite_utils.Database, session_uuid: str, time_used_s: float | None = None) -> None:
    with db.atomic():
        _ensure_open(db, session_uuid)
        changes = {"status": Status.SUBMITTED.value, "submitted_at": now_iso(), "updated_at": now_iso()}
        if time_used_s is not None:
            changes["time_used_s"] = time_used_s
        db["sessions"].update(session_uuid, changes)


def delete_session(db: sqlite_utils.Database, session_uuid: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM sessions WHERE uuid = ?", [session_uuid])


def list_sessions(db: sqlite_utils.Database, profile_uuid: str | None = None) -> list[dict]:
    """History rows, newest first: session fields plus article title, student name and score."""
    where, params = "", []
    if profile_uuid:
        where, params = "WHERE s.profile_uuid = ?", [profile_uuid]
    return list(
        db.query(
            f"""
            SELECT s.uuid, s.article_uuid, s.profile_uuid, s.mode, s.writing, s.status,
                   s.started_at, s.updated_at, s.submitted_at, s.time_used_s, s.time_limit_s, s.redo_of,
                   s.reviewed_at, s.grade,
                   a.title AS article_title, p.name AS student,
                   sc.overall AS score, sc.breadth, sc.depth, sc.evidence,
                   (SELECT count(*) FROM claims c WHERE c.session_uuid = s.uuid) AS claims
            FROM sessions s
            JOIN articles a ON a.uuid = s.article_uuid
            JOIN profiles p ON p.uuid = s.profile_uuid
            LEFT JOIN scores sc ON sc.session_uuid = s.uuid
            {where}
            ORDER BY s.started_at DESC
            """,
            params,
        )
    )


# --- claims ---------------------------------------------------------------------------------------

def list_claims(db: sqlite_utils.Database, session_uuid: str) -> list[Claim]:
    rows = db.query(
        'SELECT uuid, session_uuid, start, "end", quote, prefix, suffix, kind, note, position '
        "FROM claims WHERE session_uuid = ? ORDER BY position, start",
        [session_uuid],
    )
    return [_claim(r) for r in rows]


def save_claim(db: sqlite_utils.Database, claim: Claim) -> None:
    """Insert or replace one claim."""
    with db.atomic():
        _ensure_open(db, claim.session_uuid)
        row = asdict(claim)
        row["kind"] = ClaimKind(claim.kind).value
        db["claims"].upsert(row, pk="uuid")
        _touch(db, claim.session_uuid)


def delete_claim(db: sqlite_utils.Database, claim: Claim) -> None:
    with db.atomic():
        _ensure_open(db, claim.session_uuid)
        db.execute("DELETE FROM claims WHERE uuid = ?", [claim.uuid])
        _touch(db, claim.session_uuid)


def set_claim_order(db: sqlite_utils.Database, session_uuid: str, ordered_uuids: list[str]) -> None:
    with db.atomic():
        _ensure_open(db, session_uuid)
        for position, uuid in enumerate(ordered_uuids):
            db.execute(
                "UPDATE claims SET position = ? WHERE uuid = ? AND session_uuid = ?",
                [position, uuid, session_uuid],
            )
        _touch(db, session_uuid)


# --- rebuttals ------------------------------------------------------------------------------------

def list_rebuttals(db: sqlite_utils.Database, session_uuid: str) -> list[Rebuttal]:
    rows = db.query(
        "SELECT uuid, session_uuid, claim_uuid, text, updated_at FROM rebuttals WHERE session_uuid = ?",
        [session_uuid],
    )
    return [Rebuttal(**r) for r in rows]


def save_rebuttal_text(db: sqlite_utils.Database, session_uuid: str, claim_uuid: str | None, text: str) -> None:
    """Store the text answering one claim (claim_uuid) or the whole speech (None)."""
    with db.atomic():
        _ensure_open(db, session_uuid)
        stamp = now_iso()
        updated = db.execute(
            "UPDATE rebuttals SET text = ?, updated_at = ? WHERE session_uuid = ? AND claim_uuid IS ?",
            [text, stamp, session_uuid, claim_uuid],
        ).rowcount
        if not updated:
            db["rebuttals"].insert(
                asdict(Rebuttal(session_uuid=session_uuid, claim_uuid=claim_uuid, text=text, updated_at=stamp))
            )
        _touch(db, session_uuid)


# --- scores ---------------------------------------------------------------------------------------

def save_score(db: sqlite_utils.Database, session_uuid: str, report: dict) -> None:
    """Keep the latest coverage report of a session (the scorer's JSON contract)."""
    parts = report.get("parts", {})
    with db.atomic():
        db["scores"].upsert(
            {
                "session_uuid": session_uuid,
                "computed_at": now_iso(),
                "scorer_version": report.get("scorer_version", ""),
                "overall": float(report.get("overall", 0.0)),
                "breadth": float(parts.get("breadth", 0.0)),
                "depth": float(parts.get("depth", 0.0)),
                "evidence": float(parts.get("evidence", 0.0)),
                "details_json": json.dumps(report),
            },
            pk="session_uuid",
        )


def get_score(db: sqlite_utils.Database, session_uuid: str) -> dict | None:
    rows = list(db.query("SELECT details_json FROM scores WHERE session_uuid = ?", [session_uuid]))
    return json.loads(rows[0]["details_json"]) if rows else None
