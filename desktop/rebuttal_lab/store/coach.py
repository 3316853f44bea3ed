"""Coach profiles: a passphrase kept only as a salted scrypt hash, and throttling of wrong guesses.

The hash is stored as `scrypt$n$r$p$salt_hex$hash_hex`, so the cost can be raised later without
invalidating the hashes already stored. After MAX_FREE_FAILURES wrong passphrases in a row every further
one locks the profile for 2^k seconds (capped); a check is refused outright while the lock lasts.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import asdict
from datetime import UTC, datetime, timedelta

import sqlite_utils

from rebuttal_lab.core.models import Profile, now_iso

MIN_PASSPHRASE = 8
MAX_FREE_FAILURES = 3
MAX_LOCK_S = 15 * 60
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_SALT_BYTES = 16
_KEY_BYTES = 32


class CoachError(Exception):
    """A coach action that cannot be done; the message says why in words a user understands."""


class PassphraseTooShort(CoachError):
    pass


class WrongPassphrase(CoachError):
    pass


class CoachLocked(CoachError):
    def __init__(self, seconds: int):
        super().__init__(f"too many wrong passphrases: try again in {seconds} s")
        self.seconds = seconds


class NoSuchCoach(CoachError):
    pass


# --- hashing ---------------------------------------------------------------------------------------

def hash_passphrase(passphrase: str, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    salt = os.urandom(_SALT_BYTES)
    key = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_KEY_BYTES)
    return f"scrypt${n}${r}${p}${salt.hex()}${key.hex()}"


def check_passphrase(passphrase: str, stored: str | None) -> bool:
    try:
        scheme, n, r, p, salt, key = (stored or "").split("$")
        if scheme != "scrypt":
            return False
        expected = bytes.fromhex(key)
        found = hashlib.scrypt(passphrase.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                               p=int(p), dklen=len(expected))
    except ValueError:
        return False
    return hmac.compare_digest(found, expected)


def _check_length(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseTooShort(f"a passphrase needs at least {MIN_PASSPHRASE} characters")


def lock_seconds(failures: int) -> int:
    """How long a profile stays locked after `failures` wrong passphrases in a row."""
    if failures < MAX_FREE_FAILURES:
        return 0
    return min(2 ** (failures - MAX_FREE_FAILURES + 1), MAX_LOCK_S)


# --- profiles --------------------------------------------------------------------------------------

def create_coach(db: sqlite_utils.Database, name: str, passphrase: str) -> Profile:
    name = " ".join(name.split())
    if not name:
        raise CoachError("a coach needs a name")
    _check_length(passphrase)
    with db.atomic():
        if list(db.query("SELECT 1 FROM profiles WHERE name = ? COLLATE NOCASE AND role = 'coach'", [name])):
            raise CoachError(f"there is already a coach called {name!r}")
        profile = Profile(name=name, role="coach", passphrase_hash=hash_passphrase(passphrase))
        db["profiles"].insert({**asdict(profile), "created_at": now_iso()})
    return profile


def get_coach(db: sqlite_utils.Database, name: str) -> dict:
    rows = list(db.query(
        "SELECT uuid, name, role, passphrase_hash, failed_attempts, locked_until FROM profiles "
        "WHERE name = ? COLLATE NOCASE AND role = 'coach'", [" ".join(name.split())]))
    if not rows:
        raise NoSuchCoach(f"no coach called {name!r}")
    return rows[0]


def coach_names(db: sqlite_utils.Database) -> list[str]:
    return [r["name"] for r in db.query(
        "SELECT name FROM profiles WHERE role = 'coach' ORDER BY name COLLATE NOCASE")]


def is_coach(db: sqlite_utils.Database, profile_uuid: str | None) -> bool:
    return bool(profile_uuid) and bool(list(db.query(
        "SELECT 1 FROM profiles WHERE uuid = ? AND role = 'coach'", [profile_uuid])))


def verify_coach(db: sqlite_utils.Database, name: str, passphrase: str, now: datetime | None = None) -> Profile:
    """The coach's profile if the passphrase is right; WrongPassphrase or CoachLocked otherwise."""
    now = now or datetime.now(UTC)
    with db.atomic():
        row = get_coach(db, name)
        _refuse_if_locked(row, now)
        if check_passphrase(passphrase, row["passphrase_hash"]):
            db.execute("UPDATE profiles SET failed_attempts = 0, locked_until = NULL WHERE uuid = ?",
                       [row["uuid"]])
            return Profile(name=row["name"], role="coach", passphrase_hash=row["passphrase_hash"],
                           uuid=row["uuid"])
        failures = row["failed_attempts"] + 1
        wait = lock_seconds(failures)
        until = (now + timedelta(seconds=wait)).isoformat(timespec="milliseconds") if wait else None
        db.execute("UPDATE profiles SET failed_attempts = ?, locked_until = ? WHERE uuid = ?",
                   [failures, until, row["uuid"]])
    message = "wrong passphrase"
    if wait:
        message += f"; the next try is possible in {wait} s"
    raise WrongPassphrase(message)


def _refuse_if_locked(row: dict, now: datetime) -> None:
    if not row["locked_until"]:
        return
    remaining = (datetime.fromisoformat(row["locked_until"]) - now).total_seconds()
    if remaining > 0:
        raise CoachLocked(max(1, round(remaining + 0.499)))


def change_passphrase(db: sqlite_utils.Database, coach_uuid: str, old: str, new: str,
                      now: datetime | None = None) -> None:
    """Needs the old passphrase: a student at an unlocked machine cannot take the profile over."""
    _check_length(new)
    rows = list(db.query("SELECT name FROM profiles WHERE uuid = ? AND role = 'coach'", [coach_uuid]))
    if not rows:
        raise NoSuchCoach(f"no coach profile {coach_uuid}")
    verify_coach(db, rows[0]["name"], old, now)  # counts a wrong old passphrase like any wrong guess
    with db.atomic():
        db.execute("UPDATE profiles SET passphrase_hash = ? WHERE uuid = ?", [hash_passphrase(new), coach_uuid])
