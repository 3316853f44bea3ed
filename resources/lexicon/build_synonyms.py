"""Dev-time only: derive the compact synonym groups in synonyms.txt from a local WordNet 3.0 database.

    apt-get install wordnet-base      # puts the database under /usr/share/wordnet
    python resources/lexicon/build_synonyms.py [/usr/share/wordnet]

The app never needs WordNet itself: it reads the small text file this writes. To keep the file small and
the matches safe we keep only the leading senses of words seen in WordNet's sense-tagged corpus, plus the
first sense of untagged words that have at most two senses, so "bank" links to "depository" but not to
"slope" or "array", while rare but unambiguous words ("truce", "ceasefire") keep their synonyms.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
MAX_SENSES = {"n": 1, "v": 1, "a": 1, "r": 1}   # senses per word that may link it to others
WORD = re.compile(r"^[a-z]{3,}$")
OUT = Path(__file__).with_name("synonyms.txt")
IRREGULAR = Path(__file__).with_name("irregular.txt")


def clean(lemma: str) -> str | None:
    """WordNet writes 'cease-fire' and 'cease_fire'; we compare single lowercase words, so join them."""
    word = lemma.lower().replace("-", "")
    return word if WORD.match(word) else None


def main_senses(index_file: Path, pos: str, common: set[str]) -> dict[str, list[str]]:
    """lemma -> offsets of its leading senses; lemmas seen in the tagged corpus are added to `common`."""
    senses: dict[str, list[str]] = {}
    for line in index_file.read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # licence header
        parts = line.split()
        lemma, synset_cnt, p_cnt = parts[0], int(parts[2]), int(parts[3])
        tagged = int(parts[5 + p_cnt])
        offsets = parts[6 + p_cnt:6 + p_cnt + synset_cnt]
        word = clean(lemma)
        if not word:
            continue
        if tagged > 0:
            keep = max(1, min(tagged, MAX_SENSES[pos]))
            common.add(word)
        elif synset_cnt <= 2 and len(word) >= 5:
            keep = 1  # untagged but nearly unambiguous ("truce", "ceasefire"): its first sense is safe
        else:
            continue
        senses.setdefault(word, []).extend(f"{pos}{o}" for o in offsets[:keep])
    return senses


def build(wordnet_dir: Path) -> tuple[list[list[str]], set[str]]:
    """(synonym groups, common words)."""
    members: dict[str, set[str]] = defaultdict(set)
    common: set[str] = set()
    for pos, name in POS_FILES.items():
        for word, offsets in main_senses(wordnet_dir / f"index.{name}", pos, common).items():
            for offset in offsets:
                members[offset].add(word)
    # a group of rare words only would never be typed by a student; skipping them halves the file
    groups = {tuple(sorted(words)) for words in members.values()
              if 2 <= len(words) <= 12 and words & common}
    return sorted(list(g) for g in groups), common


def irregular_forms(wordnet_dir: Path, vocabulary: set[str]) -> list[tuple[str, str]]:
    """(form, base) from WordNet's exception lists, for bases we keep: "rose rise", "children child"."""
    pairs = set()
    for name in ("noun", "verb", "adj"):
        for line in (wordnet_dir / f"{name}.exc").read_text(encoding="latin-1").splitlines():
            parts = line.split()
            if len(parts) >= 2 and WORD.match(parts[0]) and parts[1] in vocabulary and parts[0] != parts[1]:
                pairs.add((parts[0], parts[1]))
    return sorted(pairs)


def main() -> None:
    wordnet_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    groups, common = build(wordnet_dir)
    write_groups(groups)
    vocabulary = common | {w for g in groups for w in g}
    irregular = irregular_forms(wordnet_dir, vocabulary)
    IRREGULAR.write_text("# Irregular forms and their base word, from WordNet 3.0's exception lists"
                         " (see WORDNET_LICENSE.txt).\n" + "\n".join(f"{a} {b}" for a, b in irregular) + "\n",
                         encoding="utf-8")
    print(f"{len(irregular)} irregular forms -> {IRREGULAR}")


def write_groups(groups: list[list[str]]) -> None:
    header = ("# Synonym groups derived from WordNet 3.0 by build_synonyms.py (common words, leading senses).\n"
              "# One group per line. WordNet licence: see WORDNET_LICENSE.txt beside this file.\n")
    OUT.write_text(header + "\n".join(" ".join(g) for g in groups) + "\n", encoding="utf-8")
    print(f"{len(groups)} groups, {OUT.stat().st_size // 1024} KB -> {OUT}")


if __name__ == "__main__":
    main()
