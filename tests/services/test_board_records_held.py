"""Series and follow-through read only what the room saw: held items stay out of the records."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.board.engine import FACILITATOR, Approve, Board, Capture, CaptureDraft, apply
from app.services.board.records import board_records

T0 = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
RANT = "Sales keeps throwing garbage deals over the wall and never listens"
CALM = "Finance invoices reach Sales three days after close, so renewals slip a week."


def capture(item_id: str, text: str) -> Capture:
    draft = CaptureDraft("Finance", ("Sales",), text, "high", no_goal=True)
    return Capture(id=item_id, by="p1", at=T0, draft=draft)


def test_a_held_item_is_not_a_record_until_it_is_let_in() -> None:
    board = Board(departments=("Finance", "Sales"), participants=frozenset({"p1"}))
    for command in (capture("calm-item", CALM), capture("rant-item", RANT)):
        board = apply(board, command)[0]
    items, _ = board_records(board)
    assert [item.text for item in items] == [CALM]
    board = apply(board, Approve(id="ok", by=FACILITATOR, at=T0, item_id="rant-item"))[0]
    items, _ = board_records(board)
    assert [item.text for item in items] == [CALM, RANT]
