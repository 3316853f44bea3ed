"""Matching claim terms to rebuttal words: exact, stem, synonym, related, spelling (an edit-distance slip).

The rebuttal is indexed once per call, so each claim term costs a few dictionary look-ups however long
the rebuttal is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import irregular, known_word, negations, related_groups, stopwords, synonyms_of
from .text import Token, stem, stem_keys, word_forms

# How much each kind of match is worth (an exact repeat is the surest sign of talking about the same thing).
QUALITY = {"exact": 1.0, "stem": 0.9, "synonym": 0.75, "spelling": 0.8, "related": 0.6, "compound": 0.7}
MIN_COMPOUND = 5   # "cyberbullying" contains "bullying"; shorter tails ("ion", "ness") are not words


def is_content(word: str) -> bool:
    """A word that can carry a claim's content: not a stop word or a negation (negations are cues)."""
    if word.isdigit():
        return True
    return len(word) > 1 and word not in stopwords() and word not in negations() and any(
        ch.isalpha() for ch in word)


def content_forms(toks: list[Token] | list[str], joined: bool = True) -> list[str]:
    """Content words of tokens (or plain word strings); joined=True also gives "phonefree" for
    "phone-free" (to meet "ceasefire")."""
    return [form for tok in toks for form in _content_of(tok if isinstance(tok, str) else tok.text, joined)]


@lru_cache(maxsize=100_000)
def _content_of(token: str, joined: bool) -> tuple[str, ...]:
    return tuple(form for form in word_forms(token, joined) if is_content(form))


@lru_cache(maxsize=100_000)
def _tails(form: str) -> tuple[str, ...]:
    main = stem(form)
    return tuple(main[cut:] for cut in range(3, len(main) - MIN_COMPOUND + 1))


@lru_cache(maxsize=50_000)
def related_of(word: str) -> frozenset[int]:
    table = related_groups()
    found: set[int] = set()
    for key in stem_keys(word):
        found |= table.get(key, frozenset())
    return frozenset(found)


def within_one_or_two(a: str, b: str, limit: int) -> bool:
    """Edit distance <= limit, two letters swapped counting as one edit ("becuase": students' commonest slip;
    optimal string alignment), banded and stopping early: the words are short and mostly far apart."""
    if abs(len(a) - len(b)) > limit:
        return False
    before, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        lo, hi = max(1, i - limit), min(len(b), i + limit)
        if lo > 1:
            cur[lo - 1] = limit + 1
        for j in range(lo, hi + 1):
            cost = 0 if ca == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], before[j - 2] + 1)
        if hi < len(b):
            cur[hi + 1:] = [limit + 1] * (len(b) - hi)
        if min(cur[lo - 1:hi + 1]) > limit:
            return False
        before, prev = prev, cur
    return prev[len(b)] <= limit


@lru_cache(maxsize=100_000)
def word_keys(form: str) -> tuple[str, ...]:
    """Stem keys of a word and of its irregular base ("rose" also gives "rise")."""
    base = irregular().get(form)
    return stem_keys(form) + (stem_keys(base) if base else ())


def spelling_limit(word: str) -> int:
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


@dataclass
class RebuttalIndex:
    """Where each stem, synonym group and related group occurs: key -> {sentence number: word}."""
    by_key: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    by_tail: dict[str, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    by_syn: dict[int, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    by_rel: dict[int, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    # words of 4+ letters by (first letter, length), for spelling slips; "unknown" ones are not in the
    # lexicon, and only they can be a slip for a known claim word
    by_shape: dict[tuple[str, int], dict[str, set[int]]] = field(default_factory=lambda: defaultdict(dict))
    unknown_by_shape: dict[tuple[str, int], dict[str, set[int]]] = field(
        default_factory=lambda: defaultdict(dict))
    memo: dict[str, dict[int, Match]] = field(default_factory=dict)   # claim word -> its matches

    def add(self, sid: int, form: str) -> None:
        tables = (self.by_key, self.by_tail, self.by_syn, self.by_rel, self.by_shape, self.unknown_by_shape)
        for table, key in _entries(form):
            if table < 4:
                tables[table][key].setdefault(sid, form)
            else:
                tables[table][key].setdefault(form, set()).add(sid)


@lru_cache(maxsize=100_000)
def _entries(form: str) -> tuple[tuple[int, object], ...]:
    """Where a rebuttal word goes in the index, worked out once per word: (table number, key) pairs for
    by_key, by_tail, by_syn, by_rel, by_shape and unknown_by_shape."""
    out: list[tuple[int, object]] = [(0, key) for key in word_keys(form)]
    out += [(1, tail) for tail in _tails(form)]
    out += [(2, gid) for gid in synonyms_of(form)]
    out += [(3, gid) for gid in related_of(form)]
    if form.isalpha() and len(form) >= 4:
        shape = (form[0], len(form))
        out.append((4, shape))
        if not known_word(form):
            out.append((5, shape))
    return tuple(out)


def build_index(sentence_forms: list[list[str]]) -> RebuttalIndex:
    index = RebuttalIndex()
    for sid, forms in enumerate(sentence_forms):
        for form in forms:
            index.add(sid, form)
    return index


Match = tuple[float, str, str]   # (quality, rebuttal word, how)


def _offer(found: dict[int, Match], sid: int, match: Match) -> None:
    if sid not in found or match[0] > found[sid][0]:
        found[sid] = match


def match_term(word: str, index: RebuttalIndex) -> dict[int, Match]:
    """sentence number -> the best match of this claim word in that sentence (do not modify it)."""
    cached = index.memo.get(word)
    if cached is None:
        cached = index.memo[word] = _match_term(word, index)
    return cached


def _match_term(word: str, index: RebuttalIndex) -> dict[int, Match]:
    found: dict[int, Match] = {}
    keys = word_keys(word)
    for key in keys:
        for sid, form in index.by_key.get(key, {}).items():
            how = "exact" if form == word else "stem"
            _offer(found, sid, (QUALITY[how], form, how))
    # compounds either way round: "cyberbullying" answers "bullying", "phones" answers "smartphones"
    for sid, form in index.by_tail.get(keys[0], {}).items():
        _offer(found, sid, (QUALITY["compound"], form, "stem"))
    main = keys[0]
    for cut in range(3, len(main) - MIN_COMPOUND + 1):
        for sid, form in index.by_key.get(main[cut:], {}).items():
            _offer(found, sid, (QUALITY["compound"], form, "stem"))
    for gid in synonyms_of(word):
        for sid, form in index.by_syn.get(gid, {}).items():
            _offer(found, sid, (QUALITY["synonym"], form, "synonym"))
    for gid in related_of(word):
        for sid, form in index.by_rel.get(gid, {}).items():
            _offer(found, sid, (QUALITY["related"], form, "related"))
    limit = spelling_limit(word)
    if limit and word.isalpha():
        # two real words a letter apart ("bought"/"brought") are different words, not a slip
        shapes = index.unknown_by_shape if known_word(word) else index.by_shape
        for length in range(len(word) - limit, len(word) + limit + 1):
            for form, sids in shapes.get((word[0], length), {}).items():
                if form != word and within_one_or_two(word, form, limit):
                    for sid in sids:
                        _offer(found, sid, (QUALITY["spelling"], form, "spelling"))
    return found
