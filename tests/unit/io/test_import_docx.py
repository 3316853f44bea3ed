from __future__ import annotations

import docx

from rebuttal_lab.io.importers import read_article


def _save(document, path):
    document.save(str(path))
    return path


def test_docx_core_properties_and_headings(tmp_path):
    document = docx.Document()
    document.core_properties.title = "Nuclear Power Is the Green Choice"
    document.core_properties.author = "Dana Whitfield"
    document.add_heading("Nuclear Power Is the Green Choice", level=0)  # the Title style
    document.add_paragraph("Motion: This House would build new nuclear power stations")
    document.add_paragraph("Wind and sun are   intermittent; nuclear plants run day and night.")
    document.add_heading("Safety", level=1)
    document.add_paragraph("Per unit of energy, nuclear power has caused fewer deaths than coal.")
    article = read_article(_save(document, tmp_path / "nuclear.docx"))
    assert article.title == "Nuclear Power Is the Green Choice"
    assert article.author == "Dana Whitfield"
    assert article.motion == "This House would build new nuclear power stations"
    assert article.body.split("\n\n") == [
        "Wind and sun are intermittent; nuclear plants run day and night.",
        "Safety",
        "Per unit of energy, nuclear power has caused fewer deaths than coal.",
    ]


def test_docx_without_core_title_uses_its_first_heading(tmp_path):
    document = docx.Document()  # python-docx's template names "python-docx" as author: not a person
    document.add_heading("Lower the Voting Age", level=1)
    document.add_paragraph("Sixteen-year-olds pay taxes and can work.")
    article = read_article(_save(document, tmp_path / "votes.docx"))
    assert (article.title, article.author) == ("Lower the Voting Age", "")
    assert article.body == "Sixteen-year-olds pay taxes and can work."


def test_docx_without_any_heading_uses_its_first_line(tmp_path):
    document = docx.Document()
    document.add_paragraph("Free School Meals")
    document.add_paragraph("By Ollie Grant")
    document.add_paragraph("Hungry children cannot learn.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Pupils fed"
    table.cell(0, 1).text = "1.9 million"
    article = read_article(_save(document, tmp_path / "meals.docx"))
    assert (article.title, article.author) == ("Free School Meals", "Ollie Grant")
    assert article.body == "Hungry children cannot learn.\n\nPupils fed | 1.9 million"
