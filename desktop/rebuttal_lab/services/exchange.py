"""Moving work between machines: session bundles (.rlab), the class key and the class folder.

Import merges by UUID and is idempotent. When both sides hold the same session, the newer edit wins
(by updated_at; equal stamps are broken by a content digest, so the result never depends on the order
bundles arrive in). Feedback and scores are merged on their own stamps, the coach's review (grade,
reviewed_at) on reviewed_at. Articles are matched by UUID, then by body hash; students by UUID, then by
name. Each bundle is one transaction: a bundle that fails anywhere writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from rebuttal_lab.core.anchors import Anchor, reanchor
from rebuttal_lab.core.batch import run_batch
from rebuttal_lab.core.models import now_iso
from rebuttal_lab.io import bundle_rows, bundles
from rebuttal_lab.io.bundle_rows import SPECS, InvalidData
from rebuttal_lab.io.bundles import BundleRefused

IMPORTED, UNCHANGED, SKIPPED, REFUSED = "imported", "unchanged", "skipped", "refused"
CLASS_KEY = "class_key"
SESSION_TABLES = ("profiles", "articles", "sessions", "claims", "rebuttals", "scores", "feedback")
_REVIEW = ("reviewed_at", "grade")


class ExchangeError(Exception):
    """An export or folder operation that cannot be done; the message says why."""


@dataclass
class ExchangeResult:
    source: str
    status: str  # imported | unchanged | skipped | refused
    detail: str  # what happened, without the file name
    counts: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != REFUSED

    @property
    def message(self) -> str:
        """One line naming the file and what happened to it."""
        return f"{Path(self.source).name}: {self.detail}"


# --- the class key ------------------------------------------------------------------------------------

def get_class_key(db: sqlite_utils.Database) -> bytes | None:
    rows = list(db.query("SELECT value FROM app_meta WHERE key = ?", [CLASS_KEY]))
    return bytes.fromhex(rows[0]["value"]) if rows and rows[0]["value"] else None


def new_class_key() -> bytes:
    return secrets.token_bytes(32)


def parse_class_key(text: str) -> bytes:
    """A key typed or pasted as hexadecimal digits (as a new key is shown); ExchangeError if it is not one."""
    try:
        key = bytes.fromhex("".join(text.split()))
    except ValueError as exc:
        raise ExchangeError("a class key is written as hexadecimal digits (0-9, a-f), as it was shown") from exc
    if len(key) < 16:
        raise ExchangeError("a class key needs at least 16 bytes (32 hexadecimal digits)")
    return key


def set_class_key(db: sqlite_utils.Database, key: bytes | None) -> None:
    """Set (or with None, clear) the key this machine signs bundles with and requires on import."""
    with db.atomic():
        if key:
            db["app_meta"].upsert({"key": CLASS_KEY, "value": bytes(key).hex()}, pk="key")
        else:
            db.execute("DELETE FROM app_meta WHERE key = ?", [CLASS_KEY])


# --- export -------------------------------------------------------------------------------------------

def select_rows(db: sqlite_utils.Database, table: str, where: str, params: list) -> list[dict]:
    names = ", ".join(f'"{name}"' for name in SPECS[table])
    return list(db.query(f"SELECT {names} FROM {table} WHERE {where}", params))


def _in(values: Iterable[str]) -> tuple[str, list]:
    values = sorted(set(values))
    return f"({', '.join('?' * len(values)) or 'NULL'})", values


def _find_student(db: sqlite_utils.Database, student: str) -> dict:
    name = " ".join(student.split())
    rows = list(db.query("SELECT uuid, name FROM profiles WHERE uuid = ? OR "
                         "(name = ? COLLATE NOCASE AND role = 'student')", [student, name]))
    if not rows:
        raise ExchangeError(f"no student called {student!r}")
    return rows[0]


def session_rows(db: sqlite_utils.Database, session: str | None = None, student: str | None = None,
                 everything: bool = False) -> tuple[dict, dict[str, list[dict]]]:
    """(scope, rows by table) for one session, one student's sessions, or all sessions."""
    if sum((session is not None, student is not None, bool(everything))) != 1:
        raise ExchangeError("choose exactly one of: a session, a student, or everything")
    if session is not None:
        found = list(db.query("SELECT uuid FROM sessions WHERE uuid = ?", [session]))
        if not found:
            raise ExchangeError(f"no session {session!r}")
        scope, where, params = {"kind": "session", "session": session}, "uuid = ?", [session]
    elif student is not None:
        profile = _find_student(db, student)
        scope = {"kind": "student", "student": profile["uuid"], "name": profile["name"]}
        where, params = "profile_uuid = ?", [profile["uuid"]]
    else:
        scope, where, params = {"kind": "all"}, "1", []
    tables: dict[str, list[dict]] = {"sessions": select_rows(db, "sessions", where, params)}
    ids, ids_params = _in(s["uuid"] for s in tables["sessions"])
    for table in ("claims", "rebuttals", "scores", "feedback"):
        tables[table] = select_rows(db, table, f"session_uuid IN {ids}", ids_params)
    article_ids = _in(s["article_uuid"] for s in tables["sessions"])
    tables["articles"] = select_rows(db, "articles", f"uuid IN {article_ids[0]}", article_ids[1])
    people = [s["profile_uuid"] for s in tables["sessions"]] + [
        f["author_uuid"] for f in tables["feedback"] if f["author_uuid"]]
    people_ids = _in(people)
    tables["profiles"] = select_rows(db, "profiles", f"uuid IN {people_ids[0]}", people_ids[1])
    return scope, tables


def export_bundle(db: sqlite_utils.Database, path: str | Path, session: str | None = None,
                  student: str | None = None, everything: bool = False,
                  class_key: bytes | None = None) -> dict:
    """Write a .rlab bundle; signed with class_key, else with this database's class key if it has one.
    Returns the number of rows written per table."""
    scope, tables = session_rows(db, session, student, everything)
    key = class_key or get_class_key(db)
    entries = {f"{table}.json": bundles.to_json_bytes(rows) for table, rows in tables.items()}
    bundles.write_bundle(Path(path), bundles.BUNDLE_FORMAT, scope, entries, key)
    return {table: len(rows) for table, rows in tables.items()}


# --- merging helpers shared with packs ------------------------------------------------------------------

def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def map_profile(db: sqlite_utils.Database, row: dict) -> tuple[str, bool]:
    """The local uuid for an incoming profile (same uuid, else same name and role), inserting it if new.
    Passphrases never travel: a coach profile that arrives this way cannot be signed in to."""
    if list(db.query("SELECT 1 FROM profiles WHERE uuid = ?", [row["uuid"]])):
        return row["uuid"], False
    same = list(db.query("SELECT uuid FROM profiles WHERE name = ? COLLATE NOCASE AND role = ?",
                         [row["name"], row["role"]]))
    if same:
        return same[0]["uuid"], False
    db["profiles"].insert({"uuid": row["uuid"], "name": row["name"], "role": row["role"],
                           "passphrase_hash": None, "created_at": row["created_at"]})
    return row["uuid"], True


def map_article(db: sqlite_utils.Database, row: dict, pack_uuid: str | None = None) -> tuple[str, str, bool]:
    """(local uuid, local body, inserted) for an incoming article: same uuid, else same text, else new."""
    for query, value in (("uuid = ?", row["uuid"]), ("body_sha256 = ?", row["body_sha256"])):
        found = list(db.query(f"SELECT uuid, body, body_sha256 FROM articles WHERE {query}", [value]))
        if found:
            if found[0]["body_sha256"] != row["body_sha256"]:
                raise InvalidData(f"article {row['uuid']!r} has a different text here than in the bundle")
            return found[0]["uuid"], found[0]["body"], False
    db["articles"].insert({**row, "pack_uuid": pack_uuid or row.get("pack_uuid"),
                           "words": len(row["body"].split())})
    return row["uuid"], row["body"], True


def fit_claim(claim: dict, old_body: str, body: str) -> dict:
    """A claim moved onto the local copy of its article (same text up to spacing and quote marks)."""
    if old_body == body:
        return claim
    anchor = reanchor(body, Anchor(claim["start"], claim["end"], claim["quote"],
                                   claim.get("prefix", ""), claim.get("suffix", "")))
    if anchor is None:
        raise InvalidData(f"claim {claim.get('uuid', claim.get('id'))!r} cannot be found in this "
                          "machine's copy of its article")
    moved = {**claim, "start": anchor.start, "end": anchor.end, "quote": anchor.quote}
    if "prefix" in claim:
        moved.update(prefix=anchor.prefix, suffix=anchor.suffix)
    return moved


# --- import -------------------------------------------------------------------------------------------

def _session_version(session: dict, claims: list[dict], rebuttals: list[dict]) -> tuple[str, str]:
    """(updated_at, digest): a total order over versions of one session, the same on every machine."""
    mine = {k: v for k, v in session.items()
            if k not in ("article_uuid", "profile_uuid", "redo_of") + _REVIEW}
    content = [mine, sorted(claims, key=lambda c: c["uuid"]), sorted(rebuttals, key=lambda r: r["uuid"])]
    return session["updated_at"], _digest(content)


def _local_session(db, uuid: str):
    rows = select_rows(db, "sessions", "uuid = ?", [uuid])
    if not rows:
        return None, [], []
    children = [select_rows(db, table, "session_uuid = ?", [uuid]) for table in ("claims", "rebuttals")]
    return rows[0], *children


def _merge_session(db, s: dict, claims: list[dict], rebuttals: list[dict], counts: dict) -> None:
    local, local_claims, local_rebuttals = _local_session(db, s["uuid"])
    incoming_review = tuple(s[k] or "" for k in _REVIEW)
    if local is None:
        db["sessions"].insert(s)
        counts["new sessions"] += 1
    else:
        if _session_version(s, claims, rebuttals) > _session_version(local, local_claims, local_rebuttals):
            body = {k: v for k, v in s.items() if k not in _REVIEW + ("uuid",)}
            body["redo_of"] = body["redo_of"] or local["redo_of"]
            db["sessions"].update(s["uuid"], body)
            db.execute("DELETE FROM claims WHERE session_uuid = ?", [s["uuid"]])
            db.execute("DELETE FROM rebuttals WHERE session_uuid = ?", [s["uuid"]])
            counts["updated sessions"] += 1
        else:
            claims, rebuttals = [], []
        if incoming_review > tuple(local[k] or "" for k in _REVIEW):
            db["sessions"].update(s["uuid"], {k: s[k] for k in _REVIEW})
            counts["reviews"] += 1
        if s["redo_of"] and not local["redo_of"]:  # the first attempt has arrived since
            db["sessions"].update(s["uuid"], {"redo_of": s["redo_of"]})
    if claims:
        db["claims"].insert_all(claims)
    if rebuttals:
        db["rebuttals"].insert_all(rebuttals)


def _merge_score(db, row: dict, counts: dict) -> None:
    local = select_rows(db, "scores", "session_uuid = ?", [row["session_uuid"]])
    if not local or (row["computed_at"], _digest(row)) > (local[0]["computed_at"], _digest(local[0])):
        db["scores"].upsert(row, pk="session_uuid")
        counts["scores"] += 1


def _merge_feedback(db, row: dict, counts: dict) -> None:
    """The newer edit of a comment wins; seen_at keeps the first time the student saw it."""
    def version(r):  # the author's uuid differs between machines (matched by name), so it is left out
        mine = {k: v for k, v in r.items() if k not in ("seen_at", "author_uuid")}
        return r["updated_at"] or r["created_at"], _digest(mine)

    local = select_rows(db, "feedback", "uuid = ?", [row["uuid"]])
    if local:
        seen = [t for t in (row["seen_at"], local[0]["seen_at"]) if t]
        merged = dict(row) if version(row) > version(local[0]) else dict(local[0])
        merged["seen_at"] = min(seen) if seen else None
        if merged != local[0]:
            db["feedback"].upsert(merged, pk="uuid")
            counts["feedback"] += 1
    else:
        db["feedback"].insert(row)
        counts["feedback"] += 1


def _merge_sessions(db: sqlite_utils.Database, tables: dict[str, list[dict]]) -> dict:
    counts = dict.fromkeys(("new sessions", "updated sessions", "reviews", "scores", "feedback",
                            "new articles", "new profiles"), 0)
    people = {}
    for row in tables["profiles"]:
        people[row["uuid"]], inserted = map_profile(db, row)
        counts["new profiles"] += inserted
    articles = {}
    for row in tables["articles"]:
        uuid, body, inserted = map_article(db, row)
        articles[row["uuid"]] = (uuid, row["body"], body)
        counts["new articles"] += inserted
    bundle_sessions = {s["uuid"] for s in tables["sessions"]}
    claims_of, rebuttals_of = defaultdict(list), defaultdict(list)
    for c in tables["claims"]:
        claims_of[c["session_uuid"]].append(c)
    for r in tables["rebuttals"]:
        rebuttals_of[r["session_uuid"]].append(r)
    for s in tables["sessions"]:
        article_uuid, old_body, body = articles[s["article_uuid"]]
        redo = s["redo_of"]
        if redo and redo not in bundle_sessions and not list(db.query("SELECT 1 FROM sessions WHERE uuid = ?",
                                                                      [redo])):
            redo = None  # the first attempt stayed on the other machine
        session = {**s, "article_uuid": article_uuid, "profile_uuid": people[s["profile_uuid"]],
                   "redo_of": redo}
        claims = [fit_claim(c, old_body, body) for c in claims_of[s["uuid"]]]
        _merge_session(db, session, claims, rebuttals_of[s["uuid"]], counts)
    for row in tables["scores"]:
        _merge_score(db, row, counts)
    for row in tables["feedback"]:
        author = row["author_uuid"]
        _merge_feedback(db, {**row, "author_uuid": people[author] if author else None}, counts)
    return counts


_NOUNS = {"new sessions": ("new session", "new sessions"),
          "updated sessions": ("updated session", "updated sessions"),
          "reviews": ("review", "reviews"), "scores": ("score", "scores"),
          "feedback": ("comment", "comments"), "new articles": ("new article", "new articles"),
          "new profiles": ("new person", "new people")}


# What importing a bundle or a pack may raise; each becomes one refusal line, with nothing written.
REFUSALS = (BundleRefused, InvalidData, sqlite3.DatabaseError)


def refused(path: Path, exc: Exception) -> ExchangeResult:
    if isinstance(exc, BundleRefused):
        problem = exc.problem
    elif isinstance(exc, InvalidData):
        problem = f"holds invalid data: {exc}"
    else:
        problem = f"could not be stored ({exc}); nothing was imported"
    return ExchangeResult(str(path), REFUSED, problem)


def _describe(counts: dict) -> str:
    done = [f"{n} {_NOUNS[what][n != 1]}" for what, n in counts.items() if n]
    return ", ".join(done) if done else "nothing new (already up to date)"


def _remember(db: sqlite_utils.Database, bundle: bundles.Bundle) -> None:
    db.execute("INSERT OR IGNORE INTO imported_bundles (sha256, file_name, imported_at) VALUES (?, ?, ?)",
               [bundle.file_sha256, bundle.path.name, now_iso()])


def import_bundle(db: sqlite_utils.Database, path: str | Path,
                  class_key: bytes | None = None) -> ExchangeResult:
    """Import one bundle in one transaction; a refusal writes nothing."""
    path = Path(path)
    key = class_key or get_class_key(db)
    try:
        bundle = bundles.read_bundle(path, bundles.BUNDLE_FORMAT, key)
        data = {table: bundles.json_entry(bundle, f"{table}.json", []) for table in SESSION_TABLES}
        tables = bundle_rows.check_sessions_payload(data)
        with db.atomic():
            db.execute("PRAGMA defer_foreign_keys = ON")  # a redo may come before its first attempt
            counts = _merge_sessions(db, tables)
            _remember(db, bundle)
    except REFUSALS as exc:
        return refused(path, exc)
    status = IMPORTED if any(counts.values()) else UNCHANGED
    return ExchangeResult(str(path), status, _describe(counts), counts)


def import_bundles(db: sqlite_utils.Database, paths: Iterable[str | Path],
                   class_key: bytes | None = None) -> list[ExchangeResult]:
    return [import_bundle(db, path, class_key) for path in paths]


# --- the class folder -----------------------------------------------------------------------------------

def _file_stem(name: str) -> str:
    stem = re.sub(r"[^\w-]+", "-", name).strip("-")  # letters of any script; no spaces or slashes
    return stem[:40] or "student"


def drop_to_class_folder(db: sqlite_utils.Database, folder: str | Path, student: str) -> Path:
    """Write the student's bundle into the class folder as NAME-YYYYMMDD-HHMMSS.rlab (atomically)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExchangeError(f"the class folder {folder} is not there (is the USB stick plugged in?)")
    profile = _find_student(db, student)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{_file_stem(profile['name'])}-{stamp}.rlab"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{_file_stem(profile['name'])}-{stamp}-{number}.rlab"
    try:
        export_bundle(db, target, student=profile["uuid"])
    except OSError as exc:
        raise ExchangeError(f"cannot write to the class folder {folder} ({exc.strerror or exc})") from exc
    return target


def _already_imported(db: sqlite_utils.Database, sha256: str) -> bool:
    return bool(list(db.query("SELECT 1 FROM imported_bundles WHERE sha256 = ?", [sha256])))


def collect_class_folder(db: sqlite_utils.Database, folder: str | Path,
                         progress: Callable[[int, int, str], None] | None = None,
                         cancelled: Callable[[], bool] | None = None) -> list[ExchangeResult]:
    """Import every .rlab in the class folder that has not been imported before (by content hash)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ExchangeError(f"the class folder {folder} is not there (is the USB stick plugged in?)")
    files = sorted(p for p in folder.iterdir()  # .RLAB too: FAT sticks and Windows shout file names
                   if p.suffix.lower() == ".rlab" and p.is_file() and not p.name.startswith("."))

    def collect(path: Path) -> ExchangeResult:
        try:
            known = _already_imported(db, bundles.file_sha256(path))
        except OSError as exc:
            return ExchangeResult(str(path), REFUSED, f"cannot be read ({exc.strerror or exc})")
        return ExchangeResult(str(path), SKIPPED, "already imported") if known else import_bundle(db, path)

    return run_batch(files, collect, progress, cancelled)


def summarise(results: list[ExchangeResult]) -> str:
    counts = {s: sum(r.status == s for r in results) for s in (IMPORTED, UNCHANGED, SKIPPED, REFUSED)}
    return (f"{counts[IMPORTED]} imported, {counts[UNCHANGED]} already up to date, "
            f"{counts[SKIPPED]} skipped as seen before, {counts[REFUSED]} refused")
