import pytest

from rebuttal_lab.nlp.moves import agrees, dismisses, find_cues, has_evidence, move_strength


def moves_of(text, claim=""):
    exclude = frozenset(h.phrase for h in find_cues(claim))
    return move_strength(find_cues(text), exclude)


@pytest.mark.parametrize(("text", "move"), [
    ("That is simply not true.", "denial"),
    ("Larger studies show no effect on grades.", "counter-evidence"),
    ("For example, my school allowed phones and results rose.", "counter-example"),
    ("The effect is marginal at best.", "mitigation"),
    ("A ban would backfire and make bullying worse.", "turn"),
    ("Granted, some pupils are distracted, but most are not.", "concession-then-answer"),
    ("Correlation does not prove causation.", "warrant"),
    ("Instead of a ban, teach self-control.", "alternative"),
    ("A flat fee is the wrong design.", "denial"),                 # "wrong" anywhere, not only "is wrong"
    ("Nobody who has given for years will feel insulted.", "denial"),
    ("Planning budgets around a shrinking tax is a bad idea.", "denial"),
    ("The sum left over will be much smaller than the headline.", "mitigation"),
    ("The Mexican example is weaker than it looks.", "mitigation"),
    ("By that logic we should tax skiing as well.", "warrant"),   # a reductio of the claim's reasoning
    ("Closing libraries would do more harm than good.", "turn"),
    ("The same money would buy free school meals for every pupil.", "alternative"),
    ("That doesnt match what happened in my city.", "denial"),     # a student's missing apostrophe
    ("Most schools already teach it in PE.", "mitigation"),        # the status quo does it: non-unique
    ("The grammar school point is out of date.", "denial"),
    # the claim taken on its own terms and turned to another conclusion
    ("If every minute really costs ten per cent, then what those minutes need is a defibrillator.", "turn"),
])
def test_each_move_is_detected(text, move):
    strength, moves = moves_of(text)
    assert move in moves
    assert strength >= 1.0


def test_plain_statement_has_no_move():
    assert moves_of("Phones are used by students in schools every day.") == (0.0, [])


def test_weak_cue_counts_half():
    strength, _ = moves_of("Phones are used, but students like them.")
    assert 0 < strength < 1.0


def test_cue_copied_from_the_claim_does_not_count():
    claim = "A ban does not help the strong students."
    assert moves_of(claim, claim)[0] < 1.0
    assert moves_of("It is not true that a ban helps.", claim)[0] >= 1.0


def test_cue_matching_respects_word_boundaries():
    assert moves_of("Notable knowledge notwithstanding.")[0] == 0.0


def test_evidence_from_numbers_sources_and_examples():
    assert has_evidence(find_cues("x"), "Attendance fell by 12% in two years.")
    text = "According to a university survey, pupils disagree."
    assert has_evidence(find_cues(text), text)
    assert not has_evidence(find_cues("I just think it is bad."), "I just think it is bad.")


def test_a_concession_needs_a_pivot_to_be_an_answer():
    agreeing, _ = moves_of("It is true that one bad morning can wreck a grade.")
    answering, moves = moves_of("It is true that one bad morning can wreck a grade, but resits exist for that.")
    assert agreeing < 1.0                     # agreeing alone is not a rebuttal move
    assert "concession-then-answer" in moves and answering >= 1.0


def test_reporting_the_article_answers_it_only_with_a_pivot():
    reporting, _ = moves_of("The article says the levy is the price of a coffee.")
    answering, moves = moves_of("The article says the levy is the price of a coffee, yet families pay it every night.")
    assert reporting < 1.0                    # quoting the article is not answering it
    assert "concession-then-answer" in moves and answering >= 1.0


@pytest.mark.parametrize(("text", "agreeing"), [
    ("I agree with the writer that habitats take decades to restore.", True),
    ("The thing about age ratings is fair as well, a lot of games at my school are rated 18.", True),
    ("I still remember the gorillas, and it's true that kids love seeing them.", True),   # "still" is no turn
    ("It is fair, but it misses the cost to families.", False),                          # a turn
    ("I don't agree with this, because it costs more.", False),                          # negated
    ("This is not convincing at all.", False),
    ("Zoos spend millions on conservation.", False),
    # conceding in other words: "nobody can deny" is no denial, "can't argue" no objection
    ("Nobody can deny that being hit at 40 is worse than at 20, and a third of deaths is a lot.", True),
    ("Honestly I can't really argue with most of this.", True),
    ("It's also true that homework is how my mum knew what I did, because I never told her.", True),
    ("And yes, a few euros is about the price of a coffee.", True),
    ("The sulphur figure is shocking, I had no idea it was that bad.", True),
    ("That is a shocking statistic.", True),
    ("Some of what the writer says is hard to argue with.", True),
    ("This is a really good line and it shows what the argument is about.", True),
    ("The scary number about friends in the car ignores why they are there.", False),
    ("The bit about the meter finding a leak at night is clever too.", True),
    ("The success stories in this article are picked very carefully.", False),   # cherry-picked, not praise
    # praise of the article or its writer agrees with it; a criticism with the same words does not
    ("The article makes some really important points.", True),
    ("The writer has thought carefully about the issue and has used good evidence.", True),
    ("The article ignores an important point about cost.", False),
    ("The article makes good points, but it forgets the cost.", False),
    ("The writer doesn't make a strong case.", False),
    ("The writer is probably right that we forget what we learn only once.", True),
    ("The survival figure shocked me, I didn't realise it was that low.", True),
    ("Overall it is well written and persuasive.", True),
    ("I also like the idea of pupils teaching their families at home.", True),
    ("It is not right that families pay twice for the same thing.", False),   # negated
    # praise added as a clause of its own after the student's point leaves the point standing
    ("Most pupils I know fall asleep by ten once the phone leaves the room, and the article makes some "
     "good points about melatonin.", False),
    ("I read it twice, and the article makes good points.", True),
    ("And yeah, binning thousands of tonnes of food every year is terrible.", True),
    ("I also didn't know shopkeepers get it so wrong about how many of their customers drive.", True),
    ("The research by those three economists sounds pretty solid.", True),
    ("That sounds fair, but the fee falls on the people who can least afford it.", False),   # it turns
    ("So I get why people want this.", True),
    ("I also get the point that the government already tried letting schools sign up.", True),
    ("I get that it costs money, but the trains are faster.", False),
    ("The number of 11 to 16 year olds who've opened loot boxes sounds about right.", True),
    ("It does seem unfair that people in flats paid towards it and got nothing.", True),
])
def test_agreement_without_a_turn(text, agreeing):
    assert agrees(find_cues(text)) is agreeing


def test_a_feeling_without_a_reason_waves_the_claim_away():
    # "it just seems wrong to me" is no reason, so its "but" and "wrong" are no answer
    assert dismisses(find_cues("But I still think short flights should be banned, it just seems wrong to me."))
    assert not dismisses(find_cues("It seems wrong to me because the trains are faster."))
    assert not dismisses(find_cues("It seems wrong to me cos the trains are faster."))
    assert not dismisses(find_cues("It seems wrong to me becuase the trains are faster."))
    assert dismisses(find_cues("The bit about the stars is a bit silly honestly."))
    # a stance kept after conceding, with no reason, is no concession-then-answer
    assert dismisses(find_cues("I still think robots would be fairer than referees though."))
    assert dismisses(find_cues("But I still kind of think schools should decide."))
    assert not dismisses(find_cues("I still think robots would be fairer, because they never get tired."))
    # more waves: wishful thinking, a made-up figure, a guilt trip
    assert dismisses(find_cues("The thing about thousands of children coming back is just wishful thinking."))
    assert dismisses(find_cues("And the pollution number sounds made up to be honest."))
    assert dismisses(find_cues("And the bit about our priorities being backwards is just a guilt trip."))
    assert not dismisses(find_cues("The committee is made up of parents and teachers."))   # "made up of" is no wave
    assert dismisses(find_cues("I'm still not totally sure about switching the whole country over."))
    assert dismisses(find_cues("I'm not really convinced a ban is the answer."))
    assert dismisses(find_cues("And calling a parking charge a tax on illness is just dramatic."))
    assert dismisses(find_cues("The bit about the poor selling their bodies is a bit over the top."))
