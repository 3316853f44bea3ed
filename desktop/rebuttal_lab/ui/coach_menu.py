"""The Class menu of the main window: the coach's way into the class views.

A coach who picked their profile at start is signed in already; on a student's profile the menu offers
only "Coach sign-in…", so a coach can review the class from any classroom machine without a student
reaching those views. Sign-in lasts until "Sign out" or until the window closes. The class windows are
loaded on first use: a student's start-up never pays for them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow


class CoachMenu(QObject):
    def __init__(self, window: QMainWindow, db, settings, profile):
        super().__init__(window)
        self.window, self.db, self.settings = window, db, settings
        self.coach = profile if profile.role == "coach" else None
        self.started_as_coach = self.coach is not None
        self.open_windows: list = []  # kept referenced while shown

        self.sign_in_action = self._action("Coach sign-in…", self.sign_in,
                                           "Coaches: sign in to review the class")
        self.dashboard_action = self._action("Class dashboard", self.open_dashboard,
                                             "Every session of the class: filter, review, grade, report")
        self.dashboard_action.setShortcut("Ctrl+Shift+D")
        self.progress_action = self._action("Class progress", self.open_progress,
                                            "Charts of the class's and each student's progress")
        self.rubric_action = self._action("Rubric criteria…", self.edit_rubric,
                                          "The criteria coaches grade sessions by")
        self.class_key_action = self._action("Class key…", self.edit_class_key,
                                             "Accept only bundles signed with your class's key")
        self.passphrase_action = self._action("Change passphrase…", self.change_passphrase)
        self.sign_out_action = self._action("Sign out of coach views", self.sign_out)

        menu = window.menuBar().addMenu("&Class")
        menu.addAction(self.sign_in_action)
        menu.addSeparator()
        menu.addActions([self.dashboard_action, self.progress_action, self.rubric_action, self.class_key_action])
        menu.addSeparator()
        menu.addActions([self.passphrase_action, self.sign_out_action])
        self.menu = menu
        self._update()

    def _action(self, text: str, slot, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    # --- slots ---------------------------------------------------------------------------------

    def sign_in(self) -> bool:
        from rebuttal_lab.ui.coach_sign_in import CoachSignInDialog

        dialog = CoachSignInDialog(self.db, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.coach is None:
            return False
        self.coach = dialog.coach
        self._update()
        self.window.statusBar().showMessage(f"Signed in as coach {self.coach.name}.", 6000)
        return True

    def sign_out(self) -> None:
        for window in self.open_windows:
            window.close()
        self.open_windows.clear()
        self.coach = None
        self._update()
        self.window.statusBar().showMessage("Signed out of the coach views.", 6000)

    def open_dashboard(self):
        from rebuttal_lab.ui.class_dashboard import ClassDashboard

        if self.coach is None and not self.sign_in():
            return None
        return self._show(ClassDashboard(self.db, self.coach, self.settings, parent=self.window))

    def open_progress(self):
        from rebuttal_lab.ui.progress_view import ProgressView

        if self.coach is None and not self.sign_in():
            return None
        return self._show(ProgressView(self.db, parent=self.window))

    def edit_rubric(self) -> None:
        from rebuttal_lab.ui.rubric_editor import RubricEditor

        if self.coach is None and not self.sign_in():
            return
        RubricEditor(self.db, self.window).exec()

    def edit_class_key(self) -> None:
        from rebuttal_lab.ui.class_key_dialog import ClassKeyDialog

        if self.coach is None and not self.sign_in():
            return
        ClassKeyDialog(self.db, self.window).exec()

    def change_passphrase(self) -> None:
        from rebuttal_lab.ui.coach_sign_in import ChangePassphraseDialog

        if self.coach is not None:
            ChangePassphraseDialog(self.db, self.coach, self.window).exec()

    # --- internals -----------------------------------------------------------------------------

    def _show(self, window):
        self.open_windows = [w for w in self.open_windows if w.isVisible()]
        self.open_windows.append(window)
        window.show()
        window.raise_()
        return window

    def _update(self) -> None:
        signed_in = self.coach is not None
        self.sign_in_action.setVisible(not signed_in)
        self.passphrase_action.setVisible(signed_in)  # the class views themselves ask for sign-in
        self.sign_out_action.setVisible(signed_in and not self.started_as_coach)
