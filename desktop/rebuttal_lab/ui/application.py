"""Starting the GUI: the QApplication, settings, the database (with the too-new and corrupt cases made
plain to the student), the profile, a daily backup on a worker, the main window, and an exception
hook that logs tracebacks to a file and shows the student a plain sentence instead.

Only what the first window needs is imported before it paints: the scorer, nltk and the importers'
parsing libraries load later, on first use.
"""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from rebuttal_lab import APP_ID, APP_NAME
from rebuttal_lab.paths import ORGANIZATION, app_data_dir

SMOKE_TIMEOUT_MS = 20000
SMOKE_MESSAGE = "smoke-test: painted main window"


def error_log_path() -> Path:
    return app_data_dir() / "logs" / "errors.log"


def log_exception(exc_type, exc, tb) -> Path:
    path = error_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
            log.write("".join(traceback.format_exception(exc_type, exc, tb)))
    except OSError:
        traceback.print_exception(exc_type, exc, tb)  # nowhere to write: stderr is all we have
    return path


def install_excepthook() -> None:
    """An uncaught error in a slot is logged, and the student sees what happened in plain words."""
    showing = []

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        path = log_exception(exc_type, exc, tb)
        traceback.print_exception(exc_type, exc, tb)  # for whoever started it from a terminal
        if showing or QApplication.instance() is None:  # one box at a time, never a cascade
            return
        showing.append(True)
        try:
            QMessageBox.warning(
                QApplication.activeWindow(), APP_NAME,
                "Something went wrong inside Rebuttal Lab, so that last action may not have finished.\n\n"
                "Your work up to that point is saved. If it happens again, please give your teacher "
                f"this file:\n{path}")
        finally:
            showing.clear()

    sys.excepthook = hook


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    return app


def open_or_explain(db_path: Path):
    """The database, or None after telling the student why it cannot be used (they chose Quit)."""
    from rebuttal_lab.store import DatabaseCorrupt, DatabaseError, DatabaseTooNew, open_database
    from rebuttal_lab.store.database import quarantine

    try:
        return open_database(db_path)
    except DatabaseTooNew as exc:
        QMessageBox.critical(None, APP_NAME,
                             f"Rebuttal Lab cannot open its data file\n{exc.path}\n\nbecause it {exc.problem}")
        return None
    except DatabaseCorrupt as exc:
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                          f"The data file\n{exc.path}\nis damaged: it {exc.problem}.\n\n"
                          "You can start a fresh, empty database. The damaged file is kept beside it "
                          "(renamed), so your teacher or IT can try to rescue it.")
        fresh = box.addButton("Start a fresh database", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not fresh:
            return None
        quarantine(db_path)
        return open_database(db_path)
    except DatabaseError as exc:
        QMessageBox.critical(None, APP_NAME, f"Rebuttal Lab cannot use its data file:\n{exc}")
        return None


class _FirstPaint(QObject):
    """Calls back once the window has painted: the work the first screen does not need waits for it."""

    def __init__(self, window, callback):
        super().__init__(window)
        self.window, self.callback, self.painted = window, callback, False

    def eventFilter(self, watched, event) -> bool:
        # Any widget of the window counts: the window is on screen once its contents have painted.
        if (event.type() == QEvent.Type.Paint and not self.painted and watched.isWidgetType()
                and watched.window() is self.window):
            self.painted = True
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self.callback)  # after this paint has finished
        return False


def backup_in_background(db_path: Path) -> None:
    from rebuttal_lab.store.database import daily_backup
    from rebuttal_lab.ui.import_worker import run_in_background

    run_in_background(daily_backup, db_path,
                      on_failed=lambda message: print(f"daily backup failed: {message}", file=sys.stderr))


def finish_start(window, db_path: Path, open_paths: tuple = ()) -> None:
    """After the first paint: bundled practice articles on a first start (the importers load here, not
    before the window shows), the student's unfinished session (or, for a coach, the class dashboard),
    files given on the command line (a double-clicked bundle or pack, or articles), and the daily backup."""
    from rebuttal_lab.services.library import ensure_practice_articles

    if ensure_practice_articles(window.db):
        window.library.refresh()
    window.resume_latest()
    if window.profile.role == "coach":
        window.coach_menu.open_dashboard()  # what a coach signs in for
    if open_paths:
        window.open_paths([str(p) for p in open_paths])
    backup_in_background(db_path)


def switch_user(window, make_window):
    """Another student sits down: pick again; the new window opens before the old one closes (so the
    application does not quit in between). Cancelling the picker leaves everything as it was."""
    from rebuttal_lab.ui.profile_picker import choose_profile

    if not window.may_leave_drill("Switch user"):
        return None
    profile = choose_profile(window.db, window.settings, window)
    if profile is None:
        return None
    successor = make_window(profile)
    successor.show()
    window.close()
    return successor


def run_gui(db_path: Path, smoke_test: bool = False, clock=None, open_paths: tuple = ()) -> int:
    from rebuttal_lab.settings import load_settings
    from rebuttal_lab.store.profiles import get_or_create_student
    from rebuttal_lab.ui.main_window import MainWindow
    from rebuttal_lab.ui.profile_picker import choose_profile

    db_path = Path(db_path)
    app = make_application()
    install_excepthook()
    settings = load_settings()
    db = open_or_explain(db_path)
    if db is None:
        return 1
    outcome = {"code": 0}
    give_up = QTimer(singleShot=True, interval=SMOKE_TIMEOUT_MS)  # smoke test: a window that never paints

    def never_painted() -> None:
        print("smoke-test: the main window did not paint", file=sys.stderr)
        outcome["code"] = 1
        app.quit()

    give_up.timeout.connect(never_painted)
    try:
        if smoke_test:  # nobody there to pick a name: the smoke test never waits on a dialog
            profile = get_or_create_student(db, settings.student_name)
        else:
            profile = choose_profile(db, settings)
            if profile is None:
                return 0  # closed the welcome dialog: nothing started, nothing to save

        def make_window(who):
            made = MainWindow(db, settings, who, clock=clock)
            made.switchUserRequested.connect(lambda: switch_user(made, make_window))
            return made

        window = make_window(profile)

        def after_first_paint() -> None:
            if smoke_test:
                give_up.stop()
                print(SMOKE_MESSAGE, flush=True)
            try:
                finish_start(window, db_path, open_paths)
                if settings.problems:  # shown once, last, so no other message hides it; never a dialog
                    window.statusBar().showMessage(
                        "Some settings were ignored: " + "; ".join(settings.problems), 20000)
            except Exception:
                if not smoke_test:
                    raise  # the excepthook logs it and tells the student
                traceback.print_exc()
                outcome["code"] = 1
            if smoke_test:
                window.close()
                app.quit()

        app.installEventFilter(_FirstPaint(window, after_first_paint))
        if smoke_test:
            give_up.start()
        window.show()
        code = app.exec()
        return outcome["code"] if smoke_test else code
    finally:
        give_up.stop()  # stopped, never left pending: run in-process it would end a later event loop
        QThreadPool.globalInstance().waitForDone(5000)  # the backup and any scoring finish first
        db.close()
