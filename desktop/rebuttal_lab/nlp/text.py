"""Tokens with offsets, normalisation and stemming: the shared ground of matching, cues and suggestions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer

# A word: letters/digits, allowing inner apostrophes and hyphens ("don't", "phone-free", "2.5"). A number
# written against its unit is two words, so "20mph" and "£2bn" name the same figure as "20 mph" and "2 bn".
WORD = re.compile(r"\d+(?:\.\d+)?(?=[^\W\d_])|[^\W_]+(?:[-'’.][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_NON_WORD = re.compile(r"[^\w']+")

_stemmer = SnowballStemmer("english")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Snowball stem of a lower-case word; cached because the same words recur while a student types."""
    return _stemmer.stem(word) if word.isalpha() else word


@lru_cache(maxsize=50_000)
def stem_keys(word: str) -> tuple[str, ...]:
    """The stem plus stems of the word with an -er/-est ending removed, so "simpler" meets "simple" and
    "teacher" meets "teach". Only for longer words, where such endings are rarely part of the root."""
    keys = [stem(word)]
    if len(word) >= 6 and word.isalpha():
        for ending, repl in (("iest", "y"), ("iers", "y"), ("ier", "y"), ("est", ""), ("ers", ""), ("er", "")):
            if word.endswith(ending):
                base = word[: -len(ending)] + repl
                keys += [stem(base), stem(base + "e")]
                break
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=50_000)
def lemma_candidates(word: str) -> tuple[str, ...]:
    """Plausible dictionary forms of an inflected word, for looking it up in the synonym lexicon."""
    forms = [word]
    if len(word) > 3:
        if word.endswith("ies"):
            forms.append(word[:-3] + "y")
        if word.endswith("es"):
            forms.append(word[:-2])
        if word.endswith("s") and not word.endswith("ss"):
            forms.append(word[:-1])
        if word.endswith("ied"):
            forms.append(word[:-3] + "y")
        if word.endswith("ed"):
            forms += [word[:-2], word[:-1]]
            if len(word) > 5 and word[-3] == word[-4]:
                forms.append(word[:-3])  # "banned" -> "ban"
        if word.endswith("ing"):
            forms += [word[:-3], word[:-3] + "e"]
            if len(word) > 6 and word[-4] == word[-5]:
                forms.append(word[:-4])  # "stopping" -> "stop"
    return tuple(dict.fromkeys(forms))


def fold(text: str) -> str:
    """Typographic quotes to plain ones; lengths are kept so offsets stay valid."""
    return text.translate(_APOSTROPHES)


def normalise(text: str) -> str:
    """Lower case, punctuation to single spaces: the form cue phrases are matched against."""
    return " " + _NON_WORD.sub(" ", fold(text).lower()).strip() + " "


@dataclass(frozen=True, slots=True)
class Token:
    text: str    # as written (case folded)
    start: int
    end: int


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of text[start:end] with absolute offsets."""
    end = len(text) if end is None else end
    folded = fold(text[start:end]).lower()
    return [Token(m.group(), start + m.start(), start + m.end()) for m in WORD.finditer(folded)]


def words(text: str) -> list[str]:
    """Just the lower-case word strings of a text (no offsets): the fast path for indexing."""
    return WORD.findall(fold(text).lower())


def word_forms(token: str, joined: bool = True) -> list[str]:
    """The words a token stands for: "phone-free" gives "phone", "free" and "phonefree"; "don't" -> "don't"."""
    word = token.strip("'.").replace("'s", "") if token.endswith("'s") else token.strip("'.")
    if "-" not in word:
        return [word] if word else []
    parts = [p for p in word.split("-") if p]
    return parts + ["".join(parts)] if joined else parts
