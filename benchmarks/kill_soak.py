"""Kill soak: SIGKILL the typing driver (tests/e2e/typing_driver.py) at random moments, N times, and count
the runs that lost more than 1 s of typing or left a database failing PRAGMA integrity_check.

    .venv/bin/python benchmarks/kill_soak.py [--runs 100] [--rate 15] [--seed S]

Each run is a fresh database and a fresh process that types into the real flow sheet, killed between
1 and 5 s after its first keystroke. Prints figures; never fails on them (the kill test does that).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))

from typing_driver import kill_run  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--rate", type=float, default=15.0, help="characters typed per second (mean)")
    parser.add_argument("--min-s", type=float, default=1.0, help="earliest kill, seconds after typing starts")
    parser.add_argument("--max-s", type=float, default=5.0, help="latest kill")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    results, errors = [], []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kill-soak-") as folder:
        for run in range(1, args.runs + 1):
            kill_after = rng.uniform(args.min_s, args.max_s)
            try:
                result = kill_run(Path(folder) / f"run-{run}.db", kill_after=kill_after, rate=args.rate)
            except Exception as exc:  # a run that never started typing is reported, not fatal
                errors.append(f"run {run}: {exc}")
                continue
            results.append(result)
            flag = "; ".join(result.problems()) or "ok"
            print(f"run {run:>3}: killed after {kill_after:4.2f} s, typed {result.typed:>3}, stored "
                  f"{len(result.stored):>3}, lost {result.lost_chars:>3} chars / {result.lost_seconds:4.2f} s"
                  f"  {flag}", flush=True)

    if not results:
        print("no run completed", *errors, sep="\n")
        return 1
    lost_more = sum(r.lost_seconds > 1.0 for r in results)
    bad_integrity = sum(r.integrity != "ok" or bool(r.foreign_key_problems) for r in results)
    not_prefix = sum(not r.is_prefix for r in results)
    print()
    print(f"runs completed:              {len(results)} of {args.runs} ({time.monotonic() - started:.0f} s)")
    print(f"lost more than 1 s of text:  {lost_more}")
    print(f"failed integrity_check:      {bad_integrity}")
    print(f"stored text not a prefix:    {not_prefix}")
    print(f"median loss:                 {statistics.median(r.lost_chars for r in results):g} characters, "
          f"{statistics.median(r.lost_seconds for r in results):.2f} s")
    print(f"worst loss:                  {max(r.lost_chars for r in results)} characters, "
          f"{max(r.lost_seconds for r in results):.2f} s")
    for line in errors:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
