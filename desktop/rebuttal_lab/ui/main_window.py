"""The main window: it builds the panels, the menus and the toolbar, and wires them to one session
controller. It owns no business logic: sessions start through services.practice, imports run through
services.library (on a worker), and every edit of the open session goes through the controller.

Layout: left dock (Library | History), centre splitter (article over claims | rebuttal workspace),
right docks (Coverage | Feedback). The Class menu (ui/coach_menu.py) leads to the coach's windows.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rebuttal_lab import APP_ID, APP_NAME
from rebuttal_lab.core.models import Mode
from rebuttal_lab.core.text import format_duration
from rebuttal_lab.paths import ORGANIZATION
from rebuttal_lab.services import practice
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.ui.article_import import ArticleImport
from rebuttal_lab.ui.article_view import ArticleView
from rebuttal_lab.ui.claims_panel import ClaimsPanel
from rebuttal_lab.ui.coach_menu import CoachMenu
from rebuttal_lab.ui.coverage_panel import CoveragePanel
from rebuttal_lab.ui.drill import DrillDialog
from rebuttal_lab.ui.feedback_view import FeedbackView
from rebuttal_lab.ui.find_bar import FindBar
from rebuttal_lab.ui.history_panel import HistoryPanel
from rebuttal_lab.ui.library_panel import LibraryPanel
from rebuttal_lab.ui.rebuttal_workspace import RebuttalWorkspace
from rebuttal_lab.ui.session_controller import SessionController
from rebuttal_lab.ui.student_exchange import StudentExchange, is_exchange_file

STATUS_MS = 6000


class MainWindow(QMainWindow):
    switchUserRequested = Signal()  # ui/application.py shows the profile picker again

    def __init__(self, db, settings, profile, clock=None):
        super().__init__()
        self.db, self.settings, self.profile, self.clock = db, settings, profile, clock
        self.suggest_dialog = None
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks)

        self.controller = SessionController(db, self)
        self.exchange = StudentExchange(db, settings, profile, self)
        self.articles = ArticleImport(db, settings, self)
        self._build_panels()
        self._build_actions()
        self._build_menus_and_toolbar()
        self._connect()
        self._restore_layout()
        self.library.set_import_allowed(settings.students_may_import)
        self._on_session()
        self.statusBar().showMessage(f"Hello, {profile.name}. Pick an article and press Practise.")

    # --- construction --------------------------------------------------------------------------

    def _build_panels(self) -> None:
        c = self.controller
        self.article_view = ArticleView(c, self.settings)
        self.find_bar = FindBar(self.article_view.text)
        self.claims_panel = ClaimsPanel(c)
        reader = QWidget()
        reader_layout = QVBoxLayout(reader)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(0)
        reader_layout.addWidget(self.article_view, 1)
        reader_layout.addWidget(self.find_bar)
        self.reader_splitter = QSplitter(Qt.Orientation.Vertical)
        self.reader_splitter.setObjectName("readerSplitter")
        self.reader_splitter.addWidget(reader)
        self.reader_splitter.addWidget(self.claims_panel)
        self.reader_splitter.setStretchFactor(0, 3)
        self.reader_splitter.setStretchFactor(1, 1)
        self.workspace = RebuttalWorkspace(c, self.settings, clock=self.clock)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("centreSplitter")
        self.splitter.addWidget(self.reader_splitter)
        self.splitter.addWidget(self.workspace)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.library = LibraryPanel(self.db)
        self.history = HistoryPanel(self.db, self.profile, c)
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.library, "Library")
        self.left_tabs.addTab(self.history, "History")
        self.left_dock = self._dock("Articles", "libraryDock", self.left_tabs,
                                    Qt.DockWidgetArea.LeftDockWidgetArea)
        self.coverage = CoveragePanel(c)
        self.right_dock = self._dock("Coverage", "coverageDock", self.coverage,
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.feedback = FeedbackView(self.db)
        self.feedback_news: str | None = None  # the open session, when it brought feedback not seen before
        self.feedback_dock = self._dock("Feedback", "feedbackDock", self.feedback,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.right_dock, self.feedback_dock)
        self.right_dock.raise_()

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState() needs names
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.import_files_action = self._action("Import files…", self.articles.choose_files,
                                                QKeySequence.StandardKey.Open,
                                                "Add articles (txt, md, html, docx, pdf) to the library")
        self.import_folder_action = self._action("Import folder…", self.articles.choose_folder, None,
                                                 "Add every article in a folder")
        self.paste_action = self._action("Paste article", self.articles.paste, "Ctrl+Shift+V",
                                         "Add the text on the clipboard as an article")
        self.open_bundle_action = self._action("Open bundle or article pack…", self.exchange.choose_and_import,
                                               None, "Sessions back from your coach (.rlab), or articles "
                                               "with answer keys (.rlabpack)")
        self.hand_in_action = self._action("Hand in to class folder", self.exchange.hand_in, None,
                                           "Copy your sessions to the class folder for your coach")
        self.switch_action = self._action("Switch user…", self.switchUserRequested.emit, None,
                                          "Another student (or the coach) takes this computer")
        self.quit_action = self._action("Quit", self.close, QKeySequence.StandardKey.Quit)
        stack = self.controller.undo_stack
        self.undo_action = stack.createUndoAction(self, "Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIconText("Undo")  # the toolbar stays short; the menu says what is undone
        self.redo_action = stack.createRedoAction(self, "Redo")
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setIconText("Redo")
        self.mark_action = self.article_view.mark_action
        self.addAction(self.mark_action)
        self.find_action = self._action("Find…", self.find_bar.open_bar, QKeySequence.StandardKey.Find,
                                        "Find text in the article")
        self.bigger_action = self._action("Bigger text", lambda: self.article_view.zoom(+1), "Ctrl+=")
        self.bigger_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        self.smaller_action = self._action("Smaller text", lambda: self.article_view.zoom(-1), "Ctrl+-")
        self.practise_action = self._action("New practice session", self.practise_selected, "Ctrl+N",
                                            "Practise the article selected in the library")
        self.practise_action.setIconText("Practise")
        self.drill_action = self._action("Timed drill…", self.drill_selected, "Ctrl+T",
                                         "A timed drill on the article selected in the library")
        self.suggest_action = self._action("Suggest claims…", self.suggest_claims, None,
                                           "Let Rebuttal Lab point out sentences that look like claims")
        self.spotting_action = self._action("Claim-spotting drill…", self.spot_selected, None,
                                            "Find the article's claims against the clock, scored by an answer key")
        self.progress_action = self._action("My progress", self.show_progress, None,
                                            "Charts of your scores, claim spotting and practice over time")
        for action in (self.import_files_action, self.import_folder_action, self.paste_action):
            action.setVisible(self.settings.students_may_import)

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.import_files_action, self.import_folder_action, self.paste_action])
        file_menu.addSeparator()
        file_menu.addActions([self.open_bundle_action, self.hand_in_action])
        file_menu.addSeparator()
        file_menu.addActions([self.switch_action, self.quit_action])
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.mark_action, self.find_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.bigger_action, self.smaller_action])
        view_menu.addSeparator()
        view_menu.addActions([self.left_dock.toggleViewAction(), self.right_dock.toggleViewAction(),
                              self.feedback_dock.toggleViewAction()])
        practice_menu = bar.addMenu("&Practice")
        practice_menu.addActions([self.practise_action, self.drill_action, self.spotting_action,
                                  self.suggest_action])
        practice_menu.addSeparator()
        practice_menu.addAction(self.progress_action)
        self.coach_menu = CoachMenu(self, self.db, self.settings, self.profile)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.import_files_action, self.paste_action])
        toolbar.addSeparator()
        toolbar.addActions([self.practise_action, self.drill_action])
        toolbar.addSeparator()
        toolbar.addActions([self.mark_action, self.suggest_action, self.undo_action, self.redo_action,
                            self.find_action])

    def _connect(self) -> None:
        c = self.controller
        self.library.practiseRequested.connect(self.practise)
        self.library.drillRequested.connect(self.drill)
        self.library.importRequested.connect(self.articles.choose_files)
        self.library.pasteRequested.connect(self.articles.paste)
        self.articles.imported.connect(self._on_imported)
        self.library.articleDeleted.connect(self._on_article_deleted)
        self.history.openRequested.connect(self.open_session)
        self.claims_panel.claimSelected.connect(lambda uuid: self.select_claim(uuid, scroll=True))
        self.article_view.claimClicked.connect(lambda uuid: self.select_claim(uuid, scroll=False))
        self.article_view.claimMarked.connect(lambda uuid: self.select_claim(uuid, scroll=False))
        self.coverage.claimSelected.connect(lambda uuid: self.select_claim(uuid, scroll=True))
        self.workspace.claimActivated.connect(lambda uuid: self.select_claim(uuid, scroll=True))
        c.sessionChanged.connect(self._on_session)
        self.exchange.imported.connect(self._on_exchange_imported)
        self.feedback.feedbackSeen.connect(lambda _uuid: self.history.refresh())
        self.history.unseenChanged.connect(self._label_history_tab)
        self._label_history_tab(self.history.unseen_sessions)  # it refreshed before this was connected
        c.lockedChanged.connect(lambda _locked: self._on_session())
        c.reportChanged.connect(lambda _report: self.history.refresh())

    # --- sessions ------------------------------------------------------------------------------

    def practise(self, article_uuid: str) -> str | None:
        article = article_store.get_article(self.db, article_uuid)
        if article is None or not self.may_leave_drill():
            return None
        session = practice.start_session(self.db, article, self.profile.uuid)
        self._open(session.uuid)
        return session.uuid

    def drill(self, article_uuid: str) -> str | None:
        article = article_store.get_article(self.db, article_uuid)
        if article is None or not self.may_leave_drill():
            return None
        dialog = DrillDialog(self.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        _preset, prep_s, writing_s = dialog.choice()
        session = practice.start_session(self.db, article, self.profile.uuid, mode=Mode.DRILL,
                                         time_limit_s=writing_s, prep_limit_s=prep_s)
        self._open(session.uuid)
        self.workspace.start_drill(prep_s, writing_s)
        return session.uuid

    def spot(self, article_uuid: str):
        """A claim-spotting drill on the article, in its own window."""
        from rebuttal_lab.ui.spotting_drill import SpottingDrill

        article = article_store.get_article(self.db, article_uuid)
        if article is None or not self.may_leave_drill():
            return None
        self.spotting = SpottingDrill(self.db, self.profile, article, self, clock=self.clock)
        self.spotting.finished_drill.connect(lambda _report: self.history.refresh())
        self.spotting.show()
        return self.spotting

    def spot_selected(self) -> None:
        self._with_selected_article(self.spot)

    def practise_selected(self) -> None:
        self._with_selected_article(self.practise)

    def drill_selected(self) -> None:
        self._with_selected_article(self.drill)

    def _with_selected_article(self, start) -> None:
        uuid = self.library.current_uuid()
        if uuid is None:
            self.left_dock.show()
            self.left_tabs.setCurrentWidget(self.library)
            self.statusBar().showMessage("Select an article in the library first.", STATUS_MS)
            return
        start(uuid)

    def open_session(self, session_uuid: str) -> None:
        if self.may_leave_drill():
            self._open(session_uuid)

    def _open(self, session_uuid: str) -> None:
        self.controller.open(session_uuid)  # the history panel refreshes itself on sessionChanged
        self.library.refresh()  # its Sessions column counts the new one

    def may_leave_drill(self, action: str = "Open another session") -> bool:
        """A running drill is only abandoned when the student says so."""
        if not self.workspace.drill_running:
            return True
        answer = QMessageBox.question(
            self, "Timed drill running",
            f"A timed drill is still running. {action} and stop the drill? "
            "What you have written so far is kept.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def select_claim(self, claim_uuid: str, scroll: bool = True) -> None:
        """One claim selected in any panel is shown as selected in all of them."""
        if scroll:
            self.article_view.scroll_to_claim(claim_uuid)
        else:
            self.article_view.set_selected_claim(claim_uuid)
        self.claims_panel.select_claim(claim_uuid)
        self.coverage.show_claim(claim_uuid)
        self.workspace.highlight_claim(claim_uuid)

    def suggest_claims(self) -> None:
        if self.controller.article is None or self.controller.read_only:
            self.statusBar().showMessage("Start a practice session first, then ask for suggestions.", STATUS_MS)
            return
        from rebuttal_lab.ui.suggest_dialog import SuggestDialog  # rarely used: not loaded at start-up

        if self.suggest_dialog is not None:
            self.suggest_dialog.close()
            self.suggest_dialog.deleteLater()
        self.suggest_dialog = SuggestDialog(self.controller, self)
        self.suggest_dialog.show()

    def show_progress(self):
        from rebuttal_lab.ui.progress_view import ProgressView  # rarely used: not loaded at start-up

        self.progress_view = ProgressView(self.db, self, student_uuid=self.profile.uuid, lock_student=True)
        self.progress_view.show()
        return self.progress_view

    def resume_latest(self) -> None:
        """Reopen the student's most recent session if it was not handed in: they continue where they were.
        An interrupted timed drill goes on with the writing time it had left, or is handed in as it is; an
        interrupted claim-spotting drill is scored with the marks it had."""
        rows = session_store.list_sessions(self.db, self.profile.uuid)
        if not rows or rows[0]["status"] != "open":
            return
        if rows[0]["mode"] == Mode.SPOTTING:  # its window closed with the app: score the marks it saved
            from rebuttal_lab.services import spotting_drill

            spotting_drill.finish(self.db, rows[0]["uuid"])
            self.history.refresh()
            return
        self.open_session(rows[0]["uuid"])
        session = self.controller.session
        if session is None or session.mode != Mode.DRILL or not session.time_limit_s:
            return
        used = min(session.time_used_s or 0.0, session.time_limit_s)
        left = session.time_limit_s - used
        continuing = left < 1 or QMessageBox.question(  # time already up: handed in without asking
            self, "Timed drill interrupted",
            f"Your timed drill on “{self.controller.article.title}” stopped with {format_duration(left)} "
            "of writing time left. Continue it now? If not, it is handed in as it is.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes) == QMessageBox.StandardButton.Yes
        self.workspace.resume_drill(session.time_limit_s, used)
        if not continuing:
            self.workspace.runner.finish_now()

    # --- importing -----------------------------------------------------------------------------

    def _on_imported(self, results: list) -> None:
        from rebuttal_lab.services import library

        stored = [r.article for r in results if r.article is not None]
        self.library.refresh(select_uuid=stored[-1].uuid if stored else None)
        self.left_tabs.setCurrentWidget(self.library)
        self.statusBar().showMessage(library.summarise(results), STATUS_MS)

    def _label_history_tab(self, unseen: int) -> None:
        self.left_tabs.setTabText(self.left_tabs.indexOf(self.history),
                                  f"History ● {unseen} new" if unseen else "History")

    def _on_exchange_imported(self, _results: list) -> None:
        self.library.refresh()
        self.history.refresh()
        self._show_feedback()  # a bundle back from the coach may carry feedback on the open session

    def _show_feedback(self) -> None:
        """The open session's feedback in its tab; new feedback brings the tab forward, and its news stays
        the status message while this session is open (opening a handed-in session redraws twice)."""
        session = self.controller.session
        uuid = session.uuid if session else None
        if self.feedback.show_session(uuid):
            self.feedback_news = uuid
            self.feedback_dock.show()
            self.feedback_dock.raise_()
        if uuid is not None and self.feedback_news == uuid:
            self.statusBar().showMessage("Your coach left feedback on this session: see the Feedback tab.",
                                         STATUS_MS)

    def _on_article_deleted(self, article_uuid: str) -> None:
        if self.controller.article is not None and self.controller.article.uuid == article_uuid:
            self.controller.close_session()
        self.history.refresh()

    # --- events --------------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if any(is_exchange_file(p) for p in paths) or (paths and self.settings.students_may_import):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    def open_paths(self, paths: list[str]) -> None:
        """Bundles and packs are opened (always allowed: they are how the coach hands work out);
        anything else is imported as an article."""
        bundles = [p for p in paths if is_exchange_file(p)]
        articles = [p for p in paths if not is_exchange_file(p)]
        if bundles:
            self.exchange.import_files(bundles)
        if articles:
            self.articles.import_paths(articles)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._default_layout:
            self._default_layout = False
            self._apply_default_layout()

    def closeEvent(self, event) -> None:
        if not self.may_leave_drill("Quit"):
            event.ignore()
            return
        self.controller.flush()
        settings = QSettings(ORGANIZATION, APP_ID)
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue("main/splitter", self.splitter.saveState())
        settings.setValue("main/readerSplitter", self.reader_splitter.saveState())
        # The coach's windows, progress, a spotting drill (handed in as it is): none outlives the window,
        # so after "Switch user" the next student never finds the coach's dashboard still open.
        for child in self.findChildren(QWidget):
            if child.isWindow() and child.isVisible() and not isinstance(child, QDockWidget):
                child.close()
        self.coach_menu.coach = None
        super().closeEvent(event)

    # --- internals -----------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = QSettings(ORGANIZATION, APP_ID)
        if not self.restoreGeometry(settings.value("main/geometry", b"")):
            self.resize(1280, 800)
        # Without a saved layout the default one is set on the first show, when sizes are real.
        self._default_layout = not self.restoreState(settings.value("main/state", b""))
        self._default_layout |= not self.splitter.restoreState(settings.value("main/splitter", b""))
        self.reader_splitter.restoreState(settings.value("main/readerSplitter", b""))

    def _apply_default_layout(self) -> None:
        """Docks as narrow as their contents allow; the article and the answers share the rest."""
        self.resizeDocks([self.left_dock, self.right_dock], [270, 300], Qt.Orientation.Horizontal)
        self.layout().activate()
        width = self.splitter.width()
        self.splitter.setSizes([width * 42 // 100, width * 58 // 100])  # the flow sheet has three columns
        height = self.reader_splitter.height()
        self.reader_splitter.setSizes([height * 70 // 100, height * 30 // 100])

    def _on_session(self) -> None:
        c = self.controller
        has_session = c.session is not None
        self.suggest_action.setEnabled(has_session and not c.read_only)
        if c.article is None:
            self.setWindowTitle(APP_NAME)
        else:
            kind = "timed drill" if c.session.mode == Mode.DRILL else "practice"
            state = " (handed in, read-only)" if c.read_only else ""
            self.setWindowTitle(f"{c.article.title} — {APP_NAME}")
            self.statusBar().showMessage(f"{kind.capitalize()} session on “{c.article.title}”{state}", STATUS_MS)
        self._show_feedback()  # last: news of feedback is the message the student should see
