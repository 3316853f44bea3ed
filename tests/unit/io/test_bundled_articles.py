"""The bundled practice articles come in through the Markdown importer; their answer keys quote the body."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rebuttal_lab.io.importers import read_article

ARTICLES = Path(__file__).resolve().parents[3] / "resources" / "articles"
FILES = sorted(ARTICLES.glob("[0-9]*.md"))


@pytest.mark.skipif(not FILES, reason="no bundled practice articles in this checkout")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_practice_article_imports_with_metadata_and_its_key_quotes_occur_once(path):
    article = read_article(path)
    assert article.title and article.motion.startswith("This House")
    assert article.author
    key = ARTICLES / "keys" / f"{path.stem}.json"
    if key.exists():
        for claim in json.loads(key.read_text(encoding="utf-8"))["claims"]:
            assert article.body.count(claim["quote"]) == 1, claim["quote"]
