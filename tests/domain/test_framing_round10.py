"""Round 10 of the framing check: kinds three independent authors shared (docs/FRAMING.md).

A question that asks for an answer that helps is an ask; a curt status line that reports the
remedy under way is an update, not a verdict; thanks sized up are gratitude. Their blaming
twins stay flagged, and every reason keeps its span.
"""

from __future__ import annotations

import pytest

from app.domain.framing.check import FramingResult
from tests.domain.framing_checks import checked


def _check(text: str, teams: list[str], people: tuple[str, ...] = ()) -> FramingResult:
    return checked(text, people_names=people, team_names=teams)


def _codes(result: FramingResult) -> set[str]:
    return {r.code for r in result.reasons}


@pytest.mark.parametrize(
    ("text", "teams"),
    [
        ("Is anyone in IT able to show us how ticket priority is set?", ["IT"]),
        ("Just circling back on the Data export - is Friday still realistic?", ["Data"]),
        (
            "When is the best time to book Patient Transport for late discharges?",
            ["Patient Transport"],
        ),
        (
            "Per my previous message, the deadline moved to Monday. Brand Studio, does that still"
            " work for you?",
            ["Brand Studio"],
        ),
    ],
)
def test_a_question_about_ability_availability_or_the_best_way_is_an_ask(
    text: str, teams: list[str]
) -> None:
    """Genuine questions the new authors wrote as twins of blaming ones: none is read as a
    loaded question in a text that asks for nothing."""
    result = _check(text, teams)
    assert not {"no_next_step", "loaded_question"} & _codes(result)
    if "Per my previous" not in text:
        assert not result.complaint
        assert "pointed_question" not in _codes(result)


def test_asking_a_named_colleague_for_the_best_way_carries_no_reason() -> None:
    result = _check(
        "Dmitri is the Platform Core contact for our tickets. Dmitri, what's the best way to flag"
        " urgent ones?",
        ["Platform Core"],
        ("Dmitri", "Ama"),
    )
    assert not result.complaint
    assert result.reasons == ()


def test_a_blaming_question_stays_flagged_with_its_spans() -> None:
    text = "Is anyone in IT actually reading the tickets we raise?"
    result = _check(text, ["IT"])
    assert result.complaint
    spans = {(r.code, r.excerpt) for r in result.reasons}
    assert ("loaded_question", text[:-1]) in spans
    assert ("pointed_question", text) in spans
    assert "no_next_step" in _codes(result)


@pytest.mark.parametrize(
    ("text", "teams", "under_way"),
    [
        ("Data pipeline 2 days late. Fix in progress.", ["Data"], "in progress"),
        (
            "Dashboards down since Tuesday. Data Platform investigating.",
            ["Data Platform"],
            "investigating",
        ),
        ("Ops handover template drafted, attached.", ["Ops"], "attached"),
    ],
)
def test_a_curt_status_line_with_the_remedy_under_way_is_an_update(
    text: str, teams: list[str], under_way: str
) -> None:
    """The curt shape still shows, with its span and what it was weighed beside, at weight 0."""
    result = _check(text, teams)
    assert not result.complaint
    curt = [r for r in result.reasons if r.code == "curt_verdict"]
    assert [(r.excerpt, r.weight) for r in curt] == [(text, 0.0)]
    assert f'beside work under way: "{under_way}"' in curt[0].message


def test_a_curt_verdict_with_no_remedy_stays_flagged() -> None:
    text = "Transport missed 3 pickups. Patients stranded. Their doing."
    result = _check(text, ["Transport"])
    assert result.complaint
    curt = [r for r in result.reasons if r.code == "curt_verdict"]
    assert [r.excerpt for r in curt] == [text]
    # Weighed as itself (0.52 in round 19's model, 0.50 in round 20's), not as an update (0).
    assert curt[0].weight >= 0.4
    assert "under way" not in curt[0].message


def test_thanks_sized_up_are_no_cause_and_thanks_to_a_team_for_a_miss_is_blame() -> None:
    """ "Huge thanks to Ngozi." no longer reads as "because of Ngozi". (Sincere thanks to another
    side with no ask still weigh as ``mock_praise``: docs/FRAMING.md, round 10, what is left.)"""
    thanks = _check(
        "Finance confirmed the Q2 budget TODAY. Huge thanks to Ngozi.", ["Finance"], ("Ngozi",)
    )
    assert not {"blame_cause", "person_blamed"} & _codes(thanks)
    blame = _check("Thanks to Procurement, we missed the deadline.", ["Procurement"])
    assert blame.complaint
    assert ("blame_cause", "Thanks to Procurement") in {(r.code, r.excerpt) for r in blame.reasons}
