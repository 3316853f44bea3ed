"""The filter bar above the class dashboard: student, article, mode, reviewed state, dates, score range
and free text, turned into one store.dashboard.Filters whenever any of them changes.

Dates use QDateEdit's "special value" at the minimum date to mean "any date"; the score range means
nothing while it spans 0–100 %, because a range also hides sessions that have no score yet.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab.store import dashboard
from rebuttal_lab.store.dashboard import Filters

ANY_DATE = QDate(2000, 1, 1)
MODES = (("All modes", None), ("Practice", "practice"), ("Timed drill", "drill"), ("Claim spotting", "spotting"))
REVIEWED = (("Reviewed or not", None), ("Not yet reviewed", False), ("Reviewed", True))
SEARCH_DELAY_MS = 250


def any_date_edit() -> QDateEdit:
    """A date field that starts as "any date" (its minimum) and means no limit while it stays there."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText("any date")  # shown while the date is the minimum
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(ANY_DATE)
    return edit


class ClassFilters(QWidget):
    changed = Signal(object)  # Filters

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.student = QComboBox()
        self.article = QComboBox()
        self.article.setMinimumContentsLength(18)
        self.article.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode = self._combo(MODES)
        self.reviewed = self._combo(REVIEWED)
        self.date_from, self.date_to = any_date_edit(), any_date_edit()
        self.score_min, self.score_max = self._percent(0), self._percent(100)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search students and articles")
        self.search.setClearButtonEnabled(True)
        self.clear_button = QPushButton("Clear filters")
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit)
        self.reload_choices()

        rows = QVBoxLayout(self)
        rows.setContentsMargins(6, 6, 6, 2)
        for fields, stretch in (((("Student", self.student), ("Article", self.article), ("Mode", self.mode),
                                  ("Review", self.reviewed)), self.article),
                                ((("From", self.date_from), ("To", self.date_to), ("Score from", self.score_min),
                                  ("to", self.score_max), ("", self.search), ("", self.clear_button)), self.search)):
            row = QHBoxLayout()
            for label, widget in fields:
                if label:
                    row.addWidget(QLabel(label))
                row.addWidget(widget, 1 if widget is stretch else 0)
            rows.addLayout(row)

        for combo in (self.student, self.article, self.mode, self.reviewed):
            combo.currentIndexChanged.connect(self._emit)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._emit)
        for spin in (self.score_min, self.score_max):
            spin.valueChanged.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.clear_button.clicked.connect(self.clear)

    # --- what the dashboard asks -------------------------------------------------------------

    def filters(self) -> Filters:
        def day(edit: QDateEdit):
            return None if edit.date() == ANY_DATE else edit.date().toPython()

        low, high = self.score_min.value(), self.score_max.value()
        return Filters(student=self.student.currentData(), article=self.article.currentData(),
                       date_from=day(self.date_from), date_to=day(self.date_to),
                       mode=self.mode.currentData(), reviewed=self.reviewed.currentData(),
                       score_min=low / 100 if low > 0 else None, score_max=high / 100 if high < 100 else None,
                       search=self.search.text().strip())

    def reload_choices(self) -> None:
        """Students and articles with sessions, read again (after bundles brought new ones)."""
        self._fill(self.student, "All students", [(r["name"], r["uuid"]) for r in dashboard.students(self.db)])
        self._fill(self.article, "All articles", [(r["title"], r["uuid"]) for r in dashboard.articles(self.db)])

    def clear(self) -> None:
        widgets = (self.student, self.article, self.mode, self.reviewed, self.date_from, self.date_to,
                   self.score_min, self.score_max, self.search)
        for widget in widgets:
            widget.blockSignals(True)
        for combo in (self.student, self.article, self.mode, self.reviewed):
            combo.setCurrentIndex(0)
        self.date_from.setDate(ANY_DATE)
        self.date_to.setDate(ANY_DATE)
        self.score_min.setValue(0)
        self.score_max.setValue(100)
        self.search.clear()
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    # --- internals -----------------------------------------------------------------------------

    def _emit(self) -> None:
        self._search_timer.stop()
        self.changed.emit(self.filters())

    @staticmethod
    def _combo(choices) -> QComboBox:
        combo = QComboBox()
        for label, value in choices:
            combo.addItem(label, value)
        return combo

    @staticmethod
    def _fill(combo: QComboBox, everyone: str, choices: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everyone, None)
        for label, value in choices:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    @staticmethod
    def _percent(value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, 100)
        spin.setSuffix(" %")
        spin.setValue(value)
        return spin
