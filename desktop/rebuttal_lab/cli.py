"""The `rebuttal-lab` command line: headless commands over the same services the GUI uses.

With no command it starts the GUI; only then is Qt imported. Every other import that costs time
(services, store, scorer) happens inside the command that needs it, so `rebuttal-lab articles` starts fast.
Errors are one line on stderr: exit status 2 for usage mistakes (argparse), 1 for work that failed.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

from rebuttal_lab import APP_ID, __version__

PROG = APP_ID


class CliError(Exception):
    """Work that failed for a reason the user can act on; the message is shown as one line."""

    status = 1


class UsageError(CliError):
    """Options that do not go together: exit status 2, like argparse's own usage errors."""

    status = 2


def output_path(raw: str) -> Path:
    """The file a command is to write, refused early when it names a folder or a missing folder."""
    path = Path(raw)
    if path.is_dir():
        raise CliError(f"{raw}: is a folder; give the name of the file to write")
    if not path.parent.is_dir():
        raise CliError(f"{raw}: the folder {path.parent} does not exist")
    return path


@contextlib.contextmanager
def one_line_errors(*refusals: type[Exception], writing: str | None = None):
    """The services' refusals, whose messages already explain them, become the command's one-line error;
    with `writing`, so does a disk error while that file is written, named as the user gave it."""
    try:
        yield
    except refusals as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        if writing is None:
            raise
        raise CliError(f"{writing}: cannot be written ({exc.strerror or exc})") from exc


# --- reading the user's files -------------------------------------------------------------------------

def read_text(path: str) -> str:
    file = Path(path)
    if not file.exists():
        raise CliError(f"{path}: no such file")
    if file.is_dir():
        raise CliError(f"{path}: is a folder, not a file")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise CliError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise CliError(f"{path}: is not a text file")
    return str(best)


def read_json(path: str):
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"{Path(path).name}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc


def read_claims(path: str) -> list[dict]:
    """CLAIMS.json: [{"id": "...", "quote": "..."} or {"id": "...", "start": n, "end": n}, ...]."""
    name = Path(path).name
    spec = read_json(path)
    if not isinstance(spec, list):
        raise CliError(f"{name}: expected a JSON list of claims like [{{\"id\": \"c1\", \"quote\": \"...\"}}]")
    if not spec:
        raise CliError(f"{name}: holds no claims")
    seen: set[str] = set()
    claims = []
    for number, item in enumerate(spec, start=1):
        if not isinstance(item, dict):
            raise CliError(f"{name}: claim {number} is not an object with an id and a quote")
        claim_id = str(item.get("id", number))
        if claim_id in seen:
            raise CliError(f"{name}: claim id {claim_id!r} is used twice")
        seen.add(claim_id)
        has_quote = isinstance(item.get("quote"), str) and item["quote"].strip()
        has_offsets = all(isinstance(item.get(k), int) and not isinstance(item.get(k), bool)
                          for k in ("start", "end"))
        if not has_quote and not has_offsets:
            raise CliError(f"{name}: claim {claim_id} needs a \"quote\" or integer \"start\" and \"end\"")
        claims.append({**item, "id": claim_id})
    return claims


def locate_claims(body: str, spec: list[dict], claims_path: str, session_uuid: str = ""):
    """Anchor CLAIMS.json items in the article; a quote that is not there is the user's error."""
    from rebuttal_lab.services import practice

    try:
        return practice.claims_from_spec(body, session_uuid, spec)
    except practice.ClaimNotFound as exc:
        raise CliError(f"{Path(claims_path).name}: {exc}") from exc


def scorer_items(spec: list[dict], claims: list) -> list[dict]:
    """What the scorer gets: the ids given in CLAIMS.json, the quote (or the text at the offsets) and
    where it sits in the article."""
    from rebuttal_lab.services import practice

    return [{**scored, "id": item["id"], "text": item.get("quote", claim.quote)}
            for item, claim, scored in zip(spec, claims, practice.scorer_claims(claims), strict=True)]


# --- opening the database and finding things in it -----------------------------------------------------

def open_db(args):
    from rebuttal_lab.paths import default_db_path
    from rebuttal_lab.store import DatabaseError, open_database

    path = default_db_path(args.db)
    try:
        db = open_database(path)
    except DatabaseError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"{path}: cannot be opened ({exc.strerror or exc})") from exc
    _opened.append(db)
    from rebuttal_lab.services import library

    # The bundled practice articles, as the GUI loads them on a first start. A convenience only:
    # a bad bundled file must not stop the command the user asked for.
    with contextlib.suppress(Exception):
        library.ensure_practice_articles(db)
    return db


_opened: list = []


def resolve_article(db, ref: str):
    """ARTICLE: a file (imported if new), or an article id, id prefix or title in the library."""
    from rebuttal_lab.services import library

    path = Path(ref)
    if path.is_dir():
        raise CliError(f"{ref}: is a folder; give one article file (or `{PROG} import` the folder)")
    try:
        return library.resolve_article(db, ref)
    except LookupError as exc:
        by_title = _articles_titled(db, ref)
        if len(by_title) == 1:
            return by_title[0]
        if not path.exists() and (any(sep in ref for sep in "/\\") or path.suffix.lower() in _FILE_TYPES):
            raise CliError(f"{ref}: no such file") from exc
        raise CliError(str(exc)) from exc


def _articles_titled(db, words: str) -> list:
    """Articles whose title contains the given words (case-insensitive): `score "phones out" ...`."""
    from rebuttal_lab.store import articles as article_store

    wanted = " ".join(words.split()).casefold()
    if not wanted:
        return []
    rows = [r for r in article_store.list_articles(db) if wanted in " ".join(r["title"].split()).casefold()]
    return [article_store.get_article(db, r["uuid"]) for r in rows]


_FILE_TYPES = {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}


def find_session(db, ref: str):
    from rebuttal_lab.store import sessions as session_store

    matches = session_store.find_sessions(db, ref) if ref.strip() else []
    if not matches:
        raise CliError(f"no session {ref!r} (see `{PROG} sessions`)")
    if len(matches) > 1:
        raise CliError(f"{ref!r} matches {len(matches)} sessions; give more of the id")
    return matches[0]


# --- commands ----------------------------------------------------------------------------------------

def cmd_import(args, out) -> int:
    from rebuttal_lab.services import library

    db = open_db(args)
    results = []
    for raw in args.paths:
        path = Path(raw)
        if not path.exists():
            found = [library.ImportResult(raw, library.REFUSED, "no such file or folder")]
        else:
            found = library.import_paths(db, [path])
            if not found:
                found = [library.ImportResult(raw, library.REFUSED, "holds no files that can be imported")]
        for result in found:
            out(f"{result.status}  {result.source}: {result.message}")
        results.extend(found)
    out(library.summarise(results))
    return 1 if any(not r.ok for r in results) else 0


def cmd_articles(args, out) -> int:
    from rebuttal_lab import cli_format
    from rebuttal_lab.store import articles as article_store

    rows = article_store.list_articles(open_db(args))
    out(cli_format.to_json(rows) if args.format == "json" else cli_format.articles_table(rows))
    return 0


def cmd_suggest(args, out) -> int:
    from rebuttal_lab import cli_format
    from rebuttal_lab.nlp.suggest import suggest_claims

    article = resolve_article(open_db(args), args.article)
    suggestions = [cli_format.plain(s) for s in suggest_claims(article.body)]
    if args.format == "json":
        out(cli_format.to_json(suggestions))
    else:
        out(cli_format.suggestions_text(article, suggestions))
    return 0


def cmd_score(args, out) -> int:
    from rebuttal_lab import cli_format
    from rebuttal_lab.services import practice

    spec = read_claims(args.claims)
    rebuttal = read_text(args.rebuttal)
    article = resolve_article(open_db(args), args.article)
    claims = locate_claims(article.body, spec, args.claims)
    report = practice.score_claims(scorer_items(spec, claims), rebuttal, None, article.body)
    if args.format == "json":
        out(cli_format.to_json(report))
    else:
        out(cli_format.report_text(article, spec, report))
    return 0


def _answers(args, spec: list[dict]) -> tuple[str, str | None, dict | None]:
    """(writing, speech, answers by claim id) from --rebuttal: a text file, or a JSON object {id: answer}."""
    name = Path(args.rebuttal).name
    answers = None
    if args.rebuttal.lower().endswith(".json"):
        answers = read_json(args.rebuttal)
        if not isinstance(answers, dict) or not all(isinstance(v, str) for v in answers.values()):
            raise CliError(f"{name}: expected a JSON object {{\"claim id\": \"answer\", ...}}")
        unknown = sorted(set(answers) - {item["id"] for item in spec})
        if unknown:
            raise CliError(f"{name}: answers for claims not in {Path(args.claims).name}: {', '.join(unknown)}")
    writing = args.writing or ("flow" if answers is not None else "speech")
    if writing == "flow" and answers is None:
        raise UsageError(f"{name}: --writing flow needs one answer per claim: give --rebuttal a JSON "
                       "object {\"claim id\": \"answer\"}")
    if writing == "speech":
        speech = read_text(args.rebuttal) if answers is None else "\n\n".join(answers.values())
        return writing, speech, None
    return writing, None, answers


def cmd_session_new(args, out) -> int:
    from rebuttal_lab.services import practice
    from rebuttal_lab.store import profiles
    from rebuttal_lab.store import sessions as session_store

    if not args.student.strip():
        raise CliError("--student needs a name")
    spec = read_claims(args.claims)
    writing, speech, answers = _answers(args, spec)
    db = open_db(args)
    article = resolve_article(db, args.article)
    locate_claims(article.body, spec, args.claims)  # check every claim before writing anything
    with db.atomic():
        student = profiles.get_or_create_student(db, args.student)
        session = practice.start_session(db, article, student.uuid, writing=writing)
        claims = locate_claims(article.body, spec, args.claims, session.uuid)
        practice.add_claims(db, claims)
        if speech is not None:
            session_store.save_rebuttal_text(db, session.uuid, None, speech)
        by_id = {item["id"]: claim.uuid for item, claim in zip(spec, claims, strict=True)}
        for claim_id, text in (answers or {}).items():
            session_store.save_rebuttal_text(db, session.uuid, by_id[claim_id], text)
        if args.submit:
            practice.submit(db, session.uuid)
        else:
            practice.score_session(db, session.uuid)
    out(session.uuid)
    return 0


def cmd_sessions(args, out) -> int:
    from rebuttal_lab import cli_format
    from rebuttal_lab.store import profiles
    from rebuttal_lab.store import sessions as session_store

    db = open_db(args)
    profile_uuid = None
    if args.student is not None:
        wanted = " ".join(args.student.split()).casefold()
        students = profiles.list_students(db)
        match = next((p for p in students if p.name.casefold() == wanted), None)
        if match is None:
            names = ", ".join(p.name for p in students) or "none yet"
            raise CliError(f"no student called {args.student!r} (students: {names})")
        profile_uuid = match.uuid
    rows = session_store.list_sessions(db, profile_uuid)
    out(cli_format.to_json(rows) if args.format == "json" else cli_format.sessions_table(rows))
    return 0


def cmd_show(args, out) -> int:
    from rebuttal_lab import cli_format
    from rebuttal_lab.services import practice
    from rebuttal_lab.store import profiles

    db = open_db(args)
    session = find_session(db, args.session)
    snap = practice.snapshot(db, session.uuid)
    if args.format == "json":
        out(cli_format.to_json(snap))
    else:
        student = profiles.get_profile(db, session.profile_uuid)
        out(cli_format.session_text(snap, student.name if student else ""))
    return 0


def cmd_gui(args, out) -> int:
    from rebuttal_lab.paths import default_db_path

    try:
        from rebuttal_lab.ui.application import run_gui
    except ImportError as exc:
        raise CliError(f"the graphical interface cannot start: {exc}") from exc
    return int(run_gui(default_db_path(args.db), smoke_test=args.smoke_test, open_paths=tuple(args.open)) or 0)


# --- the parser ---------------------------------------------------------------------------------------

def db_option() -> argparse.ArgumentParser:
    """The parent parser every command shares: --db is accepted before or after the command, and
    SUPPRESS keeps a subcommand from resetting a value given before it."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="the database file (default: $REBUTTAL_LAB_DB, then the app-data folder)")
    return common


def build_parser() -> argparse.ArgumentParser:
    common = db_option()

    parser = argparse.ArgumentParser(
        prog=PROG, parents=[common],
        description="Offline debate training. With no command, starts the graphical interface.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--open", nargs="*", default=[], metavar="FILE",
                        help="GUI only: open these bundles, article packs or articles once the window shows")
    parser.add_argument("--smoke-test", action="store_true",
                        help="GUI only: paint the main window once and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler, help: str, **kwargs) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help, description=help, **kwargs)
        sub.set_defaults(handler=handler)
        return sub

    def fmt(sub, choices: tuple[str, str]) -> None:
        sub.add_argument("--format", choices=choices, default=choices[0])

    sub = command("import", cmd_import, "import article files and folders into the library")
    sub.add_argument("paths", nargs="+", metavar="PATH")
    fmt(command("articles", cmd_articles, "list the articles in the library"), ("table", "json"))
    sub = command("suggest", cmd_suggest, "suggest the claims worth answering in an article")
    sub.add_argument("article", metavar="ARTICLE", help="a file, or an article id, id prefix or title")
    fmt(sub, ("json", "text"))
    sub = command("score", cmd_score, "score a rebuttal against claims marked in an article")
    sub.add_argument("article", metavar="ARTICLE", help="a file, or an article id, id prefix or title")
    sub.add_argument("--claims", required=True, metavar="CLAIMS.json")
    sub.add_argument("--rebuttal", required=True, metavar="TEXT_FILE")
    fmt(sub, ("json", "text"))

    session = command("session", None, "work with one practice session")
    session_commands = session.add_subparsers(dest="session_command", metavar="SUBCOMMAND", required=True)
    sub = session_commands.add_parser("new", parents=[common], help="save a practice session")
    sub.set_defaults(handler=cmd_session_new)
    sub.add_argument("article", metavar="ARTICLE", help="a file, or an article id, id prefix or title")
    sub.add_argument("--student", required=True, metavar="NAME")
    sub.add_argument("--claims", required=True, metavar="CLAIMS.json")
    sub.add_argument("--rebuttal", required=True, metavar="TEXT_FILE",
                     help="the speech (a text file), or per-claim answers (a JSON object {id: answer})")
    sub.add_argument("--submit", action="store_true", help="submit the session (it becomes read-only)")
    sub.add_argument("--writing", choices=("speech", "flow"),
                     help="speech (default for a text file) or flow (default for JSON answers)")

    sub = command("sessions", cmd_sessions, "list saved sessions, newest first")
    sub.add_argument("--student", metavar="NAME")
    fmt(sub, ("table", "json"))
    sub = command("show", cmd_show, "show one session: claims, answers and score")
    sub.add_argument("session", metavar="SESSION", help="a session id or unique id prefix")
    fmt(sub, ("json", "text"))
    from rebuttal_lab import cli_coach, cli_exchange  # coach reports; bundles and packs

    cli_coach.add_commands(commands)
    cli_exchange.add_commands(commands)
    parser.set_defaults(handler=cmd_gui)
    return parser


def _out(text: str) -> None:
    print(text, flush=True)


def _error(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (status 2), already printed
        return exc.code if isinstance(exc.code, int) else 2
    if not hasattr(args, "db"):
        args.db = None
    if args.command and args.smoke_test:
        parser.print_usage(sys.stderr)
        _error("--smoke-test only applies to the graphical interface (give no command)")
        return 2
    try:
        return args.handler(args, _out)
    except CliError as exc:
        _error(str(exc))
        return exc.status
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:  # e.g. `rebuttal-lab articles | head -1`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # a bug: still one line, never a traceback
        _error(f"unexpected error: {type(exc).__name__}: {exc}")
        return 1
    finally:
        while _opened:
            with contextlib.suppress(Exception):
                _opened.pop().close()
