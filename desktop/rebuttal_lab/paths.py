"""Where things live: bundled data (resources, migrations) and the user's database. No Qt here.

The default database folder is the one Qt's QStandardPaths.AppDataLocation gives for this app, worked
out without importing Qt so that headless CLI commands start fast; tests/ui checks the two agree.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import APP_ID

ORGANIZATION = "RebuttalLab"
DB_ENV_VAR = "REBUTTAL_LAB_DB"
DB_FILENAME = "rebuttal-lab.db"


def data_root() -> Path:
    """The folder holding resources/ and db/: the PyInstaller bundle, or the source checkout."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    return data_root() / "resources"


def migrations_dir() -> Path:
    return data_root() / "db" / "migrations"


def app_data_dir() -> Path:
    """Mirror of QStandardPaths.writableLocation(AppDataLocation) with our organisation and app names."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / ORGANIZATION / APP_ID


def default_db_path(cli_value: str | os.PathLike | None = None) -> Path:
    """--db wins, then $REBUTTAL_LAB_DB, then the per-user app-data folder."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DB_ENV_VAR)
    if env:
        return Path(env).expanduser()
    return app_data_dir() / DB_FILENAME
