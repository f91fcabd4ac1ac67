"""Credits: what reads as an observation, weighed at zero or below by the model.

A number or date (``credit:specific``), praise (``credit:praise``), the speaker's own side
(``credit:own``) and the impact a hand-off has on the next team (``credit:impact``, round 8:
"…, so Facilities finds …"). Praise of another team in a text that asks for nothing is not
credited but weighed as possible sarcasm (``tone:praise_other``, with its twist
``tone:mock_twist``). Split from ``framing.features`` in round 15; the features are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from app.domain.framing import lexicon as lex
from app.domain.framing.reading import (
    POSITIVE_VALENCE,
    VALENCE_SCALE,
    Evidence,
    about_others,
    attributive,
    in_compound,
    negated,
    opens_sentence,
)
from app.domain.framing.text import Doc, Party

# Credits count in a text's favour: the model holds their weights at zero or below.
CREDIT_PREFIX: Final = "credit:"
CREDIT_SPECIFIC: Final = "credit:specific"
CREDIT_PRAISE: Final = "credit:praise"
CREDIT_OWN: Final = "credit:own"
CREDIT_IMPACT: Final = "credit:impact"
PRAISE_OTHER: Final = "tone:praise_other"
MOCK_TWIST: Final = "tone:mock_twist"


def credits(doc: Doc, valence: Mapping[str, float], *, asks: bool) -> list[Evidence]:
    """What reads as an observation: a number or date, praise, the speaker owning a problem.

    Praise of another team in a text that asks for nothing is not credited but weighed as
    possible sarcasm ("Great job, Ops, shipping the wrong pallets").
    """
    out: list[Evidence] = []
    counts = [(c.start(), c.end()) for c in doc.finditer(lex.REPEAT_COUNT)]
    for m in doc.finditer(lex.SPECIFICS):
        # "twice already", "the first four times" count repetitions: no observation.
        # Round 14: without an ask, a time that only sets the scene is no observation; in an
        # ask, "in the weekly pipeline call" makes the proposal concrete.
        if any(a <= m.start() < b for a, b in counts) or (not asks and _scene(doc.norm, m)):
            continue
        out.append(Evidence(CREDIT_SPECIFIC, "specific_fact", m.start(), m.end()))
        break
    for m in doc.finditer(lex.IMPACT):
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
        if score < POSITIVE_VALENCE or negated(doc, i) or tok.bare in doc.teams:
            continue
        if in_compound(doc, tok.start, tok.end) or attributive(doc, i):
            continue  # "hand" in "hand-overs" is no praise, whatever the lexicon says of "hand";
            # nor "positive" in "Treasury's positive balance" (round 9)
        if not asks and opens_sentence(doc, i) and about_others(doc, tok.start):
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


def _twist(doc: Doc, after: int) -> list[Evidence]:
    """The turn that makes opening praise sarcastic, later in the same sentence ("Perfect timing,
    Data migrated the warehouse in quarter-end week")."""
    _, end = doc.sentence_at(after)
    m = doc.search(lex.SARCASM_TWIST, after, end)
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
