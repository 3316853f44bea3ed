"""The claim-spotting drill: a student marks the claims of an article against the clock, and the marks
are scored against an answer key (core.spotting: a mark matches a key claim when most words overlap).

A drill is an ordinary session in mode "spotting": its marks are its claims (saved as they are made,
so a crash loses nothing) and its result is its score row — overall = F1, breadth = recall (share of
the key found), depth = precision (share of marks that were claims) — with the details in the report,
so the dashboard, reports and progress charts see drills like any other session. The report carries
no per-claim "verdict" list: these marks were not rebutted, and must not count as dropped claims.
"""

from __future__ import annotations

import json

import sqlite_utils

from rebuttal_lab.core.models import Article, Claim, Mode, Session, Status
from rebuttal_lab.core.spotting import score_spotting
from rebuttal_lab.services import packs, practice
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import sessions as session_store

SPOTTING_VERSION = "spotting-1"


class NoAnswerKey(LookupError):
    pass


def answer_key_for(db: sqlite_utils.Database, article_uuid: str) -> list[dict] | None:
    """The key to score against: a coach's (the latest one stored) before the project's bundled key,
    because a coach who hands out an article with their own key wants their students marked by it.
    The bundled keys are loaded from resources/ when they changed since this database last loaded them
    (a new version of the app), or when one is missing (a practice article deleted and imported again)."""
    packs.refresh_practice_answer_keys(db)
    key = _stored_key(db, article_uuid)
    if key is None and packs.ensure_practice_answer_keys(db):
        key = _stored_key(db, article_uuid)
    return key


def _stored_key(db: sqlite_utils.Database, article_uuid: str) -> list[dict] | None:
    rows = list(db.query("SELECT claims_json FROM answer_keys WHERE article_uuid = ? AND author_uuid IS NOT NULL"
                         " ORDER BY rowid DESC LIMIT 1", [article_uuid]))
    if rows:
        return json.loads(rows[0]["claims_json"]) or None
    return packs.get_answer_key(db, article_uuid) or None


def start(db: sqlite_utils.Database, article: Article, profile_uuid: str,
          time_limit_s: int | None = None) -> Session:
    if answer_key_for(db, article.uuid) is None:
        raise NoAnswerKey(f"“{article.title}” has no answer key")
    return practice.start_session(db, article, profile_uuid, mode=Mode.SPOTTING, time_limit_s=time_limit_s)


def mark(db: sqlite_utils.Database, session_uuid: str, start_at: int, end_at: int) -> Claim:
    """Store a mark over the article's text, snapped to whole words (ClaimNotFound: no words there)."""
    session = session_store.get_session(db, session_uuid)
    body = article_store.get_article(db, session.article_uuid).body
    position = len(session_store.list_claims(db, session_uuid))
    claim = practice.claim_at(body, session_uuid, start_at, end_at, position=position)
    session_store.save_claim(db, claim)
    return claim


def unmark(db: sqlite_utils.Database, claim: Claim) -> None:
    session_store.delete_claim(db, claim)


def finish(db: sqlite_utils.Database, session_uuid: str, time_used_s: float | None = None) -> dict:
    """Score the marks against the key, store the score and hand the drill in. Calling it again returns
    the stored result."""
    session = session_store.get_session(db, session_uuid)
    if session.status == Status.SUBMITTED:
        stored = session_store.get_score(db, session_uuid)
        if stored is not None:
            return stored
    body = article_store.get_article(db, session.article_uuid).body
    key = answer_key_for(db, session.article_uuid) or []
    marks = session_store.list_claims(db, session_uuid)
    result = score_spotting([(c.start, c.end) for c in marks], [(k["start"], k["end"]) for k in key], body)

    def quoted(spans: list[list[int]]) -> list[dict]:
        return [{"start": s, "end": e, "quote": body[s:e]} for s, e in spans]

    report = {
        "scorer_version": SPOTTING_VERSION, "overall": result["f1"],
        "parts": {"breadth": result["recall"], "depth": result["precision"], "evidence": 0.0},
        "precision": result["precision"], "recall": result["recall"], "f1": result["f1"],
        "key_size": len(key), "marks": len(marks), "found": len(result["matched"]),
        "matched": result["matched"], "missed": quoted(result["missed"]), "extra": quoted(result["extra"]),
    }
    with db.atomic():
        session_store.save_score(db, session_uuid, report)
        if session.status != Status.SUBMITTED:
            session_store.submit_session(db, session_uuid, time_used_s)
    return report


def result_sentence(report: dict) -> str:
    """'You found 5 of the 7 claims; 5 of your 6 marks were claims.'"""
    found, key, marks = report["found"], report["key_size"], report["marks"]
    return (f"You found {found} of the {key} claim{'s' * (key != 1)}; "
            f"{found} of your {marks} mark{'s' * (marks != 1)} {'was a claim' if marks == 1 else 'were claims'}.")
