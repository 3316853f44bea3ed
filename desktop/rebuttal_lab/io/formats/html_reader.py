"""Saved web pages: trafilatura finds the article among menus, comments, footers and link lists."""

from __future__ import annotations

import re
from functools import cache

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from rebuttal_lab.io.formats.decoding import decode_text
from rebuttal_lab.io.formats.shared import Draft, Unreadable

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_DOUBLE_BREAK = re.compile(r"(?:<br\s*/?>\s*){2,}", re.IGNORECASE)
# trafilatura merges <br><br> into one break; a private-use character between them keeps both.
_KEEP_APART = "\ue000"
_BLOCKS = ("head", "p", "item", "quote", "row", "code")  # trafilatura's XML names for text blocks
_BOILERPLATE_TAGS = (
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "menu",
    "button", "select", "iframe", "svg",
)
_BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "section")
# Text that is mostly link text is a menu or a list of other stories, never an article.
_MAX_LINK_SHARE = 0.5
_LONGEST_LINK_WORDS = 12  # of a longer link text (a headline) only the first words are matched: fast enough
NO_ARTICLE = "has no article text that Rebuttal Lab could find (only menus, links or nothing)"


@cache
def _config():
    """trafilatura's defaults, but a short page (a one-paragraph opinion) still counts as an article."""
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def read_html(data: bytes) -> Draft:
    declared = _META_CHARSET.search(data[:4096])
    html = decode_text(data, declared.group(1).decode("ascii", "replace") if declared else None)
    if not html.strip():
        raise Unreadable("is an empty web page")
    extracted = trafilatura.extract(
        _DOUBLE_BREAK.sub(f"<br>{_KEEP_APART}<br>", html),
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_tables=True,
        deduplicate=False,
        config=_config(),
    )
    doc = etree.fromstring(extracted.encode("utf-8")) if extracted else None
    main = doc.find("main") if doc is not None else None
    paragraphs = _paragraphs(main) if main is not None else []
    title = doc.get("title", "") if doc is not None else ""
    if not any(p.strip() for p in paragraphs):  # e.g. text straight in <body>, which trafilatura skips
        title, paragraphs = _plain_page(html)
    if not any(p.strip() for p in paragraphs) or _link_share(html, paragraphs) > _MAX_LINK_SHARE:
        raise Unreadable(NO_ARTICLE)
    return Draft(paragraphs=paragraphs, title=title, author=doc.get("author", "") if doc is not None else "")


def _paragraphs(main: etree._Element) -> list[str]:
    """The text of each innermost block (a quote holding paragraphs yields the paragraphs), and any text
    trafilatura left loose between blocks.

    Old pages separate paragraphs with <br><br> instead of <p>: a double line break splits a block.
    """
    for line_break in main.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    paragraphs = [main.text or ""]
    for child in main:
        for element in child.iter(*_BLOCKS):
            if any(True for _ in element.iterdescendants(*_BLOCKS)):
                continue
            if element.tag == "row":
                paragraphs.append(" | ".join(" ".join(cell.itertext()) for cell in element))
            else:
                text = "".join(element.itertext()).replace(_KEEP_APART, "")
                paragraphs.extend(_PARAGRAPH_BREAK.split(text))
        paragraphs.append(child.tail or "")
    return [p.replace(_KEEP_APART, "") for p in paragraphs if p.strip()]


def _plain_page(html: str) -> tuple[str, list[str]]:
    """Title and visible text of a page with no structure trafilatura recognises, boilerplate removed."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return "", []
    title = tree.findtext(".//title") or tree.findtext(".//h1") or ""
    for element in list(tree.iter(*_BOILERPLATE_TAGS)):
        element.drop_tree()
    for element in tree.iter(*_BLOCK_TAGS):  # block boundaries become paragraph breaks
        element.tail = "\n\n" + (element.tail or "")
    for line_break in tree.iter("br"):
        line_break.tail = "\n" + (line_break.tail or "")
    body = tree.find("body")
    return title, _PARAGRAPH_BREAK.split((body if body is not None else tree).text_content())


def _link_share(html: str, paragraphs: list[str]) -> float:
    """How much of the extracted text is the text of the page's links (menus, lists of other stories)."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return 0.0
    anchors = {" ".join(a.text_content().split()[:_LONGEST_LINK_WORDS]) for a in tree.iter("a")} - {""}
    longest = max((len(a.split()) for a in anchors), default=0)
    words = " ".join(paragraphs).split()
    linked, index = 0, 0
    while index < len(words):
        # Whole link texts only, longest first, so a menu's "Home" is not found inside "Home truths".
        size = next((n for n in range(longest, 0, -1) if " ".join(words[index:index + n]) in anchors), 0)
        linked += size
        index += size or 1
    return linked / max(1, len(words))
