"""Suggest claims: the article sentences most likely to carry its argument, best first, each with a
confidence and the reasons, so the student can accept or reject them one by one.

Signals (all cue words, no model): recommendations and obligations ("should", "must"), causal and
inferential links ("because", "so", "leads to"), evidence (studies, numbers), evaluation ("better",
"poor"), signposts ("First,", "Finally,"), generalisations ("every", "always"), denials ("is not"),
antitheses ("resentment, not citizenship"; "rather than") and how central the sentence's words are to
the article. Hedges, questions, the writer talking about the writing ("Let me be
clear") and views the author reports only to answer them ("Critics say") count against a sentence.
Position in a paragraph was tried and left out: it did not help on the bundled articles' answer keys.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .lexicon import hedges
from .matching import content_forms
from .rules import RECOMMENDING
from .segment import sentence_spans
from .text import fold, normalise, stem, tokens

REASON, REASON_WEIGHT = "gives a cause or reason", 0.8
# (why, score, pattern on normalised text)
SIGNALS: list[tuple[str, float, re.Pattern]] = [(why, weight, re.compile(pattern)) for why, weight, pattern in [
    ("recommends or demands", 0.5,
     rf" ({RECOMMENDING}|it is time|cannot be|can't be) "),
    (REASON, REASON_WEIGHT,
     r" (because|since|so that|therefore|thus|hence|leads? to|led to|causes?|caused|fuels?|means|"
     r"results? in|in other words|precisely|which is why|that is why|no coincidence|no accident) "),
    ("cites evidence", 1.0,
     r" (stud(y|ies)|research|survey|data|evidence|found|finds|shows?|report(s|ed)?|according to|per ?cent|"
     r"statistics?|\d[\d,.]*%?) "),
    ("makes a judgement", 0.6,
     r" (better|worse|best|worst|more|less|fewer|easier|harder|poor|good|bad|clear|useful|harmful|"
     r"dangerous|unfair|fair|wrong|right|key|essential|crucial|important|matters?|largest|greatest) "),
    ("signposts an argument", 0.3,
     r"^ (first(ly)?|second(ly)?|third(ly)?|fourth|fifth|finally|moreover|furthermore|the (first|main|"
     r"second|real) reason|above all|most importantly|indeed) "),
    ("generalises", 0.4, r" (every|all|always|never|no one|nobody|everyone|most|whole|entire) "),
    ("predicts", 0.4, r" (will|would|is likely to|are likely to) "),
    ("draws an analogy", 0.5, r" (is like|are like|as if|just as|akin to|no different from) "),
    ("denies something", 0.3,
     r" (is|are|was|were|does|do|did|can|will|would|could|has|have) not | (isn't|aren't|wasn't|doesn't|don't|"
     r"didn't|cannot|can't|won't|wouldn't|never) "),
    ("appeals to a value", 0.2,
     r" (fair|unfair|duty|duties|freedom|liberty|responsibility|dignity|justice|unjust|deserves?|moral) "),
]]
REPORTED = re.compile(r"^ (critics|opponents|others|some people|some|many people|supporters) "
                      r"(say|argue|claim|think|believe|insist|worry|point out)")
# The writer talking about the writing ("Let me be clear", "I am not saying") frames claims, is not one.
META = re.compile(r"^ (let me|i want to|i will not pretend|i am not saying|i do not mean|to be clear|"
                  r"we do not need to|consider|imagine|picture) ")
# Antithesis sets what is against what is not ("resentment, not citizenship", "not a distraction but ...",
# "can cover an evening; cannot cover a fortnight"): the shape of a claim, in a sentence of any length.
# Matched on the text with its punctuation, which normalise() drops.
CONTRAST = re.compile(r",\s+(and\s+)?not\b|\bnot\b[^.;:]*\bbut\b|\brather than\b|\binstead of\b|"
                      r";[^;]*\b(not|cannot|can't|never)\b|\b(not|never)\b[^.;:]*;|\b(by|in) contrast\b")
# ", so ..." draws a conclusion ("..., so the risk sits entirely with local taxpayers"), as "therefore" does;
# "so much", "so far", "so that" do not. Matched on the text with its commas, which normalise() drops.
INFERENCE = re.compile(r",\s+so\s+(?!much\b|many\b|far\b|that\b|long\b)")
QUESTION = re.compile(r"\?\s*[\"”’']?\s*$")
SHORT_WORDS, LONG_WORDS = 12, 25


def _centrality(sent_stems: list[set[str]]) -> list[float]:
    """Mean article frequency of a sentence's content stems: sentences on the main topic score higher."""
    freq = Counter(s for stems in sent_stems for s in stems)
    top = max(freq.values(), default=1)
    return [sum(math.log1p(freq[s]) for s in stems) / (len(stems) * math.log1p(top)) if stems else 0.0
            for stems in sent_stems]


def _is_heading(text: str) -> bool:
    return not re.search(r"[.!?:;\"”’)]\s*$", text) and len(text.split()) <= 15


def suggest_claims(article: str, limit: int | None = None) -> list[dict]:
    """[{"start", "end", "text", "confidence", "why"}], best first; text == article[start:end]."""
    if not article or not article.strip():
        return []
    spans = sentence_spans(article)
    texts = [article[a:b] for a, b in spans]
    stems = [{stem(f) for f in content_forms(tokens(t))} for t in texts]
    central = _centrality(stems)
    hedge_words = hedges()
    out = []
    for i, ((start, end), text) in enumerate(zip(spans, texts, strict=True)):
        words = text.split()
        if len(words) < 3 or _is_heading(text):
            continue
        norm = normalise(text)
        score, why = 0.0, []
        for reason, weight, pattern in SIGNALS:
            if pattern.search(norm):
                score += weight
                why.append(reason)
        folded = fold(text).lower()
        if REASON not in why and INFERENCE.search(folded):
            score += REASON_WEIGHT
            why.append(REASON)
        contrast = bool(CONTRAST.search(folded))
        if contrast:
            score += 0.6
            why.append("sets one thing against another")
        score += 0.6 * central[i]
        if REPORTED.search(norm):
            score -= 1.0
            why.append("reports a view the author answers")
        if META.search(norm):
            score -= 0.8
            why.append("talks about the argument rather than making it")
        if QUESTION.search(text):
            score -= 0.8
            why.append("is a question")
        if sum(w in hedge_words for w in norm.split()) >= 2:
            score -= 0.3
            why.append("is hedged")
        # Length: a short sentence is rarely a whole argument; long ones usually carry a claim with its
        # reason (on the bundled articles' answer keys, 5% of sentences under 12 words are claims, 62%
        # of those over 25).
        if len(words) < SHORT_WORDS:
            score -= 0.6
        elif len(words) > LONG_WORDS:
            score += 0.6
            why.append("develops a point at length")
        confidence = 1.0 / (1.0 + math.exp(-(score - 1.5) * 1.3))
        out.append({"start": start, "end": end, "text": text, "confidence": round(confidence, 3),
                    "why": "; ".join(why) if why else "on the article's main topic"})
    out.sort(key=lambda s: (-s["confidence"], s["start"]))
    return out if limit is None else out[:max(0, limit)]
