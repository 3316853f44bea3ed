"""A coach's feedback on sessions: comments, rubric scores, grade and review state; the rubric itself.

Only coaches write feedback. A comment targets the whole session (target None), one claim (its uuid), a
span of the speech (`speech:<start>-<end>`) or a span of the flow-sheet answer to one claim
(`answer:<claim uuid>:<start>-<end>`). Reviewing and grading change coach-owned columns only, so a
submitted (read-only) session can still be reviewed. Each comment keeps `updated_at`, which bundle merging
uses to let the newer edit win, and `seen_at`, which drives the student's "new feedback" badge.
"""

from __future__ import annotations

import json
import re

import sqlite_utils

from rebuttal_lab.core.models import new_uuid, now_iso
from rebuttal_lab.store.coach import CoachError, is_coach

RUBRIC_MIN, RUBRIC_MAX = 1, 5
_SPAN = re.compile(r"^speech:(\d+)-(\d+)$")
_ANSWER_SPAN = re.compile(r"^answer:([^:]+):(\d+)-(\d+)$")


class FeedbackError(CoachError):
    pass


class NotACoach(FeedbackError):
    pass


def speech_target(start: int, end: int) -> str:
    return f"speech:{start}-{end}"


def answer_target(claim_uuid: str, start: int, end: int) -> str:
    return f"answer:{claim_uuid}:{start}-{end}"


def parse_answer_target(target: str | None) -> tuple[str, int, int] | None:
    """(claim uuid, start, end) of an answer:<claim>:<start>-<end> target, else None."""
    found = _ANSWER_SPAN.match(target or "")
    return (found.group(1), int(found.group(2)), int(found.group(3))) if found else None


def describe_target(target: str | None, quotes: dict[str, str],
                    answers: dict[str | None, str] | None = None) -> str:
    """What a comment is on, in words: the whole session, a claim (quotes: claim uuid -> quote), a passage
    of the speech or of the answer to one claim (answers: claim uuid, or None for the speech -> text),
    quoted when the text is known, else given by its characters."""
    def short(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= 60 else text[:57] + "..."

    def passage(text: str, start: int, end: int) -> str:
        """The words quoted, or where they are when the text is not at hand (or changed since)."""
        return f": “{short(text[start:end])}”" if start < end <= len(text) else f", characters {start}-{end}"

    answers = answers or {}
    if target is None:
        return "whole session"
    if target in quotes:
        return f"claim “{short(quotes[target])}”"
    answer = parse_answer_target(target)
    if answer:
        claim, start, end = answer
        about = f"the answer to claim “{short(quotes[claim])}”" if claim in quotes else "an answer"
        return about + passage(answers.get(claim, ""), start, end)
    span = _SPAN.match(target)
    if span:
        return "speech" + passage(answers.get(None, ""), int(span.group(1)), int(span.group(2)))
    return target


def _require_coach(db: sqlite_utils.Database, profile_uuid: str | None) -> None:
    if not is_coach(db, profile_uuid):
        raise NotACoach("only a coach can write feedback")


def _require_session(db: sqlite_utils.Database, session_uuid: str) -> None:
    if not list(db.query("SELECT 1 FROM sessions WHERE uuid = ?", [session_uuid])):
        raise FeedbackError(f"no session {session_uuid}")


def _check_target(db: sqlite_utils.Database, session_uuid: str, target: str | None) -> None:
    if target is None:
        return
    span = _SPAN.match(target)
    if span:
        if int(span.group(1)) >= int(span.group(2)):
            raise FeedbackError(f"{target}: a span must end after it starts")
        return
    answer = parse_answer_target(target)
    if answer:
        if answer[1] >= answer[2]:
            raise FeedbackError(f"{target}: a span must end after it starts")
        target = answer[0]  # the claim must be one of this session's, as below
    if not list(db.query("SELECT 1 FROM claims WHERE uuid = ? AND session_uuid = ?", [target, session_uuid])):
        raise FeedbackError(f"{target!r} is not a claim of this session, a speech:<start>-<end> span or an "
                            "answer:<claim>:<start>-<end> span")


def _check_rubric(db: sqlite_utils.Database, rubric: dict[str, int] | None) -> str | None:
    if not rubric:
        return None
    known = {c["uuid"] for c in list_criteria(db)}
    for criterion, value in rubric.items():
        if criterion not in known:
            raise FeedbackError(f"no rubric criterion {criterion!r}")
        if not isinstance(value, int) or isinstance(value, bool) or not RUBRIC_MIN <= value <= RUBRIC_MAX:
            raise FeedbackError(f"rubric scores run from {RUBRIC_MIN} to {RUBRIC_MAX}, not {value!r}")
    return json.dumps(rubric, sort_keys=True)


# --- comments and rubric scores --------------------------------------------------------------------

def add_feedback(db: sqlite_utils.Database, session_uuid: str, author_uuid: str, text: str = "",
                 target: str | None = None, rubric: dict[str, int] | None = None) -> str:
    """Store a comment (and/or rubric scores by criterion uuid); returns the feedback's uuid."""
    _require_coach(db, author_uuid)
    if not text.strip() and not rubric:
        raise FeedbackError("feedback needs a comment or rubric scores")
    with db.atomic():
        _require_session(db, session_uuid)
        _check_target(db, session_uuid, target)
        uuid, stamp = new_uuid(), now_iso()
        db["feedback"].insert({
            "uuid": uuid, "session_uuid": session_uuid, "target_uuid": target, "author_uuid": author_uuid,
            "text": text.strip(), "rubric_json": _check_rubric(db, rubric), "created_at": stamp,
            "seen_at": None, "updated_at": stamp,
        })
    return uuid


def edit_feedback(db: sqlite_utils.Database, feedback_uuid: str, author_uuid: str, text: str | None = None,
                  rubric: dict[str, int] | None = None) -> None:
    """Change a comment; the student sees it as new again."""
    _require_coach(db, author_uuid)
    changes: dict = {"updated_at": now_iso(), "seen_at": None}
    if text is not None:
        changes["text"] = text.strip()
    if rubric is not None:
        changes["rubric_json"] = _check_rubric(db, rubric)
    with db.atomic():
        if not db.execute("SELECT 1 FROM feedback WHERE uuid = ?", [feedback_uuid]).fetchone():
            raise FeedbackError(f"no feedback {feedback_uuid}")
        db["feedback"].update(feedback_uuid, changes)


def delete_feedback(db: sqlite_utils.Database, feedback_uuid: str, author_uuid: str) -> None:
    _require_coach(db, author_uuid)
    with db.atomic():
        db.execute("DELETE FROM feedback WHERE uuid = ?", [feedback_uuid])


def list_feedback(db: sqlite_utils.Database, session_uuid: str) -> list[dict]:
    rows = list(db.query(
        "SELECT f.uuid, f.session_uuid, f.target_uuid, f.author_uuid, p.name AS author, f.text, f.rubric_json,"
        " f.created_at, f.updated_at, f.seen_at FROM feedback f LEFT JOIN profiles p ON p.uuid = f.author_uuid"
        " WHERE f.session_uuid = ? ORDER BY f.created_at, f.rowid", [session_uuid]))
    for row in rows:
        row["rubric"] = json.loads(row.pop("rubric_json") or "{}")
    return rows


# --- review and grade ------------------------------------------------------------------------------

def mark_reviewed(db: sqlite_utils.Database, session_uuid: str, coach_uuid: str, reviewed: bool = True) -> None:
    _require_coach(db, coach_uuid)
    with db.atomic():
        _require_session(db, session_uuid)
        db.execute("UPDATE sessions SET reviewed_at = ? WHERE uuid = ?",
                   [now_iso() if reviewed else None, session_uuid])


def set_grade(db: sqlite_utils.Database, session_uuid: str, coach_uuid: str, grade: str | None) -> None:
    """An overall grade in the coach's own scale ("B+", "7/10"); grading counts as reviewing."""
    _require_coach(db, coach_uuid)
    grade = (grade or "").strip() or None
    with db.atomic():
        _require_session(db, session_uuid)
        db.execute("UPDATE sessions SET grade = ?, reviewed_at = COALESCE(reviewed_at, ?) WHERE uuid = ?",
                   [grade, now_iso(), session_uuid])


# --- what the student sees -------------------------------------------------------------------------

def unseen_feedback_count(db: sqlite_utils.Database, profile_uuid: str) -> dict[str, int]:
    """Per session of the student, how many comments they have not seen yet (sessions with none left out)."""
    rows = db.execute(
        "SELECT f.session_uuid, count(*) FROM feedback f JOIN sessions s ON s.uuid = f.session_uuid"
        " WHERE s.profile_uuid = ? AND f.seen_at IS NULL GROUP BY f.session_uuid", [profile_uuid]).fetchall()
    return dict(rows)


def mark_feedback_seen(db: sqlite_utils.Database, session_uuid: str) -> int:
    """The student opened the session's feedback; returns how many comments were new."""
    with db.atomic():
        return db.execute("UPDATE feedback SET seen_at = ? WHERE session_uuid = ? AND seen_at IS NULL",
                          [now_iso(), session_uuid]).rowcount


# --- the rubric ------------------------------------------------------------------------------------

def list_criteria(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT uuid, name, description, position FROM rubric_criteria ORDER BY position, name"))


def add_criterion(db: sqlite_utils.Database, name: str, description: str = "") -> str:
    name = " ".join(name.split())
    if not name:
        raise FeedbackError("a rubric criterion needs a name")
    uuid = new_uuid()
    with db.atomic():
        end = db.execute("SELECT coalesce(max(position) + 1, 0) FROM rubric_criteria").fetchone()[0]
        db["rubric_criteria"].insert({"uuid": uuid, "name": name, "description": description, "position": end})
    return uuid


def rename_criterion(db: sqlite_utils.Database, uuid: str, name: str, description: str | None = None) -> None:
    name = " ".join(name.split())
    if not name:
        raise FeedbackError("a rubric criterion needs a name")
    with db.atomic():
        db.execute("UPDATE rubric_criteria SET name = ?, description = coalesce(?, description) WHERE uuid = ?",
                   [name, description, uuid])


def remove_criterion(db: sqlite_utils.Database, uuid: str) -> None:
    """Scores already given for it stay in the feedback's JSON; reports show only current criteria."""
    with db.atomic():
        db.execute("DELETE FROM rubric_criteria WHERE uuid = ?", [uuid])


def reorder_criteria(db: sqlite_utils.Database, ordered_uuids: list[str]) -> None:
    with db.atomic():
        for position, uuid in enumerate(ordered_uuids):
            db.execute("UPDATE rubric_criteria SET position = ? WHERE uuid = ?", [position, uuid])
