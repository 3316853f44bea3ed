"""Render docs/screenshot.png: a practice article open, five claims marked, three answered on the flow sheet;
then docs/dashboard.png and docs/review.png: the coach's class dashboard and the review of that session.

Run from the repository root: QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshot.py
Uses a temporary database and settings folder; the user's own data is never touched.
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QThreadPool  # noqa: E402

from rebuttal_lab.core.models import ClaimKind  # noqa: E402
from rebuttal_lab.services import library  # noqa: E402
from rebuttal_lab.settings import load_settings  # noqa: E402
from rebuttal_lab.store import articles as article_store  # noqa: E402
from rebuttal_lab.store import open_database  # noqa: E402
from rebuttal_lab.store.profiles import get_or_create_student  # noqa: E402
from rebuttal_lab.ui.application import make_application  # noqa: E402
from rebuttal_lab.ui.main_window import MainWindow  # noqa: E402

ARTICLE = "01-school-start-times"
ANSWERS = [
    "A 9 a.m. rule for every school ignores rural pupils: later buses mean later finishes, and in winter "
    "that sends twelve-year-olds home in the dark.",
    "Body clocks do shift, but light from screens at night delays sleep far more; a phone curfew costs "
    "nothing and fixes the cause, not the timetable.",
    "Being fifteen is not a diagnosis: many fifteen-year-olds fall asleep by ten once the phone leaves "
    "the bedroom, so late nights are often a habit that a later bell would only reward.",
]


def main(out: Path) -> None:
    app = make_application()
    work = Path(tempfile.mkdtemp(prefix="rl-shot-"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(work / "qsettings"))
    db = open_database(work / "shot.db")
    library.ensure_practice_articles(db)
    settings = load_settings(user_dir=work)
    window = MainWindow(db, settings, get_or_create_student(db, "Maya"))
    window.resize(1280, 800)
    window.show()

    def settle(rounds: int = 50) -> None:
        for _ in range(rounds):
            app.processEvents()

    settle()
    path = next(p for p in library.practice_article_files() if p.stem == ARTICLE)
    body = library.import_file(db, path).article.body
    uuid = next(a["uuid"] for a in article_store.list_articles(db)
                if article_store.get_article(db, a["uuid"]).body == body)
    window.library.refresh()
    window.library.select_article(uuid)
    window.practise_selected()
    settle()
    for item in library.answer_key(path)[:5]:
        start = body.find(item["quote"])
        window.controller.mark_claim(start, start + len(item["quote"]), ClaimKind(item["kind"]))
    for claim, answer in zip(window.controller.claims, ANSWERS, strict=False):
        window.controller.set_answer(claim.uuid, answer)
        window.controller.answerChanged.emit(claim.uuid, answer)  # show it as if typed
    window.controller.flush()
    window.controller.rescore()
    QThreadPool.globalInstance().waitForDone(20000)
    settle(200)
    window._apply_default_layout()
    window.select_claim(window.controller.claims[2].uuid)
    settle(100)
    window.grab().save(str(out))
    print("saved", out, [c["verdict"] for c in window.controller.report.get("claims", [])])
    session_uuid = window.controller.session.uuid
    window.controller.close_session()
    window.close()
    coach_views(db, settings, session_uuid, out.parent, settle)
    db.close()


def coach_views(db, settings, session_uuid: str, folder: Path, settle) -> None:
    """Two more students answer the same claims, the session is handed in, and a coach reviews it."""
    from rebuttal_lab.services import practice
    from rebuttal_lab.store import coach, sessions
    from rebuttal_lab.store import feedback as feedback_store
    from rebuttal_lab.ui.class_dashboard import ClassDashboard

    practice.submit(db, session_uuid, 540)
    source = sessions.get_session(db, session_uuid)
    article = article_store.get_article(db, source.article_uuid)
    claims = sessions.list_claims(db, session_uuid)
    for name, answered in (("Jonah", [1]), ("Priya", [0, 2])):  # which of Maya's answers each gave
        other = practice.start_session(db, article, get_or_create_student(db, name).uuid)
        copies = practice.claims_from_spec(article.body, other.uuid, [{"quote": c.quote} for c in claims])
        practice.add_claims(db, copies)
        for index in answered:
            sessions.save_rebuttal_text(db, other.uuid, copies[index].uuid, ANSWERS[index])
        practice.submit(db, other.uuid, 600)
    teacher = coach.create_coach(db, "Ms Okafor", "screenshot-only")
    feedback_store.add_feedback(db, session_uuid, teacher.uuid, "Good clash on the body-clock claim; "
                                "now answer their evidence with numbers of your own.")
    dashboard = ClassDashboard(db, teacher, settings)
    dashboard.resize(1180, 520)
    dashboard.show()
    settle(100)
    dashboard.grab().save(str(folder / "dashboard.png"))
    review = dashboard.open_review(session_uuid)
    review.resize(1280, 760)
    review.claim_list.setCurrentItem(review.claim_list.topLevelItem(0))
    settle(100)
    review.grab().save(str(folder / "review.png"))
    review.close()
    dashboard.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("screenshot.png"))
