"""The coach's dashboard over a big class: opening, filtering, sorting, and memory at 10k vs 100k sessions.

Generates a realistic class database (students, articles, sessions with claims, answers and scores) with
executemany inside one transaction, cached under build/bench/ by its parameters, then prints medians of
5 runs: opening the dashboard (model created + first page + row count; target <= 300 ms), applying each
common filter and sort (target <= 100 ms each), and the tracemalloc peak of opening and scrolling 20 pages
at 10k and 100k sessions (should stay flat). --plans prints EXPLAIN QUERY PLAN for the queries measured.
Never passes or fails on a time.

    .venv/bin/python benchmarks/dashboard.py [--sessions 100000] [--students 30] [--articles 12] [--plans]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import time
import tracemalloc
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

import sqlite_utils  # noqa: E402

from rebuttal_lab.store import open_database  # noqa: E402
from rebuttal_lab.store.database import schema_version  # noqa: E402

FIRST_NAMES = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jade", "Kai", "Lena", "Milo",
               "Nia", "Otto", "Pia", "Quinn", "Rosa", "Sami", "Tess", "Umar", "Vera", "Wes", "Xena", "Yuri",
               "Zoe", "Abel", "Bea", "Cruz", "Dina"]
TOPICS = ["Homework harms learning", "Phones out of class", "Later school start", "Uniforms for all",
          "Ban junk food ads", "Four-day school week", "Votes at sixteen", "Free public transport",
          "Exams should go", "Coding for everyone", "Year-round school", "Tablets not textbooks",
          "Pay students for grades", "Longer lunch breaks", "No more grades", "Single-sex schools",
          "Mandatory sport", "Art over algebra", "Homework clubs", "School gardens"]
KINDS = ["main", "reason", "evidence", "example", "value", "prediction", "analogy"]
MODES = ["practice", "practice", "drill", "spotting"]


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def generate(path: Path, students: int, articles: int, sessions: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    db = open_database(path)
    conn = db.conn
    start = datetime(2025, 9, 1, tzinfo=UTC)
    people = [(_uuid(rng), f"{FIRST_NAMES[n % 30]} {chr(65 + n // 30)}{n}") for n in range(students)]
    texts = [(_uuid(rng), TOPICS[n % len(TOPICS)] + ("" if n < len(TOPICS) else f" {n}")) for n in range(articles)]
    body = "Schools assign too much homework. Students lose sleep. A study found grades rose. " * 20
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO profiles (uuid, name, role, created_at) VALUES (?, ?, 'student', ?)",
                     [(u, name, start.isoformat()) for u, name in people])
    conn.executemany("INSERT INTO articles (uuid, title, body, body_sha256, imported_at) VALUES (?, ?, ?, ?, ?)",
                     [(u, title, body, u, start.isoformat()) for u, title in texts])
    batch: dict[str, list] = {"sessions": [], "claims": [], "rebuttals": [], "scores": []}
    for i in range(sessions):
        s = _uuid(rng)
        when = (start + timedelta(seconds=i * 240 + rng.randrange(200))).isoformat(timespec="milliseconds")
        mode = rng.choice(MODES)
        reviewed = when if rng.random() < 0.3 else None
        batch["sessions"].append((s, rng.choice(texts)[0], rng.choice(people)[0], mode, rng.uniform(60, 900), when,
                                  when, when, "submitted", reviewed))
        verdicts = []
        for position in range(rng.randint(3, 6)):
            c = _uuid(rng)
            batch["claims"].append((c, s, position * 40, position * 40 + 30, "Schools assign too much homework",
                                    rng.choice(KINDS), position))
            verdicts.append({"id": c, "verdict": rng.choice(["rebutted", "touched", "missed"]),
                             "coverage": round(rng.random(), 3)})
        batch["rebuttals"].append((_uuid(rng), s, "Homework builds habits; the study measured one school.", when))
        overall, breadth, evidence = (round(rng.random(), 4) for _ in range(3))
        report = {"scorer_version": "bench", "overall": overall, "claims": verdicts,
                  "parts": {"breadth": breadth, "depth": 0.5, "evidence": evidence}}
        if mode == "spotting":
            report.update(precision=round(rng.random(), 3), recall=round(rng.random(), 3))
        batch["scores"].append((s, when, "bench", overall, breadth, 0.5, evidence, json.dumps(report)))
    conn.executemany("INSERT INTO sessions (uuid, article_uuid, profile_uuid, mode, time_used_s, started_at,"
                     " updated_at, submitted_at, status, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     batch["sessions"])
    conn.executemany('INSERT INTO claims (uuid, session_uuid, start, "end", quote, kind, position)'
                     " VALUES (?, ?, ?, ?, ?, ?, ?)", batch["claims"])
    conn.executemany("INSERT INTO rebuttals (uuid, session_uuid, text, updated_at) VALUES (?, ?, ?, ?)",
                     batch["rebuttals"])
    conn.executemany("INSERT INTO scores (session_uuid, computed_at, scorer_version, overall, breadth, depth,"
                     " evidence, details_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch["scores"])
    conn.execute("COMMIT")
    db.close()


def class_db(students: int, articles: int, sessions: int, seed: int = 1) -> Path:
    """The generated database for these parameters, made once and then reused from build/bench/."""
    folder = ROOT / "build" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"class-v{schema_version()}-{students}s-{articles}a-{sessions}n-{seed}.db"
    if not path.exists():
        partial = path.with_suffix(".partial.db")
        for stale in folder.glob(partial.name + "*"):
            stale.unlink()
        started = time.perf_counter()
        generate(partial, students, articles, sessions, seed)
        partial.rename(path)
        print(f"generated {path.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def median_ms(action, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(path: Path, runs: int, plans: bool) -> None:
    from PySide6.QtCore import QCoreApplication, Qt

    from rebuttal_lab.store import dashboard
    from rebuttal_lab.store.dashboard import COLUMNS, Filters
    from rebuttal_lab.ui.dashboard_model import DashboardModel

    _app = QCoreApplication.instance() or QCoreApplication([])
    db = open_database(path)
    total = db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    student = db.execute("SELECT uuid FROM profiles LIMIT 1 OFFSET 3").fetchone()[0]
    article = db.execute("SELECT uuid FROM articles LIMIT 1").fetchone()[0]
    day = db.execute("SELECT substr(max(started_at), 1, 10) FROM sessions").fetchone()[0]
    month_ago = (datetime.fromisoformat(day) - timedelta(days=30)).date().isoformat()
    print(f"\n{path.name}: {total:,} sessions")
    opened = median_ms(lambda: DashboardModel(db).rowCount(), runs)
    print(f"  open dashboard (model + first page + count)  {opened:7.1f} ms   (target <= 300)")
    choices = median_ms(lambda: (dashboard.students(db), dashboard.articles(db)), runs)
    print(f"  the filter bar's students and articles       {choices:7.1f} ms   (the window adds this on open)")
    fresh = median_ms(lambda: DashboardModel(sqlite_utils.Database(sqlite3.connect(path))).rowCount(), runs)
    print(f"  the same on a new connection                 {fresh:7.1f} ms   (SQLite's cache empty)")
    model = DashboardModel(db)
    filters = {
        "student": Filters(student=student), "article": Filters(article=article),
        "last 30 days": Filters(date_from=month_ago, date_to=day), "mode drill": Filters(mode="drill"),
        "score 0.4-0.6": Filters(score_min=0.4, score_max=0.6), "not reviewed": Filters(reviewed=False),
        "search 'ana'": Filters(search="ana"), "student + not reviewed": Filters(student=student, reviewed=False),
    }
    for name, chosen in filters.items():
        took = median_ms(lambda chosen=chosen: model.set_filters(chosen), runs)
        print(f"  filter {name:<30}        {took:7.1f} ms   (target <= 100)  {model.total_count():>7,} rows")
        if plans:
            _plan(db, chosen, "started_at")
    model.set_filters(Filters())
    for column in COLUMNS:
        number = COLUMNS.index(column)
        took = median_ms(lambda number=number: model.sort(number, Qt.SortOrder.DescendingOrder), runs)
        print(f"  sort by {column.key:<29}        {took:7.1f} ms   (target <= 100)")
        if plans:
            _plan(db, Filters(), column.key)
    for key in ("started_at", "student", "overall"):
        took = median_ms(lambda key=key: dashboard.page(db, Filters(), key, True, offset=total // 2), runs)
        print(f"  a page half-way down, sorted by {key:<12}       {took:7.1f} ms   (OFFSET {total // 2:,})")
    db.close()


def _plan(db, filters, sort: str) -> None:
    from rebuttal_lab.store import dashboard

    sql, params = dashboard.page_id_queries(filters, sort, True)[0]
    for row in db.execute(f"EXPLAIN QUERY PLAN {sql} LIMIT 100", params).fetchall():
        print(f"      plan: {row[-1]}")


def memory(path: Path) -> float:
    """Peak Python memory (MiB) of opening the dashboard and scrolling 20 pages down."""
    from PySide6.QtCore import QCoreApplication, QModelIndex

    from rebuttal_lab.ui.dashboard_model import DashboardModel

    _app = QCoreApplication.instance() or QCoreApplication([])
    db = open_database(path)
    tracemalloc.start()
    model = DashboardModel(db)
    for _ in range(20):
        model.fetchMore(QModelIndex())
        model.data(model.index(model.rowCount() - 1, 0))
    for row in range(0, model.rowCount(), 50):  # scroll back up: dropped pages are read again
        model.data(model.index(row, 0))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    db.close()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--articles", type=int, default=12, help="6-20 is realistic")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plans", action="store_true", help="print EXPLAIN QUERY PLAN for each query")
    args = parser.parse_args()
    big = class_db(args.students, args.articles, args.sessions, args.seed)
    small = class_db(args.students, args.articles, max(1, args.sessions // 10), args.seed)
    measure(big, args.runs, args.plans)
    print("\nmemory (tracemalloc peak: open + 20 pages + scroll back)")
    for path in (small, big):
        sessions = path.name.split("-")[4]
        print(f"  {sessions:>8} sessions  {memory(path):6.2f} MiB")


if __name__ == "__main__":
    main()
