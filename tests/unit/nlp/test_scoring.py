import pytest

from rebuttal_lab.nlp.scoring import SCORER_VERSION, score
from rebuttal_lab.nlp.speech import prepare

CLAIMS = [
    {"id": "C1", "text": "The ceasefire will hold because both sides have agreed to negotiations in Geneva."},
    {"id": "C2", "text": "Smartphones fuel bullying in schools."},
    {"id": "C3", "text": "A tourist tax would pay for cleaner beaches and better public transport."},
]
PARAPHRASE = ("The truce is already collapsing. Shelling resumed within a day of the talks opening, and "
              "neither army has pulled back its artillery, so the agreement exists only on paper. A pause "
              "that nobody enforces is not peace; in 2014 a similar deal broke down within a week.")
ECHO = ("The ceasefire will hold because both sides have agreed to negotiations in Geneva. Both sides "
        "agreed to negotiations, so the ceasefire holds.")
OFF_TOPIC = ("Uniforms are expensive and parents struggle with costs every September. Many families "
             "buy second-hand blazers, and some towns have started swap shops.")


def claim(report, cid):
    return next(c for c in report["claims"] if c["id"] == cid)


def test_contract_keys_and_types():
    report = score(CLAIMS, rebuttal=PARAPHRASE)
    assert report["scorer_version"] == SCORER_VERSION
    assert 0.0 <= report["overall"] <= 1.0
    assert set(report["parts"]) == {"breadth", "depth", "evidence"}
    assert [c["id"] for c in report["claims"]] == ["C1", "C2", "C3"]
    for c in report["claims"]:
        assert 0.0 <= c["coverage"] <= 1.0
        assert c["verdict"] in ("rebutted", "touched", "missed")
        assert isinstance(c["evidence"], bool) and isinstance(c["feedback"], str) and c["feedback"]
        for start, end in c["sentences"]:
            assert 0 <= start < end <= len(PARAPHRASE)
        for term, word, how in c["matched"]:
            assert term and word
            assert how in ("exact", "stem", "synonym", "related", "spelling")


def test_paraphrase_in_other_words_is_rebutted():
    c1 = claim(score(CLAIMS, rebuttal=PARAPHRASE), "C1")
    assert c1["verdict"] == "rebutted"
    hows = {how for _, _, how in c1["matched"]}
    assert hows & {"synonym", "related"}          # truce/ceasefire, talks/negotiations
    assert "denial" in c1["moves"] and c1["evidence"]


def test_echo_is_touched_not_rebutted():
    c1 = claim(score(CLAIMS, rebuttal=ECHO), "C1")
    assert c1["verdict"] == "touched"
    assert c1["echo"] is True
    assert "repeat" in c1["feedback"]


SLEEP = [{"id": "S", "text": "A teenager who cannot fall asleep until eleven is not being defiant; he is being fifteen."}]


def test_a_short_counter_figure_is_not_called_a_repeat():
    # the student reuses the claim's words to state another figure: too short to rebut, but no echo of it
    short = claim(score(SLEEP, rebuttal="Most fifteen-year-olds I know fall asleep by ten."), "S")
    assert short["verdict"] == "touched"
    assert "repeat" not in short["feedback"] and "too little" in short["feedback"]


def test_a_copied_claim_with_its_own_figures_is_called_a_repeat():
    # "1970s" is read the same way in the claim as in the answer, so the copy brings no figure of its own
    claims = [{"id": "S", "text": "Sweden built a dozen reactors in the 1970s and 80s and now has one of the "
                                  "cleanest grids."},
              {"id": "W", "text": "Wind farms take up far more land than a reactor site."}]
    copied = claim(score(claims, rebuttal=claims[0]["text"]), "S")
    assert copied["verdict"] == "touched" and "repeat" in copied["feedback"]


def test_a_faint_push_back_is_not_called_a_repeat():
    faint = claim(score(SLEEP, rebuttal="Actually plenty of teenagers fall asleep by half nine if they put their "
                                        "phones away."), "S")
    assert faint["verdict"] == "touched" and faint["moves"] == ["counter-evidence"]
    assert "faintly" in faint["feedback"]


def test_off_topic_is_missed():
    report = score(CLAIMS, rebuttal=OFF_TOPIC)
    assert [c["verdict"] for c in report["claims"]] == ["missed"] * 3
    assert report["overall"] == 0.0


def test_one_shared_word_in_an_off_topic_text_is_never_a_rebuttal():
    report = score(CLAIMS, rebuttal="School " + OFF_TOPIC.lower())   # "school" meets "schools" in C2
    assert claim(report, "C2")["verdict"] != "rebutted"
    assert claim(report, "C2")["coverage"] < 0.5


def test_one_line_wave_is_only_touched():
    text = PARAPHRASE + " As for bullying, phones are not the problem."
    c2 = claim(score(CLAIMS, rebuttal=text), "C2")
    assert c2["verdict"] == "touched"


def test_speech_spans_point_into_the_rebuttal():
    report = score(CLAIMS, rebuttal=OFF_TOPIC + "\n\n" + PARAPHRASE)
    c1 = claim(report, "C1")
    assert c1["sentences"] and all(start >= len(OFF_TOPIC) for start, _ in c1["sentences"])


def test_flow_mode_scores_each_claim_against_its_own_answer():
    answers = {"C1": PARAPHRASE, "C3": "Beaches are already clean."}
    report = score(CLAIMS, answers=answers)
    c1, c2, c3 = report["claims"]
    assert c1["verdict"] == "rebutted"
    assert c2["verdict"] == "missed" and c2["sentences"] == []
    assert all(end <= len(PARAPHRASE) for _, end in c1["sentences"])
    # the same paraphrase filed under another claim does not answer that one
    assert score(CLAIMS, answers={"C3": PARAPHRASE})["claims"][2]["verdict"] == "missed"


def test_breadth_is_share_rebutted():
    report = score(CLAIMS, rebuttal=PARAPHRASE)
    rebutted = sum(c["verdict"] == "rebutted" for c in report["claims"])
    assert report["parts"]["breadth"] == pytest.approx(rebutted / 3, abs=1e-3)


@pytest.mark.parametrize("rebuttal", [None, "", "   \n\n ", "?!?!", "asdf qwer zxcv " * 50,
                                      "Der Waffenstillstand hält nicht. Die Gespräche sind gescheitert.",
                                      "停火不会持续。谈判已经失败。", "🙂" * 200, "\x00\x01 weird \ufffd bytes"])
def test_odd_input_never_crashes(rebuttal):
    report = score(CLAIMS, rebuttal=rebuttal)
    assert all(c["verdict"] == "missed" for c in report["claims"])


def test_odd_claims_never_crash():
    report = score([{"id": "x", "text": ""}, {"id": "y"}, {"id": "z", "text": "!!!"}], rebuttal=PARAPHRASE)
    assert [c["verdict"] for c in report["claims"]] == ["missed"] * 3
    assert score([], rebuttal=PARAPHRASE)["claims"] == []


def test_huge_rebuttal_is_handled():
    text = (PARAPHRASE + "\n\n" + OFF_TOPIC + "\n\n") * 300   # about 25,000 words
    report = score(CLAIMS, rebuttal=text)
    assert claim(report, "C1")["verdict"] == "rebutted"


def test_deterministic():
    assert score(CLAIMS, rebuttal=PARAPHRASE) == score(CLAIMS, rebuttal=PARAPHRASE)


# Cases from the labelling rules (resources/eval/README.md): an answer needs a reason, not length.
TAX = [{"id": "A", "text": "A tourist tax of five euros a night would raise forty million euros a year for the city."},
       {"id": "B", "text": "Visitors wear out the streets, parks and public toilets that residents pay for."},
       {"id": "C", "text": "Hotels in Barcelona kept filling up after the tax was introduced."}]


@pytest.mark.parametrize(("text", "cid", "verdict"), [
    ("The claim that the tax would raise forty million a year is just wrong.", "A", "touched"),
    ("The article says the tax would raise forty million a year but never says where that number "
     "comes from.", "A", "touched"),
    ("I can believe visitors wear out the streets and parks.", "B", "touched"),
    ("The forty million figure assumes nobody stays away, but a five euro charge pushes budget "
     "travellers to cheaper towns nearby.", "A", "rebutted"),
    ("Barcelona is a bad example: in Venice hotel bookings fell by a tenth in the first year after its "
     "entry fee.", "C", "rebutted"),
])
def test_bare_objections_are_touched_and_reasoned_answers_rebutted(text, cid, verdict):
    assert claim(score(TAX, rebuttal=text), cid)["verdict"] == verdict


def test_one_pointed_sentence_answers_a_short_claim():
    report = score([{"id": "a", "text": "Phones fuel bullying in schools."}],
                   rebuttal="Bullying does not stop at the gate: most harassment happens at night, "
                            "so a ban barely dents it.")
    assert report["claims"][0]["verdict"] == "rebutted"


STUDY = [{"id": "P4", "text": "Several studies of schools that introduced bans found test scores rose after the ban, "
                              "with the largest gains among the lowest-achieving pupils."},
         {"id": "P6", "text": "Third, phones fuel bullying."}]


def test_flow_row_answer_need_not_repeat_the_claim():
    answer = "Not true: the reviews found no effect once other school changes were counted."
    assert score(STUDY, answers={"P4": answer})["claims"][0]["verdict"] == "rebutted"
    # the same words in a speech do not name the claim plainly enough
    assert score(STUDY, rebuttal=answer)["claims"][0]["verdict"] != "rebutted"


def test_flow_row_bare_objection_is_touched_with_advice():
    p4 = score(STUDY, answers={"P4": "Not true."})["claims"][0]
    assert p4["verdict"] == "touched"
    assert "reason" in p4["feedback"]


def test_flow_row_unrelated_paragraph_is_not_part_of_the_answer():
    answer = "Not true."
    padded = answer + "\n\nPenguins never huddle in winter; for example the males hunt far out at sea, because 9 in 10 do."
    assert score(STUDY, answers={"P4": padded})["claims"][0]["verdict"] == "touched"


LONG = [{"id": "L1", "text": "Schools should replace most end-of-year exams with assessed coursework: essays, "
                             "investigations, projects and practical tasks, set and marked across the year and "
                             "checked by moderators from outside the school."},
        {"id": "L2", "text": "Phones fuel bullying."},
        {"id": "L3", "text": "Teachers already have too much marking."},
        {"id": "L4", "text": "Exams reward a lucky morning."}]


def test_a_long_claim_is_named_by_a_few_of_its_words():
    """A student names a long claim by some of its words; the share needed does not grow without end."""
    speech = ("Swapping exams for coursework would be a mistake, because projects marked by a pupil's own "
              "teacher are easier to inflate, and in 2021 teacher-assessed grades rose by a record amount.")
    c = score(LONG, rebuttal=speech)["claims"][0]
    assert c["verdict"] == "rebutted", c
    assert {"exams", "coursework"} <= {m[0] for m in c["matched"]}
    off_topic = "Our canteen should sell fruit instead of crisps, because pupils eat better when it is cheap."
    assert score(LONG, rebuttal=off_topic)["claims"][0]["verdict"] != "rebutted"


AGE_RATINGS = [{"id": "A", "text": "Many of the most popular competitive games carry PEGI age ratings of 16 or 18."}]


def test_agreeing_with_a_claim_is_not_rebutting_it():
    # the example from the student's school supports the claim; a concession with no turn answers nothing
    agreeing = ("The point about age ratings is fair as well, a lot of the games people at my school play are "
                "rated 18 and year 7 pupils probably shouldn't be playing them.")
    turning = ("The point about age ratings is fair, but ratings are advice for parents, not a law, and school "
               "leagues already pick games rated 12 such as Rocket League.")
    conceded = score(AGE_RATINGS, rebuttal=agreeing)["claims"][0]
    assert conceded["verdict"] == "touched"
    assert conceded["feedback"].startswith("You agree with this claim without answering it")
    assert score(AGE_RATINGS, rebuttal=turning)["claims"][0]["verdict"] == "rebutted"


def test_sentences_after_an_agreement_go_on_granting_the_point_until_the_student_turns():
    claims = [{"id": "S", "text": "The person who paid to see the stage should not have to watch it through a "
                                  "stranger's screen."}]
    granted = ("I'll admit a lot of this makes sense. I've been stuck behind someone filming a whole set and it "
               "really does ruin it, you end up watching their screen instead of the stage.")
    conceded = claim(score(claims, rebuttal=granted), "S")
    assert conceded["verdict"] == "touched" and conceded["moves"] == []   # "instead of" is no alternative here
    assert conceded["feedback"].startswith("You agree with this claim without answering it")
    # the run ends where the student turns: the answer after "But" is the student's own
    turned = granted + (" But a screen at a gig is only a problem at the front, and venues already put up "
                        "signs asking people to film for one song, which works without any law.")
    assert claim(score(claims, rebuttal=turned), "S")["verdict"] == "rebutted"
    # or where the student denies outright, "but" or not: students do not always write it before their answer
    answered = prepare("I accept that a universal scheme would cost billions. Doing nothing is not free either.")
    assert [s.silent for s in answered.sentences] == [True, False]
    # and at the paragraph's end, or at an opener (an agreeing opener leads no run: its section is its own)
    apart = prepare("I'll admit a lot of this makes sense.\n\nYou end up watching their screen instead of the stage.")
    assert [s.silent for s in apart.sentences] == [True, False]
    opener = prepare("As for the survey, the trial sounds convincing. You end up watching a screen instead of a stage.")
    assert [s.silent for s in opener.sentences] == [True, False]
    # "still" that tells of time is no turn ("he still talks about it"); the student's own "still" is
    told = prepare("I'll admit the point about ratings is fair. My brother was on a team at college and he still "
                   "talks about it.")
    assert [s.silent for s in told.sentences] == [True, True]
    held = prepare("I'll admit the point about ratings is fair. Still, a team at college is a different thing "
                   "from a sport.")
    assert [s.silent for s in held.sentences] == [True, False]


def test_a_restated_claim_ranks_above_one_touched_in_passing():
    claims = [{"id": "A", "text": "Phones in class distract pupils from their lessons."},
              {"id": "B", "text": "A ban would cut cyberbullying during the school day."}]
    echo = score(claims, rebuttal="Phones in class distract pupils from their lessons, as the article says.")
    passing = score(claims, rebuttal="A ban would not cut cyberbullying, because most of it happens at night "
                                     "at home, and pupils in class are not the ones sending it.")
    restated, brushed = echo["claims"][0], passing["claims"][0]
    assert restated["verdict"] == brushed["verdict"] == "touched"
    assert restated["coverage"] > brushed["coverage"] + 0.1


def test_sentences_that_rebut_two_claims_count_for_the_one_they_name_plainly():
    claims = [{"id": "A", "text": "A three-euro levy would raise about twelve million euros a year for the city."},
              {"id": "B", "text": "A small charge that pays for cleaner, calmer streets improves the very experience "
                                  "they came for."}]
    rebuttal = ("The levy will never raise twelve million euros a year, because many nights go undeclared and "
                "hotels will cut room prices, so the charge will pay for far less street cleaning than the headline.")
    revenue, streets = score(claims, rebuttal=rebuttal)["claims"]
    assert revenue["verdict"] == "rebutted"
    assert streets["verdict"] == "touched" and streets["sentences"] == revenue["sentences"]
    assert "another one more plainly" in streets["feedback"]
    assert streets["coverage"] < 0.5


BREAKFAST = [
    {"id": "A", "text": "Pupils who skip breakfast struggle to concentrate in morning lessons."},
    {"id": "B", "text": "A free breakfast club costs the school almost nothing to run, because parents volunteer "
                        "to staff it."},
    {"id": "C", "text": "Teachers notice the difference by the end of the first week."},
]


def test_a_section_signposted_as_the_answer_to_a_claim_rebuts_it():
    # The second sentence shares "breakfast clubs" with claim B, which it matches better than A, but the
    # speech said it was answering the worry about concentration.
    speech = ("First, the worry about concentration. A pupil who has not eaten can still focus for an hour, and "
              "studies of school breakfast clubs found no change in test results in the first year. As for the "
              "club costing nothing, parents who volunteer drift away after a term, so the school ends up paying "
              "staff to run it.")
    report = score(BREAKFAST, rebuttal=speech)
    focus, cost = claim(report, "A"), claim(report, "B")
    assert focus["verdict"] == "rebutted" and cost["verdict"] == "rebutted"
    assert len(focus["sentences"]) == 2 and focus["sentences"][0][0] == 0


def test_an_opener_that_quotes_one_of_two_claims_it_matches_answers_that_one():
    # The opener shares "lessons", "child" and "Year 5" with A, and "child", "behind" and "lesson" with B: about as
    # much. It repeats "lessons for every child who" from A, so its section answers A; B is not rebutted by it.
    claims = [{"id": "A", "text": "Top-up lessons for every child who has not reached 25 metres by Year 5 would end "
                                  "the swimming lottery."},
              {"id": "B", "text": "The children left behind are precisely those whose parents cannot afford a "
                                  "lesson."}]
    speech = ("Second, they promise extra lessons for every child who is still behind in Year 5. A nine year old "
              "who is still frightened after a whole term won't be cured by four more sessions squeezed in before "
              "the summer, because fear needs small groups and patient teaching.")
    report = score(claims, rebuttal=speech)
    assert claim(report, "A")["verdict"] == "rebutted"
    assert claim(report, "B")["verdict"] != "rebutted"


def test_a_signposted_claim_made_of_everyday_and_shared_words_is_named_by_its_opener():
    # "few", "years", "look" are everyday words and "toilet", "pads", "paper" are shared with the other claims:
    # no word of P is its own, but the opener says which claim the section answers, and the section matches it
    claims = [{"id": "P", "text": "Within a few years a toilet without free pads would look as odd as one without "
                                  "paper."},
              {"id": "Q", "text": "Schools already hand out toilet paper and soap without a second thought."},
              {"id": "R", "text": "Free pads in every toilet would cost less than a few pounds a year for each "
                                  "pupil."}]
    speech = ("As for the promise that in a few years a toilet without pads will look strange, look at our own "
              "school toilets. The paper runs out by lunch, the soap is empty and the hand dryers are broken half "
              "the year, so the dispensers will be empty or smashed, not normal.")
    assert claim(score(claims, rebuttal=speech), "P")["verdict"] == "rebutted"


DOG_BEACHES = [
    {"id": "M", "text": "Dogs should be kept off the town's beaches from May to September.", "motion": True},
    {"id": "A", "text": "Dog mess on the sand spreads roundworm eggs to the small children who dig in it."},
    {"id": "B", "text": "A summer ban would cost the seafront cafes the dog walkers who buy breakfast there every "
                        "morning."},
]


def test_a_speech_that_opens_with_a_proposal_of_its_own_answers_none_of_the_claims():
    # It argues for lifeguards, not about dogs: its words about cafes, families and breakfast answer nothing
    elsewhere = ("Our council should pay for more lifeguards at the coves. At the moment only the harbour has "
                 "one, so families who swim at the quieter coves have nobody watching them, and last August two "
                 "children had to be pulled out of a rip current. The seafront cafes would gain too, because "
                 "families would stay all day instead of going home after breakfast.")
    report = score(DOG_BEACHES, rebuttal=elsewhere)
    assert not any(c["verdict"] == "rebutted" for c in report["claims"])
    assert claim(report, "B")["feedback"].startswith("Your speech argues for a proposal of its own")
    # a proposal set against the thesis takes it on, sooner or later in the thesis's own words
    counter = ("Owners should be trusted to clean up after their animals. Keeping dogs off the beaches from May to "
               "September punishes the many owners who carry bags for the few who do not, so the council should "
               "fine those few instead.")
    report = score(DOG_BEACHES, rebuttal=counter)
    assert claim(report, "M")["verdict"] == "rebutted"
    assert not any(c["feedback"].startswith("Your speech argues") for c in report["claims"])


def test_a_signposted_answer_needs_no_cue_word_but_agreeing_is_no_answer():
    # no denial, example or reason cue: the signpost says which claim the student answers
    answer = "a secondary teacher sees two hundred pupils a week and learns their names around half term."
    signposted = claim(score(BREAKFAST, rebuttal="As for the idea that teachers notice the difference within a "
                                                 "week, " + answer), "C")
    assert signposted["verdict"] == "rebutted" and signposted["moves"] == []
    assert signposted["feedback"].startswith("Well answered (with evidence);")   # no empty move list shown
    assert claim(score(BREAKFAST, rebuttal=answer.capitalize()), "C")["verdict"] != "rebutted"
    agreeing = "As for the idea that teachers notice the difference within a week, that is fair enough."
    assert claim(score(BREAKFAST, rebuttal=agreeing), "C")["verdict"] == "touched"


def test_retelling_the_article_makes_no_move_until_the_student_turns_on_it():
    claims = [{"id": "E", "text": "Estonia only manages online voting because it is a tiny country where everyone "
                                  "carries an ID card."}]
    retold = ("The article also says that Estonia only manages online voting because it is tiny and everyone "
              "carries an ID card, so it would not work in a big country.")
    told = claim(score(claims, rebuttal=retold), "E")
    assert told["verdict"] == "touched" and told["moves"] == []      # "not", "only", "so" are the writer's
    turned = ("The article also says Estonia only manages it because it is tiny, but Canada has no national ID "
              "card at all, and hundreds of Canadian towns have run online elections for years, so size is not "
              "what makes it work.")
    assert claim(score(claims, rebuttal=turned), "E")["verdict"] == "rebutted"


def test_a_signposted_echo_is_still_only_a_touch():
    # a signpost says which claim is answered, but repeating the claim's words is no answer
    claims = [{"id": "C", "text": "Teachers notice the difference in pupils by the end of the first week."}]
    speech = ("As for the idea that teachers notice the difference in pupils by the end of the first week, teachers "
              "notice the difference in pupils, pupils notice the difference in teachers, and by the end of the "
              "first week the difference shows in pupils and teachers alike, in every classroom and every "
              "corridor of the building.")
    echoed = claim(score(claims, rebuttal=speech), "C")
    assert echoed["echo"] and echoed["verdict"] == "touched"


def test_a_claim_named_only_to_wave_at_it_is_not_rebutted_by_another_answer():
    # the first sentence shares the teachers claim's words; the student named that claim only to wave at it
    speech = ("Pupils who skip breakfast can still concentrate, because when teachers compared morning lessons "
              "they found no difference in test scores by the end of the first week. The bit about teachers "
              "noticing a difference is just silly.")
    assert claim(score(BREAKFAST, rebuttal=speech), "C")["verdict"] == "touched"


def test_naming_a_claim_only_to_wave_at_it_is_still_a_touch():
    report = score(BREAKFAST, rebuttal="The bit about teachers noticing a difference is just silly.")
    assert claim(report, "C")["verdict"] == "touched"


def test_a_speech_that_opens_with_its_own_stance_answers_the_motion():
    claims = [{"id": "M", "text": "Every primary school should open a free breakfast club before lessons.",
               "motion": True}] + BREAKFAST[:2]
    speech = ("I think primary schools should leave breakfast to families. A club that feeds every child costs "
              "money that would be better spent on reading support, and the families who struggle in the "
              "mornings need help at home instead.")
    assert claim(score(claims, rebuttal=speech), "M")["verdict"] == "rebutted"
    # the same words without the opening stance answer the motion's reasons, not the motion
    plain = speech.replace("I think primary schools should leave breakfast to families. ", "")
    assert claim(score(claims, rebuttal=plain), "M")["verdict"] != "rebutted"


# A point of an article for legal graffiti walls and an answer to it: what the speech's other sentences (a
# stance, a courtesy, a preface) do to that answer.
LEGAL_WALL = {"id": "C", "text": "A legal wall, by contrast, costs next to nothing."}
WALL_ANSWER = ("Saying a legal wall costs next to nothing ignores what happens once people start using it. "
               "Someone from the council has to clear up the empty cans every week, check the site for broken "
               "ladders and answer the neighbours' complaints.")
# The thesis of an article for car-free Sundays, one of its points, and an answer to that point alone.
CAR_FREE = [{"id": "M", "text": "The city centre should be closed to private cars on the first Sunday of every month.",
             "motion": True},
            {"id": "W", "text": "People who walk to a high street spend up to 40 per cent more there each month than "
                                "those who drive."}]
WALKERS_ANSWER = ("The figure about walkers spending more is stretched past what it shows. Those walkers are locals "
                  "who live round the corner, and a family from the suburbs who cannot park will not walk in, they "
                  "will shop at the retail park.")


def answer_after(opening: str) -> dict:
    """The legal wall's verdict when the speech opens with `opening` before the answer."""
    return claim(score([LEGAL_WALL], rebuttal=opening + WALL_ANSWER), "C")


def test_a_bare_stance_before_an_answer_does_not_take_the_answer_from_its_claim():
    claims = [{"id": "M", "text": "Every town should set aside a legal graffiti wall for young painters.", "motion": True},
              LEGAL_WALL,
              {"id": "V", "text": "Painted walls are left alone by vandals because people respect finished work."}]
    assert claim(score(claims, rebuttal=WALL_ANSWER), "C")["verdict"] == "rebutted"
    # "I think this plan is a mistake." says where the student stands; the sentences after it still answer C
    report = score(claims, rebuttal="I think this plan is a mistake. " + WALL_ANSWER)
    stance = claim(report, "C")
    assert stance["verdict"] == "rebutted"
    assert len(stance["sentences"]) == 2
    # and the thesis is waved at, not dropped: the student named it and is told what is missing
    thesis = claim(report, "M")
    assert thesis["verdict"] == "touched" and thesis["feedback"].startswith("You say where you stand")


def test_a_bare_stance_before_answers_to_the_articles_points_waves_at_the_motion():
    answer = WALKERS_ANSWER.replace("cannot park will", "cannot park in the centre will")
    bare = score(CAR_FREE, rebuttal="I think this proposal is a mistake. " + answer)
    # the stance gives no reason of its own against the proposal: the motion is touched, the point answered
    assert claim(bare, "M")["verdict"] == "touched" and claim(bare, "W")["verdict"] == "rebutted"
    stance = "I think closing the centre is a mistake, because the buses cannot cope. "
    assert claim(score(CAR_FREE, rebuttal=stance + answer), "M")["verdict"] == "rebutted"
    # a courtesy before the stance changes nothing: the stance still opens the speech
    def read(report: dict) -> list:
        return [(c["verdict"], c["coverage"], len(c["sentences"])) for c in report["claims"]]
    for opening in ("I think this proposal is a mistake. ", stance):
        plain, courteous = (score(CAR_FREE, rebuttal=first + opening + answer) for first in ("", "Thank you, chair. "))
        assert read(plain) == read(courteous), opening


def test_a_bare_closing_line_sums_up_and_answers_no_claim():
    # "So I think ..." as the last sentence closes the speech as "For all these reasons" does
    for closing in (" For all these reasons, I oppose the motion.", " So I think this proposal is a mistake."):
        report = score(CAR_FREE, rebuttal=WALKERS_ANSWER + closing)
        walkers = claim(report, "W")
        assert walkers["verdict"] == "rebutted"
        assert all(end <= len(WALKERS_ANSWER) for _, end in walkers["sentences"]), closing   # not part of it
        assert claim(report, "M")["verdict"] != "rebutted", closing


def test_a_courtesy_or_a_preface_before_an_answer_answers_no_claim():
    for opening in ("Thank you, chair. ", "The writer makes some good points, but I still disagree. "):
        answered = answer_after(opening)
        assert answered["verdict"] == "rebutted"
        assert all(start >= len(opening) for start, _ in answered["sentences"]), opening
    assert [s.signpost for s in prepare("Thanks to the new law, fares fell.").sentences] == [""]


def test_a_numbered_or_bulleted_list_reads_as_the_same_speech():
    items = ["First, the figure about walkers spending more is stretched past what it shows.",
             "Those walkers are locals who live round the corner, and a family from the suburbs who cannot park will "
             "not walk in.",
             "Second, the idea that a legal wall costs next to nothing.",
             "Someone from the council has to clear up the empty cans every week and check the site for broken "
             "ladders."]

    def read(text: str) -> list:
        return [(c["verdict"], c["coverage"], len(c["sentences"])) for c in score(CAR_FREE + [LEGAL_WALL],
                                                                                 rebuttal=text)["claims"]]
    plain = read(" ".join(items))
    assert plain[1][0] == plain[2][0] == "rebutted"
    # "2." is no figure and "- " no word: the marks leave the signposts and the answers as they were
    assert read("\n".join(f"{n}. {item}" for n, item in enumerate(items, 1))) == plain
    assert read("\n".join(f"- {item}" for item in items)) == plain


def test_blank_lines_between_single_sentences_are_line_breaks_not_paragraphs():
    claims = [{"id": "C", "text": "A legal wall, by contrast, costs next to nothing."}]
    sentences = ["Saying a legal wall costs next to nothing ignores what happens once people start using it.",
                 "Someone from the council has to clear up the empty cans every week and check the site for broken "
                 "ladders.",
                 "That is a wage, a van and an insurance policy, every year the wall stays open."]
    as_one = claim(score(claims, rebuttal=" ".join(sentences)), "C")
    spaced = claim(score(claims, rebuttal="\n\n".join(sentences)), "C")
    assert as_one["verdict"] == spaced["verdict"] == "rebutted"
    assert len(spaced["sentences"]) == 3
    # points set off as paragraphs of their own keep their bounds
    assert [s.paragraph for s in prepare("One point. It goes on.\n\nAnother point. It goes on too.").sentences] \
        == [0, 0, 1, 1]


def test_waving_a_claim_away_is_a_touch_and_a_reason_makes_it_an_answer():
    claims = [{"id": "T", "text": "Someone old enough to pay income tax on a Saturday wage is old enough to vote."}]
    waved = ("It is fair that if you have a Saturday job and pay income tax you should get a say. "
             "I'm still just not sure about it though, sixteen feels really young to me.")
    answered = ("Paying income tax on a Saturday wage is not the test for voting, because pensioners and "
                "students vote without paying any, and most sixteen-year-olds earn too little to pay it at all.")
    touched = claim(score(claims, rebuttal=waved), "T")
    assert touched["verdict"] == "touched"
    assert touched["feedback"].startswith("You agree with this claim without answering it")
    assert claim(score(claims, rebuttal=answered), "T")["verdict"] == "rebutted"
    doubt_only = claim(score(claims, rebuttal="I doubt that paying income tax on a Saturday wage makes "
                                               "anyone old enough to vote, it is silly."), "T")
    assert doubt_only["verdict"] == "touched" and "without a reason" in doubt_only["feedback"]


def test_a_sentence_copied_from_the_article_makes_no_move():
    article = ("A Levy Worth Keeping\n\nSugary drinks should carry a tax, and the money should go to school sport. "
               "Critics say the levy hurts poorer families, but the answer is to make fruit cheaper in corner "
               "shops, not to scrap the levy. Prices of water and milk stayed the same in every town that tried it.")
    claims = [{"id": "F", "text": "the answer is to make fruit cheaper in corner shops, not to scrap the levy"}]
    copied = ("Critics say the levy hurts poorer families, but the answer is to make fruit cheaper in corner shops, "
              "not to scrap the levy. That is the best line in the whole article and the writer backs it up well.")
    answered = ("Making fruit cheaper in corner shops will not help, because families on low incomes already "
                "skip fruit for reasons of time, not price, as the 2019 food survey found.")
    assert claim(score(claims, rebuttal=copied, article=article), "F")["verdict"] == "touched"
    assert claim(score(claims, rebuttal=answered, article=article), "F")["verdict"] == "rebutted"


def test_saying_the_status_quo_already_does_it_answers_a_claim():
    claims = [{"id": "L", "text": "Every school should be made to teach first aid to pupils by law."},
              {"id": "X", "text": "Lunch breaks have been cut short in many secondary schools."}]
    answer = "Most schools already teach first aid to pupils in PE lessons, so a law would add paperwork and change little."
    assert claim(score(claims, rebuttal=answer), "L")["verdict"] == "rebutted"
    assert claim(score(claims, rebuttal=answer.replace("already ", "")), "L")["verdict"] == "touched"


def test_a_signposted_answer_is_not_an_echo_for_the_claim_its_opener_restates():
    # "As for X, ..." restates the claim to name it; whether the answer is new is judged on what follows
    claims = [{"id": "R", "text": "Two hours out of roughly a thousand hours of lessons a year is a rounding error, not "
                                  "a burden."},
              {"id": "S", "text": "Pupils who learn chest compressions at school are twice as likely to help a "
                                  "stranger who collapses."},
              {"id": "T", "text": "Every secondary school should teach first aid to every pupil every year."}]
    speech = ("As for two hours of lessons a year being a rounding error, every charity and campaign group says the "
              "same about its own cause, and a crowded timetable fills up one small slot at a time.")
    answered = claim(score(claims, rebuttal=speech), "R")
    assert not answered["echo"] and answered["verdict"] == "rebutted"
    # "First," is not the naming clause: the clause after it is
    first = speech.replace("As for two hours of lessons a year being", "First, the idea that two hours of lessons a "
                           "year are")
    answered = claim(score(claims, rebuttal=first), "R")
    assert not answered["echo"] and answered["verdict"] == "rebutted"
