"""Who is using the machine: the student picks or adds their name at start, a coach signs in.

On a shared classroom computer each student's history shows only their own sessions, so the name is
asked before the main window opens. The last student is preselected. When the machine's configuration
locks `student_name`, there is nothing to choose and no dialog is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from rebuttal_lab import APP_NAME
from rebuttal_lab.store import profiles
from rebuttal_lab.store.coach import coach_names
from rebuttal_lab.ui.coach_sign_in import CoachSignInDialog, NewCoachDialog

_NAME_ROLE = Qt.ItemDataRole.UserRole
_COACH_ROLE = Qt.ItemDataRole.UserRole + 1


class ProfilePicker(QDialog):
    def __init__(self, db, settings, parent=None):
        super().__init__(parent)
        self.db, self.settings, self.profile = db, settings, None
        self.setWindowTitle(f"Welcome to {APP_NAME}")
        self.setMinimumSize(420, 440)
        layout = QVBoxLayout(self)
        heading = QLabel("<h2>Who is practising?</h2>Pick your name, or add it if this is your first time.")
        heading.setWordWrap(True)
        layout.addWidget(heading)

        self.names = QListWidget()
        self.names.itemDoubleClicked.connect(lambda _item: self._choose())
        layout.addWidget(self.names, 1)

        add_row = QHBoxLayout()
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Your name")
        self.new_name.returnPressed.connect(self._add_student)
        self.add_button = QPushButton("Add me")
        self.add_button.clicked.connect(self._add_student)
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        layout.addLayout(add_row)

        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = buttons.addButton("Start", QDialogButtonBox.ButtonRole.AcceptRole)
        self.setup_button = buttons.addButton("Set up a coach profile…", QDialogButtonBox.ButtonRole.ActionRole)
        self.setup_button.clicked.connect(self._set_up_coach)
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(select=settings.student_name)

    # --- slots ---------------------------------------------------------------------------------

    def _add_student(self) -> None:
        name = " ".join(self.new_name.text().split())
        if not name:
            self.message.setText("Type your name first.")
            return
        if len(name) > 100:
            self.message.setText("That name is too long: 100 characters at most.")
            return
        profile = profiles.get_or_create_student(self.db, name)  # an existing name is reused, never doubled
        self.new_name.clear()
        self._fill(select=profile.name)
        self._choose()

    def _choose(self) -> None:
        item = self.names.currentItem()
        if item is None:
            self.message.setText("Pick your name in the list, or add it.")
            return
        name = item.data(_NAME_ROLE)
        if item.data(_COACH_ROLE):
            dialog = CoachSignInDialog(self.db, self, name=name)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            self.profile = dialog.coach
        else:
            self.profile = profiles.get_or_create_student(self.db, name)
            self._remember(name)
        self.accept()

    def _set_up_coach(self) -> None:
        dialog = NewCoachDialog(self.db, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._fill(select=dialog.coach.name, coach=True)
            self.message.setText(f"Coach profile {dialog.coach.name} is ready. Press Start to sign in.")

    # --- internals -----------------------------------------------------------------------------

    def _fill(self, select: str = "", coach: bool = False) -> None:
        self.names.clear()
        people = [(p.name, False) for p in profiles.list_students(self.db)]
        people += [(name, True) for name in coach_names(self.db)]
        for name, is_coach in people:
            item = QListWidgetItem(f"{name}   (coach)" if is_coach else name)
            item.setData(_NAME_ROLE, name)
            item.setData(_COACH_ROLE, is_coach)
            self.names.addItem(item)
            if name.casefold() == select.casefold() and is_coach == coach:
                self.names.setCurrentItem(item)
        if self.names.currentItem() is None and self.names.count():
            self.names.setCurrentRow(0)
        self.setup_button.setVisible(not any(is_coach for _name, is_coach in people))
        self.new_name.setFocus()

    def _remember(self, name: str) -> None:
        if "student_name" in self.settings.locked:
            return
        try:
            self.settings.set("student_name", name)
        except (OSError, ValueError) as exc:  # chosen all the same; only not preselected next time
            self.message.setText(f"Your name could not be remembered for next time ({exc}).")


def choose_profile(db, settings, parent=None):
    """The profile to start with, or None when the person cancelled."""
    if "student_name" in settings.locked:
        return profiles.get_or_create_student(db, settings.student_name)
    picker = ProfilePicker(db, settings, parent)
    return picker.profile if picker.exec() == QDialog.DialogCode.Accepted else None
