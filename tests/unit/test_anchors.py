from hypothesis import given
from hypothesis import strategies as st

from rebuttal_lab.core.anchors import locate, make_anchor, reanchor, snap_to_words, verify

BODY = "Phones distract pupils. Phones distract pupils, teachers say, and test scores fall."


def test_selection_inside_words_snaps_outwards():
    start = BODY.index("hones")            # starts inside "Phones"
    end = BODY.index("pupils") + 3         # ends inside "pupils"
    assert BODY[slice(*snap_to_words(BODY, start, end))] == "Phones distract pupils"


def test_leading_space_and_trailing_space_are_trimmed_but_full_stop_kept():
    start = BODY.index(" Phones", 5)
    end = BODY.index("teachers") - 1
    s, e = snap_to_words(BODY, start, end)
    assert BODY[s:e] == "Phones distract pupils,"


def test_backwards_selection_is_normalised():
    assert snap_to_words(BODY, 14, 0) == (0, 15)


def test_quote_with_context_refinds_the_right_occurrence():
    second = BODY.index("Phones distract pupils", 10)
    anchor = make_anchor(BODY, second, second + len("Phones distract pupils"))
    edited = "A new opening sentence. " + BODY
    moved = reanchor(edited, anchor)
    assert moved is not None
    assert moved.start == second + len("A new opening sentence. ")
    assert verify(edited, moved)


def test_quote_missing_from_body_is_not_found():
    anchor = make_anchor(BODY, 0, 6)
    assert reanchor("Nothing like it here.", anchor) is None
    assert locate(BODY, "") is None


@given(st.text(min_size=1, max_size=80), st.integers(0, 80), st.integers(0, 80))
def test_snapped_span_stays_inside_the_text(text, a, b):
    s, e = snap_to_words(text, a, b)
    assert 0 <= s <= e <= len(text)
