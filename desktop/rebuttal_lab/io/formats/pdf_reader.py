"""PDF text layers through pypdf; the wrapped lines are re-flowed into paragraphs."""

from __future__ import annotations

import io
import math
import re
import statistics
from collections import Counter

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from rebuttal_lab.io.formats.reflow import reflow
from rebuttal_lab.io.formats.shared import Draft, Unreadable

NO_TEXT_LAYER = "has no text layer (scanned?) — Rebuttal Lab cannot read text from images"
PASSWORD = "is password-protected; save an unprotected copy and import that"
NOT_PDF = "is not a readable PDF: the file is damaged or in another format"
_PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s*(/|of)\s*\d{1,4})?$", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n\s*\n")
_PARAGRAPH_SPACING = 1.3  # a gap this many times the usual line spacing separates paragraphs
# Metadata titles that are file names or placeholders, not the article's title.
_JUNK_TITLE = re.compile(
    r"^(untitled|document\d*|microsoft word - .*|.*\.(docx?|pdf|odt|rtf|txt|indd|tex))$", re.IGNORECASE
)


def read_pdf(data: bytes) -> Draft:
    try:
        reader = PdfReader(io.BytesIO(data))
        _unlock(reader)
        pages = [_page_text(page) for page in reader.pages]
        metadata = reader.metadata or {}
        title, author = str(metadata.get("/Title") or ""), str(metadata.get("/Author") or "")
    except (FileNotDecryptedError, DependencyError) as exc:
        raise Unreadable(PASSWORD if isinstance(exc, FileNotDecryptedError) else _cipher(exc)) from exc
    except PdfReadError as exc:
        raise Unreadable(NOT_PDF) from exc
    if not reader.pages:
        raise Unreadable("is a PDF without pages")
    if not any(page.strip() for page in pages):
        raise Unreadable(NO_TEXT_LAYER)
    paragraphs = []
    for block in _BLANK_LINE.split("\n".join(_without_running_lines(pages))):
        paragraphs.extend(reflow(block.split("\n")))
    title = "" if _JUNK_TITLE.match(title.strip()) else title
    return Draft(paragraphs=paragraphs, title=title, author=author, title_from_first_line=not title.strip())


def _page_text(page) -> str:
    """The page's text, with a blank line where the space between two lines is clearly wider than usual:
    that is how most PDFs set paragraphs apart, and the text layer keeps no other trace of it."""
    fragments = []
    text = page.extract_text(visitor_text=lambda *fragment: fragments.append(fragment)) or ""
    if "".join(fragment[0] for fragment in fragments) != text:
        return text  # the positions would not line up with the text
    try:
        lines = _positioned_lines(fragments)
    except (TypeError, ValueError, IndexError):  # a pypdf whose visitor passes something else: text only
        return text
    ratios = [_spacing(above, below) for above, below in zip(lines, lines[1:], strict=False)]
    usual = statistics.median([r for r in ratios if r is not None] or [0])
    out = [lines[0][0]]
    for (line, _, _), ratio in zip(lines[1:], ratios, strict=True):
        if usual and ratio is not None and ratio > _PARAGRAPH_SPACING * usual:
            out.append("")
        out.append(line)
    return "\n".join(out)


def _positioned_lines(fragments) -> list[tuple[str, float | None, float]]:
    """(text, baseline y, font size) per output line; y and size from the line's first visible fragment."""
    lines = []
    current, y, size = "", None, 0.0
    for text, cm, tm, _font, font_size in fragments:
        for index, part in enumerate(text.split("\n")):
            if index:
                lines.append((current, y, size))
                current, y, size = "", None, 0.0
            if part.strip() and y is None:
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                size = abs(font_size) * math.sqrt(abs(_determinant(tm) * _determinant(cm)))
            current += part
    lines.append((current, y, size))
    return lines


def _determinant(matrix) -> float:
    return matrix[0] * matrix[3] - matrix[1] * matrix[2]


def _spacing(above, below) -> float | None:
    """Distance down from one line to the next, in units of their font size; None across columns/pages."""
    (_, y_above, size_above), (_, y_below, size_below) = above, below
    if y_above is None or y_below is None or y_above <= y_below or not max(size_above, size_below):
        return None
    return (y_above - y_below) / max(size_above, size_below)


def _unlock(reader: PdfReader) -> None:
    """Many PDFs are encrypted only against editing, with an empty password for reading."""
    if reader.is_encrypted and not reader.decrypt(""):
        raise FileNotDecryptedError("needs a password")


def _cipher(exc: Exception) -> str:
    # pypdf decrypts AES only with an optional cryptography package; the app does not ship it.
    return "is encrypted (AES) in a way Rebuttal Lab cannot read; save an unprotected copy and import that"


def _without_running_lines(pages: list[str]) -> list[str]:
    """Page texts without page numbers and the headers/footers repeated at the top or bottom of pages."""
    page_lines = [page.split("\n") for page in pages]
    edges: Counter[str] = Counter()
    for lines in page_lines:
        content = [line.strip() for line in lines if line.strip()]
        edges.update({_edge_key(line) for line in content[:2] + content[-2:]})
    running = {key for key, count in edges.items() if len(pages) >= 3 and count >= 0.6 * len(pages)}
    cleaned = []
    for lines in page_lines:
        kept = [
            line for line in lines
            if not _PAGE_NUMBER.match(line.strip()) and _edge_key(line.strip()) not in running
        ]
        cleaned.append("\n".join(kept))
    return cleaned


def _edge_key(line: str) -> str:
    """Running headers differ only by their page number."""
    return re.sub(r"\d+", "#", line.strip().casefold())
