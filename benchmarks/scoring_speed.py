"""Scorer speed: 40 claims against rebuttals of 500, 1,500 and 5,000 words, in process.

    .venv/bin/python benchmarks/scoring_speed.py

Prints the median of 20 runs for each length (after one warm-up call that loads the lexicons), the
ratio of each median to the 500-word one (to compare with the x3 and x10 of the lengths), the speed of
the public sentence splitter with Punkt trained on the text, and peak memory of one scoring call
(tracemalloc). Two cases: "typing" (each run changes one word, as when a student types, so unchanged
sentences come from the sentence cache) and "cold" (caches cleared before each run).
Target: <= 20 ms for 1,500 words, growing no worse than linearly.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from rebuttal_lab.nlp.scoring import clear_text_caches, score  # noqa: E402
from rebuttal_lab.nlp.segment import sentence_spans  # noqa: E402

RUNS = 20
LENGTHS = (500, 1500, 5000)
GLUE = ["the", "a", "of", "to", "and", "in", "that", "is", "not", "but", "because", "so", "this", "it", "for", "with", "on", "are", "was", "they", "we", "be", "by"]
OPENERS = ["However,", "For example,", "In fact,", "Granted,", "Moreover,", "Studies show that", "This is not"]


def vocabulary() -> list[str]:
    """3,000 real words (from the synonym lexicon), drawn with Zipf's law below, as in natural text."""
    path = ROOT / "resources" / "lexicon" / "synonyms.txt"
    words = sorted({w for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
                    for w in line.split()})
    return random.Random(1).sample(words, 3000)


VOCAB = vocabulary()
ZIPF = [1.0 / (rank + 1) for rank in range(len(VOCAB))]


def content(rng: random.Random, n: int) -> list[str]:
    return rng.choices(VOCAB, weights=ZIPF, k=n)


def make_text(words: int, rng: random.Random) -> str:
    """A speech of about `words` words: sentences of 12-25 words, half of them content words drawn with
    Zipf's law, paragraphs of 5 sentences, numbers now and then."""
    out, count, sentence_no = [], 0, 0
    while count < words:
        n = rng.randint(12, 25)
        picks = content(rng, n)
        body = [picks[i] if rng.random() < 0.5 else rng.choice(GLUE) for i in range(n)]
        if rng.random() < 0.3:
            body[rng.randrange(n)] = str(rng.randint(2, 95)) + "%"
        sentence = rng.choice(OPENERS) + " " + " ".join(body) + "."
        out.append(sentence + ("\n\n" if sentence_no % 5 == 4 else " "))
        count += n + 2
        sentence_no += 1
    return "".join(out).strip()


def make_claims(rng: random.Random, n: int = 40) -> list[dict]:
    """Claims of 8-22 words, half content words from the same distribution as the speech, each with a
    context of 30 words (the article sentences around it, as the app passes them)."""
    claims = []
    for i in range(n):
        k = rng.randint(8, 22)
        text, context = (" ".join(p if rng.random() < 0.5 else rng.choice(GLUE) for p in content(rng, size))
                         for size in (k, 30))
        claims.append({"id": f"C{i}", "text": text, "context": context})
    return claims


def median_ms(fn, texts: list[str]) -> tuple[float, float]:
    """(wall, CPU) medians in ms. CPU time is shown too because the machine may be shared: wall time
    then includes waiting for a core, CPU time only our own work."""
    walls, cpus = [], []
    for text in texts:
        wall, cpu = time.perf_counter(), time.process_time()
        fn(text)
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def variants(text: str, rng: random.Random) -> list[str]:
    """RUNS versions of text, each with one word changed, so no cache can serve a run."""
    words = text.split(" ")
    out = []
    for i in range(RUNS):
        copy = list(words)
        copy[rng.randrange(len(copy))] = f"edit{i}"
        out.append(" ".join(copy))
    return out


def cold_score(claims, article):
    def run(text):
        clear_text_caches()
        score(claims, rebuttal=text, article=article)
    return run


def main() -> int:
    rng = random.Random(7)
    claims = make_claims(rng)
    article = make_text(700, rng)   # the article the claims were marked in (its topic words weigh less)
    score(claims, rebuttal=make_text(200, rng), article=article)   # warm-up: lexicons load once per process
    print(f"score(): 40 claims, median of {RUNS} runs (load average {os.getloadavg()[0]:.1f})")
    print("  typing: each run is the same text with one word changed (unchanged sentences are cached)")
    print("  cold:   each run clears the sentence and paragraph caches first, as for a pasted text (word-level\n"
          "          caches such as stems stay warm, as in a running app)")
    for mode in ("typing", "cold"):
        medians = {}
        for words in LENGTHS:
            texts = variants(make_text(words, rng), rng)
            fn = (cold_score(claims, article) if mode == "cold"
                  else (lambda t: score(claims, rebuttal=t, article=article)))
            if mode == "typing":
                score(claims, rebuttal=texts[0], article=article)   # the text before the first keystroke
            medians[words] = median_ms(fn, texts)
        for kind, k in (("wall", 0), ("CPU", 1)):
            base = medians[LENGTHS[0]][k]
            cells = "  ".join(f"{w:>5} words {medians[w][k]:6.2f} ms (x{medians[w][k] / base:4.2f})"
                              for w in LENGTHS)
            linear = all(medians[w][k] / base <= 1.15 * w / LENGTHS[0] for w in LENGTHS[1:])
            print(f"  {mode:>6} {kind:>4}: {cells}  | 1,500 <= 20 ms: {medians[1500][k] <= 20};"
                  f" linear or better: {linear}")
    texts = variants(make_text(1500, rng), rng)
    wall, cpu = median_ms(sentence_spans, texts)
    print(f"sentence_spans(learn=True), 1,500 words: {wall:.2f} ms wall, {cpu:.2f} ms CPU")
    tracemalloc.start()
    score(claims, rebuttal=make_text(5000, rng), article=article)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"peak memory of one 5,000-word call: {peak / 1024 / 1024:.1f} MiB (lexicons already loaded)")
    return 0


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    sys.exit(main())
