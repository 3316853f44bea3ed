"""The class folder (a USB stick or shared folder): students drop bundles, the coach collects them."""

from __future__ import annotations

import re

import pytest
from exchange_helpers import add_session, data_dump, open_db

from rebuttal_lab.services import exchange


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "USB" / "class-7b"
    path.mkdir(parents=True)
    return path


@pytest.fixture
def students(tmp_path):
    dbs = []
    for name in ("Ana María", "Ben"):
        db = open_db(tmp_path / f"{name}.db")
        add_session(db, name, answers=(f"{name} answers",))
        dbs.append(db)
    yield dbs
    for db in dbs:
        db.close()


@pytest.fixture
def coach(tmp_path):
    db = open_db(tmp_path / "coach.db")
    yield db
    db.close()


def test_drop_writes_a_named_timestamped_bundle_atomically(students, folder):
    path = exchange.drop_to_class_folder(students[0], folder, "ana maría")
    assert re.fullmatch(r"Ana-María-\d{8}-\d{6}\.rlab", path.name), path.name
    again = exchange.drop_to_class_folder(students[0], folder, "Ana María")
    assert again != path and again.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted([path.name, again.name])  # no temp files left


def test_collect_imports_each_new_bundle_once_with_progress(students, folder, coach):
    for db, name in zip(students, ("Ana María", "Ben"), strict=True):
        exchange.drop_to_class_folder(db, folder, name)
    (folder / "notes.txt").write_text("not a bundle, ignored")
    (folder / "broken.rlab").write_bytes(b"garbage")
    seen = []
    results = exchange.collect_class_folder(coach, folder, progress=lambda d, t, n: seen.append((d, t, n)))
    assert sorted(r.status for r in results) == ["imported", "imported", "refused"]
    assert seen[0][:2] == (0, 3) and seen[0][2].startswith("Ana-María-")
    assert [s[0] for s in seen] == [0, 1, 2, 3]
    assert seen[-1] == (3, 3, "")
    assert coach["sessions"].count == 2

    before = data_dump(coach)
    results = exchange.collect_class_folder(coach, folder)
    assert sorted(r.status for r in results) == ["refused", "skipped", "skipped"]
    assert data_dump(coach) == before
    assert "2 skipped as seen before, 1 refused" in exchange.summarise(results)


def test_collect_can_be_cancelled_between_files(students, folder, coach):
    for db, name in zip(students, ("Ana María", "Ben"), strict=True):
        exchange.drop_to_class_folder(db, folder, name)
    calls = iter([False, True])
    results = exchange.collect_class_folder(coach, folder, cancelled=lambda: next(calls))
    assert len(results) == 1 and coach["sessions"].count == 1


def test_a_newer_drop_of_the_same_student_is_collected(students, folder, coach):
    exchange.drop_to_class_folder(students[1], folder, "Ben")
    exchange.collect_class_folder(coach, folder)
    add_session(students[1], "Ben", answers=("second attempt",))
    exchange.drop_to_class_folder(students[1], folder, "Ben")
    results = exchange.collect_class_folder(coach, folder)
    assert sorted(r.status for r in results) == ["imported", "skipped"]
    assert coach["sessions"].count == 2


def test_missing_folder_or_student_is_a_clear_error(students, tmp_path):
    with pytest.raises(exchange.ExchangeError, match="not there"):
        exchange.drop_to_class_folder(students[0], tmp_path / "unplugged", "Ana María")
    with pytest.raises(exchange.ExchangeError, match="not there"):
        exchange.collect_class_folder(students[0], tmp_path / "unplugged")
    with pytest.raises(exchange.ExchangeError, match="no student"):
        exchange.drop_to_class_folder(students[0], tmp_path, "Zed")
