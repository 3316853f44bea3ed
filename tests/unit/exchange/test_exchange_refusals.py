"""Every kind of bad bundle is refused with a message naming the file and the problem, writing nothing."""

from __future__ import annotations

import json
import struct

import pytest
from exchange_helpers import add_session, dump, make_zip, open_db, read_entries

from rebuttal_lab.io import bundles
from rebuttal_lab.services import exchange


@pytest.fixture
def source(tmp_path):
    db = open_db(tmp_path / "source.db")
    session = add_session(db, "Ana", answers=("They adapt.", "Not true."))
    db["scores"].insert({"session_uuid": session.uuid, "computed_at": "2026-01-01T00:00:00+00:00",
                         "scorer_version": "test", "overall": 0.5, "details_json": "{}"})
    yield db
    db.close()


@pytest.fixture
def target(tmp_path):
    db = open_db(tmp_path / "target.db")
    add_session(db, "Zoe", answers=("Something already here.",))
    yield db
    db.close()


@pytest.fixture
def good(source, tmp_path):
    path = tmp_path / "good.rlab"
    exchange.export_bundle(source, path, student="Ana")
    return path


def assert_refused(db, path, *words):
    before = dump(db)
    [result] = exchange.import_bundles(db, [path])
    assert result.status == exchange.REFUSED and not result.ok
    assert path.name in result.message
    for word in words:
        assert word in result.message, result.message
    assert dump(db) == before
    assert db["imported_bundles"].count == 0
    return result


def _manifest(good):
    return json.loads(read_entries(good)["manifest.json"])


def _data(good):
    return {name: data for name, data in read_entries(good).items() if name != "manifest.json"}


def _rewrite(good, tmp_path, name, change):
    """The good bundle with one data entry changed and the checksums made to match again."""
    entries = _data(good)
    rows = json.loads(entries[f"{name}.json"])
    change(rows)
    entries[f"{name}.json"] = json.dumps(rows)
    return make_zip(tmp_path / "bad-data.rlab", entries, _manifest(good))


def test_not_a_zip(target, tmp_path):
    path = tmp_path / "homework.rlab"
    path.write_text("this is an essay, not a bundle")
    assert_refused(target, path, "not a zip")


def test_missing_file(target, tmp_path):
    assert_refused(target, tmp_path / "gone.rlab", "no such file")


def test_no_manifest(target, good, tmp_path):
    path = make_zip(tmp_path / "nomanifest.rlab", _data(good))
    assert_refused(target, path, "no manifest")


@pytest.mark.parametrize("manifest", ["{not json", "[1, 2]", json.dumps({"format": "rebuttal-lab-bundle"}),
                                      json.dumps({"format": "rebuttal-lab-bundle", "bundle_version": 1,
                                                  "entries": "all", "scope": {}, "created_at": "x"})])
def test_malformed_manifest(target, good, tmp_path, manifest):
    path = make_zip(tmp_path / "badmanifest.rlab", {**_data(good), "manifest.json": manifest})
    assert_refused(target, path, "malformed manifest")


def test_newer_bundle_version(target, good, tmp_path):
    path = make_zip(tmp_path / "future.rlab", _data(good), {**_manifest(good), "bundle_version": 99})
    assert_refused(target, path, "newer Rebuttal Lab", "99")


def test_a_pack_is_not_a_bundle(target, good, tmp_path):
    path = make_zip(tmp_path / "pack.rlab", _data(good), {**_manifest(good), "format": "rebuttal-lab-pack"})
    assert_refused(target, path, "not a Rebuttal Lab bundle")


def test_tampered_entry(target, good, tmp_path):
    entries = _data(good)
    entries["rebuttals.json"] = entries["rebuttals.json"].replace(b"They adapt.", b"They cheat.")
    entries["manifest.json"] = read_entries(good)["manifest.json"]  # still lists the old checksum
    path = make_zip(tmp_path / "tampered.rlab", entries)
    assert_refused(target, path, "checksum", "rebuttals.json")


def test_entry_missing_from_manifest(target, good, tmp_path):
    manifest = _manifest(good)
    path = make_zip(tmp_path / "extra.rlab", {**_data(good), "manifest.json": json.dumps(manifest),
                                              "notes.json": "[]"})
    assert_refused(target, path, "does not match its manifest", "notes.json")


@pytest.mark.parametrize("name, problem", [
    ("../evil.json", "outside the bundle"),
    ("data/../../evil.json", "outside the bundle"),
    ("..\\evil.json", "outside the bundle"),
    ("/etc/evil.json", "absolute path"),
    ("\\\\server\\share\\evil.json", "absolute path"),
    ("C:\\evil.json", "absolute path"),
    ("c:evil.json", "absolute path"),
])
def test_entry_names_that_escape(target, good, tmp_path, name, problem):
    path = make_zip(tmp_path / "escape.rlab", {**_data(good), name: "[]"}, _manifest(good))
    assert_refused(target, path, problem)
    assert not (tmp_path.parent / "evil.json").exists() and not (tmp_path / "evil.json").exists()


def _patch_declared_size(path, entry: str, size: int) -> None:
    """Rewrite an entry's uncompressed size in the zip's central directory (what infolist() reports)."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len].decode() == entry:
            struct.pack_into("<I", data, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_zip_bomb_by_declared_size(target, good, tmp_path):
    path = tmp_path / "bomb.rlab"
    path.write_bytes(good.read_bytes())
    _patch_declared_size(path, "claims.json", 0xFFFF_FFF0)
    assert_refused(target, path, "too large when unpacked")


def test_entry_that_unpacks_to_more_than_it_declares(target, good, tmp_path):
    path = tmp_path / "liar.rlab"
    path.write_bytes(good.read_bytes())
    _patch_declared_size(path, "articles.json", 10)  # the reader must stop at 10 bytes, not trust the data
    assert_refused(target, path, "articles.json")


def test_real_zip_bomb_is_stopped_by_the_directory(target, good, tmp_path):
    entries = {**_data(good), "padding.json": b"0" * (bundles.MAX_TOTAL_BYTES + 1)}
    path = make_zip(tmp_path / "realbomb.rlab", entries, _manifest(good))
    assert path.stat().st_size < 1_000_000  # small on disk, huge when unpacked
    assert_refused(target, path, "too large when unpacked")


def test_huge_central_directory_is_refused_before_it_is_parsed(target, good, tmp_path):
    data = bytearray(good.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 60_000, 60_000)  # entries on this disk, entries in total
    path = tmp_path / "hugedir.rlab"
    path.write_bytes(bytes(data))
    assert_refused(target, path, "too many entries", "60000")


def test_zip_bomb_by_entry_count(target, good, tmp_path):
    entries = {**_data(good), **{f"e{n}.json": "[]" for n in range(bundles.MAX_ENTRIES + 1)}}
    path = make_zip(tmp_path / "many.rlab", entries, _manifest(good))
    assert_refused(target, path, "too many entries")


def _first(key, value):
    def change(rows):
        rows[0][key] = value
    return change


def _drop(key):
    def change(rows):
        del rows[0][key]
    return change


@pytest.mark.parametrize("table, change, problem", [
    ("sessions", _first("time_used_s", "ten minutes"), "wrong type"),
    ("sessions", _first("updated_at", "yesterday"), "wrong type or format"),
    ("sessions", _drop("mode"), "'mode' is missing"),
    ("sessions", _first("mode", "freestyle"), "freestyle"),
    ("sessions", _first("status", "graded"), "graded"),
    ("claims", _first("kind", "rant"), "rant"),
    ("claims", _first("end", 100_000), "do not fit the article body"),
    ("claims", _first("start", -5), "do not fit"),
    ("claims", _first("quote", "words that are not at these offsets"), "do not fit"),
    ("claims", _first("position", True), "wrong type"),
    ("rebuttals", _first("claim_uuid", "no-such-claim"), "not in its session"),
    ("profiles", _first("role", "admin"), "admin"),
    ("profiles", _first("name", "   "), "has no name"),
    ("articles", _first("body", ""), "empty"),
    ("sessions", lambda rows: rows.append(dict(rows[0])), "appears twice"),
    ("scores", _first("details_json", "{broken"), "details_json"),
    ("scores", _first("overall", float("nan")), "wrong type"),
    ("claims", lambda rows: rows.__setitem__(0, "not a row"), "not an object"),
])
def test_invalid_data(target, good, tmp_path, table, change, problem):
    path = _rewrite(good, tmp_path, table, change)
    assert_refused(target, path, "invalid data", problem)


def test_json_nested_too_deep_is_refused_not_crashed(target, good, tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    path = make_zip(tmp_path / "deep.rlab", {**_data(good), "claims.json": deep}, _manifest(good))
    assert_refused(target, path, "claims.json", "not valid JSON")
    path = _rewrite(good, tmp_path, "scores", _first("details_json", deep))
    assert_refused(target, path, "details_json")


def test_entry_that_is_not_json(target, good, tmp_path):
    path = make_zip(tmp_path / "notjson.rlab", {**_data(good), "claims.json": "{{{"}, _manifest(good))
    assert_refused(target, path, "claims.json", "not valid JSON")


KEY = bytes(range(32))


def test_unsigned_bundle_refused_when_a_class_key_is_set(target, good):
    exchange.set_class_key(target, KEY)
    assert_refused(target, good, "not from this class", "no class signature")


def test_bundle_signed_with_another_key_is_refused(source, target, tmp_path):
    exchange.set_class_key(target, KEY)
    path = tmp_path / "otherclass.rlab"
    exchange.export_bundle(source, path, student="Ana", class_key=b"another class's key")
    assert_refused(target, path, "not from this class", "does not match")


def test_signature_covers_the_entries(source, target, tmp_path):
    exchange.set_class_key(source, KEY)
    exchange.set_class_key(target, KEY)
    signed = tmp_path / "signed.rlab"
    exchange.export_bundle(source, signed, student="Ana")
    entries = read_entries(signed)
    manifest = json.loads(entries["manifest.json"])
    entries["rebuttals.json"] = entries["rebuttals.json"].replace(b"They adapt.", b"They cheat.")
    manifest["entries"] = [{**e, "sha256": __import__("hashlib").sha256(entries[e["name"]]).hexdigest()}
                           for e in manifest["entries"]]
    entries["manifest.json"] = json.dumps(manifest).encode()
    path = make_zip(tmp_path / "resigned.rlab", entries)
    assert_refused(target, path, "not from this class", "does not match")


def test_right_key_is_accepted_and_key_is_stored_as_hex(source, target, tmp_path):
    exchange.set_class_key(source, KEY)
    exchange.set_class_key(target, KEY)
    assert exchange.get_class_key(target) == KEY
    assert list(target.query("SELECT value FROM app_meta WHERE key = 'class_key'"))[0]["value"] == KEY.hex()
    path = tmp_path / "signed.rlab"
    exchange.export_bundle(source, path, student="Ana")
    assert "manifest.hmac" in read_entries(path)
    [result] = exchange.import_bundles(target, [path])
    assert result.status == exchange.IMPORTED, result.message
    exchange.set_class_key(target, None)
    assert exchange.get_class_key(target) is None


def test_one_bad_bundle_does_not_stop_the_others(target, good, tmp_path):
    bad = tmp_path / "bad.rlab"
    bad.write_bytes(b"PK\x03\x04 truncated")
    results = exchange.import_bundles(target, [bad, good])
    assert [r.status for r in results] == [exchange.REFUSED, exchange.IMPORTED]
    assert "bad.rlab" in results[0].message
