"""Claim anchors: character offsets plus the quoted text and a little context around it.

This is the W3C Web Annotation "text quote selector" idea: offsets are fast, the quote with its
prefix and suffix lets us find the claim again (and check it) if the offsets ever disagree with the body.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "'’-"


def snap_to_words(body: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole words and trim surrounding spaces and stray punctuation at the edges."""
    start, end = sorted((min(max(start, 0), len(body)), min(max(end, 0), len(body))))
    # A selection that starts or ends inside a word takes the whole word.
    while start > 0 and start < len(body) and _is_word_char(body[start]) and _is_word_char(body[start - 1]):
        start -= 1
    while 0 < end < len(body) and _is_word_char(body[end - 1]) and _is_word_char(body[end]):
        end += 1
    while start < end and not body[start].isalnum():
        start += 1
    # Keep closing punctuation that belongs to the sentence (". ! ? ) ” '") but not spaces.
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def make_anchor(body: str, start: int, end: int) -> Anchor:
    return Anchor(
        start=start,
        end=end,
        quote=body[start:end],
        prefix=body[max(0, start - CONTEXT_CHARS):start],
        suffix=body[end:end + CONTEXT_CHARS],
    )


def locate(body: str, quote: str, prefix: str = "", suffix: str = "", hint: int | None = None) -> tuple[int, int] | None:
    """Find a quote in the body. Among several occurrences prefer the one whose context matches,
    then the one nearest the hint offset. Returns None when the quote is not in the body at all."""
    if not quote:
        return None
    hits = []
    i = body.find(quote)
    while i != -1:
        hits.append(i)
        i = body.find(quote, i + 1)
    if not hits:
        return None

    def rank(pos: int) -> tuple[int, int]:
        context = 0
        if prefix and body[max(0, pos - len(prefix)):pos] == prefix:
            context += 1
        if suffix and body[pos + len(quote):pos + len(quote) + len(suffix)] == suffix:
            context += 1
        distance = abs(pos - hint) if hint is not None else 0
        return (-context, distance)

    best = min(hits, key=rank)
    return best, best + len(quote)


def verify(body: str, anchor: Anchor) -> bool:
    """True when the offsets still point at the quoted text in its recorded context
    (a repeated sentence can sit at the old offsets while the claim itself moved)."""
    return (
        body[anchor.start:anchor.end] == anchor.quote
        and body[max(0, anchor.start - len(anchor.prefix)):anchor.start] == anchor.prefix
        and body[anchor.end:anchor.end + len(anchor.suffix)] == anchor.suffix
    )


def reanchor(body: str, anchor: Anchor) -> Anchor | None:
    """The anchor itself if still valid, else re-found by its quote and context, else None."""
    if verify(body, anchor):
        return anchor
    found = locate(body, anchor.quote, anchor.prefix, anchor.suffix, hint=anchor.start)
    return make_anchor(body, *found) if found else None
