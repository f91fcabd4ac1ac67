"""The form of a complaint, independent of its words (round 4).

The span rules and learned word stems know the wording the corpus holds; fresh wording slipped
past them. These features read the *shape* a complaint takes, whatever its words, each tied to
the sentence (or words) that show it, so a flag still names its spans:

- ``form:team_negative``: a sentence about another team or person whose VADER sentiment
  (summed, normalised like VADER's compound) is negative, in a text that asks for nothing;
- ``form:question``: a question about another team or person, or a negative one, in a text that
  asks for nothing (rhetorical questions in general, not a list of openers);
- ``form:concession``: a politeness or concession marker ("I appreciate", "I know", "to be fair",
  "with respect", "I'm sure") followed by "but / however / though" and a negative or blaming
  clause;
- ``form:repeated``: "always / never / again / still / every time / keeps" in a sentence about
  another team;
- ``form:intensified``: an intensifier ("completely", "entirely", "so", "really") in a sentence
  with a negative word;
- ``form:distancing``: "they / them / those people / that team" in a sentence with a negative word;
- ``form:unsupported``: the text is negative overall yet gives no number or date and no ask.
- ``form:irony``, ``form:coda``, ``form:remark`` (rounds 5 and 6): forms that say less than, or
  the opposite of, their words; in ``framing.undercut`` since round 16.

The question words (what makes a question loaded, what makes it ask for information) are in
``lexicon.questions``.

Pure: the lexicon comes in as an argument.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Final

from app.domain.framing import lexicon as lex
from app.domain.framing.reading import (
    POSITIVE_VALENCE,
    Evidence,
    helped,
    others_in,
    valences,
)
from app.domain.framing.text import Doc, Party
from app.domain.framing.undercut import coda, irony, remark

# VADER's compound: sum / sqrt(sum^2 + alpha).
ALPHA: Final = 15.0
NEGATIVE_COMPOUND: Final = -0.05
CODES: Final = frozenset(
    {"team_negative", "loaded_question", "concession", "repeated", "intensified", "distancing"}
    | {"unsupported", "presumption", "irony", "coda", "remark", "named_subject"}
)
# A word rated this low (VADER: "wrong" -2.1, "ignore" -1.2 is not) makes a question a jab.
CLEARLY_NEGATIVE: Final = -1.5

# Certainty or hope about what another team thinks or does: "Clearly X thinks …", "I'm sure X
# had more important things to do", "Hopefully X can find a minute".
_PRESUMPTION: Final = re.compile(
    r"\b(?:clearly|obviously|apparently|evidently|surely|presumably|hopefully|no\s+doubt|"
    r"i\s*'?m\s+sure|i\s+am\s+sure|i\s+guess|i\s+suppose|i\s+assume|i\s+trust|i\s+hope)\b",
    re.IGNORECASE,
)
_CONCESSION: Final = re.compile(
    r"\b(?:i\s+(?:(?:do|really|fully|totally|truly|genuinely)\s+){0,2}(?:appreciate|know|"
    r"understand|realise|"
    r"realize|get|see|accept|recognise|recognize|value|respect)|i'?m\s+sure|i\s+am\s+sure|"
    r"i\s+say\s+this|to\s+be\s+fair|with\s+(?:all\s+)?(?:due\s+)?respect|respectfully|no\s+offen[cs]e|"
    r"not\s+to\s+(?:be|sound|point)|granted|admittedly|of\s+course|sure,|while|although|"
    r"thanks?(?:\s+you)?|grateful|appreciated|obviously|i\s+hate\s+to|i\s+don'?t\s+want\s+to|"
    r"means\s+well|mean\s+well|trying|doing\s+their\s+best|doing\s+(?:its|his|her)\s+best)\b",
    re.IGNORECASE,
)
_TURN: Final = re.compile(r"\b(?:but|however|though|yet|still|nonetheless|unfortunately)\b", re.I)
# Round 9: what makes "still" a grievance rather than a state: a negation or waiting after it.
_STILL_PENDING: Final = re.compile(
    r"\s+(?:not|no|never|nothing|none|hasn't|haven't|hadn't|isn't|aren't|wasn't|weren't|"
    r"doesn't|don't|didn't|can't|cannot|won't|waiting|awaiting|unanswered|unsigned|unpaid|"
    r"missing|pending|stuck|unresolved|without)\b",
    re.IGNORECASE,
)
STATE_CONTEXT: Final = "|state"
# Round 7: what a named colleague did to us without a negative word ("gave our van away",
# "submitted our pricing without showing it to us", "ordered 3x the stock").
_NEGLECT: Final = re.compile(
    r"\b(?:without|again|instead|still|never|won't|wont|didn't|doesn't|hasn't|ignor\w*|forgot|"
    r"\w+\s+away\s+to|expects?|\d+x|twice|over\s+our|behind\s+our|on\s+holiday|went\s+(?:home|dark)|"
    r"on\s+purpose|(?:his|her|their)\s+own|wiped|broke|copied|un-\w+|has\s+had|have\s+had|"
    r"for\s+(?:a|an|\d+|two|three|four|five|six|eight|ten)\s+(?:days?|weeks?|months?))\b",
    re.IGNORECASE,
)
_REPEATED: Final = re.compile(
    r"\b(?:always|never|again|still|every\s+(?:single\s+)?time|each\s+time|keeps?|kept|"
    r"constantly|continually|repeatedly|once\s+more|as\s+usual|yet\s+again|over\s+and\s+over|"
    r"every\s+(?:week|month|quarter|year|cycle|release|sprint)|(?:twice|three\s+times|"
    r"\w+\s+times)\s+(?:now|already)|already)\b",
    re.IGNORECASE,
)
_INTENSIFIER: Final = re.compile(
    # Round 20: "so far" and "so that" say when and why, and "so they can …", "so the …" join
    # clauses; "so" intensifies an adjective or adverb ("so slow", "so many").
    r"\b(?:so(?!\s+(?:far|that|we|they|i|you|he|she|it|the|a|an|our|their|this|there|if)\b)|really|completely|entirely|totally|utterly|absolutely|simply|"
    r"clearly|obviously|"
    r"literally|seriously|extremely|incredibly|ridiculously|wholly|fully|even|just|at\s+all|"
    r"whatsoever|basic|basically|such)\b",
    re.IGNORECASE,
)
# Round 8: "four of them", "half of them" count things, not a team held at a distance.
_DISTANCING: Final = re.compile(
    r"\b(?:they|(?<!\bof\s)them|their|theirs|those\s+(?:people|guys|folks|teams?)|these\s+people|"
    r"that\s+(?:team|department|lot|crowd|group)|some\s+people|some\s+of\s+us|certain\s+"
    r"(?:people|teams?|departments?))\b",
    re.IGNORECASE,
)


def evidence(doc: Doc, valence: Mapping[str, float], *, asks: bool) -> list[Evidence]:
    """Every form feature of ``doc``; each spans the words or sentence that show it."""
    out: list[Evidence] = []
    total = 0.0
    any_others = False
    outcome = helped(doc)
    for start, end in doc.sentences:
        toks = doc.tokens_between(start, end)
        if not toks:
            continue
        scores = valences(doc, toks, valence)
        raw = sum(scores)
        total += raw
        compound = raw / math.sqrt(raw * raw + ALPHA)
        negative = any(s <= -0.5 for s in scores)
        others = others_in(doc, toks)
        any_others = any_others or others
        sent = doc.norm[start:end].rstrip()
        s0, s1 = toks[0].start, toks[-1].end
        if not asks and others and compound <= NEGATIVE_COMPOUND:
            out.append(Evidence("form:team_negative", "team_negative", s0, s1, -compound))
        loaded = (
            compound <= NEGATIVE_COMPOUND or doc.search(lex.LOADED, start, end) is not None
        ) and not _asks_for_information(doc, start, end, scores)
        if not asks and sent.endswith("?") and loaded:
            out.append(Evidence("form:question", "loaded_question", s0, s1))
        if not asks and (m := doc.search(_PRESUMPTION, start, end)):
            after = doc.tokens_between(m.end(), end)
            if after and others_in(doc, after):
                out.append(Evidence("form:presumption", "presumption", m.start(), m.end()))
        # Round 7: a named participant as the subject of a sentence, in a text that asks for
        # nothing, is who the text is about ("Casimir in Fleet gave our van away …").
        # Only when the sentence has no praise in it and reads as something done to us: a
        # negative word, or a cue of neglect ("without", "again", "instead", "our … away").
        subject = doc.first_subject(toks)
        if (
            not asks
            and subject.party is Party.PERSON
            and subject.token is not None
            and not any(v >= POSITIVE_VALENCE for v in scores)
            and (negative or doc.search(_NEGLECT, start, end))
            and not (
                # round 15: "Morag … before putting the Harbour Inn on stop. That really helped."
                outcome is not None
                and outcome.start() >= start
                and not doc.search(_NEGLECT, start, end)
                and min(scores) > CLEARLY_NEGATIVE
            )
        ):
            tok = subject.token
            out.append(Evidence("form:named_subject", "named_subject", tok.start, tok.end))
        if not asks and (m := doc.search(lex.REPEAT_COUNT, start, end)):
            out.append(Evidence("form:repeated", "repeated", m.start(), m.end()))
        if others and negative:
            out += _repeated(doc, start, end)
        if negative and (m := doc.search(_INTENSIFIER, start, end)):
            out.append(Evidence("form:intensified", "intensified", m.start(), m.end()))
        if negative and (m := doc.search(_DISTANCING, start, end)):
            out.append(Evidence("form:distancing", "distancing", m.start(), m.end()))
        out += _concession(doc, start, end, valence)
    if not asks:
        out += irony(doc, valence) + coda(doc, valence) + remark(doc)
    if any_others and not asks and total < 0 and not doc.search(lex.SPECIFICS):
        worst = min(
            (s for s in doc.sentences if doc.tokens_between(*s)),
            key=lambda s: sum(valences(doc, doc.tokens_between(*s), valence)),
            default=None,
        )
        if worst is not None:
            toks = doc.tokens_between(*worst)
            strength = min(1.0, -total / 4.0)
            out.append(
                Evidence("form:unsupported", "unsupported", toks[0].start, toks[-1].end, strength)
            )
    return out


def _repeated(doc: Doc, start: int, end: int) -> list[Evidence]:
    """Repetition in a negative sentence about another team. Round 9: a "still" that no
    negation or waiting follows ("Facilities still sees the badge readers failing", "80 people
    still incomplete") reports a state as much as a grievance; it is weighed apart
    (``form:repeated|state``; in the development files 33 complaints and 28 constructive
    texts, against 21 and 5 for "still hasn't", "still no", "still waiting")."""
    state = None
    for m in doc.finditer(_REPEATED, start, end):
        if m.group().lower() == "still" and not _STILL_PENDING.match(doc.norm, m.end()):
            state = state or m
            continue
        return [Evidence("form:repeated", "repeated", m.start(), m.end())]
    if state is None:
        return []
    return [Evidence("form:repeated" + STATE_CONTEXT, "repeated", state.start(), state.end())]


def _concession(doc: Doc, start: int, end: int, valence: Mapping[str, float]) -> list[Evidence]:
    """A polite opening turned against someone: "I appreciate X is busy, but ... down to them"."""
    m = doc.search(_CONCESSION, start, end)
    if not m:
        return []
    turn = doc.search(_TURN, m.end(), end)
    if not turn:
        # The turn may open the next sentence: "I know Ops means well. However, ...".
        nxt = [s for s in doc.sentences if s[0] >= end]
        if not nxt:
            return []
        turn = doc.search(_TURN, nxt[0][0], min(nxt[0][1], nxt[0][0] + 12))
        if not turn:
            return []
        end = nxt[0][1]
    tail = doc.tokens_between(turn.end(), end)
    negative = any(s <= -0.5 for s in valences(doc, tail, valence))
    others = others_in(doc, tail)
    if not (negative or others):
        return []
    return [Evidence("form:concession", "concession", m.start(), turn.end())]


def _asks_for_information(doc: Doc, start: int, end: int, scores: list[float]) -> bool:
    """Whether the sentence at ``start:end`` asks for information (see ``lexicon.INFORMATION``): no
    needling word and no clearly negative one (rated -1.5 or below) in it."""
    return (
        doc.search(lex.INFORMATION, start, end) is not None
        and doc.search(lex.NEEDLING, start, end) is None
        and min(scores, default=0.0) > CLEARLY_NEGATIVE
    )
