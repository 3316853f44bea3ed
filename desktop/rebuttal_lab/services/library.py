"""Bringing articles into the library: files, folders, pasted text and the bundled practice articles."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from rebuttal_lab.core.batch import run_batch
from rebuttal_lab.core.models import Article
from rebuttal_lab.io import importers
from rebuttal_lab.paths import resources_dir
from rebuttal_lab.store import articles as article_store

IMPORTED, DUPLICATE, REFUSED = "imported", "duplicate", "refused"
PRACTICE_FLAG = "practice_articles_loaded"


@dataclass
class ImportResult:
    source: str
    status: str  # imported | duplicate | refused
    message: str
    article: Article | None = None

    @property
    def ok(self) -> bool:
        return self.status != REFUSED


def _store(db: sqlite_utils.Database, article: Article, source: str) -> ImportResult:
    stored, was_new = article_store.add_article(db, article)
    if was_new:
        return ImportResult(source, IMPORTED, f"imported “{stored.title}” ({stored.word_count} words)", stored)
    return ImportResult(source, DUPLICATE, f"already in the library as “{stored.title}”", stored)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, folders replaced by the files inside them (recursively)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        files.extend(importers.collect_files(path) if path.is_dir() else [path])
    return files


def import_file(db: sqlite_utils.Database, path: Path) -> ImportResult:
    try:
        article = importers.read_article(path)
    except importers.ImportRefused as refused:
        return ImportResult(str(path), REFUSED, refused.reason)
    return _store(db, article, str(path))


def import_paths(
    db: sqlite_utils.Database,
    paths: Iterable[str | Path],
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportResult]:
    """Import files and folders one by one; each file is its own transaction, so a cancel or a
    bad file never undoes or half-writes the others."""
    return run_batch(expand_paths(paths), lambda path: import_file(db, path), progress, cancelled)


def import_text(db: sqlite_utils.Database, text: str, source: str = "clipboard") -> ImportResult:
    try:
        article = importers.article_from_text(text, source=source)
    except importers.ImportRefused as refused:
        return ImportResult(source, REFUSED, refused.reason)
    return _store(db, article, source)


def summarise(results: list[ImportResult]) -> str:
    counts = {s: sum(r.status == s for r in results) for s in (IMPORTED, DUPLICATE, REFUSED)}
    return (
        f"{counts[IMPORTED]} imported, {counts[DUPLICATE]} already in the library, {counts[REFUSED]} refused"
    )


# --- bundled practice articles --------------------------------------------------------------------

def practice_article_files() -> list[Path]:
    return sorted((resources_dir() / "articles").glob("[0-9][0-9]-*.md"))  # not README.md


def practice_answer_key_files() -> list[Path]:
    return sorted((resources_dir() / "articles" / "keys").glob("*.json"))


def answer_key(article_file: Path) -> list[dict]:
    """The claims the article's author marked, from resources/articles/keys/<name>.json."""
    key = article_file.parent / "keys" / f"{article_file.stem}.json"
    if not key.exists():
        return []
    return json.loads(key.read_text(encoding="utf-8"))["claims"]


def ensure_practice_articles(db: sqlite_utils.Database) -> list[ImportResult]:
    """Put the bundled practice articles in the library once, on the first start with this database.

    Afterwards the user may delete them; they are not forced back in.
    """
    if db["app_meta"].exists() and list(db.query("SELECT 1 FROM app_meta WHERE key = ?", [PRACTICE_FLAG])):
        return []
    results = [import_file(db, path) for path in practice_article_files()]
    with db.atomic():
        db["app_meta"].upsert({"key": PRACTICE_FLAG, "value": "1"}, pk="key")
    return results


def resolve_article(db: sqlite_utils.Database, ref: str) -> Article:
    """ARTICLE as the CLI takes it: a file path (imported if new) or an article id/title in the library."""
    path = Path(ref)
    if path.is_file():
        result = import_file(db, path)
        if not result.ok:
            raise LookupError(f"{path.name}: {result.message}")
        return result.article
    matches = article_store.find_articles(db, ref)
    if not matches:
        raise LookupError(f"no article or file called {ref!r} (see `rebuttal-lab articles`)")
    if len(matches) > 1:
        raise LookupError(f"{ref!r} matches {len(matches)} articles; give more of the id")
    return matches[0]
