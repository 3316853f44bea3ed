"""Article packs with answer keys, and the practice articles' bundled keys."""

from __future__ import annotations

import json

import pytest
from exchange_helpers import BODY, CLAIMS, add_article, add_session, dump, make_zip, open_db, read_entries

from rebuttal_lab.core.spotting import score_spotting
from rebuttal_lab.services import exchange, library, packs


@pytest.fixture
def coach_db(tmp_path):
    db = open_db(tmp_path / "coach.db")
    yield db
    db.close()


@pytest.fixture
def student_db(tmp_path):
    db = open_db(tmp_path / "student.db")
    yield db
    db.close()


def _coach(db) -> str:
    db["profiles"].insert({"uuid": "coach-1", "name": "Ms Rivera", "role": "coach",
                           "created_at": "2026-01-01T00:00:00+00:00"})
    return "coach-1"


def _key(body: str, quotes: list[str]) -> list[dict]:
    return [{"id": f"C{n}", "start": body.index(q), "end": body.index(q) + len(q), "quote": q,
             "kind": "reason"} for n, q in enumerate(quotes, start=1)]


def test_pack_round_trip_with_the_coach_key(coach_db, student_db, tmp_path):
    coach = _coach(coach_db)
    article = add_article(coach_db)
    packs.save_answer_key(coach_db, article.uuid, coach, _key(BODY, CLAIMS))
    other = add_article(coach_db, body="Another article entirely. It argues something else.", title="Other")
    counts = packs.export_pack(coach_db, [article.uuid, other.uuid], tmp_path / "week1.rlabpack", coach)
    assert counts == {"articles": 2, "answer_keys": 1}
    assert "passphrase_hash" not in read_entries(tmp_path / "week1.rlabpack")["profiles.json"].decode()

    result = packs.import_pack(student_db, tmp_path / "week1.rlabpack")
    assert result.status == exchange.IMPORTED, result.message
    assert result.counts == {"new articles": 2, "answer keys": 1}
    assert packs.get_answer_key(student_db, article.uuid, coach) == _key(BODY, CLAIMS)
    [row] = list(student_db.query("SELECT pack_uuid FROM articles WHERE uuid = ?", [article.uuid]))
    assert row["pack_uuid"]
    [profile] = list(student_db.query("SELECT name, role, passphrase_hash FROM profiles"))
    assert profile == {"name": "Ms Rivera", "role": "coach", "passphrase_hash": None}


def test_importing_a_pack_twice_changes_nothing(coach_db, student_db, tmp_path):
    coach = _coach(coach_db)
    article = add_article(coach_db)
    packs.save_answer_key(coach_db, article.uuid, coach, _key(BODY, CLAIMS[:1]))
    packs.export_pack(coach_db, [article.uuid], tmp_path / "p.rlabpack", coach)
    packs.import_pack(student_db, tmp_path / "p.rlabpack")
    before = dump(student_db)
    again = packs.import_pack(student_db, tmp_path / "p.rlabpack")
    assert again.status == exchange.UNCHANGED and dump(student_db) == before


def test_pack_article_already_in_the_library_is_reused_with_the_key_re_anchored(coach_db, student_db,
                                                                                tmp_path):
    coach = _coach(coach_db)
    article = add_article(coach_db)
    packs.save_answer_key(coach_db, article.uuid, coach, _key(BODY, CLAIMS))
    packs.export_pack(coach_db, [article.uuid], tmp_path / "p.rlabpack", coach)
    spaced = "  " + BODY.replace(". ", ".  ")  # the same text as far as the library is concerned
    mine = add_article(student_db, body=spaced)
    result = packs.import_pack(student_db, tmp_path / "p.rlabpack")
    assert result.counts["new articles"] == 0 and student_db["articles"].count == 1
    key = packs.get_answer_key(student_db, mine.uuid, coach)
    assert [spaced[c["start"]:c["end"]] for c in key] == CLAIMS


def test_key_comes_from_the_coach_session_when_none_was_saved(coach_db, student_db, tmp_path):
    coach = _coach(coach_db)
    article = add_article(coach_db)
    session = add_session(coach_db, "Ana", article)  # a session marks the standard claims
    coach_db.execute("UPDATE sessions SET profile_uuid = ? WHERE uuid = ?", [coach, session.uuid])
    coach_db.conn.commit()
    assert packs.export_pack(coach_db, [article.uuid], tmp_path / "p.rlabpack", coach)["answer_keys"] == 1
    packs.import_pack(student_db, tmp_path / "p.rlabpack")
    assert [c["quote"] for c in packs.get_answer_key(student_db, article.uuid, coach)] == CLAIMS


def test_pack_refusals_write_nothing(coach_db, student_db, tmp_path):
    coach = _coach(coach_db)
    article = add_article(coach_db)
    packs.save_answer_key(coach_db, article.uuid, coach, _key(BODY, CLAIMS))
    good = tmp_path / "good.rlabpack"
    packs.export_pack(coach_db, [article.uuid], good, coach)
    entries = read_entries(good)
    manifest = json.loads(entries.pop("manifest.json"))
    keys = json.loads(entries["answer_keys.json"])
    keys[0]["claims"][0]["end"] = 10_000
    bad_key = make_zip(tmp_path / "badkey.rlabpack", {**entries, "answer_keys.json": json.dumps(keys)},
                       manifest)
    tampered = make_zip(tmp_path / "tampered.rlabpack",
                        {**entries, "answer_keys.json": json.dumps(keys),
                         "manifest.json": json.dumps(manifest)})
    add_session(coach_db, "Ana", article)
    exchange.export_bundle(coach_db, tmp_path / "b.rlab", everything=True)
    before = dump(student_db)
    for path, problem in ((bad_key, "do not fit the article body"), (tampered, "checksum"),
                          (tmp_path / "b.rlab", "not a Rebuttal Lab article pack")):
        result = packs.import_pack(student_db, path)
        assert result.status == exchange.REFUSED and path.name in result.message, result.message
        assert problem in result.message, result.message
        assert dump(student_db) == before


def test_practice_answer_keys_are_loaded_once(student_db):
    library.ensure_practice_articles(student_db)
    files = library.practice_article_files()
    assert packs.ensure_practice_answer_keys(student_db) == len(files) >= 6
    assert packs.ensure_practice_answer_keys(student_db) == 0
    rows = list(student_db.query("SELECT a.body, k.claims_json FROM answer_keys k "
                                 "JOIN articles a ON a.uuid = k.article_uuid WHERE k.author_uuid IS NULL"))
    assert len(rows) == len(files)
    for row in rows:
        key = json.loads(row["claims_json"])
        assert key and all(row["body"][c["start"]:c["end"]] == c["quote"] for c in key)
    by_file = {len(library.answer_key(f)) for f in files}
    assert {len(json.loads(r["claims_json"])) for r in rows} == by_file
    # The spotting drill works out of the box: the key scores itself perfectly.
    key = json.loads(rows[0]["claims_json"])
    spans = [(c["start"], c["end"]) for c in key]
    assert score_spotting(spans, spans, rows[0]["body"])["f1"] == 1.0


def test_practice_keys_skip_deleted_articles(student_db):
    library.ensure_practice_articles(student_db)
    student_db.execute("DELETE FROM articles WHERE rowid = (SELECT min(rowid) FROM articles)")
    student_db.conn.commit()
    assert packs.ensure_practice_answer_keys(student_db) == len(library.practice_article_files()) - 1


def test_a_corrected_bundled_key_reaches_a_database_that_has_the_old_one(student_db, tmp_path, monkeypatch):
    """An upgrade that fixes a bundled key: the next drill on that article is marked by the new key."""
    import shutil

    from rebuttal_lab.paths import resources_dir
    from rebuttal_lab.services import spotting_drill

    shipped = tmp_path / "resources"
    shutil.copytree(resources_dir() / "articles", shipped / "articles")
    monkeypatch.setattr(library, "resources_dir", lambda: shipped)
    library.ensure_practice_articles(student_db)
    article = student_db.execute("SELECT uuid FROM articles ORDER BY rowid LIMIT 1").fetchone()[0]
    old = spotting_drill.answer_key_for(student_db, article)
    assert old and packs.refresh_practice_answer_keys(student_db) == 0   # nothing changed since

    key_file = library.practice_answer_key_files()[0]
    data = json.loads(key_file.read_text(encoding="utf-8"))
    data["claims"] = data["claims"][:-1]          # the new version drops a claim that was not one
    key_file.write_text(json.dumps(data), encoding="utf-8")
    new = spotting_drill.answer_key_for(student_db, article)
    assert [c["quote"] for c in new] == [c["quote"] for c in old][:-1]
    assert packs.refresh_practice_answer_keys(student_db) == 0
