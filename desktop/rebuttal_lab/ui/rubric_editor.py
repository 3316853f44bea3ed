"""The coach edits the rubric: the criteria every session is marked on (1–5 each). Changes are stored at
once; removing a criterion keeps the marks already given for it in the feedback (see store.feedback)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from rebuttal_lab.store import feedback as feedback_store


class RubricEditor(QDialog):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Rubric criteria")
        self.setMinimumSize(420, 360)
        layout = QVBoxLayout(self)
        intro = QLabel("Sessions are marked 1–5 on each of these criteria, in this order.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.criteria = QListWidget()
        self.criteria.itemDoubleClicked.connect(lambda _item: self.rename())
        grid.addWidget(self.criteria, 0, 0, 5, 1)
        self.buttons = {}
        for row, (label, slot) in enumerate((("Add…", self.add), ("Rename…", self.rename),
                                             ("Remove", self.remove), ("Move up", lambda: self.move(-1)),
                                             ("Move down", lambda: self.move(+1)))):
            button = QPushButton(label)
            button.clicked.connect(slot)
            grid.addWidget(button, row, 1)
            self.buttons[label] = button
        layout.addLayout(grid)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        layout.addWidget(close)
        self.refresh()

    def names(self) -> list[str]:
        return [self.criteria.item(i).text() for i in range(self.criteria.count())]

    # --- slots ---------------------------------------------------------------------------------

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, "New criterion", "Name (e.g. Weighing):")
        if ok and name.strip():
            feedback_store.add_criterion(self.db, name)
            self.refresh(select=self.criteria.count())

    def rename(self) -> None:
        item = self.criteria.currentItem()
        if item is None:
            return
        name, ok = QInputDialog.getText(self, "Rename criterion", "Name:", text=item.text())
        if ok and name.strip():
            feedback_store.rename_criterion(self.db, item.data(Qt.ItemDataRole.UserRole), name)
            self.refresh(select=self.criteria.currentRow())

    def remove(self) -> None:
        item = self.criteria.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self, "Remove criterion",
            f"Remove “{item.text()}” from the rubric? Marks already given for it stay in old feedback.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            feedback_store.remove_criterion(self.db, item.data(Qt.ItemDataRole.UserRole))
            self.refresh(select=max(0, self.criteria.currentRow() - 1))

    def move(self, step: int) -> None:
        row = self.criteria.currentRow()
        uuids = [self.criteria.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.criteria.count())]
        if row < 0 or not 0 <= row + step < len(uuids):
            return
        uuids[row], uuids[row + step] = uuids[row + step], uuids[row]
        feedback_store.reorder_criteria(self.db, uuids)
        self.refresh(select=row + step)

    # --- internals -----------------------------------------------------------------------------

    def refresh(self, select: int = 0) -> None:
        self.criteria.clear()
        for criterion in feedback_store.list_criteria(self.db):
            item = QListWidgetItem(criterion["name"])
            item.setData(Qt.ItemDataRole.UserRole, criterion["uuid"])
            item.setToolTip(criterion["description"] or "")
            self.criteria.addItem(item)
        self.criteria.setCurrentRow(min(select, self.criteria.count() - 1))
