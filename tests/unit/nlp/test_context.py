"""A claim's context in its article, and how a rebuttal written in those words is scored."""

from context_example import ANSWER, ARTICLE, QUOTES, SPANS
from rebuttal_lab.nlp.context import article_topic, claim_contexts, motion_flags
from rebuttal_lab.nlp.scoring import score


def claims(with_context: bool) -> list[dict]:
    contexts = claim_contexts(ARTICLE, SPANS) if with_context else [""] * len(QUOTES)
    return [{"id": f"C{i}", "text": q, "context": c} for i, (q, c) in enumerate(zip(QUOTES, contexts, strict=True))]


def test_context_is_the_rest_of_the_sentence_and_its_neighbours_in_the_paragraph():
    first, second, third = claim_contexts(ARTICLE, SPANS)
    assert first == "Children drink them every day."           # not the title: another paragraph
    assert second.startswith("Critics call the tax regressive") and "But" in second
    assert "Dentists see the damage first." in second
    assert QUOTES[1] not in second
    assert third == ""                                            # the quote is its whole paragraph


def test_context_stops_at_another_claims_sentence():
    dentists = ARTICLE.index("Dentists see the damage first")
    spans = [SPANS[1], (dentists, dentists + len("Dentists see the damage first"))]
    context, _ = claim_contexts(ARTICLE, spans)
    assert "Dentists" not in context and context.startswith("Critics")


def test_spans_outside_the_article_have_no_context():
    assert claim_contexts(ARTICLE, [(-1, 5), (10, 5), (0, len(ARTICLE) + 9)]) == ["", "", ""]
    assert claim_contexts("", [(0, 0)]) == [""]


def test_a_rebuttal_in_the_words_of_the_claims_argument_answers_it():
    without = score(claims(False), rebuttal=ANSWER)["claims"][1]
    with_context = score(claims(True), rebuttal=ANSWER)["claims"][1]
    assert without["verdict"] == "missed"
    assert with_context["verdict"] == "rebutted"
    assert ["budget", "budget", "exact"] in with_context["matched"]


def test_context_words_another_claim_uses_do_not_count():
    # "tax" is the first claim's word: that it also stands before the second claim does not tie them
    report = score(claims(True), rebuttal="The tax is wrong, because sugar is not the problem at all.")
    second = report["claims"][1]
    assert second["verdict"] == "missed" and not any(m[0] == "tax" for m in second["matched"])


def test_a_few_context_words_alone_do_not_name_a_claim():
    # An off-topic paragraph that shares three context words and none of the claim's own is not its answer
    text = ("Critics of school uniform say it takes a larger share of a student's money than anything. "
            "For example, a blazer costs forty pounds, so second-hand swap shops are a better answer.")
    assert score(claims(True), rebuttal=text)["claims"][1]["verdict"] != "rebutted"


TOPICAL = """Phones Out

Phones in class pull attention away from the lesson, and teachers see it every day in every class.

Phones also feed bullying: a cruel photo taken at lunch is round the whole year group by the evening.

Some parents want phones for safety, but the school office has a phone line for every emergency.

Schools that locked phones away saw calmer corridors and more talk at lunch, teachers report.
"""


def test_words_that_run_through_the_article_are_its_topic():
    assert article_topic(TOPICAL) == {"phone", "school", "lunch", "teacher"}   # in 2 of 4 paragraphs or more
    assert article_topic("Too short.\n\nTo tell.") == frozenset()


def test_topic_words_weigh_less_when_the_article_is_given():
    claims = [{"id": "A", "text": "Phones in class pull attention away from the lesson"},
              {"id": "B", "text": "a cruel photo taken at lunch is round the whole year group by the evening"}]
    text = "Phones are not the problem, because a lesson can be dull for many reasons."
    alone, in_article = (score(claims, rebuttal=text, article=a)["claims"][0] for a in ("", TOPICAL))
    assert in_article["coverage"] < alone["coverage"]
    assert {m[0] for m in in_article["matched"]} == {m[0] for m in alone["matched"]}


def test_the_motion_is_the_claim_in_the_opening_paragraph():
    assert motion_flags(ARTICLE, SPANS) == [True, False, False]   # the title is not the opening paragraph
    assert motion_flags("no paragraph ends a sentence here", [(0, 5)]) == [False]


def motion_claims() -> list[dict]:
    contexts, motions = claim_contexts(ARTICLE, SPANS), motion_flags(ARTICLE, SPANS)
    return [{"id": f"C{i}", "text": q, "context": c, "motion": m}
            for i, (q, c, m) in enumerate(zip(QUOTES, contexts, motions, strict=True))]


def test_the_motion_is_rebutted_only_by_an_answer_to_the_proposal_itself():
    reason_only = ("A tax on sugary drinks scaled to sugar content does not reach children, because they buy "
                   "sweets with their pocket money and the corner shop keeps the price of a can low.")
    whole = ("A tax on sugary drinks scaled to sugar content is the wrong design, because children buy sweets "
             "with their pocket money; free water fountains in every school would do more.")
    assert score(motion_claims(), rebuttal=reason_only, article=ARTICLE)["claims"][0]["verdict"] == "touched"
    assert score(motion_claims(), rebuttal=whole, article=ARTICLE)["claims"][0]["verdict"] == "rebutted"
    # the same denial of a claim that is not the motion answers it
    plain = [{**c, "motion": False} for c in motion_claims()]
    assert score(plain, rebuttal=reason_only, article=ARTICLE)["claims"][0]["verdict"] == "rebutted"


def test_judging_the_proposal_as_a_whole_answers_the_motion():
    # the denial of a reason that touches the motion (test above) answers it once the tax itself is judged
    pointless = ("A tax on sugary drinks scaled to sugar content is pointless: it does not reach children, "
                 "because they buy sweets with their pocket money and the corner shop keeps the price of a can low.")
    assert score(motion_claims(), rebuttal=pointless, article=ARTICLE)["claims"][0]["verdict"] == "rebutted"


def test_a_speech_that_opens_against_the_whole_plan_answers_the_motion():
    # "I'm against ..." and "I don't think ... is the right way" judge the proposal itself, so the reasons
    # after them answer the motion; a speech without that opening only touches it
    reasons = ("Children buy sweets with their pocket money, and a tax on drinks scaled to sugar content "
               "leaves the corner shop selling cheap cans anyway. Free water fountains in every school would "
               "reach them at lunch.")
    against = "I'm against this whole plan for a sugar tax. " + reasons
    not_right = "I don't think a tax on sugary drinks is the right way to help children. " + reasons
    assert score(motion_claims(), rebuttal=reasons, article=ARTICLE)["claims"][0]["verdict"] != "rebutted"
    # a courtesy before the stance changes nothing: the stance still opens the speech
    for speech in (against, not_right, "Thank you, chair. " + against):
        assert score(motion_claims(), rebuttal=speech, article=ARTICLE)["claims"][0]["verdict"] == "rebutted"


def test_a_stance_with_its_own_reason_opening_the_speech_answers_the_motion():
    # no cue word judges the tax ("wrong", "a mistake"...), but the opening stance gives its own reason: the
    # student's case against the proposal as a whole; the same stance without a reason only touches it
    rest = (" Children buy sweets with their pocket money anyway, and the corner shop keeps cans cheap. Lessons "
            "on cooking would reach far more of them than a price rise on one drink.")
    reasoned = "I think drinks should stay untaxed, because the sugar children eat mostly comes from sweets." + rest
    # saying what the article leaves out questions its case: the reasons that follow are the student's own
    missing = "I think drinks should stay untaxed, and the article misses the biggest reason why." + rest
    bare = "I think drinks should stay untaxed." + rest
    verdict = {text: score(motion_claims(), rebuttal=text, article=ARTICLE)["claims"][0]["verdict"]
               for text in (reasoned, missing, bare)}
    assert verdict[reasoned] == verdict[missing] == "rebutted"
    assert verdict[bare] != "rebutted"


def test_a_point_by_point_opener_names_a_point_of_the_article_not_its_thesis():
    # the opener shares the motion's topic words ("hire e-scooters", "town centres"), which give the short
    # thesis the larger share; a signpost such as "First, the idea that ..." still opens an answer to a point
    claims = [{"id": "M", "text": "Councils should ban hire e-scooters from town centres.", "motion": True},
              {"id": "P", "text": "Letting hire e-scooters into town centres turns every pavement into an obstacle "
                                  "course for blind pedestrians."},
              {"id": "R", "text": "Riders under the influence of alcohol cause most of the serious crashes at night."}]
    speech = ("First, the idea that hire e-scooters in town centres make pavements into obstacle courses. Parking "
              "bays fix that: riders have to end a trip in a marked bay or the meter keeps running, so the "
              "pavements stay clear, and the operator is fined for every scooter left lying across a path.")
    thesis, point, _ = score(claims, rebuttal=speech)["claims"]
    assert point["verdict"] == "rebutted"
    assert thesis["verdict"] != "rebutted"


def test_an_answer_to_the_thesis_reasons_is_told_to_take_on_the_proposal_itself():
    reason_only = ("A tax on sugary drinks scaled to sugar content does not reach children, because they buy "
                   "sweets with their pocket money and the corner shop keeps the price of a can low.")
    thesis = score(motion_claims(), rebuttal=reason_only, article=ARTICLE)["claims"][0]
    assert thesis["verdict"] == "touched"
    assert "not the proposal itself" in thesis["feedback"]
