"""Reports: HTML holds the data and SVG charts, CSV has one row per session, PDF text reads back."""

from __future__ import annotations

import csv
import re

import pytest

from coach_helpers import SESSIONS, session_spec
from rebuttal_lab.services import reports
from rebuttal_lab.services.reports import ReportScope
from rebuttal_lab.store import feedback

SPECS = [session_spec(i) for i in range(SESSIONS)]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_student_html_has_their_sessions_and_inline_svg_charts(db, classroom, tmp_path):
    out = reports.render_report(db, ReportScope("student", classroom.students["Ben Brook"]), "html",
                                tmp_path / "ben.html")
    html = out.read_text(encoding="utf-8")
    assert "Ben Brook" in html and "Ana Alvarez" not in html
    assert html.count("<svg") >= 3 and "Coverage over time" in html and "Claim spotting" in html
    assert "Evidence / statistic" in html  # the kind Ben drops most
    ben = [s for s in SPECS if s["student"] == "Ben Brook"]
    assert f"{round(ben[-1]['overall'] * 100)}%" in html
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_session_html_shows_claims_verdicts_speech_and_feedback(db, classroom, tmp_path):
    s = classroom.sessions[4]
    criterion = feedback.list_criteria(db)[0]
    feedback.add_feedback(db, s["uuid"], classroom.coach_uuid, "Weigh <your> answers", rubric={criterion["uuid"]: 4})
    html = reports.render_report(db, ReportScope("session", s["uuid"]), "html", tmp_path / "s.html").read_text()
    assert s["article"] in html and s["student"] in html
    assert "Dropped" in html and "Rebutted" in html
    assert "My answer number 4." in html
    assert "Weigh &lt;your&gt; answers" in html and f"{criterion['name']} 4/5" in html
    assert "whole session" in html


def test_comments_on_a_claim_or_speech_span_name_what_they_are_on(db, classroom, tmp_path):
    from rebuttal_lab.store import sessions as session_store

    s = classroom.sessions[5]["uuid"]
    claim = session_store.list_claims(db, s)[1]
    feedback.add_feedback(db, s, classroom.coach_uuid, "Answer this one", target=claim.uuid)
    feedback.add_feedback(db, s, classroom.coach_uuid, "Good signpost", target="speech:0-9")
    report = reports.build_report(db, ReportScope("session", s))
    targets = [row[1] for row in report.tables[-1].rows]
    assert targets == [f"claim “{claim.quote}”", "speech: “My answer”"]  # the passage itself, quoted


def test_class_csv_has_one_row_per_session_in_the_date_range(db, classroom, tmp_path):
    out = reports.render_report(db, ReportScope("class", date_from="2026-01-10", date_to="2026-01-19"), "csv",
                                tmp_path / "class.csv")
    rows = read_csv(out)
    want = [s for s in SPECS if "2026-01-10" <= s["day"].isoformat() <= "2026-01-19"]
    assert [r["session"] for r in rows] == [s["uuid"] for s in classroom.sessions
                                            if "2026-01-10" <= s["day"].isoformat() <= "2026-01-19"]
    assert len(rows) == len(want) == 10
    first = rows[0]
    assert list(first) == reports.CSV_HEADERS
    assert (first["student"], first["article"], first["mode"]) == (want[0]["student"], want[0]["article"],
                                                                   want[0]["mode"])
    assert float(first["overall"]) == want[0]["overall"]
    assert first["claims"] == "3" and first["dropped"] == ("2" if want[0]["example_dropped"] else "1")


def test_student_and_session_csv(db, classroom, tmp_path):
    ana = reports.render_report(db, ReportScope("student", classroom.students["Ana Alvarez"]), "csv",
                                tmp_path / "ana.csv")
    assert {r["student"] for r in read_csv(ana)} == {"Ana Alvarez"} and len(read_csv(ana)) == 10
    one = reports.render_report(db, ReportScope("session", classroom.sessions[0]["uuid"]), "csv", tmp_path / "1.csv")
    assert [r["session"] for r in read_csv(one)] == [classroom.sessions[0]["uuid"]]


def test_unknown_things_are_clear_errors_and_leave_no_file(db, classroom, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(reports.ReportError, match="no session"):
        reports.render_report(db, ReportScope("session", "nope"), "html", out / "x.html")
    with pytest.raises(reports.ReportError, match="unknown format"):
        reports.render_report(db, ReportScope("class"), "docx", out / "x.docx")
    assert list(out.iterdir()) == []


def test_progress_can_cancel(db, classroom, tmp_path):
    calls = []

    def progress(done, total):
        calls.append(done)
        return done < 1

    with pytest.raises(reports.ReportCancelled):
        reports.render_report(db, ReportScope("class"), "html", tmp_path / "c.html", progress)
    assert calls == [0, 1] and not (tmp_path / "c.html").exists()


def test_charts_are_plain_svg():
    from rebuttal_lab.services.report_charts import bar_chart, line_chart

    svg = line_chart("T <1>", ["a", "b", "c"], {"x": [0.1, None, 0.9]})
    assert svg.startswith("<svg") and "T &lt;1&gt;" in svg and len(re.findall("<circle", svg)) == 2
    assert "<rect" in bar_chart("Bars", [("one", 3), ("two", 0)])


def test_long_histories_chart_weekly_and_list_the_latest_sessions(db, classroom, tmp_path, monkeypatch):
    monkeypatch.setattr(reports, "MAX_CHART_POINTS", 3)
    monkeypatch.setattr(reports, "MAX_TABLE_ROWS", 4)
    report = reports.build_report(db, ReportScope("student", classroom.students["Ana Alvarez"]))
    assert report.tables[0].caption.startswith("The latest 4 of 10 sessions")
    assert len(report.tables[0].rows) == 4
    coverage = report.charts[0][1]
    assert coverage.count("<circle") == 3 * 4  # three lines, one point per week (Jan 5 to Feb 1: four)
