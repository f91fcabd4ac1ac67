"""Action item status: owners and the facilitator report progress; the lock does not stop them."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.board.actions import actions_by_due, is_overdue, validate_status
from app.domain.board.engine import (
    FACILITATOR,
    Board,
    Capture,
    CaptureDraft,
    Lock,
    MakeAction,
    Remove,
    SetActionStatus,
    apply,
)
from app.domain.errors import Forbidden, Invalid, NotFound
from app.domain.summary.model import ActionStatus

T0 = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
_ids = itertools.count()


def cid() -> str:
    return f"c{next(_ids)}"


def board_with_action(owner: str = "p2", due: date = date(2026, 12, 1)) -> Board:
    board = Board(departments=("Sales", "Billing"), participants=frozenset({"p1", "p2"}))
    draft = CaptureDraft(
        "Sales",
        ("Billing",),
        "Discount codes reach billing after the invoice run.",
        "high",
        no_goal=True,
    )
    board, _ = apply(board, Capture(id="i1", by="p1", at=T0, draft=draft))
    make = MakeAction(
        id=cid(),
        by=FACILITATOR,
        at=T0,
        item_id="i1",
        action_id="a1",
        owner=owner,
        what="Send discount codes before the run",
        due=due,
    )
    board, _ = apply(board, make)
    return board


def status(by: str, value: str, reason: str = "", at: datetime = T0) -> SetActionStatus:
    return SetActionStatus(id=cid(), by=by, at=at, action_id="a1", status=value, reason=reason)


def test_the_owner_moves_an_action_along_and_every_change_is_audited() -> None:
    board = board_with_action()
    assert board.actions[0].status == ActionStatus.OPEN
    later = T0 + timedelta(days=3)
    board, entries = apply(board, status("p2", "in_progress", at=later))
    action = board.actions[0]
    assert (action.status, action.status_by, action.status_at) == (
        ActionStatus.IN_PROGRESS,
        "p2",
        later,
    )
    assert entries[0].action == "action_status"
    assert entries[0].item_id == "i1"
    assert entries[0].before == {"action_id": "a1", "status": "open", "blocked_reason": ""}
    assert entries[0].after == {"action_id": "a1", "status": "in_progress", "blocked_reason": ""}
    board, _ = apply(board, status(FACILITATOR, "done"))
    assert board.actions[0].status == ActionStatus.DONE
    assert [e.action for e in board.audit][-2:] == ["action_status", "action_status"]


def test_blocked_needs_a_reason_which_is_kept_only_while_blocked() -> None:
    board = board_with_action()
    with pytest.raises(Invalid) as refused:
        apply(board, status("p2", "blocked", reason="   "))
    assert [e.field for e in refused.value.errors] == ["reason"]
    board, _ = apply(board, status("p2", "blocked", reason="Waiting for  the CRM export"))
    assert board.actions[0].blocked_reason == "Waiting for the CRM export"
    board, _ = apply(board, status("p2", "in_progress", reason="ignored unless blocked"))
    assert board.actions[0].blocked_reason == ""


@pytest.mark.parametrize(
    ("value", "reason", "field"),
    [("finished", "", "status"), ("blocked", "no", "reason"), ("blocked", "x" * 301, "reason")],
)
def test_status_rules(value: str, reason: str, field: str) -> None:
    assert [e.field for e in validate_status(value, reason)] == [field]


def test_only_the_owner_or_the_facilitator_may_update() -> None:
    board = board_with_action(owner="p2")
    with pytest.raises(Forbidden):
        apply(board, status("p1", "done"))
    with pytest.raises(NotFound):
        apply(board, replace(status("p2", "done"), action_id="nope"))


def test_the_board_lock_and_a_removed_item_do_not_stop_status_updates() -> None:
    board = board_with_action()
    board, _ = apply(board, Remove(id=cid(), by=FACILITATOR, at=T0, item_id="i1"))
    board, _ = apply(board, Lock(id=cid(), by=FACILITATOR, at=T0))
    board, entries = apply(board, status("p2", "done"))
    assert entries
    assert board.actions[0].status == ActionStatus.DONE


def test_the_same_status_again_is_a_no_op_and_a_retry_acts_once() -> None:
    board = board_with_action()
    update = status("p2", "done")
    board, _ = apply(board, update)
    audit = len(board.audit)
    assert apply(board, update) == (board, ())
    again, entries = apply(board, status("p2", "done"))
    assert entries == ()
    assert len(again.audit) == audit


def test_overdue_means_due_before_today_and_not_done() -> None:
    board = board_with_action(due=date(2026, 12, 1))
    action = board.actions[0]
    assert not is_overdue(action, date(2026, 12, 1))
    assert is_overdue(action, date(2026, 12, 2))
    done, _ = apply(board, status("p2", "done"))
    assert not is_overdue(done.actions[0], date(2027, 1, 1))


def test_actions_by_due_filters_by_owner_and_orders_by_due_date() -> None:
    board = board_with_action(owner="p2", due=date(2026, 12, 9))
    for action_id, owner, due in (("a2", "p1", date(2026, 12, 5)), ("a3", "p2", date(2026, 12, 2))):
        make = MakeAction(
            id=cid(),
            by=FACILITATOR,
            at=T0,
            item_id="i1",
            action_id=action_id,
            owner=owner,
            what="Another follow-up to do",
            due=due,
        )
        board, _ = apply(board, make)
    assert [a.id for a in actions_by_due(board.actions)] == ["a3", "a2", "a1"]
    assert [a.id for a in actions_by_due(board.actions, "p2")] == ["a3", "a1"]
