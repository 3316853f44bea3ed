"""The article being practised: a header with title and motion, and the body as readable paragraphs.

The text widget's plain text is exactly `article.body`, so a QTextCursor position is a character offset
into the body and claims can be drawn and marked without any translation. Claims are drawn as
ExtraSelections (they are not part of the document, so undo/redo never touches the text itself).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeySequence,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from rebuttal_lab.core.models import ClaimKind
from rebuttal_lab.ui.text_marks import span_selection

MIN_POINT_SIZE, MAX_POINT_SIZE = 8, 32
PARAGRAPH_GAP = 10  # pixels between paragraphs: the body reads as paragraphs, not one block
CLAIM_ACCENT = QColor(255, 176, 0)  # amber: mixed into the palette's base so it reads on light and dark


MIN_CONTRAST = 4.5  # WCAG AA for body text


def mix(base: QColor, accent: QColor, amount: float) -> QColor:
    """base blended toward accent by amount (0..1)."""
    return QColor(*(round(b + (a - b) * amount) for b, a in
                    ((base.red(), accent.red()), (base.green(), accent.green()), (base.blue(), accent.blue()))))


def contrast(one: QColor, other: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def highlight(base: QColor, text: QColor, amount: float) -> QColor:
    """The accent mixed into the page colour as far as amount, but never so far that the text on it
    drops below MIN_CONTRAST: on a dark page a strong amber would wash out light text."""
    while amount > 0.1 and contrast(mix(base, CLAIM_ACCENT, amount), text) < MIN_CONTRAST:
        amount -= 0.05
    return mix(base, CLAIM_ACCENT, amount)


class ArticleView(QWidget):
    claimClicked = Signal(str)   # the student clicked inside a marked claim
    claimMarked = Signal(str)    # a new claim was marked from the selection

    def __init__(self, controller, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller, self.settings = controller, settings
        self.selected_claim: str | None = None

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setContentsMargins(6, 4, 6, 4)
        self.text = QTextBrowser()
        self.text.setObjectName("articleText")
        self.text.setAccessibleName("Article text")
        self.text.setOpenLinks(False)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.document().setDocumentMargin(14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.text, 1)

        self.mark_action = QAction("Mark as claim", self)
        self.mark_action.setShortcut(QKeySequence("Ctrl+M"))
        self.mark_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.mark_action.setStatusTip("Mark the selected text as a claim to rebut")
        self.mark_action.triggered.connect(self.mark_selection)

        self.text.selectionChanged.connect(self._update_mark_action)
        self.text.customContextMenuRequested.connect(self._context_menu)
        self.text.cursorPositionChanged.connect(self._on_cursor_moved)
        controller.sessionChanged.connect(self._show_article)
        controller.claimsChanged.connect(self.refresh_highlights)
        controller.lockedChanged.connect(self._update_mark_action)
        self.set_font_size(settings.font_point_size, save=False)
        self._show_article()

    # --- public API ----------------------------------------------------------------------------

    def selection(self) -> tuple[int, int] | None:
        cursor = self.text.textCursor()
        return (cursor.selectionStart(), cursor.selectionEnd()) if cursor.hasSelection() else None

    def select(self, start: int, end: int) -> None:
        cursor = self.text.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)

    def mark_selection(self) -> None:
        span = self.selection()
        if not span:
            return
        claim = self.controller.mark_claim(*span)
        if claim is not None:
            cursor = self.text.textCursor()
            cursor.clearSelection()
            self.text.setTextCursor(cursor)
            self.set_selected_claim(claim.uuid)
            self.claimMarked.emit(claim.uuid)

    def set_selected_claim(self, claim_uuid: str | None) -> None:
        self.selected_claim = claim_uuid
        self.refresh_highlights()

    def scroll_to_claim(self, claim_uuid: str) -> None:
        claim = self.controller.claim(claim_uuid)
        if claim is None:
            return
        self.set_selected_claim(claim_uuid)
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(claim.start)
        self.text.setTextCursor(cursor)
        # the claim a third of the way down, so the sentences leading up to it are in view too
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.value() + self.text.cursorRect(cursor).top() - self.text.viewport().height() // 3)
        top_line = self.text.cursorRect(self.text.cursorForPosition(QPoint(0, 1)))
        bar.setValue(bar.value() + min(0, top_line.top()))  # and no line cut in half at the top

    def font_size(self) -> int:
        return self.text.font().pointSize()

    def set_font_size(self, points: int, save: bool = True) -> None:
        points = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, int(points)))
        font = self.text.font()
        font.setPointSize(points)
        self.text.setFont(font)
        if save and points != self.settings.font_point_size:
            try:
                self.settings.set("font_point_size", points)
            except PermissionError:  # locked by the machine's administrator: still applies for now
                self.settings.font_point_size = points

    def zoom(self, steps: int) -> None:
        self.set_font_size(self.font_size() + steps)

    # --- drawing -------------------------------------------------------------------------------

    def _show_article(self) -> None:
        article = self.controller.article
        if article is None:
            self.header.setText("<i>Choose an article in the library and press Practise.</i>")
            self.text.clear()
            self._update_mark_action()
            return
        title = escape(article.title)
        lines = [f"<b style='font-size:large'>{title}</b>"]
        if article.author:
            lines[0] += f" &nbsp;— {escape(article.author)}"
        if article.motion:
            lines.append(f"Motion: <i>{escape(article.motion)}</i>")
        self.header.setText("<br>".join(lines))
        self.text.setPlainText(article.body)
        self._space_paragraphs()
        self.text.moveCursor(QTextCursor.MoveOperation.Start)
        self.selected_claim = None
        self.refresh_highlights()
        self._update_mark_action()

    def _space_paragraphs(self) -> None:
        # Block formats change only how paragraphs are laid out, never the text (offsets stay 1:1).
        # Bodies separate paragraphs with blank lines or single newlines; both should read the same:
        # a blank line shrinks to a small gap, a text paragraph gets a small margin below.
        cursor = QTextCursor(self.text.document())
        cursor.beginEditBlock()
        block = self.text.document().begin()
        while block.isValid():
            fmt = QTextBlockFormat()
            if block.text().strip():
                fmt.setLineHeight(118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                fmt.setBottomMargin(PARAGRAPH_GAP)
            else:
                fmt.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
            block = block.next()
        cursor.endEditBlock()

    def refresh_highlights(self) -> None:
        palette = self.text.palette()
        base, ink = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        normal = highlight(base, ink, 0.35)
        strong = highlight(base, ink, 0.7)  # the selected claim is also underlined: not colour alone
        length = self.text.document().characterCount() - 1
        selections = []
        for claim in self.controller.claims:
            if claim.end > length:
                continue  # an anchor that no longer fits the shown text is not drawn
            fmt = QTextCharFormat()
            selected = claim.uuid == self.selected_claim
            fmt.setBackground(strong if selected else normal)
            if selected:
                fmt.setFontUnderline(True)
            fmt.setToolTip(f"Claim {self.controller.claim_number(claim.uuid)} · {ClaimKind(claim.kind).label}")
            selections.append(span_selection(self.text, claim.start, claim.end, fmt))
        self.text.setExtraSelections(selections)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:  # light/dark switched while running
            self.refresh_highlights()

    # --- slots ---------------------------------------------------------------------------------

    def _update_mark_action(self, *_args) -> None:
        self.mark_action.setEnabled(not self.controller.read_only and self.selection() is not None)

    def _context_menu(self, pos) -> None:
        menu = self.text.createStandardContextMenu(pos)
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.mark_action)
        if first is not None:
            menu.insertSeparator(first)
        menu.exec(self.text.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _on_cursor_moved(self) -> None:
        cursor = self.text.textCursor()
        if cursor.hasSelection():
            return
        position = cursor.position()
        for claim in self.controller.claims:
            if claim.start <= position < claim.end and claim.uuid != self.selected_claim:
                self.claimClicked.emit(claim.uuid)
                return
