"""The rebuttal side: sentences split, analysed (cues, content words, stems) and indexed once per call."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .context import RECOMMENDS
from .lexicon import signposts, weak_words
from .matching import RebuttalIndex, build_index, content_forms
from .moves import PIVOTS, Hit, agrees, dismisses, find_cues, has_evidence, objects, pivots, turns
from .rules import COURTESY_WORDS, QUOTE_SHARE, QUOTE_WORDS, SHORT_OPENER
from .segment import clear_split_cache, sentence_spans
from .text import fold, stem, words

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")   # the paragraph break sentence_spans never crosses
LIST_MARK = r"\W*?(?:\d{1,2}[.):]|[-*\u2022])\s+"   # "1. ", "2) ", "- ", "\u2022 " before a list item
_LIST_MARK = re.compile("^" + LIST_MARK)


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int
    forms: tuple[str, ...]
    hits: tuple[Hit, ...]
    evidence: bool
    stems: frozenset[str]          # stems of all content words
    strong_stems: frozenset[str]   # ...less the everyday ones: candidates for new content
    agrees: bool                   # agrees with the article without turning: no move (moves.agrees), or goes
                                   # on granting what the sentence before it agreed (_carry_agreement)
    dismisses: bool                # waves a claim away without a reason: no move (moves.dismisses)
    signpost: str                  # "opens" a section, "stance" (opens one on the proposal), "view" (opens one
                                   # with the student's view), "previews" the speech, "closes", "reports",
                                   # "courtesy" ("Thank you, chair.") or ""
    retells: bool                  # tells the article's point ("The article also says that ...") without turning
    bare: bool = False             # a stance or a closing line with no reason, in ten words or fewer ("I think this
                                   # plan is a mistake.", "For all these reasons, I oppose the motion.")
    quoted: bool = False           # mostly copied from the article: its cues are the writer's (mark_quotes)
    waves: bool = False            # a bare stance before answers to the article's points (scoring._waves_at_motion)

    @property
    def silent(self) -> bool:
        """Makes no move, whatever cues it holds: it agrees, waves the claim away without a reason, retells the
        article's point, copies the article, previews the speech, is a courtesy ("Thank you, chair.") or is a
        bare stance before answers to the article's points."""
        return (self.agrees or self.dismisses or self.retells or self.quoted or self.waves
                or self.signpost in ("previews", "courtesy"))


@lru_cache(maxsize=8192)
def _analyse(sentence: str) -> tuple:
    """Content words, cues, evidence, stems, agreement, dismissal, signpost and retelling of one sentence
    (lower case). Cached by its text: as a student types, every sentence but the one being edited is the same
    as at the last scoring. A list item's mark ("2. ", "- ") is no part of it: "2." is neither a figure nor a word."""
    sentence = _LIST_MARK.sub("", sentence, count=1)
    hits = tuple(find_cues(sentence))
    forms = tuple(content_forms(words(sentence)))
    weak = weak_words()
    stems = frozenset(stem(f) for f in forms)
    strong = frozenset(stem(f) for f in forms if f not in weak)
    folded = fold(sentence)
    retells = bool(signposts().retells.match(folded)) and not turns(hits)
    signpost = _signpost(folded, hits)
    # "So I think ..." sums up: its leading "so" is no reason
    leading_so = re.match(r"\W*so\b", sentence) is not None
    bare = signpost in ("stance", "closes") and len(sentence.split()) <= SHORT_OPENER and not any(
        h.section in ("reason", "evidence") and not (leading_so and h.phrase == "so") for h in hits)
    return (forms, hits, has_evidence(hits, sentence), stems, strong, agrees(hits), dismisses(hits),
            signpost, retells, bare)


def _signpost(sentence: str, hits: tuple[Hit, ...]) -> str:
    """How the sentence lays out a speech (align.sections): a stance is one that, starting with the student's
    view, recommends or judges the proposal ("I think the voting age should stay at eighteen"); a view starts
    with it and does not ("I think the survey is weak")."""
    marks = signposts()
    if marks.previews.search(sentence):
        return "previews"
    if marks.courtesies.match(sentence) and len(sentence.split()) <= COURTESY_WORDS:
        return "courtesy"
    if marks.stances.match(sentence):
        judges = RECOMMENDS.search(sentence) or any(h.section == "proposal" and h.strong for h in hits)
        return "stance" if judges else "view"
    if marks.opens.match(sentence):
        return "opens"
    if marks.closes.match(sentence):
        return "closes"
    return "reports" if marks.reports.search(sentence) else ""


def clear_text_caches() -> None:
    """Forget analysed sentences and paragraphs (for measuring the cost of a text never seen before)."""
    _analyse.cache_clear()
    _quotes.cache_clear()
    clear_split_cache()


@dataclass
class Speech:
    text: str
    sentences: list[Sentence]
    index: RebuttalIndex
    opening: int = 0   # the first sentence that is not a courtesy ("Thank you, chair. I oppose this motion.")
    owned: set[int] = field(default_factory=set)   # sentences mainly about some claim (speech mode)
    openers: dict[int, int] = field(default_factory=dict)      # sentence opening a section -> its claim
    section_of: dict[int, int] = field(default_factory=dict)   # sentence in a section -> its claim


def prepare(text: str) -> Speech:
    """Split and index a rebuttal once; every claim is then matched against the index."""
    text = text or ""
    sentences: list[Sentence] = []
    paragraph, last_end = 0, 0
    for start, end in sentence_spans(text, learn=False):
        if _BLANK_LINE.search(text, last_end, start):
            paragraph += 1
        sentences.append(Sentence(start, end, paragraph, *_analyse(text[start:end].lower())))
        last_end = end
    _lines_not_paragraphs(sentences)
    _carry_agreement(sentences, text)
    opening = next((sid for sid, s in enumerate(sentences) if s.signpost != "courtesy"), 0)
    if len(sentences) > opening + 1 and sentences[-1].signpost == "stance":
        sentences[-1].signpost = "closes"   # "So I think this proposal is a mistake." ends the speech (2026.11-60)
    return Speech(text, sentences, build_index([s.forms for s in sentences]), opening)


def _lines_not_paragraphs(sentences: list[Sentence]) -> None:
    """A speech whose blank lines set off single sentences, most of them, uses them as line breaks, not to part
    its points ("Those walkers are locals.\n\nA family from the suburbs will not walk in."): it is read as one
    paragraph, so an answer goes on past them as it does past a line break."""
    paragraphs = sentences[-1].paragraph + 1 if sentences else 0
    if paragraphs < 3:
        return
    sizes = [0] * paragraphs
    for sentence in sentences:
        sizes[sentence.paragraph] += 1
    if 3 * sizes.count(1) >= 2 * paragraphs:
        for sentence in sentences:
            sentence.paragraph = 0


def _carry_agreement(sentences: list[Sentence], text: str) -> None:
    """A sentence that agrees with the article leads the sentences after it in its paragraph: they go on
    granting the point ("I'll admit a lot of this makes sense. I've been stuck behind someone filming a whole
    set, you end up watching their screen instead of the stage." gives an example *for* the claim), so they
    make no move either, until one turns or holds to the student's view (but, however, still...), denies or
    questions the warrant outright ("That doesn't mean a ban works": students do not always write "but" before
    their answer), or opens a section. An opener that agrees leads no run: its section is judged on its own."""
    agreeing = False
    for i, sentence in enumerate(sentences):
        if i and sentences[i - 1].paragraph != sentence.paragraph:
            agreeing = False
        if sentence.agrees:
            agreeing = not sentence.signpost
        elif agreeing:
            if sentence.signpost or _turns_or_holds(sentence, text) or objects(sentence.hits):
                agreeing = False
            else:
                sentence.agrees = True


# "still" holds to the student's view when the student says it ("I still think", "I'm just still not sure",
# "Still, ..."), not when it tells of time ("My brother still talks about it").
_HOLDS_VIEW = re.compile(r"^\W*(?:and |so |but )?still\b|\b(?:i|i'm|im|we|we're)(?: \w+){0,2}? still\b")


def _turns_or_holds(sentence: Sentence, text: str) -> bool:
    """moves.pivots, with "still" counted only where the student holds to a view (_HOLDS_VIEW)."""
    if not pivots(sentence.hits):
        return False
    if any(h.phrase in PIVOTS and h.phrase != "still" for h in sentence.hits) or turns(sentence.hits):
        return True
    return bool(_HOLDS_VIEW.search(fold(text[sentence.start:sentence.end]).lower()))


@lru_cache(maxsize=16)
def _article_runs(article: str) -> frozenset[tuple[str, ...]]:
    """Every run of QUOTE_WORDS words in the article (cached: the article stays put while the student types)."""
    found = words(fold(article).lower())
    return frozenset(tuple(found[i:i + QUOTE_WORDS]) for i in range(len(found) - QUOTE_WORDS + 1))


@lru_cache(maxsize=8192)
def _quotes(sentence: str, article: str) -> bool:
    """Whether runs of words found in the article cover QUOTE_SHARE of the sentence."""
    found = words(fold(sentence).lower())
    runs = _article_runs(article)
    covered: set[int] = set()
    for i in range(len(found) - QUOTE_WORDS + 1):
        if tuple(found[i:i + QUOTE_WORDS]) in runs:
            covered.update(range(i, i + QUOTE_WORDS))
    return bool(found) and len(covered) >= QUOTE_SHARE * len(found)


def mark_quotes(speech: Speech, article: str) -> None:
    """Mark the sentences mostly copied from the article (rules.QUOTE_SHARE): the cue words in them are the
    writer's, not moves of the student's ("Critics say some animals do badly in captivity, but the answer is
    to stop keeping those species" copied whole is no mitigation)."""
    if article:
        for sentence in speech.sentences:
            sentence.quoted = _quotes(speech.text[sentence.start:sentence.end], article)
