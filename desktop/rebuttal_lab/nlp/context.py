"""A claim's context in its article: the words around the quote that a rebuttal may answer it with.

Students answer the argument, not only the words marked: "Households living on low wages would hand over
a bigger slice of their budget" answers "poorer families gain the most when consumption falls", because
the article's sentence before it says that low-income households spend a larger share of their budget.
The context is the rest of the claim's sentence and the sentences next to it, in its paragraph, that hold
no other marked claim (scoring weighs its words less than the claim's own: claims.context_terms).
The article also says which words are its topic (article_topic) and which claim is its motion
(motion_flags): both are general words of the whole piece, easily shared by answers to other claims.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from .matching import content_forms
from .rules import CONTEXT_AFTER, CONTEXT_BEFORE, MOTION_REACH, RECOMMENDING, TOPIC_SHARE
from .segment import paragraph_spans, sentence_spans
from .text import stem, tokens

# A sentence that recommends (the motion finder here; a student's stance in speech.py).
RECOMMENDS = re.compile(rf"\b(?:{RECOMMENDING})\b", re.IGNORECASE)


def claim_contexts(article: str, spans: list[tuple[int, int]]) -> list[str]:
    """For each claim span (start, end) in article, the article text around it, the quote left out."""
    article = article or ""
    sentences, paragraphs = _sentences(article)
    result = []
    for start, end in spans:
        inside = [i for i, (a, b) in enumerate(sentences) if a < end and b > start]
        if not inside or not 0 <= start < end <= len(article):
            result.append("")
            continue
        first, last = inside[0], inside[-1]
        others = [(a, b) for a, b in spans if (a, b) != (start, end)]
        parts = [article[sentences[first][0]:start], article[end:sentences[last][1]]]
        for step, reach in ((-1, CONTEXT_BEFORE), (1, CONTEXT_AFTER)):
            i = first if step < 0 else last
            for _ in range(reach):
                i += step
                if not 0 <= i < len(sentences) or paragraphs[i] != paragraphs[first]:
                    break
                a, b = sentences[i]
                if any(x < b and y > a for x, y in others):   # another claim's sentence: its own argument
                    break
                parts.append(article[a:b])
        result.append(" ".join(p.strip() for p in parts if any(ch.isalnum() for ch in p)))
    return result


@lru_cache(maxsize=16)
def _sentences(article: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The article's sentences and the paragraph of each (cached: Punkt is trained on the article, and the
    same article is scored at every keystroke)."""
    spans = sentence_spans(article)
    starts = [a for a, _ in paragraph_spans(article)]
    return spans, [bisect_right(starts, a) - 1 for a, _ in spans]


def article_topic(article: str) -> frozenset[str]:
    """Stems of the words that run through the article: in at least TOPIC_SHARE of its paragraphs (of
    four or more). They say what the article is about, not which of its claims a sentence answers."""
    return _article_topic(article or "")


@lru_cache(maxsize=16)
def _article_topic(article: str) -> frozenset[str]:
    paragraphs = [article[a:b] for a, b in _body_paragraphs(article)]
    if len(paragraphs) < 4:
        return frozenset()
    counts: dict[str, int] = {}
    for paragraph in paragraphs:
        for key in {stem(f) for f in content_forms(tokens(paragraph), joined=False)}:
            counts[key] = counts.get(key, 0) + 1
    return frozenset(k for k, n in counts.items() if n >= TOPIC_SHARE * len(paragraphs))


def motion_flags(article: str, spans: list[tuple[int, int]]) -> list[bool]:
    """Whether each claim is the motion, the thesis the article argues for: the first claim in its first
    third that recommends (should, must, ought to...), else a claim in its opening paragraph (the first of
    12 words or more that ends a sentence, so not the title)."""
    article = article or ""
    early = [i for i, (start, end) in enumerate(spans)
             if 0 <= start < MOTION_REACH * len(article) and RECOMMENDS.search(article[start:end])]
    if early:
        first = min(early, key=lambda i: spans[i][0])
        return [i == first for i in range(len(spans))]
    opening = next(((a, b) for a, b in _body_paragraphs(article) if article[a:b].rstrip()[-1:] in '.!?"\u201d'),
                   None)
    return [bool(opening) and opening[0] <= start < opening[1] for start, _ in spans]


def _body_paragraphs(article: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of 12 words or more: not the title or a subheading."""
    return [(a, b) for a, b in paragraph_spans(article) if len(article[a:b].split()) >= 12]
