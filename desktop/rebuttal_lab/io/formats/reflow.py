"""Paragraphs back from hard-wrapped lines (PDF text layers, plain text wrapped at a fixed width)."""

from __future__ import annotations

import re

from rebuttal_lab.io.formats.shared import collapse, looks_like_heading

_SENTENCE_END = re.compile(r"[.!?:…][\"'”’)\]]*$")
_BROKEN_WORD = re.compile(r"[^\W\d_]-$")  # a letter then a hyphen at the end of the line
_LIST_ITEM = re.compile(r"^(?:[•▪◦‣●○■□*-]|\d{1,2}[.)]|\(?[a-z]\))\s")  # starts a paragraph of its own
_SHORT_LINE = 0.8  # a line ending this far before the usual width ends its paragraph
_HEADING_LINE = 0.6


def is_hard_wrapped(lines: list[str]) -> bool:
    """Lines of nearly equal length under ~100 characters: wrapped at a fixed width, not one per paragraph."""
    lengths = [len(line.strip()) for line in lines if line.strip()]
    if len(lengths) < 4 or max(lengths) > 110:
        return False
    width = max(lengths)
    return sum(n >= 0.6 * width for n in lengths) >= 0.6 * len(lengths)


def join_lines(first: str, second: str) -> str:
    """Join two wrapped lines, mending a word the line break hyphenated ("inter-" + "national")."""
    first, second = first.rstrip(), second.lstrip()
    if first.endswith("\u00ad"):
        return first[:-1] + second
    if _BROKEN_WORD.search(first) and second[:1].islower():
        return first[:-1] + second
    return f"{first} {second}"


def reflow(lines: list[str]) -> list[str]:
    """Group wrapped lines into paragraphs; a block of text without blank lines is the expected input.

    A paragraph ends after a clearly short line that ends a sentence; headings (short lines without a
    final full stop between two paragraphs) stand alone; an indented line or a list item starts a new one.
    """
    lines = [line.rstrip() for line in lines if line.strip()]
    if not lines:
        return []
    lengths = sorted(len(line.strip()) for line in lines)
    width = lengths[int(0.8 * (len(lengths) - 1))]
    margin = min(len(line) - len(line.lstrip()) for line in lines)
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        text = line.strip()
        # An indented line opens a paragraph, unless it is the hanging indent of a list item.
        indented = len(line) - len(line.lstrip()) > margin + 1 and not _LIST_ITEM.match(current)
        short = len(text) < _HEADING_LINE * width
        heading = short and looks_like_heading(text) and (index == 0 or _ends_sentence(lines[index - 1]))
        if current and (indented or heading or _LIST_ITEM.match(text)):
            paragraphs.append(current)
            current = ""
        current = join_lines(current, text) if current else text
        if heading or (_ends_sentence(text) and len(text) < _SHORT_LINE * width):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return [collapse(p) for p in paragraphs]


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.strip()))
