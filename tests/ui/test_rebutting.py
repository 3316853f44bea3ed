"""Writing a rebuttal: flow-sheet answers, the speech, live verdicts, autosave, undo, highlighting."""

from __future__ import annotations

import pytest
import rebut_helpers as rh
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QMessageBox

from rebuttal_lab.core.models import Verdict
from rebuttal_lab.services import practice
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.ui.coverage_panel import CoveragePanel, verdict_colour
from rebuttal_lab.ui.rebuttal_workspace import RebuttalWorkspace

POLLUTION_ANSWER = (
    "Car bans do not cut air pollution. Traffic is not the main source of fine particles: studies show "
    "that wood burning and industry emit far more particles than traffic in city streets, so a ban only "
    "moves the cars to the ring road."
)

controller, settings, fake_scorer = rh.controller, rh.settings, rh.fake_scorer  # shared fixtures


@pytest.fixture
def real_scorer():
    """The real scorer, never a stand-in: these tests are about what it says."""
    from rebuttal_lab.nlp import scoring

    assert practice.score_claims.__module__ == "rebuttal_lab.services.practice"  # not monkeypatched
    return scoring


@pytest.fixture
def workspace(qtbot, controller, settings):
    widget = RebuttalWorkspace(controller, settings)
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    return widget


def open_session(qtbot, db, controller, writing="flow"):
    _profile, session = rh.make_session(db, writing=writing)
    with qtbot.waitSignal(controller.reportChanged, timeout=10000):
        controller.open(session.uuid)
    return session


def test_typing_an_answer_turns_dropped_into_rebutted(qtbot, db, controller, workspace, real_scorer):
    """Dropped → (repeating the claim) only touched → (denying it with evidence) rebutted."""
    panel = CoveragePanel(controller)
    qtbot.addWidget(panel)
    open_session(qtbot, db, controller)
    first = controller.claims[0].uuid
    badge = workspace.flow_sheet.badges[first]
    assert rh.verdict_of(controller, first) == "missed"
    assert "Dropped" in badge.text()
    assert panel.counts_label.text().startswith("0 rebutted")
    assert panel.score_label.text() == "<b>Score 0%</b>"

    editor = workspace.flow_sheet.editors[first]
    qtbot.keyClicks(editor, "Car bans cut air pollution.")
    rh.wait_for_report(qtbot, controller, lambda r: rh.verdict_of(controller, first) == "touched")
    assert "Only touched" in badge.text() and "repeat" in badge.toolTip()

    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, POLLUTION_ANSWER)  # replaces the echo
    assert editor.toPlainText() == POLLUTION_ANSWER
    rh.wait_for_report(qtbot, controller, lambda r: rh.verdict_of(controller, first) == "rebutted",
                       timeout=10000)
    assert "Rebutted" in badge.text()
    assert panel.counts_label.text().startswith("1 rebutted")
    score = round(100 * controller.report["overall"])
    assert score > 0 and panel.score_label.text() == f"<b>Score {score}%</b>"
    assert "Rebutted" in panel.claim_list.item(0).text()
    assert rh.verdict_of(controller, controller.claims[1].uuid) == "missed"  # only the answered row changed


def test_answer_is_autosaved_and_undo_restores_it(qtbot, db, controller, workspace, fake_scorer):
    session = open_session(qtbot, db, controller)
    first = controller.claims[0].uuid
    editor = workspace.flow_sheet.editors[first]
    editor.setFocus()
    qtbot.keyClicks(editor, "Particles come from heating")
    qtbot.waitUntil(lambda: rh.stored_answer(db, session.uuid, first) == "Particles come from heating")

    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == ""
    qtbot.waitUntil(lambda: rh.stored_answer(db, session.uuid, first) == "")

    redo_keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(editor, Qt.Key.Key_Z, redo_keys)
    assert editor.toPlainText() == "Particles come from heating"
    qtbot.waitUntil(lambda: rh.stored_answer(db, session.uuid, first) == "Particles come from heating")
    assert controller.undo_stack.count() == 1  # the restored text was not pushed again


def test_flow_answer_grows_and_stays_level_with_its_claim(qtbot, db, controller, workspace, fake_scorer):
    open_session(qtbot, db, controller)
    sheet = workspace.flow_sheet
    first, second = (c.uuid for c in controller.claims[:2])
    editor, next_editor = sheet.editors[first], sheet.editors[second]
    short_height = editor.height()

    qtbot.keyClicks(editor, " ".join(["Heating and industry emit more particles."] * 8))
    qtbot.waitUntil(lambda: editor.height() > short_height)
    qtbot.waitUntil(lambda: next_editor.geometry().top() >= editor.geometry().bottom())
    assert editor.verticalScrollBar().maximum() == 0  # the box grew; nothing hides inside it
    badge = sheet.badges[first]
    assert badge.geometry().top() == editor.geometry().top()  # the verdict sits level with its answer


def test_the_sheet_scrolls_to_keep_the_cursor_in_view(qtbot, db, controller, workspace, fake_scorer):
    open_session(qtbot, db, controller)
    workspace.resize(600, 300)
    sheet = workspace.flow_sheet
    editor = sheet.editors[controller.claims[-1].uuid]
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    for _ in range(12):
        qtbot.keyClicks(editor, "Buses are full.")
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    def cursor_in_view() -> bool:
        cursor = editor.viewport().mapTo(sheet.viewport(), editor.cursorRect().center())
        return sheet.viewport().rect().contains(cursor)

    qtbot.waitUntil(cursor_in_view)
    assert sheet.verticalScrollBar().value() > 0


def test_speech_footer_counts_words_and_speaking_time(qtbot, db, controller, workspace, fake_scorer):
    open_session(qtbot, db, controller, writing="speech")
    assert workspace.tabs.tabText(workspace.tabs.currentIndex()) == "Speech"
    qtbot.keyClicks(workspace.speech_editor.editor, " ".join(["word"] * 75))
    assert workspace.footer.text() == "75 words · 0:30 spoken at 150 wpm"


def test_selecting_a_claim_highlights_its_sentences_in_the_speech(qtbot, db, controller, workspace,
                                                                 real_scorer):
    panel = CoveragePanel(controller)
    qtbot.addWidget(panel)
    panel.claimSelected.connect(workspace.highlight_claim)
    open_session(qtbot, db, controller, writing="speech")
    shops = ("Shops do not earn more money in car-free streets, because delivery costs rise "
             "and customers leave.")
    speech = POLLUTION_ANSWER + " " + shops
    qtbot.keyClicks(workspace.speech_editor.editor, speech)
    first = controller.claims[0].uuid
    rh.wait_for_report(qtbot, controller, lambda r: rh.verdict_of(controller, first) != "missed"
                    and controller.answers.get(None) == speech, timeout=10000)

    panel.claim_list.setCurrentRow(0)
    selections = workspace.speech_editor.editor.extraSelections()
    assert selections, "the answering sentences are highlighted"
    marked = [s.cursor.selectedText() for s in selections]
    assert any("pollution" in m for m in marked)
    assert not any(m.startswith("Shops") for m in marked)  # the other claim's answer stays plain
    assert "pollution" in panel.details.toPlainText()


def test_selecting_a_claim_marks_its_flow_answer(qtbot, db, controller, workspace, fake_scorer):
    panel = CoveragePanel(controller)
    qtbot.addWidget(panel)
    panel.claimSelected.connect(workspace.highlight_claim)
    open_session(qtbot, db, controller)
    first, second = (c.uuid for c in controller.claims[:2])
    editors = workspace.flow_sheet.editors
    qtbot.keyClicks(editors[second], "Footfall falls when cars go")
    rh.wait_for_report(qtbot, controller, lambda r: rh.verdict_of(controller, second) == "touched")
    panel.claim_list.setCurrentRow(1)
    marked = [s.cursor.selectedText() for s in editors[second].extraSelections()]
    assert marked[0] == "Footfall falls when cars go"
    assert editors[first].extraSelections() == []
    assert "Only touched" in panel.details.toPlainText()
    assert "Your sentences that touch it" in panel.details.toPlainText()   # not "answer it": they do not

def test_a_speech_answering_a_claim_in_its_articles_words_is_rebutted(qtbot, db, controller, workspace,
                                                                       real_scorer):
    """The student answers the argument around the quote (the sentence before it), not its exact words."""
    from context_example import ANSWER, ARTICLE, QUOTES

    panel = CoveragePanel(controller)
    qtbot.addWidget(panel)
    article, _ = rh.article_store.add_article(db, rh.Article(title="A Fair Levy", body=ARTICLE))
    profile = rh.get_or_create_student(db, "Ada")
    session = practice.start_session(db, article, profile.uuid, writing="speech")
    practice.add_claims(db, practice.claims_from_spec(ARTICLE, session.uuid, [{"quote": q} for q in QUOTES]))
    with qtbot.waitSignal(controller.reportChanged, timeout=10000):
        controller.open(session.uuid)
    qtbot.keyClicks(workspace.speech_editor.editor, ANSWER)
    second = controller.claims[1].uuid
    rh.wait_for_report(qtbot, controller, lambda r: rh.verdict_of(controller, second) == "rebutted",
                       timeout=10000)
    assert "Rebutted" in panel.claim_list.item(1).text()
    assert "Dropped" in panel.claim_list.item(0).text()
    panel.claim_list.setCurrentRow(1)   # the panel says which matched words come from the article around it
    assert "budget → budget (exact, from the text around the claim)" in panel.details.toPlainText()
    assert "Your sentences that answer it" in panel.details.toPlainText()
    stored = session_store.get_score(db, session.uuid)
    assert [c["verdict"] for c in stored["claims"]] == ["missed", "rebutted", "missed"]


def test_switching_to_speech_asks_and_is_stored(qtbot, db, controller, workspace, fake_scorer, monkeypatch):
    session = open_session(qtbot, db, controller)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: next(answers))

    workspace.tabs.setCurrentIndex(1)
    assert workspace.current_writing() == "flow"  # said No: stays on the flow sheet
    assert session_store.get_session(db, session.uuid).writing == "flow"
    workspace.tabs.setCurrentIndex(1)
    assert workspace.current_writing() == "speech"
    assert session_store.get_session(db, session.uuid).writing == "speech"


def test_a_speech_starts_from_the_flow_answers(qtbot, db, controller, workspace, fake_scorer, monkeypatch):
    session = open_session(qtbot, db, controller)
    first, last = controller.claims[0].uuid, controller.claims[-1].uuid
    qtbot.keyClicks(workspace.flow_sheet.editors[first], "Heating makes the particles.")
    qtbot.keyClicks(workspace.flow_sheet.editors[last], "Buses are already full.")
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    workspace.tabs.setCurrentIndex(1)
    speech = "Heating makes the particles.\n\nBuses are already full."
    assert workspace.speech_editor.editor.toPlainText() == speech
    qtbot.waitUntil(lambda: rh.stored_answer(db, session.uuid, None) == speech)
    assert workspace.footer.text().startswith("8 words")


def test_submitted_session_is_read_only(qtbot, db, controller, workspace, fake_scorer):
    session = open_session(qtbot, db, controller)
    session_store.submit_session(db, session.uuid)
    controller.open(session.uuid)
    editor = workspace.flow_sheet.editors[controller.claims[0].uuid]
    assert editor.isReadOnly() and workspace.speech_editor.editor.isReadOnly()
    qtbot.keyClicks(editor, "too late")
    assert editor.toPlainText() == ""
    assert workspace.read_only_label.isVisible()


def test_rows_follow_claims_and_keep_the_focused_answer(qtbot, db, controller, workspace, fake_scorer):
    open_session(qtbot, db, controller)
    last = controller.claims[-1].uuid
    editor = workspace.flow_sheet.editors[last]
    editor.setFocus()
    qtbot.keyClicks(editor, "Buses are full")
    qtbot.waitUntil(editor.hasFocus)
    controller.remove_claim(controller.claims[0].uuid)
    assert len(workspace.flow_sheet.editors) == 2
    rebuilt = workspace.flow_sheet.editors[last]
    assert rebuilt.toPlainText() == "Buses are full"
    qtbot.waitUntil(rebuilt.hasFocus)
    assert rebuilt.textCursor().position() == len("Buses are full")


def test_a_long_speech_does_not_wear_out_pyside(qtbot, controller):
    """PySide6 6.12.0 loses a reference to True on every emit and Python 3.11 aborts after a few thousand
    (about a thousand keystrokes); pyproject.toml keeps PySide6 below 6.12. This fails loudly if that slips."""
    from PySide6.QtCore import QObject, Signal

    class Typist(QObject):
        keystroke = Signal(str)

    typist, seen = Typist(), []
    typist.keystroke.connect(seen.append)
    for _ in range(20000):
        typist.keystroke.emit("a")
    assert len(seen) == 20000


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        channels = [x / 255 for x in (c.red(), c.green(), c.blue())]
        r, g, b_ = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("base, window", [("#ffffff", "#efefef"), ("#1e1e1e", "#2b2b2b")])
def test_verdict_colours_read_in_light_and_dark_palettes(base, window):
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Window, QColor(window))
    for verdict in Verdict:
        colour = verdict_colour(verdict, palette)
        for background in (base, window):
            assert _contrast(colour, QColor(background)) >= 4.5, (verdict, background)
