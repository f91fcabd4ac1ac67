"""The stored board document: status fields round-trip, documents stored before them still load."""

from __future__ import annotations

from datetime import UTC, date, datetime

from app.domain.board.engine import (
    FACILITATOR,
    Board,
    Capture,
    CaptureDraft,
    MakeAction,
    SetActionStatus,
)
from app.domain.board.engine import apply as apply_command
from app.domain.summary.model import ActionStatus
from app.services.board import codec as board_codec

T0 = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
FACTS = Board(departments=("Billing", "Sales"), participants=frozenset({"1", "2"}))


def test_a_board_with_action_status_round_trips() -> None:
    draft = CaptureDraft(
        "Sales", ("Billing",), "Discount codes arrive after the run.", "high", no_goal=True
    )
    board = FACTS
    for command in (
        Capture(id="i1", by="1", at=T0, draft=draft),
        MakeAction(
            id="m1",
            by=FACILITATOR,
            at=T0,
            item_id="i1",
            action_id="a1",
            owner="2",
            what="Send the codes earlier",
            due=date(2026, 12, 1),
        ),
        SetActionStatus(
            id="s1",
            by="2",
            at=T0,
            action_id="a1",
            status="blocked",
            reason="Waiting for the CRM export",
        ),
    ):
        board, _ = apply_command(board, command)
    stored = board_codec.dump(board)
    assert stored["actions"][0]["status"] == "blocked"
    assert board_codec.load(stored, FACTS) == board


def test_an_action_stored_before_status_tracking_loads_as_open() -> None:
    old = {
        "items": [],
        "votes": [],
        "actions": [
            {
                "id": "a1",
                "item_id": "i1",
                "owner": "2",
                "what": "Send the codes",
                "due": "2026-12-01",
            }
        ],
        "audit": [],
        "locked": True,
        "seen": ["m1"],
    }
    action = board_codec.load(old, FACTS).actions[0]
    assert (action.status, action.blocked_reason, action.status_at) == (ActionStatus.OPEN, "", None)
