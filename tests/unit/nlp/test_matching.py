import pytest

from rebuttal_lab.nlp.matching import build_index, match_term, within_one_or_two
from rebuttal_lab.nlp.text import lemma_candidates, stem_keys, words


def best(claim_word, *sentences):
    index = build_index([s.lower().split() for s in sentences])
    found = match_term(claim_word, index)
    return {sid: (word, how) for sid, (_, word, how) in found.items()}


def test_exact_and_stem():
    assert best("ban", "ban")[0] == ("ban", "exact")
    assert best("negotiations", "negotiating")[0] == ("negotiating", "stem")


def test_comparative_meets_its_base():
    assert "simpl" in stem_keys("simpler")
    assert best("simple", "simpler")[0][1] == "stem"


def test_wordnet_synonym():
    assert best("talks", "negotiation")[0] == ("negotiation", "synonym")


def test_hand_written_related_words():
    assert best("truce", "ceasefire")[0][1] in ("synonym", "related")
    assert best("phones", "handsets")[0][1] == "related"


@pytest.mark.parametrize(("place", "people"), [("mexico", "mexican"), ("britain", "british"),
                                                ("sweden", "swedish"), ("netherlands", "dutch")])
def test_a_place_meets_its_people(place, people):
    assert best(place, people)[0] == (people, "related")   # "the Mexican example" names a claim about Mexico


def test_hyphenated_spelling_meets_joined_word():
    index = build_index([["cease", "fire", "ceasefire"]])
    assert match_term("ceasefire", index)[0][2] == "exact"


def test_compound_contains_the_claim_word():
    assert best("bullying", "cyberbullying")[0][1] == "stem"


def test_spelling_slip_matches_but_two_real_words_do_not():
    assert best("government", "goverment")[0] == ("goverment", "spelling")
    assert best("brought", "bought") == {}
    # two letters swapped are one slip, the commonest a student makes
    assert best("council", "the conucil says")[0] == ("conucil", "spelling")


def test_a_number_written_against_its_unit_is_the_same_number():
    assert words("Struck at 20mph, a £2bn plan, 5km away; the 1990s; 2.5m people") == [
        "struck", "at", "20", "mph", "a", "2", "bn", "plan", "5", "km", "away", "the", "1990", "s", "2.5", "m",
        "people"]
    assert best("20", *[" ".join(words("hit at 20mph"))])[0] == ("20", "exact")


def test_unrelated_word_does_not_match():
    assert best("bullying", "uniforms", "weather") == {}


def test_match_reports_the_sentence_it_is_in():
    assert set(best("ban", "nothing here", "a ban now", "ban again")) == {1, 2}


@pytest.mark.parametrize(("a", "b", "limit", "expected"), [
    ("kitten", "sitten", 1, True), ("kitten", "sitting", 1, False), ("kitten", "sitting", 2, False),
    ("government", "goverment", 1, True), ("abc", "abc", 0, True), ("recieve", "receive", 2, True),
    ("recieve", "receive", 1, True), ("because", "becuase", 1, True), ("because", "bceause", 1, True),
    ("because", "becusae", 1, False), ("abcd", "badc", 1, False), ("abcd", "badc", 2, True),
])
def test_bounded_edit_distance(a, b, limit, expected):
    assert within_one_or_two(a, b, limit) is expected


def test_lemma_candidates():
    assert "talk" in lemma_candidates("talks")
    assert "study" in lemma_candidates("studies")
    assert "ban" in lemma_candidates("banned")
