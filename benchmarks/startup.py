"""Cold start to the first painted main window: Rebuttal Lab against a bare PySide6 QMainWindow.

    .venv/bin/python benchmarks/startup.py [--runs 5] [--fresh-db]

Each run is a fresh offscreen process; the two programs alternate in one run, so both meet the same
machine state. Time is from just before the process is spawned to the moment it prints that it painted
(`rebuttal-lab --smoke-test` prints "smoke-test: painted main window"). Peak memory is each child's own
max RSS (os.wait4). By default the database already exists (the everyday start); --fresh-db gives every
run a new one (the first start, which creates the schema and loads the practice articles).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAINTED = "smoke-test: painted main window"
ENTRY_POINT = Path(sys.executable).parent / "rebuttal-lab"
BARE = f'''
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLabel("Hello"))
window.resize(1200, 800)


class FirstPaint(QObject):
    painted = False

    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.Paint and not self.painted and watched.isWidgetType()
                and watched.window() is window):
            self.painted = True
            QTimer.singleShot(0, app.quit)
        return False


watcher = FirstPaint()
app.installEventFilter(watcher)
window.show()
app.exec()
print("{PAINTED}", flush=True)
'''


def measure(argv: list[str], env: dict) -> tuple[float, float]:
    """Seconds to the painted line, and the child's peak RSS in MiB."""
    started = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    elapsed = None
    for line in proc.stdout:
        if line.strip() == PAINTED:
            elapsed = time.monotonic() - started
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    errors = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    if elapsed is None or proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode} without painting: {errors[-1500:]}")
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return elapsed, peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh-db", action="store_true", help="a new database for every run")
    args = parser.parse_args(argv)
    app_cmd = [str(ENTRY_POINT)] if ENTRY_POINT.exists() else [sys.executable, "-m", "rebuttal_lab"]

    with tempfile.TemporaryDirectory(prefix="startup-") as folder:
        folder = Path(folder)
        bare_script = folder / "bare_window.py"
        bare_script.write_text(BARE)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(folder / "home"),
               "XDG_DATA_HOME": str(folder / "home" / "data"), "XDG_CONFIG_HOME": str(folder / "home" / "cfg"),
               "REBUTTAL_LAB_SYSTEM_CONFIG": str(folder / "no-system-config.toml")}
        env.pop("REBUTTAL_LAB_DB", None)
        db = folder / "lab.db"
        if not args.fresh_db:  # the everyday case: the database and practice articles already exist
            measure([*app_cmd, "--smoke-test", "--db", str(db)], env)
        app_runs, bare_runs = [], []
        for run in range(args.runs):
            run_db = folder / f"fresh-{run}.db" if args.fresh_db else db
            app_runs.append(measure([*app_cmd, "--smoke-test", "--db", str(run_db)], env))
            bare_runs.append(measure([sys.executable, str(bare_script)], env))
            print(f"run {run + 1}: rebuttal-lab {app_runs[-1][0]:.3f} s, bare QMainWindow {bare_runs[-1][0]:.3f} s",
                  flush=True)

    app_median = statistics.median(t for t, _ in app_runs)
    bare_median = statistics.median(t for t, _ in bare_runs)
    print()
    print(f"{'':22}{'median to paint':>16}{'peak RSS':>12}")
    print(f"{'rebuttal-lab':22}{app_median:>14.3f} s{max(m for _, m in app_runs):>8.0f} MiB")
    print(f"{'bare QMainWindow':22}{bare_median:>14.3f} s{max(m for _, m in bare_runs):>8.0f} MiB")
    print(f"ratio: {app_median / bare_median:.2f}x (target <= 2x), {args.runs} runs each, "
          f"{'fresh' if args.fresh_db else 'existing'} database")
    return 0


if __name__ == "__main__":
    sys.exit(main())
