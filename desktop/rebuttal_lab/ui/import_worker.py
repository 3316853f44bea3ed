"""Background work for the GUI: one small helper that runs a plain function in the thread pool and
hands its result back by signal (as Anki's taskman does), and the folder/file import built on it, with
a cancellable progress dialog and a summary of what was imported, skipped and refused (with reasons)."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


class TaskSignals(QObject):
    progress = Signal(int, int, str)   # done, total, what is being worked on
    succeeded = Signal(object)
    failed = Signal(str)               # a one-line message for the user; the traceback goes to the log
    finished = Signal()                # after succeeded or failed


class Task(QRunnable):
    """Runs fn(*args, progress=..., cancelled=...) off the GUI thread. The signals object is made in the
    GUI thread, so connected slots run there (queued) and may touch widgets. It has no Qt parent: it
    lives as long as the task, and a receiver closed meanwhile is simply disconnected."""

    def __init__(self, fn: Callable, *args, with_progress: bool = False):
        super().__init__()
        self.fn, self.args, self.with_progress = fn, args, with_progress
        self.signals = TaskSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        kwargs = {}
        if self.with_progress:
            kwargs = {"progress": self.signals.progress.emit, "cancelled": self._cancel.is_set}
        try:
            result = self.fn(*self.args, **kwargs)
        except Exception as exc:  # reported to the user by the caller, never raised into Qt
            traceback.print_exc()
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.succeeded.emit(result)
        self.signals.finished.emit()


_running: set[Task] = set()


def run_in_background(fn: Callable, *args, on_done: Callable | None = None,
                      on_failed: Callable[[str], None] | None = None, with_progress: bool = False) -> Task:
    task = Task(fn, *args, with_progress=with_progress)
    task.setAutoDelete(False)  # Python owns it: kept alive below until it has finished
    _running.add(task)
    task.signals.finished.connect(lambda: _running.discard(task))
    if on_done:
        task.signals.succeeded.connect(on_done)
    if on_failed:
        task.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(task)
    return task


def database_path(db) -> Path:
    """The file behind an open sqlite-utils database, so a worker can open its own connection."""
    return Path(db.conn.execute("PRAGMA database_list").fetchone()[2])


@contextmanager
def own_database(db_file: Path):
    """A worker's own connection (sqlite connections must not be shared across threads), closed after."""
    from rebuttal_lab.store import open_database

    db = open_database(db_file)
    try:
        yield db
    finally:
        db.close()


def plain_failure(message: str) -> str:
    """A task's failure without its exception class ("ExchangeError: the class folder ... is not there"):
    the services' messages already name the file and the problem."""
    return message.split(": ", 1)[-1]


def _import_job(db_file: Path, paths: list[Path], progress, cancelled) -> list:
    # Imported here, not at module load: the importers pull in parsing libraries the first window
    # does not need, and the worker thread pays for them instead of the GUI.
    from rebuttal_lab.services import library

    with own_database(db_file) as db:
        return library.import_paths(db, paths, progress=progress, cancelled=cancelled)


class ImportOperation(QObject):
    """Imports files and folders on a worker; progress dialog while it runs, summary dialog after."""

    finished = Signal(list)   # the ImportResult list (also when cancelled: what was done until then)

    def __init__(self, db, paths: list[Path | str], parent: QWidget | None = None):
        super().__init__(parent)
        self.parent_widget = parent
        self.paths = [Path(p) for p in paths]
        self.results: list = []
        self.running = False
        self.summary_dialog: ImportSummaryDialog | None = None
        self.progress = QProgressDialog("Looking for articles…", "Cancel", 0, 0, parent)
        self.progress.setWindowTitle("Importing")
        self.progress.setMinimumDuration(300)  # a quick import never flashes a dialog
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self._cancel)
        self.task = Task(_import_job, database_path(db), self.paths, with_progress=True)
        self.task.setAutoDelete(False)
        self.task.signals.progress.connect(self._on_progress)
        self.task.signals.succeeded.connect(self._on_done)
        self.task.signals.failed.connect(self._on_failed)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(self.task)

    # --- slots ---------------------------------------------------------------------------------

    def _cancel(self) -> None:
        self.task.cancel()
        self.progress.setLabelText("Stopping after the current file…")

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if name:
            self.progress.setLabelText(f"Importing {name} ({done + 1} of {total})")

    def _on_done(self, results: list) -> None:
        cancelled = self.task.cancelled
        # close() would emit canceled(); reset() also stops the timer that would show the dialog later
        self.progress.canceled.disconnect(self._cancel)
        self.progress.reset()
        self.progress.hide()
        self.results, self.running = results, False
        self.summary_dialog = ImportSummaryDialog(results, cancelled=cancelled, parent=self.parent_widget)
        self.summary_dialog.open()  # not exec(): the window stays usable and tests can read it
        self.finished.emit(results)

    def _on_failed(self, message: str) -> None:
        from rebuttal_lab.services.library import REFUSED, ImportResult

        self._on_done([ImportResult(", ".join(p.name for p in self.paths), REFUSED,
                                    f"the import stopped with an error: {message}")])


_STATUS_LABELS = {"imported": "Imported", "duplicate": "Already in the library", "refused": "Refused"}


class ImportSummaryDialog(QDialog):
    """Every file with what happened to it; refused files carry the importer's reason."""

    def __init__(self, results: list, cancelled: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        from rebuttal_lab.services.library import summarise

        self.setWindowTitle("Import finished" if not cancelled else "Import cancelled")
        self.resize(640, 360)
        layout = QVBoxLayout(self)
        text = summarise(results) if results else "No files to import were found."
        if cancelled:
            text += " — cancelled; the files after that were not imported."
        self.summary = QLabel(text)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels(["File", "Result", "Details"])
        self.table.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # refused first: those are the ones the student has to do something about
        order = {"refused": 0, "duplicate": 1, "imported": 2}
        for result in sorted(results, key=lambda r: order.get(r.status, 3)):
            item = QTreeWidgetItem([Path(result.source).name or result.source,
                                    _STATUS_LABELS.get(result.status, result.status), result.message])
            item.setToolTip(0, result.source)
            item.setToolTip(2, result.message)
            item.setData(0, Qt.ItemDataRole.UserRole, result.status)
            self.table.addTopLevelItem(item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        """(file name, result label, details) of each row, as shown."""
        return [tuple(self.table.topLevelItem(i).text(c) for c in range(3))
                for i in range(self.table.topLevelItemCount())]
