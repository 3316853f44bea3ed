"""Find in the article: a slim bar under the text (Ctrl+F opens it, Enter/Shift+Enter step, Esc closes).

A match is shown as the text's selection, so the student can find a sentence and mark it as a claim
straight away with Ctrl+M.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget


class FindBar(QWidget):
    def __init__(self, text_edit: QTextEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self.text_edit = text_edit
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in article")
        self.field.setClearButtonEnabled(True)
        self.status = QLabel()
        self.previous_button = QToolButton(text="▲")
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = QToolButton(text="▼")
        self.next_button.setToolTip("Next match (Enter)")
        close = QToolButton(text="✕")
        close.setToolTip("Close (Esc)")
        close.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.status)
        layout.addWidget(close)

        self.field.textChanged.connect(self._search_from_start)
        self.field.returnPressed.connect(self.find_next)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        close.clicked.connect(self.close_bar)
        QShortcut(QKeySequence("Shift+Return"), self.field, self.find_previous,
                  context=Qt.ShortcutContext.WidgetShortcut)
        # F3 / Shift+F3 step through matches from anywhere in the window while the bar is open
        QShortcut(QKeySequence.StandardKey.FindNext, self, self.find_next,
                  context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence.StandardKey.FindPrevious, self, self.find_previous,
                  context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    # --- public API ----------------------------------------------------------------------------

    def open_bar(self) -> None:
        selected = self.text_edit.textCursor().selectedText()
        if selected and "\u2029" not in selected:  # a selection within one paragraph seeds the search
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.text_edit.setFocus()

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    @property
    def not_found(self) -> bool:
        return self.status.text() == "Not found"

    # --- internals -----------------------------------------------------------------------------

    def _search_from_start(self) -> None:
        cursor = self.text_edit.textCursor()
        cursor.setPosition(cursor.selectionStart())  # typing more letters refines the same match
        self.text_edit.setTextCursor(cursor)
        self._find(backward=False)

    def _find(self, backward: bool) -> bool:
        needle = self.field.text()
        if not needle:
            self.status.clear()
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        document = self.text_edit.document()
        found = document.find(needle, self.text_edit.textCursor(), flags)
        if found.isNull():  # wrap around once
            start = QTextCursor(document)
            start.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            found = document.find(needle, start, flags)
        if found.isNull():
            self.status.setText("Not found")
            return False
        self.status.setText(f"{self._count(needle)} matches")
        self.text_edit.setTextCursor(found)
        self.text_edit.ensureCursorVisible()
        return True

    def _count(self, needle: str) -> int:
        return self.text_edit.toPlainText().casefold().count(needle.casefold())
