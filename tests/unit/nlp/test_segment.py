from rebuttal_lab.nlp.segment import sentence_spans


def sentences(text, learn=True):
    return [text[a:b] for a, b in sentence_spans(text, learn=learn)]


def test_abbreviations_do_not_end_sentences():
    text = "Dr. Smith moved to the U.S. last year, e.g. for work. She likes it."
    for learn in (True, False):
        assert sentences(text, learn) == ["Dr. Smith moved to the U.S. last year, e.g. for work.",
                                          "She likes it."]


def test_quotation_with_inner_full_stops_stays_one_sentence():
    text = 'The minister said "We will act. We must act." and sat down. Nobody clapped.'
    assert sentences(text) == ['The minister said "We will act. We must act." and sat down.',
                               "Nobody clapped."]


def test_closing_quote_belongs_to_its_sentence():
    text = 'He called it "a disaster." Others disagreed.'
    assert sentences(text) == ['He called it "a disaster."', "Others disagreed."]


def test_blank_line_always_splits_and_headings_stand_alone():
    text = "A Title Without Stop\n\nFirst point here. Second point?\n\nLast one!"
    assert sentences(text) == ["A Title Without Stop", "First point here.", "Second point?", "Last one!"]


def test_lower_case_continuation_is_not_a_new_sentence():
    assert sentences("It costs approx. ten pounds a week. Fine.", learn=False) == [
        "It costs approx. ten pounds a week.", "Fine."]


def test_a_number_can_end_a_sentence_in_live_splitting():
    # Punkt on lower-cased text read "40. nobody" as one sentence; a list number still starts one
    text = "Compare being hit at 20 and at 40. Nobody disputes that. Prices rose 5% in 2021. wages did not."
    assert sentences(text, learn=False) == ["Compare being hit at 20 and at 40.", "Nobody disputes that.",
                                            "Prices rose 5% in 2021.", "wages did not."]
    assert sentences("1. Schools should act. 2. Parents too. It costs £3.50 a day.", learn=False) == [
        "1. Schools should act.", "2. Parents too.", "It costs £3.50 a day."]


def test_spans_are_trimmed_ordered_offsets():
    text = "  One sentence here.   Another one there.  \n\n  A third.  "
    spans = sentence_spans(text)
    assert spans == sorted(spans)
    for a, b in spans:
        assert text[a:b] == text[a:b].strip() and text[a:b]


def test_empty_and_blank_text():
    assert sentence_spans("") == []
    assert sentence_spans(" \n\t ") == []


def test_text_without_punctuation_is_one_sentence():
    assert sentences("no punctuation at all here") == ["no punctuation at all here"]
