"""Work that moves to and from a student's machine through the main window: a coach's article pack or a
bundle with feedback dropped onto the window, a damaged bundle refused by name, and handing work in to
the class folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from rebuttal_lab.services import exchange, library, packs
from rebuttal_lab.store import coach as coach_store
from rebuttal_lab.store import feedback as feedback_store
from rebuttal_lab.store import open_database

PASSPHRASE = "correct horse battery"


def drop(window, *paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    window.dropEvent(QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))


@pytest.fixture
def coach_db(tmp_path):
    db = open_database(tmp_path / "coach.db")
    yield db
    db.close()


def test_a_dropped_article_pack_adds_the_article_and_its_key_even_when_imports_are_off(
        qtbot, main_window, coach_db, article_file, tmp_path):
    coach = coach_store.create_coach(coach_db, "Ms Okafor", PASSPHRASE)
    article = library.import_paths(coach_db, [article_file])[0].article
    start = article.body.index("Therefore homework")
    end = article.body.index(".", start) + 1
    packs.save_answer_key(coach_db, article.uuid, coach.uuid, [
        {"id": "k1", "start": start, "end": end, "quote": article.body[start:end], "kind": "main"}])
    pack = tmp_path / "homework.rlabpack"
    packs.export_pack(coach_db, [article.uuid], pack, coach.uuid)

    main_window.settings.students_may_import = False  # articles from the coach still arrive
    with qtbot.waitSignal(main_window.exchange.imported, timeout=15000) as done:
        drop(main_window, pack)
    assert [r.status for r in done.args[0]] == ["imported"]
    assert main_window.library.titles() == [article.title]
    keys = list(main_window.db.query("SELECT claims_json FROM answer_keys"))
    assert len(keys) == 1 and "Therefore homework" in keys[0]["claims_json"]


def test_a_bundle_back_from_the_coach_brings_the_feedback(qtbot, main_window, open_article, coach_db,
                                                          tmp_path):
    session_uuid = main_window.controller.session.uuid
    main_window.controller.flush()
    outgoing, returning = tmp_path / "student.rlab", tmp_path / "reviewed.rlab"
    exchange.export_bundle(main_window.db, outgoing, session=session_uuid)
    assert exchange.import_bundle(coach_db, outgoing).ok
    coach = coach_store.create_coach(coach_db, "Mr Reyes", PASSPHRASE)
    feedback_store.add_feedback(coach_db, session_uuid, coach.uuid, "Good clash, now add evidence.")
    exchange.export_bundle(coach_db, returning, session=session_uuid)

    with qtbot.waitSignal(main_window.exchange.imported, timeout=15000):
        drop(main_window, returning)
    comments = [f["text"] for f in feedback_store.list_feedback(main_window.db, session_uuid)]
    assert comments == ["Good clash, now add evidence."]
    # The session is open, so the comment shows at once in the Feedback tab, and counts as seen.
    assert "Good clash, now add evidence." in main_window.feedback.text.toPlainText()
    assert main_window.feedback_dock.isVisible()
    assert feedback_store.unseen_feedback_count(main_window.db, main_window.profile.uuid) == {}


def test_a_damaged_bundle_is_refused_by_name_and_changes_nothing(qtbot, main_window, dialogs, tmp_path):
    bad = tmp_path / "from-usb.rlab"
    bad.write_bytes(b"\x00\xff not a zip at all" * 50)
    with qtbot.waitSignal(main_window.exchange.imported, timeout=15000):
        drop(main_window, bad)
    warning = dialogs.texts("warning")[0]
    assert "from-usb.rlab" in warning and "zip" in warning
    assert main_window.db["sessions"].count == 0 and main_window.library.titles() == []


def test_handing_in_asks_for_the_class_folder_once_and_writes_a_bundle_there(
        qtbot, main_window, open_article, dialogs, monkeypatch, tmp_path):
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *_a, **_k: asked.append(1) or str(folder)))
    main_window.controller.flush()
    for _ in range(2):
        with qtbot.waitSignal(main_window.exchange.handedIn, timeout=15000) as done:
            main_window.hand_in_action.trigger()
    assert len(asked) == 1 and main_window.settings.class_folder == str(folder)
    written = sorted(folder.glob("*.rlab"))
    assert written and done.args[0] in map(str, written)
    assert written[0].name.startswith(main_window.profile.name)
    assert "class folder" in dialogs.texts("information")[-1]


def test_handing_in_to_a_missing_folder_says_so(qtbot, main_window, open_article, dialogs, tmp_path):
    main_window.settings.class_folder = str(tmp_path / "unplugged")
    main_window.hand_in_action.trigger()
    qtbot.waitUntil(lambda: bool(dialogs.texts("warning")), timeout=15000)
    assert "unplugged" in dialogs.texts("warning")[0] and "USB" in dialogs.texts("warning")[0]


def test_a_pack_given_on_the_command_line_opens_once_the_window_shows(qtbot, main_window, coach_db, db_path,
                                                                      article_file, tmp_path):
    from rebuttal_lab.cli import build_parser
    from rebuttal_lab.ui.application import finish_start

    article = library.import_paths(coach_db, [article_file])[0].article
    pack = tmp_path / "from-coach.rlabpack"
    packs.export_pack(coach_db, [article.uuid], pack, None)
    args = build_parser().parse_args(["--open", str(pack)])  # as the desktop entry's "--open %F" runs it
    assert build_parser().parse_args(["--open"]).open == []  # %F with no file: just the program
    with qtbot.waitSignal(main_window.exchange.imported, timeout=15000):
        finish_start(main_window, db_path, tuple(args.open))
    assert article.title in main_window.library.titles()  # beside the practice articles of a first start


def test_switching_user_opens_the_new_students_window_and_cancel_keeps_the_old(qtbot, main_window,
                                                                              monkeypatch):
    from rebuttal_lab.store.profiles import get_or_create_student
    from rebuttal_lab.ui import profile_picker
    from rebuttal_lab.ui.application import switch_user
    from rebuttal_lab.ui.main_window import MainWindow

    made = []

    def make_window(profile):
        window = MainWindow(main_window.db, main_window.settings, profile)
        qtbot.addWidget(window)
        made.append(window)
        return window

    monkeypatch.setattr(profile_picker, "choose_profile", lambda *_a: None)
    assert switch_user(main_window, make_window) is None and main_window.isVisible() and made == []
    noor = get_or_create_student(main_window.db, "Noor")
    monkeypatch.setattr(profile_picker, "choose_profile", lambda *_a: noor)
    successor = switch_user(main_window, make_window)
    assert successor.isVisible() and successor.profile.name == "Noor" and not main_window.isVisible()
    assert "Noor" in successor.statusBar().currentMessage()
    successor.close()
