"""The scorer's thresholds and weights in one place. They are general rules chosen on the development
set, never fitted to particular texts; change SCORER_VERSION in scoring.py whenever one changes.
"""

# Thresholds on the match m (share of the claim's weight found; 60% of it counts as a full match).
FULL_MATCH_SHARE = 0.6
M_ANCHOR = 0.25        # a sentence this close to a claim is about that claim
ANCHOR_RATIO = 0.6     # ...unless another claim matches it more than 1/0.6 times as well
NAMING_RATIO = 0.7     # a signposted opener names its best claim unless another matches it 0.7 times as well
NAMING_RUN = 2         # ...or, of those, the one it quotes in the longest run holding this many content words (2026.11-41)
M_TOUCH = 0.2          # below this the claim is missed (dropped)
M_FAINT = 0.15         # below this a shared word or two is coincidence: coverage 0 (and a signposted opener
                       # names no claim: align.sections)
M_REBUT = 0.35         # a rebuttal must also name the claim clearly enough...
M_REBUT_CONTEXT = 0.45  # ...and more so when words of its context can add to the match (2026.11-8)
MIN_NEW_WORDS = 5      # a one-line wave brings fewer new content words than this
LONG_ANSWER_WORDS = 12  # ...and an objection this developed counts as reasoned without a reason cue
PASSING_TOUCH = 0.4    # a touched claim that is not echoed ranks lower in its band (2026.11-14)
OUTSHONE = 0.8         # a claim rebutted by sentences that rebut another claim better is touched (2026.11-15)
QUOTE_WORDS = 4        # a rebuttal sentence whose runs of this many words found in the article...
QUOTE_SHARE = 0.6      # ...cover this share of it copies the article: its cues are no moves (2026.11-21)
MIN_FULL_TERMS = 3     # see match_claim
MAX_FULL_TERMS = 8     # ...and never more than the worth of this many (2026.11-9)
MAX_WINDOW = 3         # sentences that may be read together when matching a claim
OWNED_DISCOUNT = 0.3   # a claim's words in a sentence that answers another claim count 30% (half before 2026.11-8)
MAX_CONTINUATION = 3   # sentences after a claim's sentence (or a section's opener) that go on answering it
SHORT_OPENER = 10      # words: an opener this short that names no claim names one with the sentence after it
COURTESY_WORDS = 8     # a sentence this short that opens with a courtesy ("Thank you, chair.") answers nothing
LITERAL = ("exact", "stem", "spelling")   # matches that repeat the claim's own words
DISTINCTIVE = 0.6      # share of the top weight that makes a word distinctive of its claim
PLACE_PREPOSITIONS = frozenset({"in", "at", "across", "among", "within", "throughout", "around", "inside"})
SETTING_WEIGHT = 0.5   # see setting_terms
WEAK_WEIGHT = 0.35     # everyday words ("people", "make") count this much of a normal word
SINGLE_TERM = 0.8
# Words that open a sentence by pointing back at the one before ("It assumes...", "This ignores...", "So the
# sum left over..."): such a sentence goes on answering what the sentence before it answered.
BACK_POINTERS = frozenset({"it", "this", "that", "these", "those", "such", "so", "because", "hence", "thus"})
# A claim's context (context.py): the article sentences around the quote that belong to its argument. Their
# words match a rebuttal at CONTEXT_WEIGHT of a claim word's worth, and add to a match without adding to
# the claim's size (2026.11-8).
CONTEXT_BEFORE = 1
CONTEXT_AFTER = 1
CONTEXT_WEIGHT = 0.5
CONTEXT_NAMES = 2          # context words that, with one of the claim's own, name the claim (judge._names_claim)
CONTEXT_NAMES_ALONE = 4    # ...or that name it on their own
# Words in at least half of the article's paragraphs are its topic (context.article_topic): in a claim they
# weigh TOPIC_WEIGHT of a normal word, as words many claims share do (2026.11-8).
TOPIC_SHARE = 0.5
TOPIC_WEIGHT = 0.5
# The motion (context.motion_flags) is looked for in the article's first third (2026.11-8).
MOTION_REACH = 1 / 3
# The verbs that make a sentence a recommendation: the motion (context.motion_flags) is the first such claim,
# and claim suggestions count them (suggest.SIGNALS).
# PROPOSING leaves out "has to", which also says what is necessary ("A year of service does not have to be a year
# without pay"): a speech's own proposal (scoring._argues_another_motion) needs should, must...
PROPOSING = r"should|must|ought to|needs? to"
RECOMMENDING = PROPOSING + r"|has to|have to"

# A speech whose first sentence recommends within this many opening words, and which never touches the thesis,
# argues a motion of its own (scoring._argues_another_motion; 2026.11-44, -45).
PROPOSAL_OPENING = 8
