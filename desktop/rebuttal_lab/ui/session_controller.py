"""The open session as the GUI sees it: one object that owns the claims, the answers, the undo stack,
autosaving and live scoring, and tells the widgets what changed through signals.

Widgets never write to the store themselves: they call the controller, which pushes an undo command;
the command's redo/undo go through the `_apply_*` methods below, which save and emit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QUndoStack

from rebuttal_lab.core.models import Article, Claim, ClaimKind, Session
from rebuttal_lab.services import practice
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.ui.commands import AddClaim, EditAnswer, EditClaim, MoveClaim, RemoveClaim

AUTOSAVE_MS = 400   # typing is written to disk at most this long after a keystroke
RESCORE_MS = 250    # and rescored this long after it


class _ScoreSignals(QObject):
    done = Signal(int, dict)


class _ScoreJob(QRunnable):
    """Scores a snapshot of the claims and text off the GUI thread; the generation number lets the
    controller ignore a result that a newer keystroke has already made stale."""

    def __init__(self, generation: int, inputs: tuple, signals: _ScoreSignals):
        super().__init__()
        self.generation, self.inputs, self.signals = generation, inputs, signals

    def run(self) -> None:
        try:
            report = practice.score_claims(*self.inputs)
        except Exception as exc:  # never let a scorer bug take the window down
            report = {"error": str(exc), "claims": [], "overall": 0.0}
        self.signals.done.emit(self.generation, report)


class SessionController(QObject):
    sessionChanged = Signal()            # a different session was opened (or closed)
    claimsChanged = Signal()             # claims added, removed, edited or reordered
    answerChanged = Signal(object, str)  # (claim uuid or None for the speech, new text) from undo/redo
    reportChanged = Signal(dict)         # a fresh coverage report
    lockedChanged = Signal(bool)         # the session was submitted (read-only) or reopened

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.session: Session | None = None
        self.article: Article | None = None
        self.claims: list[Claim] = []
        self.answers: dict[str | None, str] = {}
        self.report: dict = {}
        self.undo_stack = QUndoStack(self)
        self._dirty: set[str | None] = set()
        self._generation = 0
        self._score_signals = _ScoreSignals(self)
        self._score_signals.done.connect(self._on_scored)
        self._save_timer = self._single_shot(AUTOSAVE_MS, self.flush)
        self._score_timer = self._single_shot(RESCORE_MS, self.rescore)

    def _single_shot(self, ms: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    # --- opening -------------------------------------------------------------------------------

    def open(self, session_uuid: str) -> None:
        self.flush()
        session = session_store.get_session(self.db, session_uuid)
        if session is None:
            raise KeyError(session_uuid)
        self.session = session
        self.article = article_store.get_article(self.db, session.article_uuid)
        self.claims = session_store.list_claims(self.db, session.uuid)
        self.answers = {r.claim_uuid: r.text for r in session_store.list_rebuttals(self.db, session.uuid)}
        self.report = session_store.get_score(self.db, session.uuid) or {}
        self.undo_stack.clear()
        self.sessionChanged.emit()
        self.claimsChanged.emit()
        self.lockedChanged.emit(self.read_only)
        self.rescore()

    def close_session(self) -> None:
        self.flush()
        self.session, self.article, self.claims, self.answers, self.report = None, None, [], {}, {}
        self.undo_stack.clear()
        self.sessionChanged.emit()
        self.claimsChanged.emit()

    @property
    def read_only(self) -> bool:
        return self.session is None or self.session.read_only

    # --- what widgets call (each pushes an undoable command) ----------------------------------------

    def mark_claim(self, start: int, end: int, kind: ClaimKind = ClaimKind.MAIN) -> Claim | None:
        if self.read_only or self.article is None:
            return None
        try:
            claim = practice.claim_at(self.article.body, self.session.uuid, start, end, kind)
        except practice.ClaimNotFound:
            return None
        if any(c.start == claim.start and c.end == claim.end for c in self.claims):
            return None
        self.undo_stack.push(AddClaim(self, claim))
        return claim

    def remove_claim(self, claim_uuid: str) -> None:
        claim = self.claim(claim_uuid)
        if claim and not self.read_only:
            self.undo_stack.push(RemoveClaim(self, claim, self.claims.index(claim)))

    def edit_claim(self, claim_uuid: str, kind: ClaimKind | None = None, note: str | None = None) -> None:
        claim = self.claim(claim_uuid)
        if claim and not self.read_only:
            self.undo_stack.push(EditClaim(self, claim, kind if kind is not None else claim.kind,
                                           note if note is not None else claim.note))

    def move_claim(self, claim_uuid: str, new_index: int) -> None:
        claim = self.claim(claim_uuid)
        if claim and not self.read_only and 0 <= new_index < len(self.claims):
            self.undo_stack.push(MoveClaim(self, claim_uuid, self.claims.index(claim), new_index))

    def set_answer(self, claim_uuid: str | None, text: str) -> None:
        """Called as the student types; consecutive keystrokes in one box merge into one undo step."""
        if self.read_only or self.answers.get(claim_uuid, "") == text:
            return
        self.undo_stack.push(EditAnswer(self, claim_uuid, self.answers.get(claim_uuid, ""), text))

    def claim(self, claim_uuid: str) -> Claim | None:
        return next((c for c in self.claims if c.uuid == claim_uuid), None)

    def claim_number(self, claim_uuid: str) -> int:
        return next((i + 1 for i, c in enumerate(self.claims) if c.uuid == claim_uuid), 0)

    # --- applied by undo commands ------------------------------------------------------------------

    def _apply_insert_claim(self, claim: Claim, index: int | None = None) -> None:
        self.flush()
        if index is None:  # a new claim goes in article order
            index = sum(1 for c in self.claims if c.start <= claim.start)
        self.claims.insert(index, claim)
        self._save_claim_list()
        self.claimsChanged.emit()
        self.schedule_rescore()

    def _apply_remove_claim(self, claim_uuid: str) -> None:
        self.flush()
        claim = self.claim(claim_uuid)
        self.claims.remove(claim)
        session_store.delete_claim(self.db, claim)
        self.answers.pop(claim_uuid, None)  # the answer row went with it (ON DELETE CASCADE)
        self._save_claim_list()
        self.claimsChanged.emit()
        self.schedule_rescore()

    def _apply_restore_answer(self, claim_uuid: str, text: str) -> None:
        if text:
            self.answers[claim_uuid] = text
            session_store.save_rebuttal_text(self.db, self.session.uuid, claim_uuid, text)
            self.answerChanged.emit(claim_uuid, text)

    def _apply_claim_fields(self, claim_uuid: str, kind: ClaimKind, note: str) -> None:
        claim = self.claim(claim_uuid)
        claim.kind, claim.note = kind, note
        session_store.save_claim(self.db, claim)
        self.claimsChanged.emit()

    def _apply_move(self, claim_uuid: str, index: int) -> None:
        claim = self.claim(claim_uuid)
        self.claims.remove(claim)
        self.claims.insert(index, claim)
        self._save_claim_list()
        self.claimsChanged.emit()

    def _apply_answer(self, claim_uuid: str | None, text: str, from_history: bool) -> None:
        self.answers[claim_uuid] = text
        self._dirty.add(claim_uuid)
        if not self._save_timer.isActive():  # restarting it on every key would never save a fast typist
            self._save_timer.start()
        if from_history:  # undo/redo: the editor must show the restored text
            self.answerChanged.emit(claim_uuid, text)
        self.schedule_rescore()

    def _save_claim_list(self) -> None:
        with self.db.atomic():
            for position, claim in enumerate(self.claims):
                claim.position = position
                session_store.save_claim(self.db, claim)

    # --- saving and scoring -------------------------------------------------------------------------

    def flush(self) -> None:
        """Write pending answer text now (also called before anything that reads the store)."""
        self._save_timer.stop()
        if self.session is None or self.read_only:
            self._dirty.clear()
            return
        for claim_uuid in sorted(self._dirty, key=str):
            if claim_uuid is None or self.claim(claim_uuid):
                session_store.save_rebuttal_text(self.db, self.session.uuid, claim_uuid,
                                                 self.answers.get(claim_uuid, ""))
        self._dirty.clear()

    def schedule_rescore(self) -> None:
        self._score_timer.start()

    def scoring_inputs(self) -> tuple:
        """practice.score_claims's arguments from the unsaved state (contexts are found on the worker)."""
        writing = self.session.writing if self.session else ""
        return practice.score_args(self.claims, writing, self.answers, self.article.body if self.article else "")

    def rescore(self) -> None:
        if self.session is None:
            return
        self._generation += 1
        QThreadPool.globalInstance().start(_ScoreJob(self._generation, self.scoring_inputs(),
                                                     self._score_signals))

    def _on_scored(self, generation: int, report: dict) -> None:
        if generation != self._generation or self.session is None:
            return
        self.report = report
        if "error" not in report and not self.read_only:
            session_store.save_score(self.db, self.session.uuid, report)
        self.reportChanged.emit(report)

    def verdict(self, claim_uuid: str) -> dict | None:
        return next((c for c in self.report.get("claims", []) if c.get("id") == claim_uuid), None)
