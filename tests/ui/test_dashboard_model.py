"""The dashboard's table model reads pages lazily, keeps a small cache and re-queries on filter and sort."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QTableView

from rebuttal_lab.store.dashboard import COLUMNS, Filters
from rebuttal_lab.ui.dashboard_model import UUID_ROLE, DashboardModel

SESSIONS = 1000
STUDENTS = ["Ana", "Ben", "Cleo", "Dev"]
COL = {c.key: n for n, c in enumerate(COLUMNS)}


@pytest.fixture
def big_class(db):
    """1,000 scored sessions of 4 students on 2 articles, written in one transaction."""
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO profiles (uuid, name, role, created_at) VALUES (?, ?, 'student', '2026-01-01')",
            [(f"p{n}", name) for n, name in enumerate(STUDENTS)])
        db.conn.executemany(
            "INSERT INTO articles (uuid, title, body, body_sha256, imported_at) VALUES (?, ?, 'x', ?, '2026')",
            [("a0", "Homework harms", "h0"), ("a1", "Phones out", "h1")])
        db.conn.executemany(
            "INSERT INTO sessions (uuid, article_uuid, profile_uuid, mode, time_used_s, started_at, updated_at,"
            " reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(f"s{i:04d}", f"a{i % 2}", f"p{i % 4}", ("practice", "drill", "spotting")[i % 3], i,
              f"2026-01-01T00:00:{i:04d}", "2026", "2026-02" if i % 5 == 0 else None) for i in range(SESSIONS)])
        db.conn.executemany(
            "INSERT INTO scores (session_uuid, computed_at, scorer_version, overall, breadth, evidence,"
            " details_json) VALUES (?, '2026', 't', ?, ?, ?, '{}')",
            [(f"s{i:04d}", (i % 100) / 100, (i % 10) / 10, (i % 7) / 7) for i in range(SESSIONS)])
    return db


def test_model_passes_qt_consistency_checks(qtbot, big_class):
    model = DashboardModel(big_class, page_size=50)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_filters(Filters(mode="drill"))
    model.sort(COL["overall"], Qt.SortOrder.AscendingOrder)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def test_opening_reads_one_page_and_knows_the_total(qtbot, big_class):
    model = DashboardModel(big_class, page_size=50)
    assert model.queries == 1
    assert model.rowCount() == 50
    assert model.total_count() == SESSIONS
    assert model.canFetchMore(QModelIndex())
    newest = model.index(0, COL["student"])
    assert newest.data(UUID_ROLE) == "s0999"
    assert model.index(0, COL["overall"]).data() == "99 %"
    assert model.index(0, COL["time_used_s"]).data() == "16:39"
    assert model.headerData(COL["overall"], Qt.Orientation.Horizontal) == "Score"


def test_fetch_more_grows_a_page_at_a_time_and_the_cache_stays_small(qtbot, big_class):
    model = DashboardModel(big_class, page_size=50, cache_pages=3)
    for _ in range(5):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 300 and model.queries == 6
    assert len(model._pages) <= 3
    # A row whose page was dropped is read again, with the same content.
    assert model.session_uuid(0) == "s0999"
    assert model.queries == 7
    assert model.data(model.index(10_000, 0)) is None


def test_a_view_fetches_only_what_it_shows(qtbot, big_class):
    model = DashboardModel(big_class, page_size=50)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    assert model.rowCount() < SESSIONS
    view.scrollToBottom()
    qtbot.wait(10)
    assert model.rowCount() < SESSIONS


def test_filters_and_sort_requery(qtbot, big_class):
    model = DashboardModel(big_class, page_size=50)
    with qtbot.waitSignal(model.modelReset):
        model.set_filters(Filters(search="cleo", reviewed=True))
    assert model.total_count() == len([i for i in range(SESSIONS) if i % 4 == 2 and i % 5 == 0])
    assert all(model.index(r, COL["student"]).data() == "Cleo" for r in range(model.rowCount()))
    assert all(model.index(r, COL["reviewed"]).data() == "Yes" for r in range(model.rowCount()))
    model.set_filters(Filters())
    model.sort(COL["overall"], Qt.SortOrder.AscendingOrder)
    scores = [model.index(r, COL["overall"]).data(UUID_ROLE) for r in range(3)]
    assert scores == ["s0000", "s0100", "s0200"]
    model.sort(COL["student"], Qt.SortOrder.DescendingOrder)
    assert model.index(0, COL["student"]).data() == "Dev"
    assert model.rowCount() == 50
