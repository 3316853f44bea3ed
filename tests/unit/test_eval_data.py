"""The labelled evaluation sets the scorer's figures rest on: a broken quote or a label for a claim that
does not exist would change the printed figures without anyone noticing."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT / "resources" / "eval"
SETS = sorted(EVAL.glob("*_labelled.json")) + sorted((EVAL / "holdout").glob("*_labelled.json"))
SECOND = sorted((EVAL / "second_labels").glob("*.json"))


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_sets = _load("check_sets", EVAL / "check_sets.py")
sys.path.insert(0, str(ROOT / "benchmarks"))
agreement = _load("label_agreement", ROOT / "benchmarks" / "label_agreement.py")


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_every_labelled_set_passes_its_checks(path):
    errors, stats = check_sets.check(str(path))
    assert stats and errors == []


@pytest.mark.parametrize("path", SECOND, ids=lambda p: p.stem)
def test_second_labels_cover_every_rebuttal_of_an_existing_set(path):
    by_name = {p.name.removesuffix("_labelled.json"): p for p in SETS}
    first = by_name.get(path.stem)
    if first is None:   # the shared development set lives beside the repository
        first = ROOT.parent / "shared" / "eval" / f"{path.stem}_labelled.json"
        if not first.is_file():
            pytest.skip(f"{first} is not beside the repository")
    data = json.loads(first.read_text(encoding="utf-8"))
    second = json.loads(path.read_text(encoding="utf-8"))["labels"]
    claims = {c["id"] for c in data["claims"]}
    assert set(second) == {r["id"] for r in data["rebuttals"]}
    for labels in second.values():
        assert set(labels) <= claims
        assert set(labels.values()) <= {1, 2}


def test_agreement_measures():
    assert agreement.f1({"a", "b"}, {"a", "b"}) == 1.0
    assert agreement.f1({"a"}, {"b"}) == 0.0
    assert agreement.kappa([0, 1, 2, 2], [0, 1, 2, 2]) == 1.0
    # the same share of each label but placed independently: no agreement beyond chance
    assert agreement.kappa([0, 0, 2, 2], [0, 2, 0, 2]) == pytest.approx(0.0)
