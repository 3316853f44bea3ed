"""Every bad input is refused with a message that names the file and the problem."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from rebuttal_lab.io import importers
from rebuttal_lab.io.importers import MAX_BYTES, ImportRefused, collect_files, read_article


def _refusal(path) -> str:
    with pytest.raises(ImportRefused) as refused:
        read_article(path)
    assert refused.value.path == path
    assert str(refused.value) == f"{path.name}: {refused.value.reason}"
    return refused.value.reason


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.docx", "empty.pdf", "empty.html"])
def test_zero_byte_file(tmp_path, name):
    path = tmp_path / name
    path.touch()
    assert _refusal(path) == "is empty (0 bytes)"


def test_binary_file_named_txt(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert _refusal(path).startswith("is not a text file")


def test_random_bytes_named_txt(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(random.Random(7).randbytes(4000).replace(b"\x00", b"\x01"))
    assert _refusal(path).startswith("is not a text file")


def test_random_bytes_named_docx(tmp_path):
    path = tmp_path / "essay.docx"
    path.write_bytes(random.Random(3).randbytes(5000))
    assert _refusal(path).startswith("is not a readable Word document")


def test_zip_without_document_xml_named_docx(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("notes.txt", "not a word document")
    path = tmp_path / "notes.docx"
    path.write_bytes(buffer.getvalue())
    assert "has no word/document.xml" in _refusal(path)


def test_unsupported_extension_lists_the_supported_ones(tmp_path):
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK whatever")
    supported = ".txt, .md, .markdown, .html, .htm, .docx, .pdf"
    assert _refusal(path) == f"is a .pptx file; Rebuttal Lab can import {supported}"


def test_file_without_extension(tmp_path):
    path = tmp_path / "README"
    path.write_text("hello")
    assert _refusal(path).startswith("is a file without an extension; Rebuttal Lab can import .txt")


def test_file_over_the_size_limit_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: costs no disk

    def never(*args, **kwargs):
        raise AssertionError("the file was opened although its size already rules it out")

    monkeypatch.setattr(type(path), "open", never)
    assert _refusal(path) == "is too large (2.0 MB; the limit is 2.0 MB)"


def test_text_over_the_word_limit(tmp_path):
    path = tmp_path / "book.txt"
    path.write_text("Title\n\n" + "a " * 30_500)
    assert _refusal(path) == "is too long (30,500 words; the limit is 30,000)"


def test_file_whose_body_is_empty(tmp_path):
    path = tmp_path / "only-title.md"
    path.write_text("# Just a Title\n\nMotion: This House would test\n")
    assert _refusal(path) == "has no article text once titles and metadata are set aside"


def test_whitespace_only_txt(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n")
    assert _refusal(path).startswith("has no article text")


def test_missing_file(tmp_path):
    path = tmp_path / "gone.pdf"
    assert _refusal(path) == "does not exist (moved or deleted?)"


def test_folder_named_like_an_article(tmp_path):
    path = tmp_path / "folder.txt"
    path.mkdir()
    assert _refusal(path) == "is not a file"


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "private.txt"
    path.write_text("secret")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(type(path), "open", denied)  # chmod would not stop a test run as root
    assert _refusal(path) == "could not be read (Permission denied)"


def test_unexpected_parser_error_becomes_a_refusal(tmp_path, monkeypatch):
    from rebuttal_lab.io.formats import md_reader

    def crash(data):
        raise RuntimeError("parser bug\nwith a second line")

    monkeypatch.setattr(md_reader, "read_markdown", crash)
    path = tmp_path / "crash.md"
    path.write_text("# Title\n\nText.")
    assert _refusal(path) == "could not be read as a Markdown file (RuntimeError: parser bug)"


def test_supported_suffixes_are_matched_regardless_of_case(tmp_path):
    path = tmp_path / "LOUD.TXT"
    path.write_text("Loud Title\n\nQuiet text.")
    assert read_article(path).title == "Loud Title"


def test_collect_files_is_recursive_sorted_and_skips_hidden(tmp_path):
    for relative in [
        "b.txt", "A.md", "notes.pptx", "sub/c.docx", "sub/deeper/d.pdf",
        ".hidden.txt", ".git/config", "sub/.cache/e.txt", "sub/~$c.docx",
    ]:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_files(tmp_path)]
    assert found == ["A.md", "b.txt", "notes.pptx", "sub/c.docx", "sub/deeper/d.pdf"]


def test_collect_files_on_a_file_is_refused(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("x")
    with pytest.raises(ImportRefused, match="^a.txt: is not a folder$"):
        importers.collect_files(path)


def test_text_of_only_punctuation_is_refused(tmp_path):
    path = tmp_path / "dashes.txt"
    path.write_text("Title Here\n\n— — —\n\n* * *\n")
    assert _refusal(path).startswith("has no article text")


def test_docx_with_a_broken_document_xml(tmp_path):
    import docx

    good = tmp_path / "good.docx"
    docx.Document().save(str(good))
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:document><unclosed" if item.filename == "word/document.xml" else data)
    assert _refusal(broken).startswith("is not a readable Word document")
