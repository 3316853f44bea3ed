"""Coach profiles: the passphrase is kept only as a salted hash, wrong guesses slow down, changes need the old one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rebuttal_lab.store import coach

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
GOOD = "correct horse battery"


def stored_hash(db, uuid):
    return db.execute("SELECT passphrase_hash FROM profiles WHERE uuid = ?", [uuid]).fetchone()[0]


def test_the_hash_is_not_the_passphrase_and_is_salted(db):
    kim = coach.create_coach(db, "Kim", GOOD)
    lee = coach.create_coach(db, "Lee", GOOD)
    kim_hash, lee_hash = stored_hash(db, kim.uuid), stored_hash(db, lee.uuid)
    assert GOOD not in kim_hash and GOOD.encode().hex() not in kim_hash
    assert kim_hash.startswith("scrypt$16384$8$1$")
    assert kim_hash != lee_hash
    assert coach.verify_coach(db, "kim", GOOD, now=T0).uuid == kim.uuid


def test_short_passphrase_and_duplicate_name_are_refused(db):
    with pytest.raises(coach.PassphraseTooShort, match="at least 8 characters"):
        coach.create_coach(db, "Kim", "short")
    coach.create_coach(db, "Kim", GOOD)
    with pytest.raises(coach.CoachError, match="already a coach"):
        coach.create_coach(db, " kim ", GOOD)
    with pytest.raises(coach.NoSuchCoach):
        coach.verify_coach(db, "Nobody", GOOD)


def test_wrong_passphrase_is_refused_and_lockout_grows_then_ends(db):
    coach.create_coach(db, "Kim", GOOD)
    now = T0
    for _ in range(2):  # the first wrong guesses cost nothing
        with pytest.raises(coach.WrongPassphrase, match="^wrong passphrase$"):
            coach.verify_coach(db, "Kim", "not it at all", now=now)
    waits = []
    for _ in range(4):
        with pytest.raises(coach.WrongPassphrase) as wrong:
            coach.verify_coach(db, "Kim", "not it at all", now=now)
        wait = coach.lock_seconds(db.execute("SELECT failed_attempts FROM profiles").fetchone()[0])
        assert f"in {wait} s" in str(wrong.value)
        waits.append(wait)
        # While locked even the right passphrase is refused, and the message says how long is left.
        with pytest.raises(coach.CoachLocked, match=f"try again in {wait} s") as locked:
            coach.verify_coach(db, "Kim", GOOD, now=now)
        assert locked.value.seconds == wait
        now += timedelta(seconds=wait)  # the lock has just run out
    assert waits == [2, 4, 8, 16]
    assert coach.verify_coach(db, "Kim", GOOD, now=now).name == "Kim"
    assert db.execute("SELECT failed_attempts, locked_until FROM profiles").fetchone() == (0, None)


def test_lockout_is_capped():
    assert coach.lock_seconds(2) == 0
    assert coach.lock_seconds(100) == coach.MAX_LOCK_S


def test_changing_the_passphrase_needs_the_old_one(db):
    kim = coach.create_coach(db, "Kim", GOOD)
    with pytest.raises(coach.WrongPassphrase):
        coach.change_passphrase(db, kim.uuid, "guessing wrong", "a brand new one", now=T0)
    with pytest.raises(coach.PassphraseTooShort):
        coach.change_passphrase(db, kim.uuid, GOOD, "tiny", now=T0)
    coach.change_passphrase(db, kim.uuid, GOOD, "a brand new one", now=T0)
    with pytest.raises(coach.WrongPassphrase):
        coach.verify_coach(db, "Kim", GOOD, now=T0)
    assert coach.verify_coach(db, "Kim", "a brand new one", now=T0).uuid == kim.uuid


def test_a_student_profile_is_not_a_coach(db):
    from rebuttal_lab.store import profiles

    student = profiles.get_or_create_student(db, "Kim")
    assert not coach.is_coach(db, student.uuid)
    with pytest.raises(coach.NoSuchCoach):
        coach.verify_coach(db, "Kim", GOOD)
