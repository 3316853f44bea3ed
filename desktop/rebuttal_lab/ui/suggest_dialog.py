"""Suggest claims: sentences the suggester thinks carry the article's argument, with how sure it is and
why; the student accepts (marks it, undoably, through the controller) or rejects them one by one.

The suggester runs on a worker, so opening the dialog never freezes the window on a long article.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab.ui.claims_panel import short_quote
from rebuttal_lab.ui.import_worker import run_in_background

SENTENCE, CONFIDENCE, WHY, STATE = range(4)
MARKED, REJECTED, OPEN = "Marked", "Rejected", ""


def _suggest(body: str) -> list[dict]:
    from rebuttal_lab.nlp.suggest import suggest_claims  # heavy (nltk): loaded only when asked for

    return suggest_claims(body)


def overlaps(start: int, end: int, claims) -> bool:
    return any(c.start < end and start < c.end for c in claims)


class SuggestDialog(QDialog):
    loaded = Signal()   # the suggestions are shown (or the failure is)

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.suggestions: list[dict] = []
        self.setWindowTitle("Suggest claims")
        self.resize(900, 480)
        self.intro = QLabel("Reading the article…")
        self.intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)  # (the full sentence and reason are in the tooltips)
        self.tree.setHeaderLabels(["Sentence", "Confidence", "Why", ""])
        header = self.tree.header()
        header.setSectionResizeMode(SENTENCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CONFIDENCE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.setColumnWidth(WHY, 220)
        self.accept_button = QPushButton("Mark as claim")
        self.reject_button = QPushButton("Reject")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.accept_button)
        row.addWidget(self.reject_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)
        layout.addWidget(close)

        close.rejected.connect(self.reject)
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.tree.itemActivated.connect(lambda *_: self.accept_current())
        controller.claimsChanged.connect(self._refresh_states)
        controller.sessionChanged.connect(self.close)  # its offsets belong to the article it was made for
        self._update_buttons()
        self.task = None
        if controller.article is not None:
            self.task = run_in_background(_suggest, controller.article.body, on_done=self._show,
                                          on_failed=self._failed)
        else:
            self.intro.setText("Open an article first.")

    # --- public API ----------------------------------------------------------------------------

    def accept_current(self) -> None:
        item = self.tree.currentItem()
        if item is None or item.text(STATE) != OPEN:
            return
        suggestion = self.suggestions[item.data(SENTENCE, Qt.ItemDataRole.UserRole)]
        claim = self.controller.mark_claim(suggestion["start"], suggestion["end"])
        if claim is not None:
            self._next_open(item)

    def reject_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.text(STATE) == OPEN:
            item.setText(STATE, REJECTED)
            item.setDisabled(True)
            self._next_open(item)

    def states(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(STATE) for i in range(self.tree.topLevelItemCount())]

    # --- slots ---------------------------------------------------------------------------------

    def _show(self, suggestions: list[dict]) -> None:
        self.suggestions = list(suggestions)
        with QSignalBlocker(self.tree):
            for index, suggestion in enumerate(self.suggestions):
                item = QTreeWidgetItem([short_quote(suggestion["text"], 160),
                                        f"{round(100 * float(suggestion.get('confidence', 0)))} %",
                                        suggestion.get("why", ""), OPEN])
                item.setData(SENTENCE, Qt.ItemDataRole.UserRole, index)
                item.setToolTip(SENTENCE, suggestion["text"])
                item.setToolTip(WHY, suggestion.get("why", ""))
                self.tree.addTopLevelItem(item)
        if self.suggestions:
            self.intro.setText("These sentences look like claims. Mark the ones the article really argues; "
                               "a claim you mark can be undone like any other (Ctrl+Z).")
        else:
            self.intro.setText("No likely claims were found in this article.")
        self._refresh_states()
        self._next_open(None)
        self.loaded.emit()

    def _failed(self, message: str) -> None:
        self.intro.setText(f"Suggestions are not available: {message}")
        self.loaded.emit()

    def _refresh_states(self) -> None:
        """A suggestion overlapping a marked claim shows as marked (also after undo/redo elsewhere)."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.text(STATE) == REJECTED:
                continue
            s = self.suggestions[item.data(SENTENCE, Qt.ItemDataRole.UserRole)]
            marked = overlaps(s["start"], s["end"], self.controller.claims)
            item.setText(STATE, MARKED if marked else OPEN)
            font = item.font(SENTENCE)
            font.setItalic(marked)
            item.setFont(SENTENCE, font)
        self._update_buttons()

    def _next_open(self, after: QTreeWidgetItem | None) -> None:
        start = self.tree.indexOfTopLevelItem(after) + 1 if after is not None else 0
        for i in range(start, self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(i).text(STATE) == OPEN:
                self.tree.setCurrentItem(self.tree.topLevelItem(i))
                return
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        item = self.tree.currentItem()
        usable = item is not None and item.text(STATE) == OPEN and not self.controller.read_only
        self.accept_button.setEnabled(usable)
        self.reject_button.setEnabled(usable)
