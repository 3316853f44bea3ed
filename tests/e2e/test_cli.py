"""The command line, end to end: every command and error path through a real `rebuttal-lab` subprocess.

Each test has its own database (--db in tmp_path); tests/conftest.py has already pointed HOME, the XDG
folders and REBUTTAL_LAB_SYSTEM_CONFIG at temporary places, and subprocesses inherit that environment.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO_ROOT = Path(__file__).resolve().parents[2]
EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
PRACTICE_DIR = REPO_ROOT / "resources" / "articles"
ENTRY_POINT = Path(sys.executable).parent / "rebuttal-lab"
COMMAND = [str(ENTRY_POINT)] if ENTRY_POINT.exists() else [sys.executable, "-m", "rebuttal_lab"]
VERDICTS = {"rebutted", "touched", "missed"}

ARTICLE = """Cities Should Ban Cars From Their Centres

Car bans cut air pollution, because traffic is the main source of fine particles in city streets.
Shops in car-free streets earn more money, since pedestrians linger and browse.
Public transport can carry everyone who now drives into the centre.
"""
CLAIMS = [
    {"id": "c1", "quote": "Car bans cut air pollution"},
    {"id": "c2", "quote": "Shops in car-free streets earn more money"},
    {"id": "c3", "quote": "Public transport can carry everyone who now drives into the centre."},
]
REBUTTAL = (
    "Pollution falls anyway as cars go electric, so a ban buys little clean air. "
    "Shops lose the customers who drive in from the suburbs with heavy shopping."
)


# --- helpers ------------------------------------------------------------------------------------------

def run(*args, db: Path | None = None, env: dict | None = None, check_status: int | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    """Run rebuttal-lab; never a traceback, whatever happens."""
    argv = [*COMMAND, *(["--db", str(db)] if db else []), *map(str, args)]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
    assert "Traceback" not in proc.stderr, proc.stderr
    if check_status is not None:
        assert proc.returncode == check_status, f"status {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


def assert_one_line_error(proc: subprocess.CompletedProcess, status: int, *fragments: str) -> None:
    assert proc.returncode == status, f"status {proc.returncode}: {proc.stderr}"
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("rebuttal-lab: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "lab.db"


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    paths = {"article": tmp_path / "cars.txt", "claims": tmp_path / "claims.json",
             "rebuttal": tmp_path / "rebuttal.txt"}
    paths["article"].write_text(ARTICLE, encoding="utf-8")
    paths["claims"].write_text(json.dumps(CLAIMS), encoding="utf-8")
    paths["rebuttal"].write_text(REBUTTAL, encoding="utf-8")
    return paths


def articles_json(db: Path) -> list[dict]:
    return json.loads(run("articles", "--format", "json", db=db, check_status=0).stdout)


def check_contract(report: dict, ids: list[str], rebuttal: str) -> None:
    """The scorer's JSON contract of DESIGN.md, field by field."""
    assert isinstance(report["scorer_version"], str) and report["scorer_version"]
    assert isinstance(report["overall"], int | float) and 0.0 <= report["overall"] <= 1.0
    assert [c["id"] for c in report["claims"]] == ids
    for claim in report["claims"]:
        assert {"id", "coverage", "verdict", "sentences", "matched", "moves", "feedback"} <= set(claim)
        assert isinstance(claim["coverage"], int | float) and 0.0 <= claim["coverage"] <= 1.0
        assert claim["verdict"] in VERDICTS
        for span in claim["sentences"]:
            assert len(span) == 2 and all(isinstance(x, int) for x in span)
            assert 0 <= span[0] < span[1] <= len(rebuttal), span
        for triple in claim["matched"]:
            assert len(triple) == 3 and all(isinstance(x, str) for x in triple), triple
        assert all(isinstance(m, str) for m in claim["moves"])
        assert isinstance(claim["feedback"], str)


# --- global options -----------------------------------------------------------------------------------

def test_version():
    from rebuttal_lab import __version__

    proc = run("--version", check_status=0)
    assert proc.stdout.strip() == f"rebuttal-lab {__version__}"


def test_help_lists_every_command():
    proc = run("--help", check_status=0)
    for command in ("import", "articles", "suggest", "score", "session", "sessions", "show"):
        assert command in proc.stdout


@pytest.mark.parametrize("args", [
    ["bogus"],
    ["score"],
    ["score", "x.txt", "--claims", "c.json"],
    ["articles", "--format", "xml"],
    ["session"],
    ["--smoke-test", "articles"],
])
def test_usage_errors_exit_2(db, args):
    proc = run(*args, db=db)
    assert proc.returncode == 2, proc.stderr
    assert "usage:" in proc.stderr
    assert not db.exists()


def test_db_option_after_the_command(db, files):
    run("articles", "--db", str(db), check_status=0)
    assert db.exists()


def test_rebuttal_lab_db_environment_variable(tmp_path, files):
    env_db, option_db = tmp_path / "from-env.db", tmp_path / "from-option.db"
    run("import", files["article"], env={"REBUTTAL_LAB_DB": str(env_db)}, check_status=0)
    assert env_db.exists()
    assert [a["title"] for a in articles_json(env_db)].count("Cities Should Ban Cars From Their Centres") == 1
    # --db wins over the variable
    run("--db", option_db, "articles", env={"REBUTTAL_LAB_DB": str(env_db)}, check_status=0)
    assert option_db.exists()
    titles = [a["title"] for a in json.loads(run("articles", "--format", "json", db=option_db).stdout)]
    assert "Cities Should Ban Cars From Their Centres" not in titles


def test_default_database_is_in_the_app_data_folder(isolated_user_dirs, files):
    run("import", files["article"], check_status=0)
    assert (isolated_user_dirs / ".local" / "share" / "RebuttalLab" / "rebuttal-lab" / "rebuttal-lab.db").exists()


# --- import and articles ------------------------------------------------------------------------------

LINE = re.compile(r"^(imported|duplicate|refused)  (.+?): (.+)$")


def test_import_files_and_folders(tmp_path, db, files):
    folder = tmp_path / "folder"
    (folder / "inner").mkdir(parents=True)
    (folder / "one.md").write_text("# Homework Should Be Abolished\n\nHomework takes time from play and "
                                   "sleep, and it widens the gap between rich and poor pupils.\n")
    (folder / "inner" / "two.txt").write_text("School Uniforms Work\n\nUniforms end competition over "
                                              "clothes, so pupils focus on lessons instead of labels.\n")
    proc = run("import", files["article"], folder, db=db, check_status=0)
    lines = proc.stdout.strip().splitlines()
    assert all(LINE.match(line) for line in lines[:-1]), lines
    assert [LINE.match(line).group(1) for line in lines[:-1]] == ["imported"] * 3
    assert lines[-1].startswith("3 imported, 0 already in the library, 0 refused")

    again = run("import", files["article"], db=db, check_status=0)
    assert again.stdout.startswith(f"duplicate  {files['article']}: ")
    titles = {a["title"] for a in articles_json(db)}
    assert {"Cities Should Ban Cars From Their Centres", "Homework Should Be Abolished",
            "School Uniforms Work"} <= titles


def test_import_refused_and_missing_files_exit_1(tmp_path, db, files):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    proc = run("import", files["article"], missing, empty, db=db)
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("imported  ")
    assert lines[1] == f"refused  {missing}: no such file or folder"
    assert LINE.match(lines[2]) and lines[2].startswith(f"refused  {empty}: ")
    assert lines[3] == "1 imported, 0 already in the library, 2 refused"


def test_articles_table_and_json(db, files):
    run("import", files["article"], db=db, check_status=0)
    rows = articles_json(db)
    cars = next(r for r in rows if r["title"] == "Cities Should Ban Cars From Their Centres")
    assert {"uuid", "title", "author", "motion", "words", "sessions", "imported_at"} <= set(cars)
    assert cars["words"] > 30 and cars["sessions"] == 0
    table = run("articles", db=db, check_status=0).stdout
    assert table.splitlines()[0].split()[:2] == ["ID", "TITLE"]
    assert cars["uuid"][:8] in table


# --- score and suggest --------------------------------------------------------------------------------

def test_score_json_contract(db, files):
    proc = run("score", files["article"], "--claims", files["claims"], "--rebuttal", files["rebuttal"],
               "--format", "json", db=db, check_status=0)
    check_contract(json.loads(proc.stdout), ["c1", "c2", "c3"], REBUTTAL)


def test_score_reads_each_claim_in_its_article(tmp_path, db):
    """A rebuttal in the words of the sentence before a claim answers it: the CLI passes the article."""
    from context_example import ANSWER, ARTICLE, QUOTES

    (tmp_path / "levy.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "levy.json").write_text(json.dumps([{"id": f"s{i}", "quote": q} for i, q in enumerate(QUOTES)]))
    (tmp_path / "answer.txt").write_text(ANSWER, encoding="utf-8")
    proc = run("score", tmp_path / "levy.txt", "--claims", tmp_path / "levy.json", "--rebuttal",
               tmp_path / "answer.txt", db=db, check_status=0)
    report = json.loads(proc.stdout)
    assert [(c["id"], c["verdict"]) for c in report["claims"]] == [("s0", "missed"), ("s1", "rebutted"),
                                                                    ("s2", "missed")]
    assert ["budget", "budget", "exact"] in report["claims"][1]["matched"]


def test_score_with_offsets_and_article_by_id_and_title(tmp_path, db, files):
    run("import", files["article"], db=db, check_status=0)
    uuid = next(a["uuid"] for a in articles_json(db) if a["title"].startswith("Cities"))
    body_start = ARTICLE.index("Car bans")
    offsets = tmp_path / "offsets.json"
    offsets.write_text(json.dumps([{"id": "first", "start": body_start, "end": body_start + 27},
                                   {"quote": "Public transport can carry everyone"}]))
    for ref in (uuid, uuid[:8], "Cities Should Ban Cars From Their Centres", "ban cars"):
        proc = run("score", ref, "--claims", offsets, "--rebuttal", files["rebuttal"], db=db, check_status=0)
        report = json.loads(proc.stdout)
        assert [c["id"] for c in report["claims"]] == ["first", "2"]


def test_score_text_uses_debate_words(tmp_path, db, files):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    proc = run("score", files["article"], "--claims", files["claims"], "--rebuttal", empty,
               "--format", "text", db=db, check_status=0)
    assert "Dropped" in proc.stdout and "missed" not in proc.stdout
    report = json.loads(run("score", files["article"], "--claims", files["claims"], "--rebuttal", empty,
                            db=db, check_status=0).stdout)
    assert {c["verdict"] for c in report["claims"]} == {"missed"}
    assert report["overall"] == 0


@pytest.mark.skipif(not (EVAL_DIR / "phones_labelled.json").exists(), reason="no ../shared/eval here")
def test_score_contract_on_the_eval_phones_article(tmp_path, db):
    data = json.loads((EVAL_DIR / "phones_labelled.json").read_text(encoding="utf-8"))
    claims = tmp_path / "claims.json"
    claims.write_text(json.dumps([{"id": c["id"], "quote": c["quote"]} for c in data["claims"]]))
    ids = [c["id"] for c in data["claims"]]
    for rebuttal in data["rebuttals"][:3]:
        text_file = tmp_path / f"{rebuttal['id']}.txt"
        text_file.write_text(rebuttal["text"], encoding="utf-8")
        proc = run("score", EVAL_DIR / data["article"], "--claims", claims, "--rebuttal", text_file,
                   "--format", "json", db=db, check_status=0)
        check_contract(json.loads(proc.stdout), ids, rebuttal["text"])
    text = run("score", EVAL_DIR / data["article"], "--claims", claims, "--rebuttal", text_file,
               "--format", "text", db=db, check_status=0).stdout
    assert all(claim_id in text for claim_id in ids)


def practice_article_with_claims(tmp_path: Path) -> tuple[Path, Path]:
    articles = sorted(PRACTICE_DIR.glob("*.md"))
    if not articles:
        pytest.skip("no practice articles in resources/articles yet")
    article = articles[0]
    key = PRACTICE_DIR / "keys" / f"{article.stem}.json"
    claims = tmp_path / "claims.json"
    if key.exists():
        quotes = [c["quote"] for c in json.loads(key.read_text(encoding="utf-8"))["claims"] if c.get("quote")]
        claims.write_text(json.dumps([{"id": f"k{i}", "quote": q} for i, q in enumerate(quotes[:5], 1)]))
    else:
        pytest.skip(f"{article.name} has no answer key")
    return article, claims


def test_score_contract_on_a_bundled_practice_article(tmp_path, db, files):
    article, claims = practice_article_with_claims(tmp_path)
    ids = [c["id"] for c in json.loads(claims.read_text())]
    proc = run("score", article, "--claims", claims, "--rebuttal", files["rebuttal"], "--format", "json",
               db=db, check_status=0)
    check_contract(json.loads(proc.stdout), ids, REBUTTAL)


def test_suggest_json_and_text(db, files):
    proc = run("suggest", files["article"], "--format", "json", db=db, check_status=0)
    suggestions = json.loads(proc.stdout)
    assert isinstance(suggestions, list) and suggestions
    for s in suggestions:
        assert {"start", "end", "text", "confidence", "why"} <= set(s)
        assert isinstance(s["start"], int) and isinstance(s["end"], int) and 0 <= s["start"] < s["end"]
        assert isinstance(s["text"], str) and s["text"].strip()
        assert 0.0 <= s["confidence"] <= 1.0 and isinstance(s["why"], str)
    text = run("suggest", files["article"], "--format", "text", db=db, check_status=0).stdout
    assert suggestions[0]["text"][:30] in " ".join(text.split())


# --- sessions -----------------------------------------------------------------------------------------

def test_session_new_sessions_and_show(tmp_path, db, files):
    first = run("session", "new", files["article"], "--student", "Ann Lee", "--claims", files["claims"],
                "--rebuttal", files["rebuttal"], db=db, check_status=0).stdout.strip()
    assert re.fullmatch(r"[0-9a-f-]{36}", first)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"c1": "Electric cars cut pollution anyway.", "c3": "Buses are full."}))
    second = run("session", "new", files["article"], "--student", "Bob", "--claims", files["claims"],
                 "--rebuttal", answers, "--submit", db=db, check_status=0).stdout.strip()

    rows = json.loads(run("sessions", "--format", "json", db=db, check_status=0).stdout)
    assert {r["uuid"] for r in rows} == {first, second}
    by_id = {r["uuid"]: r for r in rows}
    assert by_id[first]["writing"] == "speech" and by_id[first]["status"] == "open"
    assert by_id[second]["writing"] == "flow" and by_id[second]["status"] == "submitted"
    assert by_id[first]["claims"] == 3 and 0.0 <= by_id[first]["score"] <= 1.0
    only_ann = json.loads(run("sessions", "--student", "ann lee", "--format", "json", db=db).stdout)
    assert [r["uuid"] for r in only_ann] == [first]
    table = run("sessions", db=db, check_status=0).stdout
    assert "Ann Lee" in table and "Bob" in table and first[:8] in table

    snap = json.loads(run("show", first[:8], db=db, check_status=0).stdout)
    assert snap["session"]["uuid"] == first and snap["article"]["title"].startswith("Cities")
    assert [c["quote"] for c in snap["claims"]] == [c["quote"] for c in CLAIMS]
    assert [r["text"] for r in snap["rebuttals"]] == [REBUTTAL]
    check_contract(snap["score"], [c["uuid"] for c in snap["claims"]], REBUTTAL)
    flow = json.loads(run("show", second, "--format", "json", db=db, check_status=0).stdout)
    assert sorted(r["text"] for r in flow["rebuttals"]) == ["Buses are full.",
                                                            "Electric cars cut pollution anyway."]
    text = run("show", second, "--format", "text", db=db, check_status=0).stdout
    assert "Bob" in text and "Buses are full." in text and "submitted" in text


def test_session_errors(tmp_path, db, files):
    missing = run("session", "new", files["article"], "--student", "Ann", "--claims", tmp_path / "nope.json",
                  "--rebuttal", files["rebuttal"], db=db)
    assert_one_line_error(missing, 1, "nope.json: no such file")
    flow_from_text = run("session", "new", files["article"], "--student", "Ann", "--claims", files["claims"],
                         "--rebuttal", files["rebuttal"], "--writing", "flow", db=db)
    assert_one_line_error(flow_from_text, 2, "rebuttal.txt", "--writing flow")
    wrong_ids = tmp_path / "answers.json"
    wrong_ids.write_text(json.dumps({"c9": "An answer to a claim that is not there."}))
    unknown = run("session", "new", files["article"], "--student", "Ann", "--claims", files["claims"],
                  "--rebuttal", wrong_ids, db=db)
    assert_one_line_error(unknown, 1, "answers.json", "c9")
    assert json.loads(run("sessions", "--format", "json", db=db, check_status=0).stdout) == []
    assert_one_line_error(run("show", "0000", db=db), 1, "no session '0000'")
    assert_one_line_error(run("sessions", "--student", "Nobody", db=db), 1, "no student called 'Nobody'")


# --- bad input files ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "fragments"), [
    ('[\n  {"id": "c1",\n   "quote": oops}\n]', ["claims.json: not valid JSON (line 3"]),
    ('{"id": "c1", "quote": "Car bans"}', ["claims.json: expected a JSON list"]),
    ("[]", ["claims.json: holds no claims"]),
    ('[{"id": "c1"}]', ["claims.json: claim c1 needs a \"quote\""]),
    ('[{"id": "c1", "quote": "Cars"}, {"id": "c1", "quote": "Shops"}]', ["claims.json: claim id 'c1' is used twice"]),
    ('[{"id": "c1", "quote": "Trains are faster than planes"}]', ["claims.json: claim c1: quote not found"]),
    ('[{"id": "c1", "start": 5, "end": 99999}]', ["claims.json: claim c1: offsets 5-99999"]),
])
def test_bad_claims_file(tmp_path, db, files, content, fragments):
    bad = tmp_path / "claims.json"
    bad.write_text(content)
    proc = run("score", files["article"], "--claims", bad, "--rebuttal", files["rebuttal"], db=db)
    assert_one_line_error(proc, 1, *fragments)
    assert proc.stdout == ""


def test_missing_files_and_unknown_articles(tmp_path, db, files):
    cases = [
        (["score", tmp_path / "gone.txt", "--claims", files["claims"], "--rebuttal", files["rebuttal"]],
         "gone.txt: no such file"),
        (["score", files["article"], "--claims", files["claims"], "--rebuttal", tmp_path / "gone.txt"],
         "gone.txt: no such file"),
        (["score", files["article"], "--claims", tmp_path, "--rebuttal", files["rebuttal"]], "is a folder"),
        (["suggest", "no-such-article"], "no article or file called 'no-such-article'"),
        (["suggest", tmp_path], "is a folder"),
    ]
    for args, fragment in cases:
        assert_one_line_error(run(*args, db=db), 1, fragment)


def test_unreadable_database_locations(tmp_path, files):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert_one_line_error(run("articles", db=blocker / "lab.db"), 1, "lab.db")
    assert_one_line_error(run("articles", db=tmp_path), 1, "is a folder")


# --- databases we must not touch ----------------------------------------------------------------------

def test_newer_version_database_is_refused_and_left_byte_identical(tmp_path, files):
    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE from_the_future (x)")
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for args in (["articles"], ["import", files["article"]], ["sessions"]):
        proc = run(*args, db=path)
        assert_one_line_error(proc, 1, "future.db", "newer version")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("future")) == ["future.db"]


def test_corrupt_database_is_refused_and_left_byte_identical(tmp_path):
    path = tmp_path / "broken.db"
    path.write_bytes(b"this is not an SQLite database, just some words " * 100)
    before = path.read_bytes()
    assert_one_line_error(run("articles", db=path), 1, "broken.db")
    assert path.read_bytes() == before


# --- headless commands stay headless ------------------------------------------------------------------

def test_headless_commands_never_import_qt(tmp_path, db, files):
    script = (
        "import json, sys\n"
        "from rebuttal_lab import cli\n"
        "status = cli.main(json.loads(sys.argv[1]))\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(json.dumps({'status': status, 'qt': qt}), file=sys.stderr)\n"
    )
    commands = [
        ["import", str(files["article"])],
        ["articles"],
        ["score", str(files["article"]), "--claims", str(files["claims"]), "--rebuttal", str(files["rebuttal"])],
        ["suggest", str(files["article"])],
        ["session", "new", str(files["article"]), "--student", "Ann", "--claims", str(files["claims"]),
         "--rebuttal", str(files["rebuttal"]), "--submit"],
        ["sessions"],
        ["--version"],
    ]
    for argv in commands:
        proc = subprocess.run([sys.executable, "-c", script, json.dumps(["--db", str(db), *argv])],
                              capture_output=True, text=True, timeout=120)
        result = json.loads(proc.stderr.strip().splitlines()[-1])
        assert result == {"status": 0, "qt": []}, (argv, proc.stderr)


def test_version_starts_without_loading_the_store_or_scorer():
    proc = subprocess.run(
        [sys.executable, "-c", "import sys\nfrom rebuttal_lab import cli\ntry:\n    cli.main(['--version'])\n"
         "finally:\n    print(sorted(m for m in sys.modules if m.startswith(('sqlite_utils', 'nltk', "
         "'PySide6', 'rebuttal_lab.nlp', 'rebuttal_lab.store'))))"],
        capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout + proc.stderr
