"""The claim-spotting drill window: choose a time, mark the claims in the article against the clock, then
see what was found, what was missed and which marks were not claims — in the article itself.

The scoring and storing live in services.spotting_drill; this window only shows the clock and the marks.
The clock is injectable (ui.drill's FakeClock) so tests never sleep.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab import APP_NAME
from rebuttal_lab.core.text import format_duration
from rebuttal_lab.services import practice
from rebuttal_lab.services import spotting_drill as spotting
from rebuttal_lab.ui.drill import POLL_MS, SystemClock
from rebuttal_lab.ui.text_marks import background, span_selection

TIMES = (("3 minutes", 180), ("5 minutes", 300), ("8 minutes", 480), ("No time limit", None))
FOUND, MISSED, EXTRA, MARKED = "#7ed67f", "#ffc266", "#c8c8c8", "#9cc3e6"


class SpottingDrill(QDialog):
    finished_drill = Signal(dict)   # the stored report

    def __init__(self, db, profile, article, parent=None, clock=None):
        super().__init__(parent)
        self.db, self.profile, self.article = db, profile, article
        self.clock = clock or SystemClock()
        self.key = spotting.answer_key_for(db, article.uuid)
        self.session = None
        self.report: dict | None = None
        self.marks = []
        self._started_at = 0.0
        self.setWindowTitle(f"Claim spotting: {article.title} — {APP_NAME}")
        self.resize(1100, 720)
        self.timer = QTimer(self, interval=POLL_MS)
        self.timer.timeout.connect(self.check_clock)

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_start())
        self.pages.addWidget(self._build_drill())
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.pages, 1)
        if self.key is None:
            self.header.setText(f"<h3>{escape(article.title)}</h3>This article has no answer key, so a "
                                "claim-spotting drill cannot score it. Your coach can hand it out in an "
                                "article pack together with the claims they marked.")
            self.start_button.setEnabled(False)
        else:
            n = len(self.key)
            self.header.setText(f"<h3>{escape(article.title)}</h3>Find the {n} claim{'s' * (n != 1)} the "
                                "author makes: select each one in the text and press <b>Mark claim</b> (Ctrl+M).")

    # --- construction --------------------------------------------------------------------------

    def _build_start(self) -> QWidget:
        page = QWidget()
        row = QHBoxLayout(page)
        self.time_box = QComboBox()
        for label, seconds in TIMES:
            self.time_box.addItem(label, seconds)
        self.time_box.setCurrentIndex(1)
        self.start_button = QPushButton("Start the drill")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        row.addWidget(QLabel("Time:"))
        row.addWidget(self.time_box)
        row.addWidget(self.start_button)
        row.addStretch(1)
        row.setAlignment(Qt.AlignmentFlag.AlignTop)
        return page

    def _build_drill(self) -> QWidget:
        self.text = QTextEdit()
        self.text.setReadOnly(True)
        self.text.setPlainText(self.article.body)
        self.clock_label = QLabel()
        self.mark_button = QPushButton("Mark claim")
        self.mark_button.clicked.connect(self.mark_selection)
        QShortcut(QKeySequence("Ctrl+M"), self, self.mark_selection)
        self.mark_list = QListWidget()
        self.remove_button = QPushButton("Remove mark")
        self.remove_button.clicked.connect(self.remove_selected)
        self.done_button = QPushButton("I'm done")
        self.done_button.clicked.connect(self.finish)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        results = QScrollArea()  # the list of missed claims can be long
        results.setWidget(self.result_label)
        results.setWidgetResizable(True)
        results.setFrameShape(QFrame.Shape.NoFrame)
        side = QWidget()
        column = QVBoxLayout(side)
        for widget in (self.clock_label, self.mark_button, QLabel("Your marks:"), self.mark_list,
                       self.remove_button, self.done_button, results):
            column.addWidget(widget)
        column.setStretchFactor(self.mark_list, 1)
        column.setStretchFactor(results, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.text)
        splitter.addWidget(side)
        splitter.setSizes([720, 340])
        return splitter

    # --- slots ---------------------------------------------------------------------------------

    def start(self) -> None:
        self.session = spotting.start(self.db, self.article, self.profile.uuid, self.time_box.currentData())
        self._started_at = self.clock.now()
        self.pages.setCurrentIndex(1)
        self.timer.start()
        self.check_clock()

    def mark_selection(self) -> None:
        cursor = self.text.textCursor()
        if self.report is not None or self.session is None:
            return
        if not cursor.hasSelection():
            self.result_label.setText("Select the words of a claim first, then press Mark claim.")
            return
        try:
            claim = spotting.mark(self.db, self.session.uuid, cursor.selectionStart(), cursor.selectionEnd())
        except practice.ClaimNotFound:
            self.result_label.setText("That selection holds no words.")
            return
        self.result_label.clear()
        cursor.clearSelection()  # the new mark shows in its own colour
        self.text.setTextCursor(cursor)
        self.marks.append(claim)
        item = QListWidgetItem(" ".join(claim.quote.split()))
        item.setToolTip(claim.quote)
        self.mark_list.addItem(item)
        self._paint()

    def remove_selected(self) -> None:
        row = self.mark_list.currentRow()
        if self.report is not None or row < 0:
            return
        spotting.unmark(self.db, self.marks.pop(row))
        self.mark_list.takeItem(row)
        self._paint()

    def check_clock(self) -> None:
        used = self.clock.now() - self._started_at
        limit = self.session.time_limit_s if self.session else None
        if limit is None:
            self.clock_label.setText(f"Time: <b>{format_duration(used)}</b>")
            return
        self.clock_label.setText(f"<b>{format_duration(max(0, limit - used))}</b> left")
        if used >= limit:
            self.finish()

    def finish(self) -> dict | None:
        if self.session is None or self.report is not None:
            return self.report
        self.timer.stop()
        limit = self.session.time_limit_s
        used = self.clock.now() - self._started_at
        used = min(used, limit) if limit else used
        self.report = spotting.finish(self.db, self.session.uuid, used)
        for widget in (self.mark_button, self.remove_button, self.done_button):
            widget.setEnabled(False)
            widget.hide()
        self.clock_label.setText(f"Handed in after <b>{format_duration(used)}</b>")
        missed = "".join(f"<li>{escape(m['quote'])}</li>" for m in self.report["missed"])
        self.result_label.setText(
            f"<b>{spotting.result_sentence(self.report)}</b><br>Precision {round(self.report['precision'] * 100)} %"
            f" · recall {round(self.report['recall'] * 100)} %<br>"
            f"<span style='background:{FOUND}'>found</span> · <span style='background:{MISSED}'>missed</span>"
            f" · <span style='background:{EXTRA}'>not a claim</span>"
            + (f"<p>Claims you missed:</p><ul>{missed}</ul>" if missed else "<p>You found every claim.</p>"))
        self._paint()
        self.finished_drill.emit(self.report)
        return self.report

    # --- internals -----------------------------------------------------------------------------

    def _paint(self) -> None:
        """Marks in blue while drilling; afterwards found, missed and not-a-claim in their colours."""
        if self.report is None:
            spans = [(c.start, c.end, MARKED) for c in self.marks]
        else:
            spans = ([(m["key"][0], m["key"][1], FOUND) for m in self.report["matched"]]
                     + [(m["start"], m["end"], MISSED) for m in self.report["missed"]]
                     + [(m["start"], m["end"], EXTRA) for m in self.report["extra"]])
        self.text.setExtraSelections([span_selection(self.text, start, end, background(colour))
                                      for start, end, colour in spans])

    def closeEvent(self, event) -> None:
        if self.session is not None and self.report is None:
            self.finish()  # closing the window hands the drill in: the marks so far are scored
        super().closeEvent(event)
