"""Round 17 of the framing check (docs/FRAMING.md, "Round 17").

The case-blind patterns scan ASCII text through case-sensitive twins on a lower-case copy
(``lexicon.lowered``, ``Doc.finditer``): faster, and the same matches. These tests hold the
twins to that for every case-blind pattern the check uses, on corpus sentences with their
letters' case scrambled, and on text that is not ASCII (scanned as it is).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import app.domain.framing as framing_package
import app.domain.framing.check  # noqa: F401  (loads every rule module)
from app.domain.framing import lexicon as lex
from app.domain.framing.text import Doc

CORPUS = Path(__file__).resolve().parents[1] / "data" / "framing" / "corpus.jsonl"


def _case_blind_patterns() -> dict[str, re.Pattern[str]]:
    """Every module-level case-blind pattern of the framing package and its lexicon."""
    found: dict[str, re.Pattern[str]] = {}
    seen: set[int] = set()
    prefix = framing_package.__name__ + "."
    for name, module in sorted(sys.modules.items()):
        if not name.startswith(prefix) or module is None:
            continue
        for attr, value in vars(module).items():
            case_blind = isinstance(value, re.Pattern) and value.flags & re.IGNORECASE
            if case_blind and id(value) not in seen:
                seen.add(id(value))
                found[f"{name.removeprefix(prefix)}.{attr}"] = value
    return found


PATTERNS = _case_blind_patterns()
SENTENCES = [
    json.loads(line)["text"]
    for line in CORPUS.read_text("utf-8").splitlines()
    if line.strip() and json.loads(line)["text"].isascii()
][:400]


def _found(doc: Doc, pattern: re.Pattern[str], start: int, end: int) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups()) for m in doc.finditer(pattern, start, end)]


def _plain(text: str, pattern: re.Pattern[str], start: int, end: int) -> list[tuple[object, ...]]:
    norm = text.translate(lex.FOLD)
    return [(m.span(), m.groups()) for m in pattern.finditer(norm, start, end)]


def test_the_check_has_case_blind_patterns_and_nearly_all_have_twins() -> None:
    assert len(PATTERNS) >= 40
    without = [name for name, p in PATTERNS.items() if lex.lowered(p) is None]
    # Only a pattern that turns case-blindness off inside itself keeps scanning as it is:
    # ``IMPACT``, and since round 18 ``SPECIFICS`` ("May" and "March" only with their capital)
    # and ``SCHEDULE_AFTER``, which is built on it.
    assert all("(?-" in PATTERNS[name].pattern for name in without)
    assert len(without) <= 3


def test_lowering_keeps_escapes_and_group_syntax() -> None:
    pattern = re.compile(r"(?P<Who>[A-Z]\w+)\s+SAYS\S*\b(?P=Who)", re.IGNORECASE)
    twin = lex.lowered(pattern)
    assert twin is not None
    assert twin.pattern == r"(?P<who>[a-z]\w+)\s+says\S*\b(?P=who)"
    assert not twin.flags & re.IGNORECASE
    assert lex.lowered(re.compile("abc")) is None  # already case-sensitive: no twin needed
    assert lex.lowered(re.compile("(?-i:ABC)d", re.IGNORECASE)) is None


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_twin_finds_what_its_pattern_finds_in_the_corpus(name: str) -> None:
    pattern = PATTERNS[name]
    for text in SENTENCES:
        for variant in (text, text.upper(), text.swapcase()):
            doc = Doc(variant, ())
            assert _found(doc, pattern, 0, len(variant)) == _plain(
                variant, pattern, 0, len(variant)
            ), (name, variant)


@settings(max_examples=300, deadline=None)
@given(
    index=st.integers(0, len(SENTENCES) - 1),
    flips=st.lists(st.booleans(), min_size=1, max_size=400),
    cut=st.tuples(st.integers(0, 200), st.integers(0, 400)),
    extra=st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12),
)
def test_scrambled_case_and_any_window_find_the_same_matches(
    index: int, flips: list[bool], cut: tuple[int, int], extra: str
) -> None:
    text = extra + SENTENCES[index] + extra
    text = "".join(c.upper() if flips[i % len(flips)] else c for i, c in enumerate(text))
    doc = Doc(text, ())
    start, end = cut[0], max(cut[0], cut[1])
    for name, pattern in PATTERNS.items():
        assert _found(doc, pattern, start, end) == _plain(text, pattern, start, end), name


@pytest.mark.parametrize(
    "text",
    [
        "İstanbul office: Finance IGNORES every request, AS USUAL.",  # lower() lengthens İ
        "The café team dropped the ball again; Legal just shrugs.",
        "ſales keeps ignoring us — Kelvin K and the ﬁnance team, as usual.",
    ],
)
def test_text_that_is_not_ascii_is_scanned_as_it_is(text: str) -> None:
    doc = Doc(text, ())
    for name, pattern in PATTERNS.items():
        assert _found(doc, pattern, 0, len(text)) == _plain(text, pattern, 0, len(text)), name
    assert doc.search(lex.GATED_BLAME) is not None
