"""CLI commands for coaches: `report --session ID | --student NAME | --class [--from DATE --to DATE]
--format pdf|html|csv -o OUT`, and `coach add NAME | passwd NAME | list` for coach profiles.

Passphrases are never arguments (they would stay in the shell's history and the process list): they are
asked for without echo on a terminal, or read one per line from standard input in scripts.

cli.py registers these with `cli_coach.add_commands(commands)`. Same conventions as cli.py: imports that
cost time happen inside the handler, failures are one line on stderr with exit status 1, never a
traceback; `--db` is accepted before or after the command. A PDF needs a QGuiApplication: the handler makes
an offscreen one, and only for PDF.
"""

from __future__ import annotations

import argparse
import os
from datetime import date

from rebuttal_lab.cli import db_option, one_line_errors, output_path


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
    from rebuttal_lab.cli import UsageError, find_session, open_db
    from rebuttal_lab.services import reports

    if (args.date_from or args.date_to) and not (args.student or args.whole_class):
        raise UsageError("--from and --to apply to --student and --class reports")
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(f"--from {args.date_from} is after --to {args.date_to}")
    path = output_path(args.output)
    db = open_db(args)
    if args.session:
        scope = reports.ReportScope("session", find_session(db, args.session).uuid)
    elif args.student:
        scope = reports.ReportScope("student", _student_uuid(db, args.student), args.date_from, args.date_to)
    else:
        scope = reports.ReportScope("class", None, args.date_from, args.date_to)
    app = _qt_for_pdf() if args.format == "pdf" else None
    try:
        with one_line_errors(reports.ReportError, writing=args.output):
            reports.render_report(db, scope, args.format, path)
    finally:
        del app
    out(f"wrote {args.format.upper()} report to {path}")
    return 0


def _passphrase(prompt: str, confirm: bool = False) -> str:
    """Asked without echo on a terminal (twice when confirming); one line of stdin otherwise."""
    import getpass
    import sys

    from rebuttal_lab.cli import CliError

    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise CliError("no passphrase given on standard input")
        return line.rstrip("\r\n")
    first = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass("Repeat it: ") != first:
        raise CliError("the two passphrases are not the same")
    return first


def cmd_coach_add(args, out) -> int:
    from rebuttal_lab.cli import open_db
    from rebuttal_lab.store import coach

    db = open_db(args)
    with one_line_errors(coach.CoachError):
        profile = coach.create_coach(db, args.name, _passphrase(f"Passphrase for coach {args.name}", True))
    out(f"added coach {profile.name}")
    return 0


def cmd_coach_passwd(args, out) -> int:
    from rebuttal_lab.cli import open_db
    from rebuttal_lab.store import coach

    db = open_db(args)
    with one_line_errors(coach.CoachError):
        uuid = coach.get_coach(db, args.name)["uuid"]
        old = _passphrase("Current passphrase")
        coach.change_passphrase(db, uuid, old, _passphrase("New passphrase", True))
    out(f"changed the passphrase of coach {args.name}")
    return 0


def cmd_coach_list(args, out) -> int:
    from rebuttal_lab.cli import open_db
    from rebuttal_lab.store import coach

    names = coach.coach_names(open_db(args))
    out("\n".join(names) if names else "no coach profiles yet (add one with: coach add NAME)")
    return 0


def add_commands(commands) -> None:
    """Add the coach's commands to cli.py's subparsers."""
    coach = commands.add_parser("coach", parents=[db_option()], help="add coaches, change a passphrase",
                                description="Coach profiles. Passphrases are asked for (or read from stdin).")
    actions = coach.add_subparsers(dest="coach_command", metavar="ACTION", required=True)
    for name, handler, about in (("add", cmd_coach_add, "add a coach profile"),
                                 ("passwd", cmd_coach_passwd, "change a coach's passphrase (needs the old one)")):
        action = actions.add_parser(name, parents=[db_option()], help=about, description=about)
        action.add_argument("name", metavar="NAME")
        action.set_defaults(handler=handler)
    actions.add_parser("list", parents=[db_option()], help="list the coach profiles").set_defaults(
        handler=cmd_coach_list)

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
