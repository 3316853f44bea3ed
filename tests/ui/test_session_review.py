"""A coach reviews a student's session — comments on a claim and on the whole session, rubric, grade,
reviewed — and the student sees it: a badge in their history, the comments in the Feedback tab.
Students cannot reach the coach views or write feedback."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QInputDialog

from rebuttal_lab.services import practice
from rebuttal_lab.store import coach as coach_store
from rebuttal_lab.store import feedback as feedback_store
from rebuttal_lab.ui.coach_sign_in import CoachSignInDialog
from rebuttal_lab.ui.rubric_editor import RubricEditor
from rebuttal_lab.ui.session_review import SessionReview

PASSPHRASE = "correct horse battery"


@pytest.fixture
def handed_in(main_window, open_article):
    """The student's session: two claims marked, an answer to the first, handed in and scored."""
    window = main_window
    body = open_article.body
    for quote in ("students lose sleep because of it", "Therefore homework harms learning more than it helps"):
        start = body.index(quote)
        window.controller.mark_claim(start, start + len(quote))
    first = window.controller.claims[0].uuid
    window.controller.set_answer(first, "Sleep loss comes from phones, not homework: a 2019 survey of 3,000 "
                                        "pupils found screens kept them up longer than assignments.")
    window.controller.flush()
    practice.submit(window.db, window.controller.session.uuid, 300)
    return window.controller.session.uuid


@pytest.fixture
def review(qtbot, main_window, handed_in):
    coach = coach_store.create_coach(main_window.db, "Ms Okafor", PASSPHRASE)
    window = SessionReview(main_window.db, coach, handed_in)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_review_shows_the_claims_with_their_verdicts_and_the_answer(review):
    items = [review.claim_list.topLevelItem(i) for i in range(review.claim_list.topLevelItemCount())]
    assert [i.text(0) for i in items] == ["students lose sleep because of it",
                                          "Therefore homework harms learning more than it helps"]
    assert all(i.text(1) != "not scored" for i in items)
    review.claim_list.setCurrentItem(items[0])
    assert "2019 survey" in review.answer_view.toPlainText() and review.answer_view.isReadOnly()
    assert review.reason.text()  # the scorer's sentence of feedback on that claim
    assert len(review.article_view.extraSelections()) == 2


def test_a_coach_comments_grades_and_the_student_sees_it(qtbot, main_window, review, handed_in):
    review.claim_list.setCurrentItem(review.claim_list.topLevelItem(1))
    review.target.setCurrentIndex(review.target.findData("claim"))
    qtbot.keyClicks(review.comment_edit, "You never answered this one: it is their conclusion.")
    qtbot.mouseClick(review.add_button, Qt.MouseButton.LeftButton)
    review.target.setCurrentIndex(review.target.findData("whole"))
    qtbot.keyClicks(review.comment_edit, "Strong evidence in your first answer.")
    qtbot.mouseClick(review.add_button, Qt.MouseButton.LeftButton)
    spins = list(review.rubric_spins.values())
    spins[0].setValue(4)
    spins[1].setValue(2)
    qtbot.keyClicks(review.grade, "B+")
    assert review.reviewed.isChecked()  # grading counts as reviewing
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)

    stored = feedback_store.list_feedback(main_window.db, handed_in)
    claim_uuid = review.claim_list.topLevelItem(1).data(0, Qt.ItemDataRole.UserRole)
    assert [(f["target_uuid"], f["text"]) for f in stored if f["text"]] == [
        (claim_uuid, "You never answered this one: it is their conclusion."),
        (None, "Strong evidence in your first answer.")]
    assert sorted(next(f for f in stored if f["rubric"])["rubric"].values()) == [2, 4]
    row = next(main_window.db.query("SELECT grade, reviewed_at FROM sessions WHERE uuid = ?", [handed_in]))
    assert row["grade"] == "B+" and row["reviewed_at"]
    review.close()

    # The student: a badge in the history until they open the session, then the feedback itself.
    main_window.controller.close_session()
    main_window.history.refresh()
    assert main_window.history.table.item(0, 6).text() == "● 3 new"  # two comments and the rubric
    assert main_window.history.table.item(0, 0).text().startswith("● ")  # seen in the narrow dock too
    tabs = main_window.left_tabs
    assert tabs.tabText(tabs.indexOf(main_window.history)) == "History ● 1 new"
    main_window.open_session(handed_in)
    shown = main_window.feedback.text.toPlainText()
    assert "Grade: B+" in shown and "You never answered this one" in shown
    assert "claim “Therefore homework harms learning more than it helps”" in shown
    assert main_window.feedback_dock.isVisible()
    assert main_window.history.table.item(0, 6).text() == "reviewed"
    assert tabs.tabText(tabs.indexOf(main_window.history)) == "History"
    assert "Your coach left feedback" in main_window.statusBar().currentMessage()
    assert shown.count("● new") == 2  # still marked new while the session stays open
    assert feedback_store.unseen_feedback_count(main_window.db, main_window.profile.uuid) == {}


def test_the_coach_edits_the_rubric_and_deletes_a_comment(qtbot, review, monkeypatch, dialogs):
    qtbot.keyClicks(review.comment_edit, "Typo comment")
    qtbot.mouseClick(review.add_button, Qt.MouseButton.LeftButton)
    review.comment_list.setCurrentItem(review.comment_list.topLevelItem(0))
    qtbot.mouseClick(review.delete_button, Qt.MouseButton.LeftButton)
    assert review.comment_list.topLevelItemCount() == 0
    assert feedback_store.list_feedback(review.db, review.session_uuid) == []

    editor = RubricEditor(review.db)
    qtbot.addWidget(editor)
    before = editor.names()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *_a, **_k: ("Weighing", True)))
    editor.buttons["Add…"].click()
    assert editor.names() == before + ["Weighing"]
    editor.buttons["Move up"].click()
    assert editor.names()[-2] == "Weighing"
    editor.buttons["Remove"].click()  # the dialogs fixture answers Yes
    assert editor.names() == before


def test_an_empty_comment_or_a_missing_claim_is_explained(qtbot, review, dialogs):
    qtbot.mouseClick(review.add_button, Qt.MouseButton.LeftButton)
    review.target.setCurrentIndex(review.target.findData("claim"))
    review.claim_list.setCurrentItem(None)
    qtbot.keyClicks(review.comment_edit, "On which claim?")
    qtbot.mouseClick(review.add_button, Qt.MouseButton.LeftButton)
    assert dialogs.texts("information") == ["Write the comment first.", "Select the claim in the list first."]
    assert feedback_store.list_feedback(review.db, review.session_uuid) == []


def test_a_student_cannot_write_feedback_even_in_the_review_window(qtbot, main_window, handed_in, dialogs):
    window = SessionReview(main_window.db, main_window.profile, handed_in)  # a student posing as coach
    qtbot.addWidget(window)
    qtbot.keyClicks(window.comment_edit, "Great job, me!")
    qtbot.mouseClick(window.add_button, Qt.MouseButton.LeftButton)
    assert dialogs.texts("information") == ["Only a coach can write feedback"]
    assert feedback_store.list_feedback(main_window.db, handed_in) == []


def test_a_student_asking_for_the_dashboard_must_sign_in_and_is_refused(qtbot, main_window, monkeypatch):
    coach_store.create_coach(main_window.db, "Ms Okafor", PASSPHRASE)
    menu = main_window.coach_menu
    assert menu.sign_in_action.isVisible() and not menu.passphrase_action.isVisible()
    tried = []

    def wrong_guess(dialog) -> int:
        qtbot.keyClicks(dialog.passphrase, "homework-is-bad")
        dialog._try()
        tried.append(dialog.message.text())
        return QDialog.DialogCode.Rejected  # the student gives up
    monkeypatch.setattr(CoachSignInDialog, "exec", wrong_guess)
    assert menu.open_dashboard() is None
    assert tried == ["That passphrase is not right."] and menu.coach is None and menu.open_windows == []


@pytest.fixture
def coach_dashboard(qtbot, main_window, handed_in, monkeypatch):
    """A coach signs in on the student's window (the right passphrase typed) and opens the dashboard."""
    coach_store.create_coach(main_window.db, "Ms Okafor", PASSPHRASE)

    def right_passphrase(dialog) -> int:
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        dialog._try()
        return dialog.result()
    monkeypatch.setattr(CoachSignInDialog, "exec", right_passphrase)
    dashboard = main_window.coach_menu.open_dashboard()
    qtbot.addWidget(dashboard)
    return dashboard


def test_a_coach_signs_in_from_a_student_window_and_opens_the_dashboard(main_window, coach_dashboard):
    assert coach_dashboard.isVisible() and coach_dashboard.count_label.text().strip() == "1 session"
    assert main_window.coach_menu.sign_out_action.isVisible()
    main_window.coach_menu.sign_out()
    assert not coach_dashboard.isVisible() and main_window.coach_menu.coach is None


def test_closing_the_window_closes_the_coach_views_it_opened(main_window, handed_in, coach_dashboard):
    review = coach_dashboard.open_review(handed_in)
    main_window.close()  # as "Switch user" does before the next student's window
    assert not coach_dashboard.isVisible() and not review.isVisible()
    assert main_window.coach_menu.coach is None



def test_a_comment_on_words_of_a_flow_answer_quotes_them_for_the_student(qtbot, main_window, review, handed_in):
    first = review.claim_list.topLevelItem(0)
    review.claim_list.setCurrentItem(first)
    answer = review.answer_view.toPlainText()
    cursor = review.answer_view.textCursor()
    cursor.setPosition(answer.index("a 2019 survey"))
    cursor.setPosition(answer.index("a 2019 survey") + len("a 2019 survey"), QTextCursor.MoveMode.KeepAnchor)
    review.answer_view.setTextCursor(cursor)
    review.target.setCurrentIndex(review.target.findData("passage"))
    qtbot.keyClicks(review.comment_edit, "Name the survey: who ran it?")
    qtbot.mouseClick(review.add_button, Qt.MouseButton.LeftButton)

    (stored,) = feedback_store.list_feedback(main_window.db, handed_in)
    claim_uuid = first.data(0, Qt.ItemDataRole.UserRole)
    assert feedback_store.parse_answer_target(stored["target_uuid"])[0] == claim_uuid
    shown = review.comment_list.topLevelItem(0).text(0)
    assert shown == "the answer to claim “students lose sleep because of it”: “a 2019 survey”"
    main_window.open_session(handed_in)
    assert shown in main_window.feedback.text.toPlainText()


def test_a_coach_who_signed_in_at_start_finds_the_dashboard_open(qtbot, db_path, settings, dialogs):
    from PySide6.QtCore import QThreadPool

    from rebuttal_lab.store import open_database
    from rebuttal_lab.ui.application import finish_start
    from rebuttal_lab.ui.main_window import MainWindow

    db = open_database(db_path)
    coach = coach_store.create_coach(db, "Ms Okafor", PASSPHRASE)
    window = MainWindow(db, settings, coach)
    qtbot.addWidget(window)
    finish_start(window, db_path)
    (dashboard,) = window.coach_menu.open_windows
    assert dashboard.isVisible() and not window.coach_menu.sign_in_action.isVisible()
    window.close()
    assert not dashboard.isVisible()
    QThreadPool.globalInstance().waitForDone(10000)  # the daily backup
    db.close()
