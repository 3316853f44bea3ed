from pathlib import Path

import pytest

from rebuttal_lab.nlp.suggest import suggest_claims

ARTICLE = """Why Cities Should Tax Tourists

Every summer the old town fills with visitors. It is time for the council to act: a nightly tourist tax
should fund the services that visitors use. Because hotels are already full, a small charge will not
drive guests away. Studies of Amsterdam found that a 7% levy raised millions without reducing arrivals.

Critics say the tax will hurt small guesthouses. But the charge is paid by the guest, not the owner.
Is there a fairer way? Perhaps not.
"""


def test_invariants():
    suggestions = suggest_claims(ARTICLE)
    assert suggestions
    for s in suggestions:
        assert ARTICLE[s["start"]:s["end"]] == s["text"]
        assert 0.0 <= s["confidence"] <= 1.0
        assert isinstance(s["why"], str) and s["why"]
    confidences = [s["confidence"] for s in suggestions]
    assert confidences == sorted(confidences, reverse=True)


def test_argument_sentences_outrank_scene_setting_and_questions():
    texts = [s["text"] for s in suggest_claims(ARTICLE)]
    assert texts.index("Every summer the old town fills with visitors.") > 2
    top = " ".join(texts[:3])
    assert "should fund" in top or "7% levy" in top
    assert "Why Cities Should Tax Tourists" not in texts        # a heading is not a claim
    question = texts.index("Is there a fairer way?")
    assert question > texts.index("Because hotels are already full, a small charge will not\ndrive guests away.")


def test_reported_view_ranks_below_the_answer_to_it():
    texts = [s["text"] for s in suggest_claims(ARTICLE)]
    assert texts.index("But the charge is paid by the guest, not the owner.") < texts.index(
        "Critics say the tax will hurt small guesthouses.")


def test_limit():
    assert len(suggest_claims(ARTICLE, limit=2)) == 2
    assert suggest_claims(ARTICLE, limit=0) == []


@pytest.mark.parametrize("article", ["", "   ", "no full stop", "??? !!!", "日本語の文章です。" * 20])
def test_odd_articles(article):
    for s in suggest_claims(article):
        assert article[s["start"]:s["end"]] == s["text"]


def test_shared_eval_article_if_present():
    path = Path("/work/shared/eval/phones_article.txt")
    if not path.exists():
        pytest.skip("shared eval set not available")
    article = path.read_text(encoding="utf-8")
    top = suggest_claims(article, limit=20)
    assert all(article[s["start"]:s["end"]] == s["text"] for s in top)


@pytest.mark.parametrize("claim", [
    "A test measures one morning, not two years of work.",
    "Batteries can cover an evening; they cannot cover a fortnight.",
    "Rules like these teach obedience rather than judgement.",
    "Street trees are not decoration; they are infrastructure.",   # the denial before the semicolon
    "A legal wall, by contrast, costs next to nothing.",
])
def test_antithesis_outranks_plain_narration_of_the_same_length(claim):
    narration = "The hall opened at eight that cold morning."
    article = f"Title line\n\nThe school year ends in June. {narration} {claim} Lunch was served at noon.\n"
    ranked = [s["text"] for s in suggest_claims(article)]
    assert ranked.index(claim) < ranked.index(narration)
    why = next(s["why"] for s in suggest_claims(article) if s["text"] == claim)
    assert "sets one thing against another" in why


def test_no_coincidence_is_read_as_a_cause():
    claim = "It is no coincidence that the parks were cut first."
    article = f"Title line\n\nThe council met in March. {claim} The hall has blue chairs.\n"
    why = next(s["why"] for s in suggest_claims(article) if s["text"] == claim)
    assert "gives a cause or reason" in why


def test_a_conclusion_drawn_with_so_is_a_reason_but_so_much_is_not():
    inference = "The host city signs the guarantee, so the risk sits with local taxpayers."
    degree = "The host city signs the guarantee, so much is known from the contract."
    article = f"Title line\n\nThe Games came in July. {inference} {degree} The hall has blue chairs.\n"
    why = {s["text"]: s["why"] for s in suggest_claims(article)}
    assert "gives a cause or reason" in why[inference]
    assert "gives a cause or reason" not in why[degree]
