"""A small, fully predictable class for the coach tests: 3 students, 3 articles, 30 sessions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from rebuttal_lab.core.models import Article, Claim, ClaimKind, Mode, Session
from rebuttal_lab.store import articles as article_store
from rebuttal_lab.store import coach, profiles
from rebuttal_lab.store import sessions as session_store

STUDENTS = ["Ana Alvarez", "Ben Brook", "Cleo Chen"]
TITLES = ["Homework harms learning", "Phones out of class", "Later school start"]
MODES = [Mode.PRACTICE, Mode.DRILL, Mode.SPOTTING]
FIRST_DAY = date(2026, 1, 5)  # a Monday
SESSIONS = 30
PASSPHRASE = "correct horse battery"
KINDS = [ClaimKind.MAIN, ClaimKind.EVIDENCE, ClaimKind.EXAMPLE]


def body(title: str) -> str:
    return (f"{title}. Schools assign too much of it and students lose sleep. "
            "A study found grades rose by four per cent. Finland is an example of this working well.")


@dataclass
class ClassData:
    coach_uuid: str
    students: dict[str, str] = field(default_factory=dict)  # name -> uuid
    articles: dict[str, str] = field(default_factory=dict)  # title -> uuid
    sessions: list[dict] = field(default_factory=list)  # what each session was made with


def session_spec(i: int) -> dict:
    """Session i: student i % 3, article (i // 3) % 3, one day apart, scores rising with i."""
    return {
        "student": STUDENTS[i % 3], "article": TITLES[(i // 3) % 3], "mode": MODES[(i // 4) % 3].value,
        "day": FIRST_DAY + timedelta(days=i), "time_used_s": 60.0 + i, "overall": round(min(i / SESSIONS, 1.0), 4),
        "breadth": round((i % 5) / 5, 4), "evidence": round((i % 7) / 7, 4), "reviewed": i % 4 == 0,
        "example_dropped": i % 2 == 0,
    }


def build_class(db, sessions: int = SESSIONS) -> ClassData:
    data = ClassData(coach_uuid=coach.create_coach(db, "Coach Kim", PASSPHRASE).uuid)
    for name in STUDENTS:
        data.students[name] = profiles.get_or_create_student(db, name).uuid
    for title in TITLES:
        data.articles[title] = article_store.add_article(db, Article(title=title, body=body(title)))[0].uuid
    for i in range(sessions):
        spec = session_spec(i)
        text = body(spec["article"])
        session = Session(article_uuid=data.articles[spec["article"]], profile_uuid=data.students[spec["student"]],
                          mode=Mode(spec["mode"]), time_used_s=spec["time_used_s"],
                          started_at=f"{spec['day'].isoformat()}T10:00:00.000+00:00")
        session_store.create_session(db, session)
        claims = []
        for position, (kind, quote) in enumerate(zip(KINDS, ["Schools assign too much of it",
                                                             "A study found grades rose by four per cent",
                                                             "Finland is an example of this working well"],
                                                     strict=True)):
            start = text.index(quote)
            claim = Claim(session_uuid=session.uuid, start=start, end=start + len(quote), quote=quote,
                          kind=kind, position=position)
            session_store.save_claim(db, claim)
            claims.append(claim)
        verdicts = ["rebutted", "missed", "missed" if spec["example_dropped"] else "touched"]
        report = {"scorer_version": "test", "overall": spec["overall"],
                  "parts": {"breadth": spec["breadth"], "depth": 0.5, "evidence": spec["evidence"]},
                  "claims": [{"id": c.uuid, "verdict": v, "coverage": 0.5} for c, v in zip(claims, verdicts,
                                                                                             strict=True)]}
        if spec["mode"] == "spotting":
            report.update(precision=0.5 + i / 100, recall=0.25 + i / 100)
        session_store.save_score(db, session.uuid, report)
        session_store.save_rebuttal_text(db, session.uuid, None, f"My answer number {i}.")
        if spec["reviewed"]:
            db.execute("UPDATE sessions SET reviewed_at = ? WHERE uuid = ?", [f"{spec['day']}T12:00:00", session.uuid])
        data.sessions.append({**spec, "uuid": session.uuid})
    db.conn.commit()
    return data
