"""What every format reader returns, and the text rules that turn it into an article body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rebuttal_lab.core.text import normalise_for_hash

_SPACE = re.compile(r"\s+")
_METADATA_LINE = re.compile(r"^(motion|author|authors|by)\s*[:：]\s*(\S.*)$", re.IGNORECASE)
# "By Jane Doe" or "By Jane Doe, Staff Writer" — but not a sentence such as "By contrast, ...".
_NAME_WORD = r"[A-Z][\w.'’-]*"
_BYLINE = re.compile(
    rf"^[Bb][Yy]\s+({_NAME_WORD}(?:\s+(?:{_NAME_WORD}|de|van|von|der|la|le|and|&)){{0,5}})"
    r"(?:\s*[,|·•–—]\s*.*)?$"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
HEADER_PARAGRAPHS = 4  # metadata lines are looked for only this close to the top
TITLE_WORDS = 8
UNTITLED = "Untitled article"


class Unreadable(Exception):
    """A reader's refusal; the message is the human reason (the importer adds the file name)."""


@dataclass
class Draft:
    """A reader's result before the shared clean-up: paragraphs may still hold line breaks and extra space."""

    paragraphs: list[str] = field(default_factory=list)
    title: str = ""
    author: str = ""
    motion: str = ""
    # Plain formats have no title field: their first line is the title when it looks like a heading.
    title_from_first_line: bool = False


@dataclass
class Finished:
    title: str
    author: str
    motion: str
    body: str


def collapse(text: str) -> str:
    """One line of single spaces, without invisible characters (soft hyphens, zero-width spaces, BOMs)
    or control characters such as the ^Z that ends old DOS text files."""
    return _SPACE.sub(" ", _CONTROL.sub(" ", _INVISIBLE.sub("", text))).strip()


def looks_like_heading(line: str) -> bool:
    """Short and without a sentence's final full stop."""
    line = collapse(line)
    return 0 < len(line) <= 150 and len(line.split()) <= 18 and not line.endswith((".", ",", ";", ":"))


def metadata_field(line: str) -> tuple[str, str] | None:
    """("motion"|"author", value) for a line such as "Motion: This House would ..." or "By Jane Doe"."""
    line = collapse(line)
    if match := _METADATA_LINE.match(line):
        key = match.group(1).lower()
        return ("motion" if key == "motion" else "author"), match.group(2).strip()
    if len(line) <= 100 and (match := _BYLINE.match(line)):
        return "author", match.group(1).strip()
    return None


def first_words(text: str, count: int = TITLE_WORDS) -> str:
    words = collapse(text).split()
    title = " ".join(words[:count]).rstrip(".,;:!?—–- ")
    return title + ("…" if len(words) > count else "") if title else UNTITLED


def control_character_share(text: str) -> float:
    """How much of a decoded text is control characters: binary data decoded as text is full of them."""
    return len(_CONTROL.findall(text)) / max(1, len(text))


def _same_text(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return normalise_for_hash(s).rstrip(".:!?")

    return bool(a) and key(a) == key(b)


def finish(draft: Draft) -> Finished:
    """Title, metadata and the body by the body convention: paragraphs joined by one blank line."""
    title, author, motion = collapse(draft.title), collapse(draft.author), collapse(draft.motion)
    paragraphs = [p for p in (p.strip() for p in draft.paragraphs) if p]

    # The top of an article: a title line (plain formats), metadata lines and repeats of the title, in any
    # order, before the first line of real text. All of them leave the body.
    found: dict[str, str] = {}
    header = 0
    while header < min(HEADER_PARAGRAPHS, len(paragraphs)):
        lines = paragraphs[header].split("\n")
        while lines:
            line = collapse(lines[0])
            if field_ := metadata_field(line):
                found.setdefault(*field_)
            elif not title and draft.title_from_first_line and looks_like_heading(line):
                title = line
            elif line and not _same_text(line, title):
                break
            lines.pop(0)
        paragraphs[header] = "\n".join(lines).strip()
        if paragraphs[header]:
            break
        header += 1
    author = author or found.get("author", "")
    motion = motion or found.get("motion", "")

    body_paragraphs = [c for c in (collapse(p) for p in paragraphs) if c]
    if body_paragraphs and _same_text(body_paragraphs[0], title):  # a title wrapped over several lines
        body_paragraphs.pop(0)
    if not title and body_paragraphs:
        title = first_words(body_paragraphs[0])
    return Finished(title=title, author=author, motion=motion, body="\n\n".join(body_paragraphs))
