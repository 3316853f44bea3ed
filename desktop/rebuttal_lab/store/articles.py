"""The article library."""

from __future__ import annotations

from dataclasses import asdict, fields

import sqlite_utils

from rebuttal_lab.core.models import Article
from rebuttal_lab.core.text import body_hash

_ARTICLE_FIELDS = {f.name for f in fields(Article)}


def _article(row: dict) -> Article:
    return Article(**{k: v for k, v in row.items() if k in _ARTICLE_FIELDS})


def find_by_hash(db: sqlite_utils.Database, sha256: str) -> Article | None:
    rows = list(db.query("SELECT * FROM articles WHERE body_sha256 = ?", [sha256]))
    return _article(rows[0]) if rows else None


def add_article(db: sqlite_utils.Database, article: Article) -> tuple[Article, bool]:
    """Store an article unless the same text is already there. Returns (stored article, was_new)."""
    article.body_sha256 = article.body_sha256 or body_hash(article.body)
    with db.atomic():
        existing = find_by_hash(db, article.body_sha256)
        if existing:
            return existing, False
        db["articles"].insert({**asdict(article), "words": article.word_count})
    return article, True


def get_article(db: sqlite_utils.Database, uuid: str) -> Article | None:
    rows = list(db.query("SELECT * FROM articles WHERE uuid = ?", [uuid]))
    return _article(rows[0]) if rows else None


def find_articles(db: sqlite_utils.Database, ref: str) -> list[Article]:
    """Articles whose uuid starts with ref or whose title equals it (case-insensitive)."""
    rows = db.query(
        "SELECT * FROM articles WHERE uuid LIKE ? || '%' OR title = ? COLLATE NOCASE ORDER BY title",
        [ref, ref],
    )
    return [_article(r) for r in rows]


def list_articles(db: sqlite_utils.Database) -> list[dict]:
    """Library listing without bodies: uuid, title, author, motion, words, imported_at, sessions."""
    return list(
        db.query(
            """
            SELECT a.uuid, a.title, a.author, a.source, a.motion, a.imported_at,
                   a.words,
                   (SELECT count(*) FROM sessions s WHERE s.article_uuid = a.uuid) AS sessions
            FROM articles a ORDER BY a.title COLLATE NOCASE
            """
        )
    )


def delete_article(db: sqlite_utils.Database, uuid: str) -> None:
    with db.atomic():
        db.execute("DELETE FROM articles WHERE uuid = ?", [uuid])
