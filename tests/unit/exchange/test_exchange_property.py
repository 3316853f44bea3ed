"""Importing the same bundles in any order, any number of times, ends in the same database."""

from __future__ import annotations

import functools
import itertools
import tempfile
import time
from pathlib import Path

import pytest
from exchange_helpers import add_article, add_feedback, add_session, data_dump, open_db
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rebuttal_lab.services import exchange, practice
from rebuttal_lab.store import sessions as session_store

_counter = itertools.count()


def _edit(db, session_uuid, text, claim_index=0):
    time.sleep(0.003)
    claim = session_store.list_claims(db, session_uuid)[claim_index]
    session_store.save_rebuttal_text(db, session_uuid, claim.uuid, text)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory):
    """Bundles from two machines, including several versions of the same session."""
    folder = tmp_path_factory.mktemp("bundles")
    a = open_db(folder / "a.db")
    made = []

    def export(db, name, **scope):
        path = folder / f"{name}.rlab"
        exchange.export_bundle(db, path, **scope)
        made.append(path)

    article = add_article(a)
    s1 = add_session(a, "Ana", article, ("v1",))
    export(a, "ana-v1", student="Ana")
    _edit(a, s1.uuid, "v2")
    practice.score_session(a, s1.uuid)
    export(a, "s1-v2", session=s1.uuid)
    s2 = add_session(a, "Ben", article, ("ben",))
    add_feedback(a, s2.uuid, "first comment", stamp="2026-01-01T00:00:00+00:00")
    export(a, "all-1", everything=True)
    add_feedback(a, s2.uuid, "edited comment", stamp="2026-01-02T00:00:00+00:00")
    a.execute("UPDATE sessions SET grade = 'B+', reviewed_at = '2026-01-03T00:00:00+00:00' WHERE uuid = ?",
              [s1.uuid])
    a.conn.commit()
    export(a, "all-2", everything=True)
    _edit(a, s1.uuid, "v3", claim_index=1)
    export(a, "s1-v3", session=s1.uuid)
    a.close()

    # A second machine: the same article text and a student with the same name, under other uuids.
    b = open_db(folder / "b.db")
    s9 = add_session(b, "ana", answers=("from machine b",))
    add_feedback(b, s9.uuid, "b's coach", coach="Coach B", uuid="fb-b")
    export(b, "machine-b", everything=True)
    b.close()
    return made


def _rows(db) -> str:
    """Every row of every table, in a fixed order (not the order they happened to be stored in)."""
    return "\n".join(sorted(data_dump(db).splitlines()))


_LOGICAL = {
    "articles": "SELECT body_sha256, title, author, source, motion, body FROM articles",
    "profiles": "SELECT lower(name), role FROM profiles",
    "sessions": "SELECT s.uuid, a.body_sha256, lower(p.name), s.mode, s.writing, s.time_used_s, "
                "s.started_at, s.updated_at, s.submitted_at, s.status, s.redo_of, s.reviewed_at, s.grade "
                "FROM sessions s JOIN articles a ON a.uuid = s.article_uuid "
                "JOIN profiles p ON p.uuid = s.profile_uuid",
    "claims": "SELECT * FROM claims",
    "rebuttals": "SELECT * FROM rebuttals",
    "scores": "SELECT * FROM scores",
    "feedback": "SELECT f.uuid, f.session_uuid, lower(p.name), f.text, f.created_at, f.updated_at, f.seen_at "
                "FROM feedback f LEFT JOIN profiles p ON p.uuid = f.author_uuid",
}


def _logical(db) -> str:
    """The content with merged duplicates named by what they are (an article by its text, a person by
    name) instead of by uuid: which machine's uuid and spelling is kept depends on who arrived first."""
    return "\n".join(f"{table}: {sorted(map(tuple, db.execute(sql).fetchall()))}"
                     for table, sql in _LOGICAL.items())


def _import_all(paths, view=_rows) -> str:
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / f"t{next(_counter)}.db")
        for path in paths:
            [result] = exchange.import_bundles(db, [path])
            assert result.ok, result.message
        seen = view(db)
        db.close()
    return seen


@functools.cache
def _expected(paths: tuple[Path, ...], view=_rows) -> str:
    return _import_all(paths, view)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_order_and_repetition_gives_the_same_database(bundles, data):
    one_machine = bundles[:5]
    expected = _expected(tuple(one_machine))
    order = data.draw(st.lists(st.sampled_from(one_machine), min_size=1, max_size=8).map(
        lambda picked: picked + one_machine))  # every bundle at least once, some repeated, shuffled
    order = data.draw(st.permutations(order))
    assert _import_all(order) == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(6)))
def test_two_machines_merge_to_the_same_content_in_any_order(bundles, order):
    assert _import_all([bundles[i] for i in order], _logical) == _expected(tuple(bundles), _logical)


def test_latest_versions_win(bundles, tmp_path):
    db = open_db(tmp_path / "t.db")
    exchange.import_bundles(db, list(reversed(bundles)))
    texts = {r["text"] for r in db.query("SELECT text FROM rebuttals")}
    assert {"v2", "v3", "ben", "from machine b"} <= texts and "v1" not in texts
    assert {r["text"] for r in db.query("SELECT text FROM feedback")} == {"edited comment", "b's coach"}
    assert [r["grade"] for r in db.query("SELECT grade FROM sessions WHERE grade IS NOT NULL")] == ["B+"]
    assert db["articles"].count == 1 and db["profiles"].count == 4  # Ana, Ben, Coach, Coach B
    db.close()
