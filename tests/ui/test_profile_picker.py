"""Profiles at start and coach sign-in: students pick or add their name; a coach needs the passphrase,
a student guessing it is refused and then slowed down; the first coach sets up their profile."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from rebuttal_lab.store import coach as coach_store
from rebuttal_lab.store import profiles
from rebuttal_lab.ui.coach_sign_in import ChangePassphraseDialog, CoachSignInDialog, NewCoachDialog
from rebuttal_lab.ui.profile_picker import ProfilePicker, choose_profile

PASSPHRASE = "debate-coach-2026"


@pytest.fixture
def picker(qtbot, db, settings):
    for name in ("Ana", "Ben"):
        profiles.get_or_create_student(db, name)
    dialog = ProfilePicker(db, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def shown_names(picker) -> list[str]:
    return [picker.names.item(i).text() for i in range(picker.names.count())]


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def answer_next_sign_in(qtbot, passphrase: str, seen: list) -> None:
    """When the sign-in dialog opens (modally), type the passphrase and press OK."""
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CoachSignInDialog):
            QTimer.singleShot(10, fill)
            return
        qtbot.keyClicks(dialog.passphrase, passphrase)
        click_ok(qtbot, dialog)
        seen.append(dialog.message.text())
        if dialog.isVisible():
            dialog.reject()
    QTimer.singleShot(0, fill)


def test_a_student_picks_their_name(qtbot, picker, settings):
    assert shown_names(picker) == ["Ana", "Ben"]
    picker.names.setCurrentRow(1)
    qtbot.mouseClick(picker.start_button, Qt.MouseButton.LeftButton)
    assert picker.result() == QDialog.DialogCode.Accepted
    assert picker.profile.name == "Ben" and picker.profile.role == "student"
    assert settings.student_name == "Ben"  # preselected next time


def test_a_new_student_types_their_name_and_starts(qtbot, picker, db):
    qtbot.keyClicks(picker.new_name, "  Chloe   Martin ")
    qtbot.keyClick(picker.new_name, Qt.Key.Key_Return)
    assert picker.result() == QDialog.DialogCode.Accepted and picker.profile.name == "Chloe Martin"
    assert [p.name for p in profiles.list_students(db)] == ["Ana", "Ben", "Chloe Martin"]


def test_an_empty_name_is_explained_and_an_existing_name_is_not_doubled(qtbot, picker, db):
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert "Type your name" in picker.message.text() and picker.isVisible()
    qtbot.keyClicks(picker.new_name, "ana")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert picker.profile.name == "Ana" and len(profiles.list_students(db)) == 2


def test_the_last_student_is_preselected(qtbot, db, settings):
    profiles.get_or_create_student(db, "Ana")
    profiles.get_or_create_student(db, "Ben")
    settings.set("student_name", "Ben")
    picker = ProfilePicker(db, settings)
    qtbot.addWidget(picker)
    assert picker.names.currentItem().text() == "Ben"


def test_a_coach_signs_in_from_the_picker_with_the_passphrase(qtbot, picker, db):
    coach_store.create_coach(db, "Ms Okafor", PASSPHRASE)
    picker._fill()
    assert "Ms Okafor   (coach)" in shown_names(picker) and not picker.setup_button.isVisible()
    picker.names.setCurrentRow(shown_names(picker).index("Ms Okafor   (coach)"))
    seen = []
    answer_next_sign_in(qtbot, PASSPHRASE, seen)
    qtbot.mouseClick(picker.start_button, Qt.MouseButton.LeftButton)
    assert picker.result() == QDialog.DialogCode.Accepted
    assert picker.profile.role == "coach" and picker.profile.name == "Ms Okafor"


def test_a_student_guessing_the_coach_passphrase_is_refused_then_slowed(qtbot, picker, db):
    coach_store.create_coach(db, "Ms Okafor", PASSPHRASE)
    picker._fill()
    picker.names.setCurrentRow(shown_names(picker).index("Ms Okafor   (coach)"))
    seen = []
    answer_next_sign_in(qtbot, "letmein123", seen)
    qtbot.mouseClick(picker.start_button, Qt.MouseButton.LeftButton)
    assert seen == ["That passphrase is not right."]
    assert picker.profile is None and picker.isVisible()  # still at the picker, not let in

    dialog = CoachSignInDialog(db, name="Ms Okafor")
    qtbot.addWidget(dialog)
    for guess in ("password1", "qwertyuiop", "debate2026"):
        qtbot.keyClicks(dialog.passphrase, guess)
        click_ok(qtbot, dialog)
    assert dialog.coach is None and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.passphrase.text() == ""  # never left in the field
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)  # even the right one waits out the lock
    click_ok(qtbot, dialog)
    assert dialog.message.text().startswith("Too many wrong tries. Try again in ")
    assert dialog.coach is None


def test_the_first_coach_sets_up_a_profile_and_then_setup_is_gone(qtbot, picker, db):
    assert picker.setup_button.isVisible()
    setup = NewCoachDialog(db)
    qtbot.addWidget(setup)
    qtbot.keyClicks(setup.name, "Mr Reyes")
    qtbot.keyClicks(setup.passphrase, PASSPHRASE)
    qtbot.keyClicks(setup.repeat, PASSPHRASE + "x")
    click_ok(qtbot, setup)
    assert "not the same" in setup.message.text() and setup.coach is None
    setup.repeat.clear()
    qtbot.keyClicks(setup.repeat, PASSPHRASE)
    click_ok(qtbot, setup)
    assert setup.result() == QDialog.DialogCode.Accepted
    assert coach_store.verify_coach(db, "Mr Reyes", PASSPHRASE).role == "coach"

    again = NewCoachDialog(db)  # a student cannot make themselves a second coach
    qtbot.addWidget(again)
    qtbot.keyClicks(again.name, "Sneaky")
    qtbot.keyClicks(again.passphrase, PASSPHRASE)
    qtbot.keyClicks(again.repeat, PASSPHRASE)
    click_ok(qtbot, again)
    assert "exists already" in again.message.text() and again.coach is None


def test_changing_the_passphrase_needs_the_old_one(qtbot, db):
    coach = coach_store.create_coach(db, "Ms Okafor", PASSPHRASE)
    dialog = ChangePassphraseDialog(db, coach)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.old, "not-the-old-one")
    qtbot.keyClicks(dialog.new, "brand-new-phrase")
    qtbot.keyClicks(dialog.repeat, "brand-new-phrase")
    click_ok(qtbot, dialog)
    assert dialog.message.text() == "That passphrase is not right."
    dialog.old.clear()
    qtbot.keyClicks(dialog.old, PASSPHRASE)
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert coach_store.verify_coach(db, "Ms Okafor", "brand-new-phrase").uuid == coach.uuid


def test_a_machine_that_locks_the_student_name_shows_no_picker(db, settings, monkeypatch):
    settings.student_name, settings.locked = "Library PC", frozenset({"student_name"})
    monkeypatch.setattr(ProfilePicker, "exec", lambda self: pytest.fail("no picker expected"))
    assert choose_profile(db, settings).name == "Library PC"
