"""The coach's dashboard: every session of the class in one table, filtered and sorted in SQL, with the
class-wide jobs (collect the class folder, import and export bundles, reports) a click away.

Logic, model and view apart, as in Anki's browser: store.dashboard holds the queries, DashboardModel
reads pages of them, this window only shows and forwards. Opening a row opens the session review.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab import APP_ID, APP_NAME
from rebuttal_lab.paths import ORGANIZATION
from rebuttal_lab.services.reports import ReportScope
from rebuttal_lab.store.dashboard import COLUMNS
from rebuttal_lab.ui import class_operations as jobs
from rebuttal_lab.ui.class_filters import ClassFilters
from rebuttal_lab.ui.dashboard_model import ROW_ROLE, DashboardModel

REPORT_FILTERS = {"pdf": "PDF (*.pdf)", "html": "Web page (*.html)", "csv": "Spreadsheet (*.csv)"}


class ClassDashboard(QMainWindow):
    reviewRequested = Signal(str)   # a session's uuid

    def __init__(self, db, coach, settings, parent=None):
        super().__init__(parent)
        self.db, self.coach, self.settings = db, coach, settings
        self.operation: jobs.ClassOperation | None = None
        self.reviews: list = []
        self.setWindowTitle(f"Class dashboard — {APP_NAME}")
        self.setAcceptDrops(True)

        self.filters = ClassFilters(db)
        self.model = DashboardModel(db, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.setCentralWidget(central)
        self._build_actions()

        self.filters.changed.connect(self._on_filters)
        self.table.activated.connect(lambda index: self.review_row(index.row()))  # double-click or Enter
        self.reviewRequested.connect(self.open_review)
        self._restore_layout()
        self._update_count()

    def _build_actions(self) -> None:
        def action(text: str, slot, tip: str = "", shortcut=None) -> QAction:
            act = QAction(text, self)
            act.setStatusTip(tip)
            act.triggered.connect(slot)
            if shortcut:
                act.setShortcut(shortcut)
            return act

        self.review_action = action("Review", lambda: self.review_row(self.table.currentIndex().row()),
                                    "Read, comment on and grade the selected session")
        self.refresh_action = action("Refresh", self.refresh, "Read the class's sessions again",
                                     QKeySequence.StandardKey.Refresh)
        self.collect_action = action("Collect class folder", self.collect,
                                     "Import every new bundle the students dropped in the class folder")
        self.import_action = action("Import bundles…", self.import_bundles, "Import .rlab files")
        self.export_action = action("Export bundle…", self.export_bundle,
                                    "Write the class, a student's or one session's work to a .rlab")
        self.pack_action = action("Hand out articles…", self.hand_out_articles,
                                  "An article pack with your answer keys, for claim-spotting drills")
        self.class_report_action = action("Class report…", lambda: self.report("class"))
        self.student_report_action = action("Student report…", lambda: self.report("student"),
                                            "A report on the selected session's student")
        self.session_report_action = action("Session report…", lambda: self.report("session"))
        toolbar = self.addToolBar("Class")
        toolbar.setObjectName("classToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.review_action, self.refresh_action])
        toolbar.addSeparator()
        toolbar.addActions([self.collect_action, self.import_action, self.export_action, self.pack_action])
        toolbar.addSeparator()
        toolbar.addActions([self.class_report_action, self.student_report_action, self.session_report_action])

    # --- rows and reviews ------------------------------------------------------------------------

    def selected_row(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.index(index.row(), 0).data(ROW_ROLE) if index.isValid() else None

    def review_row(self, row: int) -> None:
        uuid = self.model.session_uuid(row)
        if uuid:
            self.reviewRequested.emit(uuid)

    def open_review(self, session_uuid: str):
        from rebuttal_lab.ui.session_review import SessionReview  # loaded when the first review opens

        self.reviews = [w for w in self.reviews if w.isVisible()]
        try:
            review = SessionReview(self.db, self.coach, session_uuid, parent=self)
        except KeyError:  # deleted since the table was read (a student removed an attempt)
            self._tell("Review", "That session is no longer there; the list is read again.")
            self.refresh()
            return None
        review.saved.connect(self.model.refresh)  # the reviewed column and grade change
        self.reviews.append(review)
        review.show()
        return review

    def refresh(self) -> None:
        self.filters.reload_choices()
        self.model.refresh()
        self._update_count()

    # --- class jobs ----------------------------------------------------------------------------

    def collect(self) -> None:
        folder = jobs.class_folder(self, self.settings)
        if folder:
            self._run("Collecting the class folder", jobs.collect_job, folder, done=self._on_imported)

    def import_bundles(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import bundles", str(Path.home()),
                                                "Rebuttal Lab bundles (*.rlab);;All files (*)")
        if files:
            self.import_paths(files)

    def import_paths(self, paths: list) -> None:
        self._run("Importing bundles", jobs.import_job, [Path(p) for p in paths], done=self._on_imported)

    def export_bundle(self) -> None:
        row = self.selected_row()
        choices = {"The whole class": ({"everything": True}, "class")}
        if row is not None:
            choices[f"{row['student']}'s sessions"] = ({"student": row["student"]}, row["student"])
            choices["The selected session"] = ({"session": row["uuid"]}, f"{row['student']}-session")
        what, ok = QInputDialog.getItem(self, "Export bundle", "Export:", list(choices), 0, False)
        if not ok:
            return
        scope, stem = choices[what]
        suggested = Path.home() / f"{stem}-{date.today().isoformat()}.rlab"
        path, _ = QFileDialog.getSaveFileName(self, "Export bundle", str(suggested), "Rebuttal Lab bundles (*.rlab)")
        if path:
            self._run("Exporting", jobs.export_job, Path(path), scope, done=lambda counts: self._tell(
                "Export finished", f"{counts['sessions']} sessions written to\n{path}"))

    def hand_out_articles(self) -> None:
        from rebuttal_lab.ui.pack_dialog import PackDialog

        dialog = PackDialog(self.db, self.coach, self)
        if dialog.exec() != PackDialog.DialogCode.Accepted or not dialog.chosen():
            return
        suggested = Path.home() / f"articles-{date.today().isoformat()}.rlabpack"
        path, _ = QFileDialog.getSaveFileName(self, "Save the article pack", str(suggested),
                                              "Article packs (*.rlabpack)")
        if path:
            self._run("Writing the article pack", jobs.pack_job, dialog.chosen(), Path(path), self.coach.uuid,
                      done=lambda counts: self._tell("Article pack written", (
                          f"{counts['articles']} articles with {counts['answer_keys']} answer keys written to\n"
                          f"{path}\n\nStudents open it with File → Open bundle or article pack.")))

    def report(self, kind: str) -> None:
        row = self.selected_row()
        if kind != "class" and row is None:
            self._tell("Report", "Select a session in the table first.")
            return
        fmt, ok = QInputDialog.getItem(self, "Report", "Format:", list(REPORT_FILTERS), 0, False)
        if not ok:
            return
        filters = self.filters.filters()  # class and student reports cover the dates the table shows
        if kind == "session":
            scope, name = ReportScope("session", row["uuid"]), "session"
        else:
            ref, name = (None, "class") if kind == "class" else (row["profile_uuid"], row["student"])
            scope = ReportScope(kind, ref, filters.date_from, filters.date_to)
        suggested = Path.home() / f"{name}-report-{date.today().isoformat()}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, "Save the report", str(suggested), REPORT_FILTERS[fmt])
        if path:
            self._run("Writing the report", jobs.report_job, scope, fmt, Path(path),
                      done=lambda out: self._tell("Report written", f"The report was saved as\n{out}"))

    # --- events --------------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if any(u.toLocalFile().lower().endswith(".rlab") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.toLocalFile().lower().endswith(".rlab")]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def closeEvent(self, event) -> None:
        settings = QSettings(ORGANIZATION, APP_ID)
        settings.setValue("dashboard/geometry", self.saveGeometry())
        settings.setValue("dashboard/columns", self.table.horizontalHeader().saveState())
        super().closeEvent(event)

    # --- internals -----------------------------------------------------------------------------

    def _run(self, title: str, job, *args, done) -> None:
        if self.operation is not None and self.operation.running:
            self._tell(title, "Another class job is still running; wait for it to finish.")
            return
        self.operation = jobs.ClassOperation(self, title, job, self.db, *args)
        self.operation.succeeded.connect(done)
        self.operation.failed.connect(lambda message: QMessageBox.warning(self, title, message))
        self.operation.start()

    def _on_imported(self, results: list) -> None:
        from rebuttal_lab.services.exchange import summarise

        self.refresh()
        lines = [summarise(results)] + [r.message for r in results if not r.ok]
        self._tell("Bundles", "\n".join(lines) if results else "There were no bundles to import.")

    def _on_filters(self, filters) -> None:
        self.model.set_filters(filters)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.total_count()
        self.count_label.setText(f"  {total:,} session{'s' * (total != 1)}")

    def _tell(self, title: str, text: str) -> None:
        QMessageBox.information(self, title, text)

    def _restore_layout(self) -> None:
        settings = QSettings(ORGANIZATION, APP_ID)
        if not self.restoreGeometry(settings.value("dashboard/geometry", b"")):
            self.resize(1180, 720)
        if not self.table.horizontalHeader().restoreState(settings.value("dashboard/columns", b"")):
            for column, width in enumerate((140, 260, 130, 80, 80, 70, 70, 70, 80)[:len(COLUMNS)]):
                self.table.setColumnWidth(column, width)
