"""One loop for work done file by file (importing a folder, collecting a class folder)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

Result = TypeVar("Result")
Progress = Callable[[int, int, str], None]


def run_batch(files: Sequence[Path], work: Callable[[Path], Result], progress: Progress | None = None,
              cancelled: Callable[[], bool] | None = None) -> list[Result]:
    """Apply work to each file in order. Progress is told (done, total, next file name) before each file
    and (done, total, "") at the end; a cancel takes effect between files, keeping what was done."""
    results = []
    for done, path in enumerate(files):
        if cancelled and cancelled():
            break
        if progress:
            progress(done, len(files), path.name)
        results.append(work(path))
    if progress:
        progress(len(results), len(files), "")
    return results
