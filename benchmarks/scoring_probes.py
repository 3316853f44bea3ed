"""How the scorer's verdicts move when rebuttals are rewritten the way students also write.

The labelled rebuttals were written to a plan; students write the same answers with a courtesy opening, a
bare stance first, one paragraph per sentence, no signposts... Each probe rewrites the rebuttals that answer
claims (the two paraphrases, the counter-evidence, the signposted speech and the short answer of each set) and
prints, for the claims labelled 2 and rebutted before the rewrite, how many are no longer rebutted (lost), and
for the claims labelled 0 or 1, how many the rewrite makes rebutted (gained). A rule that trips on a rewrite
shows here before a student meets it. Development sets only, unless --held-out.

    .venv/bin/python benchmarks/scoring_probes.py [--held-out] [--show N] [PROBE ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "desktop"), str(ROOT / "benchmarks")]

from rebuttal_lab.nlp.segment import sentence_spans  # noqa: E402
from rebuttal_lab.services.practice import score_claims  # noqa: E402
from scoring_quality import held_out, labelled_sets, placed_claims  # noqa: E402

ANSWERING = {1, 2, 8, 9, 10}   # rebuttal numbers in the writers' plan that answer claims (resources/eval/README.md)
_SIGNPOST = re.compile(r"(^|(?<=[.!?] ))(?:First|Firstly|Second|Secondly|Third|Thirdly|Finally|Lastly|Next),\s+(\w)")


def _one_per_paragraph(text: str) -> str:
    return "\n\n".join(text[a:b] for a, b in sentence_spans(text, learn=False))


def _one_per_line(text: str) -> str:
    return "\n".join(text[a:b] for a, b in sentence_spans(text, learn=False))


def _listed(text: str, mark) -> str:
    """Each sentence a list item of its own line, marked by mark(n) ("-", "1.")."""
    spans = sentence_spans(text, learn=False)
    return "\n".join(f"{mark(n)} {text[a:b]}" for n, (a, b) in enumerate(spans, 1))


def _unsignposted(text: str) -> str:
    return _SIGNPOST.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def _slips(text: str) -> str:
    """Every fifth word of six letters or more with two inner letters swapped ("becuase", "goverment")."""
    count = 0

    def swap(match: re.Match) -> str:
        nonlocal count
        count += 1
        word = match.group(0)
        return word if count % 5 else word[:2] + word[3] + word[2] + word[4:]

    return re.sub(r"[A-Za-z]{6,}", swap, text)


PROBES = {
    "courtesy": lambda t: "Thank you, chair. " + t,
    "bare-stance": lambda t: "I think this proposal is a mistake. " + t,
    "courtesy-stance": lambda t: "Thank you, chair. I oppose this motion. " + t,
    "closing-stance": lambda t: t + " For all these reasons, I oppose the motion.",
    "final-stance": lambda t: t + " So I think this proposal is a mistake.",
    "good-points": lambda t: "The writer makes some good points, but I still disagree. " + t,
    "line-per-sentence": _one_per_line,
    "bullets": lambda t: _listed(t, lambda n: "-"),
    "numbered": lambda t: _listed(t, lambda n: f"{n}."),
    "no-full-stops": lambda t: re.sub(r"\.(\s|$)", r"\1", t),
    "paragraph-per-sentence": _one_per_paragraph,
    "no-signposts": _unsignposted,
    "my-opponent": lambda t: re.sub(r"\b[Tt]he (?:writer|author)\b", "my opponent", re.sub(r"\b[Tt]he article\b", "my opponent's case", t)),
    "lower-case": str.lower,
    "no-apostrophes": lambda t: t.replace("'", "").replace("\u2019", ""),
    "cos-for-because": lambda t: re.sub(r"\bbecause\b", "cos", t),
    "spelling-slips": _slips,
}


def probe(name: str, sets: list[Path], show: int) -> tuple[int, int, int]:
    rewrite, kept, lost, gained, shown = PROBES[name], 0, 0, 0, 0
    for path in sets:
        data = json.loads(path.read_text(encoding="utf-8"))
        article = (path.parent / data["article"]).read_text(encoding="utf-8")
        claims = placed_claims(data, article)
        for rebuttal in data["rebuttals"]:
            number = re.search(r"(\d+)$", rebuttal["id"])
            text = rebuttal["text"]
            if not number or int(number.group(1)) not in ANSWERING or rewrite(text) == text:
                continue
            before = score_claims(claims, text, None, article)["claims"]
            after = score_claims(claims, rewrite(text), None, article)["claims"]
            for old, new in zip(before, after, strict=True):
                label = int(rebuttal.get("labels", {}).get(old["id"], 0))
                moved = None
                if label == 2 and old["verdict"] == "rebutted":
                    kept += new["verdict"] == "rebutted"
                    if new["verdict"] != "rebutted":
                        lost, moved = lost + 1, "lost"
                elif label < 2 and old["verdict"] != "rebutted" and new["verdict"] == "rebutted":
                    gained, moved = gained + 1, "gained"
                if moved and shown < show:
                    shown += 1
                    print(f"    {moved}: {path.name[:-14]} {rebuttal['id']} {old['id']} (label {label}) -> "
                          f"{new['verdict']}")
    return kept + lost, lost, gained


def main(argv: list[str]) -> int:
    options = _options(argv)
    sets = [p for p in labelled_sets() if held_out(p) == options.held_out]
    print(f"{len(sets)} {'held-out' if options.held_out else 'development'} sets; rebuttals "
          f"{', '.join(map(str, sorted(ANSWERING)))} of each")
    for name in options.probes or list(PROBES):
        before, lost, gained = probe(name, sets, options.show)
        print(f"{name:<24} label-2 pairs rebutted {before:>4}, lost {lost:>4}; label-0/1 pairs newly rebutted "
              f"{gained:>4}")
    return 0


def _options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("probes", nargs="*", metavar="PROBE", help=f"some of: {', '.join(PROBES)} (default: all)")
    parser.add_argument("--held-out", action="store_true", help="probe the held-out sets (measure, never tune)")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print the first N pairs that move")
    options = parser.parse_args(argv)
    unknown = [name for name in options.probes if name not in PROBES]
    if unknown:
        parser.error(f"unknown probe {unknown[0]!r}; choose from {', '.join(PROBES)}")
    return options


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
