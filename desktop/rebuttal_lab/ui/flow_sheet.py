"""The flow sheet: one row per claim, as on a debater's paper flow — the claim on the left, the student's
answer level with it on the right, and a verdict badge saying whether the answer rebuts it.

Rows live in one grid so an answer that grows stays level with its claim and pushes the rows below down.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QSizePolicy, QWidget

from rebuttal_lab.core.models import ClaimKind, Verdict
from rebuttal_lab.ui.coverage_panel import PENDING_TEXT, percent, verdict_colour, verdict_label
from rebuttal_lab.ui.speech_editor import AnswerEdit, claim_highlight, highlight_selections

MIN_ANSWER_LINES = 2
MIN_CLAIM_WIDTH = 80
MIN_ANSWER_WIDTH = 120


class GrowingAnswerEdit(AnswerEdit):
    """An answer box as tall as its text (never scrolls inside itself): the sheet scrolls instead."""

    def __init__(self, controller, parent=None):
        super().__init__(controller, parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self.fit_height)
        self.fit_height()

    def visual_lines(self) -> int:
        lines, block = 0, self.document().begin()
        while block.isValid():
            lines += max(1, block.layout().lineCount())
            block = block.next()
        return lines

    def fit_height(self) -> None:
        lines = max(MIN_ANSWER_LINES, self.visual_lines())
        margins = self.contentsMargins()
        height = (lines * self.fontMetrics().lineSpacing() + 2 * self.document().documentMargin()
                  + margins.top() + margins.bottom() + 2)
        if self.height() != int(height):
            self.setFixedHeight(int(height))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():  # rewrapped: the line count may differ
            self.fit_height()


class FlowSheet(QScrollArea):
    edited = Signal()
    claimActivated = Signal(str)  # an answer box got focus: the coverage panel can explain that claim

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.editors: dict[str, GrowingAnswerEdit] = {}
        self.badges: dict[str, QLabel] = {}
        self.highlighted_claim: str | None = None
        self._editable = True
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

        controller.claimsChanged.connect(self.rebuild)
        controller.answerChanged.connect(self._on_answer_changed)
        controller.reportChanged.connect(lambda _report: self.update_badges())
        controller.lockedChanged.connect(lambda _locked: self._apply_read_only())
        self.rebuild()

    # --- building -----------------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Rows anew after claims changed, keeping the focused answer and its cursor where they were."""
        focus_uuid, cursor_pos = None, 0
        for uuid, editor in self.editors.items():
            if editor.hasFocus():
                focus_uuid, cursor_pos = uuid, editor.textCursor().position()
        scroll = self.verticalScrollBar().value()

        sheet = QWidget()
        grid = QGridLayout(sheet)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setVerticalSpacing(10)
        for column, title in enumerate(("Their claim", "Your answer", "Verdict")):
            header = QLabel(f"<b>{title}</b>")
            grid.addWidget(header, 0, column)
        self.editors, self.badges = {}, {}
        for row, claim in enumerate(self.controller.claims, start=1):
            self._add_row(grid, row, claim)
        if not self.controller.claims:
            empty = QLabel("Mark claims in the article first: each becomes a row here for your answer.")
            empty.setWordWrap(True)
            grid.addWidget(empty, 1, 0, 1, 3)
        grid.setRowStretch(len(self.controller.claims) + 1, 1)
        self.setWidget(sheet)

        self._apply_read_only()
        self.update_badges()
        if focus_uuid in self.editors:
            editor = self.editors[focus_uuid]
            editor.setFocus()
            cursor = editor.textCursor()
            cursor.setPosition(min(cursor_pos, len(editor.toPlainText())))
            editor.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)

    def _add_row(self, grid: QGridLayout, row: int, claim) -> None:
        kind = ClaimKind(claim.kind).label
        note = f" — <i>{_escape(claim.note)}</i>" if claim.note else ""
        label = QLabel(f"<b>{row}.</b> “{_escape(claim.quote)}”<br><small>{kind}{note}</small>")
        label.setWordWrap(True)
        # Ignored width: the grid's stretch factors alone share the width, so a long quote cannot
        # squeeze the answer column (the label still takes the height its wrapped text needs).
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setMinimumWidth(MIN_CLAIM_WIDTH)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        editor = GrowingAnswerEdit(self.controller)
        editor.setAccessibleName(f"Answer to claim {row}")
        editor.setPlaceholderText("Your answer to this claim…")
        editor.setMinimumWidth(MIN_ANSWER_WIDTH)
        editor.set_text_quietly(self.controller.answers.get(claim.uuid, ""))
        editor.edited.connect(lambda text, uuid=claim.uuid: self._on_edited(uuid, text))
        # after the sheet's layout has grown the box (queued), or the scroll range is still the old one
        editor.cursorPositionChanged.connect(
            lambda e=editor: QTimer.singleShot(0, self, lambda: self._follow_cursor(e)))
        editor.installEventFilter(self)
        badge = QLabel()
        badge.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        badge.setWordWrap(True)  # "Only touched" may take two lines: the answer column needs the width
        bold = badge.font()
        bold.setBold(True)
        badge.setFixedWidth(QFontMetrics(bold).horizontalAdvance("✔ Rebutted") + 8)
        grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(editor, row, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(badge, row, 2, Qt.AlignmentFlag.AlignTop)
        self.editors[claim.uuid], self.badges[claim.uuid] = editor, badge

    # --- events -------------------------------------------------------------------------------------

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:  # light/dark switched: pick the matching colours
            self.update_badges()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == event.Type.FocusIn:
            uuid = next((u for u, e in self.editors.items() if e is watched), None)
            if uuid:
                self.claimActivated.emit(uuid)
        return super().eventFilter(watched, event)

    # --- slots --------------------------------------------------------------------------------------

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self._apply_read_only()

    def highlight_claim(self, claim_uuid: str | None) -> None:
        """Show the claim's answering sentences in its row and bring the row into view."""
        self.highlighted_claim = claim_uuid
        self._draw_highlight()
        if claim_uuid in self.editors:
            self.ensureWidgetVisible(self.editors[claim_uuid])

    def _draw_highlight(self) -> None:
        for uuid, editor in self.editors.items():
            chosen = uuid == self.highlighted_claim
            spans, terms = claim_highlight(self.controller, uuid) if chosen else ([], [])
            editor.setExtraSelections(highlight_selections(editor, spans, terms))

    def update_badges(self) -> None:
        for uuid, badge in self.badges.items():
            verdict = self.controller.verdict(uuid)
            if not verdict or verdict.get("verdict") not in Verdict._value2member_map_:
                badge.setText(PENDING_TEXT)
                badge.setStyleSheet("")
                continue
            colour = verdict_colour(verdict["verdict"], badge.palette()).name()
            badge.setText(f"<b>{verdict_label(verdict['verdict'])}</b><br>{percent(verdict.get('coverage'))}")
            badge.setStyleSheet(f"color: {colour};")
            badge.setToolTip(verdict.get("feedback", ""))
            badge.setAccessibleName(f"Verdict: {Verdict(verdict['verdict']).debate_word}")
        self._draw_highlight()  # new spans, but no scrolling: the student may be typing in another row

    def _follow_cursor(self, editor: GrowingAnswerEdit) -> None:
        """Answer boxes never scroll themselves, so the sheet scrolls to keep the typing cursor in view."""
        if editor not in self.editors.values() or not editor.hasFocus():
            return
        rect = editor.cursorRect()
        point = editor.viewport().mapTo(self.widget(), rect.center())
        self.ensureVisible(point.x(), point.y(), 20, rect.height())

    def _on_edited(self, claim_uuid: str, text: str) -> None:
        self.controller.set_answer(claim_uuid, text)
        self.edited.emit()

    def _on_answer_changed(self, claim_uuid, text: str) -> None:
        if claim_uuid in self.editors:
            self.editors[claim_uuid].set_text_quietly(text)
            self.edited.emit()

    def _apply_read_only(self) -> None:
        locked = self.controller.read_only or not self._editable
        for editor in self.editors.values():
            editor.setReadOnly(locked)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
