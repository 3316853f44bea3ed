"""The speech editor (one rebuttal text answering every claim) and the answer box both modes share.

Answer boxes keep no undo history of their own: Ctrl+Z and Ctrl+Shift+Z go to the controller's
QUndoStack, so typing, marking claims and deleting them undo in one order, the way the student did them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from rebuttal_lab.ui.coverage_panel import is_dark
from rebuttal_lab.ui.text_marks import span_selection


class AnswerEdit(QPlainTextEdit):
    """A plain-text answer box whose undo/redo keys drive the session's undo stack."""

    edited = Signal(str)  # the student typed; not emitted when the controller sets the text

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self._setting = False
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)  # Tab moves to the next answer, as on a paper flow
        self.textChanged.connect(self._on_text_changed)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.controller.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.controller.undo_stack.redo()
        else:
            super().keyPressEvent(event)

    def set_text_quietly(self, text: str) -> None:
        """Show text restored by undo/redo without pushing it back onto the stack; keep the cursor."""
        if self.toPlainText() == text:
            return
        position = self.textCursor().position()
        self._setting = True
        try:
            self.setPlainText(text)
        finally:
            self._setting = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)

    def _on_text_changed(self) -> None:
        if not self._setting:
            self.edited.emit(self.toPlainText())


def highlight_selections(editor: QPlainTextEdit, spans: list, terms: list[str]) -> list:
    """Extra selections marking the answering sentences (background) and matched words (bold, underlined)."""
    text = editor.toPlainText()
    dark = is_dark(editor.palette())
    sentence_format = QTextCharFormat()
    sentence_format.setBackground(QColor("#2f4f6f" if dark else "#fff2a8"))
    word_format = QTextCharFormat()
    word_format.setFontWeight(700)
    word_format.setFontUnderline(True)

    selections = []
    ranges = []
    for start, end in spans:
        start, end = max(0, int(start)), min(len(text), int(end))
        if end > start:
            ranges.append((start, end))
            selections.append(span_selection(editor, start, end, sentence_format))
    words = sorted({t.strip() for t in terms if t and t.strip()}, key=len, reverse=True)
    if words and ranges:
        pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
        for start, end in ranges:
            for match in pattern.finditer(text, start, end):
                selections.append(span_selection(editor, match.start(), match.end(), word_format))
    return selections


def claim_highlight(controller, claim_uuid: str | None) -> tuple[list, list[str]]:
    """(sentence spans, matched rebuttal terms) of one claim in the latest report."""
    verdict = controller.verdict(claim_uuid) if claim_uuid else None
    if not verdict:
        return [], []
    terms = [str(m[1]) for m in verdict.get("matched", []) if len(m) >= 2]
    return verdict.get("sentences", []), terms


class SpeechEditor(QWidget):
    edited = Signal()

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.highlighted_claim: str | None = None
        self.hint = QLabel("Write your whole rebuttal as one speech. Select a claim in the coverage list "
                           "to see which of your sentences answer it.")
        self.hint.setWordWrap(True)
        self.editor = AnswerEdit(controller)
        self.editor.setTabChangesFocus(False)
        self.editor.setAccessibleName("Rebuttal speech")
        self.editor.setPlaceholderText("Answer each claim in turn: name it, then say why it is wrong…")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.editor, 1)

        self.editor.edited.connect(self._on_edited)
        controller.answerChanged.connect(self._on_answer_changed)
        controller.sessionChanged.connect(self._load)
        controller.lockedChanged.connect(self._on_locked)
        controller.reportChanged.connect(lambda _report: self._rehighlight())
        self._editable = True
        self._load()

    # --- slots -------------------------------------------------------------------------------------

    def highlight_claim(self, claim_uuid: str | None) -> None:
        self.highlighted_claim = claim_uuid
        self._rehighlight()

    def set_editable(self, editable: bool) -> None:
        """False during a drill's prep time; a submitted session is read-only whatever this says."""
        self._editable = editable
        self._on_locked(self.controller.read_only)

    def _on_edited(self, text: str) -> None:
        self.controller.set_answer(None, text)
        self.edited.emit()

    def _on_answer_changed(self, claim_uuid, text: str) -> None:
        if claim_uuid is None:
            self.editor.set_text_quietly(text)
            self.edited.emit()

    def _on_locked(self, locked: bool) -> None:
        self.editor.setReadOnly(locked or not self._editable)

    def _load(self) -> None:
        self.highlighted_claim = None
        self.editor.set_text_quietly(self.controller.answers.get(None, ""))
        self._on_locked(self.controller.read_only)
        self._rehighlight()

    def _rehighlight(self) -> None:
        spans, terms = claim_highlight(self.controller, self.highlighted_claim)
        speech = self.controller.session is not None and self.controller.session.writing == "speech"
        self.editor.setExtraSelections(highlight_selections(self.editor, spans, terms) if speech else [])
