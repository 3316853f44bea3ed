"""The domain's plain records. Store, services, CLI and GUI all pass these around."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum


def new_uuid() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    """UTC timestamp with milliseconds; sorts as text."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class ClaimKind(StrEnum):
    MAIN = "main"
    REASON = "reason"
    EVIDENCE = "evidence"
    EXAMPLE = "example"
    VALUE = "value"
    PREDICTION = "prediction"
    ANALOGY = "analogy"

    @property
    def label(self) -> str:
        return CLAIM_KIND_LABELS[self]


CLAIM_KIND_LABELS = {
    ClaimKind.MAIN: "Main claim",
    ClaimKind.REASON: "Reason / causal claim",
    ClaimKind.EVIDENCE: "Evidence / statistic",
    ClaimKind.EXAMPLE: "Example",
    ClaimKind.VALUE: "Value / assumption",
    ClaimKind.PREDICTION: "Prediction",
    ClaimKind.ANALOGY: "Analogy",
}


class Mode(StrEnum):
    PRACTICE = "practice"
    DRILL = "drill"
    SPOTTING = "spotting"


class Status(StrEnum):
    OPEN = "open"
    SUBMITTED = "submitted"


class Verdict(StrEnum):
    REBUTTED = "rebutted"
    TOUCHED = "touched"
    MISSED = "missed"

    @property
    def debate_word(self) -> str:
        """What the student sees: a missed claim is a dropped (conceded) argument."""
        return {"rebutted": "Rebutted", "touched": "Only touched", "missed": "Dropped"}[self.value]


@dataclass
class Article:
    title: str
    body: str
    author: str = ""
    source: str = ""
    motion: str = ""
    uuid: str = field(default_factory=new_uuid)
    body_sha256: str = ""
    imported_at: str = field(default_factory=now_iso)
    pack_uuid: str | None = None

    @property
    def word_count(self) -> int:
        return len(self.body.split())


@dataclass
class Claim:
    """A span of the article body the student marked, anchored as in the W3C text-quote selector."""

    session_uuid: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    kind: ClaimKind = ClaimKind.MAIN
    note: str = ""
    position: int = 0
    uuid: str = field(default_factory=new_uuid)


@dataclass
class Rebuttal:
    """The student's answer: to one claim (a flow-sheet row) or, with claim_uuid None, the whole speech."""

    session_uuid: str
    text: str = ""
    claim_uuid: str | None = None
    updated_at: str = field(default_factory=now_iso)
    uuid: str = field(default_factory=new_uuid)


@dataclass
class Profile:
    name: str
    role: str = "student"
    passphrase_hash: str | None = None
    uuid: str = field(default_factory=new_uuid)


@dataclass
class Session:
    article_uuid: str
    profile_uuid: str
    mode: Mode = Mode.PRACTICE
    writing: str = "flow"  # "flow" (one answer per claim) or "speech" (one text for all)
    time_limit_s: int | None = None
    prep_limit_s: int | None = None
    time_used_s: float = 0.0
    started_at: str = field(default_factory=now_iso)
    updated_at: str = field(default_factory=now_iso)
    submitted_at: str | None = None
    status: Status = Status.OPEN
    redo_of: str | None = None
    uuid: str = field(default_factory=new_uuid)

    @property
    def read_only(self) -> bool:
        return self.status == Status.SUBMITTED
