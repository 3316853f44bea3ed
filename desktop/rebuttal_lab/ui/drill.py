"""Timed drills: choose a debate format's times, then prep (mark claims) → writing → submitted.

Time comes from an injected clock, so tests advance a FakeClock and call `DrillRunner.check()` instead
of sleeping. Students type about a quarter as fast as they speak, so a drill offers the speech's spoken
length scaled by `settings.writing_factor` as writing time, and shows both.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
)

from rebuttal_lab.core.text import format_duration
from rebuttal_lab.services import practice
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.ui.coverage_panel import counts_sentence, percent

CUSTOM = "Custom"
POLL_MS = 250           # the runner looks at the clock four times a second
SAVE_EVERY_S = 3.0      # time used is written to the session at least this often


class SystemClock:
    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    def __init__(self, start: float = 1000.0):
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds


def warning_threshold(duration_s: float) -> float:
    """Warn at 30 s left, or at 10 % left in phases under 5 minutes, where 30 s is too much to mean 'hurry'."""
    return min(30.0, duration_s * 0.1)


def plan_text(speech_min: float, multiplier: float, words_per_minute: int) -> str:
    speech_s = speech_min * 60
    words = round(speech_min * words_per_minute)
    typing_wpm = round(words_per_minute / multiplier) if multiplier else 0
    return (f"Speech {format_duration(speech_s)} (~{words} words) · writing time "
            f"{format_duration(speech_s * multiplier)} at {typing_wpm} wpm")


class DrillDialog(QDialog):
    """Pick a preset (named by debate format) or custom times; the student picks the writing multiplier."""

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Start a timed drill")
        self.presets = {p.name: p for p in settings.drill_presets}
        self.format_box = QComboBox()
        self.format_box.addItems([*self.presets, CUSTOM])
        self.speech_spin = self._minutes_spin(0.5, 30, 4)
        self.prep_spin = self._minutes_spin(0, 30, 3)
        self.factor_spin = QDoubleSpinBox()
        self.factor_spin.setRange(1.0, 8.0)
        self.factor_spin.setSingleStep(0.25)
        self.factor_spin.setDecimals(2)
        self.factor_spin.setValue(settings.writing_factor)
        self.factor_spin.setSuffix(" × speech time")
        self.factor_spin.setToolTip("You type slower than you speak: writing time = speech time × this.")
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel)
        buttons.button(ok).setText("Start drill")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Format", self.format_box)
        form.addRow("Speech length", self.speech_spin)
        form.addRow("Prep time", self.prep_spin)
        form.addRow("Writing time", self.factor_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.plan_label)
        layout.addWidget(buttons)

        self.format_box.currentTextChanged.connect(self._on_format)
        for spin in (self.speech_spin, self.prep_spin, self.factor_spin):
            spin.valueChanged.connect(self._update_plan)
        self._on_format(self.format_box.currentText())

    def _minutes_spin(self, low: float, high: float, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(low, high)
        spin.setSingleStep(0.5)
        spin.setDecimals(1)
        spin.setSuffix(" min")
        spin.setValue(value)
        return spin

    def _on_format(self, name: str) -> None:
        preset = self.presets.get(name)
        if preset:
            self.speech_spin.setValue(preset.speech_minutes)
            self.prep_spin.setValue(preset.prep_minutes)
        for spin in (self.speech_spin, self.prep_spin):
            spin.setEnabled(preset is None)
        self._update_plan()

    def _update_plan(self) -> None:
        prep = f"Prep {format_duration(self.prep_spin.value() * 60)} · "
        self.plan_label.setText(prep + plan_text(self.speech_spin.value(), self.factor_spin.value(),
                                                 self.settings.words_per_minute))

    def choice(self) -> tuple[str, int, int]:
        speech_s = self.speech_spin.value() * 60
        return (self.format_box.currentText(), round(self.prep_spin.value() * 60),
                round(speech_s * self.factor_spin.value()))


class DrillRunner(QObject):
    """Runs the clock of one drill on the controller's open session and submits it at writing time-up."""

    tick = Signal(str, float)        # phase, seconds left in it
    warning = Signal(str)            # phase nearly over
    phaseChanged = Signal(str)       # "prep", "writing" or "done"
    timeUp = Signal(dict)            # the final report, after the session was submitted

    def __init__(self, controller, clock=None, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.clock = clock or SystemClock()
        self.phase = "idle"
        self.prep_s = self.writing_s = 0
        self._phase_start = 0.0
        self._warned = False
        self._last_save = 0.0
        self.report: dict = {}
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)

    def start(self, prep_s: int, writing_s: int) -> None:
        self.prep_s, self.writing_s = max(0, int(prep_s)), max(1, int(writing_s))
        session = self.controller.session
        session_store.update_session(self.controller.db, session.uuid, mode="drill",
                                     time_limit_s=self.writing_s, prep_limit_s=self.prep_s)
        session.time_limit_s, session.prep_limit_s = self.writing_s, self.prep_s
        self._enter("prep" if self.prep_s else "writing")
        self._timer.start()

    def resume(self, writing_s: int, used_s: float) -> None:
        """Continue the writing phase of a drill that was interrupted (the app closed or crashed) with
        the time it had used, as last saved: the clock does not restart from full."""
        self.prep_s, self.writing_s = 0, max(1, int(writing_s))
        self._enter("writing", self.clock.now() - max(0.0, min(float(used_s), self.writing_s)))
        self._timer.start()
        self.check()  # time already up: hand it in now

    def start_writing_now(self) -> None:
        if self.phase == "prep":
            self._enter("writing")

    def finish_now(self) -> None:
        """Hand in before the time is up."""
        if self.phase == "writing":
            self._finish()

    @property
    def remaining(self) -> float:
        duration = self.prep_s if self.phase == "prep" else self.writing_s
        return max(0.0, duration - (self.clock.now() - self._phase_start))

    @property
    def time_used(self) -> float:
        if self.phase != "writing":
            return 0.0
        return min(self.writing_s, self.clock.now() - self._phase_start)

    def check(self) -> None:
        """One look at the clock: tick, warn once per phase, move on when a phase runs out."""
        if self.phase not in ("prep", "writing"):
            return
        remaining = self.remaining
        self.tick.emit(self.phase, remaining)
        duration = self.prep_s if self.phase == "prep" else self.writing_s
        if not self._warned and 0 < remaining <= warning_threshold(duration):
            self._warned = True
            self.warning.emit(self.phase)
        if self.phase == "writing" and self.clock.now() - self._last_save >= SAVE_EVERY_S:
            self._save_time_used()
        if remaining <= 0:
            if self.phase == "prep":  # writing starts when prep ended, not when we noticed
                self._enter("writing", self._phase_start + self.prep_s)
            else:
                self._finish()

    def stop(self) -> None:
        self._timer.stop()
        self.phase = "idle"

    # --- internals ----------------------------------------------------------------------------------

    def _enter(self, phase: str, start: float | None = None) -> None:
        self.phase, self._warned = phase, False
        self._phase_start = self.clock.now() if start is None else start
        self._last_save = self._phase_start
        self.phaseChanged.emit(phase)
        self.tick.emit(phase, self.remaining)

    def _save_time_used(self) -> None:
        self._last_save = self.clock.now()
        session = self.controller.session
        if session and not session.read_only:
            session.time_used_s = self.time_used
            session_store.update_session(self.controller.db, session.uuid, time_used_s=session.time_used_s)

    def _finish(self) -> None:
        self._timer.stop()
        used = self.time_used
        uuid = self.controller.session.uuid
        self.controller.flush()
        try:
            self.report = practice.submit(self.controller.db, uuid, used)
        except Exception as exc:  # a scorer bug must not leave the drill open forever: hand in unscored
            self.report = {"error": str(exc), "claims": [], "overall": 0.0}
            session_store.submit_session(self.controller.db, uuid, used)
        self.phase = "done"
        self.controller.open(uuid)  # reopened from the store: now locked and read-only
        self.phaseChanged.emit("done")
        self.timeUp.emit(self.report)


class DrillResults(QDialog):
    """What the drill came to: the score, the counts, and every claim the student dropped."""

    def __init__(self, controller, report: dict, time_used_s: float, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Drill results")
        self.setMinimumWidth(460)
        dropped = [c for c in report.get("claims", []) if c.get("verdict") == "missed"]
        if report.get("error"):
            lines = [f"<p>Handed in, but the scorer failed: {_escape(report['error'])}</p>"]
        else:
            lines = []
        lines += [f"<h3>Score {percent(report.get('overall'))}</h3>",
                 f"<p>{counts_sentence(report)}</p>",
                 f"<p>Writing time used: {format_duration(time_used_s)}</p>"]
        if dropped:
            lines.append("<p><b>Dropped claims</b> (your opponent can say you conceded these):</p>")
            for item in dropped:  # numbered as on the flow sheet (Qt's rich text ignores <li value>)
                claim = controller.claim(item.get("id"))
                quote = claim.quote if claim else item.get("id", "")
                number = controller.claim_number(item.get("id"))
                lines.append(f"<p style='margin-left:12px'>{number}. “{_escape(quote)}”</p>")
        else:
            lines.append("<p>You dropped nothing: every claim got an answer.</p>")
        self.summary = QLabel("".join(lines))
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
