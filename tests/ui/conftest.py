"""Fixtures for the GUI tests: a main window over a temporary database, message boxes that never block,
and the thread pool drained at teardown so no worker outlives its test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

ARTICLE_TEXT = (
    "Homework should be banned\n\n"
    "Schools assign too much homework, and students lose sleep because of it. "
    "Studies show that tired students learn less than rested ones.\n\n"
    "Therefore homework harms learning more than it helps. "
    "Finland gives little homework and still scores well in international tests.\n"
)


class DialogLog:
    """Records what the patched QMessageBox functions were asked, and answers with `answer`."""

    def __init__(self):
        self.calls: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def patch(self, monkeypatch) -> None:
        for name in ("question", "warning", "critical", "information"):
            monkeypatch.setattr(QMessageBox, name, self._record(name))

    def _record(self, name):
        def fake(_parent, title, text, *_args, **_kwargs):
            self.calls.append((name, title, text))
            return self.answer if name == "question" else QMessageBox.StandardButton.Ok
        return staticmethod(fake)

    def texts(self, name: str | None = None) -> list[str]:
        return [text for kind, _t, text in self.calls if name in (None, kind)]


@pytest.fixture
def dialogs(monkeypatch) -> DialogLog:
    log = DialogLog()
    log.patch(monkeypatch)
    return log


@pytest.fixture(autouse=True)
def qsettings_in_tmp(tmp_path_factory):
    """Window geometry is remembered with QSettings: keep it out of the real user's configuration."""
    folder = tmp_path_factory.mktemp("qsettings")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    yield folder


@pytest.fixture
def settings(tmp_path):
    from rebuttal_lab.settings import load_settings

    return load_settings(user_dir=tmp_path / "user")


@pytest.fixture
def main_window(qtbot, db_path, settings, dialogs):
    from rebuttal_lab.store import open_database
    from rebuttal_lab.store.profiles import get_or_create_student
    from rebuttal_lab.ui.main_window import MainWindow

    db = open_database(db_path)
    profile = get_or_create_student(db, settings.student_name)
    window = MainWindow(db, settings, profile)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.controller.close_session()  # a score still on its way is then dropped, not saved
    window.close()
    QThreadPool.globalInstance().waitForDone(10000)
    QApplication.processEvents()  # deliver the workers' last queued signals while the db is open
    db.close()


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "homework.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def open_article(main_window, article_file):
    """The article imported through the library service and a practice session opened on it."""
    from rebuttal_lab.services import library

    results = library.import_paths(main_window.db, [article_file])
    assert results[0].ok, results[0].message
    main_window.library.refresh(select_uuid=results[0].article.uuid)
    main_window.practise_selected()
    assert main_window.controller.article is not None
    return main_window.controller.article
