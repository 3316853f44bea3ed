"""General rules of scorers 2026.11-2 and -3: a copied negation that comes with a reason still denies, and one
shared topic word is weak evidence that a sentence is about a claim; a counterfactual ("if X were ..., Y would ...") questions the warrant."""

from rebuttal_lab.nlp.align import match_claim
from rebuttal_lab.nlp.claims import ClaimTerms, claim_terms, term_weights
from rebuttal_lab.nlp.scoring import score
from rebuttal_lab.nlp.speech import prepare

SLEEP = [
    {"id": "a", "text": "A teenager who cannot fall asleep until eleven is not being defiant; he is being fifteen."},
    {"id": "b", "text": "Schools should start later so that pupils get more sleep."},
    {"id": "c", "text": "Buses would cost the council more money."},
]


def claim(report, cid):
    return next(c for c in report["claims"] if c["id"] == cid)


def test_copular_negation_with_a_reason_is_a_denial_even_if_the_claim_says_not():
    text = ("Being fifteen is not a diagnosis: many fifteen-year-olds fall asleep by ten once the phone "
            "leaves the bedroom, so late nights are often a habit.")
    c = claim(score(SLEEP, rebuttal=text), "a")
    assert c["verdict"] == "rebutted"
    assert "denial" in c["moves"]


def test_copied_negation_without_a_reason_is_still_no_denial():
    text = "A teenager who cannot fall asleep until eleven is not being defiant, he is being fifteen, yes."
    c = claim(score(SLEEP, rebuttal=text), "a")
    assert c["verdict"] != "rebutted"
    assert "denial" not in c["moves"]


def _single(text, claims, which):
    terms = [claim_terms(c) for c in claims]
    weights = term_weights(terms)
    speech = prepare(text)
    moved = frozenset(range(len(speech.sentences))) if "not" in text else frozenset()
    top = 1.0986   # log(1 + 2)
    return match_claim(ClaimTerms.of(terms[which], weights[which]), speech, top, moved).single.get(0, 0.0)


def test_one_shared_word_counts_less_unless_it_is_rare_and_pushed_back_on():
    claims = ["Tourists crowd the old town every summer.", "Tourists should pay a nightly tax."]
    shared = _single("Tourists love the beaches.", claims, 1)      # topic word, no pushback
    two = _single("Tourists would pay the levy happily.", claims, 1)
    assert 0 < shared < two
    rare_no_move = _single("Every summer feels long.", claims, 0)
    rare_moved = _single("Summer is not the problem.", claims, 0)
    assert rare_moved > rare_no_move


def test_counterfactual_reductio_questions_the_warrant():
    from rebuttal_lab.nlp.moves import find_cues
    hits = find_cues("If recognition were enough on its own, the shortage would already be solved.")
    assert any(h.section == "warrant" and h.strong for h in hits)
    assert not any(h.section == "warrant" for h in find_cues("If it rains, the match would be moved."))
    past = find_cues("If longer lunches made pupils lazy, our grades would have dropped; they went up.")
    assert any(h.section == "warrant" and h.strong for h in past)  # "would have": it did not happen
    assert not any(h.section == "warrant" for h in find_cues("We would have lunch outside if it were dry."))


BULLYING = [{"id": "a", "text": "Phones fuel bullying in schools."},
            {"id": "b", "text": "Uniforms cost parents a fortune."},
            {"id": "c", "text": "Homework should be banned."}]


def test_one_shared_word_names_a_claim_only_when_its_sentence_pushes_back():
    passing = ("Bullying was the theme of our assembly on Monday morning. The timetable is wrong, because the "
               "buses never arrive before nine and the staff go home early.")
    aimed = ("Bullying is not common here, because the corridors are watched and the staff go home early.")
    assert claim(score(BULLYING, rebuttal=passing), "a")["verdict"] != "rebutted"
    assert claim(score(BULLYING, rebuttal=aimed), "a")["verdict"] == "rebutted"


def test_a_colon_that_explains_is_a_reason():
    from rebuttal_lab.nlp.moves import find_cues
    assert any(h.section == "reason" for h in find_cues("It is not closed: the building is heated and staffed."))
    assert not any(h.section == "reason" for h in find_cues("It is not closed at 10:30 today."))
