"""The article library: the articles with their author, length and how often they were practised,
the motion of the selected one, and the buttons that start a session or bring in new articles.

The panel only lists and asks; the main window does the work (starting sessions, importing), so the
same actions behave the same from the menus, the toolbar and here.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab.store import articles as article_store

TITLE, AUTHOR, WORDS, SESSIONS = range(4)


class _SortableItem(QTreeWidgetItem):
    """Numbers sort as numbers (a plain QTreeWidgetItem would put "1200" before "300")."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else TITLE
        if column in (WORDS, SESSIONS):
            return int(self.text(column) or 0) < int(other.text(column) or 0)
        return self.text(column).casefold() < other.text(column).casefold()


class LibraryPanel(QWidget):
    practiseRequested = Signal(str)   # article uuid
    drillRequested = Signal(str)      # article uuid
    importRequested = Signal()
    pasteRequested = Signal()
    articleDeleted = Signal(str)      # article uuid, after it was removed with its sessions

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(["Title", "Author", "Words", "Tries"])
        self.tree.setWordWrap(False)
        self.tree.setAccessibleName("Articles in the library")
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
        header = self.tree.header()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # In a narrow dock the title matters most: the author is shown under the list with the motion.
        self.tree.setColumnHidden(AUTHOR, True)
        for column in (WORDS, SESSIONS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.motion = QLabel()
        self.motion.setWordWrap(True)
        self.motion.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.practise_button = QPushButton("Practise")
        self.practise_button.setDefault(True)
        self.practise_button.setToolTip("Start a practice session on this article (double-click does too)")
        self.drill_button = QPushButton("Timed drill…")
        self.import_button = QPushButton("Import…")
        self.paste_button = QPushButton("Paste")
        self.paste_button.setToolTip("Add the article on the clipboard (Ctrl+Shift+V)")
        self.delete_button = QPushButton("Delete")
        grid = QGridLayout()
        grid.addWidget(self.practise_button, 0, 0)
        grid.addWidget(self.drill_button, 0, 1)
        grid.addWidget(self.import_button, 1, 0)
        grid.addWidget(self.paste_button, 1, 1)
        grid.addWidget(self.delete_button, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.motion)
        layout.addLayout(grid)

        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemActivated.connect(lambda item, _c: self.practiseRequested.emit(self._uuid(item)))
        self.practise_button.clicked.connect(lambda: self._emit_for_current(self.practiseRequested))
        self.drill_button.clicked.connect(lambda: self._emit_for_current(self.drillRequested))
        self.import_button.clicked.connect(self.importRequested)
        self.paste_button.clicked.connect(self.pasteRequested)
        self.delete_button.clicked.connect(self.delete_selected)
        self.refresh()

    # --- public API ----------------------------------------------------------------------------

    def refresh(self, select_uuid: str | None = None) -> None:
        keep = select_uuid or self.current_uuid()
        with QSignalBlocker(self.tree):
            self.tree.setSortingEnabled(False)
            self.tree.clear()
            for row in article_store.list_articles(self.db):
                item = _SortableItem([row["title"], row["author"] or "", str(row["words"] or 0),
                                      str(row["sessions"])])
                item.setData(TITLE, Qt.ItemDataRole.UserRole, row["uuid"])
                item.setData(TITLE, Qt.ItemDataRole.UserRole + 1, row["motion"] or "")
                item.setToolTip(TITLE, row["title"])
                item.setToolTip(AUTHOR, row["author"] or "")
                for column in (WORDS, SESSIONS):
                    item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.tree.addTopLevelItem(item)
            self.tree.setSortingEnabled(True)
            item = self._item(keep) if keep else None
            self.tree.setCurrentItem(item or self.tree.topLevelItem(0))
        self._on_current(self.tree.currentItem())

    def current_uuid(self) -> str | None:
        item = self.tree.currentItem()
        return self._uuid(item) if item else None

    def select_article(self, uuid: str) -> None:
        item = self._item(uuid)
        if item is not None:
            self.tree.setCurrentItem(item)

    def set_import_allowed(self, allowed: bool) -> None:
        """Classroom machines may forbid students to import (settings.students_may_import)."""
        self.import_button.setVisible(allowed)
        self.paste_button.setVisible(allowed)

    def titles(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(TITLE) for i in range(self.tree.topLevelItemCount())]

    def delete_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        sessions = int(item.text(SESSIONS) or 0)
        detail = f"\n\nIts {sessions} practice session(s) will be deleted with it." if sessions else ""
        answer = QMessageBox.question(self, "Delete article",
                                      f"Delete “{item.text(TITLE)}” from the library?{detail}",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        uuid = self._uuid(item)
        article_store.delete_article(self.db, uuid)
        self.refresh()
        self.articleDeleted.emit(uuid)

    # --- internals -----------------------------------------------------------------------------

    def _uuid(self, item: QTreeWidgetItem) -> str:
        return item.data(TITLE, Qt.ItemDataRole.UserRole)

    def _item(self, uuid: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            if self._uuid(self.tree.topLevelItem(i)) == uuid:
                return self.tree.topLevelItem(i)
        return None

    def _emit_for_current(self, signal) -> None:
        uuid = self.current_uuid()
        if uuid:
            signal.emit(uuid)

    def _on_current(self, item, _previous=None) -> None:
        has = item is not None
        for button in (self.practise_button, self.drill_button, self.delete_button):
            button.setEnabled(has)
        if not has:
            self.motion.setText("No articles yet: import a file or paste one." if not self.tree.topLevelItemCount()
                                else "")
            return
        motion = item.data(TITLE, Qt.ItemDataRole.UserRole + 1)
        author = item.text(AUTHOR)
        text = f"Motion: {motion}" if motion else "No motion given for this article."
        self.motion.setText(f"{text}\nBy {author}" if author else text)
