"""Killing the program (SIGKILL) while a student types loses at most the last second of text and never
leaves the database inconsistent. The student is a real subprocess (tests/e2e/typing_driver.py) typing
into the real flow sheet through the real SessionController; benchmarks/kill_soak.py repeats this 100 times.
"""

from __future__ import annotations

import random

import pytest
from typing_driver import kill_run, typed_text

pytestmark = pytest.mark.slow


def test_typed_text_is_deterministic():
    assert typed_text(50) == typed_text(200)[:50]
    assert len(typed_text(500)) == 500


def test_kill_while_typing_loses_at_most_the_last_second(tmp_path):
    rng = random.Random()
    kill_after = round(rng.uniform(2.0, 5.0), 2)
    result = kill_run(tmp_path / "kill.db", kill_after=kill_after, rate=15.0)

    context = f"(killed {kill_after} s into typing, {result.typed} characters typed)"
    assert result.typed >= 15, f"the driver typed too little to test anything {context}"
    assert result.integrity == "ok", context
    assert result.foreign_key_problems == [], context
    assert result.is_prefix, f"stored text is not what was typed {context}: {result.stored[-60:]!r}"
    assert not result.problems(), "; ".join(result.problems()) + " " + context


def test_database_opens_in_the_app_after_a_kill(tmp_path):
    from rebuttal_lab.store import open_database
    from rebuttal_lab.store import sessions as session_store

    db_path = tmp_path / "kill.db"
    kill_run(db_path, kill_after=1.0)
    db = open_database(db_path)
    try:
        rows = session_store.list_sessions(db)
        assert len(rows) == 1 and rows[0]["claims"] == 1
        assert rows[0]["status"] == "open"
    finally:
        db.close()
