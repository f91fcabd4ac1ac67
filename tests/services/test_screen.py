"""The room's big screen, set from the console: changes merge into the state in force, a
message needs text, and the closing figures count what the session produced (SQLite and
PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.domain.errors import Invalid
from app.services.console import controls, screen
from app.services.plans import service as plans
from app.services.plans.schemas import PlanSettings
from tests.services.test_actions import with_actions


def test_changes_merge_into_the_state_in_force(any_db: Session) -> None:
    sid, _ = with_actions(any_db, owners=[], days=[])
    assert screen.current_with_seq(any_db, sid) == (screen.ScreenState(), 0)

    first = screen.update(any_db, sid, {"mode": "message", "message": "  Back in 5 minutes "})
    second = screen.update(any_db, sid, {"theme": "light"})

    state, seq = screen.current_with_seq(any_db, sid)
    assert seq == second.seq > first.seq
    assert (state.mode, state.message, state.theme) == ("message", "Back in 5 minutes", "light")


def test_message_mode_without_text_is_refused_and_changes_nothing(any_db: Session) -> None:
    sid, _ = with_actions(any_db, owners=[], days=[])
    screen.update(any_db, sid, {"mode": "board"})

    with pytest.raises(Invalid) as refused:
        screen.update(any_db, sid, {"mode": "message", "message": "   "})
    any_db.rollback()

    assert [e.field for e in refused.value.errors] == ["message"]
    assert screen.current(any_db, sid).mode == "board"


def test_closing_figures_count_rounds_started_pairs_items_and_actions(any_db: Session) -> None:
    sid, _ = with_actions(any_db, owners=[1, 2], days=[7, 14])
    plans.generate(any_db, sid, PlanSettings(rounds=2), author="facilitator")
    before = screen.closing_figures(any_db, sid)

    controls.control(any_db, sid, kind="start", control_id="start-0001")
    controls.control(any_db, sid, kind="skip", control_id="skip-0001")  # past the welcome
    after = screen.closing_figures(any_db, sid)

    assert (before.rounds_played, before.pairs_met, before.items, before.action_items) == (
        0,
        0,
        2,
        2,
    )
    assert after.rounds_played == 1
    assert after.pairs_met == 3  # six people in pairs: three pairs in round 1
