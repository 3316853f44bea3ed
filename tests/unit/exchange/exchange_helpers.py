"""Small builders for the exchange tests: databases with a student's sessions, dumps to compare."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from rebuttal_lab.core.models import Article
from rebuttal_lab.services import practice
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import open_database, profiles
from rebuttal_lab.store import sessions as session_store

BODY = (
    "Schools should start later. Teenagers sleep late because their body clock shifts. "
    "Tired students learn less and behave worse. A study found grades rose by four per cent. "
    "Buses and sports can be rearranged."
)
CLAIMS = ["Schools should start later.", "Tired students learn less and behave worse.",
          "A study found grades rose by four per cent."]


def open_db(path: Path):
    return open_database(path)


def dump(db) -> str:
    """Every row of every table, as SQL: equal dumps mean equal databases."""
    return "\n".join(db.conn.iterdump())


def data_dump(db) -> str:
    """The dump without the record of which bundle files were imported (that changes on every new file)."""
    skip = 'INSERT INTO "imported_bundles"'
    return "\n".join(line for line in db.conn.iterdump() if not line.startswith(skip))


def add_article(db, body: str = BODY, title: str = "Start later") -> Article:
    return article_store.add_article(db, Article(title=title, body=body))[0]


def add_session(db, student: str = "Ana", article: Article | None = None, answers: tuple[str, ...] = ()):
    """A session on the article with the standard claims and one answer per claim given."""
    article = article or add_article(db)
    profile = profiles.get_or_create_student(db, student)
    session = practice.start_session(db, article, profile.uuid)
    claims = practice.claims_from_spec(article.body, session.uuid, [{"quote": q} for q in CLAIMS])
    practice.add_claims(db, claims)
    for claim, text in zip(claims, answers, strict=False):
        session_store.save_rebuttal_text(db, session.uuid, claim.uuid, text)
    return session


def add_feedback(db, session_uuid: str, text: str, coach: str = "Coach",
                 stamp: str = "2026-01-01T00:00:00+00:00", uuid: str = "fb-1") -> str:
    rows = list(db.query("SELECT uuid FROM profiles WHERE name = ? AND role = 'coach'", [coach]))
    if rows:
        author = rows[0]["uuid"]
    else:
        author = f"coach-{coach}"
        db["profiles"].insert({"uuid": author, "name": coach, "role": "coach", "created_at": stamp})
    db["feedback"].upsert({"uuid": uuid, "session_uuid": session_uuid, "target_uuid": None,
                           "author_uuid": author, "text": text, "rubric_json": None, "created_at": stamp,
                           "seen_at": None, "updated_at": stamp}, pk="uuid")
    return uuid


def session_view(db, session_uuid: str) -> dict:
    """A session with everything hanging off it, independent of row order."""
    snap = practice.snapshot(db, session_uuid)
    feedback = list(db.query("SELECT uuid, text, created_at, updated_at FROM feedback WHERE session_uuid = ? "
                             "ORDER BY uuid", [session_uuid]))
    return {"session": snap["session"], "claims": snap["claims"], "score": snap["score"],
            "rebuttals": sorted(snap["rebuttals"], key=lambda r: r["uuid"]), "feedback": feedback}


def make_zip(path: Path, entries: dict[str, bytes | str], manifest: dict | None = None,
             fix_checksums: bool = True) -> Path:
    """A hand-made bundle: the entries given, plus a manifest listing their true checksums."""
    data = {name: v.encode() if isinstance(v, str) else v for name, v in entries.items()}
    if manifest is not None:
        if fix_checksums:
            manifest = {**manifest, "entries": [
                {"name": n, "sha256": hashlib.sha256(b).hexdigest(), "size": len(b)}
                for n, b in data.items() if n not in ("manifest.json", "manifest.hmac")]}
        data["manifest.json"] = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in data.items():
            archive.writestr(name, value)
    path.write_bytes(buffer.getvalue())
    return path


def read_entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
