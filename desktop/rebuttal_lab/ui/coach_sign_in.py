"""Coach sign-in, setting up the first coach, and changing a coach's passphrase.

The store checks the passphrase (salted scrypt) and throttles wrong guesses; these dialogs only ask and
explain. A wrong passphrase keeps the dialog open with the reason; while a profile is locked the
dialog says for how long.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from rebuttal_lab.store import coach as coach_store


def explain(exc: coach_store.CoachError) -> str:
    """The store's refusal in the words shown to the person at the keyboard."""
    if isinstance(exc, coach_store.CoachLocked):
        return f"Too many wrong tries. Try again in {exc.seconds} seconds."
    if isinstance(exc, coach_store.WrongPassphrase):
        wait = str(exc).partition("in ")[2]
        return "That passphrase is not right." + (f" The next try is possible in {wait}." if wait else "")
    if isinstance(exc, coach_store.PassphraseTooShort):
        return f"A passphrase needs at least {coach_store.MIN_PASSPHRASE} characters."
    text = str(exc)
    return text[:1].upper() + text[1:] + "."


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _FormDialog(QDialog):
    """A form with a message line under it and OK/Cancel; subclasses check the form in `attempt`."""

    def __init__(self, title: str, intro: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        layout.addWidget(intro_label)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _try(self) -> None:
        try:
            self.attempt()
        except coach_store.CoachError as exc:
            self.message.setText(explain(exc))
            return
        self.accept()

    def attempt(self) -> None:
        raise NotImplementedError


class CoachSignInDialog(_FormDialog):
    def __init__(self, db, parent=None, name: str | None = None):
        super().__init__("Coach sign-in", "Coaches only: sign in to see the class's work.", parent)
        self.db, self.coach = db, None
        self.name_box = QComboBox()
        self.name_box.addItems(coach_store.coach_names(db))
        if name:
            self.name_box.setCurrentText(name)
        self.passphrase = _password_field()
        self.form.addRow("Coach", self.name_box)
        self.form.addRow("Passphrase", self.passphrase)
        self.passphrase.setFocus()
        if not self.name_box.count():
            self.message.setText("No coach profile has been set up on this computer yet.")
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def attempt(self) -> None:
        try:
            self.coach = coach_store.verify_coach(self.db, self.name_box.currentText(), self.passphrase.text())
        finally:
            self.passphrase.clear()  # never left in the field after a try


class NewCoachDialog(_FormDialog):
    """The first coach on a machine sets themselves up; later coaches are added by the CLI."""

    def __init__(self, db, parent=None):
        super().__init__("Set up a coach profile",
                         "The coach profile protects the class's work with a passphrase. "
                         f"Choose one of at least {coach_store.MIN_PASSPHRASE} characters.", parent)
        self.db, self.coach = db, None
        self.name = QLineEdit()
        self.passphrase, self.repeat = _password_field(), _password_field()
        self.form.addRow("Your name", self.name)
        self.form.addRow("Passphrase", self.passphrase)
        self.form.addRow("Repeat it", self.repeat)

    def attempt(self) -> None:
        if self.passphrase.text() != self.repeat.text():
            raise coach_store.CoachError("the two passphrases are not the same")
        if coach_store.coach_names(self.db):  # someone set one up meanwhile: a student must not add a second
            raise coach_store.CoachError("a coach profile exists already; ask that coach to add you")
        self.coach = coach_store.create_coach(self.db, self.name.text(), self.passphrase.text())


class ChangePassphraseDialog(_FormDialog):
    def __init__(self, db, coach, parent=None):
        super().__init__("Change passphrase", f"Change the passphrase of coach {coach.name}.", parent)
        self.db, self.coach = db, coach
        self.old, self.new, self.repeat = _password_field(), _password_field(), _password_field()
        self.form.addRow("Current passphrase", self.old)
        self.form.addRow("New passphrase", self.new)
        self.form.addRow("Repeat the new one", self.repeat)

    def attempt(self) -> None:
        if self.new.text() != self.repeat.text():
            raise coach_store.CoachError("the two new passphrases are not the same")
        coach_store.change_passphrase(self.db, self.coach.uuid, self.old.text(), self.new.text())
