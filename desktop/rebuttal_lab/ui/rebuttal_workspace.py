"""Where the student writes the rebuttal: a flow sheet (one answer per claim) or one speech, a footer with
the word count and how long it would take to say, and the drill clock when a drill runs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab.core.text import format_duration, speaking_seconds, word_count
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.ui.drill import DrillResults, DrillRunner, warning_threshold
from rebuttal_lab.ui.flow_sheet import FlowSheet
from rebuttal_lab.ui.speech_editor import SpeechEditor

WRITING_TABS = ("flow", "speech")
PHASE_WORDS = {"prep": "Prep — mark the claims you will answer", "writing": "Writing"}


def footer_text(words: int, words_per_minute: int) -> str:
    noun = "word" if words == 1 else "words"
    spoken = format_duration(speaking_seconds(words, words_per_minute))
    return f"{words} {noun} · {spoken} spoken at {words_per_minute} wpm"


class RebuttalWorkspace(QWidget):
    claimActivated = Signal(str)  # the student is answering this claim (focus in its flow row)

    def __init__(self, controller, settings, clock=None, parent=None):
        super().__init__(parent)
        self.controller, self.settings, self.clock = controller, settings, clock
        self.runner: DrillRunner | None = None
        self.results: DrillResults | None = None

        self.flow_sheet = FlowSheet(controller)
        self.speech_editor = SpeechEditor(controller)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.flow_sheet, "Flow sheet")
        self.tabs.addTab(self.speech_editor, "Speech")
        self.footer = QLabel()
        self.footer.setAccessibleName("Word count and speaking time")
        self.read_only_label = QLabel("Submitted — read-only. Use Redo in History for a fresh attempt.")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_drill_bar())
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.footer, 1)
        bottom.addWidget(self.read_only_label)
        layout.addLayout(bottom)

        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.flow_sheet.edited.connect(self.update_footer)
        self.speech_editor.edited.connect(self.update_footer)
        self.flow_sheet.claimActivated.connect(self.claimActivated)
        controller.sessionChanged.connect(self._on_session)
        controller.claimsChanged.connect(self.update_footer)
        controller.lockedChanged.connect(self._on_locked)
        self._on_session()

    def _build_drill_bar(self) -> QWidget:
        self.drill_bar = QWidget()
        self.drill_label = QLabel()
        self.drill_progress = QProgressBar()
        self.drill_progress.setTextVisible(False)
        self.start_writing_button = QPushButton("Start writing now")
        self.finish_button = QPushButton("Hand in now")
        row = QHBoxLayout(self.drill_bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.drill_label)
        row.addWidget(self.drill_progress, 1)
        row.addWidget(self.start_writing_button)
        row.addWidget(self.finish_button)
        self.start_writing_button.clicked.connect(lambda: self.runner and self.runner.start_writing_now())
        self.finish_button.clicked.connect(lambda: self.runner and self.runner.finish_now())
        self.drill_bar.hide()
        return self.drill_bar

    # --- public -------------------------------------------------------------------------------------

    def highlight_claim(self, claim_uuid: str) -> None:
        """Connect CoveragePanel.claimSelected here: the editors mark the sentences answering it."""
        self.speech_editor.highlight_claim(claim_uuid)
        self.flow_sheet.highlight_claim(claim_uuid)

    def start_drill(self, prep_s: int, writing_s: int) -> None:
        if self._new_runner():
            self.runner.start(prep_s, writing_s)

    def resume_drill(self, writing_s: int, used_s: float) -> None:
        """The open session is a drill that was interrupted: its clock goes on from the time it used."""
        if self._new_runner():
            self.runner.resume(writing_s, used_s)

    def _new_runner(self) -> bool:
        if self.controller.session is None or self.controller.read_only:
            return False
        if self.runner:
            self.runner.stop()
        self.runner = DrillRunner(self.controller, self.clock, self)
        self.runner.tick.connect(self._on_tick)
        self.runner.warning.connect(self._on_warning)
        self.runner.phaseChanged.connect(self._on_phase)
        self.runner.timeUp.connect(self._on_time_up)
        self.drill_bar.show()
        return True

    @property
    def drill_running(self) -> bool:
        """True in prep or writing: opening another session now would abandon the drill (ask first)."""
        return self.runner is not None and self.runner.phase in ("prep", "writing")

    def update_footer(self) -> None:
        if self.current_writing() == "speech":
            words = word_count(self.controller.answers.get(None, ""))
        else:
            claim_ids = {c.uuid for c in self.controller.claims}
            words = sum(word_count(t) for k, t in self.controller.answers.items() if k in claim_ids)
        self.footer.setText(footer_text(words, self.settings.words_per_minute))

    def current_writing(self) -> str:
        return WRITING_TABS[self.tabs.currentIndex()]

    # --- slots --------------------------------------------------------------------------------------

    def _on_session(self) -> None:
        if self.drill_running:
            self.runner.stop()  # another session was opened mid-drill: that drill is abandoned
            self.drill_bar.hide()
            self._set_editable(True)
        session = self.controller.session
        writing = session.writing if session and session.writing in WRITING_TABS else "flow"
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(WRITING_TABS.index(writing))
        self.tabs.blockSignals(False)
        self._on_locked(self.controller.read_only)
        self.update_footer()

    def _on_locked(self, locked: bool) -> None:
        self.read_only_label.setVisible(locked and self.controller.session is not None)
        current = self.tabs.currentIndex()
        for index in range(self.tabs.count()):  # a submitted session keeps the way it was written
            self.tabs.setTabEnabled(index, not locked or index == current)

    def _on_tab_changed(self, index: int) -> None:
        session = self.controller.session
        wanted = WRITING_TABS[index]
        if session is None or session.writing == wanted:
            self.update_footer()
            return
        names = {"flow": "a flow sheet (one answer per claim)", "speech": "one speech"}
        draft = self._speech_from_flow() if wanted == "speech" else ""
        start = " Your flow answers will start the speech, in claim order." if draft else ""
        answer = QMessageBox.question(
            self, "Change how you write?",
            f"Score this attempt as {names[wanted]}? What you wrote the other way is kept, "
            f"but only this one counts.{start}")
        if answer != QMessageBox.StandardButton.Yes or self.controller.read_only:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(WRITING_TABS.index(session.writing))
            self.tabs.blockSignals(False)
            return
        self.controller.flush()
        session_store.update_session(self.controller.db, session.uuid, writing=wanted)
        session.writing = wanted
        if draft:  # typed into the editor, so it is one undoable edit like any other
            self.speech_editor.editor.setPlainText(draft)
        self.controller.rescore()
        self.update_footer()

    def _speech_from_flow(self) -> str:
        """A first speech from the flow answers (debaters speak from their flow), unless one exists."""
        if self.controller.answers.get(None, "").strip():
            return ""
        answers = [self.controller.answers.get(c.uuid, "").strip() for c in self.controller.claims]
        return "\n\n".join(a for a in answers if a)

    def _set_editable(self, editable: bool) -> None:
        self.flow_sheet.set_editable(editable)
        self.speech_editor.set_editable(editable)

    def _on_phase(self, phase: str) -> None:
        self._set_editable(phase != "prep")
        self.drill_progress.setStyleSheet("")  # a new phase starts calm: the prep warning colour goes
        self.drill_label.setToolTip("")
        self.start_writing_button.setVisible(phase == "prep")
        self.finish_button.setVisible(phase == "writing")
        if phase == "done":
            self.drill_bar.hide()

    def _on_tick(self, phase: str, remaining: float) -> None:
        runner = self.runner
        total = runner.prep_s if phase == "prep" else runner.writing_s
        self.drill_progress.setMaximum(max(1, int(total)))
        self.drill_progress.setValue(int(remaining))
        warned = remaining <= warning_threshold(total)
        left = f"{format_duration(remaining)} left"
        self.drill_label.setText(f"{PHASE_WORDS.get(phase, phase)}: <b>{left}</b>" if warned
                                 else f"{PHASE_WORDS.get(phase, phase)}: {left}")

    def _on_warning(self, phase: str) -> None:
        what = "prep ends" if phase == "prep" else "time is up"
        self.drill_label.setToolTip(f"Nearly there: {what} soon.")
        self.drill_progress.setStyleSheet("QProgressBar::chunk { background: #d9822b; }")

    def _on_time_up(self, report: dict) -> None:
        used = self.controller.session.time_used_s if self.controller.session else 0.0
        self.results = DrillResults(self.controller, report, used, self)
        self.results.show()
