from __future__ import annotations

import socket

import pytest

from rebuttal_lab.io.importers import ImportRefused, read_article

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Cities should ban cars from their centres | The Daily Courier</title>
<meta name="author" content="Priya Raman">
<meta property="og:title" content="Cities should ban cars from their centres">
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<script src="https://cdn.example.com/tracker.js"></script>
</head><body>
<header class="site-header"><a href="/">The Daily Courier</a>
<div class="tagline">News you can trust since 1901</div></header>
<nav class="main-menu"><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav>
<main><article>
<h1>Cities should ban cars from their centres</h1>
<p class="byline">By Priya Raman</p>
<img src="https://images.example.com/traffic.jpg" alt="Traffic jam">
<p>Every weekday morning, thousands of commuters crawl through streets that were laid out long before the
motor car existed. The result is congestion, noise and air that children should not have to breathe.</p>
<p>Banning private cars from city centres would cut pollution quickly. When Oslo removed parking spaces from
its core, footfall in local shops rose and nitrogen dioxide levels fell within a year.</p>
<h2>The objections do not hold up</h2>
<p>Critics say that businesses will suffer if drivers cannot reach them. But the evidence from pedestrianised
streets across Europe points the other way: people on foot linger, browse and spend more.</p>
<p>Others worry about disabled residents and deliveries. Exemptions for blue-badge holders and delivery
windows before nine in the morning answer both concerns.</p>
</article>
<section id="comments" class="comments"><h3>Comments (2)</h3>
<div class="comment"><p>GaryFromLeeds: Absolute nonsense, I need my car to get to work every day.</p></div>
<div class="comment"><p>Moonbeam77: Totally agree with this, the fumes near my flat are unbearable.</p></div>
</section>
<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/a">Council votes to widen ring road despite protests</a></li>
<li><a href="/b">Ten electric cars reviewed for the winter season</a></li></ul></aside>
</main>
<footer class="site-footer"><p>© 2025 The Daily Courier Ltd. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>
"""

JUNK = [
    "World", "Politics", "Subscribe today", "News you can trust", "GaryFromLeeds", "fumes near my flat",
    "Related stories", "widen ring road", "electric cars reviewed", "All rights reserved", "Privacy policy",
    "Cookie settings", "The Daily Courier",
]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test: a saved page must be read offline."""

    def refuse(*args, **kwargs):
        raise AssertionError("the importer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_news_page_comes_in_as_its_article(tmp_path):
    path = tmp_path / "cars.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Cities should ban cars from their centres"
    assert article.author == "Priya Raman"
    paragraphs = article.body.split("\n\n")
    assert paragraphs[0].startswith("Every weekday morning, thousands of commuters crawl through streets")
    assert "nitrogen dioxide levels fell within a year." in article.body
    assert "The objections do not hold up" in paragraphs
    assert paragraphs[-1].endswith("answer both concerns.")
    for junk in JUNK:
        assert junk not in article.body


def test_simple_short_page(tmp_path):
    path = tmp_path / "homework.htm"
    path.write_text(
        "<html><head><title>Ban homework</title></head><body><nav><a href='/'>Home</a> <a href='/x'>About</a>"
        "</nav><h1>Ban homework</h1><p>Homework steals evenings from children.</p><p>Play matters more.</p>"
        "<footer>Site by Kim</footer></body></html>"
    )
    article = read_article(path)
    assert article.title == "Ban homework"
    assert article.body == "Homework steals evenings from children.\n\nPlay matters more."


def test_page_in_windows_1252_declared_by_meta_tag(tmp_path):
    path = tmp_path / "cafe.html"
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Café tax</title></head><body><article><p>A “sugar tax” on cafés – déjà vu for Europe.</p>"
        "</article></body></html>"
    )
    path.write_bytes(html.encode("cp1252"))
    assert read_article(path).body == "A “sugar tax” on cafés – déjà vu for Europe."


def test_page_of_only_navigation_is_refused(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><head><title>Menu</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/news'>Latest news</a></li><li><a href='/about'>About us</a></li></ul></nav>"
        "</body></html>"
    )
    with pytest.raises(ImportRefused) as refused:
        read_article(path)
    assert str(refused.value).startswith("menu.html: has no article text")


def test_page_without_text_is_refused(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>Nothing</title></head><body><img src='x.png'></body></html>")
    with pytest.raises(ImportRefused, match="^blank.html: "):
        read_article(path)


def test_page_built_only_from_divs(tmp_path):
    """Older sites have no <nav>/<article>/<footer> tags: the boilerplate must still stay out."""
    html = NEWS_PAGE
    for tag in ("header", "nav", "main", "article", "section", "aside", "footer"):
        html = html.replace(f"<{tag}", "<div").replace(f"</{tag}>", "</div>")
    path = tmp_path / "old-site.html"
    path.write_text(html, encoding="utf-8")
    article = read_article(path)
    assert article.body.startswith("Every weekday morning")
    assert "Exemptions for blue-badge holders" in article.body
    for junk in JUNK:
        assert junk not in article.body


def test_old_page_with_paragraphs_split_by_double_line_breaks(tmp_path):
    path = tmp_path / "notes.html"
    path.write_text(
        "<html><head><title>Zoo Notes</title></head><body><div>First point about zoos and their cruelty."
        "<br><br>Second point: conservation is a fig leaf<br>for entertainment.</div></body></html>"
    )
    article = read_article(path)
    assert article.body == (
        "First point about zoos and their cruelty.\n\n"
        "Second point: conservation is a fig leaf for entertainment."
    )


def test_article_with_many_inline_links_is_not_mistaken_for_a_menu(tmp_path):
    linked = "<a href='/a'>the report</a> by <a href='/b'>the council</a> shows <a href='/c'>that</a>"
    path = tmp_path / "links.html"
    path.write_text(
        "<html><head><title>Linked</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/n'>the news</a></nav>"
        f"<article><p>As {linked} traffic fell by a third once the centre closed to cars.</p>"
        f"<p>Shops on the high street did better, as {linked} footfall rose.</p></article></body></html>"
    )
    article = read_article(path)
    assert article.body.startswith("As the report by the council shows that traffic fell by a third")


def test_page_listing_only_other_stories_is_refused(tmp_path):
    headlines = [
        "Council votes to widen the ring road through the old town despite protests from residents",
        "Ten electric cars reviewed for the winter season, with prices, ranges and charging times",
        "Why the new bus timetable leaves villages without a service after six in the evening",
    ]
    items = "".join(f"<li><a href='/{i}'>{h}</a></li>" for i, h in enumerate(headlines))
    path = tmp_path / "index.html"
    path.write_text(f"<html><head><title>Latest</title></head><body><ul>{items}</ul></body></html>")
    with pytest.raises(ImportRefused, match="^index.html: has no article text"):
        read_article(path)


def test_page_with_text_straight_in_the_body(tmp_path):
    path = tmp_path / "bare.html"
    path.write_text(
        "<html><head><title>Bare Page</title><style>body{}</style></head><body><header>Site name</header>"
        "Uniforms save parents money.<br><br>They also reduce bullying.<script>track()</script></body></html>"
    )
    article = read_article(path)
    assert article.title == "Bare Page"
    assert article.body == "Uniforms save parents money.\n\nThey also reduce bullying."
