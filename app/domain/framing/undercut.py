"""Forms that say less than, or the opposite of, their words (rounds 5 and 6).

- ``form:irony``: praise of another team undercut in the same or the next sentence, by a
  negative word or an irony cue ("even", "only … this time", "give or take"), in a text that
  asks for nothing;
- ``form:coda``: irony the other way round: a short closing sentence of praise or approval
  ("Very helpful.", "Cool.", "Visionary.") after a negative sentence about another team, in a text
  that asks for nothing;
- ``form:remark``: a remark that points at another team without saying what is wrong
  ("Interesting that X found time for …", "Funny how …", "Noted that …", "Let's hope X …",
  "…, for a change", "Totally fine, …", "Fingers crossed"), in a text that asks for nothing.

Split from ``framing.forms`` in round 16; ``forms.evidence`` calls them. Pure: the lexicon comes
in as an argument.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from app.domain.framing import lexicon as lex
from app.domain.framing.reading import (
    NEGATIVE_VALENCE,
    OPENING_WORDS,
    POSITIVE_VALENCE,
    Evidence,
    attributive,
    others_in,
    valences,
)
from app.domain.framing.text import Doc, Party

# A closing sentence this short can be a deadpan verdict ("Very helpful.", "Problem solved,
# technically.").
CODA_MAX_WORDS: Final = 4
# Approval milder than praise still reads as irony in a coda ("Cool.", "Very secure.", "fine").
CODA_VALENCE: Final = 0.7
_CODA_WORDS: Final = re.compile(
    r"\b(?:consistent|efficient|forward-thinking|visionary|bold|classic|noted|solved|sorted|"
    r"impressive|inspiring|brilliant|genius|progress|innovative|productive|reassuring)\b",
    re.IGNORECASE,
)
_REMARK: Final = re.compile(
    r"\b(?:interesting(?:ly)?|funny|curious|fascinating|amazing|remarkable|noted|good\s+to\s+know|"
    r"nice\s+to\s+(?:see|know))(?:,)?\s+(?:that|how)\b|\blet'?s\s+(?:just\s+)?hope\b|"
    r"\bfingers\s+crossed\b|\bfor\s+a\s+change\b|\btotally\s+fine\b|\bno\s+worries\b|"
    r"\byou\s+know,\s+the\b|\bsome\s+(?:teams|people|departments)\s+\w+",
    re.IGNORECASE,
)

# VADER rates praise from about +1.8 ("nice", "helpful") up.
PRAISE_VALENCE: Final = POSITIVE_VALENCE

NEGATIVE_WORD: Final = NEGATIVE_VALENCE


def irony(doc: Doc, valence: Mapping[str, float]) -> list[Evidence]:
    """Praise of another team undercut in the same or the next sentence, in a text that asks for
    nothing: "Another award-winning release from Engineering. Only three hotfixes this time."

    Spans the praise and the undercut (``lex.IRONY_CUE``), so the reason shows both. Sincere
    praise ("Thanks to Payroll for fixing the bonus run within a day") has no undercut.
    """
    for i, (start, end) in enumerate(doc.sentences):
        praise = _praise(doc, start, end, valence)
        if praise is None:
            continue
        scope = doc.sentences[i + 1][1] if i + 1 < len(doc.sentences) else end
        toks = doc.tokens_between(start, scope)
        if not toks or not others_in(doc, toks):
            continue
        opening = len(doc.tokens_between(start, praise[0])) < OPENING_WORDS
        if opening and doc.search(lex.SARCASM_TWIST, praise[1], end):
            return []  # "Perfect timing, Data migrated … in quarter-end week": ``mock_twist``
        cue = doc.search(lex.IRONY_CUE, praise[1], scope)
        if cue:
            return [Evidence("form:irony", "irony", praise[0], cue.end())]
        after = doc.tokens_between(praise[1], scope)
        for tok, score in zip(after, valences(doc, after, valence), strict=True):
            if score <= NEGATIVE_WORD:
                return [Evidence("form:irony", "irony", praise[0], tok.end)]
    return []


def coda(doc: Doc, valence: Mapping[str, float]) -> list[Evidence]:
    """A short sentence of verdict after a negative sentence about another team, in a text that
    asks for nothing: approval that is irony the other way round ("… two days after the audit.
    Very helpful.") or a one-line verdict ("… in the analyst prep. Careless."; round 6).

    Sincere thanks after good news ("Field Service covered both visits. Great work.") has no
    negative sentence before it; a problem someone fixed is no negative (``remedied``).
    """
    for i, (start, end) in enumerate(doc.sentences[1:], start=1):
        toks = doc.tokens_between(start, end)
        if not toks or len(toks) > CODA_MAX_WORDS or doc.norm[start:end].rstrip().endswith("?"):
            continue
        if doc.first_subject(toks).party is Party.SELF:
            continue  # "We lose deals.": the impact on us, not a verdict on them
        scores = valences(doc, toks, valence)
        damning = min(scores) <= NEGATIVE_WORD
        approving = max(scores) >= CODA_VALENCE or doc.search(lex.PRAISE_PHRASE, start, end)
        if not (damning or approving or doc.search(_CODA_WORDS, start, end)):
            continue
        before = doc.tokens_between(doc.sentences[0][0], doc.sentences[i - 1][1])
        if not before or not others_in(doc, before):
            continue
        if damning or sum(valences(doc, before, valence)) < 0:
            return [Evidence("form:coda", "coda", toks[0].start, toks[-1].end)]
    return []


def remark(doc: Doc) -> list[Evidence]:
    """A pointed remark about another team that names no problem: "Interesting that Payroll can
    find time for a new portal but not …", "Let's hope IR reads the brief this time" (round 6)."""
    for start, end in doc.sentences:
        m = doc.search(_REMARK, start, end)
        if m and others_in(doc, doc.tokens_between(start, end)):
            return [Evidence("form:remark", "remark", m.start(), m.end())]
    # A closing remark after a sentence about another team: "… this time. Fingers crossed."
    if len(doc.sentences) < 2 or not (m := doc.search(_REMARK, *doc.sentences[-1])):
        return []
    if others_in(doc, doc.tokens_between(doc.sentences[0][0], doc.sentences[-1][0])):
        return [Evidence("form:remark", "remark", m.start(), m.end())]
    return []


def _praise(doc: Doc, start: int, end: int, valence: Mapping[str, float]) -> tuple[int, int] | None:
    """The first praise in ``[start, end)``: a word VADER rates +1.8 or more that no negator
    precedes, or a praise phrase it lacks ("spot on", "award-winning")."""
    m = doc.search(lex.PRAISE_PHRASE, start, end)
    toks = doc.tokens_between(start, end)
    scores = valences(doc, toks, valence)
    for tok, score in zip(toks, scores, strict=True):
        if m and m.start() <= tok.start:
            break
        if score < PRAISE_VALENCE or attributive(doc, doc.index(tok)):
            continue
        if tok.bare not in doc.teams and not tok.text.isupper():
            return tok.start, tok.end
    return m.span() if m else None
