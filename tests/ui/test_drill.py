"""Timed drills: the preset dialog, and prep → writing → warning → time-up, FakeClock (no sleep)."""

from __future__ import annotations

import pytest
import rebut_helpers as rh

from rebuttal_lab.core.models import Status
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.ui.drill import CUSTOM, DrillDialog, DrillRunner, FakeClock
from rebuttal_lab.ui.rebuttal_workspace import RebuttalWorkspace

controller, settings, fake_scorer = rh.controller, rh.settings, rh.fake_scorer  # shared fixtures


@pytest.fixture
def drill_setup(qtbot, db, controller, settings, fake_scorer):
    _profile, session = rh.make_session(db)
    clock = FakeClock()
    workspace = RebuttalWorkspace(controller, settings, clock=clock)
    qtbot.addWidget(workspace)
    workspace.show()
    with qtbot.waitSignal(controller.reportChanged, timeout=5000):
        controller.open(session.uuid)
    return session, clock, workspace


def test_dialog_shows_speech_and_writing_time(qtbot, settings):
    dialog = DrillDialog(settings)
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentText("Public Forum — rebuttal")
    assert "Speech 4:00 (~600 words) · writing time 15:00 at 40 wpm" in dialog.plan_label.text()
    assert "Prep 3:00" in dialog.plan_label.text()
    assert dialog.choice() == ("Public Forum — rebuttal", 180, 900)
    assert not dialog.speech_spin.isEnabled()

    dialog.factor_spin.setValue(3.0)  # a faster typist picks a smaller multiplier
    assert "writing time 12:00 at 50 wpm" in dialog.plan_label.text()
    dialog.format_box.setCurrentText(CUSTOM)
    assert dialog.speech_spin.isEnabled()
    dialog.speech_spin.setValue(2)
    dialog.prep_spin.setValue(1)
    assert dialog.choice() == (CUSTOM, 60, 360)


def test_drill_runs_prep_writing_warning_and_submits(qtbot, db, controller, drill_setup):
    session, clock, workspace = drill_setup
    first = controller.claims[0].uuid
    editor = workspace.flow_sheet.editors[first]
    workspace.start_drill(prep_s=60, writing_s=300)
    runner = workspace.runner
    assert runner.phase == "prep" and workspace.drill_bar.isVisible() and workspace.drill_running
    assert editor.isReadOnly()  # prep is for marking claims, not writing yet
    assert "1:00 left" in workspace.drill_label.text()

    with qtbot.waitSignal(runner.warning) as warned:
        clock.advance(55)
        runner.check()
    assert warned.args == ["prep"] and workspace.drill_progress.styleSheet()

    clock.advance(6)
    runner.check()
    assert runner.phase == "writing" and not editor.isReadOnly()
    assert workspace.drill_progress.styleSheet() == ""  # the prep warning does not carry over
    editor.setFocus()
    qtbot.keyClicks(editor, "Not so, because heating emits more particles")

    clock.advance(100)
    runner.check()
    assert session_store.get_session(db, session.uuid).time_used_s == pytest.approx(101)

    with qtbot.waitSignal(runner.warning) as warned:
        clock.advance(180)  # 19 s left
        runner.check()
    assert warned.args == ["writing"]
    assert "0:19 left" in workspace.drill_label.text()

    with qtbot.waitSignal(runner.timeUp, timeout=5000) as finished:
        clock.advance(30)
        runner.check()
    stored = session_store.get_session(db, session.uuid)
    assert stored.status == Status.SUBMITTED and stored.time_used_s == 300
    assert stored.time_limit_s == 300 and stored.prep_limit_s == 60 and stored.mode == "drill"
    assert session_store.list_rebuttals(db, session.uuid)[0].text.startswith("Not so")
    assert controller.read_only and workspace.flow_sheet.editors[first].isReadOnly()
    assert finished.args[0]["claims"][0]["verdict"] == "rebutted"

    results = workspace.results.summary.text()
    assert workspace.results.isVisible() and "1 rebutted" in results and "2 dropped" in results
    assert f"2. “{controller.claims[1].quote}”" in results  # dropped claims, numbered as on the flow
    assert not workspace.drill_bar.isVisible() and not workspace.drill_running


def test_start_writing_early_and_hand_in(qtbot, db, controller, drill_setup):
    session, clock, workspace = drill_setup
    workspace.start_drill(prep_s=120, writing_s=240)
    clock.advance(10)
    workspace.start_writing_button.click()
    assert workspace.runner.phase == "writing"
    assert not workspace.flow_sheet.editors[controller.claims[0].uuid].isReadOnly()
    clock.advance(45)
    workspace.runner.check()
    assert "3:15 left" in workspace.drill_label.text()
    with qtbot.waitSignal(workspace.runner.timeUp):
        workspace.finish_button.click()
    assert session_store.get_session(db, session.uuid).time_used_s == pytest.approx(45)


def test_runner_ticks_every_poll_without_prep(qtbot, db, controller, drill_setup):
    _session, clock, _workspace = drill_setup
    runner = DrillRunner(controller, clock)
    ticks = []
    runner.tick.connect(lambda phase, left: ticks.append((phase, left)))
    runner.start(0, 120)  # no prep: straight to writing
    assert runner.phase == "writing"
    clock.advance(20)
    runner.check()
    assert ticks[-1] == ("writing", 100)
    runner.stop()


def test_a_scorer_failure_still_hands_the_drill_in(qtbot, db, controller, drill_setup, monkeypatch):
    session, clock, workspace = drill_setup

    def broken(*_args, **_kwargs):
        raise RuntimeError("lexicon missing")

    monkeypatch.setattr(rh.practice, "score_claims", broken)
    workspace.start_drill(prep_s=0, writing_s=60)
    with qtbot.waitSignal(workspace.runner.timeUp):
        clock.advance(60)
        workspace.runner.check()
    assert session_store.get_session(db, session.uuid).status == Status.SUBMITTED
    assert "scorer failed: lexicon missing" in workspace.results.summary.text()


def test_opening_another_session_abandons_the_drill(qtbot, db, controller, drill_setup):
    session, clock, workspace = drill_setup
    workspace.start_drill(prep_s=60, writing_s=300)
    assert workspace.flow_sheet.editors[controller.claims[0].uuid].isReadOnly()  # prep
    fresh = rh.practice.redo(db, session.uuid)
    controller.open(fresh.uuid)
    assert not workspace.drill_running and not workspace.drill_bar.isVisible()
    assert not workspace.flow_sheet.editors[controller.claims[0].uuid].isReadOnly()
    clock.advance(400)
    workspace.runner.check()  # a stopped drill hands nothing in
    assert session_store.get_session(db, session.uuid).status == Status.OPEN


def _interrupted_drill(window, article_file, used_s: float):
    """A drill left open with `used_s` of its 5 minutes used, as a crash or power cut leaves it."""
    from rebuttal_lab.core.models import Mode
    from rebuttal_lab.services import library, practice

    article = library.import_paths(window.db, [article_file])[0].article
    session = practice.start_session(window.db, article, window.profile.uuid, mode=Mode.DRILL,
                                     time_limit_s=300, prep_limit_s=0)
    session_store.save_rebuttal_text(window.db, session.uuid, None, "Homework builds habits of study.")
    session_store.update_session(window.db, session.uuid, time_used_s=used_s)
    return session


def test_an_interrupted_drill_continues_with_the_time_it_had_left(main_window, article_file, dialogs):
    session = _interrupted_drill(main_window, article_file, used_s=120)
    main_window.resume_latest()
    assert "stopped with 3:00 of writing time left" in dialogs.texts("question")[0]
    assert main_window.workspace.drill_running and main_window.workspace.runner.phase == "writing"
    assert 170 < main_window.workspace.runner.remaining <= 180
    assert main_window.controller.session.uuid == session.uuid and not main_window.controller.read_only


def test_an_interrupted_drill_is_handed_in_when_the_student_declines(main_window, article_file, dialogs):
    session = _interrupted_drill(main_window, article_file, used_s=120)
    dialogs.answer = dialogs.answer.No
    main_window.resume_latest()
    stored = session_store.get_session(main_window.db, session.uuid)
    assert stored.status == Status.SUBMITTED and 119 < stored.time_used_s < 130
    assert not main_window.workspace.drill_running and main_window.controller.read_only


def test_a_drill_whose_time_ran_out_while_closed_is_handed_in_without_asking(main_window, article_file,
                                                                            dialogs):
    session = _interrupted_drill(main_window, article_file, used_s=300)
    main_window.resume_latest()
    assert dialogs.texts("question") == []
    assert session_store.get_session(main_window.db, session.uuid).status == Status.SUBMITTED
