"""The board's hot path: incremental encoding and the per-worker cache never change what is stored
or read, and another worker's write is always seen."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlmodel import Session, col, delete

from app.domain.board.engine import (
    FACILITATOR,
    Board,
    Capture,
    CaptureDraft,
    Command,
    FlagComplaint,
    Vote,
)
from app.domain.board.engine import apply as apply_command
from app.services.board import codec as board_codec
from app.services.board import service as board_service
from app.store.models import BoardState, LiveEvent
from tests.factories import add_person, make_session

T0 = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
FACTS = Board(departments=("Billing", "Sales"), people_names=("Dana",))


def capture(item_id: str, by: str = "1") -> Capture:
    text_ = f"Discount codes for {item_id} reach Billing after the invoice run."
    draft = CaptureDraft("Sales", ("Billing",), text_, "high", no_goal=True)
    return Capture(id=item_id, by=by, at=T0, draft=draft)


def run(board: Board, *commands: Command) -> Board:
    for command in commands:
        board, _ = apply_command(board, command)
    return board


def test_an_incremental_dump_equals_a_full_one() -> None:
    before = run(FACTS, capture("i1"), capture("i2"), Vote(id="v1", by="2", at=T0, item_id="i1"))
    loaded = board_codec.load_loaded(board_codec.dump(before), FACTS)
    after = run(
        loaded.board,
        capture("i3"),
        FlagComplaint(id="f1", by=FACILITATOR, at=T0, item_id="i2"),
    )
    document, again = board_codec.dump_loaded(after, loaded)
    assert document == board_codec.dump(after)
    # The untouched item's stored form is reused as is, not encoded again.
    assert document["items"][0] is loaded.items[id(loaded.board.items[0])][1]
    assert board_codec.load(document, FACTS) == after
    assert board_codec.dump_loaded(after, again)[0] == document


def new_capture(session_id: str, person: str, n: int) -> Capture:
    draft = CaptureDraft(
        "Sales",
        ("Finance",),
        f"Capture {n}: deals close without billing contacts",
        "high",
        no_goal=True,
    )
    return Capture(id=uuid.uuid4().hex, by=person, at=T0, draft=draft)


def test_another_workers_write_is_seen_through_the_cache(client: TestClient, db: Session) -> None:
    made = make_session(client)
    person = str(add_person(client, made, "Marcus Okafor", "Sales")["id"])
    add_person(client, made, "Dana Lee", "Finance")
    board_service.execute(db, made.id, new_capture(made.id, person, 1))
    mine = dict(board_service._cache)  # this worker's cache after its own write
    # Another worker writes: it has its own (here: empty) cache.
    board_service._cache.clear()
    board_service.execute(db, made.id, new_capture(made.id, person, 2))
    board_service._cache.clear()
    board_service._cache.update(mine)  # back to this worker, whose cache is now stale
    board, seq = board_service.read(db, made.id)
    assert [i.what_happens[:9] for i in board.items] == ["Capture 1", "Capture 2"]
    # And a command here builds on the other worker's write, not on the stale cache.
    board_service._cache.clear()
    board_service._cache.update(mine)
    new_board, event = board_service.execute(db, made.id, new_capture(made.id, person, 3))
    assert event is not None
    assert event.seq == seq + 1
    assert len(new_board.items) == 3
    stored = db.get(BoardState, made.id)
    assert stored is not None
    db.refresh(stored)
    assert len(stored.state["items"]) == 3
    assert stored.state["seq"] == event.seq


def test_a_cached_read_matches_a_fresh_decode(client: TestClient, db: Session) -> None:
    made = make_session(client)
    person = str(add_person(client, made, "Marcus Okafor", "Sales")["id"])
    add_person(client, made, "Dana Lee", "Finance")
    for n in range(3):
        board_service.execute(db, made.id, new_capture(made.id, person, n))
    cached, seq = board_service.read(db, made.id)
    assert board_service._cache  # the reads above came from the cache
    board_service._cache.clear()
    fresh, fresh_seq = board_service.read(db, made.id)
    assert (cached, seq) == (fresh, fresh_seq)
    # The session's facts are read every time: a new department counts at once.
    add_person(client, made, "Priya Raman", "Product")
    assert "Product" in board_service.read(db, made.id)[0].departments


def test_a_board_whose_events_are_gone_is_read_from_the_document(
    client: TestClient, db: Session
) -> None:
    """The cache key takes its seq from the latest board event; a board stored without its
    events (as a backup restored by hand might leave it) is still read whole and right."""
    made = make_session(client)
    person = str(add_person(client, made, "Marcus Okafor", "Sales")["id"])
    add_person(client, made, "Dana Lee", "Finance")
    for n in range(2):
        board_service.execute(db, made.id, new_capture(made.id, person, n))
    db.execute(delete(LiveEvent).where(col(LiveEvent.session_id) == made.id))
    db.commit()
    board, seq = board_service.read(db, made.id)
    assert [i.what_happens[:9] for i in board.items] == ["Capture 0", "Capture 1"]
    assert seq == 2  # the document's own seq
    # Another "worker" rewrites the document meanwhile: this worker does not serve its cache.
    stored = db.get(BoardState, made.id)
    assert stored is not None
    stored.state = {**stored.state, "items": stored.state["items"][:1]}
    db.add(stored)
    db.commit()
    assert len(board_service.read(db, made.id)[0].items) == 1
