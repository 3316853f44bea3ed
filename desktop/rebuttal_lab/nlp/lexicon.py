"""The word lists in resources/lexicon, loaded once on first use and cached.

Only plain text and TOML are read: the installed program never needs WordNet, nltk data or a network.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rebuttal_lab.paths import resources_dir

from .text import lemma_candidates, stem


def lexicon_dir() -> Path:
    return resources_dir() / "lexicon"


def _lines(name: str) -> list[str]:
    """Non-comment lines of a word list; a missing file gives an empty list rather than a crash."""
    path = lexicon_dir() / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _words(name: str) -> frozenset[str]:
    return frozenset(word.lower() for line in _lines(name) for word in line.split())


@cache
def stopwords() -> frozenset[str]:
    return _words("stopwords.txt")


@cache
def weak_words() -> frozenset[str]:
    return _words("weak_words.txt")


@cache
def negations() -> frozenset[str]:
    return _words("negations.txt")


@cache
def hedges() -> frozenset[str]:
    return _words("hedges.txt")


@cache
def synonym_groups() -> dict[str, frozenset[int]]:
    """word (base form) -> ids of its WordNet synonym groups."""
    groups: dict[str, set[int]] = {}
    for gid, line in enumerate(_lines("synonyms.txt")):
        for word in line.split():
            groups.setdefault(word, set()).add(gid)
    return {word: frozenset(ids) for word, ids in groups.items()}


@cache
def related_groups() -> dict[str, frozenset[int]]:
    """stem -> ids of the hand-written related-word groups (any inflection of a listed word matches)."""
    groups: dict[str, set[int]] = {}
    for gid, line in enumerate(_lines("related.txt")):
        for word in line.lower().split():
            for part in word.split("-"):
                if part and part not in stopwords():
                    groups.setdefault(stem(part), set()).add(gid)
    return {key: frozenset(ids) for key, ids in groups.items()}


@cache
def irregular() -> dict[str, str]:
    """Irregular inflected form -> base word ("rose" -> "rise", "children" -> "child")."""
    return {parts[0]: parts[1] for parts in (line.split() for line in _lines("irregular.txt")) if len(parts) == 2}


@lru_cache(maxsize=50_000)
def base_forms(word: str) -> tuple[str, ...]:
    """Plausible dictionary forms of a word, irregular ones included."""
    extra = irregular().get(word)
    return lemma_candidates(word) + ((extra,) if extra else ())


@lru_cache(maxsize=50_000)
def synonyms_of(word: str) -> frozenset[int]:
    """Synonym groups of an inflected word: try its plausible base forms ("talks" -> "talk")."""
    table = synonym_groups()
    found: set[int] = set()
    for base in base_forms(word):
        found |= table.get(base, frozenset())
    return frozenset(found)


@lru_cache(maxsize=50_000)
def known_word(word: str) -> bool:
    """True when the word is in the synonym lexicon: then a near miss is a different word, not a slip."""
    table = synonym_groups()
    return word in irregular() or any(base in table for base in base_forms(word))


@dataclass(frozen=True)
class Cue:
    section: str
    phrase: str
    strong: bool


@dataclass
class CueTable:
    """Cue phrases keyed by their words, so a text is scanned once however many cues there are.
    exact: words -> cues; prefixed: all words but the last -> (last word's prefix, cue) for "exaggerat*"."""
    exact: dict[str, list[tuple[tuple[str, ...], Cue]]]       # first word -> (all words, cue)
    prefixed: dict[tuple[str, ...], list[tuple[str, Cue]]]   # multi-word phrases ending in a prefix
    single_prefix: dict[str, list[Cue]]                       # one-word prefixes ("exaggerat")
    longest: int
    single_regex: re.Pattern | None = None                    # finds any one-word prefix in one pass
    grants: frozenset[str] = frozenset()                      # strong cues that need a pivot (cues.toml)


@cache
def _cue_file() -> dict:
    """cues.toml, parsed once; a missing or broken file gives no cues rather than a crash."""
    try:
        return tomllib.loads((lexicon_dir() / "cues.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


@cache
def cues() -> CueTable:
    table = CueTable({}, {}, {}, 1)
    data = _cue_file()
    if not data:
        return table
    sections = dict(data.get("moves", {}))
    sections["evidence"] = data.get("evidence", {})
    sections["reason"] = data.get("reason", {})
    sections["proposal"] = data.get("proposal", {})
    sections["agreement"] = data.get("agreement", {})
    sections["dismissal"] = data.get("dismissal", {})
    table.grants = frozenset(sections.get("concession-then-answer", {}).get("grants", []))
    for name, entry in sections.items():
        for strength in ("strong", "grants", "weak"):
            for phrase in entry.get(strength, []):
                words = tuple(re.sub(r"[^\w*' ]+", " ", phrase.lower()).split())
                if not words:
                    continue
                cue = Cue(name, phrase, strength != "weak")
                table.longest = max(table.longest, len(words))
                if len(words) == 1 and words[0].endswith("*"):
                    stem_ = words[0][:-1]
                    table.single_prefix.setdefault(stem_, []).append(cue)
                elif words[-1].endswith("*"):
                    table.prefixed.setdefault(words[:-1], []).append((words[-1][:-1], cue))
                else:
                    table.exact.setdefault(words[0], []).append((words, cue))
    if table.single_prefix:
        alternatives = "|".join(re.escape(p) for p in sorted(table.single_prefix, key=len, reverse=True))
        table.single_regex = re.compile(r"(?<![\w'])(" + alternatives + r")")
    return table


@cache
def praise_pattern() -> re.Pattern | None:
    """Praise of the article or its writer (cues.toml [agreement]: praised, praise_verbs, praise), within one
    clause of a lower-case sentence; None when the lists are missing."""
    table = _cue_file().get("agreement", {})
    parts = [table.get(key, []) for key in ("praised", "praise_verbs", "praise")]
    if not all(parts):
        return None
    praised, verbs, praise = (_either(p) for p in parts)
    return re.compile(rf"\b{praised}\b[^.;:!?]*?\b{verbs}\b[^.;:!?]*?\b{praise}\b")


@dataclass(frozen=True)
class Signposts:
    """How a speech signposts its sections (the [signposts] table of cues.toml; align.sections)."""
    opens: re.Pattern     # matched at a sentence's start
    stances: re.Pattern   # matched at a sentence's start
    closes: re.Pattern    # matched at a sentence's start
    reports: re.Pattern   # found anywhere in a sentence
    retells: re.Pattern   # the article's point told at a sentence's start: "First, the article says ..."
    previews: re.Pattern  # found anywhere: "I want to take on three of the writer's arguments"
    courtesies: re.Pattern  # matched at a sentence's start: "Thank you, chair."


def _either(phrases: list[str]) -> str:
    """A regex matching any of the phrases as whole words, longest first, any space between words."""
    ordered = sorted({p.lower() for p in phrases if p.strip()}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered) + ")" if ordered else "(?!)"


@cache
def signposts() -> Signposts:
    table = _cue_file().get("signposts", {})
    # an opener written with its comma ("next,") is one only with it: "Next year ..." opens nothing
    with_comma = _either([p[:-1] for p in table.get("opens", []) if p.endswith(",")])
    table = {**table, "opens": [p for p in table.get("opens", []) if not p.endswith(",")]}
    words = {key: _either(table.get(key, [])) for key in
             ("opens", "stances", "lead_ins", "points", "links", "sources", "reporters", "report_verbs", "closes",
              "preview_verbs", "preview_of", "courtesies")}
    says = rf"\s+(?:also\s+)?{words['report_verbs']}\b"   # after who says it: " also points out"
    # "The idea that ...", "The writer's worry that ...", "My opponent's claim that ...": a point of the article,
    # then what it says
    point = rf"(?:{words['sources']}'s?\s+|the\s+){words['points']}\s+{words['links']}"
    opens = (rf"^\W*(?:{words['lead_ins']}\s+)?(?:(?:{words['opens']}|{point}"
             rf"|{words['sources']}{says})\b|{with_comma},)")
    stances = rf"^\W*(?:{words['lead_ins']}\s+)?{words['stances']}\b"
    reports = rf"\b(?:{words['reporters']}|{words['sources']}){says}"
    retells = rf"^\W*(?:(?:{words['lead_ins']}|{words['opens']})\W+)?{words['sources']}{says}"
    previews = rf"\bi\b(?:\s+\S+){{0,4}}?\s+{words['preview_verbs']}\b(?:\s+\S+){{0,8}}?\s+{words['preview_of']}\b"
    return Signposts(re.compile(opens), re.compile(stances), re.compile(rf"^\W*{words['closes']}\b"),
                     re.compile(reports), re.compile(retells), re.compile(previews),
                     re.compile(rf"^\W*{words['courtesies']}\b"))


@cache
def preface_stems() -> frozenset[str]:
    """Stems of the words a speech's preface is made of ("The writer makes some good points, but I still
    disagree."): a first sentence of only these answers no claim (cues.toml [signposts] preface_words)."""
    return frozenset(stem(w) for w in _cue_file().get("signposts", {}).get("preface_words", []))
