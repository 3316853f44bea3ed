"""How far the scorer is from a careful reader: a second, blind labelling beside the first.

    .venv/bin/python benchmarks/label_agreement.py

resources/eval/second_labels/<set>.json holds labels written for the same articles, claims and rebuttals by a
second labeller who saw neither the first labels nor the scorer (resources/eval/README.md). Per set this
prints the agreement of the two labellings (F1 on label 2, and Cohen's kappa over 0/1/2) and the F1 of the
scorer's "rebutted" verdict against each, so the scorer's verdict F1 can be read against what a second
reader reaches on the same pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from rebuttal_lab.services.practice import score_claims  # noqa: E402
from scoring_quality import labelled_sets, placed_claims  # noqa: E402

SECOND = ROOT / "resources" / "eval" / "second_labels"


def f1(found: set, wanted: set) -> float:
    """F1 of two sets of pairs (symmetric: either may be taken as the truth)."""
    return 2 * len(found & wanted) / (len(found) + len(wanted)) if found or wanted else 1.0


def kappa(first: list[int], second: list[int]) -> float:
    """Cohen's kappa: agreement beyond what the two labellings' label shares give by chance."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    chance = sum(first.count(k) * second.count(k) for k in (0, 1, 2)) / (n * n)
    return (observed - chance) / (1 - chance) if chance < 1 else 1.0


def compare(path: Path, second: dict) -> tuple[list[int], list[int], set, set, set]:
    """Both labellings of every pair, and the pairs each labelling and the scorer call rebutted."""
    data = json.loads(path.read_text(encoding="utf-8"))
    article = (path.parent / data["article"]).read_text(encoding="utf-8")
    claims = placed_claims(data, article)
    first_labels, second_labels, rebutted = [], [], set()
    for r in data["rebuttals"]:
        for c in score_claims(claims, r["text"], None, article)["claims"]:
            first_labels.append(int(r.get("labels", {}).get(c["id"], 0)))
            second_labels.append(int(second.get(r["id"], {}).get(c["id"], 0)))
            if c["verdict"] == "rebutted":
                rebutted.add((r["id"], c["id"]))
    pairs = [(r["id"], c["id"]) for r in data["rebuttals"] for c in claims]
    first_two = {p for p, lab in zip(pairs, first_labels, strict=True) if lab == 2}
    second_two = {p for p, lab in zip(pairs, second_labels, strict=True) if lab == 2}
    return first_labels, second_labels, first_two, second_two, rebutted


def main() -> int:
    sets = {p.name.removesuffix("_labelled.json"): p for p in labelled_sets()}
    files = sorted(SECOND.glob("*.json"))
    print(f"{'set':<24}{'labellers F1':>14}{'kappa':>8}{'scorer v first':>16}{'scorer v second':>17}")
    rows = []
    for file in files:
        name = file.stem
        if name not in sets:
            print(f"{name:<24}skipped: no labelled set of that name")
            continue
        try:
            second = json.loads(file.read_text(encoding="utf-8"))["labels"]
            first, other, first_two, second_two, rebutted = compare(sets[name], second)
        except (OSError, KeyError, ValueError) as exc:
            print(f"{name:<24}skipped: {exc}")
            continue
        row = (f1(first_two, second_two), kappa(first, other), f1(rebutted, first_two), f1(rebutted, second_two))
        rows.append(row)
        print(f"{name:<24}{row[0]:>14.3f}{row[1]:>8.3f}{row[2]:>16.3f}{row[3]:>17.3f}")
    if rows:
        means = [sum(col) / len(rows) for col in zip(*rows, strict=True)]
        print(f"{f'mean, {len(rows)} sets':<24}{means[0]:>14.3f}{means[1]:>8.3f}{means[2]:>16.3f}{means[3]:>17.3f}")
    return 0


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    sys.exit(main())
