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
- ``form:irony`` (round 5): praise of another team undercut in the same or the next sentence,
  by a negative word or an irony cue ("even", "only … this time", "give or take"), in a text
  that asks for nothing.
- ``form:coda`` (round 6): irony the other way round: a short closing sentence of praise or
  approval ("Very helpful.", "Cool.", "Visionary.") after a negative sentence about another team,
  in a text that asks for nothing;
- ``form:remark`` (round 6): a remark that points at another team without saying what is wrong
  ("Interesting that X found time for …", "Funny how …", "Noted that …", "Let's hope X …",
  "…, for a change", "Totally fine, …", "Fingers crossed"), in a text that asks for nothing.

Pure: the lexicon comes in as an argument.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Final

from app.domain.framing import lexicon as lex
from app.domain.framing.reading import (
    OPENING_WORDS,
    Evidence,
    attributive,
    helped,
    rating,
    reassures,
    remedied,
    trade_noun,
)
from app.domain.framing.text import Doc, Party

# VADER's compound: sum / sqrt(sum^2 + alpha).
ALPHA: Final = 15.0
NEGATIVE_COMPOUND: Final = -0.05
NEGATION_WINDOW: Final = 3
CODES: Final = frozenset(
    {"team_negative", "loaded_question", "concession", "repeated", "intensified", "distancing"}
    | {"unsupported", "presumption", "irony", "coda", "remark", "named_subject"}
)
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
PRAISE_VALENCE: Final = 1.8
NEGATIVE_WORD: Final = -0.5
# A question is a point scored, not a request, when it is negative or carries one of these.
# Round 9: "even a rough one", "even a draft" lowers the bar of a request; "does X even have"
# questions whether they tried.
_LOADED: Final = re.compile(
    r"\b(?:ever|even(?!\s+(?:a|an|just)\s)|actually|really|seriously|honestly|still|again|anyone|anybody|supposed|"
    r"meant|realise|realize|understand|care|bother|how\s+many|how\s+much\s+longer|how\s+long|"
    r"how\s+hard|why|what\s+exactly|who\s+(?:thought|decided)|does\s+it\s+take)\b",
    re.IGNORECASE,
)
# Round 15: a question that says why it is asked ("…, so we know whom to call?") or asks what
# another team needs or prefers ("How many days … does Customs need?", "… by email or in the
# TOS?") asks for information, unless a word of ``_NEEDLING`` makes it a jab.
_INFORMATION: Final = re.compile(
    r"\bso\s+(?:that\s+)?(?:we|I)\s+(?:know|can|could)\b|\b(?:need|needs|want|wants|prefer|"
    r"prefers)\b(?!\s+(?:us|me|them|everyone|everybody|anyone)\s+to\b)"
    r"(?!\s+to\s+(?:be\s+)?(?:told|reminded|chased|asked))|\bso\s+far\b|"
    r"\bor\s+(?:by|in|on|at)\b[^?]*\?",
    re.IGNORECASE,
)
# What makes such a question a jab all the same (``_LOADED``'s needling words, with its "even
# a/an/just" exception, but not its "how many" or "how long", which information asks too).
_NEEDLING: Final = re.compile(
    r"\b(?:ever|even(?!\s+(?:a|an|just)\s)|actually|really|seriously|honestly|still|again|"
    r"anyone|anybody|supposed|meant|realise|realize|understand|care|bother|how\s+many\s+(?:more|"
    r"times)|how\s+much\s+longer|how\s+hard|why|exactly|who\s+(?:thought|decided)|"
    r"does\s+it\s+take|possibly|on\s+earth)\b",
    re.IGNORECASE,
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
PRAISE: Final = 1.8
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
    r"\b(?:so|really|completely|entirely|totally|utterly|absolutely|simply|clearly|obviously|"
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
        scores = _valences(doc, toks, valence)
        raw = sum(scores)
        total += raw
        compound = raw / math.sqrt(raw * raw + ALPHA)
        negative = any(s <= -0.5 for s in scores)
        others = _about_others(doc, toks)
        any_others = any_others or others
        sent = doc.norm[start:end].rstrip()
        s0, s1 = toks[0].start, toks[-1].end
        if not asks and others and compound <= NEGATIVE_COMPOUND:
            out.append(Evidence("form:team_negative", "team_negative", s0, s1, -compound))
        loaded = (
            compound <= NEGATIVE_COMPOUND or _LOADED.search(doc.norm, start, end) is not None
        ) and not _asks_for_information(doc, start, end, scores)
        if not asks and sent.endswith("?") and loaded:
            out.append(Evidence("form:question", "loaded_question", s0, s1))
        if not asks and (m := _PRESUMPTION.search(doc.norm, start, end)):
            after = doc.tokens_between(m.end(), end)
            if after and _about_others(doc, after):
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
            and not any(v >= PRAISE for v in scores)
            and (negative or _NEGLECT.search(doc.norm, start, end))
            and not (
                # round 15: "Morag … before putting the Harbour Inn on stop. That really helped."
                outcome is not None
                and outcome.start() >= start
                and not _NEGLECT.search(doc.norm, start, end)
                and min(scores) > CLEARLY_NEGATIVE
            )
        ):
            tok = subject.token
            out.append(Evidence("form:named_subject", "named_subject", tok.start, tok.end))
        if not asks and (m := lex.REPEAT_COUNT.search(doc.norm, start, end)):
            out.append(Evidence("form:repeated", "repeated", m.start(), m.end()))
        if others and negative:
            out += _repeated(doc, start, end)
        if negative and (m := _INTENSIFIER.search(doc.norm, start, end)):
            out.append(Evidence("form:intensified", "intensified", m.start(), m.end()))
        if negative and (m := _DISTANCING.search(doc.norm, start, end)):
            out.append(Evidence("form:distancing", "distancing", m.start(), m.end()))
        out += _concession(doc, start, end, valence)
    if not asks:
        out += irony(doc, valence) + coda(doc, valence) + remark(doc)
    if any_others and not asks and total < 0 and not lex.SPECIFICS.search(doc.norm):
        worst = min(
            (s for s in doc.sentences if doc.tokens_between(*s)),
            key=lambda s: sum(_valences(doc, doc.tokens_between(*s), valence)),
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
    for m in _REPEATED.finditer(doc.norm, start, end):
        if m.group().lower() == "still" and not _STILL_PENDING.match(doc.norm, m.end()):
            state = state or m
            continue
        return [Evidence("form:repeated", "repeated", m.start(), m.end())]
    if state is None:
        return []
    return [Evidence("form:repeated" + STATE_CONTEXT, "repeated", state.start(), state.end())]


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
        if not toks or not _about_others(doc, toks):
            continue
        opening = len(doc.tokens_between(start, praise[0])) < OPENING_WORDS
        if opening and lex.SARCASM_TWIST.search(doc.norm, praise[1], end):
            return []  # "Perfect timing, Data migrated … in quarter-end week": ``mock_twist``
        cue = lex.IRONY_CUE.search(doc.norm, praise[1], scope)
        if cue:
            return [Evidence("form:irony", "irony", praise[0], cue.end())]
        after = doc.tokens_between(praise[1], scope)
        for tok, score in zip(after, _valences(doc, after, valence), strict=True):
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
        scores = _valences(doc, toks, valence)
        damning = min(scores) <= NEGATIVE_WORD
        approving = max(scores) >= CODA_VALENCE or lex.PRAISE_PHRASE.search(doc.norm, start, end)
        if not (damning or approving or _CODA_WORDS.search(doc.norm, start, end)):
            continue
        before = doc.tokens_between(doc.sentences[0][0], doc.sentences[i - 1][1])
        if not before or not _about_others(doc, before):
            continue
        if damning or sum(_valences(doc, before, valence)) < 0:
            return [Evidence("form:coda", "coda", toks[0].start, toks[-1].end)]
    return []


def remark(doc: Doc) -> list[Evidence]:
    """A pointed remark about another team that names no problem: "Interesting that Payroll can
    find time for a new portal but not …", "Let's hope IR reads the brief this time" (round 6)."""
    for start, end in doc.sentences:
        m = _REMARK.search(doc.norm, start, end)
        if m and _about_others(doc, doc.tokens_between(start, end)):
            return [Evidence("form:remark", "remark", m.start(), m.end())]
    # A closing remark after a sentence about another team: "… this time. Fingers crossed."
    if len(doc.sentences) < 2 or not (m := _REMARK.search(doc.norm, *doc.sentences[-1])):
        return []
    if _about_others(doc, doc.tokens_between(doc.sentences[0][0], doc.sentences[-1][0])):
        return [Evidence("form:remark", "remark", m.start(), m.end())]
    return []


def _praise(doc: Doc, start: int, end: int, valence: Mapping[str, float]) -> tuple[int, int] | None:
    """The first praise in ``[start, end)``: a word VADER rates +1.8 or more that no negator
    precedes, or a praise phrase it lacks ("spot on", "award-winning")."""
    m = lex.PRAISE_PHRASE.search(doc.norm, start, end)
    toks = doc.tokens_between(start, end)
    scores = _valences(doc, toks, valence)
    for tok, score in zip(toks, scores, strict=True):
        if m and m.start() <= tok.start:
            break
        if score < PRAISE_VALENCE or attributive(doc, doc.index(tok)):
            continue
        if tok.bare not in doc.teams and not tok.text.isupper():
            return tok.start, tok.end
    return m.span() if m else None


def _concession(doc: Doc, start: int, end: int, valence: Mapping[str, float]) -> list[Evidence]:
    """A polite opening turned against someone: "I appreciate X is busy, but ... down to them"."""
    m = _CONCESSION.search(doc.norm, start, end)
    if not m:
        return []
    turn = _TURN.search(doc.norm, m.end(), end)
    if not turn:
        # The turn may open the next sentence: "I know Ops means well. However, ...".
        nxt = [s for s in doc.sentences if s[0] >= end]
        if not nxt:
            return []
        turn = _TURN.search(doc.norm, nxt[0][0], min(nxt[0][1], nxt[0][0] + 12))
        if not turn:
            return []
        end = nxt[0][1]
    tail = doc.tokens_between(turn.end(), end)
    negative = any(s <= -0.5 for s in _valences(doc, tail, valence))
    others = _about_others(doc, tail)
    if not (negative or others):
        return []
    return [Evidence("form:concession", "concession", m.start(), turn.end())]


def _about_others(doc: Doc, toks: list) -> bool:  # type: ignore[type-arg]
    """Whether another team or person is in ``toks``, and the sentence is not about our side
    ("Our team missed the deadline" is ownership, not blame)."""
    if doc.first_subject(toks).party is Party.SELF:
        return False
    return any(doc.classify(toks, i).party in (Party.OTHER, Party.PERSON) for i in range(len(toks)))


def _valences(doc: Doc, toks: list, valence: Mapping[str, float]) -> list[float]:  # type: ignore[type-arg]
    """Each token's VADER rating (0 when unrated), flipped when a negator precedes it."""
    out = []
    for i, tok in enumerate(toks):
        # A department's name says who, not how: "Risk", "Client Care", "Customer Success".
        at = doc.index(tok)
        score = 0.0 if tok.bare in doc.teams else rating(valence, tok.text.lower()) or 0.0
        if score < 0 and trade_noun(doc, at):
            score = 0.0  # "the rail cut-off" (round 15)
        if score < 0 and reassures(doc, at, valence):
            score = 0.0  # "No worries": a reassurance (round 9)
        elif score and any(
            (
                t.text.lower() in lex.NEGATORS
                or t.text.lower() in ("without", "no")
                or t.text.lower().endswith("n't")
            )
            and not lex.CLAUSE_BREAK.search(doc.norm, t.end, tok.start)
            for t in toks[max(i - NEGATION_WINDOW, 0) : i]
        ):
            score = -0.74 * score  # VADER's negation scalar
        elif score < 0 and remedied(doc, at):
            score = 0.0  # "flagged the pricing error": dealt with, not done to us
        out.append(score)
    return out


def _asks_for_information(doc: Doc, start: int, end: int, scores: list[float]) -> bool:
    """Whether the sentence at ``start:end`` asks for information (see ``_INFORMATION``): no
    needling word and no clearly negative one (rated -1.5 or below) in it."""
    return (
        _INFORMATION.search(doc.norm, start, end) is not None
        and _NEEDLING.search(doc.norm, start, end) is None
        and min(scores, default=0.0) > CLEARLY_NEGATIVE
    )
