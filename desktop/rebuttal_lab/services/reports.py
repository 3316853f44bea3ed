"""Coach reports per session, per student or per class: self-contained HTML, CSV, and (through Qt) PDF.

`build_report` gathers the data into a `Report` (summary, charts as SVG text, tables); the renderers only
lay it out. PDF needs Qt, which this layer may not import: `ui/report_pdf.py` registers its writer here
with `register_pdf_writer`, and `render_report(..., "pdf", ...)` uses it. CSV has one row per session and
is streamed from a SQL cursor, so a class of 100,000 sessions is never held in memory.
`progress(done, total)` is called between steps; returning False cancels (ReportCancelled).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from html import escape
from pathlib import Path

import sqlite_utils

from rebuttal_lab.core.models import CLAIM_KIND_LABELS, ClaimKind, Verdict
from rebuttal_lab.services import progress as progress_service
from rebuttal_lab.services.report_charts import bar_chart, line_chart
from rebuttal_lab.store import feedback as feedback_store
from rebuttal_lab.store.dashboard import Filters, class_where

FORMATS = ("html", "csv", "pdf")
Progress = Callable[[int, int], bool | None]


class ReportError(Exception):
    pass


class ReportCancelled(ReportError):
    pass


@dataclass(frozen=True)
class ReportScope:
    kind: str  # "session", "student" or "class"
    ref: str | None = None  # the session's uuid, or the student's profile uuid
    date_from: date | str | None = None  # student and class reports
    date_to: date | str | None = None


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Report:
    title: str
    subtitle: str = ""
    summary: list[tuple[str, str]] = field(default_factory=list)
    charts: list[tuple[str, str]] = field(default_factory=list)  # (caption, SVG text)
    tables: list[Table] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (heading, paragraph): the speech


def pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


def _kind(kind: str) -> str:
    return CLAIM_KIND_LABELS[ClaimKind(kind)] if kind in ClaimKind._value2member_map_ else kind


def _range_text(scope: ReportScope) -> str:
    if scope.date_from or scope.date_to:
        return f"{scope.date_from or 'the start'} to {scope.date_to or 'today'}"
    return "all sessions"


# --- gathering -------------------------------------------------------------------------------------

def build_report(db: sqlite_utils.Database, scope: ReportScope) -> Report:
    if scope.kind == "session":
        return _session_report(db, scope.ref or "")
    if scope.kind == "student":
        return _student_report(db, scope)
    if scope.kind == "class":
        return _class_report(db, scope)
    raise ReportError(f"unknown report scope {scope.kind!r}: session, student or class")


def _session_report(db: sqlite_utils.Database, uuid: str) -> Report:
    rows = list(db.query(
        "SELECT s.*, p.name AS student, a.title AS article, sc.overall, sc.breadth, sc.depth, sc.evidence,"
        " sc.details_json FROM sessions s JOIN profiles p ON p.uuid = s.profile_uuid"
        " JOIN articles a ON a.uuid = s.article_uuid LEFT JOIN scores sc ON sc.session_uuid = s.uuid"
        " WHERE s.uuid = ?", [uuid]))
    if not rows:
        raise ReportError(f"no session {uuid}")
    s = rows[0]
    verdicts = {c.get("id"): c for c in json.loads(s["details_json"] or "{}").get("claims", [])}
    report = Report(title=f"{s['student']}: {s['article']}",
                    subtitle=f"{s['mode']} session of {s['started_at'][:10]}")
    report.summary = [("Student", s["student"]), ("Article", s["article"]), ("Date", s["started_at"][:16].replace("T", " ")),
                      ("Mode", s["mode"]), ("Time used", f"{round(s['time_used_s'] or 0)} s"),
                      ("Overall", pct(s["overall"])), ("Breadth", pct(s["breadth"])),
                      ("Depth", pct(s["depth"])), ("Evidence", pct(s["evidence"])),
                      ("Reviewed", s["reviewed_at"][:10] if s["reviewed_at"] else "not yet"),
                      ("Grade", s["grade"] or "—")]
    if s["overall"] is not None:
        report.charts.append(("Scores", bar_chart("Scores", [("Overall", s["overall"]), ("Breadth", s["breadth"]),
                                                             ("Depth", s["depth"]), ("Evidence", s["evidence"])],
                                                  percent=True)))
    claims, quotes = [], {}
    for c in db.query('SELECT uuid, quote, kind FROM claims WHERE session_uuid = ? ORDER BY position, start', [uuid]):
        quotes[c["uuid"]] = c["quote"]
        verdict = verdicts.get(c["uuid"], {})
        word = Verdict(verdict["verdict"]).debate_word if verdict.get("verdict") in Verdict._value2member_map_ \
            else "Not scored"
        claims.append([c["quote"], _kind(c["kind"]), word, pct(verdict.get("coverage"))])
    report.tables.append(Table("Claims", ["Claim", "Kind", "Verdict", "Coverage"], claims))
    answers: dict[str | None, str] = {}
    for r in db.query("SELECT claim_uuid, text FROM rebuttals WHERE session_uuid = ? AND text != ''"
                      " ORDER BY claim_uuid IS NOT NULL, rowid", [uuid]):
        report.texts.append(("Speech" if r["claim_uuid"] is None else "Answer", r["text"]))
        answers[r["claim_uuid"]] = r["text"]
    criteria = {c["uuid"]: c["name"] for c in feedback_store.list_criteria(db)}
    comments = []
    for f in feedback_store.list_feedback(db, uuid):
        rubric = ", ".join(f"{criteria[k]} {v}/5" for k, v in f["rubric"].items() if k in criteria)
        comments.append([f["author"] or "", feedback_store.describe_target(f["target_uuid"], quotes, answers), f["text"], rubric])
    if comments:
        report.tables.append(Table("Feedback", ["Coach", "On", "Comment", "Rubric"], comments))
    return report


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _weekly_points(points: list[progress_service.Point]) -> list[progress_service.Point]:
    """Weekly averages: past MAX_CHART_POINTS sessions a line of single sessions is only noise."""
    weeks: dict[str, list[progress_service.Point]] = {}
    for p in points:
        day = date.fromisoformat(p.when)
        weeks.setdefault(date.fromordinal(day.toordinal() - day.weekday()).isoformat(), []).append(p)
    return [progress_service.Point(when=week, sessions=len(group),
                                   **{k: _mean([getattr(p, k) for p in group])
                                      for k in ("overall", "breadth", "evidence", "precision", "recall")})
            for week, group in weeks.items()]


MAX_CHART_POINTS = 120
MAX_TABLE_ROWS = 200


def _progress_charts(result: progress_service.Progress) -> list[tuple[str, str]]:
    points = result.points if len(result.points) <= MAX_CHART_POINTS else _weekly_points(result.points)
    labels = [p.when for p in points]
    charts = []
    if points:
        charts.append(("Coverage over time", line_chart("Coverage over time", labels, {
            "Overall": [p.overall for p in points], "Breadth": [p.breadth for p in points],
            "Evidence": [p.evidence for p in points]})))
    spotting = [p for p in points if p.precision is not None or p.recall is not None]
    if spotting:
        charts.append(("Claim spotting", line_chart("Claim spotting", [p.when for p in spotting], {
            "Precision": [p.precision for p in spotting], "Recall": [p.recall for p in spotting]})))
    if result.weekly:
        charts.append(("Sessions per week", bar_chart("Sessions per week (drills)", [
            (f"{w['week']} ({w['drills']})", w["sessions"]) for w in result.weekly[-16:]])))
    if result.dropped_kinds:
        charts.append(("Most often dropped", bar_chart("Claims most often dropped, by kind",
                                                        [(_kind(k), n) for k, n in result.dropped_kinds])))
    return charts


def _student_report(db: sqlite_utils.Database, scope: ReportScope) -> Report:
    try:
        result = progress_service.student_progress(db, scope.ref or "", scope.date_from, scope.date_to)
    except KeyError as exc:
        raise ReportError(f"no student {scope.ref}") from exc
    scored = [p.overall for p in result.points if p.overall is not None]
    report = Report(title=f"{result.title}: progress", subtitle=_range_text(scope))
    report.summary = [("Student", result.title), ("Sessions", str(len(result.points))),
                      ("Average overall", pct(sum(scored) / len(scored) if scored else None)),
                      ("Latest overall", pct(scored[-1] if scored else None)),
                      ("Most often dropped", _kind(result.dropped_kinds[0][0]) if result.dropped_kinds else "—")]
    report.charts = _progress_charts(result)
    shown = result.points[-MAX_TABLE_ROWS:]
    caption = "Sessions" if len(shown) == len(result.points) else \
        f"The latest {len(shown)} of {len(result.points):,} sessions (the CSV report lists them all)"
    report.tables.append(Table(caption, ["Date", "Article", "Mode", "Overall", "Breadth", "Evidence"], [
        [p.when, p.article, p.mode, pct(p.overall), pct(p.breadth), pct(p.evidence)] for p in shown]))
    return report


def _class_report(db: sqlite_utils.Database, scope: ReportScope) -> Report:
    result = progress_service.class_progress(db, scope.date_from, scope.date_to)
    total = sum(p.sessions for p in result.points)
    report = Report(title="Class report", subtitle=_range_text(scope))
    report.summary = [("Students", str(len(result.students))), ("Sessions", f"{total:,}"),
                      ("Most often dropped", _kind(result.dropped_kinds[0][0]) if result.dropped_kinds else "—")]
    report.charts = _progress_charts(result)
    report.tables.append(Table("Students", ["Student", "Sessions", "Overall", "Breadth", "Evidence", "Last session"],
                               [[s["student"], str(s["sessions"]), pct(s["overall"]), pct(s["breadth"]),
                                 pct(s["evidence"]), (s["last_session"] or "")[:10]] for s in result.students]))
    return report


# --- CSV -------------------------------------------------------------------------------------------

CSV_HEADERS = ["session", "student", "article", "date", "mode", "status", "time_used_s", "overall", "breadth",
               "depth", "evidence", "claims", "dropped", "reviewed", "grade", "feedback"]


def session_rows(db: sqlite_utils.Database, scope: ReportScope) -> Iterator[list]:
    """One list per session in the scope, oldest first, read from the cursor as the writer needs them."""
    if scope.kind == "session":
        where, params = " WHERE s.uuid = ?", [scope.ref]
    else:
        student = scope.ref if scope.kind == "student" else None
        where, params = class_where(db, Filters(student=student, date_from=scope.date_from, date_to=scope.date_to))
    cursor = db.execute(
        "SELECT s.uuid, p.name, a.title, s.started_at, s.mode, s.status, s.time_used_s, sc.overall, sc.breadth,"
        " sc.depth, sc.evidence, (SELECT count(*) FROM claims c WHERE c.session_uuid = s.uuid),"
        " (SELECT count(*) FROM json_each(sc.details_json, '$.claims') j"
        "  WHERE json_extract(j.value, '$.verdict') = 'missed'),"
        " s.reviewed_at, s.grade, (SELECT count(*) FROM feedback f WHERE f.session_uuid = s.uuid)"
        " FROM sessions s JOIN profiles p ON p.uuid = s.profile_uuid JOIN articles a ON a.uuid = s.article_uuid"
        f" LEFT JOIN scores sc ON sc.session_uuid = s.uuid{where} ORDER BY s.started_at, s.rowid", params)
    yield from (list(row) for row in cursor)


def write_csv(db: sqlite_utils.Database, scope: ReportScope, out_path: Path, progress: Progress | None = None) -> int:
    written = 0
    with open(out_path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_HEADERS)
        for row in session_rows(db, scope):
            writer.writerow(["" if v is None else v for v in row])
            written += 1
            if progress and written % 1000 == 0 and progress(written, 0) is False:
                raise ReportCancelled("report cancelled")
    return written


# --- HTML ------------------------------------------------------------------------------------------

_STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; margin: 2em; max-width: 52em; }
h1 { font-size: 1.5em; margin-bottom: 0.1em; } .sub { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; } caption { text-align: left; font-weight: bold; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } .chart { margin: 1em 0; } .speech { white-space: pre-wrap; }
"""


def render_html(report: Report, chart: Callable[[int, str, str], str] | None = None) -> str:
    """The report as one self-contained HTML page. `chart(i, caption, svg)` may replace the inline SVG
    (the PDF writer puts an image there instead)."""
    chart = chart or (lambda _i, _caption, svg: svg)
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(report.title)}</title>"
             f"<style>{_STYLE}</style></head><body>",
             f"<h1>{escape(report.title)}</h1><p class='sub'>{escape(report.subtitle)}</p>"]
    if report.summary:
        parts.append("<table cellpadding='4'>" + "".join(
            f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in report.summary) + "</table>")
    for i, (caption, svg) in enumerate(report.charts):
        parts.append(f"<div class='chart'>{chart(i, caption, svg)}</div>")
    for table in report.tables:
        parts.append(f"<table cellpadding='4'><caption>{escape(table.caption)}</caption><tr>"
                     + "".join(f"<th>{escape(h)}</th>" for h in table.headers) + "</tr>")
        parts.extend("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>" for row in table.rows)
        parts.append("</table>")
    for heading, text in report.texts:
        parts.append(f"<h3>{escape(heading)}</h3><p class='speech'>{escape(text)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


# --- one entry point -------------------------------------------------------------------------------

_pdf_writer: Callable[[Report, Path], None] | None = None


def register_pdf_writer(writer: Callable[[Report, Path], None]) -> None:
    global _pdf_writer
    _pdf_writer = writer


def render_report(db: sqlite_utils.Database, scope: ReportScope, fmt: str, out_path: str | Path,
                  progress: Progress | None = None) -> Path:
    """Write the scope's report as html, csv or pdf to out_path (written whole or not at all)."""
    if fmt not in FORMATS:
        raise ReportError(f"unknown format {fmt!r}: choose {', '.join(FORMATS)}")
    if fmt == "pdf" and _pdf_writer is None:
        raise ReportError("PDF reports need the Qt writer: import rebuttal_lab.ui.report_pdf first")
    out_path = Path(out_path)
    partial = out_path.with_name(out_path.name + ".partial")

    def step(done: int) -> None:
        if progress and progress(done, 3) is False:
            raise ReportCancelled("report cancelled")

    step(0)
    try:
        if fmt == "csv":
            write_csv(db, scope, partial, progress)
        else:
            report = build_report(db, scope)
            step(1)
            if fmt == "html":
                partial.write_text(render_html(report), encoding="utf-8")
            else:
                _pdf_writer(report, partial)
        step(2)
        partial.replace(out_path)
    finally:
        partial.unlink(missing_ok=True)
    step(3)
    return out_path
