"""Evidence read in its context (rounds 7-9 of the framing check, docs/FRAMING.md).

The same cue means different things beside different company: praise of another team is sincere
beside a gain the text reports ("arrived in four days instead of six weeks") and irony beside a
negative word ("the wrong country, right on time"); a stock reminder beside a plan ahead
announces, beside a grievance it needles. These functions re-key ``Evidence`` (``…|gain``,
``…|plain``) so that training weighs each reading apart, while the reason code and span shown
to the writer stay the same. ``check.gather_evidence`` applies them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Final

from app.domain.framing import credits, reading
from app.domain.framing import lexicon as lex
from app.domain.framing.reading import Evidence
from app.domain.framing.rules import BLAME_CODES
from app.domain.framing.text import Doc

# Round 6: capitals in a text that asks for something are weighed as their own feature
# (``rule:all_caps|ask``): over a deadline or a number in a request they stress, in a text that
# only vents they shout. Round 9: a stock sarcastic phrase or a disclaimer in a request, too.
ASK_CONTEXT: Final = "|ask"
IN_CONTEXT: Final = frozenset({"rule:all_caps", "rule:sarcasm", "rule:disclaimer"})
# Round 8: opening praise of another team that nothing in the text undercuts is weighed as
# ``tone:praise_other|plain``; round 9: a stock passive-aggressive phrase or a disclaimer beside a
# plan ahead, in a text with nothing negative in it ("As previously agreed, Fleet will swap the
# two oldest vans in September."), as ``…|plain``.
PLAIN_CONTEXT: Final = "|plain"
# Round 9: praise of another team beside a reported gain ("… in four days instead of six weeks",
# "two days early"): ``…|gain``.
GAIN_CONTEXT: Final = "|gain"
# Round 10: a curt verdict or a coda in a text that reports the remedy under way ("Data pipeline
# 2 days late. Fix in progress."): ``…|remedy`` (``under_way``).
REMEDY_CONTEXT: Final = "|remedy"
# Evidence of irony: a number in a text with any of these earns no ``specific_fact`` credit.
# Round 7: so does one whose subject is a named colleague doing us harm (``named_subject``) or one
# that blames a named person: "Kofi left the paperwork unsigned … for eight days".
IRONIC_CODES: Final = frozenset(
    {"sarcasm", "mock_praise", "irony", "coda", "remark", "scare_quotes"}
    | {"named_subject", "person_blamed"}
)


def plain_praise(found: list[Evidence]) -> bool:
    """Whether the only irony in ``found`` is praise of another team, with nothing negative."""
    ironic = {e.code for e in found if e.code in IRONIC_CODES}
    return ironic == {"mock_praise"} and not any(e.code == "negative_tone" for e in found)


def backed_praise(doc: Doc, found: list[Evidence], valence: Mapping[str, float]) -> str:
    """The gain (``reported_gain``) beside praise of another team or staged delight ("Love
    that …"), when the only irony in ``found`` is that praise and what may undercut it
    (``irony``, the twist after the praise) and no word in the text is negative; "" otherwise.
    A stock sarcastic phrase, a coda or a remark is irony of its own, and a negative word
    beside the gain ("the wrong country, right on time") is the joke."""
    if not any(e.code in ("mock_praise", "irony") or _delight(doc, e) for e in found):
        return ""
    if any(e.code in IRONIC_CODES and not _backable(doc, e) for e in found):
        return ""
    if any(e.code == "negative_tone" for e in found):
        return ""  # "Excellent work from Ops, the pallets reached the wrong country right on time."
    return reported_gain(doc, valence)


def reported_gain(doc: Doc, valence: Mapping[str, float]) -> str:
    """A gain the text reports (round 9): time saved or a deadline beaten (``lex.GAIN``) or,
    round 15, an outcome that helped (``reading.helped``), a
    smaller count instead of a larger one ("in three days instead of nine"), or "zero"/"no"
    before a negative word ("zero wrong packs", "no outage tickets"); "" when there is none."""
    if m := doc.search(lex.GAIN) or reading.helped(doc):
        return m.group().strip()
    for m in doc.finditer(lex.INSTEAD_OF_COUNT):
        a, b = (_count(m.group(g)) for g in ("a", "b"))
        if a is not None and b is not None and a < b:
            return m.group()
    for i, tok in enumerate(doc.tokens[:-1]):
        if tok.text.lower() in ("zero", "no") and reading.reassures(doc, i, valence):
            return f"{tok.text} {doc.tokens[i + 1].text}"
    return ""


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else lex.COUNTS.get(word.lower())


_BACKABLE: Final = frozenset({credits.PRAISE_OTHER, credits.MOCK_TWIST, "form:irony"})


def _delight(doc: Doc, e: Evidence) -> bool:
    """Whether ``e`` is staged delight opening its sentence ("Love how …", "Love that …")."""
    return (
        e.feature == "rule:sarcasm"
        and bool(lex.DELIGHT_OPENER.fullmatch(doc.norm, e.start, e.end))
        and not doc.tokens_between(doc.sentence_at(e.start)[0], e.start)
    )


def _backable(doc: Doc, e: Evidence) -> bool:
    return e.feature in _BACKABLE or _delight(doc, e)


def backed(doc: Doc, e: Evidence, gain: str) -> Evidence:
    if not _backable(doc, e):
        return e
    note = f'beside a gain: "{gain}"' if e.code in ("mock_praise", "sarcasm") else e.note
    return replace(e, feature=e.feature + GAIN_CONTEXT, note=note)


# Round 9: what makes a text negative, beside which a stock passive-aggressive phrase or a
# disclaimer is weighed as itself ("Friendly reminder that …" alone is not ``…|plain``).
_STOCK: Final = frozenset({"rule:passive_aggressive", "rule:disclaimer"})
_NEGATIVE_CODES: Final = (
    (BLAME_CODES - {"passive_aggressive"})
    | IRONIC_CODES
    | {"repeated", "team_negative", "concession", "intensified", "presumption", "loaded_question"}
    | {"all_caps", "venting", "insult", "hyperbole", "absolute_claim", "generalisation"}
    | {"curt_verdict", "excess_punctuation", "unsupported", "distancing"}
)


def plain_stock(doc: Doc, found: list[Evidence]) -> list[Evidence]:
    """``found`` with a stock passive-aggressive phrase or a disclaimer keyed ``…|plain`` when
    the text announces a plan or schedule ahead (``lex.FORWARD``) and nothing else in it is
    negative: "As previously agreed, Fleet Management will swap out the two oldest vans in
    September." announces; "As previously agreed, Fleet was to swap the vans in May. Still
    waiting." needles (round 9). Round 19: so does news of a thing done or delivered
    (``lex.SETTLED``): "Per my previous message, the invoice is now paid, thanks Finance."
    """
    if any(e.code in _NEGATIVE_CODES for e in found):
        return found
    stock = [(e.start, e.end) for e in found if e.feature in _STOCK]
    news = [*doc.finditer(lex.FORWARD), *doc.finditer(lex.SETTLED)]
    ahead = [m for m in news if not any(a <= m.start() < b for a, b in stock)]
    if not ahead:
        return found
    return [
        replace(e, feature=e.feature + PLAIN_CONTEXT) if e.feature in _STOCK else e for e in found
    ]


def plain(e: Evidence) -> Evidence:
    if e.feature == credits.PRAISE_OTHER:
        return replace(e, feature=credits.PRAISE_OTHER + PLAIN_CONTEXT)
    return e


# Round 10: the curt shapes a status update shares with a verdict.
_UPDATE_SHAPES: Final = frozenset({"rule:curt_verdict", "form:coda"})


def under_way(doc: Doc, found: list[Evidence]) -> list[Evidence]:
    """``found`` with a curt verdict or a coda keyed ``…|remedy`` when the text reports the
    remedy under way (``lex.UNDER_WAY``): "Dashboards down since Tuesday. Data Platform
    investigating." updates; "Transport missed 3 pickups. Patients stranded. Their doing."
    judges. Training weighs the two readings apart; the reason and its span stay the same.
    Round 15: so is a remedy done or an outcome that helped (``lex.HELPED``): "Payroll penalty
    rates fixed. Thanks, Ravi." reports, not judges."""
    if m := doc.search(lex.UNDER_WAY):
        note = f'beside work under way: "{m.group()}"'
    elif m := reading.helped(doc):
        note = f'beside an outcome that helped: "{m.group()}"'
    else:
        return found
    return [
        replace(e, feature=e.feature + REMEDY_CONTEXT, note=note)
        if e.feature in _UPDATE_SHAPES
        else e
        for e in found
    ]


def in_context(e: Evidence, *, asks: bool) -> Evidence:
    """``e`` keyed by whether its text asks for something (see ``ASK_CONTEXT``)."""
    if asks and e.feature in IN_CONTEXT:
        return replace(e, feature=e.feature + ASK_CONTEXT)
    return e
