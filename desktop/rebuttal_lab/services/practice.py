"""Practice sessions: start, mark claims, answer them, score, submit, redo."""

from __future__ import annotations

from dataclasses import asdict

import sqlite_utils

from rebuttal_lab.core.anchors import locate, make_anchor, snap_to_words
from rebuttal_lab.core.models import Article, Claim, ClaimKind, Mode, Session, new_uuid
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import sessions as session_store


class ClaimNotFound(ValueError):
    pass


def start_session(
    db: sqlite_utils.Database,
    article: Article,
    profile_uuid: str,
    mode: Mode = Mode.PRACTICE,
    writing: str = "flow",
    time_limit_s: int | None = None,
    prep_limit_s: int | None = None,
) -> Session:
    session = Session(
        article_uuid=article.uuid,
        profile_uuid=profile_uuid,
        mode=mode,
        writing=writing,
        time_limit_s=time_limit_s,
        prep_limit_s=prep_limit_s,
    )
    return session_store.create_session(db, session)


def claim_at(body: str, session_uuid: str, start: int, end: int, kind: ClaimKind = ClaimKind.MAIN,
             note: str = "", position: int = 0) -> Claim:
    """A claim over body[start:end], snapped to whole words and anchored with its context."""
    start, end = snap_to_words(body, start, end)
    if end <= start:
        raise ClaimNotFound("the selection holds no words")
    anchor = make_anchor(body, start, end)
    return Claim(session_uuid=session_uuid, start=anchor.start, end=anchor.end, quote=anchor.quote,
                 prefix=anchor.prefix, suffix=anchor.suffix, kind=kind, note=note, position=position)


def claims_from_spec(body: str, session_uuid: str, spec: list[dict]) -> list[Claim]:
    """Claims from CLAIMS.json items: {"quote": ...} or {"start": n, "end": n}, optional "kind", "note"."""
    claims = []
    for position, item in enumerate(spec):
        if not isinstance(item, dict):
            raise ClaimNotFound(f"claim {position + 1} is not an object")
        label = item.get("id", position + 1)
        if "quote" in item:
            found = locate(body, str(item["quote"]))
            if not found:
                raise ClaimNotFound(f"claim {label}: quote not found in the article: {item['quote'][:60]!r}")
            start, end = found
        elif "start" in item and "end" in item:
            start, end = int(item["start"]), int(item["end"])
            if not 0 <= start < end <= len(body):
                raise ClaimNotFound(f"claim {label}: offsets {start}-{end} are outside the article")
        else:
            raise ClaimNotFound(f"claim {label}: needs a quote or start/end offsets")
        kind = item.get("kind", ClaimKind.MAIN)
        kind = ClaimKind(kind) if kind in ClaimKind._value2member_map_ else ClaimKind.MAIN
        claims.append(claim_at(body, session_uuid, start, end, kind, str(item.get("note", "")), position))
    return claims


def add_claims(db: sqlite_utils.Database, claims: list[Claim]) -> None:
    with db.atomic():
        for claim in claims:
            session_store.save_claim(db, claim)


# --- scoring --------------------------------------------------------------------------------------

def score_inputs(db: sqlite_utils.Database, session: Session) -> tuple:
    """What the scorer needs for a stored session (score_claims's arguments)."""
    article = article_store.get_article(db, session.article_uuid)
    texts = {r.claim_uuid: r.text for r in session_store.list_rebuttals(db, session.uuid)}
    return score_args(session_store.list_claims(db, session.uuid), session.writing, texts,
                      article.body if article else "")


def score_args(claims: list[Claim], writing: str, texts: dict, body: str) -> tuple:
    """score_claims's arguments: the claims, the speech or the flow-sheet answers, and the article.
    texts: rebuttal text by claim id, the speech under None (as stored, and as the window holds them)."""
    if writing == "speech":
        return scorer_claims(claims), texts.get(None, ""), None, body
    return scorer_claims(claims), None, {k: v for k, v in texts.items() if k}, body


def scorer_claims(claims: list[Claim]) -> list[dict]:
    """The scorer's view of marked claims: id, quote, and where the quote sits in the article."""
    return [{"id": c.uuid, "text": c.quote, "start": c.start, "end": c.end} for c in claims]


def score_claims(claim_items: list[dict], speech: str | None, answers: dict | None, article: str = "") -> dict:
    """Score claims (items from scorer_claims). Given the article, each claim is also matched by the words
    of its context there, the words that run through the whole article weigh less, and its thesis claim
    is read as the motion (nlp.context)."""
    from rebuttal_lab.nlp import scoring  # loaded on first use: lexicons take a moment
    from rebuttal_lab.nlp.context import claim_contexts, motion_flags

    if article:
        spans = [(int(c.get("start", -1)), int(c.get("end", -1))) for c in claim_items]
        claim_items = [{**c, "context": context, "motion": motion} for c, context, motion
                       in zip(claim_items, claim_contexts(article, spans), motion_flags(article, spans), strict=True)]
    return scoring.score(claim_items, rebuttal=speech, answers=answers, article=article)


def score_session(db: sqlite_utils.Database, session_uuid: str, save: bool = True) -> dict:
    session = session_store.get_session(db, session_uuid)
    if session is None:
        raise KeyError(f"no session {session_uuid}")
    report = score_claims(*score_inputs(db, session))
    if save:
        session_store.save_score(db, session_uuid, report)
    return report


def submit(db: sqlite_utils.Database, session_uuid: str, time_used_s: float | None = None) -> dict:
    """Score one last time, then lock the session."""
    report = score_session(db, session_uuid)
    session_store.submit_session(db, session_uuid, time_used_s)
    return report


def redo(db: sqlite_utils.Database, session_uuid: str) -> Session:
    """A new attempt on the same article with the same claims and an empty rebuttal."""
    old = session_store.get_session(db, session_uuid)
    if old is None:
        raise KeyError(f"no session {session_uuid}")
    fresh = Session(article_uuid=old.article_uuid, profile_uuid=old.profile_uuid, mode=old.mode,
                    writing=old.writing, time_limit_s=old.time_limit_s, prep_limit_s=old.prep_limit_s,
                    redo_of=old.uuid)
    with db.atomic():
        session_store.create_session(db, fresh)
        for claim in session_store.list_claims(db, old.uuid):
            session_store.save_claim(db, Claim(**{**asdict(claim), "session_uuid": fresh.uuid,
                                                  "uuid": new_uuid()}))
    return fresh


def snapshot(db: sqlite_utils.Database, session_uuid: str) -> dict:
    """Everything about a session as plain JSON-ready data (for `show` and reports)."""
    session = session_store.get_session(db, session_uuid)
    if session is None:
        raise KeyError(f"no session {session_uuid}")
    article = article_store.get_article(db, session.article_uuid)
    claims = session_store.list_claims(db, session_uuid)
    rebuttals = session_store.list_rebuttals(db, session_uuid)
    return {
        "session": {**asdict(session), "mode": session.mode.value, "status": session.status.value},
        "article": {"uuid": article.uuid, "title": article.title, "author": article.author,
                    "motion": article.motion},
        "claims": [{**asdict(c), "kind": ClaimKind(c.kind).value} for c in claims],
        "rebuttals": [asdict(r) for r in rebuttals],
        "score": session_store.get_score(db, session_uuid),
    }
