import pytest

from rebuttal_lab.core.models import Article, ClaimKind, Status
from rebuttal_lab.services import practice
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.store.profiles import get_or_create_student

BODY = (
    "School uniforms should be compulsory.\n\n"
    "Uniforms cut the cost of clothing for families, because one set lasts the year. "
    "They also reduce bullying about brands."
)


@pytest.fixture
def session(db):
    article, _ = article_store.add_article(db, Article(title="Uniforms", body=BODY))
    student = get_or_create_student(db, "Ada")
    return practice.start_session(db, article, student.uuid)


def test_claims_from_quotes_and_offsets_are_anchored(db, session):
    start = BODY.index("They also")
    claims = practice.claims_from_spec(BODY, session.uuid, [
        {"id": "c1", "quote": "Uniforms cut the cost of clothing for families", "kind": "reason"},
        {"id": "c2", "start": start + 2, "end": len(BODY)},   # starts mid-word: snapped to "They"
    ])
    practice.add_claims(db, claims)
    stored = session_store.list_claims(db, session.uuid)
    assert [c.quote for c in stored] == [
        "Uniforms cut the cost of clothing for families",
        "They also reduce bullying about brands.",
    ]
    assert stored[0].kind == ClaimKind.REASON
    assert stored[0].prefix.endswith("compulsory.\n\n") and stored[0].suffix.startswith(", because")


@pytest.mark.parametrize("spec, problem", [
    ([{"quote": "not in the article"}], "not found"),
    ([{"start": 5, "end": 9999}], "outside the article"),
    ([{"note": "nothing"}], "needs a quote"),
    (["just a string"], "not an object"),
])
def test_bad_claim_specs_are_named(session, spec, problem):
    with pytest.raises(practice.ClaimNotFound, match=problem):
        practice.claims_from_spec(BODY, session.uuid, spec)


def test_redo_copies_claims_but_not_the_rebuttal(db, session):
    practice.add_claims(db, practice.claims_from_spec(BODY, session.uuid, [{"quote": "Uniforms cut the cost"}]))
    session_store.save_rebuttal_text(db, session.uuid, None, "My old answer.")
    fresh = practice.redo(db, session.uuid)
    assert fresh.uuid != session.uuid and fresh.redo_of == session.uuid
    old_claims = session_store.list_claims(db, session.uuid)
    new_claims = session_store.list_claims(db, fresh.uuid)
    assert [c.quote for c in new_claims] == [c.quote for c in old_claims]
    assert {c.uuid for c in new_claims}.isdisjoint({c.uuid for c in old_claims})
    assert session_store.list_rebuttals(db, fresh.uuid) == []


def test_snapshot_is_plain_data(db, session):
    snap = practice.snapshot(db, session.uuid)
    assert snap["session"]["status"] == Status.OPEN.value
    assert snap["article"]["title"] == "Uniforms"
    assert snap["claims"] == [] and snap["score"] is None


def test_a_session_is_scored_with_each_claims_context_in_its_article(db):
    from context_example import ANSWER, ARTICLE, QUOTES

    article, _ = article_store.add_article(db, Article(title="A Fair Levy", body=ARTICLE))
    student = get_or_create_student(db, "Ada")
    session = practice.start_session(db, article, student.uuid, writing="speech")
    practice.add_claims(db, practice.claims_from_spec(ARTICLE, session.uuid, [{"quote": q} for q in QUOTES]))
    session_store.save_rebuttal_text(db, session.uuid, None, ANSWER)
    report = practice.score_session(db, session.uuid)
    verdicts = [c["verdict"] for c in report["claims"]]
    assert verdicts == ["missed", "rebutted", "missed"]   # answered in the words of the sentence before it
    assert session_store.get_score(db, session.uuid)["claims"][1]["verdict"] == "rebutted"
    without = practice.score_claims(practice.scorer_claims(session_store.list_claims(db, session.uuid)), ANSWER, None)
    assert without["claims"][1]["verdict"] == "missed"    # the quote's own words alone do not show it
