"""Text analysis for the framing check: tokens, sentences, and who a clause is about.

The one grammatical question the rules ask is "who is the subject of this phrase?", because the
same words frame a problem differently depending on it: "we never had a shared calendar" owns a
gap, "Finance never sends the numbers" blames a team. ``subject_of`` answers it with a cheap
leftward walk from the phrase to the nearest head word; it is a heuristic, not a parser, and
favours returning ``THING`` (no blame) when unsure.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Final

from app.domain.framing import lexicon as lex


class Party(Enum):
    """Who a clause is about, as far as blame goes."""

    SELF = "self"  # the speaker or their own team
    OTHER = "other"  # another team, role or unnamed people
    PERSON = "person"  # a participant named in the session
    THING = "thing"  # a process, tool or nothing identifiable


@dataclass(frozen=True)
class Token:
    """One word of the input and where it sits."""

    text: str
    start: int
    end: int
    # The word without a possessive "'s" ("Legal's" -> "Legal"); set once (round 15: it was
    # recomputed on every use, tens of thousands of times a long text).
    bare: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        bare = self.text[:-2] if self.text.lower().endswith("'s") else self.text
        object.__setattr__(self, "bare", bare)


@dataclass(frozen=True)
class Subject:
    """The head word a phrase is about and its party."""

    party: Party
    token: Token | None


class Doc:
    """The input text prepared once for every rule."""

    def __init__(
        self, text: str, people_names: Sequence[str], team_names: Sequence[str] = ()
    ) -> None:
        self.text = text
        self.norm = text.translate(lex.FOLD)
        # Round 17: ASCII text in lower case, which the case-blind patterns scan faster through
        # their case-sensitive twins (``finditer``); None for other text, scanned as it is.
        self._lower = self.norm.lower() if self.norm.isascii() else None
        self.tokens = [Token(m.group(), m.start(), m.end()) for m in lex.WORD.finditer(self.norm)]
        self._token_starts = [t.start for t in self.tokens]
        self.sentences = _split_sentences(self.norm)
        self._sentence_starts = [s for s, _ in self.sentences]
        # Teams: the well-known department words, the session's own, and any Title-case word
        # the text itself marks as a team ("Yusuf in Catering", "Fleet's vans"). A session's
        # name may carry its short form in brackets ("Manufacturing Engineering (ME)"), which is
        # what people write (round 13).
        self.teams = lex.DEPARTMENTS | _session_teams(tuple(team_names)) | _teams_in(self.norm)
        parts = {p for name in people_names for p in name.split() if len(p) >= 2}
        parts |= _named_colleagues(self.norm, self.teams)
        self.names = frozenset(parts)
        self.name_pattern = _name_pattern(tuple(sorted(parts))) if parts else None

    def finditer(
        self, pattern: re.Pattern[str], start: int = 0, end: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """``pattern.finditer(self.norm, start, end)``, the same matches found faster: the
        lower-case twin (``lexicon.lowered``) finds where each match starts, and the pattern
        itself matches there, so groups and spans are the original text's."""
        twin = lex.lowered(pattern) if self._lower is not None else None
        if twin is None or self._lower is None:
            yield from pattern.finditer(self.norm, start, end)
            return
        for found in twin.finditer(self._lower, start, end):
            again = pattern.match(self.norm, found.start(), end)
            if again is not None:  # always, on ASCII text (tests/domain/test_framing_round17.py)
                yield again

    def search(
        self, pattern: re.Pattern[str], start: int = 0, end: int = sys.maxsize
    ) -> re.Match[str] | None:
        """``pattern.search(self.norm, start, end)``, as ``finditer`` finds it."""
        return next(self.finditer(pattern, start, end), None)

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence containing ``pos``."""
        i = max(bisect_right(self._sentence_starts, pos) - 1, 0)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def index(self, tok: Token) -> int:
        """The position of ``tok`` in ``tokens``, found by its start (no two tokens share one)
        without the dataclass comparisons of ``tokens.index`` (round 15: 0.3 ms a long text)."""
        return bisect_left(self._token_starts, tok.start)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        """Tokens lying wholly inside ``[start, end)``."""
        i = bisect_right(self._token_starts, start - 1)
        out: list[Token] = []
        for tok in self.tokens[i:]:
            if tok.end > end:
                break
            out.append(tok)
        return out

    def hedged(self, pos: int) -> str:
        """A hedge word ("sometimes", "partly") in the sentence at ``pos``, or ""."""
        start, end = self.sentence_at(pos)
        m = self.search(lex.HEDGES, start, end)
        return m.group() if m else ""

    def subject_of(self, pos: int) -> Subject:
        """The subject of the phrase starting at ``pos``: walk left to the nearest head word."""
        start, _ = self.sentence_at(pos)
        toks = self.tokens_between(start, pos)
        for i in range(len(toks) - 1, -1, -1):
            low = toks[i].text.lower()
            if low in lex.SUBJECT_SKIP:
                continue
            if low in lex.ELISION:
                # "Sales ignores X and then ..." shares the sentence's first subject.
                return self.first_subject(toks[:i])
            if low in lex.SUBORDINATORS:
                return Subject(Party.THING, None)
            return self.classify(toks, i)
        return self.clause_subject(pos)

    def clause_subject(self, pos: int) -> Subject:
        """The subject of the clause holding ``pos``, for phrases that follow their verb.

        A phrase that opens the sentence ("Every time we ask, Legal ...") belongs to the main
        clause after the first comma.
        """
        start, end = self.sentence_at(pos)
        if self.tokens_between(start, pos):
            return self.first_subject(self.tokens_between(start, end))
        comma = self.norm.find(",", pos, end)
        if comma < 0:
            return Subject(Party.THING, None)
        return self.first_subject(self.tokens_between(comma, end))

    def party_of(self, tok: Token) -> Party:
        """The party of a single word, with no context ("Finance" -> OTHER)."""
        return self.classify([tok], 0).party

    def classify(self, toks: Sequence[Token], i: int) -> Subject:
        """The party of ``toks[i]`` read as a head noun, looking at its modifiers."""
        tok = toks[i]
        low, bare = tok.text.lower(), tok.bare
        if low in lex.FIRST_PERSON and not (bare.isupper() and bare in self.teams):
            # "ME hoards the torque guns": in capitals, a session team's short form is the
            # team ("Manufacturing Engineering (ME)"), not the speaker.
            return Subject(Party.SELF, tok)
        if bare in self.names:
            return Subject(Party.PERSON, tok)
        if low in ("nobody", "no-one") and lex.UNHARMED.match(self.norm, tok.start):
            return Subject(Party.THING, tok)  # "nobody was hurt": harm that did not happen
        is_department = bare in self.teams  # case-sensitive: "IT" yes, "it" no
        if low in lex.IMPERSONAL and not is_department:
            return Subject(Party.THING, tok)
        is_party = is_department or low in lex.OTHER_PRONOUNS or bare.lower() in lex.ROLE_NOUNS
        if is_party and self._in_compound(tok):
            # "cross-team handoffs", "Sales-led demos": a modifier, not the one who acts.
            is_party = False
        if not is_party:
            return self._owned(toks, i, tok)
        for mod in toks[max(i - 2, 0) : i]:
            owner = mod.text.lower()
            if owner == "my" or (owner == "our" and bare.lower() in lex.OWN_GROUPS):
                return Subject(Party.SELF, tok)
            if mod.bare in self.names:
                return Subject(Party.PERSON, mod)
        return Subject(Party.OTHER, tok)

    def _owned(self, toks: Sequence[Token], i: int, tok: Token) -> Subject:
        """A thing is about whoever owns it: "Emily's approvals", "Finance's sloppy forecast"
        (a person's or team's possessive up to two words before the head, round 5)."""
        for mod in toks[max(i - 2, 0) : i]:
            if mod.text == mod.bare or self._in_compound(mod):
                continue  # no possessive "'s"
            if mod.bare in self.names:
                return Subject(Party.PERSON, mod)
            if mod.bare in self.teams:
                return Subject(Party.OTHER, mod)
        return Subject(Party.THING, tok)

    def _in_compound(self, tok: Token) -> bool:
        return self.norm[tok.end : tok.end + 1] == "-" or (
            tok.start > 0 and self.norm[tok.start - 1] == "-"
        )

    def first_subject(self, toks: Sequence[Token]) -> Subject:
        """The subject that opens ``toks`` (skipping determiners and sentence adverbs)."""
        for i, tok in enumerate(toks):
            low = tok.text.lower()
            if low in lex.SUBJECT_SKIP or low in lex.DETERMINERS:
                continue
            # Take the last word of the opening noun phrase ("the sales team" -> "team").
            j = i
            while j + 1 < len(toks) and toks[j + 1].text.lower() in lex.ROLE_NOUNS:
                j += 1
            return self.classify(toks, j)
        return Subject(Party.THING, None)


@lru_cache(maxsize=1024)  # one entry per set of names; bounded for a long-running server
def _name_pattern(parts: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``parts`` as a whole word, compiled once per set of names (round 16: compiling it
    for every text cost a long text 0.15 ms, more than any rule's search)."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, parts)) + r")\b")


@lru_cache(maxsize=256)  # one entry per session's list; bounded for a long-running server
def _session_teams(team_names: tuple[str, ...]) -> frozenset[str]:
    """The team words of a session's department names (read once per session's list)."""
    return frozenset(
        w for name in team_names for w in _name_words(name) if len(w) >= 2 and w[0].isupper()
    )


@lru_cache(maxsize=4096)
def _name_words(name: str) -> tuple[str, ...]:
    """The words of a department's name, without the brackets or slashes around them:
    "Manufacturing Engineering (ME)" -> Manufacturing, Engineering, ME. A name of two or more
    words without a short form of its own also gives its initials, as people write them
    (round 14): "Data & Analytics" -> D&A, "Network Planning" -> NP."""
    words = [w.strip("()[]{},;:/") for w in name.split()]
    if any(w.isupper() and len(w) >= 2 for w in words):
        return tuple(words)  # it names its own short form
    initials = "".join(
        "&" if w in ("&", "and") else w[0]
        for w in words
        if w and (w[0].isupper() or w in ("&", "and"))
    )
    initials = initials.strip("&")
    if sum(c.isupper() for c in initials) >= 2 and initials.lower() not in _NOT_INITIALS:
        words.append(initials)
    return tuple(words)


# Initials that spell a pronoun or a common short word are not taken from a name: "Web
# Engineering" must not turn a shouted "WE" into a team (a name that gives itself such a short
# form in brackets still does).
_NOT_INITIALS: Final = frozenset(
    (
        *("am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me"),
        *("my", "no", "of", "ok", "on", "or", "so", "to", "up", "us", "we"),
    )
)


def _teams_in(norm: str) -> set[str]:
    """Title-case words the text uses as a team: "<Name> in Catering", "Fleet's vans"."""
    found = {m.group("dept") for m in lex.NAMED_COLLEAGUE.finditer(norm)}
    found |= {m.group("owner") for m in lex.TITLE_POSSESSIVE.finditer(norm)}
    return {w for w in found if w.lower() not in lex.NOT_NAMES and not lex.SPECIFICS.fullmatch(w)}


def _named_colleagues(norm: str, teams: frozenset[str]) -> set[str]:
    """First names written as "<Name> in <team>" ("Mark in Procurement"), even when the
    session's participant list does not hold them: the phrase itself says it is a person."""
    return {
        m.group("name")
        for m in lex.NAMED_COLLEAGUE.finditer(norm)
        if m.group("dept") in teams
        and m.group("name") not in teams
        and _may_be_name(m.group("name"))
    }


def _may_be_name(word: str) -> bool:
    low = word.lower()
    if low in lex.NOT_NAMES:
        return False
    # "Delays in Finance", "Changes from Legal": a plural noun, not a person ("Thomas" is kept).
    return not (low.endswith("s") and low[-2:] not in ("as", "us", "is", "os"))


def _split_sentences(norm: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in lex.SENTENCE_END.finditer(norm):
        if m.end() > start:
            spans.append((start, m.end()))
        start = m.end()
    if start < len(norm):
        spans.append((start, len(norm)))
    return spans
