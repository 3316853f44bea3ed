"""The coach picks the articles to hand out as an article pack (.rlabpack). Each article travels with the
coach's answer key: the key they saved, else the claims they marked in their latest session on it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from rebuttal_lab.services import packs
from rebuttal_lab.store import articles as article_store


class PackDialog(QDialog):
    def __init__(self, db, coach, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Hand out articles")
        self.resize(520, 460)
        layout = QVBoxLayout(self)
        intro = QLabel("Tick the articles to hand out. Students import the pack and can then do a "
                       "claim-spotting drill scored by your answer key: the claims you marked in your own "
                       "latest practice session on each article.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.articles = QListWidget()
        for row in article_store.list_articles(db):
            keyed = bool(packs.author_key(db, row["uuid"], coach.uuid))  # what the pack would carry
            item = QListWidgetItem(row["title"] + ("" if keyed else "   (no key yet: mark its claims first)"))
            item.setData(Qt.ItemDataRole.UserRole, row["uuid"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.articles.addItem(item)
        layout.addWidget(self.articles, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save pack…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        items = (self.articles.item(i) for i in range(self.articles.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]
