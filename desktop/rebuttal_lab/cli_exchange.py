"""CLI commands for moving work between machines: `bundle export|import|drop|collect|class-key` and
`pack export|import`.

cli.py registers these with `cli_exchange.add_commands(commands)`. Same conventions as cli.py: imports
that cost time happen inside the handler, failures are one line on stderr with exit status 1, never a
traceback; `--db` is accepted before or after the command.
"""

from __future__ import annotations

from rebuttal_lab.cli import db_option, one_line_errors, output_path


def _report(results, out) -> int:
    for result in results:
        out(f"{result.status}  {result.message}")
    return 1 if any(not r.ok for r in results) else 0


def cmd_bundle_export(args, out) -> int:
    from rebuttal_lab.cli import find_session, open_db
    from rebuttal_lab.services import exchange

    path = output_path(args.output)
    db = open_db(args)
    session = find_session(db, args.session).uuid if args.session else None
    with one_line_errors(exchange.ExchangeError, writing=args.output):
        counts = exchange.export_bundle(db, path, session=session, student=args.student, everything=args.all)
    sessions, people = counts["sessions"], counts["profiles"]
    out(f"exported {sessions} session{'s' * (sessions != 1)} ({people} "
        f"{'person' if people == 1 else 'people'}, {counts['articles']} articles) to {path}")
    return 0


def cmd_bundle_import(args, out) -> int:
    from rebuttal_lab.cli import open_db
    from rebuttal_lab.services import exchange

    results = exchange.import_bundles(open_db(args), args.files)
    status = _report(results, out)
    if len(results) > 1:
        out(exchange.summarise(results))
    return status


def _class_folder(args) -> str:
    """--folder, else the class folder from the settings (classroom IT may set it machine-wide)."""
    from rebuttal_lab.cli import CliError
    from rebuttal_lab.settings import load_settings

    folder = args.folder or load_settings().class_folder
    if not folder:
        raise CliError("no class folder: give --folder, or set class_folder in the settings")
    return folder


def cmd_bundle_drop(args, out) -> int:
    from rebuttal_lab.cli import open_db
    from rebuttal_lab.services import exchange

    folder = _class_folder(args)
    with one_line_errors(exchange.ExchangeError):
        path = exchange.drop_to_class_folder(open_db(args), folder, args.student)
    out(f"dropped {path}")
    return 0


def cmd_bundle_collect(args, out) -> int:
    from rebuttal_lab.cli import open_db
    from rebuttal_lab.services import exchange

    folder = _class_folder(args)
    with one_line_errors(exchange.ExchangeError):
        results = exchange.collect_class_folder(open_db(args), folder)
    status = _report(results, out)
    out(exchange.summarise(results))
    return status


def cmd_bundle_class_key(args, out) -> int:
    from rebuttal_lab.cli import CliError, open_db
    from rebuttal_lab.services import exchange

    db = open_db(args)
    if args.generate or args.set:
        try:
            key = exchange.new_class_key() if args.generate else exchange.parse_class_key(args.set)
        except exchange.ExchangeError as exc:
            raise CliError(f"--set: {exc}") from exc
        exchange.set_class_key(db, key)
        out(f"class key set: {key.hex()}  (set the same key on every machine of the class)")
    elif args.clear:
        exchange.set_class_key(db, None)
        out("class key cleared: bundles are no longer signed or checked")
    else:
        key = exchange.get_class_key(db)
        out(f"class key: {key.hex()}" if key else "no class key set")
    return 0


def _coach_uuid(db, name: str | None) -> str | None:
    from rebuttal_lab.cli import CliError

    if name is None:
        return None
    wanted = " ".join(name.split())
    rows = list(db.query("SELECT uuid FROM profiles WHERE role = 'coach' AND name = ? COLLATE NOCASE",
                         [wanted]))
    if not rows:
        raise CliError(f"no coach called {name!r}")
    return rows[0]["uuid"]


def cmd_pack_export(args, out) -> int:
    from rebuttal_lab.cli import open_db, resolve_article
    from rebuttal_lab.services import exchange, packs

    path = output_path(args.output)
    db = open_db(args)
    author = _coach_uuid(db, args.coach)
    if author is None:
        packs.ensure_practice_answer_keys(db)  # without --coach the bundled keys travel
    articles = [resolve_article(db, ref).uuid for ref in args.articles]
    with one_line_errors(exchange.ExchangeError, writing=args.output):
        counts = packs.export_pack(db, articles, path, author)
    articles, keys = counts["articles"], counts["answer_keys"]
    out(f"exported {articles} article{'s' * (articles != 1)} with {keys} answer "
        f"key{'s' * (keys != 1)} to {path}")
    return 0


def cmd_pack_import(args, out) -> int:
    from rebuttal_lab.cli import open_db
    from rebuttal_lab.services import packs

    return _report([packs.import_pack(open_db(args), args.file)], out)


def add_commands(subparsers) -> None:
    """Add `bundle` and `pack` to the CLI's subparsers (the object add_subparsers() returned)."""
    common = db_option()

    bundle = subparsers.add_parser("bundle", parents=[common], help="move sessions between machines (.rlab)",
                                   description="move sessions between machines (.rlab)")
    bundle.set_defaults(handler=None)
    commands = bundle.add_subparsers(dest="bundle_command", metavar="SUBCOMMAND", required=True)
    sub = commands.add_parser("export", parents=[common], help="write sessions to a .rlab bundle")
    sub.set_defaults(handler=cmd_bundle_export)
    scope = sub.add_mutually_exclusive_group(required=True)
    scope.add_argument("--session", metavar="ID", help="one session (id or unique id prefix)")
    scope.add_argument("--student", metavar="NAME", help="all sessions of one student")
    scope.add_argument("--all", action="store_true", help="every session in the database")
    sub.add_argument("-o", "--output", required=True, metavar="FILE.rlab")
    sub = commands.add_parser("import", parents=[common], help="import .rlab bundles (safe to repeat)")
    sub.set_defaults(handler=cmd_bundle_import)
    sub.add_argument("files", nargs="+", metavar="FILE")
    sub = commands.add_parser("drop", parents=[common], help="write a student's bundle into the class folder")
    sub.set_defaults(handler=cmd_bundle_drop)
    sub.add_argument("--student", required=True, metavar="NAME")
    sub.add_argument("--folder", metavar="FOLDER", help="default: class_folder from the settings")
    sub = commands.add_parser("collect", parents=[common],
                              help="import the class folder's bundles not imported before")
    sub.set_defaults(handler=cmd_bundle_collect)
    sub.add_argument("--folder", metavar="FOLDER", help="default: class_folder from the settings")
    sub = commands.add_parser("class-key", parents=[common],
                              help="show, set or clear the key that signs and checks this class's bundles")
    sub.set_defaults(handler=cmd_bundle_class_key)
    choice = sub.add_mutually_exclusive_group()
    choice.add_argument("--generate", action="store_true", help="make a new random key and use it")
    choice.add_argument("--set", metavar="HEX", help="use this key (from another machine of the class)")
    choice.add_argument("--clear", action="store_true", help="stop signing and checking bundles")

    about = "hand out articles with answer keys (.rlabpack)"
    pack = subparsers.add_parser("pack", parents=[common], help=about, description=about)
    pack.set_defaults(handler=None)
    commands = pack.add_subparsers(dest="pack_command", metavar="SUBCOMMAND", required=True)
    sub = commands.add_parser("export", parents=[common], help="write articles and answer keys to a pack")
    sub.set_defaults(handler=cmd_pack_export)
    sub.add_argument("articles", nargs="+", metavar="ARTICLE", help="an article id, id prefix, title or file")
    sub.add_argument("-o", "--output", required=True, metavar="FILE.rlabpack")
    sub.add_argument("--coach", metavar="NAME",
                     help="whose answer keys to include (default: the keys that come with the app)")
    sub = commands.add_parser("import", parents=[common], help="import an article pack")
    sub.set_defaults(handler=cmd_pack_import)
    sub.add_argument("file", metavar="FILE")
