"""Moving work on a student's machine: open .rlab bundles (sessions coming back with the coach's
feedback) and .rlabpack article packs (articles with answer keys), and hand work in to the class folder.

Each runs on a worker, through the same jobs as the coach's (ui/class_operations.py), so a large bundle
never freezes the window; the file's outcome comes back as one plain line per file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from rebuttal_lab.ui.class_operations import class_folder, hand_in_job, import_job
from rebuttal_lab.ui.import_worker import database_path, plain_failure, run_in_background

EXCHANGE_SUFFIXES = (".rlab", ".rlabpack")
EXCHANGE_FILTER = "Bundles and article packs (*.rlab *.rlabpack);;All files (*)"


def is_exchange_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() in EXCHANGE_SUFFIXES


class StudentExchange(QObject):
    imported = Signal(list)     # ExchangeResults: the library and history refresh
    handedIn = Signal(str)      # the bundle's path in the class folder

    def __init__(self, db, settings, profile, parent: QWidget):
        super().__init__(parent)
        self.db, self.settings, self.profile, self.parent_widget = db, settings, profile, parent
        self.busy = False

    # --- slots ---------------------------------------------------------------------------------

    def choose_and_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.parent_widget, "Open a bundle or article pack",
                                                str(Path.home()), EXCHANGE_FILTER)
        if files:
            self.import_files(files)

    def import_files(self, paths: list) -> bool:
        if self.busy:
            self._status("Still busy with the last bundle; try again in a moment.")
            return False
        self.busy = True
        self._status("Opening " + ", ".join(Path(p).name for p in paths) + "…")
        run_in_background(import_job, database_path(self.db), [Path(p) for p in paths],
                          on_done=self._on_imported, on_failed=self._on_failed, with_progress=True)
        return True

    def hand_in(self) -> bool:
        folder = class_folder(self.parent_widget, self.settings)
        if not folder or self.busy:
            return False
        self.busy = True
        run_in_background(hand_in_job, database_path(self.db), folder, self.profile.name,
                          on_done=self._on_handed_in, on_failed=self._on_failed)
        return True

    # --- internals -----------------------------------------------------------------------------

    def _on_imported(self, results: list) -> None:
        from rebuttal_lab.services.exchange import summarise

        self.busy = False
        lines = "\n".join(r.message for r in results)
        if all(r.ok for r in results):
            self._status(summarise(results) if len(results) > 1 else lines)
        else:
            QMessageBox.warning(self.parent_widget, "Opening bundles", lines)
        self.imported.emit(results)

    def _on_handed_in(self, path: Path) -> None:
        self.busy = False
        QMessageBox.information(self.parent_widget, "Handed in",
                                f"Your sessions were copied to the class folder as\n{path}")
        self.handedIn.emit(str(path))

    def _on_failed(self, message: str) -> None:
        self.busy = False
        QMessageBox.warning(self.parent_widget, "Rebuttal Lab", plain_failure(message))

    def _status(self, text: str) -> None:
        bar = getattr(self.parent_widget, "statusBar", None)
        if bar is not None:
            bar().showMessage(text, 8000)
