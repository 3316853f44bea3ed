"""Profiles: the students (and, later, coaches) who use one machine."""

from __future__ import annotations

from dataclasses import asdict

import sqlite_utils

from rebuttal_lab.core.models import Profile, now_iso

DEFAULT_STUDENT = "Student"


def get_or_create_student(db: sqlite_utils.Database, name: str = DEFAULT_STUDENT) -> Profile:
    name = " ".join(name.split()) or DEFAULT_STUDENT
    with db.atomic():
        rows = list(
            db.query(
                "SELECT uuid, name, role, passphrase_hash FROM profiles "
                "WHERE name = ? COLLATE NOCASE AND role = 'student'",
                [name],
            )
        )
        if rows:
            return Profile(**rows[0])
        profile = Profile(name=name)
        db["profiles"].insert({**asdict(profile), "created_at": now_iso()})
    return profile


def get_profile(db: sqlite_utils.Database, uuid: str) -> Profile | None:
    rows = list(db.query("SELECT uuid, name, role, passphrase_hash FROM profiles WHERE uuid = ?", [uuid]))
    return Profile(**rows[0]) if rows else None


def list_students(db: sqlite_utils.Database) -> list[Profile]:
    rows = db.query(
        "SELECT uuid, name, role, passphrase_hash FROM profiles WHERE role = 'student' ORDER BY name COLLATE NOCASE"
    )
    return [Profile(**r) for r in rows]
