"""The history of attempts: listing, reopening, deleting (asks first), redo and compare."""

from __future__ import annotations

import pytest
import rebut_helpers as rh
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rebuttal_lab.core.models import Article
from rebuttal_lab.services import practice
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.ui.history_panel import COLUMNS, HistoryPanel

controller, fake_scorer = rh.controller, rh.fake_scorer  # shared fixtures


@pytest.fixture
def history(qtbot, db, controller, fake_scorer):
    profile, session = rh.make_session(db)
    panel = HistoryPanel(db, profile, controller)
    qtbot.addWidget(panel)
    panel.show()
    return panel, session


def cell(panel, row: int, column: str) -> str:
    return panel.table.item(row, COLUMNS.index(column)).text()


def answer_first_claim(db, session_uuid: str, text: str) -> None:
    first = session_store.list_claims(db, session_uuid)[0]
    session_store.save_rebuttal_text(db, session_uuid, first.uuid, text)


def test_lists_sessions_and_reopens_one(qtbot, db, controller, history):
    panel, session = history
    answer_first_claim(db, session.uuid, "No, because heating emits more.")
    practice.submit(db, session.uuid, time_used_s=125)
    panel.refresh()
    assert panel.table.rowCount() == 1
    assert cell(panel, 0, "Article") == "Car-free centres"
    assert cell(panel, 0, "Status") == "submitted"
    assert cell(panel, 0, "Time used") == "2:05"
    assert cell(panel, 0, "Score") == "33%"
    assert cell(panel, 0, "Mode").startswith("practice")

    panel.openRequested.connect(controller.open)
    with qtbot.waitSignal(panel.openRequested) as opened:
        rect = panel.table.visualItemRect(panel.table.item(0, 0))
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [session.uuid]
    assert controller.session.uuid == session.uuid and controller.read_only  # submitted: read-only


def test_delete_asks_first(qtbot, db, controller, history, monkeypatch):
    panel, session = history
    asked = []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])

    def question(*args, **kwargs):
        asked.append(args[2])
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", question)
    controller.open(session.uuid)
    panel.table.selectRow(0)
    panel.delete_button.click()
    assert session_store.get_session(db, session.uuid) is not None and panel.table.rowCount() == 1
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)  # the Delete key asks too
    assert len(asked) == 2 and "Car-free centres" in asked[0]
    assert session_store.get_session(db, session.uuid) is None
    assert panel.table.rowCount() == 0
    assert controller.session is None  # the open session was closed, not left pointing at nothing


def test_redo_starts_a_fresh_attempt_with_the_same_claims(qtbot, db, controller, history):
    panel, session = history
    answer_first_claim(db, session.uuid, "An old answer")
    panel.openRequested.connect(controller.open)
    panel.table.selectRow(0)
    with qtbot.waitSignal(panel.openRequested) as opened:
        panel.redo_button.click()
    fresh_uuid = opened.args[0]
    assert fresh_uuid != session.uuid and controller.session.uuid == fresh_uuid
    old_quotes = [c.quote for c in session_store.list_claims(db, session.uuid)]
    assert [c.quote for c in controller.claims] == old_quotes
    assert session_store.list_rebuttals(db, fresh_uuid) == [] and not controller.read_only
    assert panel.table.rowCount() == 2
    assert "redo" in cell(panel, 0, "Mode")


def test_compare_shows_both_attempts(qtbot, db, controller, history):
    panel, session = history
    practice.submit(db, session.uuid)  # nothing written: all dropped, 0 %
    fresh = practice.redo(db, session.uuid)
    answer_first_claim(db, fresh.uuid, "Wrong, because heating emits more.")
    practice.submit(db, fresh.uuid)
    panel.refresh()
    panel.table.selectRow(0)  # newest first: the redo
    assert panel.compare_button.isEnabled()
    panel.compare_button.click()
    dialog = panel.compare_dialog
    assert dialog.isVisible()
    assert dialog.rows[0] == ("Overall", "0%", "33%")
    assert "up from 0% to 33%" in dialog.summary.text()
    claim_row = next(i for i, row in enumerate(dialog.rows) if "Car bans" in row[0])
    assert dialog.table.item(claim_row, 1).text().endswith("Dropped")
    assert dialog.table.item(claim_row, 2).text().endswith("Rebutted")

    panel.table.clearSelection()
    panel.table.selectRow(1)  # the first attempt redid nothing: nothing to compare it with alone
    assert not panel.compare_button.isEnabled()
    panel.table.selectAll()
    assert panel.compare_button.isEnabled()  # any two attempts at one article compare


def test_attempts_at_different_articles_do_not_compare(qtbot, db, controller, history):
    panel, _session = history
    article, _ = article_store.add_article(db, Article(title="Homework", body="Homework should go. It tires."))
    practice.start_session(db, article, panel.profile.uuid)
    panel.refresh()
    panel.table.selectAll()
    assert len(panel.selected_rows()) == 2 and not panel.compare_button.isEnabled()


def test_fake_scorer_is_only_a_stand_in():
    """Guards the fixture these tests lean on: it must still tell answered claims from dropped ones."""
    report = rh.fake_score([{"id": "a"}, {"id": "b"}], answers={"a": "no, because"})
    assert [c["verdict"] for c in report["claims"]] == ["rebutted", "missed"]
