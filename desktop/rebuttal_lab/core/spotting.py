"""Claim-spotting drill: how well the spans a student marked agree with an answer key.

Spans are compared by the words they cover, not by characters, so a selection that starts one space
early or stops before the full stop still counts. A marked span matches a key span when it covers most
(> 50 %) of the key's words AND most of its own words lie inside the key: a long sweep over a whole
paragraph does not "find" every claim in it, and three words out of a long claim do not find it either.
Each key span is matched at most once and each marked span at most once (maximum one-to-one matching).
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def word_spans(body: str) -> list[Span]:
    return [m.span() for m in _WORD.finditer(body)]


def words_in(span: Span, words: list[Span]) -> frozenset[int]:
    """Indices of the words at least half of whose characters lie inside span."""
    start, end = span
    inside = set()
    for index, (w_start, w_end) in enumerate(words):
        if w_start >= end:
            break
        overlap = min(end, w_end) - max(start, w_start)
        if overlap * 2 >= w_end - w_start and overlap > 0:
            inside.add(index)
    return frozenset(inside)


def _matches(marked: frozenset[int], key: frozenset[int]) -> bool:
    shared = len(marked & key)
    return bool(marked) and bool(key) and shared * 2 > len(key) and shared * 2 > len(marked)


def _one_to_one(edges: dict[int, list[int]], n_key: int) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn's augmenting paths): marked index -> key index."""
    key_owner: list[int | None] = [None] * n_key

    def augment(m: int, seen: set[int]) -> bool:
        for k in edges.get(m, []):
            if k in seen:
                continue
            seen.add(k)
            if key_owner[k] is None or augment(key_owner[k], seen):
                key_owner[k] = m
                return True
        return False

    for m in sorted(edges):
        augment(m, set())
    return {m: k for k, m in enumerate(key_owner) if m is not None}


def score_spotting(marked: list[Span], key: list[Span], body: str) -> dict:
    """Precision, recall and F1 of the marked spans against the key, with what matched, was missed
    and was marked without being in the key. Spans are (start, end) character offsets into body."""
    marked = [tuple(s) for s in marked]
    key = [tuple(s) for s in key]
    words = word_spans(body)
    marked_words = [words_in(s, words) for s in marked]
    key_words = [words_in(s, words) for s in key]
    # Candidate pairs, best overlap first, so the matching prefers the closest partner.
    edges: dict[int, list[int]] = {}
    for m, mw in enumerate(marked_words):
        candidates = [k for k, kw in enumerate(key_words) if _matches(mw, kw)]
        if candidates:
            edges[m] = sorted(candidates, key=lambda k: -len(mw & key_words[k]) / len(mw | key_words[k]))
    pairs = _one_to_one(edges, len(key))
    matched = [{"marked": list(marked[m]), "key": list(key[k])} for m, k in sorted(pairs.items())]
    used_keys = set(pairs.values())
    n = len(pairs)
    if not marked and not key:
        precision = recall = 1.0
    else:
        precision = n / len(marked) if marked else 0.0
        recall = n / len(key) if key else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "matched": matched,
        "missed": [list(key[k]) for k in range(len(key)) if k not in used_keys],
        "extra": [list(marked[m]) for m in range(len(marked)) if m not in pairs],
    }
