"""The marked claims in order: number, short quote, kind, verdict badge and note.

Every change goes through the session controller, so it is saved and undoable; the list is redrawn from
the controller's signals (claimsChanged, reportChanged) rather than edited in place.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab.core.models import CLAIM_KIND_LABELS, ClaimKind, Verdict

NUMBER, QUOTE, VERDICT, KIND, NOTE = range(5)  # verdict early: seen without scrolling
QUOTE_CHARS = 70
# An icon beside the word, so the verdict never depends on colour alone.
VERDICT_ICONS = {
    Verdict.REBUTTED: QStyle.StandardPixmap.SP_DialogApplyButton,
    Verdict.TOUCHED: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Verdict.MISSED: QStyle.StandardPixmap.SP_MessageBoxCritical,
}


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def verdict_text(verdict: dict | None, scorer_error: bool = False) -> str:
    if not verdict or verdict.get("verdict") not in Verdict._value2member_map_:
        return "Not scored" if scorer_error else "…"  # "…": the score is on its way
    return Verdict(verdict["verdict"]).debate_word


class ClaimsPanel(QWidget):
    claimSelected = Signal(str)

    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("Marked claims")
        self.tree.setHeaderLabels(["#", "Claim", "Verdict", "Kind", "Note"])
        # Only the note is typed into: double-click anywhere on a row edits its note.
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in (NUMBER, VERDICT, KIND):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QUOTE, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(NOTE, 160)

        self.title = QLabel("Claims")
        self.hint = QLabel("Select a sentence in the article and press Ctrl+M (or right-click → "
                           "Mark as claim) to mark a claim.")
        self.hint.setWordWrap(True)  # wraps instead of widening the whole window
        # Tool buttons: push buttons have a wide minimum that would widen the whole window.
        self.up_button = QToolButton(text="Up")
        self.up_button.setToolTip("Move the selected claim up")
        self.down_button = QToolButton(text="Down")
        self.down_button.setToolTip("Move the selected claim down")
        self.delete_button = QToolButton(text="Delete")
        self.delete_button.setToolTip("Delete the selected claim (Undo brings it back)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        for button in (self.up_button, self.down_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)

        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.delete_button.clicked.connect(self.delete_selected)
        self.tree.currentItemChanged.connect(self._on_current)
        self.tree.itemClicked.connect(lambda item, _col: self._emit_selected(item))
        self.tree.itemChanged.connect(self._on_item_edited)
        self.tree.itemDoubleClicked.connect(self.edit_note)
        QShortcut(QKeySequence.StandardKey.Delete, self.tree, self.delete_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        controller.claimsChanged.connect(self.refresh)
        controller.reportChanged.connect(self.refresh_verdicts)
        controller.lockedChanged.connect(self._update_buttons)
        self.refresh()

    # --- public API ----------------------------------------------------------------------------

    def current_uuid(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(NUMBER, Qt.ItemDataRole.UserRole) if item else None

    def select_claim(self, claim_uuid: str) -> None:
        """Select a claim without echoing claimSelected back (used when the article was clicked)."""
        item = self._item(claim_uuid)
        if item is not None:
            with QSignalBlocker(self.tree):
                self.tree.setCurrentItem(item)
            self._update_buttons()

    def delete_selected(self) -> None:
        uuid = self.current_uuid()
        if uuid:
            self.controller.remove_claim(uuid)

    def edit_note(self, item: QTreeWidgetItem | None = None, _column: int = 0) -> None:
        item = item or self.tree.currentItem()
        if item is not None and not self.controller.read_only:
            self.tree.editItem(item, NOTE)

    def rows(self) -> list[tuple[str, str, str, str, str]]:
        """What each row shows: (number, quote, kind label, verdict, note)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            combo = self.tree.itemWidget(item, KIND)
            out.append((item.text(NUMBER), item.text(QUOTE), combo.currentText() if combo else "",
                        item.text(VERDICT), item.text(NOTE)))
        return out

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_quote_column()

    def _fit_quote_column(self) -> None:
        """The quote takes the room left after number and verdict, so those three are always in view;
        kind and note follow to the right (scroll to reach them when the panel is narrow)."""
        header = self.tree.header()
        # measured from the contents: the header's own sizes lag one layout pass behind a refresh
        used = sum(max(header.sectionSizeHint(c), self.tree.sizeHintForColumn(c)) for c in (NUMBER, VERDICT))
        self.tree.setColumnWidth(QUOTE, max(70, self.tree.viewport().width() - used - 6))

    def kind_combo(self, row: int) -> QComboBox:
        return self.tree.itemWidget(self.tree.topLevelItem(row), KIND)

    # --- drawing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        claims = self.controller.claims
        shown = [self.tree.topLevelItem(i).data(NUMBER, Qt.ItemDataRole.UserRole)
                 for i in range(self.tree.topLevelItemCount())]
        with QSignalBlocker(self.tree):
            if shown == [c.uuid for c in claims]:
                # Same claims in the same order (a kind or note edit): update the rows in place, so an
                # edit that is still being committed never has its row deleted under it.
                for i, claim in enumerate(claims):
                    self._fill(self.tree.topLevelItem(i), claim)
            else:
                self._rebuild(claims)
        self.title.setText(f"Claims ({len(claims)})")
        self.hint.setVisible(not claims and not self.controller.read_only)
        self.refresh_verdicts()
        self._update_buttons()

    def _rebuild(self, claims) -> None:
        current = self.current_uuid()
        self.tree.clear()
        for number, claim in enumerate(claims, start=1):
            item = QTreeWidgetItem([str(number), "", "", "", ""])
            item.setData(NUMBER, Qt.ItemDataRole.UserRole, claim.uuid)
            item.setTextAlignment(NUMBER, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
            self.tree.setItemWidget(item, KIND, self._kind_combo(claim))
            self._fill(item, claim)
        if current and self._item(current):
            self.tree.setCurrentItem(self._item(current))

    def _fill(self, item: QTreeWidgetItem, claim) -> None:
        item.setText(QUOTE, short_quote(claim.quote))
        item.setToolTip(QUOTE, claim.quote)
        item.setText(NOTE, claim.note)
        item.setToolTip(NOTE, claim.note)
        editable = Qt.ItemFlag.ItemIsEditable
        item.setFlags(item.flags() & ~editable if self.controller.read_only else item.flags() | editable)
        combo = self.tree.itemWidget(item, KIND)
        combo.setCurrentIndex(combo.findData(ClaimKind(claim.kind).value))
        combo.setEnabled(not self.controller.read_only)

    def refresh_verdicts(self, *_report) -> None:
        style = self.style()
        with QSignalBlocker(self.tree):
            for i in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(i)
                verdict = self.controller.verdict(item.data(NUMBER, Qt.ItemDataRole.UserRole))
                item.setText(VERDICT, verdict_text(verdict, "error" in self.controller.report))
                word = verdict.get("verdict") if verdict else None
                icon = VERDICT_ICONS.get(word) if word in Verdict._value2member_map_ else None
                item.setIcon(VERDICT, style.standardIcon(icon) if icon is not None else QIcon())
                error = self.controller.report.get("error")
                item.setToolTip(VERDICT, (verdict or {}).get("feedback") or
                                (f"The scorer failed: {error}" if error else "Not scored yet"))
        self._fit_quote_column()

    def _kind_combo(self, claim) -> QComboBox:
        combo = QComboBox()
        for kind, label in CLAIM_KIND_LABELS.items():
            combo.addItem(label, kind.value)
        combo.setAccessibleName("Claim kind")
        combo.activated.connect(lambda _i, uuid=claim.uuid, box=combo:
                                self.controller.edit_claim(uuid, kind=ClaimKind(box.currentData())))
        return combo

    def _item(self, claim_uuid: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(NUMBER, Qt.ItemDataRole.UserRole) == claim_uuid:
                return item
        return None

    # --- slots ---------------------------------------------------------------------------------

    def _on_current(self, item, _previous) -> None:
        self._update_buttons()
        if item is not None:
            self._emit_selected(item)

    def _emit_selected(self, item: QTreeWidgetItem) -> None:
        self.claimSelected.emit(item.data(NUMBER, Qt.ItemDataRole.UserRole))

    def _on_item_edited(self, item: QTreeWidgetItem, column: int) -> None:
        uuid = item.data(NUMBER, Qt.ItemDataRole.UserRole)
        claim = self.controller.claim(uuid)
        if claim is None:
            return
        if column == NOTE and item.text(NOTE).strip() != claim.note:
            self.controller.edit_claim(uuid, note=item.text(NOTE).strip())

    def _move(self, step: int) -> None:
        uuid = self.current_uuid()
        if uuid:
            self.controller.move_claim(uuid, self.controller.claims.index(self.controller.claim(uuid)) + step)

    def _update_buttons(self, *_args) -> None:
        uuid = self.current_uuid()
        index = self.tree.indexOfTopLevelItem(self.tree.currentItem()) if uuid else -1
        editable = uuid is not None and not self.controller.read_only
        self.delete_button.setEnabled(editable)
        self.up_button.setEnabled(editable and index > 0)
        self.down_button.setEnabled(editable and 0 <= index < self.tree.topLevelItemCount() - 1)
