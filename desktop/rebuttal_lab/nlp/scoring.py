"""Coverage scoring: did this rebuttal really answer that claim?

For each claim: (1) match its content words to rebuttal words (exact, stem, synonym, related, spelling);
(2) align: each rebuttal sentence belongs to the claim(s) it matches best, and sentences without a claim
of their own continue the answer before them; (3) judge the claim's answer by its refutation moves, the
new content it brings and its evidence. Repeating a claim without a move is an echo: touched at most.
See docs/scorer.md for the rules and the measured figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import negations, synonyms_of, weak_words
from .matching import Match, build_index, content_forms, match_term, related_of
from .moves import MOVE_LABELS, Hit, find_cues, has_evidence, has_reason, move_strength
from .segment import clear_split_cache, sentence_spans
from .text import stem, stem_keys, tokens, words

SCORER_VERSION = "2026.11-1"

# Thresholds on the match m (share of the claim's weight found; 60% of it counts as a full match).
FULL_MATCH_SHARE = 0.6
M_ANCHOR = 0.25        # a sentence this close to a claim is about that claim
ANCHOR_RATIO = 0.6     # ...unless another claim matches it more than twice as well
M_TOUCH = 0.2          # below this the claim is missed (dropped)
M_FAINT = 0.15         # below this a shared word or two is coincidence: coverage 0
M_REBUT = 0.35         # a rebuttal must also name the claim clearly enough
MIN_NEW_WORDS = 6      # a one-line wave brings fewer new content words than this
LONG_ANSWER_WORDS = 12  # ...and an objection this developed counts as reasoned without a reason cue
MIN_FULL_TERMS = 3     # see match_claim
MAX_WINDOW = 3         # sentences that may be read together when matching a claim
OWNED_DISCOUNT = 0.5   # a claim's words in a sentence that answers another claim count half
MAX_CONTINUATION = 3   # sentences after a claim's sentence that go on answering it
LITERAL = ("exact", "stem", "spelling")   # matches that repeat the claim's own words
IDF_POWER = 1.0        # >1 makes words shared by several claims count for even less
DISTINCTIVE = 0.6      # share of the top weight that makes a word distinctive of its claim
PLACE_PREPOSITIONS = frozenset({"in", "at", "across", "among", "within", "throughout", "around", "inside"})
SETTING_WEIGHT = 0.5   # see setting_terms
WEAK_WEIGHT = 0.35     # everyday words ("people", "make") count this much of a normal word


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


@lru_cache(maxsize=8192)
def _analyse(sentence: str) -> tuple:
    """Content words, cues, evidence and stems of one sentence (lower case). Cached by its text: as a
    student types, every sentence but the one being edited is the same as at the last scoring."""
    hits = tuple(find_cues(sentence))
    forms = tuple(content_forms(words(sentence)))
    weak = weak_words()
    stems = frozenset(stem(f) for f in forms)
    strong = frozenset(stem(f) for f in forms if f not in weak)
    return forms, hits, has_evidence(hits, sentence), stems, strong


def clear_text_caches() -> None:
    """Forget analysed sentences and paragraphs (for measuring the cost of a text never seen before)."""
    _analyse.cache_clear()
    clear_split_cache()


@dataclass
class Speech:
    text: str
    sentences: list[Sentence]
    index: object
    owned: set[int] = field(default_factory=set)   # sentences mainly about some claim (speech mode)


def prepare(text: str) -> Speech:
    """Split and index a rebuttal once; every claim is then matched against the index."""
    text = text or ""
    sentences: list[Sentence] = []
    paragraph, last_end = 0, 0
    for start, end in sentence_spans(text, learn=False):
        if "\n\n" in text[last_end:start].replace("\r", ""):
            paragraph += 1
        forms, hits, evidence, stems, strong = _analyse(text[start:end].lower())
        sentences.append(Sentence(start, end, paragraph, forms, hits, evidence, stems, strong))
        last_end = end
    return Speech(text, sentences, build_index([s.forms for s in sentences]))


def claim_terms(text: str) -> list[str]:
    """Content words of a claim, one per stem, in order. Negations are cues, not content."""
    return list(_claim_terms(text))


@lru_cache(maxsize=2048)
def _claim_terms(text: str) -> tuple[str, ...]:
    seen: set[str] = set()
    terms = []
    for form in content_forms(tokens(text or ""), joined=False):
        keys = set(stem_keys(form))
        if form not in negations() and not keys & seen:   # "teachers" and "teach" are one term
            seen |= keys
            terms.append(form)
    return tuple(terms)


@lru_cache(maxsize=2048)
def setting_terms(text: str) -> frozenset[str]:
    """Words of a short place phrase closing the claim ("... fuel bullying in schools"): the setting,
    not the point, so they weigh half. Only when the rest of the claim has two content words or more."""
    words_ = [t.text for t in tokens(text or "")]
    for i in range(len(words_) - 1, max(-1, len(words_) - 6), -1):
        if words_[i] in PLACE_PREPOSITIONS:
            tail = set(content_forms(tokens(" ".join(words_[i + 1:])), joined=False))
            rest = content_forms(tokens(" ".join(words_[:i])), joined=False)
            return frozenset(tail) if len(rest) >= 2 else frozenset()
    return frozenset()


def concept_keys(term: str) -> set:
    """What a term means for counting: its stem and its synonym and related groups."""
    return {stem(term)} | {("syn", g) for g in synonyms_of(term)} | {("rel", g) for g in related_of(term)}


def term_weights(all_terms: list[list[str]]) -> list[list[float]]:
    return [list(row) for row in _term_weights(tuple(tuple(t) for t in all_terms))]


@lru_cache(maxsize=256)
def _term_weights(all_terms: tuple[tuple[str, ...], ...]) -> tuple[tuple[float, ...], ...]:
    """Inverse frequency over the marked claims: ideas shared by many claims (the topic: "phones",
    "devices", "pupils") tell the claims apart less than words only one claim uses ("bullying").
    Counting by concept, not by word, keeps "teenagers" from looking rare when others say "students"."""
    n = len(all_terms)
    keys = [[concept_keys(t) for t in terms] for terms in all_terms]
    claims_with: dict = {}
    for c, row in enumerate(keys):
        for key in set().union(*row) if row else ():
            claims_with.setdefault(key, set()).add(c)
    weights = []
    for terms, row in zip(all_terms, keys, strict=True):
        ws = []
        for t, k in zip(terms, row, strict=True):
            df = len(set().union(*(claims_with[x] for x in k)))
            idf = math.log((1 + n) / df) if df else 1.0   # a word in every claim weighs ~0.1
            w = idf ** IDF_POWER
            ws.append(w * (WEAK_WEIGHT if t in weak_words() else 1.0))
        weights.append(tuple(ws))
    return tuple(weights)


@dataclass
class ClaimMatch:
    per_sentence: dict[int, dict[int, Match]]   # sentence -> claim term number -> match
    total: float                                # the claim's weight that counts as a full match
    weights: list[float]
    single: dict[int, float] = None             # sentence -> strength of that sentence alone

    def __post_init__(self):
        self.single = {sid: self._alone(found) for sid, found in self.per_sentence.items()}

    def _alone(self, found: dict[int, Match]) -> float:
        """strength() of one sentence, without building the match list (this runs for every pair)."""
        if len(found) == 1:
            ((ti, (quality, _, _)),) = found.items()
            value = quality * self.weights[ti]
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


def match_claim(terms: list[str], weights: list[float], speech: Speech, top_weight: float) -> ClaimMatch:
    """top_weight is what a word used by one claim only weighs: a full match needs the worth of at least
    MIN_FULL_TERMS such words, so a claim made of topic words ("schools", "pupils") is not fully matched
    by any text on the topic."""
    per_sentence: dict[int, dict[int, Match]] = {}
    for ti, term in enumerate(terms):
        for sid, match in match_term(term, speech.index).items():
            per_sentence.setdefault(sid, {})[ti] = match
    return ClaimMatch(per_sentence, FULL_MATCH_SHARE * max(sum(weights), MIN_FULL_TERMS * top_weight), weights)


def align(matches: list[ClaimMatch], weights: list[list[float]], speech: Speech) -> list[list[int]]:
    """Sentences that make up each claim's answer in a speech (see the module docstring)."""
    count = len(speech.sentences)
    single = [[m.single.get(sid, 0.0) for sid in range(count)] for m in matches]
    owners: list[list[int]] = []
    for sid in range(count):
        best = max((row[sid] for row in single), default=0.0)
        owners.append([c for c, row in enumerate(single)
                       if row[sid] >= M_ANCHOR and row[sid] >= ANCHOR_RATIO * best])
    blocks: list[list[int]] = [[] for _ in matches]
    for sid in range(count):
        claims = owners[sid] or _continued(sid, owners, speech)
        for c in claims:
            blocks[c].append(sid)
    speech.owned = {sid for sid in range(count) if owners[sid]}
    return blocks


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


def _row_block(match: ClaimMatch, speech: Speech) -> list[int]:
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
                if found[0] > best[0]:
                    best = found
    return best


@dataclass
class Judgement:
    coverage: float
    verdict: str
    moves: list[str]
    evidence: bool
    echo: bool
    new_words: int
    strength: float
    move_strength: float
    reasoned: bool


@lru_cache(maxsize=2048)
def _claim_cues(claim_text: str) -> frozenset[str]:
    """Cue phrases the claim itself uses (cached: claims stay put while the student types)."""
    return frozenset(h.phrase for h in find_cues(claim_text))


def _names_claim(matched: dict[int, Match], terms: list[str], weights: list[float], top: float,
                 m: float) -> bool:
    """One shared word is usually a coincidence and two a reference, if one of them is distinctive (not
    a topic word every claim shares). A single repeated distinctive word names a short claim when it
    alone reaches the rebuttal match ("bullying" in "phones fuel bullying")."""
    distinctive = [ti for ti in matched if weights[ti] >= DISTINCTIVE * top]
    if len(matched) >= min(2, len(terms)) and distinctive:
        return True
    return m >= M_REBUT and any(matched[ti][2] in LITERAL for ti in distinctive)


def _key_word(matched: dict[int, Match], weights: list[float]) -> bool:
    """A repeated word that is among the claim's most distinctive ones ("As for lunch breaks, ...")."""
    top = max(weights, default=0.0)
    return any(how in LITERAL and weights[ti] >= 0.8 * top for ti, (_, _, how) in matched.items())


def judge(m: float, matched: dict[int, Match], terms: list[str], weights: list[float], claim_text: str,
          speech: Speech, block: list[int], claim_stems: frozenset[str], top: float,
          can_rebut: bool = True, in_row: bool = False) -> Judgement:
    """claim_stems: words of all the marked claims; repeating any of them is not new content.
    in_row: a flow-sheet answer, written in the claim's own row, which names the claim by its place: it
    need not repeat the claim's words, only stay on its topic."""
    claim_cues = _claim_cues(claim_text)
    hits = [h for sid in block for h in speech.sentences[sid].hits]
    move_s, moves = move_strength(hits, exclude=claim_cues)
    evidence = any(speech.sentences[sid].evidence for sid in block)
    used = claim_stems | {stem(match[1]) for match in matched.values()}
    sentences = [speech.sentences[sid] for sid in block]
    new = frozenset().union(*(s.strong_stems for s in sentences)) - used
    novelty = len(new) / max(1, len(frozenset().union(*(s.stems for s in sentences))))
    echo = m >= M_TOUCH and move_s < 1.0 and (novelty < 0.5 or len(new) < MIN_NEW_WORDS)
    answer = 0.45 * min(1.0, move_s / 1.5) + 0.40 * min(1.0, len(new) / 20) + 0.15 * evidence
    raw = m * (0.3 + 0.7 * answer)
    named = in_row or _names_claim(matched, terms, weights, top, m)
    rebut_at, touch_at = (M_TOUCH, M_FAINT) if in_row else (M_REBUT, M_TOUCH)
    literal_weight = sum(q * weights[ti] for ti, (q, _, how) in matched.items() if how in LITERAL)
    literal = min(1.0, literal_weight / (FULL_MATCH_SHARE * sum(weights))) if weights else 0.0
    reasoned = has_reason(hits, moves, evidence, claim_cues) or len(new) >= LONG_ANSWER_WORDS
    if can_rebut and m >= rebut_at and named and move_s >= 1.0 and reasoned and len(new) >= MIN_NEW_WORDS:
        verdict, coverage = "rebutted", 0.5 + 0.5 * min(1.0, max(0.0, (raw - 0.2) / 0.7))
    elif in_row and block and (m >= M_FAINT or (move_s >= 1.0 and len(new) < MIN_NEW_WORDS)):
        # on the claim's topic, or a bare objection ("Not true.") in its row; an off-topic paragraph
        # with objections in it is neither
        verdict, coverage = "touched", 0.2 + 0.29 * min(1.0, m / 0.9)
    elif m >= touch_at and (named or _key_word(matched, weights)) and (literal > 0 or m >= M_REBUT):
        # Ranked by how plainly the claim is referred to: a repeated word is surer than a related one,
        # and moves aimed at no clear claim mean little.
        verdict, coverage = "touched", 0.2 + 0.29 * min(1.0, (0.3 * m + 0.7 * literal) / 0.9)
    else:
        verdict, coverage = "missed", 0.0 if m < M_FAINT else 0.19 * min(1.0, m / M_TOUCH)
    return Judgement(round(coverage, 4), verdict, moves, evidence, echo, len(new), m, move_s, reasoned)


def feedback(j: Judgement, claim_text: str) -> str:
    """One sentence the student can act on."""
    quote = " ".join(claim_text.split()[:8]) + ("…" if len(claim_text.split()) > 8 else "")
    if j.verdict == "missed":
        return f"Dropped: nothing answers “{quote}” — name it and say why it fails."
    if j.verdict == "touched":
        if j.echo and j.move_strength < 1.0:
            return "You repeat this claim without answering it: deny it, counter it with evidence, or turn it."
        if j.move_strength >= 1.0 and not j.reasoned:
            return "You object but give no reason: say why it is wrong, with an example or evidence."
        if j.strength < M_REBUT and j.move_strength >= 1.0:
            return "Your answer is only loosely tied to this claim: refer to it directly, then answer it."
        if j.move_strength < 1.0:
            return "You mention this claim but never push back: add a denial, a counter-example or evidence."
        return "One line is not an answer: explain why it fails and back it with an example or evidence."
    names = ", ".join(MOVE_LABELS.get(m, m) for m in j.moves) or "answer"
    if not j.evidence:
        return f"Rebutted ({names}); add a number, a source or an example to make it stick."
    return f"Well answered ({names}, with evidence); now say why your answer outweighs the claim."


def _score_claim(claim: dict, terms, weights, match: ClaimMatch, speech: Speech, block: list[int],
                 claim_stems: frozenset[str], top: float, in_row: bool = False) -> dict:
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
    j = judge(m, matched, terms, weights, text, speech, judged, claim_stems, top,
              can_rebut=not unanchored, in_row=in_row)
    spans = [[speech.sentences[s].start, speech.sentences[s].end] for s in block] if j.verdict != "missed" else []
    return {
        "id": claim.get("id"),
        "coverage": j.coverage,
        "verdict": j.verdict,
        "sentences": spans,
        "matched": [[terms[ti], match[1], match[2]] for ti, match in sorted(matched.items())],
        "moves": j.moves if j.verdict != "missed" else [],
        "evidence": j.evidence and j.verdict != "missed",
        "feedback": feedback(j, text),
        "echo": j.echo,
        "match": round(j.strength, 4),   # extra keys: how plainly the claim is referred to, and new words
        "new_words": j.new_words,
    }


def score(claims: list[dict], rebuttal: str | None = None, answers: dict[str, str] | None = None) -> dict:
    """Score every claim. Speech mode: one rebuttal text; flow-sheet mode: answers by claim id."""
    claims = [c for c in (claims or []) if isinstance(c, dict)]
    all_terms = [claim_terms(str(c.get("text") or "")) for c in claims]
    weights = term_weights(all_terms)
    for claim, terms, row in zip(claims, all_terms, weights, strict=True):
        setting = setting_terms(str(claim.get("text") or ""))
        for ti, term in enumerate(terms):
            if term in setting:
                row[ti] *= SETTING_WEIGHT
    top = math.log(1 + len(claims)) ** IDF_POWER if claims else 1.0
    stems = frozenset(k for terms in all_terms for t in terms for k in stem_keys(t))
    results = []
    if answers is not None:
        for claim, terms, w in zip(claims, all_terms, weights, strict=True):
            speech = prepare(str(answers.get(claim.get("id")) or ""))
            match = match_claim(terms, w, speech, top)
            block = _row_block(match, speech)
            results.append(_score_claim(claim, terms, w, match, speech, block, stems, top, in_row=True))
    else:
        speech = prepare(rebuttal or "")
        matches = [match_claim(t, w, speech, top) for t, w in zip(all_terms, weights, strict=True)]
        blocks = align(matches, weights, speech)
        for claim, terms, w, match, block in zip(claims, all_terms, weights, matches, blocks, strict=True):
            results.append(_score_claim(claim, terms, w, match, speech, block, stems, top))
    return {"scorer_version": SCORER_VERSION, **summary(results), "claims": results}


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
