"""The coach's long class-wide jobs — collecting the class folder, importing bundles, exporting the
class, writing reports — each on a worker with a progress dialog that can cancel.

The jobs are plain functions over services.exchange and services.reports that open their own database
connection (sqlite connections stay in their thread); `ClassOperation` only carries one of them.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from rebuttal_lab.ui.import_worker import Task, database_path, own_database, plain_failure


def class_folder(parent: QWidget, settings) -> str:
    """The class folder from the settings; asked for once (and remembered, unless the machine's config
    fixes it) when none is set. Empty when the person cancels."""
    folder = settings.class_folder
    if not folder:
        folder = QFileDialog.getExistingDirectory(parent, "Where is the class folder?", str(Path.home()))
        if folder and "class_folder" not in settings.locked:
            with suppress(OSError, ValueError):  # not remembered: still used this time
                settings.set("class_folder", folder)
    return folder


def collect_job(db_file: Path, folder: str, progress, cancelled) -> list:
    from rebuttal_lab.services import exchange

    with own_database(db_file) as db:
        return exchange.collect_class_folder(db, folder, progress, cancelled)


def import_job(db_file: Path, paths: list[Path], progress, cancelled) -> list:
    """Session bundles (.rlab) and article packs (.rlabpack), one file after the other."""
    from rebuttal_lab.core.batch import run_batch
    from rebuttal_lab.services import exchange, packs

    def one(path: Path):
        is_pack = path.suffix.lower() == ".rlabpack"
        return packs.import_pack(db, path) if is_pack else exchange.import_bundle(db, path)

    with own_database(db_file) as db:
        return run_batch(paths, one, progress, cancelled)


def export_job(db_file: Path, out: Path, scope: dict, progress, cancelled) -> dict:
    """scope: {"everything": True}, {"student": name} or {"session": uuid}."""
    from rebuttal_lab.services import exchange

    with own_database(db_file) as db:
        progress(0, 1, out.name)
        return exchange.export_bundle(db, out, **scope)


def pack_job(db_file: Path, article_uuids: list[str], out: Path, author_uuid: str, progress, cancelled) -> dict:
    from rebuttal_lab.services import packs

    with own_database(db_file) as db:
        progress(0, 1, out.name)
        return packs.export_pack(db, article_uuids, out, author_uuid)


def hand_in_job(db_file: Path, folder: str, student: str) -> Path:
    from rebuttal_lab.services import exchange

    with own_database(db_file) as db:
        return exchange.drop_to_class_folder(db, folder, student)


def report_job(db_file: Path, scope, fmt: str, out: Path, progress, cancelled) -> Path:
    from rebuttal_lab.services import reports

    if fmt == "pdf":
        import rebuttal_lab.ui.report_pdf  # noqa: F401 (registers the PDF writer)

    def step(done: int, total: int) -> bool:
        progress(done, total, out.name)
        return not cancelled()  # False cancels the report; its half-written file is removed

    with own_database(db_file) as db:
        return reports.render_report(db, scope, fmt, out, progress=step)


class ClassOperation(QObject):
    """One job on the thread pool, a progress dialog over the window while it runs."""

    succeeded = Signal(object)
    failed = Signal(str)   # a plain sentence, for a message box

    def __init__(self, parent: QWidget, title: str, job, db, *args):
        super().__init__(parent)
        self.progress = QProgressDialog(f"{title}…", "Cancel", 0, 0, parent)
        self.progress.setWindowTitle(title)
        self.progress.setMinimumDuration(400)  # a quick job never flashes a dialog
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.task = Task(job, database_path(db), *args, with_progress=True)
        self.task.setAutoDelete(False)  # kept by self until it has finished
        self.task.signals.progress.connect(self._on_progress)
        self.task.signals.succeeded.connect(self._on_succeeded)
        self.task.signals.failed.connect(self._on_failed)
        self.running = False

    def start(self) -> ClassOperation:
        self.running = True
        QThreadPool.globalInstance().start(self.task)
        return self

    def cancel(self) -> None:
        self.task.cancel()
        self.progress.setLabelText("Stopping…")

    @property
    def cancelled(self) -> bool:
        return self.task.cancelled

    # --- slots ---------------------------------------------------------------------------------

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if name:
            self.progress.setLabelText(f"{name} ({min(done + 1, total)} of {total})" if total > 1 else name)

    def _close_progress(self) -> None:
        self.running = False
        self.progress.canceled.disconnect(self.cancel)  # reset() would otherwise count as a cancel
        self.progress.reset()
        self.progress.hide()

    def _on_succeeded(self, result) -> None:
        self._close_progress()
        self.succeeded.emit(result)

    def _on_failed(self, message: str) -> None:
        self._close_progress()
        self.failed.emit(plain_failure(message))
