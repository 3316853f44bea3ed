"""Alignment: which rebuttal sentences answer which claim, and how strongly they match it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .claims import ClaimTerms
from .lexicon import preface_stems, stopwords
from .matching import Match, match_term
from .rules import (
    ANCHOR_RATIO,
    BACK_POINTERS,
    M_ANCHOR,
    M_FAINT,
    MAX_CONTINUATION,
    MAX_WINDOW,
    NAMING_RATIO,
    NAMING_RUN,
    SHORT_OPENER,
    SINGLE_TERM,
)
from .speech import LIST_MARK, Sentence, Speech
from .text import words

_FIRST_WORD = re.compile(rf"(?:{LIST_MARK})?\W*([A-Za-z]+)")   # after a list mark ("4. So ...")


@dataclass
class ClaimMatch:
    per_sentence: dict[int, dict[int, Match]]   # sentence -> claim term number -> match
    total: float                                # the claim's weight that counts as a full match
    weights: Sequence[float]
    single: dict[int, float] = None             # sentence -> strength of that sentence alone
    moved: frozenset = frozenset()              # sentences with a refutation move
    rare: float = 0.0                           # a term only this claim uses weighs this much

    def __post_init__(self):
        self.single = {sid: self._alone(sid, found) for sid, found in self.per_sentence.items()}

    def _alone(self, sid: int, found: dict[int, Match]) -> float:
        """strength() of one sentence, without building the match list (this runs for every pair). One
        shared word is weak evidence that a sentence is about the claim (topic overlap), unless it is a
        rare term and the sentence pushes back on it."""
        if len(found) == 1:
            ((ti, (quality, _, _)),) = found.items()
            strong = sid in self.moved and self.weights[ti] >= self.rare
            value = quality * self.weights[ti] * (1.0 if strong else SINGLE_TERM)
            return min(1.0, value / self.total) if self.total else 0.0
        by_word: dict[str, float] = {}
        for ti, (quality, word, _) in found.items():
            value = quality * self.weights[ti]
            if value > by_word.get(word, 0.0):
                by_word[word] = value
        return min(1.0, sum(by_word.values()) / self.total) if self.total else 0.0

    def strength(self, sids) -> tuple[float, dict[int, Match]]:
        """Share of the claim found in these sentences taken together, and the matches used."""
        best: dict[int, Match] = {}
        for sid in sids:
            for ti, match in self.per_sentence.get(sid, {}).items():
                if ti not in best or match[0] > best[ti][0]:
                    best[ti] = match
        weights = self.weights
        # one rebuttal word answers one claim term: "phones" may not count for both "phone" and "device"
        by_word: dict[str, int] = {}
        for ti, match in best.items():
            other = by_word.get(match[1])
            if other is None or match[0] * weights[ti] > best[other][0] * weights[other]:
                by_word[match[1]] = ti
        if len(by_word) < len(best):
            best = {ti: best[ti] for ti in sorted(by_word.values())}
        got = sum(match[0] * weights[ti] for ti, match in best.items())
        return (min(1.0, got / self.total) if self.total else 0.0), best


def match_claim(claim: ClaimTerms, speech: Speech, top_weight: float, moved: frozenset = frozenset()) -> ClaimMatch:
    """top_weight is what a word used by one claim only weighs: a full match needs the worth of at least
    MIN_FULL_TERMS such words, so a claim made of topic words ("schools", "pupils") is not fully matched
    by any text on the topic, and at most MAX_FULL_TERMS, because a student names a long claim by a few
    of its words, not by more of them (claims of 15 content words or more were almost never found
    rebutted before this cap). Words of the claim's context add to a match but not to the claim's size."""
    per_sentence: dict[int, dict[int, Match]] = {}
    for ti, term in enumerate(claim.terms):
        for sid, match in match_term(term, speech.index).items():
            per_sentence.setdefault(sid, {})[ti] = match
    return ClaimMatch(per_sentence, claim.full_weight(top_weight), claim.weights, moved=moved,
                      rare=top_weight - 1e-9)


def align(matches: list[ClaimMatch], speech: Speech, motion: int | None = None,
          quotes: Sequence[str] = ()) -> list[list[int]]:
    """Sentences that make up each claim's answer in a speech (see the module docstring). motion: the
    number of the claim that is the article's thesis, if any; quotes: the claims' texts, which settle an
    opener that names two claims equally well (_named)."""
    count = len(speech.sentences)
    single = [[m.single.get(sid, 0.0) for sid in range(count)] for m in matches]
    owners: list[list[int]] = []
    for sid in range(count):
        if _answers_nothing(speech.sentences[sid]):
            owners.append([])   # a preview, a courtesy or a bare closing line belongs to no claim (below)
            continue
        best = max((row[sid] for row in single), default=0.0)
        owners.append([c for c, row in enumerate(single) if row[sid] >= M_ANCHOR and row[sid] >= ANCHOR_RATIO * best])
    speech.openers, speech.section_of = sections(single, speech, motion, quotes)
    bare = motion is not None and opens_with_bare_stance(speech, motion)
    own = [list(o) for o in owners] if bare else owners   # each sentence's claims before sections add theirs
    for sid, c in speech.section_of.items():
        owners[sid] = [c] if sid in speech.openers else sorted(set(owners[sid]) | {c})
    blocks: list[list[int]] = [[] for _ in matches]
    claims_of: list[list[int]] = []
    for sid in range(count):
        if _answers_nothing(speech.sentences[sid]) or (sid == speech.opening and not owners[sid]
                                                       and _preface(speech.sentences[sid])):
            # "I want to take on three of the writer's arguments.", "Thank you, chair." ...
            claims_of.append([])
            continue
        claims = owners[sid] or _continued(sid, owners, speech)
        if bare and speech.section_of.get(sid) == motion and sid not in speech.openers and not own[sid]:
            # after a bare stance ("I think this plan is a mistake."), a sentence of no claim of its own goes on
            # answering the claim before it, as it would with no stance, and the motion too (2026.11-51)
            claims = sorted(set(_continued(sid, own, speech)) | {motion})
        if sid and _points_back(speech, sid):
            claims = sorted(set(claims) | set(claims_of[sid - 1]))
        claims_of.append(claims)
        for c in claims:
            blocks[c].append(sid)
    speech.owned = {sid for sid in range(count) if owners[sid]}
    return blocks


def sections(single: list[list[float]], speech: Speech, motion: int | None = None,
             quotes: Sequence[str] = ()) -> tuple[dict[int, int], dict[int, int]]:
    """A speech answers claim by claim, each section opened by a sentence that names its claim ("First, the
    condors.", "As for the claim that fares pay for hardly anything, ..."; cues.toml [signposts]). The
    opener is about the claim it matches best, however faintly (M_FAINT), if no other comes close
    (NAMING_RATIO); else about the one of them it quotes in the longest run of words (given the claims'
    `quotes`, _named); or, when it is a short lead-in that names none ("Second, the worry about Year 7."),
    about the claim it names together with the sentence after it. Up to MAX_CONTINUATION sentences after it in its
    paragraph answer that claim too, until one opens another section, closes the speech or reports another
    of the article's points; the student's view that names no claim ("I think it is the opposite.") goes on
    with the section it is in. A speech that opens with the student's stance on the proposal ("I think the
    voting age should stay at eighteen, because ...") answers the motion first; a point-by-point opener
    ("First, ...", "As for ...") never names the motion.
    Returns (opener -> claim, every sentence of a section -> claim)."""
    openers: dict[int, int] = {}
    section_of: dict[int, int] = {}
    current, start = None, 0
    for sid, sentence in enumerate(speech.sentences):
        if sid and speech.sentences[sid - 1].paragraph != sentence.paragraph:
            current = None
        if sentence.signpost in ("opens", "stance", "view"):
            on_motion = sentence.signpost == "stance" and sid == speech.opening and motion is not None
            # A point-by-point signpost ("First, the idea that ...") names one of the article's points, never
            # its thesis, whose topic words match any such opener: a stance answers the thesis (2026.11-37).
            point = sentence.signpost == "opens"
            skip = motion if point else None
            said = speech.text[sentence.start:sentence.end] if quotes else ""
            named = motion if on_motion else _named(single, sid, skip, sole=point, said=said, quotes=quotes)
            if named is None and sentence.signpost == "view" and current is not None \
                    and sid - start <= MAX_CONTINUATION:
                section_of[sid] = current   # "I think it is the opposite." goes on with its section
                continue
            current, start = named, sid
            if current is None and point and _leads_in(speech, sid):
                # "Second, the worry about Year 7." names its claim together with the sentence after it
                current = _named([[row[sid] + row[sid + 1]] for row in single], 0, skip)
            if current is not None:
                openers[sid] = section_of[sid] = current
        elif sentence.signpost:
            current = None
        elif current is not None and sid - start <= MAX_CONTINUATION:
            section_of[sid] = current
    return openers, section_of


def _named(single: list[list[float]], sid: int, skip: int | None = None, sole: bool = False,
           said: str = "", quotes: Sequence[str] = ()) -> int | None:
    """The claim a signposted sentence names: the one it matches best, if no other comes close (the claim
    `skip` never). sole: a point-by-point opener whose words only one claim shares names that claim,
    however faintly ("First, cricket.", "Finally, the waste."): the student picked the word to name it.
    said, quotes: the opener's text and the claims'; of claims it names about equally well, the one whose
    words it repeats in the longest run ("extra lessons for every child who ..." quotes "lessons for every
    child who has not reached 25 metres by Year 5") is the one it names."""
    column = sorted(((row[sid], c) for c, row in enumerate(single) if c != skip), reverse=True)
    if not column:
        return None
    (best, claim), second = column[0], column[1][0] if len(column) > 1 else 0.0
    if best >= M_FAINT and second <= NAMING_RATIO * best:
        return claim
    if best >= M_FAINT and said:
        close = [c for value, c in column if value > NAMING_RATIO * best]
        runs = sorted(((_shared_run(said, quotes[c]), c) for c in close), reverse=True)
        if runs[0][0] >= NAMING_RUN and runs[0][0] > runs[1][0]:
            return runs[0][1]
    return claim if sole and best > 0 and second == 0 else None


def _shared_run(said: str, quote: str) -> int:
    """Content words in the longest run of words the sentence and the quote share ("lessons for every child
    who" holds three; "the law" one, however often a claim has it)."""
    mine, theirs = words(said), words(quote)
    stop = stopwords()
    best = 0
    for n in range(2, 9):
        grams = {tuple(theirs[i:i + n]) for i in range(len(theirs) - n + 1)}
        found = [sum(w not in stop for w in mine[i:i + n]) for i in range(len(mine) - n + 1)
                 if tuple(mine[i:i + n]) in grams]
        if not found:
            break
        best = max(best, *found)
    return best


def _leads_in(speech: Speech, sid: int) -> bool:
    """Whether the sentence is a short lead-in to the next one in its paragraph ("Second, the worry about
    Year 7. Secondary school changes everything at once ...")."""
    sentence = speech.sentences[sid]
    if sid + 1 >= len(speech.sentences) or len(speech.text[sentence.start:sentence.end].split()) > SHORT_OPENER:
        return False
    following = speech.sentences[sid + 1]
    return following.paragraph == sentence.paragraph and not following.signpost


def _answers_nothing(sentence: Sentence) -> bool:
    """Whether the sentence answers no claim: a preview ("I want to take on three of the writer's arguments."), a
    courtesy ("Thank you, chair."; 2026.11-57) or a bare closing line ("For all these reasons, I oppose the
    motion."; 2026.11-54), which sums up, and whose words would add to the answer before it."""
    return sentence.signpost in ("previews", "courtesy") or (sentence.signpost == "closes" and sentence.bare)


def _preface(sentence: Sentence) -> bool:
    """A speech's first sentence made of words about the debate only ("The writer makes some good points, but I
    still disagree."): it names no point, so it leads in to none (2026.11-58)."""
    return bool(sentence.stems) and sentence.strong_stems <= preface_stems()


def opens_with_bare_stance(speech: Speech, motion: int) -> bool:
    """Whether the speech opens with a bare stance on the motion ("I think this plan is a mistake.": Sentence.bare):
    it says where the student stands, not what the sentences after it answer; a stance with its reason ("I
    disagree, for a simple reason: ...") opens the student's own case, which they go on with."""
    return speech.openers.get(speech.opening) == motion and speech.sentences[speech.opening].bare


def _points_back(speech: Speech, sid: int) -> bool:
    """Whether the sentence opens with a word pointing back at the sentence before, in one paragraph."""
    sentence = speech.sentences[sid]
    if speech.sentences[sid - 1].paragraph != sentence.paragraph:
        return False
    first = _FIRST_WORD.match(speech.text, sentence.start)
    return bool(first) and first.group(1).lower() in BACK_POINTERS


def _continued(sid: int, owners: list[list[int]], speech: Speech) -> list[int]:
    """A sentence with no claim of its own goes on answering the nearest claim before it in the same
    paragraph, or, at a paragraph's start, the one just after it (a lead-in such as an example)."""
    para = speech.sentences[sid].paragraph
    for back in range(1, MAX_CONTINUATION + 1):
        prev = sid - back
        if prev < 0 or speech.sentences[prev].paragraph != para:
            break
        if owners[prev]:
            return owners[prev]
    for ahead in range(1, 3):
        nxt = sid + ahead
        if nxt >= len(owners) or speech.sentences[nxt].paragraph != para:
            break
        if owners[nxt]:
            return owners[nxt]
    return []


def row_block(match: ClaimMatch, speech: Speech) -> list[int]:
    """A flow-sheet answer: its first paragraph, and any later paragraph that touches the claim (a
    paragraph about something else is not part of the answer)."""
    touching = {speech.sentences[sid].paragraph for sid in match.per_sentence} | {0}
    return [sid for sid, sentence in enumerate(speech.sentences) if sentence.paragraph in touching]


def best_window(match: ClaimMatch, sids: list[int]) -> tuple[float, dict[int, Match]]:
    """Strongest match over runs of 1-MAX_WINDOW consecutive sentences among sids."""
    best: tuple[float, dict[int, Match]] = (0.0, {})
    ordered = sorted(set(sids))
    for i in range(len(ordered)):
        run: list[int] = []
        for sid in ordered[i:i + MAX_WINDOW]:
            if run and sid != run[-1] + 1:
                break
            run.append(sid)
            if any(s in match.per_sentence for s in run):
                found = match.strength(run)
                # m is capped at 1: among full matches, the one that finds more of the claim shows its words
                if (found[0], len(found[1])) > (best[0], len(best[1])):
                    best = found
    return best
