"""The weighted rules of the framing check; each one finds spans and says why they matter.

A rule is a function ``Doc -> list[Hit]``. Weights are tuned so that one strong signal (an
insult) or two medium ones (an absolute aimed at a team plus no proposed step) cross the
complaint threshold, while a single softer signal in an otherwise constructive text does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

from app.domain.framing import lexicon as lex
from app.domain.framing.text import Doc, Party, Token

WEIGHTS: Final[dict[str, float]] = {
    "insult": 1.0,
    "absolute_blame": 0.7,
    "blame": 0.7,
    "sarcasm": 0.7,
    "passive_aggressive": 0.6,
    "disclaimer": 0.3,
    "pointed_question": 0.4,
    "judgement": 0.7,
    "venting": 0.6,
    "hyperbole": 0.6,
    "dismissive": 0.6,
    "double_standard": 0.6,
    "rhetorical_question": 0.6,
    "emphasis": 0.6,
    "all_caps": 0.6,
    "person_blamed": 0.6,
    "mind_reading": 0.5,
    "excess_punctuation": 0.5,
    "blame_cause": 0.4,
    "no_next_step": 0.4,
    "scare_quotes": 0.4,
    "absolute_claim": 0.3,
    "generalisation": 0.3,
    "curt_verdict": 0.3,
}
# Codes that point at someone; a participant named before one of these is the culprit.
BLAME_CODES: Final = frozenset(
    {"absolute_blame", "blame", "blame_cause", "mind_reading", "dismissive", "insult", "judgement"}
    | {"sarcasm", "double_standard", "rhetorical_question", "negative_tone", "passive_aggressive"}
)
_VERDICTS: Final = frozenset({"absolute_blame", "judgement"})
HEDGE_FACTOR: Final = 0.5


@dataclass(frozen=True)
class Hit:
    """A rule firing on ``text[start:end]`` (``-1, -1`` when it is about the whole text)."""

    code: str
    start: int
    end: int
    weight: float
    note: str = ""


def _hit(code: str, m: re.Match[str], note: str = "") -> Hit:
    return Hit(code, m.start(), m.end(), WEIGHTS[code], note)


def _preceded_by(doc: Doc, pos: int, words: frozenset[str], span: int = 2) -> bool:
    start, _ = doc.sentence_at(pos)
    before = doc.tokens_between(start, pos)[-span:]
    return any(t.text.lower() in words for t in before)


def _who_is_party(doc: Doc, m: re.Match[str]) -> bool:
    """Whether the match's ``who`` group names another team or a participant."""
    who = doc.tokens_between(m.start("who"), m.end("who"))
    return bool(who) and doc.party_of(who[0]) in (Party.OTHER, Party.PERSON)


def _opens_sentence(doc: Doc, pos: int) -> bool:
    return not doc.tokens_between(doc.sentence_at(pos)[0], pos)


def _gated(doc: Doc, m: re.Match[str], code: str) -> Hit | None:
    """A hit for a phrase that only blames when its subject is someone else."""
    subject = doc.subject_of(m.start())
    if subject.party in (Party.SELF, Party.THING):
        return None
    return _softened(doc, code, m)


def _softened(doc: Doc, code: str, m: re.Match[str]) -> Hit:
    """A hit whose weight is halved when the sentence hedges ("Sales sometimes ...")."""
    hedge = doc.hedged(m.start())
    if not hedge:
        return _hit(code, m)
    return Hit(code, m.start(), m.end(), WEIGHTS[code] * HEDGE_FACTOR, f'softened by "{hedge}"')


def absolutes(doc: Doc) -> list[Hit]:
    """ "They never / IT always / Tom keeps ..." blames; "we never had" or "not always" does not."""
    hits: list[Hit] = []
    for m in doc.finditer(lex.ABSOLUTE):
        if _preceded_by(doc, m.start(), lex.ABSOLUTE_SOFTENERS, span=1):
            continue
        if lex.PRAISE_AFTER_ABSOLUTE.match(doc.norm, m.end()):
            continue
        party = doc.subject_of(m.start()).party
        if party in (Party.OTHER, Party.PERSON):
            hits.append(_hit("absolute_blame", m))
        elif party is Party.THING and not _opens_sentence(doc, m.start()):
            # An imperative "Never approve ..." is a rule, not a claim about anyone.
            hits.append(_hit("absolute_claim", m))
    for m in doc.finditer(lex.FREQUENCY):
        party = doc.clause_subject(m.start()).party
        if party in (Party.OTHER, Party.PERSON):
            hits.append(_hit("absolute_blame", m))
        elif party is Party.THING:
            hits.append(_hit("absolute_claim", m))
    hits.extend(_hit("absolute_blame", m) for m in doc.finditer(lex.NOBODY))
    hits.extend(_hit("absolute_blame", m) for m in doc.finditer(lex.TOLD_NOBODY))
    return hits


def blame(doc: Doc) -> list[Hit]:
    """Fault-finding phrases ("dropped the ball", "their fault", "then blames us")."""
    hits = [h for m in doc.finditer(lex.GATED_BLAME) if (h := _gated(doc, m, "blame"))]
    excused = [e.span() for e in doc.finditer(lex.NOT_ANYONES_FAULT)]
    for m in doc.finditer(lex.INHERENT_BLAME):
        if not any(a < m.end() and m.start() < b for a, b in excused):
            hits.append(_hit("blame", m))
    for m in doc.finditer(lex.COUNTERFACTUAL):
        if _who_is_party(doc, m):
            hits.append(_hit("blame", m))
    for m in doc.finditer(lex.BLAME_CAUSE):
        if _who_is_party(doc, m):
            hits.append(_hit("blame_cause", m))
    return hits


def attitude(doc: Doc) -> list[Hit]:
    """Judging a team ("Support is unreliable"), guessing its attitude, dismissing its work."""
    hits = [h for m in doc.finditer(lex.MIND_READING) if (h := _gated(doc, m, "mind_reading"))]
    hits += [h for m in doc.finditer(lex.JUDGEMENT) if (h := _gated(doc, m, "judgement"))]
    hits += [_softened(doc, "dismissive", m) for m in doc.finditer(lex.DISMISSIVE)]
    return hits


def _unnegated(doc: Doc, pattern: re.Pattern[str], code: str) -> Iterable[Hit]:
    for m in doc.finditer(pattern):
        if not _preceded_by(doc, m.start(), lex.NEGATORS):
            yield _hit(code, m)


def contempt(doc: Doc) -> list[Hit]:
    """Insults, venting and hyperbole, unless negated ("not a disaster")."""
    return [
        *_unnegated(doc, lex.INSULT, "insult"),
        *_unnegated(doc, lex.VENTING, "venting"),
        *_unnegated(doc, lex.HYPERBOLE, "hyperbole"),
    ]


def sarcasm(doc: Doc) -> list[Hit]:
    """Sarcasm and double standards ("as usual", "Brilliant planning.", "says X but won't")."""
    hits: list[Hit] = []
    for i, (start, end) in enumerate(doc.sentences):
        sentence = doc.norm[start:end]
        hits.extend(_hit("sarcasm", m) for m in doc.finditer(lex.SARCASM, start, end))
        # A one-word verdict only reads as sarcasm after a statement it comments on.
        if lex.STANDALONE_AGAIN.match(sentence) or (i > 0 and lex.MOCK_PRAISE.match(sentence)):
            hits.append(Hit("sarcasm", *_trimmed(doc.norm, start, end), WEIGHTS["sarcasm"]))
    hits.extend(_hit("sarcasm", m) for m in doc.finditer(lex.OF_COURSE) if _who_is_party(doc, m))
    hits.extend(_hit("passive_aggressive", m) for m in doc.finditer(lex.PASSIVE_AGGRESSIVE))
    hits.extend(_hit("disclaimer", m) for m in doc.finditer(lex.DISCLAIMER))
    for m in doc.finditer(lex.DOUBLE_STANDARD):
        if doc.subject_of(m.start()).party in (Party.OTHER, Party.PERSON):
            hits.append(_hit("double_standard", m))
    return hits


def tone(doc: Doc) -> list[Hit]:
    """Rhetorical questions, emphasis, scare quotes and runs of ``!!`` / ``??``."""
    hits: list[Hit] = []
    for start, end in doc.sentences:
        sentence = doc.norm[start:end]
        if sentence.rstrip().endswith("?") and lex.RHETORICAL.match(sentence):
            hits.append(
                Hit(
                    "rhetorical_question",
                    *_trimmed(doc.norm, start, end),
                    WEIGHTS["rhetorical_question"],
                )
            )
        elif sentence.rstrip().endswith("?") and not has_ask(doc):
            # A question in a text that asks for nothing is a point made, not a request.
            hits.append(
                Hit(
                    "pointed_question", *_trimmed(doc.norm, start, end), WEIGHTS["pointed_question"]
                )
            )
    hits.extend(_hit("emphasis", m) for m in doc.finditer(lex.EMPHASIS))
    hits.extend(_hit("scare_quotes", m) for m in doc.finditer(lex.SCARE_QUOTES))
    hits.extend(_hit("excess_punctuation", m) for m in doc.finditer(lex.EXCESS_PUNCTUATION))
    return hits


def _is_acronym(word: str) -> bool:
    letters = sum(c.isalpha() for c in word)
    # "KPIS" is a plural acronym; "PRESS" or "LESS" is a word (a double S is no plural ending).
    plural_stem = word[:-1] if word.endswith("S") and not word.endswith("SS") else word
    return (
        letters <= lex.ACRONYM_MAX_LETTERS
        or sum(c.isalpha() for c in plural_stem) <= lex.ACRONYM_MAX_LETTERS
        or word in lex.KNOWN_ACRONYMS
    )


def all_caps(doc: Doc) -> list[Hit]:
    """Shouting: a long all-caps word, or a run of capitals with ordinary words in it."""
    runs: list[list[Token]] = []
    prev: Token | None = None
    for tok in doc.tokens:
        # A number inside a run of capitals is part of it: "UPGRADE NEEDS 2 DAYS".
        if not tok.text.isupper() and not (tok.text.isdigit() and prev is not None):
            prev = None
            continue
        if prev is not None and not doc.norm[prev.end : tok.start].strip(" ,'-"):
            runs[-1].append(tok)
        else:
            runs.append([tok])
        prev = tok
    return [
        Hit(
            "all_caps",
            run[0].start,
            run[-1].end,
            WEIGHTS["all_caps"],
            lex.SCHEDULE_NOTE if _on_schedule(doc, run) else "",
        )
        for run in runs
        if not _is_heading(doc, run)
        and (
            any(not _is_acronym(t.text) for t in run)
            or (len(run) >= 2 and any(t.text in lex.SHOUT_WORDS for t in run))
            or any(t.text in lex.SHOUT_WORDS and len(t.text) >= lex.SHOUT_MIN for t in run)
        )
    ]


def _on_schedule(doc: Doc, run: list[Token]) -> bool:
    """Capitals that are a date, a day or a time, or stand right before one ("by FRIDAY",
    "CLOSED Monday", "DOWN on Tuesday"): stress on a schedule (round 9, ``rule:all_caps|date``)."""
    return any(lex.SPECIFICS.fullmatch(t.text) for t in run) or bool(
        lex.SCHEDULE_AFTER.match(doc.norm, run[-1].end)
    )


def _is_heading(doc: Doc, run: list[Token]) -> bool:
    """A label that opens a sentence and ends in a colon ("URGENT:", "PLEASE NOTE:"), or a
    headline with a number in it that opens a sentence and ends its clause ("SLA FOR P1 TICKETS IS
    4H; …", "RFP DEADLINE MOVED TO 3 MAY. …"): an announcement, not shouting (round 5)."""
    if not _opens_sentence(doc, run[0].start):
        return False
    after = doc.norm[run[-1].end : run[-1].end + 3].lstrip()[:1]
    if doc.norm[run[-1].end : run[-1].end + 1] == ":":
        return True
    numbered = any(any(c.isdigit() for c in t.text) for t in run)
    return numbered and bool(after) and after in ";.,"


def generalisation(doc: Doc, found: list[Hit]) -> list[Hit]:
    """The first sentence that judges a team with no number, date, hedge or ask in it.

    A sentence that already holds a verdict is skipped: "They never ..." or "Support is
    unreliable" is itself the generalisation, and counting it twice would outweigh an ask.
    """
    for start, end in doc.sentences:
        if any(h.code in _VERDICTS and start <= h.start < end for h in found):
            continue
        toks = doc.tokens_between(start, end)
        if len(toks) < 3 or doc.first_subject(toks).party not in (Party.OTHER, Party.PERSON):
            continue
        if any(doc.search(p, start, end) for p in (lex.SPECIFICS, lex.HEDGES, lex.ASK)):
            continue
        return [Hit("generalisation", *_trimmed(doc.norm, start, end), WEIGHTS["generalisation"])]
    return []


def curt(doc: Doc) -> list[Hit]:
    """A text of clipped sentences about another team that asks for nothing ("Sales
    overcommits. Ops bleeds."): the clipped form is itself a verdict. Called only without an ask.
    """
    sentences = [doc.tokens_between(start, end) for start, end in doc.sentences]
    sentences = [toks for toks in sentences if toks]
    if not sentences or any(len(toks) > lex.CURT_MAX_WORDS for toks in sentences):
        return []
    if sum(len(toks) for toks in sentences) > lex.CURT_MAX_TOTAL:
        return []
    if not any(doc.party_of(t) in (Party.OTHER, Party.PERSON) for toks in sentences for t in toks):
        return []
    start, end = _trimmed(doc.norm, 0, len(doc.norm))
    return [Hit("curt_verdict", start, end, WEIGHTS["curt_verdict"])]


def persons(doc: Doc, found: list[Hit]) -> list[Hit]:
    """A participant named in a sentence up to where it assigns blame is the culprit."""
    if doc.name_pattern is None:
        return []
    hits: list[Hit] = []
    for start, end in doc.sentences:
        # Round 7: "<name> again" blames a repeat on the person, whatever the verb.
        for m in doc.name_pattern.finditer(doc.norm, start, end):
            if lex.NAME_AGAIN.match(doc.norm, m.end()):
                hits.append(_hit("person_blamed", m))
        blames = [h for h in found if h.code in BLAME_CODES and start <= h.start < end]
        if not blames:
            continue
        seen = {doc.norm[h.start : h.end] for h in hits if start <= h.start < end}
        first = min(blames, key=lambda h: h.start)
        for m in doc.name_pattern.finditer(doc.norm, start, first.end):
            if m.group() not in seen:
                seen.add(m.group())
                hits.append(_hit("person_blamed", m))
    return hits


def has_ask(doc: Doc) -> bool:
    """Whether the text proposes a step or makes an ask ("could we", "next step:", "I'd like")."""
    for m in doc.finditer(lex.ASK):
        start, end = doc.sentence_at(m.start())
        # "When will HR learn ...?" asks for nothing: the question is the point.
        sentence = doc.norm[start:end].strip()
        if not (sentence.endswith("?") and lex.RHETORICAL.match(sentence)):
            return True
    return False


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without surrounding blanks or a trailing clause break (";", ":")."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ";:"):
        end -= 1
    return start, end


RULES: Final[tuple[Callable[[Doc], list[Hit]], ...]] = (
    absolutes,
    blame,
    attitude,
    contempt,
    sarcasm,
    tone,
    all_caps,
)
