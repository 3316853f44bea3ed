"""Bundles between two machines: round trip, idempotence, newer edit wins, one transaction per bundle."""

from __future__ import annotations

import time

import pytest
from exchange_helpers import (
    add_article,
    add_feedback,
    add_session,
    data_dump,
    dump,
    open_db,
    read_entries,
    session_view,
)

from rebuttal_lab.io import bundles
from rebuttal_lab.services import exchange, practice
from rebuttal_lab.store import sessions as session_store


@pytest.fixture
def machines(tmp_path):
    a, b = open_db(tmp_path / "a.db"), open_db(tmp_path / "b.db")
    yield a, b
    a.close()
    b.close()


def _student_sessions(db, name):
    return [r["uuid"] for r in db.query(
        "SELECT s.uuid FROM sessions s JOIN profiles p ON p.uuid = s.profile_uuid WHERE p.name = ? "
        "ORDER BY s.uuid", [name])]


def test_student_round_trip_carries_everything(machines, tmp_path):
    a, b = machines
    article = add_article(a)
    first = add_session(a, "Ana", article, ("No: they adapt.", "Evidence says otherwise."))
    second = add_session(a, "Ana", article, ("Only one study.",))
    add_session(a, "Ben", article, ("Ben's answer",))
    practice.score_session(a, first.uuid)
    practice.submit(a, second.uuid)
    add_feedback(a, first.uuid, "Good clash, weak evidence.")

    counts = exchange.export_bundle(a, tmp_path / "ana.rlab", student="ana")
    assert counts["sessions"] == 2 and counts["articles"] == 1
    manifest = bundles.json_entry(bundles.read_bundle(tmp_path / "ana.rlab"), "sessions.json")
    assert len(manifest) == 2
    [result] = exchange.import_bundles(b, [tmp_path / "ana.rlab"])
    assert result.status == exchange.IMPORTED, result.message

    assert _student_sessions(b, "Ana") == _student_sessions(a, "Ana")
    assert _student_sessions(b, "Ben") == []
    for uuid in _student_sessions(a, "Ana"):
        assert session_view(b, uuid) == session_view(a, uuid)
    assert session_view(b, first.uuid)["feedback"][0]["text"] == "Good clash, weak evidence."
    assert session_view(b, second.uuid)["session"]["status"] == "submitted"


def test_manifest_lists_every_entry_with_its_checksum(machines, tmp_path):
    a, _ = machines
    add_session(a, "Ana")
    exchange.export_bundle(a, tmp_path / "all.rlab", everything=True)
    entries = read_entries(tmp_path / "all.rlab")
    manifest = bundles.read_bundle(tmp_path / "all.rlab").manifest
    assert manifest["format"] == "rebuttal-lab-bundle" and manifest["bundle_version"] == 1
    assert manifest["scope"] == {"kind": "all"} and manifest["app_version"]
    assert {e["name"] for e in manifest["entries"]} == set(entries) - {"manifest.json"}
    assert not list(tmp_path.glob(".*partial"))


def test_importing_twice_changes_nothing(machines, tmp_path):
    a, b = machines
    session = add_session(a, "Ana", answers=("answer",))
    add_feedback(a, session.uuid, "note")
    exchange.export_bundle(a, tmp_path / "ana.rlab", student="Ana")
    exchange.import_bundles(b, [tmp_path / "ana.rlab"])
    before = dump(b)
    [again] = exchange.import_bundles(b, [tmp_path / "ana.rlab"])
    assert again.status == exchange.UNCHANGED and again.ok
    assert dump(b) == before
    # Importing a bundle back into the machine it came from changes nothing either.
    exchange.export_bundle(b, tmp_path / "back.rlab", everything=True)
    before_a = data_dump(a)
    exchange.import_bundles(a, [tmp_path / "back.rlab"])
    assert data_dump(a) == before_a


def _answer(db, session_uuid) -> str:
    return session_store.list_rebuttals(db, session_uuid)[0].text


def _edit(db, session_uuid, text):
    time.sleep(0.005)  # a later millisecond stamp than the other machine's edit
    claim = session_store.list_claims(db, session_uuid)[0]
    session_store.save_rebuttal_text(db, session_uuid, claim.uuid, text)


def test_newer_edit_wins_in_both_directions(machines, tmp_path):
    a, b = machines
    session = add_session(a, "Ana", answers=("first draft",))
    exchange.export_bundle(a, tmp_path / "v1.rlab", session=session.uuid)
    exchange.import_bundles(b, [tmp_path / "v1.rlab"])

    _edit(b, session.uuid, "edited on B")
    exchange.export_bundle(b, tmp_path / "from-b.rlab", session=session.uuid)
    exchange.import_bundles(a, [tmp_path / "from-b.rlab"])
    assert _answer(a, session.uuid) == "edited on B"

    _edit(a, session.uuid, "edited on A later")
    exchange.export_bundle(a, tmp_path / "from-a.rlab", session=session.uuid)
    [result] = exchange.import_bundles(b, [tmp_path / "from-a.rlab"])
    assert result.counts["updated sessions"] == 1
    assert _answer(b, session.uuid) == "edited on A later"

    # An old bundle arriving late does not undo the newer edit.
    before = dump(b)
    [late] = exchange.import_bundles(b, [tmp_path / "v1.rlab"])
    assert late.status == exchange.UNCHANGED
    assert _answer(b, session.uuid) == "edited on A later" and dump(b) == before


def test_feedback_newer_edit_wins_and_first_seen_is_kept(machines, tmp_path):
    a, b = machines
    session = add_session(a, "Ana")
    add_feedback(a, session.uuid, "draft comment", stamp="2026-01-01T10:00:00+00:00")
    exchange.export_bundle(a, tmp_path / "a.rlab", student="Ana")
    exchange.import_bundles(b, [tmp_path / "a.rlab"])
    b.execute("UPDATE feedback SET text = 'final comment', updated_at = '2026-01-02T10:00:00+00:00'")
    a.execute("UPDATE feedback SET seen_at = '2026-01-01T12:00:00+00:00'")
    b.conn.commit()
    a.conn.commit()
    exchange.export_bundle(b, tmp_path / "b.rlab", student="Ana")
    exchange.import_bundles(a, [tmp_path / "b.rlab"])
    [row] = list(a.query("SELECT text, seen_at FROM feedback"))
    assert row == {"text": "final comment", "seen_at": "2026-01-01T12:00:00+00:00"}


def test_same_article_and_student_on_both_machines_are_not_duplicated(machines, tmp_path):
    a, b = machines
    session = add_session(a, "Ana", answers=("x",))
    local_article = add_article(b)  # B imported the same text itself, under its own uuid
    add_session(b, "ana")           # and has its own Ana
    exchange.export_bundle(a, tmp_path / "ana.rlab", student="Ana")
    [result] = exchange.import_bundles(b, [tmp_path / "ana.rlab"])
    assert result.ok, result.message
    assert b["articles"].count == 1 and b["profiles"].count == 1
    imported = session_store.get_session(b, session.uuid)
    assert imported.article_uuid == local_article.uuid


def test_a_bundle_that_fails_while_storing_writes_nothing(machines, tmp_path):
    a, b = machines
    session = add_session(a, "Ana", answers=("x",))
    exchange.export_bundle(a, tmp_path / "ana.rlab", student="Ana")
    # B already uses one of the bundle's claim ids in another session: the insert fails half-way.
    other = add_session(b, "Ben")
    clash = session_store.list_claims(a, session.uuid)[-1].uuid
    mine = session_store.list_claims(b, other.uuid)[0].uuid
    b.execute("UPDATE claims SET uuid = ? WHERE uuid = ?", [clash, mine])
    b.conn.commit()
    before = dump(b)
    [result] = exchange.import_bundles(b, [tmp_path / "ana.rlab"])
    assert result.status == exchange.REFUSED and "could not be stored" in result.message
    assert dump(b) == before


def test_export_needs_exactly_one_scope_and_a_known_target(machines, tmp_path):
    a, _ = machines
    with pytest.raises(exchange.ExchangeError):
        exchange.export_bundle(a, tmp_path / "x.rlab")
    with pytest.raises(exchange.ExchangeError, match="no student"):
        exchange.export_bundle(a, tmp_path / "x.rlab", student="Nobody")
    with pytest.raises(exchange.ExchangeError, match="no session"):
        exchange.export_bundle(a, tmp_path / "x.rlab", session="nope")
    assert not list(tmp_path.glob("*x.rlab*"))


def test_redo_links_travel_and_are_restored_when_the_first_attempt_arrives(machines, tmp_path):
    a, b = machines
    first = add_session(a, "Ana", answers=("try 1",))
    again = practice.redo(a, first.uuid)
    exchange.export_bundle(a, tmp_path / "redo.rlab", session=again.uuid)
    exchange.export_bundle(a, tmp_path / "first.rlab", session=first.uuid)
    exchange.export_bundle(a, tmp_path / "ana.rlab", student="Ana")

    [result] = exchange.import_bundles(b, [tmp_path / "redo.rlab"])
    assert result.ok, result.message
    assert session_store.get_session(b, again.uuid).redo_of is None  # the first attempt is not here yet
    exchange.import_bundles(b, [tmp_path / "first.rlab", tmp_path / "ana.rlab"])
    assert session_store.get_session(b, again.uuid).redo_of == first.uuid
