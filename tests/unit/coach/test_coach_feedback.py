"""Feedback: only coaches write it; targets are checked; rubric editable; the student's badge counts."""

from __future__ import annotations

import pytest

from rebuttal_lab.store import feedback
from rebuttal_lab.store import sessions as session_store


def first(classroom, student="Ana Alvarez"):
    return next(s["uuid"] for s in classroom.sessions if s["student"] == student)


def test_student_cannot_add_feedback_coach_can(db, classroom):
    session = first(classroom)
    student = classroom.students["Ana Alvarez"]
    with pytest.raises(feedback.NotACoach, match="only a coach"):
        feedback.add_feedback(db, session, student, "I grade myself an A")
    with pytest.raises(feedback.NotACoach):
        feedback.add_feedback(db, session, "no-such-profile", "hello")
    uuid = feedback.add_feedback(db, session, classroom.coach_uuid, "  Good clash on claim one.  ")
    [row] = feedback.list_feedback(db, session)
    assert (row["uuid"], row["text"], row["author"], row["target_uuid"]) == (
        uuid, "Good clash on claim one.", "Coach Kim", None)
    with pytest.raises(feedback.NotACoach):
        feedback.mark_reviewed(db, session, student)


def test_targets_claims_and_speech_spans_are_checked(db, classroom):
    session = first(classroom)
    claim = session_store.list_claims(db, session)[0]
    coach = classroom.coach_uuid
    feedback.add_feedback(db, session, coach, "Answer the number", target=claim.uuid)
    feedback.add_feedback(db, session, coach, "Nice signpost", target=feedback.speech_target(3, 17))
    assert [f["target_uuid"] for f in feedback.list_feedback(db, session)] == [claim.uuid, "speech:3-17"]
    other_claim = session_store.list_claims(db, first(classroom, "Ben Brook"))[0]
    for bad in (other_claim.uuid, "speech:9-2", "speech:x-3", "nonsense"):
        with pytest.raises(feedback.FeedbackError):
            feedback.add_feedback(db, session, coach, "x", target=bad)
    with pytest.raises(feedback.FeedbackError, match="a comment or rubric"):
        feedback.add_feedback(db, session, coach, "   ")


def test_rubric_scores_one_to_five_from_editable_criteria(db, classroom):
    session, coach = first(classroom), classroom.coach_uuid
    names = [c["name"] for c in feedback.list_criteria(db)]
    assert names == ["Clash", "Evidence", "Organisation", "Time use"]
    weighing = feedback.add_criterion(db, "Weighing", "Says why its answers matter more")
    clash = feedback.list_criteria(db)[0]["uuid"]
    feedback.rename_criterion(db, clash, "Direct clash")
    time_use = feedback.list_criteria(db)[3]["uuid"]
    feedback.remove_criterion(db, time_use)
    order = [c["uuid"] for c in feedback.list_criteria(db)]
    feedback.reorder_criteria(db, [weighing, *order[:-1]])
    assert [c["name"] for c in feedback.list_criteria(db)] == ["Weighing", "Direct clash", "Evidence",
                                                               "Organisation"]
    feedback.add_feedback(db, session, coach, rubric={weighing: 4, clash: 5})
    assert feedback.list_feedback(db, session)[0]["rubric"] == {weighing: 4, clash: 5}
    for bad in ({weighing: 6}, {weighing: 0}, {weighing: True}, {time_use: 3}):
        with pytest.raises(feedback.FeedbackError):
            feedback.add_feedback(db, session, coach, rubric=bad)


def test_grade_and_review_work_on_a_submitted_session(db, classroom):
    session, coach = first(classroom), classroom.coach_uuid
    session_store.submit_session(db, session)
    feedback.set_grade(db, session, coach, " B+ ")
    assert db.execute("SELECT grade, reviewed_at IS NOT NULL FROM sessions WHERE uuid = ?",
                      [session]).fetchone() == ("B+", 1)
    feedback.mark_reviewed(db, session, coach, reviewed=False)
    assert db.execute("SELECT reviewed_at FROM sessions WHERE uuid = ?", [session]).fetchone() == (None,)


def test_new_feedback_badge_counts_and_clears(db, classroom):
    ana = classroom.students["Ana Alvarez"]
    a1, a2 = [s["uuid"] for s in classroom.sessions if s["student"] == "Ana Alvarez"][:2]
    ben = first(classroom, "Ben Brook")
    coach = classroom.coach_uuid
    assert feedback.unseen_feedback_count(db, ana) == {}
    ids = [feedback.add_feedback(db, a1, coach, f"comment {n}") for n in range(2)]
    feedback.add_feedback(db, a2, coach, "one more")
    feedback.add_feedback(db, ben, coach, "for Ben")
    assert feedback.unseen_feedback_count(db, ana) == {a1: 2, a2: 1}
    assert feedback.mark_feedback_seen(db, a1) == 2
    assert feedback.unseen_feedback_count(db, ana) == {a2: 1}
    feedback.edit_feedback(db, ids[0], coach, text="comment 0, reworded")  # an edit is news again
    assert feedback.unseen_feedback_count(db, ana) == {a1: 1, a2: 1}
    feedback.delete_feedback(db, ids[0], coach)
    assert feedback.unseen_feedback_count(db, ana) == {a2: 1}


def test_a_comment_may_target_words_of_one_claims_answer(db, classroom):
    import pytest

    from rebuttal_lab.store import sessions as session_store

    session = classroom.sessions[0]["uuid"]
    claim = session_store.list_claims(db, session)[0]
    target = feedback.answer_target(claim.uuid, 4, 12)
    feedback.add_feedback(db, session, classroom.coach_uuid, "Which study?", target=target)
    assert feedback.parse_answer_target(feedback.list_feedback(db, session)[0]["target_uuid"]) == (claim.uuid, 4, 12)
    other = session_store.list_claims(db, classroom.sessions[1]["uuid"])[0]
    for bad in (feedback.answer_target(claim.uuid, 12, 4), feedback.answer_target(other.uuid, 0, 5)):
        with pytest.raises(feedback.FeedbackError):
            feedback.add_feedback(db, session, classroom.coach_uuid, "No", target=bad)
