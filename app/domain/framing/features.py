"""Evidence for the learned framing model: rule hits, negative tone and learned wording.

Every feature the model weighs is tied to a span of the input (or, for ``no_next_step``, to the
whole text), so the verdict stays explainable: the reasons shown to a user are exactly the
evidence that was summed. Three kinds:

- ``rule:<code>``: a hit of the hand-written span rules in ``framing.rules`` (hedged hits count
  half);
- ``tone:other`` / ``tone:self``: a word the VADER sentiment lexicon rates clearly negative
  ("ugly", "lying", "mess"), unless negated; ``other`` when its sentence is about another team or a
  named person, so a plain negative fact about us ("we lost two renewals") weighs less;
- ``stem:<stem>``: a word, reduced by the Snowball English stemmer ("hoards" -> "hoard", see
  ``app.domain.stemming``), that the training corpus found to signal complaint framing; only
  stems with a positive learned weight ever become evidence;
- ``credit:*``: what reads as an observation, weighed at zero or below (``framing.credits``).

How a single word reads (its rating, negation, who it is about) is ``framing.reading``.
Extraction is pure: the stemmer is an algorithm, the lexicon and weights come in as arguments.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from app.domain.framing import lexicon as lex
from app.domain.framing.credits import CREDIT_OWN, CREDIT_SPECIFIC, credits
from app.domain.framing.reading import (
    NEGATIVE_VALENCE,
    POSITIVE_VALENCE,
    VALENCE_SCALE,
    Evidence,
    about_others,
    acronym,
    in_compound,
    negated,
    outcomes,
    rating,
    reassures,
    remedied,
    trade_noun,
    unharmed,
)
from app.domain.framing.rules import BLAME_CODES, WEIGHTS, Hit
from app.domain.framing.text import Doc
from app.domain.stemming import stem

NO_NEXT_STEP: Final = "no_next_step"
TONE_OTHER: Final = "tone:other"
TONE_SELF: Final = "tone:self"
STEM_PREFIX: Final = "stem:"

# Function words carry grammar, not framing; names and team names carry who, not how.
STEM_STOPWORDS: Final = frozenset(
    (  # noqa: SIM905
        "a an the and or but of to in on at by for from with into about as is are was were be been "
        "it its this that these those i we you he she they me us him her them my our your "
        "their his have has had do does did will would can could should may might shall "
        "one ones off over without after"
    ).split()
)

# Rule codes whose span is a whole sentence: the words inside still count on their own, so the
# reasons show "late" and "ugly", not only "this sentence is a verdict".
SENTENCE_CODES: Final = frozenset(
    {"generalisation", "rhetorical_question", "pointed_question", "curt_verdict"}
)
# Sentence-wide codes inside which a number or date earns no credit.
UNCREDITED_CODES: Final = frozenset({"rhetorical_question"})
# Reason codes this module produces (the rules' codes are the keys of ``WEIGHTS``).
CODES: Final = frozenset(
    {"negative_tone", "loaded_wording", "mock_praise", "specific_fact", "positive_tone", "owns_it"}
    | {"states_impact"}
)


# Round 9: capitals on a date, a day or a time ("by FRIDAY", "CLOSED Monday") are weighed as
# ``rule:all_caps|date``, in a request or not. The other contexts a reason is weighed in
# (``…|ask``, ``…|plain``, ``…|gain``, ``…|remedy``) are keyed in ``context``.
DATE_CONTEXT: Final = "|date"


def from_rules(hits: list[Hit]) -> list[Evidence]:
    """Rule hits as evidence; a hedged hit (half its rule weight) counts half."""
    out = []
    for hit in hits:
        if hit.code == NO_NEXT_STEP:
            out.append(Evidence(NO_NEXT_STEP, NO_NEXT_STEP, -1, -1))
            continue
        strength = round(hit.weight / WEIGHTS[hit.code], 3)
        feature = f"rule:{hit.code}"
        if hit.code == "all_caps" and hit.note == lex.SCHEDULE_NOTE:
            feature += DATE_CONTEXT  # round 9: "by FRIDAY", "CLOSED Monday"
        out.append(Evidence(feature, hit.code, hit.start, hit.end, strength, hit.note))
    return out


def tone(doc: Doc, valence: Mapping[str, float]) -> list[Evidence]:
    """Clearly negative words (VADER lexicon) that no nearby "not"/"no" negates."""
    out: list[Evidence] = []
    for i, tok in enumerate(doc.tokens):
        if acronym(tok.text) or tok.bare in doc.teams:
            continue  # "PO" is a purchase order, not VADER's slang for "poor" (round 5); "Risk"
            # or "Demand Planning" is a department, not a mood (round 8)
        score = rating(valence, tok.text.lower())
        if score is None or score > NEGATIVE_VALENCE or negated(doc, i) or remedied(doc, i):
            continue
        if unharmed(doc, tok.start):
            continue  # "nobody was hurt" (round 19)
        if trade_noun(doc, i):
            continue
        if reassures(doc, i, valence) or (i > 0 and reassures(doc, i - 1, valence)):
            continue  # "No worries on timing", "zero wrong packs": a reassurance, a gain (round 9)
        feature = TONE_OTHER if about_others(doc, tok.start) else TONE_SELF
        out.append(
            Evidence(feature, "negative_tone", tok.start, tok.end, round(-score / VALENCE_SCALE, 3))
        )
    return out


def _counts_next(doc: Doc, end: int) -> bool:
    """Whether a count follows at ``end`` ("only one bid", "only 3 of 40 sites")."""
    word = doc.norm[end:].split(maxsplit=1)[:1]
    return bool(word) and (word[0][:1].isdigit() or word[0].lower() in lex.COUNTS)


def wording(
    doc: Doc, valence: Mapping[str, float], known: Mapping[str, float] | None = None
) -> list[Evidence]:
    """Content words as stem features; with ``known``, only stems it weighs above zero.

    Words the lexicon rates clearly (tone, praise) are left to those features, so one word never
    shows as two reasons.
    """
    out: list[Evidence] = []
    seen: set[str] = set()
    gains = [m.span() for m in outcomes(doc)]
    for tok in doc.tokens:
        low = tok.text.lower()
        if low in STEM_STOPWORDS or tok.bare in doc.names or tok.bare in doc.teams:
            continue
        if any(a <= tok.start < b for a, b in gains):
            continue  # round 15: "again" in "running again", "just" in "it just works"
        if low == "even" and lex.BAR_LOWERED.match(doc.norm, tok.start):
            continue  # round 15: "even a rough one" lowers the bar of a request (as forms reads)
        if low == "only" and (_counts_next(doc, tok.end) or in_compound(doc, tok.start, tok.end)):
            continue  # round 19: "only one bid", "only 3 of 40 sites": a count, told plainly;
            # round 20: "read-only", a state
        if not tok.text.isalpha() and "'" not in tok.text:
            continue
        rated = rating(valence, low) or 0.0
        if lex.SPECIFICS.fullmatch(tok.text) or not NEGATIVE_VALENCE < rated < POSITIVE_VALENCE:
            continue  # numbers, dates and rated words are weighed as credits or tone
        feature = STEM_PREFIX + stem(low)
        if feature in seen or (known is not None and known.get(feature, 0.0) <= 0.0):
            continue
        seen.add(feature)
        out.append(Evidence(feature, "loaded_wording", tok.start, tok.end))
    return out


def gather(
    doc: Doc,
    hits: list[Hit],
    toned: list[Evidence],
    valence: Mapping[str, float],
    known: Mapping[str, float] | None,
    *,
    asks: bool,
) -> list[Evidence]:
    """All evidence for one text: rule hits first, then tone and wording outside their spans.

    A word inside a rule's span is already explained by that rule; counting it again would show
    the user the same excerpt twice.
    """
    ruled = from_rules(hits)
    spans = [(e.start, e.end) for e in (*ruled, *toned) if e.start >= 0]
    words = [w for w in wording(doc, valence, known) if (w.start, w.end) not in spans]
    cues = [e for e in (*toned, *words, *credits(doc, valence, asks=asks)) if not _inside(e, ruled)]
    if not asks and any(e.code in BLAME_CODES for e in ruled):
        # "Sales never tells us about discounts. We redo invoices.": beside blame aimed at
        # another side, in a text that asks for nothing, "we" is the one wronged, not the one
        # owning the problem (round 4). With an ask, "we" proposes a joint step and is credited.
        cues = [e for e in cues if e.feature != CREDIT_OWN]
    return ruled + cues


def _inside(e: Evidence, ruled: list[Evidence]) -> bool:
    """Whether a rule's span already explains ``e``. A number inside a rhetorical question is
    no credit: "Why does Finance need three weeks ...?" is not an observation."""
    return any(
        r.start <= e.start and e.end <= r.end
        for r in ruled
        if r.start >= 0
        and (
            r.code not in SENTENCE_CODES
            or (r.code in UNCREDITED_CODES and e.feature == CREDIT_SPECIFIC)
        )
    )
