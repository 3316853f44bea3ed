from __future__ import annotations

import pytest
from pypdf import PdfReader, PdfWriter

from rebuttal_lab.io.importers import ImportRefused, read_article

LONG_PARAGRAPH = (
    "Zoos keep animals in small enclosures, which causes measurable stress and shortens lives in captivity. "
    "Elephants in European zoos live about half as long as elephants in protected wild populations. "
) * 3

ARTICLE_HTML = (
    "<h1>Zoos Should Close</h1>"
    f"<p>{LONG_PARAGRAPH}</p>"
    "<p>Breeding programmes are said to save species, but most animals kept are not endangered, and "
    "inter-<br>national programmes return very few animals to the wild. " + LONG_PARAGRAPH + "</p>"
    "<p>The money would do more good in the wild.</p>"
)


def _body_paragraphs(article):
    return article.body.split("\n\n")


def test_pdf_title_author_and_paragraphs(make_pdf):
    path = make_pdf("zoos.pdf", ARTICLE_HTML, title="Zoos Should Close", author="Ada Example")
    article = read_article(path)
    assert article.title == "Zoos Should Close"
    assert article.author == "Ada Example"
    paragraphs = _body_paragraphs(article)
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Zoos keep animals")
    assert "international programmes" in paragraphs[1]  # the hyphenated line break is joined
    assert paragraphs[2] == "The money would do more good in the wild."
    assert "Zoos Should Close" not in article.body


def test_pdf_without_metadata_takes_the_heading_as_title(make_pdf):
    article = read_article(make_pdf("untitled.pdf", ARTICLE_HTML))
    assert article.title == "Zoos Should Close"
    assert article.author == ""
    assert article.body.startswith("Zoos keep animals")


def test_pdf_over_several_pages_drops_page_numbers(make_pdf):
    html = "<h1>A long read</h1>" + "".join(f"<p>{LONG_PARAGRAPH}</p><p>Page 7</p>" for _ in range(6))
    article = read_article(make_pdf("long.pdf", html))
    assert PdfReader(article.source).get_num_pages() > 1
    assert "Page 7" not in article.body
    assert article.body.count("Zoos keep animals") == 18


def test_scanned_pdf_is_refused(make_image_pdf):
    with pytest.raises(ImportRefused) as refused:
        read_article(make_image_pdf("scan.pdf"))
    assert str(refused.value) == (
        "scan.pdf: has no text layer (scanned?) — Rebuttal Lab cannot read text from images"
    )


def _encrypted_copy(source, target, user_password):
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="teacher", algorithm="RC4-128")
    writer.write(target)
    return target


def test_pdf_locked_with_a_password_is_refused(make_pdf, tmp_path):
    locked = _encrypted_copy(make_pdf("plain.pdf", ARTICLE_HTML), tmp_path / "locked.pdf", "secret")
    with pytest.raises(ImportRefused) as refused:
        read_article(locked)
    assert str(refused.value).startswith("locked.pdf: is password-protected")


def test_pdf_protected_only_against_editing_still_imports(make_pdf, tmp_path):
    protected = _encrypted_copy(make_pdf("plain.pdf", ARTICLE_HTML), tmp_path / "protected.pdf", "")
    assert read_article(protected).title == "Zoos Should Close"


def test_corrupt_pdf_is_refused(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(ImportRefused) as refused:
        read_article(path)
    assert str(refused.value).startswith("broken.pdf: ")


def test_pdf_paragraph_spacing_separates_paragraphs_without_a_final_full_stop(make_pdf):
    html = (
        f"<h1>Lists</h1><p>{LONG_PARAGRAPH} The reasons follow below</p>"
        f"<p>{LONG_PARAGRAPH} and a second list follows</p><p>Last words</p>"
    )
    paragraphs = read_article(make_pdf("spaced.pdf", html)).body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].endswith("The reasons follow below")
    assert paragraphs[1].endswith("and a second list follows")
    assert paragraphs[2] == "Last words"
