"""Reading and marking: the article view, claims list, undo/redo, find bar and font size, driven as a
student would drive them (selections, shortcuts, buttons)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from rebuttal_lab.core.models import ClaimKind
from rebuttal_lab.store import sessions as session_store


def stored_claims(window):
    return session_store.list_claims(window.db, window.controller.session.uuid)


def select_in_article(window, start: int, end: int) -> None:
    window.article_view.select(start, end)
    window.article_view.text.setFocus()


def span_of(body: str, words: str) -> tuple[int, int]:
    start = body.index(words)
    return start, start + len(words)


def test_article_text_is_the_body_and_header_shows_the_title(open_article, main_window):
    view = main_window.article_view
    assert view.text.toPlainText() == open_article.body
    assert open_article.title in view.header.text()
    assert view.text.isReadOnly()
    assert open_article.title in main_window.windowTitle()


def test_ctrl_m_marks_a_snapped_claim_and_undo_redo_reach_the_database(qtbot, open_article, main_window):
    body = open_article.body
    start, end = span_of(body, "Schools assign too much homework")
    # a sloppy selection: starts and ends in the middle of words
    select_in_article(main_window, start + 3, end - 3)
    qtbot.keyClick(main_window.article_view.text, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)

    rows = main_window.claims_panel.rows()
    assert [r[:2] for r in rows] == [("1", "Schools assign too much homework")]
    claims = stored_claims(main_window)
    assert [(c.start, c.end, c.quote) for c in claims] == [(start, end, "Schools assign too much homework")]

    qtbot.keyClick(main_window.article_view.text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert main_window.claims_panel.rows() == []
    assert stored_claims(main_window) == []

    main_window.redo_action.trigger()
    assert [r[0] for r in main_window.claims_panel.rows()] == ["1"]
    assert [c.quote for c in stored_claims(main_window)] == ["Schools assign too much homework"]


def test_mark_action_numbers_claims_in_article_order_and_highlights_them(open_article, main_window):
    body = open_article.body
    later = span_of(body, "Therefore homework harms learning")
    earlier = span_of(body, "Studies show that tired")
    for span in (later, earlier):
        select_in_article(main_window, *span)
        assert main_window.mark_action.isEnabled()
        main_window.mark_action.trigger()
    quotes = [r[1] for r in main_window.claims_panel.rows()]
    assert quotes == ["Studies show that tired", "Therefore homework harms learning"]
    highlights = main_window.article_view.text.extraSelections()
    assert sorted((s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in highlights) == [earlier, later]
    # the claim just marked is the selected one everywhere
    newest = next(c for c in stored_claims(main_window) if c.start == earlier[0])
    assert main_window.claims_panel.current_uuid() == newest.uuid
    assert main_window.article_view.selected_claim == newest.uuid
    # nothing selected any more: marking again is not offered
    assert not main_window.mark_action.isEnabled()


def test_marking_the_same_words_twice_adds_one_claim(open_article, main_window):
    span = span_of(open_article.body, "students lose sleep")
    for _ in range(2):
        select_in_article(main_window, *span)
        main_window.mark_action.trigger()
    assert len(stored_claims(main_window)) == 1


def test_edit_kind_and_note_then_delete_with_undo(qtbot, open_article, main_window):
    select_in_article(main_window, *span_of(open_article.body, "Finland gives little homework"))
    main_window.mark_action.trigger()
    panel = main_window.claims_panel

    combo = panel.kind_combo(0)
    for _ in range(combo.findData(ClaimKind.EXAMPLE.value)):  # the arrow keys step through the kinds
        qtbot.keyClick(panel.kind_combo(0), Qt.Key.Key_Down)
    assert stored_claims(main_window)[0].kind == ClaimKind.EXAMPLE
    assert panel.rows()[0][2] == ClaimKind.EXAMPLE.label

    # double-click the row, type the note, Enter (the view commits the edit on its next turn)
    cell = panel.tree.visualRect(panel.tree.indexFromItem(panel.tree.topLevelItem(0), 1)).center()
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "  one country is not a trend ")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored_claims(main_window)[0].note == "one country is not a trend")
    assert panel.rows()[0][4] == "one country is not a trend"

    main_window.undo_action.trigger()  # the note edit
    assert stored_claims(main_window)[0].note == ""
    assert panel.rows()[0][4] == ""

    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert panel.rows() == [] and stored_claims(main_window) == []
    main_window.undo_action.trigger()
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)  # the Delete key does the same
    assert stored_claims(main_window) == []
    main_window.undo_action.trigger()
    assert stored_claims(main_window)[0].kind == ClaimKind.EXAMPLE


def test_move_down_reorders_claims_in_the_database(qtbot, open_article, main_window):
    body = open_article.body
    for words in ("Schools assign too much homework", "Finland gives little homework"):
        select_in_article(main_window, *span_of(body, words))
        main_window.mark_action.trigger()
    panel = main_window.claims_panel
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    assert not panel.up_button.isEnabled()
    qtbot.mouseClick(panel.down_button, Qt.MouseButton.LeftButton)
    assert [c.quote for c in stored_claims(main_window)] == ["Finland gives little homework",
                                                           "Schools assign too much homework"]
    assert panel.current_uuid() == stored_claims(main_window)[1].uuid  # the moved claim stays selected


def test_clicking_a_claim_selects_it_in_the_article(qtbot, open_article, main_window):
    body = open_article.body
    for words in ("Schools assign too much homework", "Finland gives little homework"):
        select_in_article(main_window, *span_of(body, words))
        main_window.mark_action.trigger()
    panel = main_window.claims_panel
    quote_cell = panel.tree.visualRect(panel.tree.indexFromItem(panel.tree.topLevelItem(1), 1))
    with qtbot.waitSignal(panel.claimSelected) as signal:
        qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=quote_cell.center())
    claim = stored_claims(main_window)[1]
    assert signal.args == [claim.uuid]
    assert main_window.article_view.selected_claim == claim.uuid
    assert main_window.article_view.text.textCursor().position() == claim.start
    coverage_item = main_window.coverage.claim_list.currentItem()  # the coverage panel follows
    assert coverage_item is not None and coverage_item.data(Qt.ItemDataRole.UserRole) == claim.uuid


def test_find_bar_steps_through_matches_and_reports_not_found(qtbot, open_article, main_window):
    text = main_window.article_view.text
    qtbot.keyClick(text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = main_window.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.field, "homework")
    first = open_article.body.lower().index("homework")
    assert text.textCursor().selectionStart() == first
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert text.textCursor().selectionStart() == open_article.body.lower().index("homework", first + 1)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert text.textCursor().selectionStart() == first
    qtbot.keyClick(text, Qt.Key.Key_F3)  # F3 steps on from anywhere in the window
    assert text.textCursor().selectionStart() == open_article.body.lower().index("homework", first + 1)

    bar.field.clear()
    qtbot.keyClicks(bar.field, "zebra")
    assert bar.not_found and bar.status.isVisible()
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_found_text_can_be_marked_straight_away(qtbot, open_article, main_window):
    main_window.find_action.trigger()
    qtbot.keyClicks(main_window.find_bar.field, "tired students")
    main_window.mark_action.trigger()
    assert [c.quote for c in stored_claims(main_window)] == ["tired students"]


@pytest.mark.parametrize("key, step", [(Qt.Key.Key_Equal, +1), (Qt.Key.Key_Minus, -1)])
def test_font_size_shortcuts_change_and_remember_the_size(qtbot, open_article, main_window, key, step):
    from rebuttal_lab.settings import load_settings

    view = main_window.article_view
    before = view.font_size()
    qtbot.keyClick(view.text, key, Qt.KeyboardModifier.ControlModifier)
    assert view.font_size() == before + step
    reloaded = load_settings(user_dir=main_window.settings.user_file.parent)
    assert reloaded.font_point_size == before + step


def test_read_only_session_cannot_be_marked(open_article, main_window):
    from rebuttal_lab.store import sessions as store

    uuid = main_window.controller.session.uuid
    store.submit_session(main_window.db, uuid)
    main_window.open_session(uuid)
    select_in_article(main_window, *span_of(open_article.body, "students lose sleep"))
    assert not main_window.mark_action.isEnabled()
    main_window.mark_action.trigger()
    assert stored_claims(main_window) == []


def test_suggested_claims_are_accepted_or_rejected_one_by_one(qtbot, open_article, main_window, monkeypatch):
    from rebuttal_lab.ui import suggest_dialog

    body = open_article.body
    sentences = ["Schools assign too much homework, and students lose sleep because of it.",
                 "Studies show that tired students learn less than rested ones.",
                 "Finland gives little homework and still scores well in international tests."]
    fake = [{"start": body.index(s), "end": body.index(s) + len(s), "text": s, "confidence": c, "why": w}
            for s, c, w in zip(sentences, (0.9, 0.7, 0.5), ("causal claim", "cites studies", "example"),
                               strict=True)]
    monkeypatch.setattr(suggest_dialog, "_suggest", lambda _body: fake)
    select_in_article(main_window, *span_of(body, "Finland gives little homework"))
    main_window.mark_action.trigger()

    main_window.suggest_action.trigger()
    dialog = main_window.suggest_dialog
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        pass
    assert dialog.states() == ["", "", "Marked"]  # the third overlaps a claim already marked
    assert dialog.tree.topLevelItem(0).text(1) == "90 %"
    assert dialog.tree.topLevelItem(1).text(2) == "cites studies"

    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)   # the first
    qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)   # then the second
    assert dialog.states() == ["Marked", "Rejected", "Marked"]
    assert [c.quote for c in stored_claims(main_window)] == [sentences[0], "Finland gives little homework"]

    main_window.undo_action.trigger()  # undoing the accepted suggestion reopens it
    assert dialog.states() == ["", "Rejected", "Marked"]

    main_window.practise_selected()  # another session: these offsets no longer apply
    assert not dialog.isVisible()


def test_real_suggester_offers_sentences_from_the_article(qtbot, open_article, main_window):
    pytest.importorskip("rebuttal_lab.nlp.suggest")
    main_window.suggest_action.trigger()
    dialog = main_window.suggest_dialog
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        pass
    assert dialog.suggestions, dialog.intro.text()
    for suggestion in dialog.suggestions:
        assert open_article.body[suggestion["start"]:suggestion["end"]] == suggestion["text"]
    dialog.close()


def test_clicking_inside_a_claim_in_the_article_selects_it_in_the_list(qtbot, open_article, main_window):
    body = open_article.body
    for words in ("Schools assign too much homework", "Finland gives little homework"):
        select_in_article(main_window, *span_of(body, words))
        main_window.mark_action.trigger()
    main_window.select_claim(stored_claims(main_window)[0].uuid)
    text = main_window.article_view.text
    cursor = text.textCursor()
    cursor.setPosition(body.index("little homework"))
    qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=text.cursorRect(cursor).center())
    second = stored_claims(main_window)[1]
    assert main_window.claims_panel.current_uuid() == second.uuid
    assert main_window.article_view.selected_claim == second.uuid


def test_verdicts_say_not_scored_when_the_scorer_fails(qtbot, open_article, main_window, monkeypatch):
    from rebuttal_lab.services import practice

    def broken(*_args, **_kwargs):
        raise RuntimeError("lexicon missing")

    monkeypatch.setattr(practice, "score_claims", broken)
    select_in_article(main_window, *span_of(open_article.body, "students lose sleep"))
    # (a report from before the scorer broke may still arrive first: wait for the failed one)
    with qtbot.waitSignal(main_window.controller.reportChanged, timeout=10000,
                          check_params_cb=lambda report: "error" in report):
        main_window.mark_action.trigger()
    assert main_window.claims_panel.rows()[0][3] == "Not scored"
    tip = main_window.claims_panel.tree.topLevelItem(0).toolTip(2)
    assert "lexicon missing" in tip


@pytest.mark.parametrize("page, ink", [("#ffffff", "#000000"), ("#1e1e1e", "#e0e0e0"), ("#2b2b2b", "#ffffff")])
def test_claim_highlights_keep_the_text_readable_in_light_and_dark(open_article, main_window, page, ink):
    from PySide6.QtGui import QColor, QPalette, QTextCharFormat

    from rebuttal_lab.ui.article_view import MIN_CONTRAST, contrast

    view = main_window.article_view
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(page))
    palette.setColor(QPalette.ColorRole.Text, QColor(ink))
    view.setPalette(palette)  # a palette change redraws the highlights
    for words in ("Schools assign too much homework", "Finland gives little homework"):
        select_in_article(main_window, *span_of(open_article.body, words))
        main_window.mark_action.trigger()  # the second one is now the selected claim
    selections = view.text.extraSelections()
    formats = [QTextCharFormat(s.format) for s in selections]
    assert len(formats) == 2
    for fmt in formats:
        assert contrast(fmt.background().color(), QColor(ink)) >= MIN_CONTRAST
    plain, selected = sorted(formats, key=lambda f: f.fontUnderline())
    assert selected.fontUnderline() and not plain.fontUnderline()
    assert selected.background().color() != QColor(page)  # still visibly marked
