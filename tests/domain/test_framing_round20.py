"""Round 20 of the framing check (docs/FRAMING.md, "Round 20").

- More news that closes a loop beside a stock opener: "attached are …", "please find attached",
  "… has been updated", a cut-off with no "on" ("closes Friday", "is this Friday").
- A reminder addressed to the room with a comma or "that" ("Gentle nudge to everyone, …") is no
  stock phrase, and "gentle"/"friendly" before "reminder"/"nudge" is no praise.
- "so far", "so that" and "so" joining clauses ("so they can …") are no intensifier.
- "Looping in HR", "Copying in Finance": a verb, not a colleague called Looping.
- "read-only" is a state, not loaded "only"; "Release fixing now" is work under way.
"""

from __future__ import annotations

import pytest

from app.domain.framing import lexicon as lex
from app.domain.framing.check import check_framing
from app.domain.framing.model import default_model
from app.domain.framing.text import Doc
from tests.domain.framing_checks import codes, features


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("As per my last email, attached are the audit results for both depots.", "attached are"),
        ("Per my previous message, please find attached the signed rota.", "find attached"),
        ("Friendly reminder that the price list has been updated for March.", "has been updated"),
    ],
)
def test_more_news_that_closes_a_loop(text: str, news: str) -> None:
    assert Doc(text, ()).search(lex.SETTLED).group() == news
    found = features(text)
    assert "rule:passive_aggressive|plain" in found
    assert "rule:passive_aggressive" not in found
    weights = default_model().weights
    assert weights["rule:passive_aggressive|plain"] < weights["rule:passive_aggressive"]


@pytest.mark.parametrize(
    ("text", "ahead"),
    [
        ("Just a gentle reminder that the stationery order window closes Friday.", "closes Friday"),
        ("As per my last email, the budget lock is this Thursday.", "is this Thursday"),
    ],
)
def test_a_cut_off_without_on_is_ahead(text: str, ahead: str) -> None:
    assert Doc(text, ()).search(lex.FORWARD).group() == ahead
    assert "rule:passive_aggressive|plain" in features(text)
    # A cut-off already past is no plan ahead.
    assert Doc("The window closed Friday.", ()).search(lex.FORWARD) is None


@pytest.mark.parametrize(
    "text",
    [
        "Gentle nudge to everyone, the rota survey closes Thursday.",
        "Gentle nudge to everyone that the sign-in sheets have moved onto the tablet.",
    ],
)
def test_a_reminder_to_the_room_is_neither_stock_phrase_nor_praise(text: str) -> None:
    found = {c for c, _ in codes(text)}
    assert not found & {"passive_aggressive", "mock_praise"}
    # Aimed at a team, the same opener is still a stock phrase.
    aimed = "Gentle nudge to Fleet that the van checks were due yesterday."
    assert "passive_aggressive" in {c for c, _ in codes(aimed)}


def test_a_cut_off_told_to_the_room_is_not_flagged() -> None:
    assert not check_framing("Gentle nudge to everyone, the rota survey closes Thursday.").complaint


@pytest.mark.parametrize(
    "text",
    [
        "Forum sentiment about the new map is mostly negative so far.",
        "Payroll moved the cut-off so that night staff can submit on Monday.",
        "Looping in Finance so they can advise on the mileage question.",
    ],
)
def test_so_that_says_when_or_why_is_no_intensifier(text: str) -> None:
    assert "intensified" not in {c for c, _ in codes(text)}


def test_so_before_an_adjective_still_intensifies() -> None:
    assert ("intensified", "so") in codes("Support is so slow it hurts.")


def test_a_gerund_before_in_team_is_no_colleague() -> None:
    doc = Doc("Looping in HR so they can advise.", ())
    assert "Looping" not in doc.names
    assert "named_subject" not in {c for c, _ in codes("Copying in Finance on the refund.")}
    # A name in the same place still is one.
    assert "Priya" in Doc("Priya in HR will advise.", ()).names


def test_read_only_is_a_state_and_fixing_now_is_work_under_way() -> None:
    assert "stem:onli" not in features("The booking system stayed read-only until noon.")
    assert Doc("Main is red. Release fixing now.", ()).search(lex.UNDER_WAY).group() == (
        "fixing now"
    )
    assert "rule:curt_verdict" not in features("Main is red. Release fixing now.")
