"""Round 18 of the framing check (docs/FRAMING.md, "Round 18").

- A request can be the reproach: "perhaps next time", "might want to", "I'd gently suggest",
  "would have been even more helpful before …" are passive-aggressive evidence, with their spans.
- Deference openers the disclaimer list lacked ("With the utmost respect", "With respect to
  colleagues in …", "It's kind of X to …, but") are disclaimers.
- Words that only look like facts earn no credit: the modal "may", the verb "march", the
  pronoun "one" after a determiner. The month and the number still do.
"""

from __future__ import annotations

import pytest

from app.domain.framing import lexicon as lex
from app.domain.framing.check import check_framing
from app.domain.framing.text import Doc


def _spans(text: str, code: str) -> list[str]:
    result = check_framing(text)
    return [r.excerpt for r in (*result.reasons, *result.credits) if r.code == code]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        (
            "Perhaps next time Logistics could check the dock rota before booking three trucks.",
            "Perhaps next time",
        ),
        (
            "The night team might want to read the handover sheet before closing the gate.",
            "might want to",
        ),
        (
            "I'd gently suggest Marketing test the promo codes before they go out to members.",
            "I'd gently suggest",
        ),
        (
            "Thanks for the update, Payroll; it would have been even more helpful before the run.",
            "would have been even more helpful before",
        ),
    ],
)
def test_a_request_that_is_the_reproach_is_passive_aggressive_evidence(
    text: str, excerpt: str
) -> None:
    doc = Doc(text, ())
    assert [m.group() for m in doc.finditer(lex.PASSIVE_AGGRESSIVE)] == [excerpt]
    start = text.index(excerpt)
    assert (start, start + len(excerpt)) == next(doc.finditer(lex.PASSIVE_AGGRESSIVE)).span()
    # The check names it as a reason, with its span, whatever the verdict.
    assert _spans(text, "passive_aggressive") == [excerpt]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        (
            "With the utmost respect, Facilities left the lift broken all week.",
            "With the utmost respect",
        ),
        (
            "With respect to colleagues in Planning, the rota arrived after the shift began.",
            "With respect to colleagues",
        ),
        (
            "It's kind of HR to run wellbeing talks, but booking at 7am shows nobody asked us.",
            "It's kind of HR to run wellbeing talks, but",
        ),
    ],
)
def test_deference_openers_are_disclaimers(text: str, excerpt: str) -> None:
    assert [m.group() for m in Doc(text, ()).finditer(lex.DISCLAIMER)] == [excerpt]


def test_plain_uses_of_respect_and_next_time_are_not_evidence() -> None:
    for text in (
        "With respect to the Q3 numbers, Finance will publish them on Friday.",
        "Next time we run the drill we will start at nine.",
        "Could Logistics share the dock rota for next week?",
    ):
        doc = Doc(text, ())
        assert not list(doc.finditer(lex.PASSIVE_AGGRESSIVE)), text
        assert not list(doc.finditer(lex.DISCLAIMER)), text


@pytest.mark.parametrize(
    ("text", "credited", "not_credited"),
    [
        ("Security may wish to consider locking the side door at ten.", ["ten"], ["may"]),
        ("We shipped the new rota in May and it held.", ["May"], []),
        ("May I ask whether the March release is still on?", ["March"], ["May"]),
        ("Crews march on while this one waits for a part.", [], ["march", "one"]),
        ("One of the two lifts has been out since Monday.", ["One", "two", "Monday"], []),
    ],
)
def test_only_real_dates_and_numbers_are_specifics(
    text: str, credited: list[str], not_credited: list[str]
) -> None:
    found = [m.group() for m in Doc(text, ()).finditer(lex.SPECIFICS)]
    assert found == credited
    assert not set(found) & set(not_credited)
