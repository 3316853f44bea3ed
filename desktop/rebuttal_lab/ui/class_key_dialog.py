"""The class key, for a signed-in coach: with one set, this machine signs its bundles and refuses bundles
not signed with the same key, so work from outside the class cannot be slipped in. The same key is entered
on every machine of the class (here, or with `rebuttal-lab bundle class-key --set`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from rebuttal_lab.services import exchange


class ClassKeyDialog(QDialog):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Class key")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.key_field = QLineEdit()
        self.key_field.setReadOnly(True)  # shown for copying to the other machines, never edited here
        layout.addWidget(self.state)
        layout.addWidget(self.key_field)
        row = QHBoxLayout()
        self.generate_button = QPushButton("Make a new key")
        self.enter_button = QPushButton("Enter the class's key…")
        self.clear_button = QPushButton("Remove the key")
        for button, slot in ((self.generate_button, self.generate), (self.enter_button, self.enter),
                             (self.clear_button, self.clear)):
            button.clicked.connect(slot)
            row.addWidget(button)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        layout.addWidget(close)
        self.refresh()

    def refresh(self) -> None:
        key = exchange.get_class_key(self.db)
        self.key_field.setText(key.hex() if key else "")
        self.key_field.setVisible(key is not None)
        self.clear_button.setEnabled(key is not None)
        self.state.setText(
            "This machine signs its bundles with the class key below and refuses bundles without it. "
            "Enter the same key on every machine of the class." if key else
            "No class key: bundles from any machine are accepted. Make a key to accept only your class's.")

    # --- slots ---------------------------------------------------------------------------------

    def generate(self) -> None:
        if exchange.get_class_key(self.db) and not self._confirm(
                "Replace the class key? Machines with the old key will refuse this machine's bundles."):
            return
        exchange.set_class_key(self.db, exchange.new_class_key())
        self.refresh()

    def enter(self) -> None:
        text, ok = QInputDialog.getText(self, "Class key", "The class's key (as shown on the coach's machine):")
        if not ok or not text.strip():
            return
        try:
            exchange.set_class_key(self.db, exchange.parse_class_key(text))
        except exchange.ExchangeError as exc:
            QMessageBox.warning(self, "Class key", str(exc)[:1].upper() + str(exc)[1:] + ".")
            return
        self.refresh()

    def clear(self) -> None:
        if self._confirm("Remove the class key? Bundles from any machine will be accepted again."):
            exchange.set_class_key(self.db, None)
            self.refresh()

    def _confirm(self, question: str) -> bool:
        return QMessageBox.question(self, "Class key", question) == QMessageBox.StandardButton.Yes
