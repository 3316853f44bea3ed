"""The coach's class dashboard: the table of every session, its filters and sorting, opening a review,
and the class jobs on a worker (a report, collecting the class folder)."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from coach_helpers import STUDENTS, build_class
from rebuttal_lab.services import exchange
from rebuttal_lab.store import open_database
from rebuttal_lab.store.profiles import get_profile
from rebuttal_lab.ui.class_dashboard import ClassDashboard


@pytest.fixture
def classroom(db):
    return build_class(db)


@pytest.fixture
def dashboard(qtbot, db, classroom, settings, dialogs):
    coach = get_profile(db, classroom.coach_uuid)
    window = ClassDashboard(db, coach, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def column(window, name: str) -> list[str]:
    model = window.model
    index = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(name)
    return [model.index(row, index).data() for row in range(model.rowCount())]


def test_the_table_shows_every_session_newest_first(dashboard):
    assert dashboard.count_label.text().strip() == "30 sessions"
    dates = column(dashboard, "Date")
    assert len(dates) == 30 and dates == sorted(dates, reverse=True)


def test_choosing_a_student_shows_only_their_sessions(dashboard):
    combo = dashboard.filters.student
    combo.setCurrentIndex(combo.findText(STUDENTS[1]))
    assert set(column(dashboard, "Student")) == {STUDENTS[1]}
    assert dashboard.count_label.text().strip() == "10 sessions"
    dashboard.filters.clear_button.click()
    assert dashboard.count_label.text().strip() == "30 sessions"



def test_the_coachs_own_practice_is_not_listed_with_the_class(qtbot, db, classroom, settings, dialogs):
    from rebuttal_lab.core.models import Mode, Session
    from rebuttal_lab.store import sessions as session_store

    session_store.create_session(db, Session(article_uuid=next(iter(classroom.articles.values())),
                                             profile_uuid=classroom.coach_uuid, mode=Mode.PRACTICE))
    window = ClassDashboard(db, get_profile(db, classroom.coach_uuid), settings)
    qtbot.addWidget(window)
    window.show()
    assert window.count_label.text().strip() == "30 sessions"
    assert "Coach Kim" not in column(window, "Student")
    combo = window.filters.student
    assert combo.findText("Coach Kim") == -1 and combo.findText(STUDENTS[0]) != -1
    window.close()

def test_reviewed_filter_and_score_range(dashboard, classroom):
    reviewed = dashboard.filters.reviewed
    reviewed.setCurrentIndex(reviewed.findText("Not yet reviewed"))
    expected = sum(1 for s in classroom.sessions if not s["reviewed"])
    assert len(column(dashboard, "Reviewed")) == expected and set(column(dashboard, "Reviewed")) == {""}
    reviewed.setCurrentIndex(0)
    dashboard.filters.score_min.setValue(50)
    scores = [int(text.rstrip(" %")) for text in column(dashboard, "Score")]
    assert scores and min(scores) >= 50


def test_search_waits_for_the_typing_to_pause(qtbot, dashboard):
    qtbot.keyClicks(dashboard.filters.search, "cleo")
    assert dashboard.count_label.text().strip() == "30 sessions"  # not yet: the search is debounced
    qtbot.waitUntil(lambda: dashboard.count_label.text().strip() == "10 sessions", timeout=3000)
    assert set(column(dashboard, "Student")) == {"Cleo Chen"}


def test_clicking_the_score_header_sorts_by_score(qtbot, dashboard):
    header = dashboard.table.horizontalHeader()
    section = [dashboard.model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(dashboard.model.columnCount())].index("Score")

    def click_and_read() -> list[int]:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(section) + 5, 5))
        return [int(text.rstrip(" %")) for text in column(dashboard, "Score")]

    first, second = click_and_read(), click_and_read()
    assert {tuple(first), tuple(second)} == {tuple(sorted(first)), tuple(sorted(first, reverse=True))}
    assert first != second


def test_double_clicking_a_row_opens_its_review(qtbot, dashboard):
    index = dashboard.model.index(3, 0)
    with qtbot.waitSignal(dashboard.reviewRequested) as opened:
        dashboard.table.activated.emit(index)
    assert opened.args == [dashboard.model.session_uuid(3)]
    review = dashboard.reviews[-1]
    assert review.isVisible() and review.session_uuid == opened.args[0]
    review.close()


def test_a_class_csv_report_is_written_on_a_worker(qtbot, dashboard, dialogs, monkeypatch, tmp_path):
    out = tmp_path / "class.csv"
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *_a, **_k: ("csv", True)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), "")))
    dashboard.class_report_action.trigger()
    with qtbot.waitSignal(dashboard.operation.succeeded, timeout=20000):
        pass
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert len(rows) == 31  # a header and one row per session
    assert str(out) in dialogs.texts("information")[-1]


def test_collecting_the_class_folder_imports_good_bundles_and_names_bad_ones(qtbot, dashboard, dialogs, settings,
                                                                            tmp_path):
    folder = tmp_path / "class-folder"
    folder.mkdir()
    other = open_database(tmp_path / "other-machine.db")
    build_class(other, sessions=3)  # another machine's class: three new sessions
    exchange.export_bundle(other, folder / "dev.rlab", everything=True)
    other.close()
    (folder / "broken.rlab").write_bytes(b"this was never a zip file")
    settings.class_folder = str(folder)

    dashboard.collect_action.trigger()
    with qtbot.waitSignal(dashboard.operation.succeeded, timeout=20000):
        pass
    summary = dialogs.texts("information")[-1]
    assert "1 imported" in summary and "1 refused" in summary and "broken.rlab" in summary
    assert dashboard.count_label.text().strip() == "33 sessions"


def test_exporting_the_selected_students_sessions(qtbot, dashboard, monkeypatch, tmp_path):
    out = tmp_path / "ben.rlab"
    row = column(dashboard, "Student").index("Ben Brook")
    dashboard.table.setCurrentIndex(dashboard.model.index(row, 0))
    offered = []

    def choose(_parent, _title, _label, items, *_args):
        offered.extend(items)
        return "Ben Brook's sessions", True
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), "")))
    dashboard.export_action.trigger()
    with qtbot.waitSignal(dashboard.operation.succeeded, timeout=20000):
        pass
    assert offered == ["The whole class", "Ben Brook's sessions", "The selected session"]
    fresh = open_database(tmp_path / "elsewhere.db")
    assert exchange.import_bundle(fresh, out).counts["new sessions"] == 10
    assert {r["name"] for r in fresh.query("SELECT name FROM profiles WHERE role = 'student'")} == {"Ben Brook"}
    fresh.close()


def test_handing_out_an_article_with_the_coachs_own_claims(qtbot, db, classroom, dashboard, monkeypatch,
                                                           tmp_path):
    from rebuttal_lab.services import packs, practice
    from rebuttal_lab.store import articles as article_store
    from rebuttal_lab.ui.pack_dialog import PackDialog

    article = article_store.get_article(db, classroom.articles["Later school start"])
    own = practice.start_session(db, article, classroom.coach_uuid)  # the coach marks the claims once
    practice.add_claims(db, practice.claims_from_spec(article.body, own.uuid, [{"quote": "students lose sleep"}]))
    out = tmp_path / "handout.rlabpack"

    def tick_and_accept(dialog) -> int:
        items = [dialog.articles.item(i) for i in range(dialog.articles.count())]
        assert sum("(no key yet" in i.text() for i in items) == 2  # only this article has the coach's claims
        next(i for i in items if i.text() == "Later school start").setCheckState(Qt.CheckState.Checked)
        return PackDialog.DialogCode.Accepted
    monkeypatch.setattr(PackDialog, "exec", tick_and_accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), "")))
    dashboard.pack_action.trigger()
    with qtbot.waitSignal(dashboard.operation.succeeded, timeout=20000):
        pass
    student_machine = open_database(tmp_path / "student.db")
    assert packs.import_pack(student_machine, out).ok
    keys = [k["claims_json"] for k in student_machine.query("SELECT claims_json FROM answer_keys")]
    assert len(keys) == 1 and "students lose sleep" in keys[0]
    student_machine.close()


def test_a_student_pdf_report_is_written_on_the_worker_and_reads_back(qtbot, dashboard, monkeypatch, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "cleo.pdf"
    row = column(dashboard, "Student").index("Cleo Chen")
    dashboard.table.setCurrentIndex(dashboard.model.index(row, 0))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *_a, **_k: ("pdf", True)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(out), "")))
    dashboard.student_report_action.trigger()
    with qtbot.waitSignal(dashboard.operation.succeeded, timeout=60000):
        pass
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(out)).pages)
    assert "Cleo Chen" in text and "Ana Alvarez" not in text


def test_a_session_deleted_since_the_table_was_read_is_explained(qtbot, db, dashboard, dialogs):
    from rebuttal_lab.store import sessions as session_store

    uuid = dashboard.model.session_uuid(0)
    session_store.delete_session(db, uuid)
    assert dashboard.open_review(uuid) is None
    assert "no longer there" in dialogs.texts("information")[-1]
    assert dashboard.count_label.text().strip() == "29 sessions"
