"""The claim side: a claim's content words and how much each weighs."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import negations, synonyms_of, weak_words
from .matching import content_forms, related_of
from .rules import (
    CONTEXT_WEIGHT,
    FULL_MATCH_SHARE,
    MAX_FULL_TERMS,
    MIN_FULL_TERMS,
    PLACE_PREPOSITIONS,
    WEAK_WEIGHT,
)
from .text import stem, stem_keys, tokens


@dataclass(frozen=True, slots=True)
class ClaimTerms:
    """What a rebuttal is searched for, for one claim: the claim's own content words, then words of its
    context in the article (they add to a match but not to the claim's size), each with its weight."""
    terms: tuple[str, ...]
    weights: tuple[float, ...]
    own: int   # the first `own` terms are the claim's own words

    @classmethod
    def of(cls, terms, weights) -> ClaimTerms:
        """A claim read without its context."""
        return cls(tuple(terms), tuple(weights), len(terms))

    @property
    def size(self) -> float:
        return sum(self.weights[:self.own])

    @property
    def has_context(self) -> bool:
        return self.own < len(self.terms)

    def in_context(self, ti: int) -> bool:
        return ti >= self.own

    def full_weight(self, top: float) -> float:
        """What a full match is worth: FULL_MATCH_SHARE of the claim's size, counted as at least
        MIN_FULL_TERMS and at most MAX_FULL_TERMS words of weight `top` (why: align.match_claim)."""
        return FULL_MATCH_SHARE * min(max(self.size, MIN_FULL_TERMS * top), MAX_FULL_TERMS * top)


def claim_terms(text: str) -> list[str]:
    """Content words of a claim, one per stem, in order. Negations are cues, not content."""
    return list(_claim_terms(text))


@lru_cache(maxsize=2048)
def _claim_terms(text: str) -> tuple[str, ...]:
    seen: set[str] = set()
    terms = []
    for form in content_forms(tokens(text or ""), joined=False):
        keys = set(stem_keys(form))
        if form not in negations() and not keys & seen:   # "teachers" and "teach" are one term
            seen |= keys
            terms.append(form)
    return tuple(terms)


@lru_cache(maxsize=2048)
def setting_terms(text: str) -> frozenset[str]:
    """Words of a short place phrase closing the claim ("... fuel bullying in schools"): the setting,
    not the point, so they weigh half. Only when the rest of the claim has two content words or more."""
    words_ = [t.text for t in tokens(text or "")]
    for i in range(len(words_) - 1, max(-1, len(words_) - 6), -1):
        if words_[i] in PLACE_PREPOSITIONS:
            tail = set(content_forms(tokens(" ".join(words_[i + 1:])), joined=False))
            rest = content_forms(tokens(" ".join(words_[:i])), joined=False)
            return frozenset(tail) if len(rest) >= 2 else frozenset()
    return frozenset()


def concept_keys(term: str) -> set:
    """What a term means for counting: its stem and its synonym and related groups."""
    return {stem(term)} | {("syn", g) for g in synonyms_of(term)} | {("rel", g) for g in related_of(term)}


def term_weights(all_terms: list[list[str]]) -> list[list[float]]:
    return [list(row) for row in _term_weights(tuple(tuple(t) for t in all_terms))]


@lru_cache(maxsize=256)
def _term_weights(all_terms: tuple[tuple[str, ...], ...]) -> tuple[tuple[float, ...], ...]:
    """Inverse frequency over the marked claims: ideas shared by many claims (the topic: "phones",
    "devices", "pupils") tell the claims apart less than words only one claim uses ("bullying").
    Counting by concept, not by word, keeps "teenagers" from looking rare when others say "students"."""
    n = len(all_terms)
    keys = [[concept_keys(t) for t in terms] for terms in all_terms]
    claims_with: dict = {}
    for c, row in enumerate(keys):
        for key in set().union(*row) if row else ():
            claims_with.setdefault(key, set()).add(c)
    weights = []
    for terms, row in zip(all_terms, keys, strict=True):
        ws = []
        for t, k in zip(terms, row, strict=True):
            df = len(set().union(*(claims_with[x] for x in k)))
            w = math.log((1 + n) / df) if df else 1.0   # a word in every claim weighs ~0.1
            ws.append(w * (WEAK_WEIGHT if t in weak_words() else 1.0))
        weights.append(tuple(ws))
    return tuple(weights)


def context_terms(context: str, claimed: set, n_claims: int) -> tuple[list[str], list[float]]:
    """Content words of a claim's context (context.py) that mean none of the marked claims' words
    (`claimed`: their concept_keys), each weighing CONTEXT_WEIGHT of a word only one claim uses. A word
    another claim uses is left out: it would pull that claim's answer to this one."""
    terms = [t for t in claim_terms(context) if not concept_keys(t) & claimed]
    full = CONTEXT_WEIGHT * math.log(1 + n_claims)
    return terms, [full * (WEAK_WEIGHT if t in weak_words() else 1.0) for t in terms]
