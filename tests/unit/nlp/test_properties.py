"""Properties that must hold for any input, checked with generated text."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rebuttal_lab.nlp.scoring import score

CLAIMS = [   # with the article sentences around each, as the app passes them (nlp.context)
    {"id": "A", "text": "Homework improves exam results for older pupils.",
     "context": "Research on revision shows practice at home pays off in the final year."},
    {"id": "B", "text": "A four-day week saves money on buses and heating.",
     "context": "Councils with one day less of school spend less on fuel, studies show."},
    {"id": "C", "text": "Nuclear power is too expensive compared with wind and solar.",
     "context": "Every reactor built in the last decade ran over budget, and turbines got cheaper."},
]
WORDS = ["homework", "exam", "results", "pupils", "older", "improves", "not", "true", "studies", "show", "no", "effect", "four", "day", "week", "saves", "money", "buses", "heating", "nuclear", "power", "expensive", "wind", "solar", "cheaper", "however", "for", "example", "because", "the", "a", "of", "and", "in", "is", "that", "research", "2019", "percent", "fails", "turn", "worse"]
# The article the claims were marked in: its topic words (school, pupils, results...) weigh less
ARTICLE = "\n\n".join(["School Results", *(c["text"] + " " + c["context"] + " Schools and pupils care about results."
                                           for c in CLAIMS), "Every school wants better results for its pupils, and parents ask how schools could get them."])
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=18).map(lambda ws: " ".join(ws).capitalize() + ".")
speech = st.lists(sentence, min_size=0, max_size=8).map(" ".join)
UNRELATED = ("Penguins huddle together through the polar winter. The males balance eggs on their feet "
             "for two months while the females hunt far out at sea.")


def verdicts(report):
    return [c["verdict"] for c in report["claims"]]


@settings(max_examples=60, deadline=None)
@given(speech)
def test_coverage_is_a_share(text):
    report = score(CLAIMS, rebuttal=text, article=ARTICLE)
    assert 0.0 <= report["overall"] <= 1.0
    for c in report["claims"]:
        assert 0.0 <= c["coverage"] <= 1.0
        assert (c["verdict"] == "rebutted") == (c["coverage"] >= 0.5)


@settings(max_examples=40, deadline=None)
@given(speech, st.sampled_from(["  ", "\t", " \n "]))
def test_whitespace_and_case_do_not_change_verdicts(text, gap):
    spaced = re.sub(r"(?<=\.) ", gap, text).replace(" ", "  ")
    expected = verdicts(score(CLAIMS, rebuttal=text, article=ARTICLE))
    for changed in (spaced, text.upper(), text.lower()):
        assert verdicts(score(CLAIMS, rebuttal=changed, article=ARTICLE)) == expected


@settings(max_examples=40, deadline=None)
@given(speech)
def test_appending_an_unrelated_paragraph_never_makes_a_claim_rebutted(text):
    before = verdicts(score(CLAIMS, rebuttal=text, article=ARTICLE))
    after = verdicts(score(CLAIMS, rebuttal=text + "\n\n" + UNRELATED, article=ARTICLE))
    for old, new in zip(before, after, strict=True):
        assert not (new == "rebutted" and old != "rebutted")


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=400))
def test_any_unicode_text_is_scored(text):
    report = score(CLAIMS, rebuttal=text, article=ARTICLE)
    assert len(report["claims"]) == 3
    assert score(CLAIMS, answers={"A": text, "B": text}, article=ARTICLE)["claims"][2]["verdict"] == "missed"


@settings(max_examples=30, deadline=None)
@given(speech)
def test_appending_an_unrelated_paragraph_to_a_flow_answer_never_makes_it_rebutted(text):
    before = verdicts(score(CLAIMS, answers={"A": text, "B": text}, article=ARTICLE))
    longer = text + "\n\n" + UNRELATED
    after = verdicts(score(CLAIMS, answers={"A": longer, "B": longer}, article=ARTICLE))
    for old, new in zip(before, after, strict=True):
        assert not (new == "rebutted" and old != "rebutted")
