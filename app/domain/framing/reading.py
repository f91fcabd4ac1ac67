"""How one word reads in its sentence: its lexicon rating, negation, remedy, who it is about.

Shared by the evidence (``framing.features``), the credits (``framing.credits``) and the forms
(``framing.forms``, ``framing.undercut``). Pure: the lexicon comes in as an argument; the
stemmer is an algorithm.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from app.domain.framing import lexicon as lex
from app.domain.framing.text import Doc, Party
from app.domain.stemming import stem

# VADER rates words from -4 to +4; below this a word reads as clearly negative.
NEGATIVE_VALENCE: Final = -0.5
POSITIVE_VALENCE: Final = 1.8
VALENCE_SCALE: Final = 4.0
NEGATION_WINDOW: Final = 3
# Round 15: a remedy reaches further than a negator: "found the hoist brake fault", "flagged the
# Paarl heatwave risk" (the thing dealt with is often a compound noun).
REMEDY_WINDOW: Final = 5
_LINKS: Final = frozenset(
    (  # noqa: SIM905
        "is are was were be been being has have had that which who it they "
        # "caught us out with a terrible contract", "found a way to ruin", "flagged our team as
        # the worst": the remedy verb is not acting on the word
        "to as out us me them him her with for of by into onto from about way"
    ).split()
)
# Lexicon keys for a stem's rating ("~forget"); no token starts with "~", so none collides.
STEM_KEY: Final = "~"
MIN_STEMMED_LENGTH: Final = 4
# Sarcastic praise opens its sentence: "Oh great, ...", "What a brilliant idea from ...".
OPENING_WORDS: Final = 3


@dataclass(frozen=True)
class Evidence:
    """One weighed signal: ``feature`` keys the model's weight, ``code`` names the reason."""

    feature: str
    code: str
    start: int
    end: int
    strength: float = 1.0
    note: str = ""


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
    """Whether a verb of remedy ("fixed", "caught", "flagged") stands up to ``REMEDY_WINDOW``
    words before token ``i`` in its clause: the bad thing was dealt with (round 5)."""
    tok = doc.tokens[i]
    start, _ = doc.sentence_at(tok.start)
    for k in range(max(i - REMEDY_WINDOW, 0), i):
        t = doc.tokens[k]
        if t.start < start or t.text.lower() not in lex.REMEDY:
            continue
        if doc.search(lex.CLAUSE_BREAK, t.end, tok.start):
            continue
        # Beyond a negator's reach, only a noun phrase may stand between: "found the contract
        # was wrong" is a discovery, not a remedy.
        if i - k > NEGATION_WINDOW and any(w.text.lower() in _LINKS for w in doc.tokens[k + 1 : i]):
            continue
        return True
    return False


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
        and not doc.search(lex.CLAUSE_BREAK, before.end, tok.start)
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


def acronym(word: str) -> bool:
    """A short all-caps word that is not a shouted English word ("PO", "QA", not "BAD")."""
    return word.isupper() and len(word) <= lex.ACRONYM_MAX_LETTERS and word not in lex.SHOUT_WORDS


def in_compound(doc: Doc, start: int, end: int) -> bool:
    """Whether the word at ``start:end`` is one part of a hyphenated compound."""
    return doc.norm[end : end + 1] == "-" or (start > 0 and doc.norm[start - 1] == "-")


def opens_sentence(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is among the first words of its sentence ("Oh great, ...")."""
    start, _ = doc.sentence_at(doc.tokens[i].start)
    return len(doc.tokens_between(start, doc.tokens[i].start)) < OPENING_WORDS


def negated(doc: Doc, i: int) -> bool:
    """Whether a negator stands within ``NEGATION_WINDOW`` words before token ``i``, in the same
    clause: "not answering, very bad" does not negate "bad" (round 5)."""
    start, _ = doc.sentence_at(doc.tokens[i].start)
    before = [t for t in doc.tokens[max(i - NEGATION_WINDOW, 0) : i] if t.start >= start]
    return any(
        (t.text.lower() in lex.NEGATORS or t.text.lower() == "without" or t.text.endswith("n't"))
        and not doc.search(lex.CLAUSE_BREAK, t.end, doc.tokens[i].start)
        for t in before
    )


def about_others(doc: Doc, pos: int) -> bool:
    """Whether the sentence at ``pos`` names another team, role or participant."""
    start, end = doc.sentence_at(pos)
    return any(
        doc.party_of(tok) in (Party.OTHER, Party.PERSON) for tok in doc.tokens_between(start, end)
    )


# Round 15: "-off" nouns of the trade whose first word VADER rates negative ("cut" -1.1).
_OFF_NOUNS: Final = frozenset({"cut", "kick", "write", "sign", "drop"})


def trade_noun(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a "-off" noun of the trade ("the rail cut-off", "the
    kick-off"), whatever the first word's rating (round 15)."""
    tok = doc.tokens[i]
    return tok.text.lower() in _OFF_NOUNS and doc.norm[tok.end : tok.end + 4].lower() == "-off"


def helped(doc: Doc) -> re.Match[str] | None:
    """The first outcome that helped in ``doc`` (see ``outcomes``), or None."""
    found = outcomes(doc)
    return found[0] if found else None


def outcomes(doc: Doc) -> list[re.Match[str]]:
    """Each outcome that helped (``lex.HELPED``) whose clause, up to it, holds nothing that
    undoes it (``lex.UNDONE``: "not working again", "nobody checked them before they shipped")
    and whose sentence is no question ("When will this be fixed?") (round 15)."""
    out = []
    for m in doc.finditer(lex.HELPED):
        start, end = doc.sentence_at(m.start())
        if doc.norm[start:end].rstrip().endswith("?"):
            continue
        breaks = [b.end() for b in doc.finditer(lex.CLAUSE_BREAK, start, m.start())]
        if not doc.search(lex.UNDONE, breaks[-1] if breaks else start, m.end()):
            out.append(m)
    # Round 19: harm that did not happen; its negator is its own ("nobody was hurt").
    for m in doc.finditer(lex.UNHARMED):
        start, end = doc.sentence_at(m.start())
        if not doc.norm[start:end].rstrip().endswith("?"):
            out.append(m)
    return sorted(out, key=lambda m: m.start())


def unharmed(doc: Doc, start: int) -> bool:
    """Whether the word at ``start`` is part of harm that did not happen ("nobody was hurt",
    ``lex.UNHARMED``): neither a sweeping claim about people nor a negative word (round 19)."""
    return any(m.start() <= start < m.end() for m in doc.finditer(lex.UNHARMED))


def others_in(doc: Doc, toks: list) -> bool:  # type: ignore[type-arg]
    """Whether another team or person is in ``toks``, and the sentence is not about our side
    ("Our team missed the deadline" is ownership, not blame)."""
    if doc.first_subject(toks).party is Party.SELF:
        return False
    return any(doc.classify(toks, i).party in (Party.OTHER, Party.PERSON) for i in range(len(toks)))


def valences(doc: Doc, toks: list, valence: Mapping[str, float]) -> list[float]:  # type: ignore[type-arg]
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
            and not doc.search(lex.CLAUSE_BREAK, t.end, tok.start)
            for t in toks[max(i - NEGATION_WINDOW, 0) : i]
        ):
            score = -0.74 * score  # VADER's negation scalar
        elif score < 0 and (remedied(doc, at) or unharmed(doc, tok.start)):
            score = 0.0  # "flagged the pricing error": dealt with, not done to us; "nobody was
            # hurt" (round 19)
        out.append(score)
    return out
