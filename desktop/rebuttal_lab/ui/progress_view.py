"""Progress over time, for one student or the whole class: a chart a coach would rather look at than
read, with the same numbers in a table beside it (for reading exact values, and for screen readers).

Students open it for themselves only ("My progress"); coaches choose the whole class or any student.
All figures come from services.progress, which aggregates in SQL.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab import APP_NAME
from rebuttal_lab.core.models import CLAIM_KIND_LABELS, ClaimKind
from rebuttal_lab.services import progress
from rebuttal_lab.store import dashboard
from rebuttal_lab.ui.charts import BarChart, LineChart
from rebuttal_lab.ui.class_filters import ANY_DATE, any_date_edit


def pct(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)} %"


def kind_label(kind: str) -> str:
    return CLAIM_KIND_LABELS[ClaimKind(kind)] if kind in ClaimKind._value2member_map_ else kind


class ProgressView(QMainWindow):
    def __init__(self, db, parent=None, student_uuid: str | None = None, lock_student: bool = False):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(f"Progress — {APP_NAME}")
        self.resize(1100, 700)
        self.scope = QComboBox()
        if not lock_student:
            self.scope.addItem("Whole class", None)
            for row in dashboard.students(db):
                self.scope.addItem(row["name"], row["uuid"])
        else:
            name = db.execute("SELECT name FROM profiles WHERE uuid = ?", [student_uuid]).fetchone()
            self.scope.addItem(name[0] if name else "You", student_uuid)
        self.scope.setCurrentIndex(max(0, self.scope.findData(student_uuid)))
        self.scope.setEnabled(not lock_student)
        self.date_from, self.date_to = any_date_edit(), any_date_edit()

        bar = QHBoxLayout()
        for label, widget in (("Progress of", self.scope), ("From", self.date_from), ("To", self.date_to)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        self.tabs = QTabWidget()
        self.scores_chart, self.scores_table = LineChart("Scores over time"), self._table()
        self.spotting_chart, self.spotting_table = LineChart("Claim spotting"), self._table()
        self.weekly_chart, self.weekly_table = LineChart("Practice per week", percent=False), self._table()
        self.kinds_chart, self.kinds_table = BarChart("Claim kinds most often dropped"), self._table()
        for title, chart, table in (("Scores", self.scores_chart, self.scores_table),
                                    ("Claim spotting", self.spotting_chart, self.spotting_table),
                                    ("Practice per week", self.weekly_chart, self.weekly_table),
                                    ("Dropped claims", self.kinds_chart, self.kinds_table)):
            splitter = QSplitter(Qt.Orientation.Horizontal)
            splitter.addWidget(chart)
            splitter.addWidget(table)
            splitter.setSizes([640, 420])
            self.tabs.addTab(splitter, title)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.scope.currentIndexChanged.connect(self.refresh)
        self.date_from.dateChanged.connect(self.refresh)
        self.date_to.dateChanged.connect(self.refresh)
        self.refresh()

    # --- slots ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        student = self.scope.currentData()
        start = None if self.date_from.date() == ANY_DATE else self.date_from.date().toPython()
        end = None if self.date_to.date() == ANY_DATE else self.date_to.date().toPython()
        result = (progress.student_progress(self.db, student, start, end) if student
                  else progress.class_progress(self.db, start, end))
        # Rebuttal scores only: a claim-spotting session has its own chart, and a week of spotting alone
        # has no rebuttal average to show.
        points = [p for p in result.points if (p.overall, p.breadth, p.evidence) != (None, None, None)]
        first = ["Date", "Article"] if student else ["Week of", "Sessions"]
        self._fill(self.scores_table, first + ["Overall", "Breadth", "Evidence"],
                   [[p.when, p.article if student else str(p.sessions), pct(p.overall), pct(p.breadth),
                     pct(p.evidence)] for p in points])
        self.scores_chart.set_series([p.when for p in points], {
            "Overall": [p.overall for p in points], "Breadth": [p.breadth for p in points],
            "Evidence": [p.evidence for p in points]})
        spotting = [p for p in result.points if p.precision is not None or p.recall is not None]
        self._fill(self.spotting_table, [first[0], "Precision", "Recall"],
                   [[p.when, pct(p.precision), pct(p.recall)] for p in spotting])
        self.spotting_chart.set_series([p.when for p in spotting], {
            "Precision": [p.precision for p in spotting], "Recall": [p.recall for p in spotting]})
        weekly = result.weekly
        self._fill(self.weekly_table, ["Week of", "Sessions", "Timed drills"],
                   [[w["week"], str(w["sessions"]), str(w["drills"] or 0)] for w in weekly])
        self.weekly_chart.set_series([w["week"] for w in weekly], {
            "Sessions": [w["sessions"] for w in weekly], "Timed drills": [w["drills"] or 0 for w in weekly]})
        kinds = [(kind_label(kind), count) for kind, count in result.dropped_kinds]
        self._fill(self.kinds_table, ["Claim kind", "Times dropped"], [[k, str(n)] for k, n in kinds])
        self.kinds_chart.set_bars(kinds)

    # --- internals -----------------------------------------------------------------------------

    @staticmethod
    def _table() -> QTableWidget:
        table = QTableWidget()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        return table

    @staticmethod
    def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
        table.clear()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if text.endswith("%") or text.isdigit():
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
