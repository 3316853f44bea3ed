"""CLI commands for coaches: `report --session ID | --student NAME | --class [--from DATE --to DATE]
--format pdf|html|csv -o OUT`.

cli.py registers these with `cli_coach.add_commands(commands)`. Same conventions as cli.py: imports that
cost time happen inside the handler, failures are one line on stderr with exit status 1, never a
traceback; `--db` is accepted before or after the command. A PDF needs a QGuiApplication: the handler makes
an offscreen one, and only for PDF.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from rebuttal_lab.cli import db_option


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-01") from exc


def _student_uuid(db, name: str) -> str:
    from rebuttal_lab.cli import CliError
    from rebuttal_lab.store import profiles

    wanted = " ".join(name.split()).casefold()
    students = profiles.list_students(db)
    match = next((p for p in students if p.name.casefold() == wanted), None)
    if match is None:
        names = ", ".join(p.name for p in students) or "none yet"
        raise CliError(f"no student called {name!r} (students: {names})")
    return match.uuid


def _qt_for_pdf():
    """An offscreen QGuiApplication (if none runs yet) and the PDF writer registered with the reports."""
    from rebuttal_lab.cli import CliError

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from rebuttal_lab.ui import report_pdf  # importing it registers the writer
    except ImportError as exc:
        raise CliError(f"PDF reports need Qt, which cannot load here: {exc}") from exc
    return report_pdf.gui_application()


def cmd_report(args, out) -> int:
    from rebuttal_lab.cli import CliError, UsageError, find_session, open_db
    from rebuttal_lab.services import reports

    if (args.date_from or args.date_to) and not (args.student or args.whole_class):
        raise UsageError("--from and --to apply to --student and --class reports")
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(f"--from {args.date_from} is after --to {args.date_to}")
    path = Path(args.output)
    if path.is_dir():
        raise CliError(f"{args.output}: is a folder; give the name of the file to write")
    if not path.parent.is_dir():
        raise CliError(f"{args.output}: the folder {path.parent} does not exist")
    db = open_db(args)
    if args.session:
        scope = reports.ReportScope("session", find_session(db, args.session).uuid)
    elif args.student:
        scope = reports.ReportScope("student", _student_uuid(db, args.student), args.date_from, args.date_to)
    else:
        scope = reports.ReportScope("class", None, args.date_from, args.date_to)
    app = _qt_for_pdf() if args.format == "pdf" else None
    try:
        reports.render_report(db, scope, args.format, path)
    except reports.ReportError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"{args.output}: cannot be written ({exc.strerror or exc})") from exc
    finally:
        del app
    out(f"wrote {args.format.upper()} report to {path}")
    return 0


def add_commands(commands) -> None:
    """Add the coach's commands to cli.py's subparsers."""
    sub = commands.add_parser("report", parents=[db_option()], help="write a report for a session, student or class",
                              description="Write a coach's report: one session, one student's progress, or the "
                                          "whole class, as PDF, HTML (with charts) or CSV (one row per session).")
    sub.set_defaults(handler=cmd_report)
    which = sub.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", metavar="ID", help="a session id or unique id prefix")
    which.add_argument("--student", metavar="NAME", help="a student's name")
    which.add_argument("--class", dest="whole_class", action="store_true", help="every student")
    sub.add_argument("--from", dest="date_from", type=_day, metavar="DATE", help="first day (YYYY-MM-DD)")
    sub.add_argument("--to", dest="date_to", type=_day, metavar="DATE", help="last day (YYYY-MM-DD)")
    sub.add_argument("--format", choices=("pdf", "html", "csv"), default="pdf")
    sub.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
