"""Word documents (.docx) through python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from rebuttal_lab.io.formats.shared import Draft, Unreadable

NOT_DOCX = "is not a readable Word document (.docx): the file is damaged or in another format"
MAX_UNPACKED_BYTES = 100_000_000  # a 2 MB zip that unpacks to more is a zip bomb, not an essay
_TITLE_LOOKAHEAD = 3  # a heading further down is a section heading, not the document's title
# Authors that Word and python-docx write by default: not a person.
_PLACEHOLDER_AUTHORS = {"python-docx", "microsoft office user", "user", "author", "unknown", "admin"}


def read_docx(data: bytes) -> Draft:
    _check_package(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise Unreadable(NOT_DOCX) from exc
    blocks = [(style, text) for style, text in _blocks(document) if text.strip()]
    properties = document.core_properties
    draft = Draft(paragraphs=[text for _, text in blocks], title=(properties.title or "").strip())
    author = (properties.author or "").strip()
    draft.author = "" if author.casefold() in _PLACEHOLDER_AUTHORS else author

    # A Title-styled paragraph is the title as printed: it never stays in the body. A leading Heading is
    # the title only when the core properties name none; otherwise it stays as a section heading.
    top = enumerate(blocks[:_TITLE_LOOKAHEAD])
    styled = next(((i, style) for i, (style, _) in top if style.startswith(("title", "heading"))), None)
    if styled and (styled[1].startswith("title") or not draft.title):
        draft.title = draft.title or blocks[styled[0]][1]
        del draft.paragraphs[styled[0]]
    draft.title_from_first_line = not draft.title
    return draft


def _check_package(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise Unreadable(NOT_DOCX) from exc
    if "word/document.xml" not in names:
        raise Unreadable("is not a Word document: the .docx package has no word/document.xml")
    if unpacked > MAX_UNPACKED_BYTES:
        raise Unreadable("unpacks to more than 100 MB of data, which no article needs")


def _blocks(document) -> list[tuple[str, str]]:
    """(lower-case style name, text) for each paragraph and table row, in document order."""
    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            style = item.style.name.casefold() if item.style is not None else ""
            blocks.append((style, item.text))
        elif isinstance(item, Table):
            for row in item.rows:
                cells = _unique(cell.text.strip() for cell in row.cells)
                blocks.append(("table", " | ".join(c for c in cells if c)))
    return blocks


def _unique(texts) -> list[str]:
    """Merged cells repeat their text in python-docx; keep each once, in order."""
    seen: list[str] = []
    for text in texts:
        if not seen or seen[-1] != text:
            seen.append(text)
    return seen
