"""Judging a claim's answer: verdict, coverage and one line of feedback."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .claims import ClaimTerms
from .matching import Match, content_forms
from .moves import MOVE_LABELS, find_cues, has_reason, move_strength
from .rules import (
    CONTEXT_NAMES,
    CONTEXT_NAMES_ALONE,
    DISTINCTIVE,
    LITERAL,
    LONG_ANSWER_WORDS,
    M_FAINT,
    M_REBUT,
    M_REBUT_CONTEXT,
    M_TOUCH,
    MIN_NEW_WORDS,
    PASSING_TOUCH,
)
from .speech import Sentence, Speech
from .text import stem, tokens, words


@dataclass
class Judgement:
    coverage: float
    verdict: str
    moves: list[str]
    evidence: bool
    echo: bool   # the claim's words with no strong move against them and little new
    new_words: int
    strength: float
    move_strength: float
    reasoned: bool
    agreed: bool = False   # a sentence of the answer agrees with the article and does not turn
    dismissed: bool = False   # a sentence of the answer waves the claim away without a reason
    restated: bool = False   # an echo made mostly of the claim's own words, not merely a short answer
    rebut_at: float = M_REBUT   # the match a rebuttal needed here
    reasons_only: bool = False   # the claim is the motion, and the answer takes on its reasons, not the proposal


@lru_cache(maxsize=2048)
def _claim_cues(claim_text: str) -> frozenset[str]:
    """Cue phrases the claim itself uses (cached: claims stay put while the student types)."""
    return frozenset(h.phrase for h in find_cues(claim_text))


def _names_claim(matched: dict[int, Match], claim: ClaimTerms, top: float, m: float) -> bool:
    """One shared word is usually a coincidence and two a reference, if one of them is distinctive (not
    a topic word every claim shares). A single repeated distinctive word names a short claim when it
    alone reaches the rebuttal match ("bullying" in "phones fuel bullying"). Words of the claim's context
    count as one distinctive word when two of them come with one of the claim's own words, or four alone
    (an off-topic paragraph may share a word or two with the article, seldom four of one argument)."""
    in_context = sum(1 for ti in matched if claim.in_context(ti))
    if in_context >= CONTEXT_NAMES_ALONE or (in_context >= CONTEXT_NAMES and len(matched) > in_context):
        return True   # words of its argument in the article that no other claim uses
    distinctive = [ti for ti in matched if claim.weights[ti] >= DISTINCTIVE * top]
    if len(matched) >= min(2, len(claim.terms)) and distinctive:
        return True
    return m >= M_REBUT and any(matched[ti][2] in LITERAL for ti in distinctive)


def _key_word(matched: dict[int, Match], weights: Sequence[float]) -> bool:
    """A repeated word that is among the claim's most distinctive ones ("As for lunch breaks, ...")."""
    top = max(weights, default=0.0)
    return any(how in LITERAL and weights[ti] >= 0.8 * top for ti, (_, _, how) in matched.items())


def judge(m: float, matched: dict[int, Match], claim: ClaimTerms, claim_text: str, speech: Speech,
          block: list[int], claim_stems: frozenset[str], top: float, can_rebut: bool = True,
          in_row: bool = False, motion: bool = False, signposted: bool = False, argued: bool = False) -> Judgement:
    """claim_stems: words of all the marked claims; repeating any of them is not new content.
    motion: the claim is the article's thesis (context.motion_flags).
    argued: the speech opens with the student's stance on the proposal and a reason for it in the same sentence
    (scoring._opens_with_reasoned_stance): that names the motion and argues against the proposal as a whole.
    signposted: a section of the speech opens by naming the claim and says something of its own on it
    (scoring._signposted): the student said which claim they answer, so a match of M_TOUCH is enough for
    "rebutted", as in a flow-sheet row, and no move cue is needed.
    in_row: a flow-sheet answer, written in the claim's own row, which names the claim by its place: it
    need not repeat the claim's words, only stay on its topic."""
    claim_cues = _claim_cues(claim_text)
    # a sentence that agrees with the article, waves the claim away without a reason or copies the article
    # makes no move against it, whatever else it holds (Sentence.silent)
    hits = [h for sid in block if not speech.sentences[sid].silent for h in speech.sentences[sid].hits]
    move_s, moves = move_strength(hits, exclude=claim_cues)
    if claim_cues and move_s < 1.0:
        # A negation the claim also uses ("is not") still denies when the student's sentence names the
        # claim's terms and gives a reason with it ("Being fifteen is not a diagnosis: ..., so ...").
        words = {match[1] for match in matched.values()}
        aimed = [sid for sid in block if not speech.sentences[sid].silent
                 and len(words.intersection(speech.sentences[sid].forms)) >= 2]
        reasons = [h for sid in aimed for h in speech.sentences[sid].hits if h.section == "reason"]
        if reasons:
            denials = [h for sid in aimed for h in speech.sentences[sid].hits if h.section == "denial"]
            keep = claim_cues - {h.phrase for h in denials}
            move_s, moves = move_strength(hits, exclude=keep)
    evidence = any(speech.sentences[sid].evidence for sid in block)
    used = claim_stems | {stem(match[1]) for match in matched.values()}
    sentences = [speech.sentences[sid] for sid in block]
    new = frozenset().union(*(s.strong_stems for s in sentences)) - used
    novelty = len(new) / max(1, len(frozenset().union(*(_said_stems(speech, sid) for sid in block))))
    echo = m >= M_TOUCH and move_s < 1.0 and (novelty < 0.5 or len(new) < MIN_NEW_WORDS)
    answer = 0.45 * min(1.0, move_s / 1.5) + 0.40 * min(1.0, len(new) / 20) + 0.15 * evidence
    raw = m * (0.3 + 0.7 * answer)
    # A claim the student signposted is named by the opener, not by distinctive words: one made of everyday and
    # shared words ("Within a few years a toilet without period products would look as odd as one without
    # paper") is named once its section matches it as well as a claim with context must be matched.
    named = in_row or argued or (signposted and m >= M_REBUT_CONTEXT) or _names_claim(matched, claim, top, m)
    if named and not in_row and len(matched) == 1:
        # one shared word names the claim only when a move is aimed at it: the sentence that holds it pushes back
        ((_, word, _),) = matched.values()
        named = any(word in speech.sentences[sid].forms
                    and move_strength(list(speech.sentences[sid].hits), exclude=claim_cues)[0] >= 1.0
                    for sid in block)
    rebut_at, touch_at = (M_TOUCH, M_FAINT) if in_row else (M_REBUT_CONTEXT if claim.has_context else M_REBUT, M_TOUCH)
    if signposted:
        rebut_at = M_TOUCH
    literal_weight = sum(q * claim.weights[ti] for ti, (q, _, how) in matched.items() if how in LITERAL)
    literal = min(1.0, literal_weight / claim.full_weight(top)) if claim.size else 0.0
    reasoned = has_reason(hits, moves, evidence, claim_cues) or len(new) >= LONG_ANSWER_WORDS
    proposal = True   # the answer takes on the proposal itself (asked of the motion only)
    if motion and not in_row:
        # The motion is answered by arguing against the proposal itself (wrong, a bad idea, or something
        # better instead); a denial of one of its reasons answers that reason, not the motion.
        proposal = argued or any(
            h.section in ("proposal", "alternative") and h.strong and h.phrase not in claim_cues for h in hits)
        can_rebut = can_rebut and proposal
    # A section the student signposted as the claim's answer ("As for the idea that this is only a perk for
    # people with cushy jobs, lots of office workers are on low pay, like receptionists ...") needs no cue word:
    # the signpost says it answers, and its sentences neither agree, wave the claim away nor copy the article.
    # An echo is still no answer, signposted or not.
    answers = (signposted and not echo) or (move_s >= 1.0 and reasoned)
    if can_rebut and m >= rebut_at and named and answers and len(new) >= MIN_NEW_WORDS:
        verdict, coverage = "rebutted", 0.5 + 0.5 * min(1.0, max(0.0, (raw - 0.2) / 0.7))
    elif in_row and block and (m >= M_FAINT or (move_s >= 1.0 and len(new) < MIN_NEW_WORDS)):
        # on the claim's topic, or a bare objection ("Not true.") in its row; an off-topic paragraph
        # with objections in it is neither
        verdict, coverage = "touched", touched_coverage(m / 0.9)
    elif m >= touch_at and (named or _key_word(matched, claim.weights)) and (literal > 0 or m >= M_REBUT):
        # Ranked by how plainly the claim is referred to: a repeated word is surer than a related one,
        # and moves aimed at no clear claim mean little. A restatement (echo) refers to the claim itself;
        # other touches are mostly sentences answering another claim with some of its words.
        plain = min(1.0, (0.3 * m + 0.7 * literal) / 0.9) * (1.0 if echo else PASSING_TOUCH)
        verdict, coverage = "touched", touched_coverage(plain)
    else:
        verdict, coverage = "missed", 0.0 if m < M_FAINT else 0.19 * min(1.0, m / M_TOUCH)
    return Judgement(round(coverage, 4), verdict, moves, evidence, echo, len(new), m, move_s, reasoned,
                     any(speech.sentences[sid].agrees for sid in block),
                     any(speech.sentences[sid].dismisses for sid in block),
                     echo and novelty < 0.5 and not _new_figures(sentences, claim_text), rebut_at,
                     not proposal)


_FIGURE_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "thousand", "million", "billion", "half", "quarter", "third"})


def _new_figures(sentences: list[Sentence], claim_text: str) -> bool:
    """A figure the claim does not give ("Most fifteen-year-olds I know fall asleep by ten" against "until
    eleven"): the sentence reuses the claim's words to say something else, so it does not repeat it. The
    claim is read into words as the sentences were (Sentence.forms)."""
    figures = {w for s in sentences for w in s.forms if w.isdigit() or w in _FIGURE_WORDS}
    return bool(figures - set(content_forms(words(claim_text))))


def _said_stems(speech: Speech, sid: int) -> frozenset[str]:
    """The sentence's stems, less an opener's naming clause ("As for the claim that a match day only replaces
    a trip to the cinema, ..."): that clause restates the claim by design, so novelty is measured on the rest
    (2026.11-39)."""
    sentence = speech.sentences[sid]
    if sid not in speech.openers or sentence.signpost != "opens":
        return sentence.stems
    cut = speech.text.find(",", sentence.start, sentence.end)
    if cut >= 0 and len(speech.text[sentence.start:cut].split()) <= 2:   # "First, the idea that X, ..."
        cut = speech.text.find(",", cut + 1, sentence.end)
    if cut < 0:
        return sentence.stems
    return frozenset(stem(f) for f in content_forms(tokens(speech.text, cut + 1, sentence.end)))


def touched_coverage(plainness: float) -> float:
    """Coverage inside the touched band (0.2-0.49), by how plainly the claim is referred to (0-1)."""
    return 0.2 + 0.29 * min(1.0, plainness)


ELSEWHERE_FEEDBACK = ("Your speech argues for a proposal of its own, not against this article: take this claim "
                      "on in its own terms.")
STANCE_ONLY_FEEDBACK = ("You say where you stand but give no reason against the proposal itself: say why the whole "
                        "plan fails, or what should be done instead.")
OUTSHONE_FEEDBACK = ("The sentences that touch this claim answer another one more plainly: answer this "
                     "claim in a sentence of its own.")


def feedback(j: Judgement, claim_text: str) -> str:
    """One sentence the student can act on."""
    quote = " ".join(claim_text.split()[:8]) + ("…" if len(claim_text.split()) > 8 else "")
    if j.verdict == "missed":
        return f"Dropped: nothing answers “{quote}” — name it and say why it fails."
    if j.verdict == "touched":
        if j.agreed and j.move_strength < 1.0:
            return ("You agree with this claim without answering it: concede it, then say why it does not "
                    "decide the debate.")
        if j.dismissed and j.move_strength < 1.0:
            return "You wave this claim away without a reason: say why it fails, with an example or evidence."
        pushes_back = j.move_strength < 1.0 and bool(set(j.moves) - {"concession-then-answer"})
        if j.restated and not pushes_back:
            return "You repeat this claim without answering it: deny it, counter it with evidence, or turn it."
        if pushes_back:   # a weak cue only ("plenty of ...")
            return "You push back only faintly: say plainly why this claim is wrong, with an example or evidence."
        if j.echo:   # a short answer on the claim's topic whose push-back is in no word the scorer knows
            return ("This says too little against the claim: say plainly that it is wrong and why, with an "
                    "example or evidence.")
        if j.move_strength >= 1.0 and not j.reasoned:
            return "You object but give no reason: say why it is wrong, with an example or evidence."
        if j.strength < j.rebut_at and j.move_strength >= 1.0:
            return "Your answer is only loosely tied to this claim: refer to it directly, then answer it."
        if j.reasons_only and j.move_strength >= 1.0:
            return ("You answer the reasons for this proposal, not the proposal itself: say why the whole plan "
                    "is wrong, or what should be done instead.")
        if j.move_strength < 1.0:
            return "You mention this claim but never push back: add a denial, a counter-example or evidence."
        return "One line is not an answer: explain why it fails and back it with an example or evidence."
    # a signposted answer may carry no move cue: then there is no move to name
    names = ", ".join(MOVE_LABELS.get(m, m) for m in j.moves)
    if not j.evidence:
        named = f" ({names})" if names else ""
        return f"Rebutted{named}; add a number, a source or an example to make it stick."
    named = f"{names}, " if names else ""
    return f"Well answered ({named}with evidence); now say why your answer outweighs the claim."
