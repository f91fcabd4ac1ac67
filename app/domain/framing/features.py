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
- ``credit:*``: what reads as an observation (a number or date, praise, the speaker's own side,
  round 8: the impact a hand-off has on the next team, "…, so Facilities finds …"), weighed at
  zero or below.

Extraction is pure: the stemmer is an algorithm, the lexicon and weights come in as arguments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from app.domain.framing import lexicon as lex
from app.domain.framing.rules import BLAME_CODES, WEIGHTS, Hit
from app.domain.framing.text import Doc, Party
from app.domain.stemming import stem

NO_NEXT_STEP: Final = "no_next_step"
TONE_OTHER: Final = "tone:other"
TONE_SELF: Final = "tone:self"
STEM_PREFIX: Final = "stem:"
# Credits count in a text's favour: the model holds their weights at zero or below.
CREDIT_PREFIX: Final = "credit:"
CREDIT_SPECIFIC: Final = "credit:specific"
CREDIT_PRAISE: Final = "credit:praise"
CREDIT_OWN: Final = "credit:own"
CREDIT_IMPACT: Final = "credit:impact"
PRAISE_OTHER: Final = "tone:praise_other"
MOCK_TWIST: Final = "tone:mock_twist"
# VADER rates words from -4 to +4; below this a word reads as clearly negative.
NEGATIVE_VALENCE: Final = -0.5
POSITIVE_VALENCE: Final = 1.8
VALENCE_SCALE: Final = 4.0
NEGATION_WINDOW: Final = 3
# Lexicon keys for a stem's rating ("~forget"); no token starts with "~", so none collides.
STEM_KEY: Final = "~"
MIN_STEMMED_LENGTH: Final = 4
# Sarcastic praise opens its sentence: "Oh great, ...", "What a brilliant idea from ...".
OPENING_WORDS: Final = 3
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


@dataclass(frozen=True)
class Evidence:
    """One weighed signal: ``feature`` keys the model's weight, ``code`` names the reason."""

    feature: str
    code: str
    start: int
    end: int
    strength: float = 1.0
    note: str = ""


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
        if _acronym(tok.text) or tok.bare in doc.teams:
            continue  # "PO" is a purchase order, not VADER's slang for "poor" (round 5); "Risk"
            # or "Demand Planning" is a department, not a mood (round 8)
        score = rating(valence, tok.text.lower())
        if score is None or score > NEGATIVE_VALENCE or _negated(doc, i) or remedied(doc, i):
            continue
        if reassures(doc, i, valence) or (i > 0 and reassures(doc, i - 1, valence)):
            continue  # "No worries on timing", "zero wrong packs": a reassurance, a gain (round 9)
        feature = TONE_OTHER if _about_others(doc, tok.start) else TONE_SELF
        out.append(
            Evidence(feature, "negative_tone", tok.start, tok.end, round(-score / VALENCE_SCALE, 3))
        )
    return out


def wording(
    doc: Doc, valence: Mapping[str, float], known: Mapping[str, float] | None = None
) -> list[Evidence]:
    """Content words as stem features; with ``known``, only stems it weighs above zero.

    Words the lexicon rates clearly (tone, praise) are left to those features, so one word never
    shows as two reasons.
    """
    out: list[Evidence] = []
    seen: set[str] = set()
    for tok in doc.tokens:
        low = tok.text.lower()
        if low in STEM_STOPWORDS or tok.bare in doc.names or tok.bare in doc.teams:
            continue
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


def credits(doc: Doc, valence: Mapping[str, float], *, asks: bool) -> list[Evidence]:
    """What reads as an observation: a number or date, praise, the speaker owning a problem.

    Praise of another team in a text that asks for nothing is not credited but weighed as
    possible sarcasm ("Great job, Ops, shipping the wrong pallets").
    """
    out: list[Evidence] = []
    counts = [(c.start(), c.end()) for c in lex.REPEAT_COUNT.finditer(doc.norm)]
    for m in lex.SPECIFICS.finditer(doc.norm):
        # "twice already", "the first four times" count repetitions: no observation.
        # Round 14: without an ask, a time that only sets the scene is no observation; in an
        # ask, "in the weekly pipeline call" makes the proposal concrete.
        if any(a <= m.start() < b for a, b in counts) or (not asks and _scene(doc.norm, m)):
            continue
        out.append(Evidence(CREDIT_SPECIFIC, "specific_fact", m.start(), m.end()))
        break
    for m in lex.IMPACT.finditer(doc.norm):
        # Observation -> impact (round 8): "…, so Facilities finds double bookings". Not inside
        # a question: "…, so why does Legal …?" scores a point.
        _, end = doc.sentence_at(m.start())
        if not doc.norm[:end].rstrip().endswith("?"):
            out.append(Evidence(CREDIT_IMPACT, "states_impact", *_trim(m)))
            break
    mocked = False
    for i, tok in enumerate(doc.tokens):
        # Praise: exact forms only ("live" takes no rating from "lively", round 5).
        score = valence.get(tok.text.lower(), 0.0)
        if score < POSITIVE_VALENCE or _negated(doc, i) or tok.bare in doc.teams:
            continue
        if _in_compound(doc, tok.start, tok.end) or attributive(doc, i):
            continue  # "hand" in "hand-overs" is no praise, whatever the lexicon says of "hand";
            # nor "positive" in "Treasury's positive balance" (round 9)
        if not asks and _opens_sentence(doc, i) and _about_others(doc, tok.start):
            # Counted once: "Great job, wonderful timing" is one sarcastic remark, not two.
            if not mocked:
                out.append(Evidence(PRAISE_OTHER, "mock_praise", tok.start, tok.end))
                out += _twist(doc, tok.end)
            mocked = True
        else:
            strength = round(score / VALENCE_SCALE, 3)
            out.append(Evidence(CREDIT_PRAISE, "positive_tone", tok.start, tok.end, strength))
    for start, end in doc.sentences:
        toks = doc.tokens_between(start, end)
        if toks and toks[0].text.lower() in lex.SUBORDINATORS:
            toks = toks[1:]  # round 8: "When we promise custom onboarding, …": we own it
        subject = doc.first_subject(toks)
        if subject.party is Party.SELF and subject.token is not None:
            tok = subject.token
            if lex.STANCE.match(doc.norm, tok.start):
                continue  # "I'm sure Finance ...", "I appreciate X, but": a stance, no ownership
            out.append(Evidence(CREDIT_OWN, "owns_it", tok.start, tok.end))
            break
    return out


def _trim(m: re.Match[str]) -> tuple[int, int]:
    """The span of an ``IMPACT`` match without its comma and the spaces around it ("so")."""
    text = m.group()
    lead = len(text) - len(text.lstrip(",;- \t"))
    return m.start() + lead, m.start() + len(text.rstrip())


def rating(valence: Mapping[str, float], word: str) -> float | None:
    """The lexicon's valence of ``word``, or of its Snowball stem when the exact form is missing.

    VADER rates "ignored" and "blames" but not "forgets", "skips" or "ghosts"; the stem entries
    (``STEM_KEY`` + stem, written by ``framing.model.with_stems``) let a rated form lend its
    rating to the other forms of the same word.
    """
    score = valence.get(word)
    if score is None and len(word) >= MIN_STEMMED_LENGTH:
        score = valence.get(STEM_KEY + stem(word))
    return score


def remedied(doc: Doc, i: int) -> bool:
    """Whether a verb of remedy ("fixed", "caught", "flagged") stands up to ``NEGATION_WINDOW``
    words before token ``i`` in its clause: the bad thing was dealt with (round 5)."""
    tok = doc.tokens[i]
    start, _ = doc.sentence_at(tok.start)
    before = [t for t in doc.tokens[max(i - NEGATION_WINDOW, 0) : i] if t.start >= start]
    return any(
        t.text.lower() in lex.REMEDY and not lex.CLAUSE_BREAK.search(doc.norm, t.end, tok.start)
        for t in before
    )


def attributive(doc: Doc, i: int) -> bool:
    """Whether the praise word at token ``i`` names a kind of thing rather than praising a team
    (round 9): after a determiner ("the happy path") or before a noun of measure ("offer
    acceptance rate", "Treasury's positive balance"). Exclaimed praise opens with the praise
    word ("Great job", "Brilliant work") or follows "what a"."""
    tok = doc.tokens[i]
    start, end = doc.sentence_at(tok.start)
    before = doc.tokens[i - 1] if i > 0 and doc.tokens[i - 1].start >= start else None
    after = doc.tokens[i + 1] if i + 1 < len(doc.tokens) and doc.tokens[i + 1].end <= end else None
    if (
        before is not None
        and before.text.lower() in lex.ATTRIBUTIVE_BEFORE
        and not lex.CLAUSE_BREAK.search(doc.norm, before.end, tok.start)
    ):
        return True
    return after is not None and after.text.lower() in lex.MEASURE_NOUNS


def reassures(doc: Doc, i: int, valence: Mapping[str, float]) -> bool:
    """Whether token ``i`` is "no" or "zero" before a negative word ("no worries", "no
    problem", "zero wrong packs"): the two make a reassurance or a gain, and "no" carries no
    tone of its own (round 9)."""
    if doc.tokens[i].text.lower() not in ("no", "zero") or i + 1 >= len(doc.tokens):
        return False
    nxt = doc.tokens[i + 1]
    score = rating(valence, nxt.text.lower())
    adjacent = not doc.norm[doc.tokens[i].end : nxt.start].strip()
    return score is not None and score <= NEGATIVE_VALENCE and adjacent


def _acronym(word: str) -> bool:
    """A short all-caps word that is not a shouted English word ("PO", "QA", not "BAD")."""
    return word.isupper() and len(word) <= lex.ACRONYM_MAX_LETTERS and word not in lex.SHOUT_WORDS


def _twist(doc: Doc, after: int) -> list[Evidence]:
    """The turn that makes opening praise sarcastic, later in the same sentence ("Perfect timing,
    Data migrated the warehouse in quarter-end week")."""
    _, end = doc.sentence_at(after)
    m = lex.SARCASM_TWIST.search(doc.norm, after, end)
    return [Evidence(MOCK_TWIST, "sarcasm", m.start(), m.end())] if m else []


# Round 14: a number or date that only sets the scene is no observation: a clock time ("at 6pm
# on launch day"), a room or model code ("3C"), a habit ("on a Friday afternoon"), a period
# naming a thing ("the monthly deck", "the month-end pack"). Counts, durations, dates and
# figures stay credited.
# A letter after a number is a code ("3C"), not a magnitude or a generation ("10K", "5G").
_CLOCK_OR_CODE: Final = re.compile(r"\s?(?:am|pm)\b|[AC-FHIJLN-SU-Z]\b", re.IGNORECASE)
_HABIT_BEFORE: Final = re.compile(r"\b(?:a|every)\s+$", re.IGNORECASE)
_THING_BEFORE: Final = re.compile(
    r"\b(?:a|an|every|the|our|their|its|his|her|my|your|this|that)\s+$", re.IGNORECASE
)
_WEEKDAYS: Final = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
_FREQUENCIES: Final = frozenset(["daily", "weekly", "monthly", "quarterly", "nightly"])
_PERIODS: Final = frozenset(["week", "month", "quarter", "year"])  # "month-end", not "two-hour"


def _scene(norm: str, m: re.Match[str]) -> bool:
    """Whether the number or date ``m`` only sets the scene (see ``_CLOCK_OR_CODE``)."""
    word = m.group().lower()
    before = norm[max(0, m.start() - 8) : m.start()]
    if word[:1].isdigit():
        after = norm[m.end() : m.end() + 4]
        code = _CLOCK_OR_CODE.match(after)
        return code is not None and (
            code.group().strip().lower() in ("am", "pm") or after[:1].isupper()
        )
    if word.rstrip("s") in _WEEKDAYS:
        return _HABIT_BEFORE.search(before) is not None
    if word in _FREQUENCIES or (word in _PERIODS and norm[m.end() : m.end() + 1] == "-"):
        # "the monthly deck", "the month-end pack": a thing named by its period
        return _THING_BEFORE.search(before) is not None
    return False


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


def _in_compound(doc: Doc, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is one part of a hyphenated compound."""
    return doc.norm[end : end + 1] == "-" or (start > 0 and doc.norm[start - 1] == "-")


def _opens_sentence(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is among the first words of its sentence ("Oh great, ...")."""
    start, _ = doc.sentence_at(doc.tokens[i].start)
    return len(doc.tokens_between(start, doc.tokens[i].start)) < OPENING_WORDS


def _negated(doc: Doc, i: int) -> bool:
    """Whether a negator stands within ``NEGATION_WINDOW`` words before token ``i``, in the same
    clause: "not answering, very bad" does not negate "bad" (round 5)."""
    start, _ = doc.sentence_at(doc.tokens[i].start)
    before = [t for t in doc.tokens[max(i - NEGATION_WINDOW, 0) : i] if t.start >= start]
    return any(
        (t.text.lower() in lex.NEGATORS or t.text.lower() == "without" or t.text.endswith("n't"))
        and not lex.CLAUSE_BREAK.search(doc.norm, t.end, doc.tokens[i].start)
        for t in before
    )


def _about_others(doc: Doc, pos: int) -> bool:
    """Whether the sentence at ``pos`` names another team, role or participant."""
    start, end = doc.sentence_at(pos)
    return any(
        doc.party_of(tok) in (Party.OTHER, Party.PERSON) for tok in doc.tokens_between(start, end)
    )
