"""The CLI works out the database folder without Qt; it must be the folder Qt's QStandardPaths gives."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from rebuttal_lab import APP_ID
from rebuttal_lab.paths import ORGANIZATION, app_data_dir, default_db_path


def test_app_data_dir_matches_qstandardpaths(qapp, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    before = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_ID)
    try:
        qt_dir = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    finally:
        QCoreApplication.setOrganizationName(before[0])
        QCoreApplication.setApplicationName(before[1])
    assert Path(qt_dir) == app_data_dir()
    assert default_db_path().parent == app_data_dir()


def test_db_option_beats_environment_beats_default(monkeypatch, tmp_path):
    monkeypatch.setenv("REBUTTAL_LAB_DB", str(tmp_path / "env.db"))
    assert default_db_path(tmp_path / "cli.db") == tmp_path / "cli.db"
    assert default_db_path() == tmp_path / "env.db"
