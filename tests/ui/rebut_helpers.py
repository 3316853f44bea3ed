"""Fixtures for the rebutting, drill and history tests: a stored article with marked claims in an open
session, a controller on it, and a small deterministic scorer for tests about layout and timing."""

from __future__ import annotations

import pytest

from rebuttal_lab.core.models import Article
from rebuttal_lab.services import practice
from rebuttal_lab.settings import DrillPreset, Settings
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import sessions as session_store
from rebuttal_lab.store.profiles import get_or_create_student

BODY = (
    "Cities should ban private cars from their centres.\n\n"
    "Car bans cut air pollution, because traffic is the main source of fine particles in city streets. "
    "Shops in car-free streets earn more money, since pedestrians linger and browse. "
    "Public transport can carry everyone who now drives into the centre."
)
CLAIM_QUOTES = [
    "Car bans cut air pollution, because traffic is the main source of fine particles in city streets.",
    "Shops in car-free streets earn more money, since pedestrians linger and browse.",
    "Public transport can carry everyone who now drives into the centre.",
]


def fake_score(claim_items, speech=None, answers=None, article=""):
    """Rebutted when the answer has 'because' in it, touched when it has any words, else dropped."""
    claims = []
    for item in claim_items:
        text = speech if speech is not None else (answers or {}).get(item["id"], "")
        verdict = "rebutted" if "because" in text else ("touched" if text.strip() else "missed")
        coverage = {"rebutted": 0.9, "touched": 0.4, "missed": 0.0}[verdict]
        spans = [[0, len(text)]] if text.strip() else []
        claims.append({"id": item["id"], "coverage": coverage, "verdict": verdict, "sentences": spans,
                       "matched": [], "moves": [], "evidence": False, "feedback": f"fake {verdict}"})
    rebutted = sum(c["verdict"] == "rebutted" for c in claims)
    breadth = rebutted / len(claims) if claims else 0.0
    return {"scorer_version": "fake", "overall": breadth, "claims": claims,
            "parts": {"breadth": breadth, "depth": 0.5, "evidence": 0.0}}


def make_session(db, writing: str = "flow", quotes=CLAIM_QUOTES, student: str = "Ada"):
    article, _ = article_store.add_article(db, Article(title="Car-free centres", body=BODY))
    profile = get_or_create_student(db, student)
    session = practice.start_session(db, article, profile.uuid, writing=writing)
    practice.add_claims(db, practice.claims_from_spec(BODY, session.uuid, [{"quote": q} for q in quotes]))
    return profile, session


def wait_for_report(qtbot, controller, predicate, timeout: int = 5000) -> None:
    """Wait until the controller holds a report for which predicate(report) is true."""
    qtbot.waitUntil(lambda: bool(controller.report.get("claims")) and predicate(controller.report),
                    timeout=timeout)


def verdict_of(controller, claim_uuid: str) -> str | None:
    item = controller.verdict(claim_uuid)
    return item.get("verdict") if item else None


@pytest.fixture
def settings() -> Settings:
    presets = [DrillPreset("Public Forum — rebuttal", 4, 3), DrillPreset("SPAR", 2, 2)]
    return Settings(words_per_minute=150, typing_words_per_minute=40, drill_presets=presets)


@pytest.fixture
def fake_scorer(monkeypatch):
    monkeypatch.setattr(practice, "score_claims", fake_score)
    return fake_score


@pytest.fixture
def controller(qtbot, db):
    from rebuttal_lab.ui.session_controller import SessionController

    ctrl = SessionController(db)
    yield ctrl
    ctrl.flush()
    ctrl.close_session()
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(5000)  # no scoring job may outlive the database


def stored_answer(db, session_uuid: str, claim_uuid: str | None) -> str | None:
    rebuttals = session_store.list_rebuttals(db, session_uuid)
    return next((r.text for r in rebuttals if r.claim_uuid == claim_uuid), None)
