"""The explainable framing check: does an agenda issue read as a complaint, and why?

Roundtable's ground rule is "this is NOT a complaint session". Every pressing and butterfly-effect
issue runs through ``check_framing``, which scores the text with weighted rules (blame aimed at
another team, insults, venting, sarcasm, shouting, a named person as the culprit, no proposed
step) and returns every reason with the exact span that triggered it, plus a rewrite pattern
(Observation → Impact → Ask). It is pure and deterministic: stdlib only, no I/O, regexes compiled
at import, so it can run on every keystroke.

Trade-off: the rules are heuristics over surface patterns plus one cheap "who is the subject?"
walk, not a language model. They explain themselves and are cheap, but they miss blame phrased
in words they do not know; the labelled set in ``tests/domain/framing_cases.py`` and
``bench/framing_report.py`` measure how often.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from app.domain import framing_lexicon as lex
from app.domain.framing_advice import counterpart, explain, suggest
from app.domain.framing_rules import RULES, WEIGHTS, Hit, generalisation, has_ask, persons
from app.domain.framing_text import Doc

COMPLAINT_THRESHOLD: Final = 1.0
MIN_WORDS: Final = 3
MIN_NEXT_STEP_WORDS: Final = 3


@dataclass(frozen=True)
class Reason:
    """One explainable signal found in the text.

    Attributes:
        code: stable machine code such as ``"absolute_blame"`` or ``"no_next_step"``.
        message: plain-language explanation shown to the user.
        excerpt: the exact span of the input that triggered it ("" when not span-based).
        start: offset of ``excerpt`` in the input (-1 when not span-based).
        end: end offset of ``excerpt`` (-1 when not span-based).
        weight: contribution to the score.
    """

    code: str
    message: str
    excerpt: str
    start: int
    end: int
    weight: float


@dataclass(frozen=True)
class FramingResult:
    """The verdict: ``complaint`` when ``score`` (the sum of reason weights) reaches 1.0."""

    complaint: bool
    score: float
    reasons: tuple[Reason, ...]
    suggestion: str


class FramingMode(StrEnum):
    """How a session's facilitator enforces the check."""

    WARN_ONLY = "warn_only"
    REQUIRED_TO_FIX = "required_to_fix"


def check_framing(
    text: str, *, people_names: Sequence[str] = (), next_step: str | None = None
) -> FramingResult:
    """Score ``text`` for complaint framing and explain every signal found.

    Args:
        text: the issue as typed.
        people_names: participants' names in the session; a named person as the culprit
            ("Dana never sends ...") is flagged, a neutral mention ("Dana's team owns billing")
            is not.
        next_step: the separate "ask" / "proposed next step" field when the agenda has one; if
            it is substantive, the text itself is not flagged for lacking a step.
    """
    if len(lex.WORD.findall(text)) < MIN_WORDS:
        return FramingResult(complaint=False, score=0.0, reasons=(), suggestion="")
    doc = Doc(text, people_names)
    hits = _dedupe([hit for rule in RULES for hit in rule(doc)])
    hits += persons(doc, hits) + generalisation(doc, hits)
    if not has_ask(doc) and not _is_substantive(next_step):
        hits.append(Hit("no_next_step", -1, -1, WEIGHTS["no_next_step"]))
    reasons = tuple(_reason(text, hit) for hit in sorted(hits, key=_order))
    score = round(sum(r.weight for r in reasons), 2)
    complaint = score >= COMPLAINT_THRESHOLD
    suggestion = suggest((r.code for r in reasons), complaint, counterpart(doc))
    return FramingResult(complaint, score, reasons, suggestion)


def blocks_submission(result: FramingResult, mode: FramingMode) -> bool:
    """Whether the issue may not be saved as typed: only complaints, only when required-to-fix."""
    return mode is FramingMode.REQUIRED_TO_FIX and result.complaint


def _is_substantive(next_step: str | None) -> bool:
    if next_step is None or next_step.strip().lower() in lex.PLACEHOLDER_STEPS:
        return False
    return len(lex.WORD.findall(next_step)) >= MIN_NEXT_STEP_WORDS


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """Drop a hit that overlaps an earlier, longer hit of the same code."""
    kept: list[Hit] = []
    reach: dict[str, int] = {}  # furthest end kept so far, per code
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start), h.code)):
        if hit.start >= reach.get(hit.code, -1):
            kept.append(hit)
            reach[hit.code] = hit.end
    return kept


def _order(hit: Hit) -> tuple[bool, int, int, str]:
    return (hit.start < 0, hit.start, hit.end, hit.code)


def _reason(text: str, hit: Hit) -> Reason:
    excerpt = text[hit.start : hit.end] if hit.start >= 0 else ""
    message = explain(hit.code, excerpt)
    if hit.note:
        message = f"{message} ({hit.note})"
    return Reason(hit.code, message, excerpt, hit.start, hit.end, round(hit.weight, 2))
