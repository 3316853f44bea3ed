"""Two attempts side by side: overall score and its parts, then each claim's verdict in both.

A redo copies the claims under new ids, so claims are paired by their place in the article
(start offset, then quote), which is what a student means by "the same claim".
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from rebuttal_lab.core.models import Verdict
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.ui.coverage_panel import percent, verdict_colour, verdict_label


def local_time(iso: str | None) -> str:
    """A stored UTC timestamp as the student's local date and time."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def attempt(db, session_uuid: str) -> dict:
    """Claims and latest report of one session, as compare_rows wants them."""
    session = session_store.get_session(db, session_uuid)
    claims = session_store.list_claims(db, session_uuid)
    return {"session": session, "claims": claims, "report": session_store.get_score(db, session_uuid) or {}}


def _verdicts(data: dict) -> dict[tuple, str]:
    by_id = {c.get("id"): c.get("verdict", "") for c in data["report"].get("claims", [])}
    return {(c.start, c.end, c.quote): by_id.get(c.uuid, "") for c in data["claims"]}


def compare_rows(before: dict, after: dict) -> list[tuple[str, str, str]]:
    """(label, before, after) rows: overall, parts, then per-claim verdicts ('' where a side lacks it)."""
    rows = [("Overall", percent(before["report"].get("overall")), percent(after["report"].get("overall")))]
    for part in ("breadth", "depth", "evidence"):
        rows.append((part.capitalize(), percent(before["report"].get("parts", {}).get(part)),
                     percent(after["report"].get("parts", {}).get(part))))
    old, new = _verdicts(before), _verdicts(after)
    for number, key in enumerate(sorted(set(old) | set(new)), start=1):
        quote = key[2] if len(key[2]) <= 70 else key[2][:67] + "…"
        rows.append((f"{number}. “{quote}”", old.get(key, ""), new.get(key, "")))
    return rows


class CompareDialog(QDialog):
    def __init__(self, db, before_uuid: str, after_uuid: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Compare attempts")
        self.resize(760, 480)
        before, after = attempt(db, before_uuid), attempt(db, after_uuid)
        self.rows = compare_rows(before, after)
        headers = ["", f"Before ({local_time(before['session'].started_at)})",
                   f"After ({local_time(after['session'].started_at)})"]
        self.table = QTableWidget(len(self.rows), 3)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        for index, (label, old, new) in enumerate(self.rows):
            self.table.setItem(index, 0, QTableWidgetItem(label))
            for column, value in ((1, old), (2, new)):
                self.table.setItem(index, column, self._cell(value))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        change = self._change_text(before, after)
        self.summary = QLabel(change)
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _cell(self, value: str) -> QTableWidgetItem:
        if value in Verdict._value2member_map_:
            item = QTableWidgetItem(verdict_label(value))
            item.setForeground(verdict_colour(value, self.palette()))
            return item
        return QTableWidgetItem(value or "—")

    @staticmethod
    def _change_text(before: dict, after: dict) -> str:
        old = round(100 * float(before["report"].get("overall", 0) or 0))
        new = round(100 * float(after["report"].get("overall", 0) or 0))
        if new > old:
            return f"Score up from {old}% to {new}% (+{new - old})."
        if new < old:
            return f"Score down from {old}% to {new}% ({new - old})."
        return f"Same score as before: {new}%."
