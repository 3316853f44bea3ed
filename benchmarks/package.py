"""Package budgets: sizes of the .deb and of the unpacked install (per part), and packaged start-up time.

    .venv/bin/python benchmarks/package.py [--runs 5] [--no-build]

Builds the package first with `make package` (a no-op when it is fresh). Prints, does not assert:
  - the .deb's size (budget 55 MB) and the unpacked install's size (budget 150 MB), with the size of
    each top-level part so the biggest cost is visible;
  - start to first painted window (`rebuttal-lab --smoke-test`, offscreen, median of N runs; the time at
    which the program prints that it painted, and the time it has exited) against
    a bare PySide6 window BUILT THE SAME WAY (PyInstaller one-folder, packaging/bench/bare_window.py),
    and, for reference, the same bare window run with the venv's Python. Budget: packaged ≤ 2 × bare.
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

REPO = Path(__file__).resolve().parents[1]
DEB_DIR = REPO / "build" / "deb"
STAGE = DEB_DIR / "root"
BARE_SRC = REPO / "packaging" / "bench" / "bare_window.py"
BARE_DIST = REPO / "build" / "bench" / "dist"
MB = 1024 * 1024
DEB_BUDGET_MB, INSTALL_BUDGET_MB, START_BUDGET = 55, 150, 2.0


def size(path: Path) -> int:
    if path.is_symlink() or path.is_file():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def print_sizes() -> None:
    debs = sorted(DEB_DIR.glob("rebuttal-lab_*.deb"))
    if not debs:
        sys.exit("no .deb in build/deb: run make package")
    deb = debs[-1]
    total = size(STAGE) - size(STAGE / "DEBIAN")
    print(f"{deb.name}: {deb.stat().st_size / MB:6.1f} MB (budget {DEB_BUDGET_MB} MB)")
    print(f"unpacked install: {total / MB:6.1f} MB (budget {INSTALL_BUDGET_MB} MB)")
    internal = STAGE / "opt/rebuttal-lab/_internal"
    qt = internal / "PySide6/Qt"
    parts: dict[str, int] = {}
    for child in internal.iterdir():
        if child.is_symlink():
            continue
        parts[f"_internal/{child.name}"] = size(child)
    # PySide6 is the biggest part: show what is inside it.
    pyside = parts.pop("_internal/PySide6", 0)
    for lib in (qt / "lib").iterdir():
        parts[f"Qt lib {lib.name}"] = size(lib)
    parts["Qt plugins"] = size(qt / "plugins")
    parts["PySide6 bindings (*.abi3.so etc.)"] = pyside - size(qt / "lib") - size(qt / "plugins")
    parts["rebuttal-lab executable (bootloader + the app's Python bytecode)"] = size(STAGE / "opt/rebuttal-lab/rebuttal-lab")
    parts["/usr/share (desktop entry, icons, metainfo, man, docs)"] = size(STAGE / "usr/share")
    parts["/etc + /usr/bin"] = size(STAGE / "etc") + size(STAGE / "usr/bin")
    print("\nlargest parts of the unpacked install (MB):")
    shown = 0
    for name, value in sorted(parts.items(), key=lambda kv: -kv[1]):
        if shown < 25:
            print(f"  {value / MB:7.2f}  {name}")
            shown += 1
    rest = sum(sorted(parts.values(), reverse=True)[25:])
    print(f"  {rest / MB:7.2f}  (everything else, {max(0, len(parts) - 25)} parts)")


def build_bare() -> Path:
    exe = BARE_DIST / "bare_window" / "bare_window"
    if exe.exists() and exe.stat().st_mtime > BARE_SRC.stat().st_mtime:
        return exe
    subprocess.run([str(REPO / ".venv/bin/pyinstaller"), "--noconfirm", "--clean", "--onedir", "--log-level", "WARN",
                    "--distpath", str(BARE_DIST), "--workpath", str(REPO / "build/bench/work"),
                    "--specpath", str(REPO / "build/bench"), str(BARE_SRC)], check=True, capture_output=True)
    return exe


def run_once(cmd: list[str], home: Path, expect: str) -> tuple[float, float]:
    """(seconds until the program reports its first painted window, seconds until it has exited)."""
    home.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "REBUTTAL_LAB", "XDG_"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen", REBUTTAL_LAB_SYSTEM_CONFIG=str(home / "none.toml"))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=home)
    painted = None
    for line in proc.stdout:
        if expect in line and painted is None:
            painted = time.perf_counter() - start
    code = proc.wait(timeout=120)
    ended = time.perf_counter() - start
    if code != 0 or painted is None:
        sys.exit(f"{cmd[0]} failed ({code}) or never reported a painted window")
    return painted, ended


def print_startup(runs: int) -> None:
    app = [str(STAGE / "usr/bin/rebuttal-lab"), "--smoke-test"]
    cases = {  # name: (command, expected output, a new HOME for every run?)
        "packaged app, existing profile": (app, "painted main window", False),
        "packaged app, first start (new profile)": (app, "painted main window", True),
        "bare window, PyInstaller one-folder": ([str(build_bare())], "bare: painted", False),
        "bare window, venv Python": ([str(REPO / ".venv/bin/python"), str(BARE_SRC)], "bare: painted", False),
    }
    painted: dict[str, list[float]] = {name: [] for name in cases}
    ended: dict[str, list[float]] = {name: [] for name in cases}
    with tempfile.TemporaryDirectory() as scratch:
        # Interleaved, so that other load on the machine hits every case alike; run 0 is not timed
        # (it fills the page cache and creates the existing profile).
        for i in range(runs + 1):
            for n, (name, (cmd, expect, fresh)) in enumerate(cases.items()):
                home = Path(scratch) / (f"home-{n}-{i}" if fresh else f"home-{n}")
                first, last = run_once(cmd, home, expect)
                if i:
                    painted[name].append(first)
                    ended[name].append(last)
    print(f"\nstart-up, offscreen, median of {runs} (s): to the first painted window | to exit")
    for name in cases:
        print(f"  {statistics.median(painted[name]):6.3f} | {statistics.median(ended[name]):6.3f}  {name}"
              f"   [{', '.join(f'{v:.3f}' for v in painted[name])}]")
    for base_name in ("bare window, PyInstaller one-folder", "bare window, venv Python"):
        base = statistics.median(painted[base_name])
        for name in ("packaged app, existing profile", "packaged app, first start (new profile)"):
            ratio = statistics.median(painted[name]) / base
            print(f"  {name} / {base_name}: {ratio:.2f}x (budget {START_BUDGET:.0f}x, against the first)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-build", action="store_true", help="use build/deb as it is")
    args = parser.parse_args()
    if not args.no_build:
        started = time.perf_counter()
        subprocess.run(["make", "-C", str(REPO), "--no-print-directory", "package"], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"make package: {time.perf_counter() - started:.0f} s (0 when already fresh)\n")
    print_sizes()
    print_startup(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
