import math

from rebuttal_lab.nlp.align import align, match_claim, sections
from rebuttal_lab.nlp.claims import ClaimTerms, claim_terms, setting_terms, term_weights
from rebuttal_lab.nlp.speech import prepare

CLAIMS = ["Phones fuel bullying.", "Phones ruin attention in class.", "Phones help parents in emergencies."]


def test_claim_terms_drop_stop_words_negations_and_repeated_stems():
    assert claim_terms("Teachers do not teach the teachers.") == ["teachers"]
    assert claim_terms("Phones fuel bullying.") == ["phones", "fuel", "bullying"]


def test_shared_topic_words_weigh_less_than_distinctive_ones():
    terms = [claim_terms(c) for c in CLAIMS]
    weights = term_weights(terms)
    phones, bullying = weights[0][0], weights[0][2]
    assert phones == math.log(4 / 3) and bullying == math.log(4)   # in all 3 claims vs in 1
    # a synonym counts as the same concept: "handsets" is as common as "phones"
    terms2 = [["handsets", "bullying"], ["phones", "attention"]]
    assert term_weights(terms2)[0][0] < term_weights(terms2)[0][1]


def test_closing_place_phrase_is_the_setting():
    assert setting_terms("Smartphones fuel bullying in schools.") == {"schools"}
    assert setting_terms("Crime rose.") == frozenset()
    assert setting_terms("In schools, phones fuel bullying.") == frozenset()


def test_each_sentence_answers_the_claim_it_matches_best_and_continuations_follow():
    speech = prepare("Bullying happens mostly at night. It is worse on weekends.\n\n"
                     "Attention in class depends on the lesson. Good teaching matters more.")
    terms = [claim_terms(c) for c in CLAIMS]
    weights = term_weights(terms)
    top = math.log(1 + len(CLAIMS))
    matches = [match_claim(ClaimTerms.of(t, w), speech, top) for t, w in zip(terms, weights, strict=True)]
    blocks = align(matches, speech)
    assert blocks[0] == [0, 1]      # the second sentence continues the bullying answer
    assert blocks[1] == [2, 3]
    assert blocks[2] == []
    assert speech.owned == {0, 2}


def test_prepare_marks_paragraphs_and_evidence():
    speech = prepare("One study found 40% fewer cases.\n\nNothing else here.")
    assert [s.paragraph for s in speech.sentences] == [0, 1]
    assert [s.evidence for s in speech.sentences] == [True, False]


def test_a_sentence_that_points_back_also_answers_the_claim_before_it():
    # The second sentence shares words with the attention claim, but "It" ties it to the bullying answer:
    # it gives that answer's reason, so it belongs to both.
    speech = prepare("Bullying figures are a best case. It assumes attention in class never wanders.")
    terms = [claim_terms(c) for c in CLAIMS]
    weights = term_weights(terms)
    top = math.log(1 + len(CLAIMS))
    matches = [match_claim(ClaimTerms.of(t, w), speech, top) for t, w in zip(terms, weights, strict=True)]
    blocks = align(matches, speech)
    assert blocks[0] == [0, 1] and blocks[1] == [1]
    unbound = prepare("Bullying figures are a best case. Attention in class never wanders.")
    matches = [match_claim(ClaimTerms.of(t, w), unbound, top) for t, w in zip(terms, weights, strict=True)]
    assert align(matches, unbound)[0] == [0]  # without the pointer the sentence is the other claim's


def _aligned(text: str):
    speech = prepare(text)
    terms = [claim_terms(c) for c in CLAIMS]
    weights = term_weights(terms)
    top = math.log(1 + len(CLAIMS))
    matches = [match_claim(ClaimTerms.of(t, w), speech, top) for t, w in zip(terms, weights, strict=True)]
    return speech, align(matches, speech)


def test_signposts_that_open_close_and_report():
    speech = prepare("First, the bullying figures. As for the idea that class suffers, it does not. The bit about "
                     "emergencies is odd. They also say that parents worry. The research is clear. For all these "
                     "reasons, I disagree.")
    assert [s.signpost for s in speech.sentences] == ["opens", "opens", "opens", "reports", "", "closes"]
    stances = prepare("I think phones should stay in lockers. I think the survey is weak.")
    assert [s.signpost for s in stances.sentences] == ["stance", "view"]   # only the first takes a side
    # "also" between the article and its verb still opens a section, and the sentence retells the article
    also = prepare("The writer also says that parents worry. The writer says so, but it is wrong.").sentences
    assert [(s.signpost, s.retells, s.silent) for s in also] == [("opens", True, True), ("opens", False, False)]
    # "next" opens a section only with its comma
    assert [s.signpost for s in prepare("Next, the promise of safety. Next year it changes.").sentences] == [
        "opens", ""]
    # the point named as the writer's: "The writer's worry that ..."
    assert prepare("The writer's worry that pupils lose out makes no sense.").sentences[0].signpost == "opens"
    # in a debate the case comes from the other side: "My opponent says ...", "My opponent's claim that ..."
    debate = prepare("My opponent says parents worry. My opponent's claim that pupils lose out is wrong. The "
                     "opposition also argues that it costs too much.").sentences
    assert [s.signpost for s in debate] == ["opens", "opens", "opens"]
    assert debate[0].retells and not debate[1].retells
    # a comparison taken on, and the article's view told in the student's words, open sections too
    for opener in ("Comparing a dog to a climbing frame doesn't work.", "The writer acts like parcels must fly at 3am.",
                   "The article talks as if bidding commits us to everything.", "The writer reckons nobody drives."):
        assert prepare(opener).sentences[0].signpost == "opens", opener


def test_a_section_opened_by_naming_a_claim_answers_it_until_the_next_signpost():
    # "Second, parents." names the emergencies claim by one word; the two sentences after it answer it,
    # though the first of them shares its words with the attention claim. The closing sentence is no one's.
    speech, blocks = _aligned("First, bullying. Most of it happens at night, away from school. Second, parents. "
                              "Attention in class is what a call in a lesson ruins, and the office has a phone "
                              "for real emergencies. A school can always reach a family. For all these "
                              "reasons, keep the ban.")
    assert speech.openers == {0: 0, 2: 2}
    assert speech.section_of == {0: 0, 1: 0, 2: 2, 3: 2, 4: 2}
    assert 3 in blocks[2] and 4 in blocks[2]
    assert 5 not in speech.section_of


def test_a_short_lead_in_names_its_claim_with_the_sentence_after_it():
    # "Second, the worry." shares no word with any claim; with the sentence after it, it names emergencies
    speech, blocks = _aligned("Second, the worry. Parents can reach the office in an emergency, and the office "
                              "finds the pupil in a minute.")
    assert speech.openers == {0: 2} and speech.section_of == {0: 2, 1: 2}
    assert blocks[2] == [0, 1]


def test_an_opener_names_its_best_claim_unless_another_comes_close():
    # single[claim][sentence]: how well each sentence alone matches each claim
    speech = prepare("First, the bullying figures. Most of it happens at night.")
    assert sections([[0.5, 0.0], [0.33, 0.0]], speech)[0] == {0: 0}    # a signpost names at 2:3
    assert sections([[0.5, 0.0], [0.4, 0.0]], speech)[0] == {}          # but not at 4:5


def test_a_point_by_point_opener_names_the_only_claim_that_shares_its_words():
    # "First, cricket." matches the claim whose context tells of cricket too faintly to name it among others,
    # but no other claim shares a word with it: the student chose the word to name that claim
    speech = prepare("First, cricket. Umpires there give the batter the benefit of the doubt.")
    assert sections([[0.08, 0.0], [0.0, 0.0]], speech)[0] == {0: 0}
    assert sections([[0.08, 0.0], [0.05, 0.0]], speech)[0] == {}   # two claims share its words: neither


def test_an_opener_matching_two_claims_names_the_one_it_quotes_in_a_run_of_words():
    # "extra lessons for every child who ..." matches both claims about as well (lessons, child; children,
    # behind), but repeats "lessons for every child who" from the first: that is the one the student names
    speech = prepare("Second, they promise extra lessons for every child who is still behind in Year 5. A "
                     "frightened nine-year-old will not be cured by four more sessions.")
    quotes = ["Top-up lessons for every child who has not reached 25 metres by Year 5 would end the lottery.",
              "The children left behind are those whose parents cannot afford a lesson."]
    single = [[0.32, 0.0], [0.32, 0.0]]
    assert sections(single, speech)[0] == {}                              # a tie names neither...
    assert sections(single, speech, quotes=quotes)[0] == {0: 0}           # ...unless one is quoted
    assert sections(single, speech, quotes=quotes[::-1])[0] == {0: 1}
    # a run with one content word ("the law") is no quotation: every claim about a law has it
    speech = prepare("Third, the law would cover new cars only. Most of them are electric already.")
    assert sections(single, speech, quotes=["Without the law, drivers keep speeding.", "Cars waste fuel."])[0] == {}


def test_an_opener_that_names_no_claim_clearly_opens_no_section():
    speech, _ = _aligned("Next, the weather. It rained all week and nobody went out.")
    assert speech.openers == {} and speech.section_of == {}


def test_a_view_that_names_no_claim_goes_on_with_the_section_it_is_in():
    # "I think it is the opposite." names no claim: it keeps the section open, so the evidence after it still
    # answers the claim the opener named, instead of being left to whichever claim its words match
    speech = prepare("Finally, the fear about bullying. I think it is the opposite. Pupils at my school say "
                     "most of it happens at night.")
    openers, section_of = sections([[0.6, 0.0, 0.0], [0.0, 0.0, 0.5]], speech)
    assert openers == {0: 0}
    assert section_of == {0: 0, 1: 0, 2: 0}


def test_a_preview_of_the_speech_answers_no_claim():
    # "I want to take on three of the writer's arguments" names the article's points without answering any: its
    # "but" is no concession-then-answer, and it is no claim's sentence
    speech, blocks = _aligned("Ladies and gentlemen, the writer says phones fuel bullying, but I want to take "
                              "their case apart. Most bullying happens at night, away from school.")
    assert speech.sentences[0].signpost == "previews" and speech.sentences[0].silent
    assert blocks[0] == [1]
