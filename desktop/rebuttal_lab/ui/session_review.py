"""A coach reviews one session, read-only: the article with the student's claims coloured by verdict,
their answers with the scorer's reasons, and beside them the coach's comments, rubric, grade and
"reviewed" mark. Everything the coach writes goes through store.feedback, which refuses non-coaches.

Comments are saved as they are added; the rubric, grade and reviewed mark are saved together with Save,
so a half-set rubric is never stored by accident.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab import APP_NAME
from rebuttal_lab.services import practice
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import feedback as feedback_store
from rebuttal_lab.store import profiles
from rebuttal_lab.ui.coverage_panel import verdict_colour, verdict_label
from rebuttal_lab.ui.text_marks import background, span_selection

WHOLE, CLAIM, PASSAGE = "whole", "claim", "passage"


class SessionReview(QMainWindow):
    saved = Signal()  # feedback, grade or review state changed: the dashboard reads again

    def __init__(self, db, coach, session_uuid: str, parent=None):
        super().__init__(parent)
        self.db, self.coach, self.session_uuid = db, coach, session_uuid
        snap = practice.snapshot(db, session_uuid)
        self.session, self.claims, self.score = snap["session"], snap["claims"], snap["score"] or {}
        self.article = article_store.get_article(db, self.session["article_uuid"])
        student = profiles.get_profile(db, self.session["profile_uuid"])
        self.student_name = student.name if student else "?"
        self.answers = {r["claim_uuid"]: r["text"] for r in snap["rebuttals"]}
        self.speech = self.answers.get(None, "")
        self.in_speech = self.session.get("writing") == "speech"  # one speech, or an answer per claim
        self.verdicts = {c.get("id"): c for c in self.score.get("claims", [])}
        self.quotes = {c["uuid"]: c["quote"] for c in self.claims}
        self.setWindowTitle(f"Review: {self.student_name} — {self.article.title} — {APP_NAME}")
        self.resize(1280, 760)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_article())
        splitter.addWidget(self._build_answers())
        splitter.addWidget(self._build_feedback())
        splitter.setSizes([420, 440, 420])
        self.setCentralWidget(splitter)
        self._fill_claims()
        self._fill_comments()
        self._load_marks()
        self._highlight(None)

    # --- construction --------------------------------------------------------------------------

    def _build_article(self) -> QWidget:
        self.article_view = QTextEdit()
        self.article_view.setReadOnly(True)
        self.article_view.setPlainText(self.article.body)
        return self._titled(self.article.title, self.article_view)

    def _build_answers(self) -> QWidget:
        self.claim_list = QTreeWidget()
        self.claim_list.setHeaderLabels(["Claim", "Verdict", "Coverage"])
        self.claim_list.setRootIsDecorated(False)
        self._stretch_first_text_column(self.claim_list, 0)
        self.claim_list.currentItemChanged.connect(lambda item, _old: self._on_claim(item))
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.answer_view = QTextEdit()
        self.answer_view.setReadOnly(True)  # selectable: a passage of the speech can be commented on
        self.answer_label = QLabel("<b>Their speech</b>" if self.in_speech else "<b>Their answer to this claim</b>")
        if self.in_speech:
            self.answer_view.setPlainText(self.speech)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        score = self.score.get("overall")
        summary = QLabel(f"<b>{self.student_name}</b> · {self.session['mode']} · {self.session['started_at'][:10]}"
                         + (f" · overall {round(score * 100)} %" if score is not None else " · not scored"))
        layout.addWidget(summary)
        layout.addWidget(self.claim_list, 2)
        layout.addWidget(self.reason)
        layout.addWidget(self.answer_label)
        layout.addWidget(self.answer_view, 3)
        return box

    def _build_feedback(self) -> QWidget:
        self.comment_list = QTreeWidget()
        self.comment_list.setHeaderLabels(["On", "Comment", "By"])
        self.comment_list.setRootIsDecorated(False)
        self.comment_list.setWordWrap(True)
        self._stretch_first_text_column(self.comment_list, 1)
        self.target = QComboBox()
        self.target.addItem("the whole session", WHOLE)
        self.target.addItem("the selected claim", CLAIM)
        self.target.addItem("the passage selected in their " +
                            ("speech" if self.in_speech else "answer"), PASSAGE)
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText("Write a comment for the student…")
        self.comment_edit.setMaximumHeight(90)
        self.add_button = QPushButton("Add comment")
        self.add_button.clicked.connect(self.add_comment)
        self.delete_button = QPushButton("Delete comment")
        self.delete_button.clicked.connect(self.delete_comment)
        row = QHBoxLayout()
        row.addWidget(QLabel("On"))
        row.addWidget(self.target, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)

        marks = QGroupBox("Rubric and grade")
        form = QFormLayout(marks)
        self.rubric_spins: dict[str, QSpinBox] = {}
        for criterion in feedback_store.list_criteria(self.db):
            spin = QSpinBox()
            spin.setRange(0, feedback_store.RUBRIC_MAX)
            spin.setSpecialValueText("–")  # 0: not marked on this criterion
            spin.setSuffix(f" / {feedback_store.RUBRIC_MAX}")
            spin.setToolTip(criterion["description"] or "")
            form.addRow(criterion["name"], spin)
            self.rubric_spins[criterion["uuid"]] = spin
        self.grade = QLineEdit()
        self.grade.setPlaceholderText("e.g. B+ or 7/10")
        form.addRow("Overall grade", self.grade)
        self.reviewed = QCheckBox("Reviewed")
        self.grade.textEdited.connect(lambda text: text.strip() and self.reviewed.setChecked(True))
        form.addRow(self.reviewed)
        self.save_button = QPushButton("Save rubric and grade")
        self.save_button.clicked.connect(self.save_marks)
        form.addRow(self.save_button)

        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Comments</b>"))
        layout.addWidget(self.comment_list, 1)
        layout.addLayout(row)
        layout.addWidget(self.comment_edit)
        layout.addLayout(buttons)
        layout.addWidget(marks)
        return box

    @staticmethod
    def _stretch_first_text_column(tree: QTreeWidget, stretch: int) -> None:
        """The long text takes the room; the short columns fit their contents."""
        header = tree.header()
        header.setStretchLastSection(False)
        for column in range(tree.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(f"<b>{title}</b>")
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(widget)
        return box

    # --- slots ---------------------------------------------------------------------------------

    def add_comment(self) -> str | None:
        text = self.comment_edit.toPlainText().strip()
        if not text:
            self._refuse("Write the comment first.")
            return None
        target = self._chosen_target()
        if target is False:
            return None
        try:
            uuid = feedback_store.add_feedback(self.db, self.session_uuid, self.coach.uuid, text, target=target)
        except feedback_store.CoachError as exc:
            self._refuse(str(exc))
            return None
        self.comment_edit.clear()
        self._fill_comments()
        self.saved.emit()
        return uuid

    def delete_comment(self) -> None:
        item = self.comment_list.currentItem()
        if item is None:
            self._refuse("Select the comment to delete.")
            return
        feedback_store.delete_feedback(self.db, item.data(0, Qt.ItemDataRole.UserRole), self.coach.uuid)
        self._fill_comments()
        self.saved.emit()

    def save_marks(self) -> None:
        rubric = {uuid: spin.value() for uuid, spin in self.rubric_spins.items() if spin.value()}
        try:
            with self.db.atomic():  # rubric, grade and review state land together or not at all
                own = self._own_rubric_row()
                if own and rubric:
                    feedback_store.edit_feedback(self.db, own["uuid"], self.coach.uuid, rubric=rubric)
                elif own and not own["text"]:
                    feedback_store.delete_feedback(self.db, own["uuid"], self.coach.uuid)
                elif rubric:
                    feedback_store.add_feedback(self.db, self.session_uuid, self.coach.uuid, rubric=rubric)
                feedback_store.set_grade(self.db, self.session_uuid, self.coach.uuid, self.grade.text())
                feedback_store.mark_reviewed(self.db, self.session_uuid, self.coach.uuid,
                                             self.reviewed.isChecked())
        except feedback_store.CoachError as exc:
            self._refuse(str(exc))
            return
        self.statusBar().showMessage("Rubric, grade and review saved.", 5000)
        self.saved.emit()

    # --- internals -----------------------------------------------------------------------------

    def _chosen_target(self):
        """The comment's target for the store, or False (after saying why) when nothing is selected."""
        kind = self.target.currentData()
        if kind == CLAIM:
            item = self.claim_list.currentItem()
            if item is None:
                self._refuse("Select the claim in the list first.")
                return False
            return self._uuid(item)
        if kind == PASSAGE:
            cursor = self.answer_view.textCursor()
            claim = self.claim_list.currentItem()
            if not cursor.hasSelection() or not (self.in_speech or (claim and self.answers.get(self._uuid(claim)))):
                self._refuse("Select the words you mean in their " + ("speech" if self.in_speech else "answer")
                             + " first.")
                return False
            if self.in_speech:
                return feedback_store.speech_target(cursor.selectionStart(), cursor.selectionEnd())
            return feedback_store.answer_target(self._uuid(claim), cursor.selectionStart(), cursor.selectionEnd())
        return None

    @staticmethod
    def _uuid(item: QTreeWidgetItem) -> str:
        return item.data(0, Qt.ItemDataRole.UserRole)

    def _own_rubric_row(self) -> dict | None:
        return next((f for f in feedback_store.list_feedback(self.db, self.session_uuid)
                     if f["author_uuid"] == self.coach.uuid and f["rubric"]), None)

    def _fill_claims(self) -> None:
        for claim in self.claims:
            verdict = self.verdicts.get(claim["uuid"], {})
            item = QTreeWidgetItem([" ".join(claim["quote"].split()),
                                    verdict_label(verdict["verdict"]) if verdict.get("verdict") else "not scored",
                                    f"{round(verdict.get('coverage', 0) * 100)} %" if verdict else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, claim["uuid"])
            item.setToolTip(0, claim["quote"])
            if verdict.get("verdict"):
                item.setForeground(1, verdict_colour(verdict["verdict"], self.palette()))
            self.claim_list.addTopLevelItem(item)

    def _fill_comments(self) -> None:
        self.comment_list.clear()
        for row in feedback_store.list_feedback(self.db, self.session_uuid):
            if not row["text"]:
                continue  # the rubric's own row: shown in the rubric box
            item = QTreeWidgetItem([feedback_store.describe_target(row["target_uuid"], self.quotes, self.answers),
                                    row["text"],
                                    row["author"] or ""])
            item.setData(0, Qt.ItemDataRole.UserRole, row["uuid"])
            item.setToolTip(1, row["text"])
            self.comment_list.addTopLevelItem(item)

    def _load_marks(self) -> None:
        own = self._own_rubric_row()
        for uuid, spin in self.rubric_spins.items():
            spin.setValue((own or {}).get("rubric", {}).get(uuid, 0))
        row = next(self.db.query("SELECT grade, reviewed_at FROM sessions WHERE uuid = ?", [self.session_uuid]))
        self.grade.setText(row["grade"] or "")
        self.reviewed.setChecked(row["reviewed_at"] is not None)

    def _on_claim(self, item: QTreeWidgetItem | None) -> None:
        uuid = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        verdict = self.verdicts.get(uuid, {})
        self.reason.setText(verdict.get("feedback", "") if uuid else "")
        if not self.in_speech:
            self.answer_view.setPlainText(self.answers.get(uuid, "") or "(no answer written)")
        self._highlight(uuid)

    def _highlight(self, selected: str | None) -> None:
        """Every claim tinted by its verdict; the selected one stronger, and scrolled to."""
        selections = []
        for claim in self.claims:
            verdict = self.verdicts.get(claim["uuid"], {}).get("verdict")
            colour = verdict_colour(verdict, self.palette()) if verdict else QColor("#888888")
            colour.setAlpha(120 if claim["uuid"] == selected else 45)
            selections.append(span_selection(self.article_view, claim["start"], claim["end"], background(colour)))
            if claim["uuid"] == selected:
                cursor = self.article_view.textCursor()
                cursor.setPosition(claim["start"])
                self.article_view.setTextCursor(cursor)
                self.article_view.ensureCursorVisible()
        self.article_view.setExtraSelections(selections)

    def _refuse(self, text: str) -> None:
        QMessageBox.information(self, "Review", text[:1].upper() + text[1:])
