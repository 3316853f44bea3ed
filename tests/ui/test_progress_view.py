"""Progress charts with their tables: per student and for the class, narrowed by dates; a student sees
only their own progress."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate

from coach_helpers import STUDENTS, build_class, session_spec
from rebuttal_lab.ui.charts import EMPTY_TEXT, LineChart
from rebuttal_lab.ui.progress_view import ProgressView


@pytest.fixture
def classroom(db):
    return build_class(db)


def table_rows(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_a_students_scores_chart_and_table_show_the_same_sessions(qtbot, db, classroom):
    view = ProgressView(db, student_uuid=classroom.students["Ben Brook"])
    qtbot.addWidget(view)
    rows = table_rows(view.scores_table)
    expected = [session_spec(i) for i in range(30) if session_spec(i)["student"] == "Ben Brook"
                and session_spec(i)["mode"] != "spotting"]  # spotting has its own chart
    assert [r[0] for r in rows] == [s["day"].isoformat() for s in expected]
    assert [r[2] for r in rows] == [f"{round(s['overall'] * 100)} %" for s in expected]
    series = view.scores_chart.series()
    assert len(series["Overall"]) == len(rows) == len(expected) == 8
    assert series["Overall"] == pytest.approx([s["overall"] for s in expected])


def test_switching_to_the_class_shows_weekly_averages_and_back(qtbot, db, classroom):
    view = ProgressView(db)
    qtbot.addWidget(view)
    assert view.scope.currentText() == "Whole class"
    weeks = table_rows(view.scores_table)
    assert sum(int(r[1]) for r in weeks) == 30  # every session counted once, week by week
    view.scope.setCurrentIndex(view.scope.findText(STUDENTS[2]))
    rebuttals = [i for i in range(30) if session_spec(i)["student"] == STUDENTS[2]
                 and session_spec(i)["mode"] != "spotting"]
    assert len(table_rows(view.scores_table)) == len(rebuttals)


def test_dates_narrow_the_charts_and_an_empty_period_says_so(qtbot, db, classroom):
    view = ProgressView(db, student_uuid=classroom.students["Ana Alvarez"])
    qtbot.addWidget(view)
    view.date_from.setDate(QDate(2026, 1, 10))
    view.date_to.setDate(QDate(2026, 1, 20))
    assert [r[0] for r in table_rows(view.scores_table)] == ["2026-01-11", "2026-01-17", "2026-01-20"]
    assert [r[0] for r in table_rows(view.spotting_table)] == ["2026-01-14"]  # not among the scores
    view.date_from.setDate(QDate(2027, 1, 1))
    view.date_to.setDate(QDate(2027, 2, 1))
    assert view.scores_table.rowCount() == 0 and view.scores_chart.series()["Overall"] == []
    assert view.scores_chart.grab().toImage().width() > 0  # paints the empty message without error


def test_spotting_and_dropped_kinds_tables(qtbot, db, classroom):
    view = ProgressView(db, student_uuid=classroom.students["Ana Alvarez"])
    qtbot.addWidget(view)
    spotting = table_rows(view.spotting_table)
    expected = [i for i in range(30) if session_spec(i)["student"] == "Ana Alvarez"
                and session_spec(i)["mode"] == "spotting"]
    assert [r[1] for r in spotting] == [f"{round((0.5 + i / 100) * 100)} %" for i in expected]
    kinds = table_rows(view.kinds_table)
    assert kinds[0] == ["Evidence / statistic", "10"]  # every session dropped its evidence claim
    assert view.kinds_chart.bars[0] == ("Evidence / statistic", 10)


def test_a_student_opens_only_their_own_progress(qtbot, main_window):
    view = main_window.show_progress()
    qtbot.addWidget(view)
    assert not view.scope.isEnabled() and view.scope.count() == 1
    assert view.scope.currentData() == main_window.profile.uuid


def test_a_series_of_gaps_paints_as_empty(qtbot):
    chart = LineChart("Scores")
    qtbot.addWidget(chart)
    assert chart.series() == {} and EMPTY_TEXT.startswith("No sessions")
    chart.set_series(["a", "b"], {"Overall": [None, None]})
    chart.grab()  # all gaps: drawn as empty, no division by zero
