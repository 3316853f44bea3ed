"""What the rows inside a bundle must look like, checked before anything touches the database.

Each table's rows are a JSON list of objects. A row must have every field, of the right type, with enum
values we know; references between rows must resolve inside the bundle; claims must fit their
article's body. Unknown extra fields are dropped (a later bundle version may add some). Pure functions.
"""

from __future__ import annotations

import json
from datetime import datetime

from rebuttal_lab.core.models import ClaimKind, Mode, Status
from rebuttal_lab.core.text import body_hash

MAX_TEXT = 2_000_000

_TEXT, _INT, _NUM, _TIME = "text", "int", "number", "time"
_OPT = "?"  # suffix: may be null

# field -> kind; kinds ending in "?" may be null.
SPECS: dict[str, dict[str, str]] = {
    "profiles": {"uuid": _TEXT, "name": _TEXT, "role": _TEXT, "created_at": _TIME},
    "articles": {"uuid": _TEXT, "title": _TEXT, "author": _TEXT, "source": _TEXT, "motion": _TEXT,
                 "body": _TEXT, "imported_at": _TIME, "pack_uuid": _TEXT + _OPT},
    "sessions": {"uuid": _TEXT, "article_uuid": _TEXT, "profile_uuid": _TEXT, "mode": _TEXT,
                 "writing": _TEXT, "time_limit_s": _INT + _OPT, "prep_limit_s": _INT + _OPT,
                 "time_used_s": _NUM, "started_at": _TIME, "updated_at": _TIME,
                 "submitted_at": _TIME + _OPT, "status": _TEXT, "redo_of": _TEXT + _OPT,
                 "reviewed_at": _TIME + _OPT, "grade": _TEXT + _OPT},
    "claims": {"uuid": _TEXT, "session_uuid": _TEXT, "start": _INT, "end": _INT, "quote": _TEXT,
               "prefix": _TEXT, "suffix": _TEXT, "kind": _TEXT, "note": _TEXT, "position": _INT},
    "rebuttals": {"uuid": _TEXT, "session_uuid": _TEXT, "claim_uuid": _TEXT + _OPT, "text": _TEXT,
                  "updated_at": _TIME},
    "scores": {"session_uuid": _TEXT, "computed_at": _TIME, "scorer_version": _TEXT, "overall": _NUM,
               "breadth": _NUM, "depth": _NUM, "evidence": _NUM, "details_json": _TEXT},
    "feedback": {"uuid": _TEXT, "session_uuid": _TEXT, "target_uuid": _TEXT + _OPT,
                 "author_uuid": _TEXT + _OPT, "text": _TEXT, "rubric_json": _TEXT + _OPT,
                 "created_at": _TIME, "seen_at": _TIME + _OPT, "updated_at": _TIME + _OPT},
    "answer_keys": {"article_uuid": _TEXT, "author_uuid": _TEXT + _OPT, "claims": "list"},
}

_ENUMS = {
    ("profiles", "role"): {"student", "coach"},
    ("sessions", "mode"): {m.value for m in Mode},
    ("sessions", "status"): {s.value for s in Status},
    ("sessions", "writing"): {"flow", "speech"},
    ("claims", "kind"): {k.value for k in ClaimKind},
}
_KEYS = {"answer_keys": ("article_uuid", "author_uuid"), "scores": ("session_uuid",)}


class InvalidData(ValueError):
    """The bundle's data is not what Rebuttal Lab writes; the message says where and why."""


def _type_ok(kind: str, value) -> bool:
    if kind == _TEXT:
        return isinstance(value, str) and len(value) <= MAX_TEXT and "\x00" not in value
    if kind == _INT:
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**53
    if kind == _NUM:
        return isinstance(value, int | float) and not isinstance(value, bool) and value == value \
            and abs(value) < 1e15
    if kind == _TIME:
        if not isinstance(value, str) or len(value) > 40:
            return False
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return False
        return True
    if kind == "list":
        return isinstance(value, list)
    raise AssertionError(kind)


def check_table(table: str, rows) -> list[dict]:
    """Rows of one table, type-checked, with only the known fields."""
    if not isinstance(rows, list):
        raise InvalidData(f"{table}: expected a list of rows")
    spec = SPECS[table]
    clean, seen = [], set()
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise InvalidData(f"{table} row {number}: not an object")
        for name, kind in spec.items():
            if name not in row:
                raise InvalidData(f"{table} row {number}: field {name!r} is missing")
            value = row[name]
            optional = kind.endswith(_OPT)
            if value is None and optional:
                continue
            if not _type_ok(kind.rstrip(_OPT), value):
                raise InvalidData(f"{table} row {number}: field {name!r} has the wrong type or format "
                                  f"({type(value).__name__})")
            allowed = _ENUMS.get((table, name))
            if allowed is not None and value not in allowed:
                raise InvalidData(f"{table} row {number}: {name} {value!r} is not one of {sorted(allowed)}")
        key = tuple(row[k] for k in _KEYS.get(table, ("uuid",)))
        if key in seen:
            raise InvalidData(f"{table} row {number}: {key[0]!r} appears twice")
        seen.add(key)
        kept = {name: row[name] for name in spec}
        for name, kind in spec.items():  # 0 and 0.0 must compare (and hash) the same after a round trip
            if kind.startswith(_NUM) and kept[name] is not None:
                kept[name] = float(kept[name])
        clean.append(kept)
    return clean


def _claim_fits(claim: dict, body: str) -> bool:
    start, end = claim["start"], claim["end"]
    return 0 <= start < end <= len(body) and body[start:end] == claim["quote"]


def check_sessions_payload(data: dict[str, list]) -> dict[str, list[dict]]:
    """All tables of a session bundle, checked, with references resolved inside the bundle."""
    tables = {name: check_table(name, data.get(name, [])) for name in
              ("profiles", "articles", "sessions", "claims", "rebuttals", "scores", "feedback")}
    for profile in tables["profiles"]:
        if not profile["name"].strip():
            raise InvalidData(f"profile {profile['uuid']!r} has no name")
    for article in tables["articles"]:
        if not article["body"].strip() or not article["title"].strip():
            raise InvalidData(f"article {article['uuid']!r} has an empty title or body")
        article["body_sha256"] = body_hash(article["body"])  # recomputed, never trusted
    bodies = {a["uuid"]: a["body"] for a in tables["articles"]}
    profiles = {p["uuid"] for p in tables["profiles"]}
    sessions = {s["uuid"]: s for s in tables["sessions"]}
    for s in sessions.values():
        if s["article_uuid"] not in bodies:
            raise InvalidData(f"session {s['uuid']!r}: its article is not in the bundle")
        if s["profile_uuid"] not in profiles:
            raise InvalidData(f"session {s['uuid']!r}: its student is not in the bundle")
    claim_session = {}
    for c in tables["claims"]:
        session = sessions.get(c["session_uuid"])
        if session is None:
            raise InvalidData(f"claim {c['uuid']!r}: its session is not in the bundle")
        if not _claim_fits(c, bodies[session["article_uuid"]]):
            raise InvalidData(f"claim {c['uuid']!r}: offsets {c['start']}-{c['end']} do not fit the "
                              "article body")
        claim_session[c["uuid"]] = c["session_uuid"]
    for r in tables["rebuttals"]:
        if r["session_uuid"] not in sessions:
            raise InvalidData(f"rebuttal {r['uuid']!r}: its session is not in the bundle")
        if r["claim_uuid"] is not None and claim_session.get(r["claim_uuid"]) != r["session_uuid"]:
            raise InvalidData(f"rebuttal {r['uuid']!r}: answers a claim that is not in its session")
    for table in ("scores", "feedback"):
        for row in tables[table]:
            if row["session_uuid"] not in sessions:
                raise InvalidData(f"{table} for session {row['session_uuid']!r}: the session is not in "
                                  "the bundle")
    for f in tables["feedback"]:
        if f["author_uuid"] is not None and f["author_uuid"] not in profiles:
            raise InvalidData(f"feedback {f['uuid']!r}: its author is not in the bundle")
    _check_json_text(tables["scores"], "details_json", dict)
    _check_json_text(tables["feedback"], "rubric_json", (dict, list))
    return tables


def _check_json_text(rows: list[dict], name: str, kind) -> None:
    """Columns holding JSON are read back with json.loads elsewhere: they must parse."""
    for row in rows:
        if row[name] is None:
            continue
        try:
            ok = isinstance(json.loads(row[name]), kind)
        except (ValueError, RecursionError):
            ok = False
        if not ok:
            raise InvalidData(f"{name} of session {row['session_uuid']!r} is not the JSON "
                              "Rebuttal Lab writes")


def check_key_claims(claims: list, body: str, label: str) -> list[dict]:
    """An answer key's claims: [{"id", "start", "end", "quote", "kind"}], each fitting the body."""
    clean = []
    for number, claim in enumerate(claims, start=1):
        if not isinstance(claim, dict):
            raise InvalidData(f"{label} claim {number}: not an object")
        start, end, quote = claim.get("start"), claim.get("end"), claim.get("quote")
        kind = claim.get("kind", ClaimKind.MAIN.value)
        if not (_type_ok(_INT, start) and _type_ok(_INT, end) and _type_ok(_TEXT, quote)):
            raise InvalidData(f"{label} claim {number}: needs integer start, end and a text quote")
        if kind not in _ENUMS[("claims", "kind")]:
            raise InvalidData(f"{label} claim {number}: kind {kind!r} is unknown")
        if not _claim_fits({"start": start, "end": end, "quote": quote}, body):
            raise InvalidData(f"{label} claim {number}: offsets {start}-{end} do not fit the article body")
        clean.append({"id": str(claim.get("id", f"C{number}")), "start": start, "end": end,
                      "quote": quote, "kind": kind})
    return clean
