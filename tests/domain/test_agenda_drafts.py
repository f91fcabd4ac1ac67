"""A draft keeps every valid field even when another one breaks a rule (issue #15)."""

from __future__ import annotations

from app.domain.agenda.rules import AgendaContent, keep_valid_fields


def test_a_field_over_its_limit_keeps_its_stored_value_and_the_rest_is_taken() -> None:
    stored = AgendaContent(butterfly_cost="Forty hours.", what_we_do="old")
    typed = AgendaContent(
        what_we_do="We run billing.", pressing_issue="Late invoices.", butterfly_cost="x" * 5000
    )
    merged, errors = keep_valid_fields(typed, stored, goal_ids={1})
    assert merged.what_we_do == "We run billing."
    assert merged.pressing_issue == "Late invoices."
    assert merged.butterfly_cost == "Forty hours."
    assert [e.field for e in errors] == ["butterfly_cost"]
    assert "at most 600 characters; it has 5,000" in errors[0].message


def test_an_unknown_goal_keeps_the_stored_goal_and_its_no_goal_box() -> None:
    stored = AgendaContent(pressing_goal_id=None, pressing_no_goal=True)
    typed = AgendaContent(pressing_goal_id=99, pressing_no_goal=False, pressing_ask="Help?")
    merged, errors = keep_valid_fields(typed, stored, goal_ids={1})
    assert (merged.pressing_goal_id, merged.pressing_no_goal) == (None, True)
    assert merged.pressing_ask == "Help?"
    assert [e.field for e in errors] == ["pressing_goal_id"]


def test_fields_the_caller_could_not_parse_keep_their_stored_value() -> None:
    stored = AgendaContent(butterfly_targets=("Sales",))
    typed = AgendaContent(butterfly_targets=(), what_we_do="We run billing.")
    merged, errors = keep_valid_fields(typed, stored, goal_ids=(), rejected=["butterfly_targets.0"])
    assert merged.butterfly_targets == ("Sales",)
    assert merged.what_we_do == "We run billing."
    assert errors == []
