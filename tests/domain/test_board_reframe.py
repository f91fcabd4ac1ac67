"""Reframing a flagged item: Observation → Impact → Ask, read by the framing check."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.domain.board.engine import (
    FACILITATOR,
    Board,
    BoardItem,
    Capture,
    CaptureDraft,
    Command,
    FlagComplaint,
    Lock,
    Reframe,
    Remove,
    apply,
    item_history,
)
from app.domain.board.reframe import compose, reframe_errors
from app.domain.errors import Conflict, Forbidden, Invalid

T0 = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
ANGRY = "Billing NEVER sends invoices on time, they are useless and lazy!!!"
GOOD = (
    "Invoices for March deals reached Sales 5 days after close",
    "We lost two renewals worth 40k",
    "Could we agree to send invoices within 2 days of close?",
)


def flagged_board() -> Board:
    board = Board(departments=("Sales", "Billing"), goal_ids=frozenset({1}), people_names=("Dana",))
    draft = CaptureDraft("Sales", ("Billing",), ANGRY, "high", goal_id=1)
    for command in (
        Capture(id="i1", by="p1", at=T0, draft=draft),
        FlagComplaint(id="f1", by=FACILITATOR, at=T0, item_id="i1"),
    ):
        board, _ = apply(board, command)
    return board


def reframe(parts: tuple[str, str, str] = GOOD, by: str = "p1", cid: str = "r1") -> Command:
    observation, impact, ask = parts
    return Reframe(
        id=cid, by=by, at=T0, item_id="i1", observation=observation, impact=impact, ask=ask
    )


def item(board: Board) -> BoardItem:
    found = board.find("i1")
    assert found is not None
    return found


def test_a_calm_reframe_replaces_the_text_and_clears_the_flag_in_one_audited_change() -> None:
    board = flagged_board()
    assert item(board).flagged_complaint
    after, entries = apply(board, reframe())
    reframed = item(after)
    assert reframed.what_happens == (
        "Invoices for March deals reached Sales 5 days after close. "
        "We lost two renewals worth 40k. "
        "Could we agree to send invoices within 2 days of close?"
    )
    assert not reframed.flagged_complaint
    assert reframed.version == item(board).version + 1
    assert [(e.action, e.by) for e in entries] == [("reframe", "p1")]
    assert entries[0].before == {
        "what_happens": ANGRY,
        "flagged_complaint": True,
        "hold": "complaint",
    }
    assert not reframed.held  # let into the room
    assert item_history(after, "i1")[-1].action == "reframe"


def test_a_reframe_that_still_reads_as_a_complaint_changes_nothing_and_names_the_part() -> None:
    board = flagged_board()
    parts = ("Billing never sends invoices on time, they are useless", "We lose deals", "Fix it")
    with pytest.raises(Invalid) as refused:
        apply(board, reframe(parts))
    fields = {e.field: e.message for e in refused.value.errors}
    assert set(fields) == {"observation", "ask"}
    assert "never" in fields["observation"]
    assert "ask" in fields["ask"].lower()
    assert item(board).flagged_complaint  # the flag stays; nothing was stored
    # A refused command is not remembered: the corrected retry may reuse its id.
    after, _ = apply(board, reframe(cid="r1"))
    assert not item(after).flagged_complaint


def test_missing_or_overlong_parts_are_field_errors() -> None:
    _, errors = reframe_errors("short", "", "x" * 301)
    assert {e.field for e in errors} == {"observation", "impact", "ask"}
    _, errors = reframe_errors("a" * 250, "b" * 200, "c" * 200)
    assert [e.field for e in errors] == ["observation"]
    assert "600" in errors[0].message


def test_compose_ends_each_part_as_a_sentence_and_knows_where_it_put_them() -> None:
    text, spans = compose("  We wait   3 days ", "We lose deals!", "Could we meet weekly?")
    assert text == "We wait 3 days. We lose deals! Could we meet weekly?"
    assert text[slice(*spans["impact"])] == "We lose deals!"
    assert text[slice(*spans["ask"])] == "Could we meet weekly?"


def test_only_the_author_or_the_facilitator_reframe_and_the_lock_does_not_stop_it() -> None:
    board = flagged_board()
    with pytest.raises(Forbidden):
        apply(board, reframe(by="p2"))
    locked, _ = apply(board, Lock(id="l1", by=FACILITATOR, at=T0))
    after, _ = apply(locked, reframe())  # the facilitator asked for it
    assert not item(after).flagged_complaint
    on_behalf, _ = apply(board, reframe(by=FACILITATOR))
    assert not item(on_behalf).flagged_complaint


def test_an_unflagged_or_removed_item_is_not_reframed() -> None:
    board = flagged_board()
    cleared, _ = apply(
        board, FlagComplaint(id="f2", by=FACILITATOR, at=T0, item_id="i1", flagged=False)
    )
    with pytest.raises(Conflict, match="no longer needs reframing"):
        apply(cleared, reframe())
    removed, _ = apply(board, Remove(id="x1", by=FACILITATOR, at=T0, item_id="i1"))
    with pytest.raises(Conflict):
        apply(removed, reframe())


def test_a_retried_reframe_acts_once() -> None:
    board = flagged_board()
    once, _ = apply(board, reframe())
    again, entries = apply(once, reframe())
    assert entries == ()
    assert again == once
