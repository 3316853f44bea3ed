"""Article packs (.rlabpack): a coach hands out articles with the claims they marked as answer keys.

An answer key is stored per article and author in `answer_keys.claims_json` as
[{"id", "start", "end", "quote", "kind"}] (offsets into the article body). The bundled practice articles
carry keys written by the project (author NULL), loaded by ensure_practice_answer_keys.
A pack goes through the same safety checks as a session bundle (io/bundles.py).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import sqlite_utils

from rebuttal_lab.core.anchors import locate
from rebuttal_lab.core.models import ClaimKind, new_uuid
from rebuttal_lab.core.text import body_hash
from rebuttal_lab.io import bundle_rows, bundles
from rebuttal_lab.io.bundle_rows import InvalidData
from rebuttal_lab.services.exchange import (
    IMPORTED,
    REFUSALS,
    UNCHANGED,
    ExchangeError,
    ExchangeResult,
    fit_claim,
    map_article,
    map_profile,
    refused,
    select_rows,
)


def get_answer_key(db: sqlite_utils.Database, article_uuid: str,
                   author_uuid: str | None = None) -> list[dict] | None:
    rows = list(db.query("SELECT claims_json FROM answer_keys WHERE article_uuid = ? AND author_uuid IS ?",
                         [article_uuid, author_uuid]))
    return json.loads(rows[0]["claims_json"]) if rows else None


def save_answer_key(db: sqlite_utils.Database, article_uuid: str, author_uuid: str | None,
                    claims: list[dict]) -> bool:
    """Store (or replace) an author's key for an article; False when it was already exactly that."""
    if get_answer_key(db, article_uuid, author_uuid) == claims:
        return False
    with db.atomic():
        db.execute("DELETE FROM answer_keys WHERE article_uuid = ? AND author_uuid IS ?",
                   [article_uuid, author_uuid])
        db["answer_keys"].insert({"article_uuid": article_uuid, "author_uuid": author_uuid,
                                  "claims_json": json.dumps(claims, ensure_ascii=False)})
    return True


def _key_from_sessions(db: sqlite_utils.Database, article_uuid: str, author_uuid: str) -> list[dict] | None:
    """The claims the author marked in their latest session on the article, as a key."""
    latest = list(db.query("SELECT uuid FROM sessions WHERE article_uuid = ? AND profile_uuid = ? "
                           "ORDER BY updated_at DESC LIMIT 1", [article_uuid, author_uuid]))
    if not latest:
        return None
    claims = select_rows(db, "claims", "session_uuid = ? ORDER BY position, start", [latest[0]["uuid"]])
    return [{"id": f"C{n}", "start": c["start"], "end": c["end"], "quote": c["quote"], "kind": c["kind"]}
            for n, c in enumerate(claims, start=1)] or None


def author_key(db: sqlite_utils.Database, article_uuid: str, author_uuid: str | None) -> list[dict] | None:
    """The key a pack carries for an article: the author's saved key, else the claims of their latest
    session on it."""
    claims = get_answer_key(db, article_uuid, author_uuid)
    if claims is None and author_uuid:
        claims = _key_from_sessions(db, article_uuid, author_uuid)
    return claims


def export_pack(db: sqlite_utils.Database, article_uuids: list[str], path: str | Path,
                author_uuid: str | None) -> dict:
    """Write the articles with the author's answer keys (their saved key, else the claims of their
    latest session on the article). Returns {"articles": n, "answer_keys": n}."""
    articles = []
    for uuid in dict.fromkeys(article_uuids):
        rows = select_rows(db, "articles", "uuid = ?", [uuid])
        if not rows:
            raise ExchangeError(f"no article {uuid!r}")
        articles.append(rows[0])
    profiles = select_rows(db, "profiles", "uuid = ?", [author_uuid]) if author_uuid else []
    if author_uuid and not profiles:
        raise ExchangeError(f"no profile {author_uuid!r}")
    keys = []
    for article in articles:
        claims = author_key(db, article["uuid"], author_uuid)
        if claims:
            keys.append({"article_uuid": article["uuid"], "author_uuid": author_uuid, "claims": claims})
    entries = {"articles.json": bundles.to_json_bytes(articles),
               "profiles.json": bundles.to_json_bytes(profiles),
               "answer_keys.json": bundles.to_json_bytes(keys)}
    scope = {"kind": "pack", "pack": new_uuid(), "author": author_uuid}
    bundles.write_bundle(Path(path), bundles.PACK_FORMAT, scope, entries)
    return {"articles": len(articles), "answer_keys": len(keys)}


def _check_pack(bundle: bundles.Bundle) -> tuple[list, list, list]:
    articles = bundle_rows.check_table("articles", bundles.json_entry(bundle, "articles.json", []))
    profiles = bundle_rows.check_table("profiles", bundles.json_entry(bundle, "profiles.json", []))
    keys = bundle_rows.check_table("answer_keys", bundles.json_entry(bundle, "answer_keys.json", []))
    bodies = {}
    for article in articles:
        if not article["body"].strip() or not article["title"].strip():
            raise InvalidData(f"article {article['uuid']!r} has an empty title or body")
        article["body_sha256"] = body_hash(article["body"])
        bodies[article["uuid"]] = article["body"]
    people = {p["uuid"] for p in profiles}
    for key in keys:
        if key["article_uuid"] not in bodies:
            raise InvalidData(f"answer key for {key['article_uuid']!r}: the article is not in the pack")
        if key["author_uuid"] is not None and key["author_uuid"] not in people:
            raise InvalidData(f"answer key for {key['article_uuid']!r}: its author is not in the pack")
        key["claims"] = bundle_rows.check_key_claims(key["claims"], bodies[key["article_uuid"]],
                                                     f"answer key for {key['article_uuid']!r}")
    return articles, profiles, keys


def import_pack(db: sqlite_utils.Database, path: str | Path) -> ExchangeResult:
    """Add the pack's articles (the same text already here is reused) and their answer keys."""
    path = Path(path)
    counts = {"new articles": 0, "answer keys": 0}
    try:
        bundle = bundles.read_bundle(path, bundles.PACK_FORMAT)
        articles, profiles, keys = _check_pack(bundle)
        pack_uuid = bundle.manifest["scope"].get("pack")
        pack_uuid = pack_uuid if isinstance(pack_uuid, str) else None
        with db.atomic():
            people = {p["uuid"]: map_profile(db, p)[0] for p in profiles}
            local = {}
            for article in articles:
                uuid, body, inserted = map_article(db, article, pack_uuid)
                local[article["uuid"]] = (uuid, article["body"], body)
                counts["new articles"] += inserted
            for key in keys:
                uuid, old_body, body = local[key["article_uuid"]]
                claims = [fit_claim(c, old_body, body) for c in key["claims"]]
                author = people[key["author_uuid"]] if key["author_uuid"] else None
                counts["answer keys"] += save_answer_key(db, uuid, author, claims)
    except REFUSALS as exc:
        return refused(path, exc)
    done = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    return ExchangeResult(str(path), IMPORTED if done else UNCHANGED,
                          done or f"nothing new ({len(articles)} articles already here)", counts)


BUNDLED_KEYS_FLAG = "bundled_keys_digest"


def refresh_practice_answer_keys(db: sqlite_utils.Database) -> int:
    """Load the bundled keys into this database when they differ from the ones it last loaded: an upgrade
    that corrects a key reaches every classroom database at its next drill. The check reads only the
    small key files; returns how many keys were added or changed."""
    from rebuttal_lab.services.library import practice_answer_key_files

    digest = hashlib.sha256(b"".join(f.name.encode() + f.read_bytes() for f in practice_answer_key_files()))
    if db["app_meta"].exists() and list(db.query("SELECT 1 FROM app_meta WHERE key = ? AND value = ?",
                                                 [BUNDLED_KEYS_FLAG, digest.hexdigest()])):
        return 0
    changed = ensure_practice_answer_keys(db)
    with db.atomic():
        db["app_meta"].upsert({"key": BUNDLED_KEYS_FLAG, "value": digest.hexdigest()}, pk="key")
    return changed


def ensure_practice_answer_keys(db: sqlite_utils.Database) -> int:
    """Load the bundled keys (resources/articles/keys/NN-slug.json) for the practice articles in the
    library, with no author. Idempotent; returns how many keys were added or changed."""
    from rebuttal_lab.io import importers
    from rebuttal_lab.services.library import answer_key, practice_article_files
    from rebuttal_lab.store import articles as article_store

    changed = 0
    for file in practice_article_files():
        try:
            spec = answer_key(file)
            article = article_store.find_by_hash(db, body_hash(importers.read_article(file).body))
        except (OSError, ValueError, KeyError, importers.ImportRefused):
            continue  # a damaged bundled file must not stop the app; check_keys.py reports it
        if article is None or not spec:
            continue  # the user deleted the article, or it has no key
        claims = []
        for item in spec:
            found = locate(article.body, str(item.get("quote", "")))
            if found:
                kind = item.get("kind")
                kind = kind if kind in ClaimKind._value2member_map_ else ClaimKind.MAIN.value
                claims.append({"id": str(item.get("id", "")), "start": found[0], "end": found[1],
                               "quote": article.body[found[0]:found[1]], "kind": kind})
        changed += save_answer_key(db, article.uuid, None, claims)
    return changed
