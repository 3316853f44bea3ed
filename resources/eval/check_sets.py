#!/usr/bin/env python3
"""Sanity checks for the labelled evaluation sets in this folder.

For every *_labelled.json: the article file exists, every claim quote occurs exactly once
in the article, claim and rebuttal ids are unique, and every label names an existing claim
and is 1 or 2. Also prints counts (claims, rebuttals, labels per value, word counts).
Usage: python3 check_sets.py [set.json ...]   (exit status 1 on any error)
"""
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def check(path):
    errors = []
    data = json.load(open(path, encoding="utf-8"))
    art_path = os.path.join(os.path.dirname(path), data["article"])
    if not os.path.exists(art_path):
        return [f"article {data['article']} missing"], None
    article = open(art_path, encoding="utf-8").read()
    claim_ids = [c["id"] for c in data["claims"]]
    reb_ids = [r["id"] for r in data["rebuttals"]]
    for ids, kind in ((claim_ids, "claim"), (reb_ids, "rebuttal")):
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            errors.append(f"duplicate {kind} ids: {sorted(dup)}")
    if set(claim_ids) & set(reb_ids):
        errors.append(f"ids shared by claims and rebuttals: {sorted(set(claim_ids) & set(reb_ids))}")
    for c in data["claims"]:
        n = article.count(c["quote"])
        if n != 1:
            errors.append(f"claim {c['id']}: quote occurs {n} times in article")
    counts = {1: 0, 2: 0}
    for r in data["rebuttals"]:
        for cid, lab in r["labels"].items():
            if cid not in claim_ids:
                errors.append(f"rebuttal {r['id']}: label for unknown claim {cid}")
            if lab not in (1, 2) or isinstance(lab, bool):
                errors.append(f"rebuttal {r['id']}: label {cid}={lab!r} is not 1 or 2")
            else:
                counts[lab] += 1
    pairs = len(claim_ids) * len(reb_ids)
    words = [len(r["text"].split()) for r in data["rebuttals"]]
    stats = (f"{os.path.basename(path)}: article {len(article.split())} words, "
             f"{len(claim_ids)} claims, {len(reb_ids)} rebuttals ({min(words)}-{max(words)} words), "
             f"labels 2={counts[2]} 1={counts[1]}, labelled pairs {counts[1] + counts[2]}/{pairs} "
             f"({(counts[1] + counts[2]) / pairs:.0%})")
    return errors, stats


def main(argv):
    paths = argv[1:] or sorted(glob.glob(os.path.join(HERE, "*_labelled.json")))
    bad = False
    for p in paths:
        errors, stats = check(p)
        if stats:
            print(stats)
        for e in errors:
            bad = True
            print(f"  ERROR {os.path.basename(p)}: {e}")
    print("FAILED" if bad else "all checks passed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
