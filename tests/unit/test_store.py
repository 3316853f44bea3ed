import sqlite3
from datetime import date, timedelta

import pytest

from rebuttal_lab.core.models import Article, Mode, Session, Status
from rebuttal_lab.store import DatabaseCorrupt, DatabaseTooNew, open_database
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.store.database import daily_backup, quarantine, schema_version
from rebuttal_lab.store.profiles import get_or_create_student


def test_new_database_is_migrated_with_wal_and_foreign_keys(db, db_path):
    assert db.execute("PRAGMA user_version").fetchone()[0] == schema_version() >= 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"articles", "sessions", "claims", "rebuttals", "scores", "profiles"} <= set(db.table_names())


def test_reopening_keeps_data_and_does_not_migrate_again(db_path):
    db = open_database(db_path)
    article_store.add_article(db, Article(title="T", body="Some body text."))
    db.close()
    again = open_database(db_path)
    assert [a["title"] for a in article_store.list_articles(again)] == ["T"]
    again.close()


def test_newer_database_is_refused_and_left_byte_identical(db_path):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNew) as caught:
        open_database(db_path)
    assert db_path.name in str(caught.value) and "newer version" in str(caught.value)
    assert db_path.read_bytes() == before
    assert not (db_path.parent / (db_path.name + "-wal")).exists()


def test_corrupt_file_is_reported_and_can_be_set_aside(db_path):
    db_path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseCorrupt) as caught:
        open_database(db_path)
    assert db_path.name in str(caught.value)
    kept = quarantine(db_path, today=date(2026, 1, 2))
    assert kept.exists() and kept.read_bytes().startswith(b"this is not sqlite")
    fresh = open_database(db_path)
    assert "articles" in fresh.table_names()
    fresh.close()


def test_failed_migration_rolls_back_whole_file(tmp_path, db_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_ok.sql").write_text("CREATE TABLE a (x);")
    (folder / "0002_bad.sql").write_text("CREATE TABLE b (x);\nINSERT INTO nowhere VALUES (1);")
    with pytest.raises(sqlite3.OperationalError):
        open_database(db_path, migrations_folder=folder)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "a" in names and "b" not in names


def test_same_text_is_not_stored_twice(db):
    first, new = article_store.add_article(db, Article(title="One", body="Cats   are great.\n\nTruly."))
    second, new_again = article_store.add_article(db, Article(title="Two", body="cats are great. truly."))
    assert new and not new_again and second.uuid == first.uuid
    assert len(article_store.list_articles(db)) == 1


def _session(db):
    article, _ = article_store.add_article(db, Article(title="A", body="Claims here. More claims."))
    student = get_or_create_student(db, "Ada")
    return session_store.create_session(db, Session(article_uuid=article.uuid, profile_uuid=student.uuid))


def test_submitted_session_is_read_only(db):
    session = _session(db)
    session_store.save_rebuttal_text(db, session.uuid, None, "first")
    session_store.submit_session(db, session.uuid, time_used_s=12.5)
    stored = session_store.get_session(db, session.uuid)
    assert stored.status == Status.SUBMITTED and stored.time_used_s == 12.5 and stored.submitted_at
    with pytest.raises(session_store.SessionLocked):
        session_store.save_rebuttal_text(db, session.uuid, None, "changed")
    assert session_store.list_rebuttals(db, session.uuid)[0].text == "first"


def test_one_speech_row_per_session(db):
    session = _session(db)
    for text in ("a", "ab", "abc"):
        session_store.save_rebuttal_text(db, session.uuid, None, text)
    rows = session_store.list_rebuttals(db, session.uuid)
    assert [r.text for r in rows] == ["abc"]


def test_deleting_a_session_removes_its_claims_and_rebuttals(db):
    session = _session(db)
    session_store.save_rebuttal_text(db, session.uuid, None, "x")
    session_store.delete_session(db, session.uuid)
    assert db.execute("SELECT count(*) FROM rebuttals").fetchone()[0] == 0
    assert session_store.list_sessions(db) == []


def test_history_lists_student_sessions_newest_first(db):
    first = _session(db)
    other = get_or_create_student(db, "Ben")
    session_store.create_session(
        db, Session(article_uuid=first.article_uuid, profile_uuid=other.uuid, mode=Mode.DRILL)
    )
    rows = session_store.list_sessions(db, first.profile_uuid)
    assert [r["uuid"] for r in rows] == [first.uuid]
    assert rows[0]["student"] == "Ada" and rows[0]["article_title"] == "A"
    assert len(session_store.list_sessions(db)) == 2


def test_daily_backup_keeps_seven_days(db, db_path):
    article_store.add_article(db, Article(title="Kept", body="Backed up text."))
    start = date(2026, 3, 1)
    for offset in range(10):
        daily_backup(db_path, today=start + timedelta(days=offset))
    backups = sorted(p.name for p in (db_path.parent / "backups").glob("*.db"))
    assert len(backups) == 7
    assert backups[0].endswith("2026-03-04.db") and backups[-1].endswith("2026-03-10.db")
    restored = sqlite3.connect(db_path.parent / "backups" / backups[-1])
    assert restored.execute("SELECT title FROM articles").fetchone()[0] == "Kept"
    assert daily_backup(db_path, today=start + timedelta(days=9)) is None  # once a day
