"""Markdown through markdown-it-py: the first heading is the title, markup is dropped, list items and
headings become paragraphs of their own."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from rebuttal_lab.io.formats.decoding import decode_text
from rebuttal_lab.io.formats.shared import Draft

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_MATTER_FIELD = re.compile(r"^(title|author|motion)\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
_LEAF_BLOCKS = {"fence", "code_block"}


def read_markdown(data: bytes) -> Draft:
    text = decode_text(data)
    draft = Draft()
    if match := _FRONT_MATTER.match(text):  # YAML front matter, as static-site tools write it
        for key, value in _FRONT_MATTER_FIELD.findall(match.group(1)):
            setattr(draft, key.lower(), value.strip("'\""))
        text = text[match.end():]
    for block in _blocks(MarkdownIt("commonmark").parse(text)):
        kind, content = block
        if kind == "heading" and not draft.title:
            draft.title = content
        else:
            draft.paragraphs.append(content)
    return draft


def _blocks(tokens: list[Token]) -> list[tuple[str, str]]:
    """(kind, text) for each heading, paragraph (incl. list items and quotes) and code block, in order."""
    blocks: list[tuple[str, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "inline":
            opener = tokens[index - 1].type if index else ""
            blocks.append(("heading" if opener == "heading_open" else "paragraph", _plain(token)))
        elif token.type in _LEAF_BLOCKS:
            blocks.append(("paragraph", token.content))
    return blocks


def _plain(inline: Token) -> str:
    """Inline markup dropped; line breaks kept (the metadata lines below a title are found by line)."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)
