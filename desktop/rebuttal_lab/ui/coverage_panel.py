"""The live coverage report: overall score and its parts, how many claims were rebutted, only touched or
dropped, and for one chosen claim the sentences that answer it, the matched words, the moves and the
scorer's one-sentence feedback.

The panel only draws `controller.report`, which is computed off the GUI thread, so it never slows typing.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab.core.models import Verdict

# Glyph plus word plus colour: the verdict never depends on colour alone.
VERDICT_GLYPH = {Verdict.REBUTTED: "✔", Verdict.TOUCHED: "◐", Verdict.MISSED: "✘"}
# (colour on a light background, colour on a dark background): both pass WCAG AA for normal text.
_VERDICT_COLOURS = {
    Verdict.REBUTTED: ("#1b6e20", "#7ed67f"),
    Verdict.TOUCHED: ("#8a5300", "#ffc266"),
    Verdict.MISSED: ("#b3261e", "#ff8a80"),
}
PENDING_TEXT = "… scoring"
MAX_MATCHES_SHOWN = 12


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def verdict_colour(verdict: str, palette: QPalette) -> QColor:
    light, dark = _VERDICT_COLOURS[Verdict(verdict)]
    return QColor(dark if is_dark(palette) else light)


def verdict_label(verdict: str) -> str:
    """'✔ Rebutted', '◐ Only touched', '✘ Dropped'."""
    return f"{VERDICT_GLYPH[Verdict(verdict)]} {Verdict(verdict).debate_word}"


def verdict_counts(report: dict) -> dict[str, int]:
    counts = {v.value: 0 for v in Verdict}
    for item in report.get("claims", []):
        if item.get("verdict") in counts:
            counts[item["verdict"]] += 1
    return counts


def counts_sentence(report: dict) -> str:
    counts = verdict_counts(report)
    text = (f"{counts['rebutted']} rebutted · {counts['touched']} only touched · "
            f"{counts['missed']} dropped")
    if counts["missed"]:
        text += " — dropped arguments count as conceded"
    return text


def percent(value) -> str:
    return f"{round(100 * float(value or 0))}%"


def quoted_spans(text: str, spans: list) -> list[str]:
    """The rebuttal sentences a claim's spans point at, clamped to the text (it may have moved on)."""
    quotes = []
    for start, end in spans:
        start, end = max(0, int(start)), min(len(text), int(end))
        if end > start:
            quotes.append(text[start:end].strip())
    return [q for q in quotes if q]


class CoveragePanel(QWidget):
    claimSelected = Signal(str)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self._claim_uuid: str | None = None
        self.score_label = QLabel()
        self.score_label.setTextFormat(Qt.TextFormat.RichText)
        self.parts_label = QLabel()
        self.counts_label = QLabel()
        for label in (self.score_label, self.parts_label, self.counts_label):
            label.setWordWrap(True)  # long lines would otherwise set the dock's minimum width
        self.claim_list = QListWidget()
        self.claim_list.setWordWrap(True)
        self.claim_list.setAccessibleName("Claims and verdicts")
        self.details = QTextBrowser()
        self.details.setAccessibleName("Why this verdict")
        self.details.setOpenLinks(False)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.claim_list)
        splitter.addWidget(self.details)
        layout = QVBoxLayout(self)
        for widget in (self.score_label, self.parts_label, self.counts_label):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)

        self.claim_list.currentItemChanged.connect(self._on_current_item)
        controller.reportChanged.connect(self._on_report)
        controller.claimsChanged.connect(self._redraw)
        controller.sessionChanged.connect(self._on_session)
        self._redraw()

    # --- events ------------------------------------------------------------------------------------

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:  # light/dark switched: pick the matching colours
            self._redraw()

    # --- slots -------------------------------------------------------------------------------------

    def show_claim(self, claim_uuid: str) -> None:
        """Select a claim (e.g. clicked in the article or the flow sheet) and explain its verdict."""
        self._claim_uuid = claim_uuid
        for row in range(self.claim_list.count()):
            item = self.claim_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == claim_uuid:
                self.claim_list.blockSignals(True)
                self.claim_list.setCurrentItem(item)
                self.claim_list.blockSignals(False)
        self._show_details()

    def _on_current_item(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is None:
            return
        self._claim_uuid = item.data(Qt.ItemDataRole.UserRole)
        self._show_details()
        self.claimSelected.emit(self._claim_uuid)

    def _on_report(self, _report: dict) -> None:
        self._redraw()

    def _on_session(self) -> None:
        self._claim_uuid = None
        self._redraw()

    # --- drawing -------------------------------------------------------------------------------------

    def _redraw(self) -> None:
        report = self.controller.report or {}
        if report.get("error"):
            self.score_label.setText("<b>Score unavailable</b>")
            self.parts_label.setText(f"The scorer failed: {report['error']}")
        elif not self.controller.claims:
            self.score_label.setText("<b>No claims yet</b>")
            self.parts_label.setText("Mark the claims in the article; each one you leave unanswered is dropped.")
        elif not report.get("claims"):
            self.score_label.setText(f"<b>Score {PENDING_TEXT}</b>")
            self.parts_label.setText("")
        else:
            parts = report.get("parts", {})
            self.score_label.setText(f"<b>Score {percent(report.get('overall'))}</b>")
            self.parts_label.setText(
                f"Breadth {percent(parts.get('breadth'))} (share rebutted) · "
                f"Depth {percent(parts.get('depth'))} · Evidence {percent(parts.get('evidence'))}")
        self.counts_label.setText(counts_sentence(report))
        self._fill_list()
        self._show_details()

    def _fill_list(self) -> None:
        """Items are updated in place while the claims stay the same, so a report arriving as the student
        types neither scrolls the list nor loses the selection."""
        claims = self.controller.claims
        shown = [self.claim_list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.claim_list.count())]
        self.claim_list.blockSignals(True)
        if shown != [c.uuid for c in claims]:
            self.claim_list.clear()
            for claim in claims:
                item = QListWidgetItem()
                item.setData(Qt.ItemDataRole.UserRole, claim.uuid)
                self.claim_list.addItem(item)
                if claim.uuid == self._claim_uuid:
                    self.claim_list.setCurrentItem(item)
            if self._claim_uuid is None:
                self.claim_list.setCurrentRow(-1)
        for number, claim in enumerate(claims, start=1):
            self._draw_item(self.claim_list.item(number - 1), number, claim)
        self.claim_list.blockSignals(False)

    def _draw_item(self, item: QListWidgetItem, number: int, claim) -> None:
        verdict = self.controller.verdict(claim.uuid)
        known = bool(verdict) and verdict.get("verdict") in Verdict._value2member_map_
        quote = claim.quote if len(claim.quote) <= 90 else claim.quote[:87] + "…"
        state = f"{verdict_label(verdict['verdict'])} · {percent(verdict.get('coverage'))}" if known else PENDING_TEXT
        item.setText(f"{number}. {state}\n“{quote}”")
        item.setForeground(verdict_colour(verdict["verdict"], self.palette()) if known
                           else self.palette().color(QPalette.ColorRole.Text))

    def _show_details(self) -> None:
        claim = self.controller.claim(self._claim_uuid) if self._claim_uuid else None
        if claim is None:
            self.details.setHtml("<p>Select a claim to see which of your sentences answer it.</p>")
            return
        self.details.setHtml(self.details_html(claim))

    def details_html(self, claim) -> str:
        esc = html.escape
        number = self.controller.claim_number(claim.uuid)
        parts = [f"<p><b>Claim {number}</b>: “{esc(claim.quote)}”</p>"]
        verdict = self.controller.verdict(claim.uuid)
        if not verdict or verdict.get("verdict") not in Verdict._value2member_map_:
            return "".join(parts + [f"<p>{PENDING_TEXT}</p>"])
        colour = verdict_colour(verdict["verdict"], self.palette()).name()
        parts.append(f"<p style='color:{colour}'><b>{esc(verdict_label(verdict['verdict']))}</b>"
                     f" — coverage {percent(verdict.get('coverage'))}</p>")
        if verdict.get("feedback"):
            parts.append(f"<p><i>{esc(verdict['feedback'])}</i></p>")
        speech = self.controller.session is not None and self.controller.session.writing == "speech"
        text = self.controller.answers.get(None if speech else claim.uuid, "")
        sentences = quoted_spans(text, verdict.get("sentences", []))
        if sentences:
            # a touched claim's sentences mention it without answering it: the feedback above says why
            heading = "answer it" if verdict["verdict"] == Verdict.REBUTTED.value else "touch it"
            parts.append(f"<p><b>Your sentences that {heading}</b></p><ul>")
            parts += [f"<li>“{esc(s)}”</li>" for s in sentences]
            parts.append("</ul>")
        else:
            parts.append("<p>None of your sentences answers this claim yet.</p>")
        matched = [m for m in verdict.get("matched", []) if len(m) >= 3]
        if matched:
            parts.append("<p><b>Matched words</b> (their word → yours, how)</p><ul>")
            around = set(verdict.get("from_context", []))   # words of the article around the claim
            parts += [f"<li>{esc(str(m[0]))} → {esc(str(m[1]))} ({esc(str(m[2]))}"
                      f"{', from the text around the claim' if m[0] in around else ''})</li>"
                      for m in matched[:MAX_MATCHES_SHOWN]]
            if len(matched) > MAX_MATCHES_SHOWN:
                parts.append(f"<li>… and {len(matched) - MAX_MATCHES_SHOWN} more</li>")
            parts.append("</ul>")
        moves = verdict.get("moves", [])
        parts.append(f"<p><b>Moves</b>: {esc(', '.join(moves)) if moves else 'none found'}</p>")
        if "evidence" in verdict:
            parts.append(f"<p><b>Evidence</b>: {'yes' if verdict['evidence'] else 'none cited'}</p>")
        return "".join(parts)
