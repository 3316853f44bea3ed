"""The library side: importing (service, paste, drop, folder worker with its summary), starting
practice and drill sessions, deleting, and starting the whole GUI (smoke test, refused databases)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from rebuttal_lab.core.models import Mode
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import sessions as session_store

OTHER_TEXT = (
    "School uniforms should be compulsory\n\n"
    "Uniforms remove the pressure to buy expensive clothes, so poorer pupils are not singled out. "
    "They also make it easy to spot strangers on school grounds, which keeps pupils safe.\n"
)


def titles(window) -> list[str]:
    return window.library.titles()


def stored_titles(window) -> list[str]:
    return sorted(a["title"] for a in article_store.list_articles(window.db))


def test_imported_txt_appears_in_the_library_with_its_numbers(main_window, article_file):
    from rebuttal_lab.services import library

    [result] = library.import_paths(main_window.db, [article_file])
    main_window.library.refresh()
    row = main_window.library.tree.topLevelItem(titles(main_window).index(result.article.title))
    assert row.text(2) == str(result.article.word_count)
    assert row.text(3) == "0"


def test_paste_from_clipboard_adds_the_article_once(main_window):
    QGuiApplication.clipboard().setText(OTHER_TEXT)
    main_window.paste_action.trigger()
    assert len(stored_titles(main_window)) == 1
    title = stored_titles(main_window)[0]
    assert titles(main_window) == [title]
    assert main_window.library.current_uuid() is not None

    main_window.paste_action.trigger()  # the same text again is not a second article
    assert stored_titles(main_window) == [title]
    assert "already" in main_window.statusBar().currentMessage()


def test_pasting_nothing_useful_is_explained(main_window, dialogs):
    QGuiApplication.clipboard().setText("too short")
    main_window.paste_action.trigger()
    assert stored_titles(main_window) == []
    assert dialogs.texts("warning"), "a refused paste must say why"


def test_dropping_files_on_the_window_imports_them(qtbot, main_window, tmp_path, article_file):
    first, second = article_file, tmp_path / "b.txt"
    second.write_text(OTHER_TEXT, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(first)), QUrl.fromLocalFile(str(second))])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    main_window.dropEvent(event)
    assert main_window.articles.import_paths([second]) is None  # one import at a time
    assert "still running" in main_window.statusBar().currentMessage()
    with qtbot.waitSignal(main_window.articles.operation.finished, timeout=15000):
        pass
    assert len(stored_titles(main_window)) == 2
    assert sorted(titles(main_window)) == stored_titles(main_window)
    main_window.articles.operation.summary_dialog.close()


def test_folder_import_summary_lists_refused_files_with_reasons(qtbot, main_window, tmp_path, article_file):
    ARTICLE_TEXT = article_file.read_text(encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "homework.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (folder / "homework copy.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"this is not a zip archive")

    operation = main_window.articles.import_paths([folder])
    with qtbot.waitSignal(operation.finished, timeout=15000):
        pass
    dialog = operation.summary_dialog
    assert dialog.isVisible()
    rows = {name: (result, details) for name, result, details in dialog.rows()}
    assert {rows["homework.txt"][0], rows["homework copy.txt"][0]} == {"Imported", "Already in the library"}
    for bad in ("empty.txt", "broken.docx"):
        result, reason = rows[bad]
        assert result == "Refused"
        assert reason.strip(), f"{bad} was refused without a reason"
    assert dialog.summary.text() == "1 imported, 1 already in the library, 2 refused"
    assert dialog.windowTitle() == "Import finished"
    assert not operation.progress.isVisible()
    assert len(stored_titles(main_window)) == 1
    dialog.close()


def test_cancelled_import_stops_and_says_so(qtbot, main_window, tmp_path, article_file):
    from rebuttal_lab.ui.import_worker import ImportOperation

    operation = ImportOperation(main_window.db, [article_file], main_window)
    operation.progress.findChild(QPushButton).click()  # the student pressed Cancel before the first file
    with qtbot.waitSignal(operation.finished, timeout=15000) as signal:
        operation.start()
    assert signal.args == [[]]
    assert operation.summary_dialog.windowTitle() == "Import cancelled"
    assert stored_titles(main_window) == []
    operation.summary_dialog.close()


def test_practise_button_starts_a_flow_sheet_session(qtbot, main_window, article_file):
    from rebuttal_lab.services import library

    [result] = library.import_paths(main_window.db, [article_file])
    main_window.library.refresh(select_uuid=result.article.uuid)
    qtbot.mouseClick(main_window.library.practise_button, Qt.MouseButton.LeftButton)
    session = main_window.controller.session
    assert session is not None and session.mode == Mode.PRACTICE and session.writing == "flow"
    assert main_window.controller.article.uuid == result.article.uuid
    assert session_store.get_session(main_window.db, session.uuid) is not None
    assert main_window.library.tree.currentItem().text(3) == "1"  # sessions column counts it


def test_double_click_practises_and_the_motion_is_shown(qtbot, main_window):
    from rebuttal_lab.services import library

    library.ensure_practice_articles(main_window.db)
    main_window.library.refresh()
    tree = main_window.library.tree
    item = tree.topLevelItem(1)
    cell = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    article = article_store.get_article(main_window.db, main_window.library.current_uuid())
    assert article.motion and article.motion in main_window.library.motion.text()
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert main_window.controller.article.uuid == article.uuid


def test_timed_drill_starts_a_drill_session_with_the_chosen_times(main_window, article_file, monkeypatch):
    from rebuttal_lab.services import library
    from rebuttal_lab.ui import main_window as main_window_module

    monkeypatch.setattr(main_window_module.DrillDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(main_window_module.DrillDialog, "choice", lambda self: ("Test", 60, 240))
    [result] = library.import_paths(main_window.db, [article_file])
    main_window.library.refresh(select_uuid=result.article.uuid)
    main_window.library.drill_button.click()
    session = session_store.get_session(main_window.db, main_window.controller.session.uuid)
    assert (session.mode, session.prep_limit_s, session.time_limit_s) == (Mode.DRILL, 60, 240)
    assert main_window.workspace.runner is not None


def test_history_reopens_an_earlier_session(main_window, article_file):
    from rebuttal_lab.services import library

    [result] = library.import_paths(main_window.db, [article_file])
    main_window.library.refresh(select_uuid=result.article.uuid)
    first = main_window.practise(result.article.uuid)
    second = main_window.practise(result.article.uuid)
    assert main_window.controller.session.uuid == second
    main_window.history.openRequested.emit(first)
    assert main_window.controller.session.uuid == first
    assert main_window.library.tree.currentItem().text(3) == "2"


def test_a_running_drill_is_only_abandoned_when_the_student_agrees(main_window, article_file, dialogs,
                                                                   monkeypatch):
    from rebuttal_lab.services import library
    from rebuttal_lab.ui import main_window as main_window_module

    monkeypatch.setattr(main_window_module.DrillDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(main_window_module.DrillDialog, "choice", lambda self: ("Test", 60, 240))
    [result] = library.import_paths(main_window.db, [article_file])
    drill = main_window.drill(result.article.uuid)
    assert main_window.workspace.drill_running

    dialogs.answer = QMessageBox.StandardButton.No
    assert main_window.practise(result.article.uuid) is None
    main_window.close()
    assert main_window.isVisible() and main_window.controller.session.uuid == drill
    assert len(dialogs.texts("question")) == 2

    dialogs.answer = QMessageBox.StandardButton.Yes
    fresh = main_window.practise(result.article.uuid)
    assert main_window.controller.session.uuid == fresh != drill
    assert not main_window.workspace.drill_running


def test_delete_asks_first_and_closes_the_open_session(main_window, article_file, dialogs):
    from rebuttal_lab.services import library

    [result] = library.import_paths(main_window.db, [article_file])
    main_window.library.refresh(select_uuid=result.article.uuid)
    main_window.practise_selected()

    dialogs.answer = QMessageBox.StandardButton.No
    main_window.library.delete_button.click()
    assert stored_titles(main_window) == [result.article.title]
    dialogs.answer = QMessageBox.StandardButton.Yes
    main_window.library.delete_button.click()
    assert stored_titles(main_window) == []
    assert main_window.controller.session is None
    assert len(dialogs.texts("question")) == 2


def test_first_start_fills_the_library_and_backs_up(main_window, db_path):
    from PySide6.QtCore import QThreadPool

    from rebuttal_lab.services import library
    from rebuttal_lab.store.database import backup_folder
    from rebuttal_lab.ui.application import finish_start

    files = library.practice_article_files()
    assert files, "resources/articles holds the bundled practice articles"
    finish_start(main_window, db_path)  # what run_gui does once the window has painted
    assert len(titles(main_window)) == len(files)
    QThreadPool.globalInstance().waitForDone(10000)
    assert list(backup_folder(db_path).glob("*.db"))

    finish_start(main_window, db_path)  # a second start adds nothing
    assert len(stored_titles(main_window)) == len(files)


def _run_gui_in_subprocess(db_file, home, prelude: str = ""):
    """run_gui in its own process: once QApplication.exec() has returned, Qt refuses to run event loops
    again, so running it inside the test process would break every later test."""
    code = "\n".join([
        "import sys",
        "from pathlib import Path",
        "from rebuttal_lab.ui.application import run_gui",
        textwrap.dedent(prelude),
        f"sys.exit(run_gui(Path({str(db_file)!r}), smoke_test=True))",
    ])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
           "XDG_DATA_HOME": str(home / "share"), "XDG_CONFIG_HOME": str(home / "config")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)


def test_smoke_test_mode_paints_and_exits_zero(tmp_path):
    db_file = tmp_path / "smoke.db"
    done = _run_gui_in_subprocess(db_file, tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert "smoke-test: painted main window" in done.stdout
    from rebuttal_lab.services.library import practice_article_files
    from rebuttal_lab.store import open_database

    db = open_database(db_file)  # the start finished after the paint: practice articles are in
    try:
        assert len(article_store.list_articles(db)) == len(practice_article_files()) > 0
    finally:
        db.close()


def test_heavy_modules_load_only_after_the_first_paint(tmp_path):
    spy = """
        import rebuttal_lab.ui.application as application

        HEAVY = ("nltk", "trafilatura", "docx", "pypdf", "markdown_it", "rebuttal_lab.io.importers",
                 "rebuttal_lab.nlp.scoring", "rebuttal_lab.nlp.suggest")
        real_finish_start = application.finish_start

        def finish_start(*args):
            print("loaded before the first paint:", sorted(m for m in HEAVY if m in sys.modules))
            return real_finish_start(*args)

        application.finish_start = finish_start
    """
    done = _run_gui_in_subprocess(tmp_path / "s.db", tmp_path / "home", prelude=spy)
    assert done.returncode == 0, done.stderr
    assert "loaded before the first paint: []" in done.stdout


def test_settings_problems_are_shown_in_the_status_bar_not_a_dialog(tmp_path):
    home = tmp_path / "home"
    user_settings = home / "share" / "RebuttalLab" / "rebuttal-lab" / "settings.json"
    user_settings.parent.mkdir(parents=True)
    user_settings.write_text("{not json", encoding="utf-8")
    record_status = """
        from PySide6.QtWidgets import QMessageBox, QStatusBar

        original = QStatusBar.showMessage
        def show_message(bar, text, timeout=0):
            print("status:", text)
            original(bar, text, timeout)
        QStatusBar.showMessage = show_message
        QMessageBox.warning = QMessageBox.critical = lambda *args: print("dialog!")
    """
    done = _run_gui_in_subprocess(tmp_path / "s.db", home, prelude=record_status)
    assert done.returncode == 0, done.stderr
    statuses = [line for line in done.stdout.splitlines() if line.startswith("status:")]
    assert "Some settings were ignored" in statuses[-1] and "settings.json" in statuses[-1]
    assert "dialog!" not in done.stdout


def test_newer_database_is_refused_and_left_byte_identical(tmp_path, dialogs, monkeypatch):
    from rebuttal_lab.ui.application import run_gui

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    db_file = tmp_path / "future.db"
    conn = sqlite3.connect(db_file)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    before = db_file.read_bytes()

    assert run_gui(db_file, smoke_test=True) == 1
    [message] = dialogs.texts("critical")
    assert str(db_file) in message and "newer version" in message
    assert db_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.db"]


def test_corrupt_database_can_be_set_aside_for_a_fresh_one(tmp_path):
    choose_fresh = """
        from PySide6.QtWidgets import QMessageBox

        def choose_fresh(box):
            print("dialog:", box.text().replace(chr(10), " "))
            [fresh] = [b for b in box.buttons() if b.text() == "Start a fresh database"]
            fresh.click()
            return 0

        QMessageBox.exec = choose_fresh
    """
    db_file = tmp_path / "broken.db"
    garbage = b"this is not a database at all" * 100
    db_file.write_bytes(garbage)

    done = _run_gui_in_subprocess(db_file, tmp_path / "home", prelude=choose_fresh)
    assert done.returncode == 0, done.stderr
    assert f"dialog: The data file {db_file} is damaged" in done.stdout
    [kept] = list(tmp_path.glob("broken.corrupt-*.db"))
    assert kept.read_bytes() == garbage
    assert db_file.read_bytes() != garbage  # a fresh database took its place
    assert "smoke-test: painted main window" in done.stdout


def test_choosing_quit_on_a_corrupt_database_leaves_it_alone(tmp_path):
    choose_quit = """
        from PySide6.QtWidgets import QMessageBox

        def choose_quit(box):
            [quit_button] = [b for b in box.buttons() if b.text() == "Quit"]
            quit_button.click()
            return 0

        QMessageBox.exec = choose_quit
    """
    db_file = tmp_path / "broken.db"
    db_file.write_bytes(b"garbage" * 500)
    done = _run_gui_in_subprocess(db_file, tmp_path / "home", prelude=choose_quit)
    assert done.returncode == 1
    assert db_file.read_bytes() == b"garbage" * 500
    assert [p.name for p in tmp_path.iterdir()] == ["broken.db"]  # nothing set aside, nothing new


def test_uncaught_errors_are_logged_and_explained_without_a_traceback(qapp, dialogs, monkeypatch):
    from rebuttal_lab.ui.application import error_log_path, install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        raise ValueError("the scorer tripped")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    log = error_log_path().read_text(encoding="utf-8")
    assert "Traceback" in log and "the scorer tripped" in log
    [message] = dialogs.texts("warning")
    assert "Traceback" not in message and "the scorer tripped" not in message
    assert str(error_log_path()) in message


def test_window_size_and_layout_are_remembered(qtbot, main_window):
    from rebuttal_lab.ui.main_window import MainWindow

    main_window.left_dock.hide()
    main_window.right_dock.hide()
    main_window.layout().activate()  # the docks' room is given back before the resize
    main_window.resize(700, 500)  # inside the offscreen screen (800x600), which clamps restored sizes
    main_window.splitter.setSizes([200, 480])
    sizes = main_window.splitter.sizes()
    main_window.close()
    again = MainWindow(main_window.db, main_window.settings, main_window.profile)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (700, 500)
    assert not again.right_dock.isVisible() and not again.left_dock.isVisible()
    assert again.splitter.sizes() == sizes


def test_importing_can_be_switched_off_by_the_machine(qtbot, db, settings, tmp_path, article_file):
    from rebuttal_lab.store.profiles import get_or_create_student
    from rebuttal_lab.ui.main_window import MainWindow

    settings.students_may_import = False  # as /etc/rebuttal-lab/config.toml can set it
    window = MainWindow(db, settings, get_or_create_student(db))
    qtbot.addWidget(window)
    window.show()
    assert not window.import_files_action.isVisible() and not window.paste_action.isVisible()
    assert not window.library.import_button.isVisible() and not window.library.paste_button.isVisible()
    QGuiApplication.clipboard().setText(OTHER_TEXT)
    window.articles.paste()
    assert window.articles.import_paths([article_file]) is None
    assert article_store.list_articles(db) == []
