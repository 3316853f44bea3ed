"""Claims are anchored by offsets into the body, so every importer must produce the same shape of body."""

from __future__ import annotations

import re

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from rebuttal_lab.io.importers import ImportRefused, article_from_text, read_article

MESSY = "  Messy  Title \n\n\n  First   paragraph\twith  tabs\nand a wrapped line.  \n \n\n Second\u00a0one. \n\n"


def assert_body_convention(body: str) -> None:
    assert body == body.strip()
    paragraphs = body.split("\n\n")
    assert all(paragraphs), "no empty paragraph (three or more line breaks)"
    for paragraph in paragraphs:
        assert paragraph == paragraph.strip()
        assert not re.search(r"\s{2,}|[\n\t\r\u00a0]", paragraph), repr(paragraph)


def test_every_format_gives_the_same_body_for_the_same_text(tmp_path):
    expected = "First paragraph with tabs and a wrapped line.\n\nSecond one."
    (tmp_path / "a.txt").write_text(MESSY)
    (tmp_path / "a.md").write_text(MESSY.replace("Messy  Title", "# Messy Title"))
    (tmp_path / "a.html").write_text(
        "<html><head><title>Messy Title</title></head><body><article><h1>Messy Title</h1>"
        "<p>First   paragraph\twith  tabs\nand a wrapped line.</p><p> Second&nbsp;one. </p></article></body></html>"
    )
    document = docx.Document()
    document.add_heading("Messy Title", level=0)
    document.add_paragraph("First   paragraph\twith  tabs\nand a wrapped line.  ")
    document.add_paragraph("")
    document.add_paragraph(" Second\u00a0one. ")
    document.save(str(tmp_path / "a.docx"))
    for name in ("a.txt", "a.md", "a.html", "a.docx"):
        article = read_article(tmp_path / name)
        assert (name, article.title) == (name, "Messy Title")
        assert (name, article.body) == (name, expected)
        assert read_article(tmp_path / name).body == article.body  # deterministic


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_pasted_text_is_refused_or_follows_the_convention(text):
    try:
        article = article_from_text(text)
    except ImportRefused as refused:
        assert refused.reason
        return
    assert_body_convention(article.body)
    assert article.title == article.title.strip() and article.title
