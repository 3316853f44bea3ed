"""Scorer quality on every labelled set, side by side with a plain TF-IDF cosine baseline.

    .venv/bin/python benchmarks/scoring_quality.py [--details] [--development | --held-out]

Sets: ../shared/eval (beside the repository; /work/shared/eval as a fallback), resources/eval and the
held-out resources/eval/holdout, each a *_labelled.json with its article file beside it. --development
leaves the held-out sets out (for runs that choose rules), --held-out runs only them. Metrics come from the shared metrics.py, imported from
where it lives. Per set it prints auc_rebutted, auc_touched, spearman, best_f1_rebutted, verdict_f1 (the
scorer's own "rebutted" verdict against label 2) and suggestion recall, for the scorer as the app runs it
(each claim with its context in the article, nlp.context), the scorer given the quotes alone, and TF-IDF.
The last lines give each scorer's mean over the development sets and over the held-out sets.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from rebuttal_lab.io.importers import ImportRefused, read_article  # noqa: E402
from rebuttal_lab.nlp.scoring import SCORER_VERSION  # noqa: E402
from rebuttal_lab.nlp.suggest import suggest_claims  # noqa: E402
from rebuttal_lab.services.practice import score_claims  # noqa: E402

SHARED_CANDIDATES = [ROOT.parent / "shared" / "eval", Path("/work/shared/eval")]
_WORD = re.compile(r"[a-z0-9]+")


def shared_eval_dir() -> Path | None:
    return next((p for p in SHARED_CANDIDATES if (p / "metrics.py").is_file()), None)


def load_metrics(folder: Path):
    spec = importlib.util.spec_from_file_location("shared_eval_metrics", folder / "metrics.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def held_out(path: Path) -> bool:
    """Sets in resources/eval/holdout are measured, never tuned on (their README)."""
    return path.parent.name == "holdout"


def labelled_sets() -> list[Path]:
    found = []
    shared = shared_eval_dir()
    for folder in [shared, ROOT / "resources" / "eval", ROOT / "resources" / "eval" / "holdout"]:
        if folder and folder.is_dir():
            found += sorted(folder.glob("*_labelled.json"))
    return found


# --- TF-IDF cosine baseline: claim against the whole rebuttal ------------------------------------------

def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def tfidf_scores(claims: list[str], rebuttals: list[str]) -> list[list[float]]:
    docs = [Counter(words(t)) for t in claims + rebuttals]
    df = Counter(w for d in docs for w in d)
    n = len(docs)

    def vec(d: Counter) -> dict[str, float]:
        v = {w: c * (math.log((1 + n) / (1 + df[w])) + 1) for w, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {w: x / norm for w, x in v.items()}

    cv = [vec(d) for d in docs[:len(claims)]]
    rv = [vec(d) for d in docs[len(claims):]]
    return [[sum(x * r.get(w, 0.0) for w, x in c.items()) for c in cv] for r in rv]


# --- suggestion recall ------------------------------------------------------------------------------------

def suggestion_recall(article: str, claims: list[str]) -> float:
    """Share of claims found among the top max(10, 2n) suggestions; a suggestion matches a claim when
    more than half of the claim's words occur in it."""
    top = suggest_claims(article, limit=max(10, 2 * len(claims)))
    bags = [set(words(s["text"])) for s in top]
    hits = 0
    for claim in claims:
        cw = set(words(claim))
        if cw and any(len(cw & bag) > len(cw) / 2 for bag in bags):
            hits += 1
    return hits / len(claims) if claims else float("nan")


def placed_claims(data: dict, article: str) -> list[dict]:
    """A set's claims as the app passes them: with where each quote sits in the article, so that
    score_claims finds its context and the motion."""
    return [{"id": c["id"], "text": c["quote"], "start": article.find(c["quote"]),
             "end": article.find(c["quote"]) + len(c["quote"])} for c in data["claims"]]


def evaluate(path: Path, metrics, details: bool = False) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    article = (path.parent / data["article"]).read_text(encoding="utf-8")
    quotes = [{"id": c["id"], "text": c["quote"]} for c in data["claims"]]
    in_article = placed_claims(data, article)
    rebuttals = data["rebuttals"]
    labels = [int(r.get("labels", {}).get(c["id"], 0)) for r in rebuttals for c in quotes]
    baseline = [b for row in tfidf_scores([c["text"] for c in quotes], [r["text"] for r in rebuttals]) for b in row]
    result = {"tfidf": metrics.report(baseline, labels), "pairs": len(labels)}
    for name, claims in (("scorer", in_article), ("quotes", quotes)):
        coverage, verdicts = [], []
        for r in rebuttals:
            for c in score_claims(claims, r["text"], None, article if name == "scorer" else "")["claims"]:
                coverage.append(c["coverage"])
                verdicts.append(c["verdict"] == "rebutted")
                label = int(r.get("labels", {}).get(c["id"], 0))
                if details and name == "scorer" and (label or c["verdict"] != "missed"):
                    print(f"    {r['id']:>4} {c['id']:>4} label={label} {c['verdict']:<8} {c['coverage']:.3f}"
                          f" moves={','.join(c['moves'])} matched={[m[:2] for m in c['matched']]}")
        result[name] = metrics.report(coverage, labels)
        result[name]["verdict_f1"] = metrics.verdict_f1(verdicts, [lab == 2 for lab in labels])
    result["scorer"]["suggest_recall"] = suggestion_recall(article, [c["text"] for c in quotes])
    return result


TARGETS = {"auc_rebutted": 0.93, "spearman": 0.65, "verdict_f1": 0.75, "suggest_recall": 0.80}
COLUMNS = ["auc_rebutted", "auc_touched", "spearman", "best_f1_rebutted", "verdict_f1", "suggest_recall"]


def main(argv: list[str]) -> int:
    options = _options(argv)
    shared = shared_eval_dir()
    if shared is None:
        print("metrics.py not found (looked in ../shared/eval and /work/shared/eval): no figures to print.")
        return 0
    metrics = load_metrics(shared)
    sets = labelled_sets()
    if options.development:     # what a tuning run may look at: never the held-out sets
        sets = [p for p in sets if not held_out(p)]
    elif options.held_out:
        sets = [p for p in sets if held_out(p)]
    print(f"scorer {SCORER_VERSION}; {len(sets)} labelled set(s)")
    print(f"{'set':<36}{'scorer':<8}" + "".join(f"{c:>18}" for c in COLUMNS))
    misses = 0
    rows: dict[tuple[str, bool], list[dict]] = {}
    for path in sets:
        try:
            res = evaluate(path, metrics, details=options.details)
        except (OSError, KeyError, ValueError) as exc:
            print(f"{path.name:<36}skipped: {exc}")
            continue
        for name in ("scorer", "quotes", "tfidf"):
            row = res[name]
            rows.setdefault((name, held_out(path)), []).append(row)
            cells = "".join(f"{row[c]:>18.3f}" if c in row else f"{'-':>18}" for c in COLUMNS)
            print(f"{path.stem if name == 'scorer' else '':<36}{name:<8}{cells}")
        low = [k for k, t in TARGETS.items() if not res["scorer"][k] >= t]
        misses += bool(low)
        print(f"{'':<36}{res['pairs']} pairs; below target: {', '.join(low) or 'none'}")
    for group in (False, True):
        for name in ("scorer", "quotes", "tfidf"):
            found = rows.get((name, group), [])
            if not found:
                continue
            means = {c: sum(r[c] for r in found) / len(found) for c in COLUMNS if c in found[0]}
            cells = "".join(f"{means[c]:>18.3f}" if c in means else f"{'-':>18}" for c in COLUMNS)
            title = f"mean, {len(found)} {'held-out' if group else 'development'} sets" if name == "scorer" else ""
            print(f"{title:<36}{name:<8}{cells}")
    print("scorer: claims with their context in the article, as the app scores them; quotes: the quotes alone")
    print(f"targets: {TARGETS}; sets below a target: {misses}")
    keys = sorted((ROOT / "resources" / "articles" / "keys").glob("*.json"))
    if keys:
        print("suggestion recall on the bundled articles' answer keys (no rebuttals there):")
        for path in keys:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                # the body as the app imports it: without the title, motion and author lines
                article = read_article(path.parent.parent / data["article"]).body
                recall = suggestion_recall(article, [c["quote"] for c in data["claims"]])
            except (OSError, KeyError, ValueError, ImportRefused) as exc:
                print(f"  {path.name:<36}skipped: {exc}")
                continue
            print(f"  {path.stem:<36}{len(data['claims']):>3} claims  recall {recall:.3f}")
    return 0


def _options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="print every labelled or scored pair")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--development", action="store_true", help="leave the held-out sets out")
    which.add_argument("--held-out", action="store_true", help="run only the held-out sets")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
