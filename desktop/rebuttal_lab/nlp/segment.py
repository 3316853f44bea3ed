"""Sentence spans: nltk's Punkt, trained on the text itself, plus rules for common abbreviations, blank
lines and quotations. Offsets are character positions in the original text.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktTrainer

# Punkt stores abbreviations lower case without the final period.
ABBREVIATIONS = frozenset(["dr", "mr", "mrs", "ms", "prof", "st", "sr", "jr", "mt", "ft", "vs", "etc", "e.g", "i.e", "cf", "al", "approx", "dept", "est", "fig", "govt", "inc", "ltd", "co", "corp", "no", "nos", "vol", "pp", "ed", "eds", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "gen", "col", "lt", "sgt", "rev", "hon"])

_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_QUOTES = re.compile(r"[\"“”]")
_MAX_QUOTE_MERGE = 600  # characters: a quotation longer than this is split like ordinary text


@cache
def _plain_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def _trained_tokenizer(text: str) -> PunktSentenceTokenizer:
    """Punkt learns the text's own abbreviations and collocations; ours are added on top."""
    trainer = PunktTrainer()
    trainer.train(text, finalize=True)
    params = trainer.get_params()
    params.abbrev_types |= ABBREVIATIONS
    return PunktSentenceTokenizer(params)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of text (split at blank lines; no sentence crosses one)."""
    spans, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _same_length_lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)   # "İ" lowers to two chars


def _merge(text: str, spans: list[tuple[int, int]], lower_merge: bool = True) -> list[tuple[int, int]]:
    """Undo splits Punkt makes inside a sentence: before a lower-case word (an unknown abbreviation such
    as "approx. ten") and inside a short quotation that has not closed yet."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            prev_start, prev_end = merged[-1]
            head = text[start:end].lstrip()
            open_quote = len(_QUOTES.findall(text[prev_start:prev_end])) % 2 == 1
            lower_start = lower_merge and head[:1].islower()
            if lower_start or (open_quote and end - prev_start <= _MAX_QUOTE_MERGE):
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentence_spans(text: str, learn: bool = True) -> list[tuple[int, int]]:
    """Character spans of the sentences of text, in order, never crossing a blank line.

    learn=True trains Punkt on the text (best for articles); learn=False uses only the built-in
    abbreviations and ignores case, which is several times faster and is what live scoring uses.
    """
    if not text or not text.strip():
        return []
    if learn:
        tokenizer = _trained_tokenizer(text) if len(text.split()) >= 50 else _plain_tokenizer()
        source = text
    else:
        # Case-blind: Punkt's rules read capitals, so "2019. the" and "2019. The" would split differently.
        tokenizer, source = _plain_tokenizer(), _same_length_lower(text)
    result: list[tuple[int, int]] = []
    for para_start, para_end in paragraph_spans(text):
        chunk = source[para_start:para_end]
        if learn:
            relative = _split_paragraph(tokenizer, chunk, text[para_start:para_end], True)
        else:  # while a student types, most paragraphs are unchanged since the last call
            relative = _split_plain(chunk, text[para_start:para_end])
        result += [(para_start + a, para_start + b) for a, b in relative]
    return result


def _split_paragraph(tokenizer, chunk: str, original: str, lower_merge: bool) -> list[tuple[int, int]]:
    try:
        raw = list(tokenizer.span_tokenize(chunk))
    except (ValueError, IndexError):  # Punkt can choke on pathological input; fall back to one span
        raw = [(0, len(chunk))]
    spans = (_trim(original, a, b) for a, b in _merge(original, raw, lower_merge))
    return [span for span in spans if span]


@lru_cache(maxsize=4096)
def _split_plain(chunk: str, original: str) -> tuple[tuple[int, int], ...]:
    spans = _split_paragraph(_plain_tokenizer(), chunk, original, False)
    return tuple(part for span in spans for part in _split_after_numbers(original, span))


# A number that ends a sentence ("hit at 20 and at 40. Nobody disputes ..."): Punkt, reading the lower-cased
# text, takes "40. nobody" for a number inside a sentence, so it never ends one there. A number after a word
# (not one that starts a sentence, "1. First ...") followed by a full stop and more text ends the sentence.
_NUMBER_END = re.compile(r"(?<!\S)[£$€]?\d[\d,.]*%?\.\s+(?=\S)")


def _split_after_numbers(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The span cut after each number that ends a sentence inside it."""
    start, end = span
    parts = []
    for found in _NUMBER_END.finditer(text, start, end):
        before = text[start:found.start()].rstrip()
        if before and (before[-1].isalpha() or before[-1] in ",;") and found.end() < end:
            parts.append(_trim(text, start, found.end()))
            start = found.end()
    parts.append((start, end))
    return [part for part in parts if part]


def clear_split_cache() -> None:
    _split_plain.cache_clear()
