from __future__ import annotations

import pytest

from rebuttal_lab.io.importers import ImportRefused, article_from_text, read_article

ARTICLE = (
    "Homework Should Be Abolished\n"
    "Motion: This House would abolish homework in primary schools\n"
    "By Jamie Ortega\n"
    "\n"
    "Children already spend six hours a day in school.   Evenings should belong to play,\n"
    "family and sleep.\n"
    "\n"
    "Studies of primary pupils find little link between homework and attainment.\n"
)


def test_utf8_txt_title_metadata_and_paragraphs(tmp_path):
    path = tmp_path / "homework.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Homework Should Be Abolished"
    assert article.motion == "This House would abolish homework in primary schools"
    assert article.author == "Jamie Ortega"
    assert article.source == str(path)
    assert article.body == (
        "Children already spend six hours a day in school. Evenings should belong to play, family and sleep."
        "\n\nStudies of primary pupils find little link between homework and attainment."
    )


def test_cp1252_txt_is_detected_not_assumed(tmp_path):
    text = "Café Culture\n\nThe naïve “quick fix” – déjà vu for every council – never works. Straße."
    path = tmp_path / "cafe.txt"
    path.write_bytes(text.encode("cp1252"))
    article = read_article(path)
    assert article.title == "Café Culture"
    assert article.body == text.split("\n\n")[1]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_txt_with_a_byte_order_mark(tmp_path, encoding):
    path = tmp_path / "bom.txt"
    path.write_bytes(ARTICLE.encode(encoding))  # Python's utf-16 codec writes the BOM
    article = read_article(path)
    assert article.title == "Homework Should Be Abolished"
    assert article.author == "Jamie Ortega"
    assert "\ufeff" not in article.title + article.body


def test_txt_with_author_line_and_windows_line_ends(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Ban Cars\r\nAuthor: Lee Park\r\n\r\nCars pollute.\r\n\r\nCities breathe.\r\n")
    article = read_article(path)
    assert (article.title, article.author) == ("Ban Cars", "Lee Park")
    assert article.body == "Cars pollute.\n\nCities breathe."


def test_txt_starting_with_a_sentence_takes_its_first_words_as_title(tmp_path):
    path = tmp_path / "untitled.txt"
    path.write_text("By contrast, rural towns have no buses at all, so cars are a necessity.\n\nSecond.")
    article = read_article(path)
    assert article.title == "By contrast, rural towns have no buses at…"
    assert article.author == ""  # "By contrast" is a sentence, not a byline
    assert article.body.startswith("By contrast, rural towns")


def test_hard_wrapped_txt_is_reflowed_into_paragraphs(tmp_path):
    lines = [
        "Uniforms Help",
        "School uniforms remove one daily source of competition between pupils, and",
        "they make it harder to tell which children come from poorer families at a",
        "glance. Parents also save money on clothes that would otherwise wear",
        "out.",
        "Critics say uniforms suppress individuality, yet pupils express themselves",
        "in far more important ways than through the brand of their jumpers. That",
        "argument mistakes fashion for identity.",
    ]
    path = tmp_path / "wrapped.txt"
    path.write_text("\n".join(lines))
    article = read_article(path)
    assert article.title == "Uniforms Help"
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("would otherwise wear out.")
    assert paragraphs[1].startswith("Critics say")


def test_one_paragraph_per_line_txt(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("Short Title\nFirst paragraph, long enough to be a real paragraph.\nSecond one.\n")
    article = read_article(path)
    assert article.body == "First paragraph, long enough to be a real paragraph.\n\nSecond one."


def test_pasted_text(tmp_path):
    article = article_from_text("  Free Transport\n\nBuses should be free.  \n\n\n\nThe tax base can pay.  ")
    assert (article.title, article.source) == ("Free Transport", "clipboard")
    assert article.body == "Buses should be free.\n\nThe tax base can pay."


@pytest.mark.parametrize("text", ["", "   \n\n \t "])
def test_empty_paste_is_refused(text):
    with pytest.raises(ImportRefused) as refused:
        article_from_text(text)
    assert str(refused.value).startswith("clipboard: is empty")


def test_paste_that_is_only_a_title_is_refused():
    with pytest.raises(ImportRefused, match="clipboard: has no article text"):
        article_from_text("Just A Heading")


def test_paste_over_the_word_limit_is_refused():
    with pytest.raises(ImportRefused, match=r"is too long \(30,001 words; the limit is 30,000\)"):
        article_from_text("word " * 30_001)


def test_motion_line_before_the_title(tmp_path):
    path = tmp_path / "motion-first.txt"
    path.write_text("Motion: This House would ban zoos\n\nZoos Are Cruel\n\nAnimals pace their cages.\n")
    article = read_article(path)
    assert (article.title, article.motion) == ("Zoos Are Cruel", "This House would ban zoos")
    assert article.body == "Animals pace their cages."


def test_invisible_and_control_characters_leave_the_body(tmp_path):
    path = tmp_path / "dos.txt"
    path.write_bytes(b"Old File\r\n\r\nTyped in 1994 on a PC\xad\r\nwith DOS.\r\n\x1a")
    assert read_article(path).body == "Typed in 1994 on a PC with DOS."
    pasted = article_from_text("Zero\u200bWidth Title\n\nA lone \ud800 surrogate from the clipboard.")
    assert (pasted.title, pasted.body) == ("ZeroWidth Title", "A lone ? surrogate from the clipboard.")


def test_paste_over_the_size_limit_is_refused():
    with pytest.raises(ImportRefused, match=r"^clipboard: is too long \(2.1 MB; the limit is 2.0 MB\)$"):
        article_from_text("é" * 1_050_000)


def test_long_cp1252_text_is_not_taken_for_a_baltic_code_page(tmp_path):
    # charset-normalizer's own best guess for this text is cp1257, which reads "déjà" as "déją".
    paragraph = "Café déjà vu “quoted” text line here. " * 20
    path = tmp_path / "long-cafe.txt"
    path.write_bytes(("Closures\n\n" + (paragraph + "\n\n") * 30).encode("cp1252"))
    assert read_article(path).body.startswith("Café déjà vu “quoted” text line here.")


def test_hard_wrapped_list_items_become_paragraphs(tmp_path):
    lines = [
        "Three Reasons",
        "Cities that banned cars from their centres report three effects, all of",
        "which the council's own figures now confirm for the pilot streets here:",
        "• cleaner air on every street within the zone, measured at twelve sites",
        "  across the centre over two full years;",
        "• more customers for small shops, whose takings rose by about a tenth;",
        "• fewer road injuries among children walking to and from their schools.",
    ]
    path = tmp_path / "list.txt"
    path.write_text("\n".join(lines))
    paragraphs = read_article(path).body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[1] == (
        "• cleaner air on every street within the zone, measured at twelve sites across the centre over two "
        "full years;"
    )


def test_latin1_txt(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Façade\n\nÀ Zürich, les élèves débattent: «Faut-il fermer les zoos?»".encode("latin-1"))
    article = read_article(path)
    assert (article.title, article.body) == ("Façade", "À Zürich, les élèves débattent: «Faut-il fermer les zoos?»")
