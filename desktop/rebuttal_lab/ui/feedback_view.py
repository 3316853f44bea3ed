"""What the coach said about the open session, as the student sees it: comments with what each is about,
the rubric marks and the grade. Read-only — the student cannot change feedback — and showing it marks
the comments seen, which clears the "new feedback" badge in the history.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from rebuttal_lab.store import feedback as feedback_store

EMPTY = "No feedback from your coach on this session yet."


class FeedbackView(QWidget):
    feedbackSeen = Signal(str)   # a session's uuid, when comments in it were new

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.session_uuid: str | None = None
        self.new_ids: set[str] = set()  # comments that were new when this session was opened
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("Feedback from your coach")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text)
        self.show_session(None)

    def show_session(self, session_uuid: str | None, mark_seen: bool = True) -> int:
        """Show the session's feedback; returns how many comments were new (and are now seen). Comments
        stay marked new while the same session is shown again, so a redraw does not hide what was new."""
        same = session_uuid == self.session_uuid
        self.session_uuid = session_uuid
        rows = feedback_store.list_feedback(self.db, session_uuid) if session_uuid else []
        fresh = {r["uuid"] for r in rows if r["seen_at"] is None}
        new = len(fresh)
        self.new_ids = (self.new_ids | fresh) if same else fresh
        self.text.setHtml(self._html(session_uuid, rows) if rows or self._grade(session_uuid) else
                          f"<p><i>{EMPTY}</i></p>" if session_uuid else "")
        if new and mark_seen:
            feedback_store.mark_feedback_seen(self.db, session_uuid)
            self.feedbackSeen.emit(session_uuid)
        return new

    def has_feedback(self) -> bool:
        return self.text.toPlainText().strip() not in ("", EMPTY)

    # --- internals -----------------------------------------------------------------------------

    def _grade(self, session_uuid: str | None) -> str:
        if not session_uuid:
            return ""
        rows = list(self.db.query("SELECT grade FROM sessions WHERE uuid = ?", [session_uuid]))
        return (rows[0]["grade"] or "") if rows else ""

    def _html(self, session_uuid: str, rows: list[dict]) -> str:
        quotes = {c["uuid"]: c["quote"] for c in self.db.query(
            "SELECT uuid, quote FROM claims WHERE session_uuid = ?", [session_uuid])}
        answers = {r["claim_uuid"]: r["text"] for r in self.db.query(
            "SELECT claim_uuid, text FROM rebuttals WHERE session_uuid = ?", [session_uuid])}
        criteria = {c["uuid"]: c["name"] for c in feedback_store.list_criteria(self.db)}
        parts = []
        grade = self._grade(session_uuid)
        if grade:
            parts.append(f"<h3>Grade: {escape(grade)}</h3>")
        for row in rows:
            if row["rubric"]:
                marks = ", ".join(f"{escape(criteria[k])} {v}/5" for k, v in row["rubric"].items() if k in criteria)
                parts.append(f"<p><b>Rubric</b>: {marks}</p>")
        for row in rows:
            if not row["text"]:
                continue
            new = " <span style='color:#b3261e'>● new</span>" if row["uuid"] in self.new_ids else ""
            about = escape(feedback_store.describe_target(row["target_uuid"], quotes, answers))
            parts.append(f"<p><b>{escape(row['author'] or 'Coach')}</b> on {about}{new}<br>"
                         f"{escape(row['text']).replace(chr(10), '<br>')}</p>")
        return "".join(parts)
