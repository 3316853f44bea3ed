"""Claim-spotting scoring: word-based overlap, both ways more than half, one-to-one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rebuttal_lab.core.spotting import score_spotting

BODY = ("Schools should start later. Teenagers sleep late because their body clock shifts. "
        "Tired students learn less and behave worse. A study found grades rose by four per cent.")


def span(text: str) -> tuple[int, int]:
    start = BODY.index(text)
    return start, start + len(text)


K1 = span("Schools should start later.")
K2 = span("Teenagers sleep late because their body clock shifts.")
K3 = span("A study found grades rose by four per cent.")


def test_exact_marks_score_full_marks():
    result = score_spotting([K1, K2, K3], [K1, K2, K3], BODY)
    assert (result["precision"], result["recall"], result["f1"]) == (1.0, 1.0, 1.0)
    assert result["missed"] == [] and result["extra"] == []
    assert [m["key"] for m in result["matched"]] == [list(K1), list(K2), list(K3)]


def test_partial_overlap_that_covers_most_of_both_matches():
    marked = span("sleep late because their body clock shifts. Tired")  # 7 of 8 key words, 1 outside
    result = score_spotting([marked], [K2], BODY)
    assert result["recall"] == 1.0 and result["precision"] == 1.0


def test_selection_edges_inside_words_still_count():
    start, end = K1
    result = score_spotting([(start + 2, end - 3)], [K1], BODY)  # "hools should start lat"
    assert result["f1"] == 1.0


def test_too_short_a_mark_does_not_find_a_long_claim():
    marked = span("body clock")  # 2 of 8 words
    result = score_spotting([marked], [K2], BODY)
    assert result["matched"] == [] and result["missed"] == [list(K2)] and result["extra"] == [list(marked)]
    assert result["f1"] == 0.0


def test_one_sweep_over_several_claims_finds_none():
    marked = (K2[0], K3[1])  # most of the mark lies outside either key span
    result = score_spotting([marked], [K2, K3], BODY)
    assert result["matched"] == [] and result["precision"] == 0.0


def test_matching_is_one_to_one():
    # Two marks on the same claim: only one of them counts, the other is extra.
    result = score_spotting([K3, span("study found grades rose by four per cent")], [K3], BODY)
    assert len(result["matched"]) == 1 and len(result["extra"]) == 1
    assert result["precision"] == 0.5 and result["recall"] == 1.0
    assert abs(result["f1"] - 2 / 3) < 1e-9


def test_one_to_one_finds_the_largest_matching_not_the_greediest():
    body = "alpha beta gamma delta epsilon zeta"
    k1, k2 = (0, 22), (6, 30)   # "alpha beta gamma delta", "beta gamma delta epsilon"
    m1, m2 = (6, 30), (11, 35)  # m1 fits both keys (k2 best); m2 fits only k2
    result = score_spotting([m1, m2], [k1, k2], body)
    assert {(tuple(m["marked"]), tuple(m["key"])) for m in result["matched"]} == {(m1, k1), (m2, k2)}
    assert result["f1"] == 1.0


def test_nothing_marked_and_empty_key():
    assert score_spotting([], [K1], BODY)["recall"] == 0.0
    assert score_spotting([K1], [], BODY)["precision"] == 0.0
    assert score_spotting([], [], BODY)["f1"] == 1.0


spans = st.tuples(st.integers(0, len(BODY)), st.integers(0, len(BODY))).map(lambda t: tuple(sorted(t)))


@given(st.lists(spans, max_size=6), st.lists(spans, max_size=6))
def test_scores_are_bounded_and_every_span_is_accounted_for(marked, key):
    result = score_spotting(marked, key, BODY)
    assert 0.0 <= result["precision"] <= 1.0 and 0.0 <= result["recall"] <= 1.0
    assert len(result["matched"]) + len(result["missed"]) == len(key)
    assert len(result["matched"]) + len(result["extra"]) == len(marked)
