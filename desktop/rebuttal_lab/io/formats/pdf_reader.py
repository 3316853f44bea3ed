"""PDF text layers through pypdf; the wrapped lines are re-flowed into paragraphs."""

from __future__ import annotations

import io
import re
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
# Metadata titles that are file names or placeholders, not the article's title.
_JUNK_TITLE = re.compile(r"^(untitled|document\d*|microsoft word - .*|.*\.(docx?|pdf|odt|rtf|txt|indd|tex))$", re.I)


def read_pdf(data: bytes) -> Draft:
    try:
        reader = PdfReader(io.BytesIO(data))
        _unlock(reader)
        pages = [page.extract_text() or "" for page in reader.pages]
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


def _unlock(reader: PdfReader) -> None:
    """Many PDFs are encrypted only against editing, with an empty password for reading."""
    if reader.is_encrypted and not reader.decrypt(""):
        raise FileNotDecryptedError("needs a password")


def _cipher(exc: Exception) -> str:
    return f"is encrypted in a way Rebuttal Lab cannot read ({exc}); save an unprotected copy and import that"


def _without_running_lines(pages: list[str]) -> list[str]:
    """Page texts without page numbers and the headers/footers repeated at the top or bottom of pages."""
    page_lines = [[line for line in page.split("\n")] for page in pages]
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
