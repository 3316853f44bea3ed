"""Refutation moves and evidence found by cue phrases (resources/lexicon/cues.toml).

A move cue that the claim itself contains does not count: a student who copies "does not" from the claim
has not denied anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .lexicon import cues, negations, praise_pattern
from .text import fold, normalise

MOVE_NAMES = ("denial", "counter-evidence", "counter-example", "mitigation", "turn",
              "concession-then-answer", "warrant", "alternative")
NOT_MOVES = ("evidence", "reason", "proposal", "agreement", "dismissal")   # cue sections that are not refutation moves
# A concession is half of "concession-then-answer": a grant ("Admittedly...", "The article says ...", listed
# in cues.toml) is a strong cue only when the answer turns on one of these pivots.
PIVOTS = frozenset({"but", "however", "yet", "still", "that said", "nevertheless", "nonetheless"})
# What makes an agreeing sentence turn against the claim after all ("still" does not: "I still remember...").
TURNS = PIVOTS - {"still"} | {"though", "although", "while"}
# How a move is shown to students ("warrant" is short for questioning the warrant).
MOVE_LABELS = {"warrant": "questioning the warrant"}
_NUMBER = re.compile(r"\d|\b(?:hundreds?|thousands?|millions?|billions?|dozens?|half|twice|double|triple|"
                     r"per ?cent|a (?:tenth|fifth|quarter|third)|(?:two|three) thirds)\b")

# "If X were/had ..., Y would ...", and the past "If X ..., Y would have ...": whatever the if-clause's verb,
# "would have" marks a result that did not happen.
_COUNTERFACTUAL = re.compile(r"\bif\b(?:\s+\S+){1,12}?\s+(?:were|had)\b(?:\s+\S+){1,16}?\s+would\b"
                             r"|\bif\b(?:\s+\S+){1,20}?\s+would\s+have\b")

# "If every minute really costs ten per cent, then what those minutes need is a defibrillator": the claim taken
# on its own terms and turned to another conclusion. Matched on the text with its commas.
_IF_THEN = re.compile(r"\bif\b[^.?!;]{3,100}?,\s*then\b", re.IGNORECASE)

# Praise of the article added as a clause of its own after a point of the student's ("Most fifteen-year-olds I
# know fall asleep by ten, and the article makes some good points about melatonin") leaves that point standing.
_PRAISED = frozenset({"article", "writer", "author", "piece"})
_AFTERTHOUGHT = re.compile(rf"^(?:\W*\b\w+\b){{7}}.*?(?:,\s*and|;)\s+"
                           rf"(?=(?:the|this)\s+(?:{'|'.join(sorted(_PRAISED))})\b)", re.IGNORECASE)

_EXPLAINING_COLON = re.compile(r"[a-z]{2}:\s+\w+\s+\w+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Hit:
    section: str   # a move name or "evidence"
    phrase: str
    strong: bool


@cache
def _apostrophe_slips() -> dict[str, str]:
    """Negations students write without their apostrophe ("doesnt", "isnt"), to the form the cues use."""
    return {word.replace("'", ""): word for word in negations() if "'" in word}


@cache
def _prefixed_first_words() -> frozenset[str]:
    return frozenset(k[0] for k in cues().prefixed if k)


@cache
def _first_words() -> frozenset[str]:
    return frozenset(cues().exact) | _prefixed_first_words()


def find_cues(text: str) -> list[Hit]:
    """Every cue present in the text, once each, found in one pass over its words."""
    table = cues()
    norm = normalise(text)
    slips = _apostrophe_slips()
    words = [slips.get(word, word) for word in norm.split()]
    found: dict[tuple[str, str], Hit] = {}
    matched = []
    if table.single_regex is not None:
        for m in table.single_regex.finditer(norm):
            matched += table.single_prefix[m.group(1)]
    exact, prefixed, prefixed_first = table.exact, table.prefixed, _prefixed_first_words()
    present = _first_words().intersection(words)   # most sentences hold few cue words: skip the rest
    for i in [i for i, word in enumerate(words) if word in present] if present else ():
        word = words[i]
        entries = exact.get(word)
        if entries:
            for phrase, cue in entries:
                if len(phrase) == 1 or tuple(words[i:i + len(phrase)]) == phrase:
                    if cue.section == "agreement" and negations().intersection(words[max(0, i - 2):i]):
                        continue   # "I don't agree with", "not convincing"
                    matched.append(cue)
        if word in prefixed_first:
            for n in range(2, min(table.longest, len(words) - i) + 1):
                for prefix, cue in prefixed.get(tuple(words[i:i + n - 1]), ()):
                    if words[i + n - 1].startswith(prefix):
                        matched.append(cue)
    for cue in matched:
        if (cue.section, cue.phrase) not in found:
            found[(cue.section, cue.phrase)] = Hit(cue.section, cue.phrase, cue.strong)
    praise = praise_pattern()
    if praise is not None and not negations().intersection(words) and praise.search(fold(text).lower()):
        found[("agreement", "praise")] = Hit("agreement", "praise", True)   # "the article makes good points"
    afterthought = _AFTERTHOUGHT.match(text) if _PRAISED.intersection(words) else None
    if afterthought and not any(h.section == "agreement" for h in find_cues(text[:afterthought.end()])):
        found = {key: hit for key, hit in found.items() if hit.section != "agreement"}
    if _EXPLAINING_COLON.search(text):
        # "X is not a diagnosis: many ..." - what follows a colon explains what precedes it
        found[("reason", ":")] = Hit("reason", ":", True)
    if "if" in words and _IF_THEN.search(text):
        found[("turn", "if then")] = Hit("turn", "if then", True)
    if _COUNTERFACTUAL.search(norm):
        # "If recognition were enough, the shortage would already be solved": a reductio, which
        # questions the claim's reasoning and carries its own reason
        found[("warrant", "if were would")] = Hit("warrant", "if were would", True)
    return list(found.values())


def agrees(hits: list[Hit] | tuple[Hit, ...]) -> bool:
    """Does the sentence agree with the article without turning against it? Its other cues are then no
    moves: "The thing about age ratings is fair, a lot of the games at my school are rated 18" gives an
    example for the claim, not against it."""
    return any(h.section == "agreement" for h in hits) and not turns(hits)


def turns(hits: list[Hit] | tuple[Hit, ...]) -> bool:
    """Does the sentence turn on what it grants or reports (but, however, yet, though...)?"""
    return any(h.phrase in TURNS for h in hits)


def pivots(hits: list[Hit] | tuple[Hit, ...]) -> bool:
    """Does the sentence turn, or hold to the student's own view ("But I still think ...")? It ends a run of
    agreement (speech._carry_agreement)."""
    return any(h.phrase in PIVOTS or h.phrase in TURNS for h in hits)


def objects(hits: list[Hit] | tuple[Hit, ...]) -> bool:
    """Does the sentence deny or question the warrant outright ("That isn't true", "That doesn't follow")? It ends
    a run of agreement even with no "but" before it (speech._carry_agreement)."""
    return any(h.strong and h.section in ("denial", "warrant") for h in hits)


def dismisses(hits: list[Hit] | tuple[Hit, ...]) -> bool:
    """Does the sentence wave a claim away ("I'm still just not sure about it though") without a reason or
    evidence? Its other cues are then no moves, as the labelling rules have it: a doubt is no answer."""
    return any(h.section == "dismissal" for h in hits) and not any(h.section in ("reason", "evidence") for h in hits)


def has_number(text: str) -> bool:
    return bool(_NUMBER.search(text.lower()))


def move_strength(hits: list[Hit], exclude: frozenset[str] = frozenset()) -> tuple[float, list[str]]:
    """(strength, moves): a strong cue counts 1 and a weak one 0.5 per move, at most 1 per move; the
    strength is the sum over moves, so two different moves beat one move said twice."""
    per_move: dict[str, float] = {}
    pivots = any(h.phrase in PIVOTS for h in hits)
    grants = cues().grants
    for hit in hits:
        if hit.section in NOT_MOVES or hit.phrase in exclude:
            continue
        strong = hit.strong and (pivots or hit.phrase not in grants)
        per_move[hit.section] = min(1.0, per_move.get(hit.section, 0.0) + (1.0 if strong else 0.5))
    moves = [m for m in MOVE_NAMES if per_move.get(m, 0) >= 1.0] or \
            [m for m in MOVE_NAMES if m in per_move][:1]
    return sum(per_move.values()), moves


# Moves that carry their own reason; a bare denial or "where is the proof?" does not.
SUBSTANTIVE = frozenset({"counter-evidence", "counter-example", "mitigation", "turn", "concession-then-answer",
                         "alternative"})


def has_reason(hits: list[Hit], moves: list[str], evidence: bool, exclude: frozenset[str] = frozenset()) -> bool:
    """Does the answer give a reason, not just an objection?"""
    return evidence or bool(SUBSTANTIVE & set(moves)) or any(
        h.section == "reason" and h.phrase not in exclude for h in hits)


def has_evidence(hits: list[Hit], text: str, exclude: frozenset[str] = frozenset()) -> bool:
    return has_number(text) or any(h.section == "evidence" and h.phrase not in exclude for h in hits)
