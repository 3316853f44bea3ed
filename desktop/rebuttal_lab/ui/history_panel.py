"""The student's past attempts: reopen one, delete it, redo it from scratch, or compare a redo with the
attempt it repeats. A session with feedback from the coach that the student has not read yet shows a
badge ("● 2 new") until they open it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab.core.text import format_duration
from rebuttal_lab.services import practice
from rebuttal_lab.store import feedback as feedback_store
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.ui.compare_dialog import CompareDialog, local_time

COLUMNS = ("Article", "Started", "Mode", "Status", "Time used", "Score", "Feedback")


def feedback_cell(unseen: int, reviewed: bool) -> str:
    if unseen:
        return f"● {unseen} new"
    return "reviewed" if reviewed else ""


def row_cells(row: dict, unseen: int = 0) -> list[str]:
    """The cells of one row; a session with unread feedback carries the badge in its title as well, so
    it shows in the narrow dock where the Feedback column is scrolled out of sight."""
    mode = row["mode"] + (" · speech" if row.get("writing") == "speech" else " · flow")
    if row.get("redo_of"):
        mode += " · redo"
    status = "submitted" if row["status"] == "submitted" else "in progress"
    used = format_duration(row["time_used_s"]) if row.get("time_used_s") else ""
    score = f"{round(100 * row['score'])}%" if row.get("score") is not None else ""
    title = f"● {row['article_title']}" if unseen else row["article_title"]
    return [title, local_time(row["started_at"]), mode, status, used, score,
            feedback_cell(unseen, bool(row.get("reviewed_at")))]


class HistoryPanel(QWidget):
    openRequested = Signal(str)
    unseenChanged = Signal(int)   # sessions with feedback not read yet (the main window labels the tab)

    def __init__(self, db, profile, controller, parent=None):
        super().__init__(parent)
        self.db, self.profile, self.controller = db, profile, controller
        self.rows: list[dict] = []
        self.unseen_sessions = 0  # with feedback not read yet, as of the last refresh
        self.compare_dialog: CompareDialog | None = None

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in range(1, len(COLUMNS)):  # dates and scores stay on one line; the title takes the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Your practice sessions")
        self.open_button = QPushButton("Open")
        self.redo_button = QPushButton("Redo")
        self.redo_button.setToolTip("A fresh attempt: same article and claims, empty rebuttal")
        self.compare_button = QPushButton("Compare")
        self.compare_button.setToolTip("This attempt beside the one it redid (or select two attempts)")
        self.delete_button = QPushButton("Delete…")
        buttons = QGridLayout()  # two rows, so the buttons don't set the narrow dock's width
        buttons.addWidget(self.open_button, 0, 0)
        buttons.addWidget(self.redo_button, 0, 1)
        buttons.addWidget(self.compare_button, 1, 0)
        buttons.addWidget(self.delete_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.table.itemDoubleClicked.connect(
            lambda item: self.openRequested.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.open_button.clicked.connect(self.open_selected)
        self.redo_button.clicked.connect(self.redo_selected)
        self.compare_button.clicked.connect(self.compare_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for key, slot in ((QKeySequence.StandardKey.Delete, self.delete_selected),
                          (QKeySequence(Qt.Key.Key_Return), self.open_selected)):
            QShortcut(key, self.table, slot, context=Qt.ShortcutContext.WidgetShortcut)
        controller.sessionChanged.connect(self.refresh)
        controller.lockedChanged.connect(lambda _locked: self.refresh())
        self.refresh()

    # --- public -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = {r["uuid"] for r in self.selected_rows()}
        self.rows = session_store.list_sessions(self.db, self.profile.uuid)
        unseen = feedback_store.unseen_feedback_count(self.db, self.profile.uuid)
        bold = self.table.font()
        bold.setBold(True)
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(self.rows))
        self.table.blockSignals(True)
        for index, row in enumerate(self.rows):
            for column, text in enumerate(row_cells(row, unseen.get(row["uuid"], 0))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row["uuid"])
                if unseen.get(row["uuid"]):
                    item.setFont(bold)
                    item.setToolTip("Your coach left feedback you have not read yet")
                self.table.setItem(index, column, item)
            if row["uuid"] in selected:
                self.table.selectRow(index)
        self.table.blockSignals(False)
        self._update_buttons()
        self.unseen_sessions = len(unseen)
        self.unseenChanged.emit(self.unseen_sessions)

    def selected_rows(self) -> list[dict]:
        indexes = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.rows[i] for i in indexes if i < len(self.rows)]

    def select_session(self, session_uuid: str) -> None:
        for index, row in enumerate(self.rows):
            if row["uuid"] == session_uuid:
                self.table.selectRow(index)

    # --- actions ------------------------------------------------------------------------------------

    def open_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.openRequested.emit(rows[0]["uuid"])

    def redo_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        self.controller.flush()  # the attempt being redone may be the open one
        fresh = practice.redo(self.db, rows[0]["uuid"])
        self.refresh()
        self.table.clearSelection()
        self.select_session(fresh.uuid)
        self.openRequested.emit(fresh.uuid)

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        what = f"“{rows[0]['article_title']}” from {local_time(rows[0]['started_at'])}"
        if len(rows) > 1:
            what = f"these {len(rows)} attempts"
        answer = QMessageBox.question(self, "Delete attempt?",
                                      f"Delete {what} with its rebuttal and score? This cannot be undone.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        session = self.controller.session
        for row in rows:
            if session and session.uuid == row["uuid"]:
                self.controller.close_session()
            session_store.delete_session(self.db, row["uuid"])
        self.refresh()

    def compare_selected(self) -> None:
        pair = self.compare_pair()
        if pair:
            self.compare_dialog = CompareDialog(self.db, *pair, parent=self)
            self.compare_dialog.show()

    def compare_pair(self) -> tuple[str, str] | None:
        """(earlier attempt, later attempt): two selected attempts at one article, or one redo and the attempt
        it redid."""
        rows = self.selected_rows()
        if len(rows) == 2 and rows[0]["article_uuid"] == rows[1]["article_uuid"]:
            later, earlier = rows  # the table lists newest first
            return earlier["uuid"], later["uuid"]
        redone = rows[0].get("redo_of") if len(rows) == 1 else None
        if redone and session_store.get_session(self.db, redone):  # it may have been deleted since
            return redone, rows[0]["uuid"]
        return None

    def _update_buttons(self) -> None:
        count = len(self.selected_rows())
        self.open_button.setEnabled(count == 1)
        self.redo_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count >= 1)
        self.compare_button.setEnabled(self.compare_pair() is not None)
