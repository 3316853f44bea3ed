from __future__ import annotations

from rebuttal_lab.io.importers import read_article

PRACTICE_ARTICLE = """# Social Media Should Be Banned for Under-16s

Motion: This House would ban social media for under-16s
Author: Sam Okafor

Teenagers who spend **more than three hours** a day on social media report
[twice the rate](https://example.org) of anxiety symptoms.

## Platforms profit from attention

The business model rewards *compulsive* use:

- infinite scroll removes natural stopping points;
- notifications pull users back in.

> Age checks already work for gambling sites.
"""


def test_practice_article_format(tmp_path):
    path = tmp_path / "social-media.md"
    path.write_text(PRACTICE_ARTICLE, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Social Media Should Be Banned for Under-16s"
    assert article.motion == "This House would ban social media for under-16s"
    assert article.author == "Sam Okafor"
    assert article.body.split("\n\n") == [
        "Teenagers who spend more than three hours a day on social media report twice the rate of anxiety "
        "symptoms.",
        "Platforms profit from attention",
        "The business model rewards compulsive use:",
        "infinite scroll removes natural stopping points;",
        "notifications pull users back in.",
        "Age checks already work for gambling sites.",
    ]


def test_markdown_without_author_and_with_setext_title(tmp_path):
    path = tmp_path / "exams.markdown"
    path.write_text("Scrap Exams\n===\n\nMotion: This House would scrap exams\n\nCoursework is fair.\n")
    article = read_article(path)
    assert (article.title, article.motion) == ("Scrap Exams", "This House would scrap exams")
    assert article.author == ""
    assert article.body == "Coursework is fair."


def test_markdown_front_matter(tmp_path):
    path = tmp_path / "post.md"
    path.write_text('---\ntitle: "Four-Day Week"\nauthor: Rae Lin\n---\n\nShorter weeks raise output.\n')
    article = read_article(path)
    assert (article.title, article.author) == ("Four-Day Week", "Rae Lin")
    assert article.body == "Shorter weeks raise output."


def test_markdown_without_heading_takes_first_words(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("Voting at sixteen would build lifelong habits of turning out at elections.\n")
    assert read_article(path).title == "Voting at sixteen would build lifelong habits of…"
