"""Articles from files and pasted text. Anything that cannot become a usable article is refused with a
reason a student can act on (ImportRefused), never a traceback.

The body convention: paragraphs joined by exactly one blank line, spaces collapsed inside a paragraph,
nothing before or after, the title not repeated. Claims are anchored by offsets into this body.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from rebuttal_lab.core.models import Article
from rebuttal_lab.io.formats.shared import Draft, Unreadable, finish

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
MAX_BYTES = 2_000_000
MAX_WORDS = 30_000

_KIND = {  # what the user calls each format, for messages
    ".txt": "text file", ".md": "Markdown file", ".markdown": "Markdown file", ".html": "web page",
    ".htm": "web page", ".docx": "Word document", ".pdf": "PDF",
}


class ImportRefused(Exception):
    """A file or text that cannot be imported; `reason` is shown to the user next to the file name."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


def read_article(path: Path) -> Article:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"a {suffix} file" if suffix else "a file without an extension"
        raise ImportRefused(path, f"is {kind}; Rebuttal Lab can import {', '.join(SUPPORTED_SUFFIXES)}")
    data = _read_bytes(path)
    try:
        draft = _reader(suffix)(data)
    except Unreadable as refusal:
        raise ImportRefused(path, str(refusal)) from refusal
    except Exception as exc:  # a parser library choking on a malformed file is the file's problem
        raise ImportRefused(path, f"could not be read as a {_KIND[suffix]} ({_brief(exc)})") from exc
    return _article(draft, path, source=str(path))


def article_from_text(text: str, source: str = "clipboard") -> Article:
    from rebuttal_lab.io.formats.txt_reader import draft_from_text

    label = Path(source)
    encoded = text.encode("utf-8", "replace")  # a lone surrogate from the clipboard becomes "?"
    if len(encoded) > MAX_BYTES:
        raise ImportRefused(label, f"is too long ({_megabytes(len(encoded))}; the limit is {_megabytes(MAX_BYTES)})")
    text = encoded.decode("utf-8")
    if not text.strip():
        raise ImportRefused(label, "is empty: there is no text to import")
    return _article(draft_from_text(text), label, source=source)


def collect_files(folder: Path) -> list[Path]:
    """Every file under folder, recursively and sorted, hidden files and folders left out.

    Unsupported files are included so the caller can report them as refused rather than silently ignore them.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ImportRefused(folder, "is not a folder")
    files = []
    for root, dirs, names in os.walk(folder):  # does not follow folder links: no loops
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(Path(root) / name for name in names if not _is_hidden(name))
    return sorted(files, key=lambda p: ([part.casefold() for part in p.relative_to(folder).parts], str(p)))


def _is_hidden(name: str) -> bool:
    # "~$name.docx" is the lock file Word keeps next to an open document, hidden on Windows.
    return name.startswith((".", "~$"))


def _read_bytes(path: Path) -> bytes:
    try:
        if not path.exists():
            raise ImportRefused(path, "does not exist (moved or deleted?)")
        if not path.is_file():
            raise ImportRefused(path, "is not a file")
        size = path.stat().st_size
        if size == 0:
            raise ImportRefused(path, "is empty (0 bytes)")
        if size > MAX_BYTES:  # checked before reading, so a huge file costs nothing
            limit = _megabytes(MAX_BYTES)
            raise ImportRefused(path, f"is too large ({_megabytes(size)}; the limit is {limit})")
        with path.open("rb") as file:
            return file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ImportRefused(path, f"could not be read ({exc.strerror or exc})") from exc


def _reader(suffix: str) -> Callable[[bytes], Draft]:
    # Imported on demand: each parsing library costs start-up time only when its format is used.
    if suffix == ".txt":
        from rebuttal_lab.io.formats.txt_reader import read_txt as reader
    elif suffix in (".md", ".markdown"):
        from rebuttal_lab.io.formats.md_reader import read_markdown as reader
    elif suffix in (".html", ".htm"):
        from rebuttal_lab.io.formats.html_reader import read_html as reader
    elif suffix == ".docx":
        from rebuttal_lab.io.formats.docx_reader import read_docx as reader
    else:
        from rebuttal_lab.io.formats.pdf_reader import read_pdf as reader
    return reader


def _article(draft: Draft, label: Path, source: str) -> Article:
    finished = finish(draft)
    if not any(character.isalnum() for character in finished.body):
        raise ImportRefused(label, "has no article text once titles and metadata are set aside")
    words = len(finished.body.split())
    if words > MAX_WORDS:
        raise ImportRefused(label, f"is too long ({words:,} words; the limit is {MAX_WORDS:,})")
    return Article(
        title=finished.title,
        body=finished.body,
        author=finished.author,
        motion=finished.motion,
        source=source,
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _brief(exc: Exception) -> str:
    detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
