"""Small text rules shared by importers, store and GUI."""

from __future__ import annotations

import hashlib
import re

_SPACE = re.compile(r"\s+")


def normalise_for_hash(body: str) -> str:
    """Case, whitespace and typographic quotes do not make a text different."""
    text = body.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _SPACE.sub(" ", text).strip().casefold()


def body_hash(body: str) -> str:
    return hashlib.sha256(normalise_for_hash(body).encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    return len(text.split())


def speaking_seconds(words: int, words_per_minute: float) -> float:
    return 60.0 * words / words_per_minute if words_per_minute > 0 else 0.0


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}"
