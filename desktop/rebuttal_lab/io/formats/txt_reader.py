"""Plain text, from a .txt file or the clipboard."""

from __future__ import annotations

import re

from rebuttal_lab.io.formats.decoding import decode_text
from rebuttal_lab.io.formats.reflow import is_hard_wrapped, reflow
from rebuttal_lab.io.formats.shared import Draft

_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")


def read_txt(data: bytes) -> Draft:
    return draft_from_text(decode_text(data))


def draft_from_text(text: str) -> Draft:
    """Blank lines separate paragraphs; a text without any has one paragraph a line unless hard-wrapped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "").strip()
    if _BLANK_LINE.search(text):
        paragraphs = _BLANK_LINE.split(text)
    else:
        lines = text.split("\n")
        paragraphs = reflow(lines) if is_hard_wrapped(lines) else lines
    return Draft(paragraphs=paragraphs, title_from_first_line=True)
