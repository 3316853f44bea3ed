"""Opening the database: version check, migrations, connection settings, corruption, backups.

Schema history lives in db/migrations/NNNN_name.sql. Each file runs in one transaction together with
the `PRAGMA user_version = NNNN` that records it, so a crash mid-migration leaves the old version intact.
A database whose user_version is above the newest migration we know comes from a newer Rebuttal Lab:
it is refused before anything is written to it.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils

from rebuttal_lab.paths import migrations_dir

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")
BACKUP_DAYS = 7


class DatabaseError(Exception):
    """A database we cannot use; the message names the file and the problem."""

    def __init__(self, path: Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class DatabaseTooNew(DatabaseError):
    pass


class DatabaseCorrupt(DatabaseError):
    pass


def migrations(folder: Path | None = None) -> list[tuple[int, Path]]:
    folder = folder or migrations_dir()
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations in {folder} are not numbered 0001, 0002, ...: {numbers}")
    return found


def schema_version(folder: Path | None = None) -> int:
    return len(migrations(folder))


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit behind our back)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current)
            current = ""
    if current.strip() and not current.strip().startswith("--"):
        statements.append(current)
    return statements


def _migrate(conn: sqlite3.Connection, current: int, folder: Path | None) -> None:
    for number, path in migrations(folder):
        if number <= current:
            continue
        script = path.read_text(encoding="utf-8")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def open_database(path: str | Path, migrations_folder: Path | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at path.

    Raises DatabaseTooNew or DatabaseCorrupt without having written anything to the file.
    """
    path = Path(path)
    if path.exists() and path.is_dir():
        raise DatabaseError(path, "is a folder, not a database file")
    path.parent.mkdir(parents=True, exist_ok=True)
    supported = schema_version(migrations_folder)
    conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        try:
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DatabaseCorrupt(path, f"is not a readable Rebuttal Lab database ({exc})") from exc
        if check != "ok":
            raise DatabaseCorrupt(path, f"failed its integrity check ({check})")
        if found > supported:
            raise DatabaseTooNew(
                path,
                f"was written by a newer version of Rebuttal Lab (schema {found}; this version knows "
                f"up to {supported}). Update Rebuttal Lab to open it; the file was left untouched.",
            )
        conn.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode survives a killed process (only a power cut can lose the last commit).
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        _migrate(conn, found, migrations_folder)
    except BaseException:
        conn.close()
        raise
    # sqlite-utils manages transactions itself (db.atomic); give it a default-mode connection.
    conn.isolation_level = ""
    return sqlite_utils.Database(conn)


def quarantine(path: str | Path, today: date | None = None) -> Path:
    """Move a corrupt database (and its WAL files) aside, so a fresh one can be made in its place."""
    path = Path(path)
    stamp = (today or date.today()).isoformat()
    target = path.with_name(f"{path.stem}.corrupt-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.corrupt-{stamp}-{n}{path.suffix}")
    path.rename(target)
    for extra in ("-wal", "-shm"):
        side = Path(str(path) + extra)
        if side.exists():
            side.rename(Path(str(target) + extra))
    return target


def backup_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def daily_backup(db_path: str | Path, today: date | None = None, keep_days: int = BACKUP_DAYS) -> Path | None:
    """Copy the database with SQLite's online backup API, once a day; drop copies older than keep_days.

    Uses its own connection so it can run on a worker thread while the app keeps writing.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        return None
    today = today or date.today()
    folder = backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}-{today.isoformat()}{db_path.suffix}"
    made = None
    if not target.exists():
        partial = target.with_suffix(target.suffix + ".partial")
        source = sqlite3.connect(str(db_path))
        dest = sqlite3.connect(str(partial))
        try:
            source.backup(dest)
        finally:
            dest.close()
            source.close()
        partial.replace(target)  # a half-written backup never carries a real backup's name
        made = target
    oldest_kept = today - timedelta(days=keep_days - 1)
    for old in folder.glob(f"{db_path.stem}-*{db_path.suffix}"):
        stamp = old.stem[len(db_path.stem) + 1:]
        try:
            if date.fromisoformat(stamp) < oldest_kept:
                old.unlink()
        except ValueError:
            continue
    return made
