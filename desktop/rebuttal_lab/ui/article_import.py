"""Adding articles to the library from the main window: chosen files, a folder, a drop or the clipboard.
Files and folders are read on a worker (ImportOperation) with a progress dialog and a summary; a paste is
one short text, read at once. The machine's config may switch importing off for students."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from rebuttal_lab.ui.import_worker import ImportOperation

IMPORT_FILTER = "Articles (*.txt *.md *.markdown *.html *.htm *.docx *.pdf);;All files (*)"
STATUS_MS = 6000


class ArticleImport(QObject):
    imported = Signal(list)   # ImportResults, when a file import or a paste has finished

    def __init__(self, db, settings, window: QMainWindow):
        super().__init__(window)
        self.db, self.settings, self.window = db, settings, window
        self.operation: ImportOperation | None = None

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.window, "Import articles", str(Path.home()), IMPORT_FILTER)
        if files:
            self.import_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder of articles", str(Path.home()))
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list) -> ImportOperation | None:
        if not self.settings.students_may_import:
            self._status("Importing is switched off on this computer.")
            return None
        if self.operation is not None and self.operation.running:
            self._status("An import is still running.")
            return None
        self.operation = ImportOperation(self.db, paths, self.window)
        self.operation.finished.connect(self.imported.emit)
        self.operation.start()
        return self.operation

    def paste(self) -> None:
        from rebuttal_lab.services import library  # the importers load on first use, not at start-up

        if not self.settings.students_may_import:
            return
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self._status("The clipboard holds no text to paste.")
            return
        result = library.import_text(self.db, text, source="clipboard")
        if not result.ok:
            QMessageBox.warning(self.window, "Paste article", f"That text was not added: {result.message}")
            return
        self.imported.emit([result])

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)
