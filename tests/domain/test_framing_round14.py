"""Round 14 of the framing check: held-out 18-20 as development data, and what their idiom
misses showed (docs/FRAMING.md, "Round 14").

- A department written by its initials ("D&A" for "Data & Analytics") was two stray letters,
  so "D&A cooked the churn numbers" had no team to blame.
- Idioms with a hyphenated word in their middle ("swept the broken air-con under the rug") or a
  longer object ("threw the launch dates over the wall") slipped past their patterns, and some
  everyday ones were missing ("telling porkies", "window-dressing", "fed … a bedtime story").
- A time that only sets the scene ("at 6pm on launch day") earned the credit of a measured fact.
"""

from __future__ import annotations

import pytest

from app.domain.framing.check import check_framing
from app.domain.framing.text import Doc, Party


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Data & Analytics", "D&A"),
        ("Research and Development", "R&D"),
        ("Network Planning", "NP"),
        ("Manufacturing Engineering (ME)", "ME"),  # its own short form, no second one
    ],
)
def test_a_department_written_by_its_initials_is_that_team(name: str, initials: str) -> None:
    doc = Doc(f"{initials} changed the forecast.", [], [name])
    assert doc.tokens[0].text == initials
    assert initials in doc.teams
    assert doc.first_subject(doc.tokens).party is Party.OTHER


def test_initials_that_spell_a_pronoun_are_not_taken_from_a_name() -> None:
    """ "Web Engineering" gives no "WE": a shouted "WE dropped the ball" is still the speaker
    owning it. A short form the name gives itself in brackets still counts (round 13)."""
    doc = Doc("WE dropped the ball on the handover.", [], ["Web Engineering"])
    assert "WE" not in doc.teams
    assert doc.first_subject(doc.tokens).party is Party.SELF
    result = check_framing("WE dropped the ball on the handover.", team_names=["Web Engineering"])
    assert not result.complaint
    assert "ME" in Doc("ME changed it.", [], ["Manufacturing Engineering (ME)"]).teams


def test_initials_are_a_team_only_in_a_session_that_has_the_department() -> None:
    assert "D&A" not in Doc("D&A changed the forecast.", [], ["Sales", "Finance"]).teams
    assert "NP" not in Doc("NP changed the plan.", [], ["Network", "Planning"]).teams


def test_a_blame_idiom_after_a_departments_initials_is_flagged_with_its_span() -> None:
    text = "D&A cooked the churn numbers to make last quarter look prettier."
    result = check_framing(text, team_names=["Data & Analytics", "Finance"])
    assert result.complaint
    assert ("blame", "cooked the churn numbers") in [(r.code, r.excerpt) for r in result.reasons]
    # Without the session's department, the same letters blame nobody in particular.
    bare = check_framing(text)
    assert ("blame", "cooked the churn numbers") not in [(r.code, r.excerpt) for r in bare.reasons]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Facilities swept the broken air-con under the rug until a client complained.",
            "swept the broken air-con under",
        ),
        (
            "Marketing threw the launch dates over the wall and went to lunch.",
            "threw the launch dates over the wall",
        ),
        ("Procurement chucked the supplier audit over the fence.", "chucked the supplier audit"),
        ("Engineering keeps telling porkies about the prototype dates.", "telling porkies"),
        (
            "Procurement fed the plant managers a bedtime story about the new supplier.",
            "fed the plant managers a bedtime story",
        ),
        ("Finance is window-dressing the forecast before the board meeting.", "window-dressing"),
        ("Legal left us in the lurch on the Henderson contract.", "left us in the lurch"),
        ("Sales Ops bulldozed the new pricing through.", "bulldozed"),
        ("Logistics skims the best vans off the rental pool.", "skims the best"),
        ("Legal squirrels the good precedents away in its own folders.", "squirrels the good"),
    ],
)
def test_everyday_blame_idioms_are_flagged_with_their_span(text: str, span: str) -> None:
    result = check_framing(text)
    assert result.complaint, result.reasons
    assert result.holds
    assert any(r.code == "blame" and r.excerpt.startswith(span) for r in result.reasons), [
        (r.code, r.excerpt) for r in result.reasons
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We dropped the ball on the handover, so we now pull our weight on every call.",
        "Our R&D budget rose by 5% this year.",
        "Data & Analytics skims the top ten accounts for the morning report.",
        "The spin class moved to the gym on the third floor.",
        # Review of round 14: a production line, a clause that moves on, shouted "WE".
        "Ops fed them to the line early so we started on time.",
        "Finance skim the invoices and sign off the budget each Friday; it works well.",
    ],
)
def test_their_plain_neighbours_stay_unflagged(text: str) -> None:
    assert not check_framing(text).complaint


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("Marketing changed the bundle at 6pm on launch day.", None),
        ("The meeting moved to room 3C.", None),
        ("IT ships its changes on a Friday afternoon.", None),
        ("Sales Ops reworks the monthly deck.", None),
        ("Finance rebuilds the month-end pack.", None),
        ("We lost two renewals after the outage.", "two"),
        ("Support answered 40 tickets on Friday.", "40"),
        ("IT ships its changes at 6pm, 3 hours after the freeze.", "3"),
        # Review of round 14: a magnitude is no code, a count in a compound no period.
        ("Refunds cost us £10K last month.", "10"),
        ("We had a two-hour outage on Monday.", "two"),
    ],
)
def test_a_time_that_only_sets_the_scene_earns_no_credit_without_an_ask(
    text: str, credited: str | None
) -> None:
    found = [r.excerpt for r in check_framing(text).credits if r.code == "specific_fact"]
    assert found == ([credited] if credited else [])


def test_in_an_ask_the_same_time_makes_the_proposal_concrete() -> None:
    text = "Could IT ship its changes on a Friday morning instead of a Friday afternoon?"
    found = [r.excerpt for r in check_framing(text).credits if r.code == "specific_fact"]
    assert found == ["Friday"]
