"""A student who types without stopping, for the kill test and the kill soak benchmark.

Run as a script: it makes a practice session in the --db given, opens it in the real GUI pieces
(offscreen QApplication, SessionController, and the real flow sheet), and types into the first answer
box with QTest.keyClicks, one character every ~1/rate seconds. It prints

    ready <session uuid> <claim uuid>
    typed <n> <time.monotonic()>      (after every keystroke; n characters typed so far)

flushing each line, so a parent process knows exactly what was typed when it kills this one.
The typed text is always typed_text(n): the parent can rebuild it from n alone.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ARTICLE = (
    "Phones should be banned in schools. Attention is the raw material of learning, and phones are "
    "built to capture it. A ban narrows the achievement gap between strong and weak students."
)
CLAIM = "Attention is the raw material of learning, and phones are built to capture it."
SENTENCES = (
    "Attention is not a fixed stock that phones drain. ",
    "Students who learn to manage a phone keep that skill for life, a ban teaches nothing. ",
    "The studies cited measure test scores, not attention, and most were not controlled. ",
    "Teachers already take phones away when they distract, so a blanket rule adds little. ",
)


def typed_text(n: int) -> str:
    """The first n characters the driver types (deterministic, so the parent can check a prefix)."""
    text = ""
    i = 0
    while len(text) < n:
        text += SENTENCES[i % len(SENTENCES)]
        i += 1
    return text[:n]


def make_session(db) -> tuple[str, str]:
    from rebuttal_lab.core.models import Article
    from rebuttal_lab.services import practice
    from rebuttal_lab.store import articles, profiles

    article, _ = articles.add_article(db, Article(title="Kill test", body=ARTICLE))
    student = profiles.get_or_create_student(db, "Typist")
    session = practice.start_session(db, article, student.uuid, writing="flow")
    claims = practice.claims_from_spec(article.body, session.uuid, [{"quote": CLAIM}])
    practice.add_claims(db, claims)
    return session.uuid, claims[0].uuid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--rate", type=float, default=15.0, help="characters per second (mean)")
    parser.add_argument("--seconds", type=float, default=30.0, help="stop typing and exit after this long")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from rebuttal_lab.store import open_database
    from rebuttal_lab.ui.session_controller import SessionController

    app = QApplication([sys.argv[0]])
    db = open_database(args.db)
    session_uuid, claim_uuid = make_session(db)
    controller = SessionController(db)
    controller.open(session_uuid)
    try:
        from rebuttal_lab.ui.flow_sheet import FlowSheet
    except ImportError:  # no widget yet: call the controller as the answer box does
        sheet, editor = None, None
    else:
        sheet = FlowSheet(controller)
        sheet.resize(900, 600)
        sheet.show()
        editor = sheet.editors[claim_uuid]
        editor.setFocus()
    print(f"ready {session_uuid} {claim_uuid}", flush=True)

    rng = random.Random(args.seed)
    text = typed_text(int(args.rate * args.seconds) + 10)
    state = {"n": 0}
    started = time.monotonic()

    def type_one() -> None:
        n = state["n"]
        if time.monotonic() - started >= args.seconds:
            controller.flush()
            print(f"done {n}", flush=True)
            app.quit()
            return
        if editor is not None:
            QTest.keyClicks(editor, text[n])
        else:
            controller.set_answer(claim_uuid, text[: n + 1])
        state["n"] = n + 1
        print(f"typed {n + 1} {time.monotonic():.6f}", flush=True)
        # Human-ish rhythm: the mean interval is 1/rate, each gap between half and one and a half of it.
        timer.start(int(1000 / args.rate * rng.uniform(0.5, 1.5)))

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(type_one)
    timer.start(0)
    status = app.exec()
    db.close()
    return status


# --- the parent's side: run the driver, kill it, inspect the database ---------------------------------

@dataclass
class KillResult:
    typed: int               # characters the driver reported typed before it died
    stored: str              # the answer text found in the database afterwards
    expected: str            # typed_text(typed)
    must_have: int           # characters typed more than `grace` seconds before the kill
    lost_chars: int
    lost_seconds: float      # how long before the kill the first unsaved character was typed
    integrity: str           # PRAGMA integrity_check
    foreign_key_problems: list = field(default_factory=list)
    kill_after: float = 0.0

    @property
    def is_prefix(self) -> bool:
        # One keystroke may have landed (and been saved) after its "typed" line was lost with the process.
        return typed_text(len(self.stored)) == self.stored and len(self.stored) <= self.typed + 1

    def problems(self) -> list[str]:
        found = []
        if self.integrity != "ok":
            found.append(f"integrity_check: {self.integrity}")
        if self.foreign_key_problems:
            found.append(f"foreign_key_check: {self.foreign_key_problems}")
        if not self.is_prefix:
            found.append(f"stored text is not a prefix of the typed text: {self.stored[-40:]!r}")
        if len(self.stored) < self.must_have:
            found.append(f"lost text typed more than 1 s before the kill: stored {len(self.stored)} characters, "
                         f"{self.must_have} were typed by then ({self.typed} in all; the oldest lost one was "
                         f"typed {self.lost_seconds:.2f} s before the kill)")
        return found


def kill_run(db_path: Path, kill_after: float, rate: float = 15.0, grace: float = 1.0,
             python: str = sys.executable, start_timeout: float = 30.0) -> KillResult:
    """Start the driver, let it type for kill_after seconds, SIGKILL it, then check the database."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([python, str(Path(__file__).resolve()), "--db", str(db_path), "--rate", str(rate),
                             "--seconds", str(kill_after + 60)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []
    first_typed = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            lines.append(line.split())
            if line.startswith("typed"):
                first_typed.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        if not first_typed.wait(start_timeout):
            proc.kill()
            raise RuntimeError(f"the typing driver did not start typing: {proc.stderr.read()[-2000:]}")
        time.sleep(kill_after)
        killed_at = time.monotonic()
        proc.kill()
    finally:
        proc.wait()
        reader.join(5)
        proc.stdout.close()
        proc.stderr.close()
    times = [(int(p[1]), float(p[2])) for p in lines if p and p[0] == "typed"]
    typed = times[-1][0] if times else 0
    must_have = max((n for n, t in times if t <= killed_at - grace), default=0)

    conn = sqlite3.connect(str(db_path))
    try:
        integrity = "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        row = conn.execute("SELECT text FROM rebuttals WHERE claim_uuid IS NOT NULL").fetchall()
    finally:
        conn.close()
    stored = row[0][0] if row else ""
    lost = max(0, typed - len(stored))
    first_lost = next((t for n, t in times if n == len(stored) + 1), killed_at)
    return KillResult(typed=typed, stored=stored, expected=typed_text(typed), must_have=must_have,
                      lost_chars=lost, lost_seconds=max(0.0, killed_at - first_lost) if lost else 0.0,
                      integrity=integrity, foreign_key_problems=fk, kill_after=kill_after)


if __name__ == "__main__":
    sys.exit(main())
