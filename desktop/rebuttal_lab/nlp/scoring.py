"""Coverage scoring: did this rebuttal really answer that claim?

For each claim: (1) match its content words to rebuttal words (exact, stem, synonym, related, spelling);
(2) align: each rebuttal sentence belongs to the claim(s) it matches best, sentences without a claim
of their own continue the answer before them, and a section a speech opens by naming a claim ("As for the
idea that ...") answers that claim; (3) judge the claim's answer by its refutation moves, the
new content it brings and its evidence. Repeating a claim without a move is an echo: touched at most;
(4) sentences that rebut two claims count for the one they name plainly (_demote_outshone); a speech that
argues a motion of its own answers none of the article's claims (_argues_another_motion).
See docs/scorer.md for the rules and the measured figures.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .align import ClaimMatch, align, best_window, match_claim, opens_with_bare_stance, row_block
from .claims import ClaimTerms, claim_terms, concept_keys, context_terms, setting_terms, term_weights
from .context import article_topic
from .judge import (
    ELSEWHERE_FEEDBACK,
    OUTSHONE_FEEDBACK,
    STANCE_ONLY_FEEDBACK,
    feedback,
    judge,
    touched_coverage,
)
from .moves import MOVE_NAMES, move_strength
from .rules import (
    M_REBUT_CONTEXT,
    M_TOUCH,
    OUTSHONE,
    OWNED_DISCOUNT,
    PASSING_TOUCH,
    PROPOSAL_OPENING,
    PROPOSING,
    SETTING_WEIGHT,
    TOPIC_WEIGHT,
)
from .speech import Speech, clear_text_caches, mark_quotes, prepare
from .text import stem, stem_keys

__all__ = ["SCORER_VERSION", "clear_text_caches", "score", "summary"]

SCORER_VERSION = "2026.11-62"
# A proposal of the student's own (_argues_another_motion), and who is speaking: the student or the article, not
# the proposal.
_PROPOSES = re.compile(rf"\b(?:{PROPOSING})\b", re.IGNORECASE)
_SPEAKER = re.compile(r"\b(?:i|i'm|me|my|you|article|writer|author)\b", re.IGNORECASE)


def _score_claim(claim: dict, side: ClaimTerms, match: ClaimMatch, speech: Speech, block: list[int],
                 claim_stems: frozenset[str], top: float, in_row: bool = False, signposted: bool = False,
                 waved_at: bool = False, argued: bool = False) -> dict:
    text = str(claim.get("text") or "")
    unanchored = False
    if block:
        m, matched = best_window(match, block)
    else:  # no sentence is mainly about this claim: the best one shows at most a passing mention
        m, matched, block = 0.0, {}, []
        for sid in sorted(match.per_sentence):
            s, found = match.strength([sid])
            if sid in speech.owned:
                s *= OWNED_DISCOUNT   # a word shared in passing while answering another claim
            if s > m + 1e-9:
                m, matched, block = s, found, [sid]
        unanchored = True
    judged = block if m >= M_TOUCH or in_row else []
    j = judge(m, matched, side, text, speech, judged, claim_stems, top,
              can_rebut=not unanchored and not waved_at, in_row=in_row, motion=bool(claim.get("motion")),
              signposted=signposted, argued=argued)
    spans = [[speech.sentences[s].start, speech.sentences[s].end] for s in block] if j.verdict != "missed" else []
    return {
        "id": claim.get("id"),
        "coverage": j.coverage,
        "verdict": j.verdict,
        "sentences": spans,
        "matched": [[side.terms[ti], match[1], match[2]] for ti, match in sorted(matched.items())],
        "from_context": [side.terms[ti] for ti in sorted(matched) if side.in_context(ti)],
        "moves": j.moves if j.verdict != "missed" else [],
        "evidence": j.evidence and j.verdict != "missed",
        "feedback": feedback(j, text),
        "echo": j.echo,
        "match": round(j.strength, 4),   # extra keys: how plainly the claim is referred to, and new words
        "new_words": j.new_words,
    }


@lru_cache(maxsize=64)
def _claim_side(texts: tuple[str, ...], contexts: tuple[str, ...],
                article: str) -> tuple[tuple[ClaimTerms, ...], frozenset[str]]:
    """What to look for for each marked claim (its own terms, then the words of its context in the
    article), and the stems of all the claims' words. Cached: the claims and the article stay put while
    the student types."""
    own_terms = [claim_terms(text) for text in texts]
    weights = term_weights(own_terms)
    topic = article_topic(article)
    for text, terms, row in zip(texts, own_terms, weights, strict=True):
        setting = setting_terms(text)
        for ti, term in enumerate(terms):
            if term in setting:
                row[ti] *= SETTING_WEIGHT
            if stem(term) in topic:
                row[ti] *= TOPIC_WEIGHT
    stems = frozenset(k for terms in own_terms for t in terms for k in stem_keys(t))
    claimed = set().union(*(concept_keys(t) for terms in own_terms for t in terms))
    sides = []
    for terms, row, context in zip(own_terms, weights, contexts, strict=True):
        extra, extra_weights = context_terms(context, claimed, len(texts))
        extra_weights = [w * (TOPIC_WEIGHT if stem(t) in topic else 1.0)
                         for t, w in zip(extra, extra_weights, strict=True)]
        sides.append(ClaimTerms(tuple(terms + extra), tuple(row + extra_weights), len(terms)))
    return tuple(sides), stems


def score(claims: list[dict], rebuttal: str | None = None, answers: dict[str, str] | None = None,
          article: str = "") -> dict:
    """Score every claim. Speech mode: one rebuttal text; flow-sheet mode: answers by claim id.
    claims: {"id", "text": the quote, "context": the article text around it, "motion": whether it is the
    article's thesis} (context and motion from nlp.context; optional). Given the article the claims were
    marked in, the words that run through it weigh less (context.article_topic)."""
    claims = [c for c in (claims or []) if isinstance(c, dict)]
    texts = tuple(str(c.get("text") or "") for c in claims)
    sides, stems = _claim_side(texts, tuple(str(c.get("context") or "") for c in claims), article or "")
    top = math.log(1 + len(claims)) if claims else 1.0
    results = []
    if answers is not None:
        for claim, side in zip(claims, sides, strict=True):
            speech = prepare(str(answers.get(claim.get("id")) or ""))
            match = match_claim(side, speech, top)
            block = row_block(match, speech)
            results.append(_score_claim(claim, side, match, speech, block, stems, top, in_row=True))
    else:
        speech = prepare(rebuttal or "")
        mark_quotes(speech, article or "")
        moved = frozenset(sid for sid, s in enumerate(speech.sentences)
                          if not s.silent and move_strength(list(s.hits))[0] >= 1.0)
        matches = [match_claim(side, speech, top, moved) for side in sides]
        motion = next((i for i, claim in enumerate(claims) if claim.get("motion")), None)
        blocks = align(matches, speech, motion, texts)
        _waves_at_motion(speech, matches, motion)
        signposted = [_signposted(c, speech) for c in range(len(claims))]
        elsewhere = motion is not None and _argues_another_motion(speech, matches[motion])
        for c, (claim, side, match, block) in enumerate(zip(claims, sides, matches, blocks, strict=True)):
            # A claim the student named only to wave at or agree with ("The bit about the science learned in
            # zoos is a bit of a stretch.") is touched at most: sentences answering it better answer another.
            waved_at = elsewhere or (c in speech.openers.values() and not signposted[c])
            results.append(_score_claim(claim, side, match, speech, block, stems, top,
                                        signposted=signposted[c], waved_at=waved_at,
                                        argued=c == motion and _opens_with_reasoned_stance(speech)))
        if elsewhere:
            for result in results:
                if result["verdict"] == "touched":
                    result["feedback"] = ELSEWHERE_FEEDBACK
        if motion is not None and speech.sentences and speech.sentences[speech.opening].waves:
            _waved_at(results[motion], speech)
        _demote_outshone(results, signposted)
    return {"scorer_version": SCORER_VERSION, **summary(results), "claims": results}


def _opens_with_reasoned_stance(speech: Speech) -> bool:
    """Whether the speech opens with the student's stance on the proposal and a reason for it in the same
    sentence ("I think the parks should charge, because the people who use them should pay for the damage"):
    the student's case against the proposal as a whole, which answers the motion (judge). align.sections
    opens the motion's section with such a stance."""
    first = speech.sentences[speech.opening] if speech.sentences else None
    # the words that judge the proposal ("a mistake", "wrong") are the stance itself, not a reason for it
    judging = {h.phrase for h in first.hits if h.section == "proposal"} if first is not None else set()
    return (first is not None and first.signpost == "stance"
            and any(h.section == "reason" or (h.strong and h.section in MOVE_NAMES and h.phrase not in judging)
                    for h in first.hits))


def _waves_at_motion(speech: Speech, matches: list[ClaimMatch], motion: int | None) -> None:
    """A bare opening stance ("I oppose this motion.", "I think this plan is a mistake.") followed by answers to the
    article's points waves at the motion: it says where the student stands and, like "This is wrong.", gives no
    reason. Followed by the student's own case against the proposal ("I'm against this whole plan. A
    tax on drinks leaves the corner shop selling cheap cans anyway ..."), it opens that case: a sentence of its
    section is about the motion, plainly (M_REBUT_CONTEXT; 2026.11-59) and more than about any other claim
    (2026.11-52). A courtesy before the stance changes nothing (Speech.opening). Marked on the sentence after
    alignment (Sentence.waves), before any claim is judged."""
    if motion is None or not speech.sentences or not opens_with_bare_stance(speech, motion):
        return
    first = speech.opening
    section = [sid for sid, c in speech.section_of.items() if c == motion and sid != first]
    own_case = any(matches[motion].single.get(sid, 0.0) >= M_REBUT_CONTEXT
                   and matches[motion].single.get(sid, 0.0) >= max(m.single.get(sid, 0.0) for m in matches)
                   for sid in section)
    speech.sentences[first].waves = not own_case


def _waved_at(result: dict, speech: Speech) -> None:
    """A motion the student only took a side on ("I oppose this motion.") is touched, as the labelling rules have
    a wave, not dropped: the student named it, and should now say why the whole plan fails (2026.11-61)."""
    if result["verdict"] != "missed":
        return
    stance = speech.sentences[speech.opening]
    result.update(verdict="touched", coverage=round(touched_coverage(0.0), 4), sentences=[[stance.start, stance.end]],
                  feedback=STANCE_ONLY_FEEDBACK)


def _argues_another_motion(speech: Speech, motion: ClaimMatch) -> bool:
    """Whether the speech opens by proposing something of its own that the article's thesis is not about
    ("Our council should pay for lifeguards on more of its beaches." against an article on dogs at the beach):
    its first sentence recommends (should, must...) in its opening words, speaking of the thing itself, not
    of the student or the article, and no sentence of it even touches the thesis (M_TOUCH). Such a speech
    argues another motion: the words it shares with the article's claims answer none of them. A student who
    opens with a plain counter-proposal ("The voting age should stay at eighteen.") comes back to the thesis
    later, and the thesis is often matched faintly by its own words, so the first sentence alone is no test."""
    if not speech.sentences:
        return False
    first = speech.sentences[speech.opening]
    text = speech.text[first.start:first.end]
    opening = " ".join(text.split()[:PROPOSAL_OPENING])
    return (bool(_PROPOSES.search(opening)) and not _SPEAKER.search(text) and "?" not in text
            and not first.silent and not first.signpost and max(motion.single.values(), default=0.0) < M_TOUCH)


def _signposted(claim: int, speech: Speech) -> bool:
    """Whether a section of the speech opens by naming the claim (align.sections) and says something of its
    own on it: a sentence that does not agree, wave the claim away or copy the article."""
    return claim in speech.openers.values() and any(
        not speech.sentences[sid].silent for sid, c in speech.section_of.items() if c == claim)


def _demote_outshone(results: list[dict], signposted: list[bool]) -> None:
    """Sentences that answer two claims answer the one they name plainly: a claim called rebutted by
    sentences that also rebut a claim they match at least 1/OUTSHONE times as well is only touched, as a
    passing touch ("the sum left over for cleaning the streets" answers the levy's revenue, not the
    cleaner streets it promises), unless a section of the speech was signposted as its answer. Decided on
    all the claims at once, after judging each."""
    spans = [{tuple(span) for span in r["sentences"]} for r in results]
    rebutted = [i for i, r in enumerate(results) if r["verdict"] == "rebutted"]
    outshone = [results[i] for i in rebutted if not signposted[i] and any(
        j != i and spans[i] & spans[j] and results[i]["match"] < OUTSHONE * results[j]["match"] for j in rebutted)]
    for r in outshone:
        r["verdict"] = "touched"
        r["coverage"] = round(touched_coverage(PASSING_TOUCH * r["match"]), 4)
        r["feedback"] = OUTSHONE_FEEDBACK


def summary(results: list[dict]) -> dict:
    """Breadth: share rebutted. Depth: mean coverage of the claims answered at all. Evidence: share of
    rebutted claims backed by evidence. Overall weighs breadth most: a dropped claim is conceded."""
    if not results:
        return {"overall": 0.0, "parts": {"breadth": 0.0, "depth": 0.0, "evidence": 0.0}}
    rebutted = [r for r in results if r["verdict"] == "rebutted"]
    answered = [r for r in results if r["verdict"] != "missed"]
    breadth = len(rebutted) / len(results)
    depth = sum(r["coverage"] for r in answered) / len(answered) if answered else 0.0
    evidence = sum(r["evidence"] for r in rebutted) / len(rebutted) if rebutted else 0.0
    overall = 0.5 * breadth + 0.3 * depth * len(answered) / len(results) + 0.2 * evidence * breadth
    parts = {"breadth": round(breadth, 4), "depth": round(depth, 4), "evidence": round(evidence, 4)}
    return {"overall": round(min(1.0, overall), 4), "parts": parts}
