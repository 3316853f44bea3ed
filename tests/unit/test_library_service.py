"""The library service: importing files, folders and pasted text; the bundled practice articles."""

from rebuttal_lab.services import library
from rebuttal_lab.store import articles as article_store

TEXT = "Why We Should Plant Trees\n\nCities need shade. Trees give it cheaply, and they cool whole streets.\n"


def test_folder_import_keeps_good_files_and_lists_bad_ones_with_reasons(db, tmp_path):
    folder = tmp_path / "inbox"
    (folder / "nested").mkdir(parents=True)
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "nested" / "copy.md").write_text("# Trees again\n\n" + TEXT.split("\n\n", 1)[1])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04")
    seen = []
    results = library.import_paths(db, [folder], progress=lambda done, total, name: seen.append((done, total)))
    by_name = {r.source.rsplit("/", 1)[-1]: r for r in results}
    assert by_name["good.txt"].status == library.IMPORTED
    assert by_name["copy.md"].status == library.DUPLICATE          # same body, other title and format
    assert "0 bytes" in by_name["empty.txt"].message or "empty" in by_name["empty.txt"].message
    assert by_name["binary.txt"].status == library.REFUSED
    assert ".pptx" in by_name["slides.pptx"].message or "not supported" in by_name["slides.pptx"].message
    assert [a["title"] for a in article_store.list_articles(db)] == ["Why We Should Plant Trees"]
    assert seen[-1] == (5, 5)
    assert library.summarise(results) == "1 imported, 1 already in the library, 3 refused"


def test_cancelled_import_stops_between_files_and_keeps_what_was_done(db, tmp_path):
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(f"Title {n}\n\nBody number {n} says something arguable.")
    calls = []
    results = library.import_paths(db, sorted(tmp_path.glob("*.txt")), cancelled=lambda: len(calls) >= 2,
                                   progress=lambda *a: calls.append(a))
    assert len(results) == 2
    assert len(article_store.list_articles(db)) == 2


def test_pasted_text_is_an_article_and_is_recognised_again(db):
    first = library.import_text(db, TEXT)
    again = library.import_text(db, "  " + TEXT.upper())
    assert first.status == library.IMPORTED and again.status == library.DUPLICATE
    assert library.import_text(db, "   ").status == library.REFUSED


def test_practice_articles_load_once_with_motion_and_keys_that_match(db):
    results = library.ensure_practice_articles(db)
    assert len(results) >= 6 and all(r.status == library.IMPORTED for r in results)
    for path, result in zip(library.practice_article_files(), results, strict=True):
        article = result.article
        assert article.motion.startswith("This House"), path.name
        assert 600 <= article.word_count <= 1500, path.name
        key = library.answer_key(path)
        assert 8 <= len(key) <= 15
        assert all(article.body.count(item["quote"]) == 1 for item in key), path.name
    # deleted by the user: not forced back at the next start
    article_store.delete_article(db, results[0].article.uuid)
    assert library.ensure_practice_articles(db) == []
    assert len(article_store.list_articles(db)) == len(results) - 1


def test_cli_reference_resolves_paths_ids_and_titles(db, tmp_path):
    path = tmp_path / "trees.txt"
    path.write_text(TEXT)
    article = library.resolve_article(db, str(path))
    assert library.resolve_article(db, article.uuid[:8]).uuid == article.uuid
    assert library.resolve_article(db, "why we should plant trees").uuid == article.uuid
    try:
        library.resolve_article(db, "nothing-like-this")
    except LookupError as exc:
        assert "nothing-like-this" in str(exc)
    else:
        raise AssertionError("an unknown article must be refused")
