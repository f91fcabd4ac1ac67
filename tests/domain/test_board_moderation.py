"""Moderation on the board: held complaints, the facilitator's queue, modes, End and Lock."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from app.domain.board.engine import (
    FACILITATOR,
    ROOM,
    AgendaSeed,
    Approve,
    Board,
    Capture,
    CaptureDraft,
    Edit,
    FlagComplaint,
    Lock,
    MakeAction,
    Reframe,
    Seed,
    SendBack,
    SetActionStatus,
    SetModeration,
    Vote,
    apply,
    for_viewer,
    held_count,
)
from app.domain.errors import Conflict, Forbidden, Invalid, NotFound
from app.domain.framing.check import SOFT_SIGNALS, check_framing

T0 = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
CALM = "Discount codes reach billing two days after the invoice run, so invoices go out wrong."
RANT = "Sales keeps throwing garbage deals over the wall and never listens"
_ids = itertools.count()


def cid() -> str:
    return f"c{next(_ids)}"


def new_board(**overrides: object) -> Board:
    base = Board(
        departments=("Sales", "Billing", "Engineering"),
        goal_ids=frozenset({1}),
        people_names=("Dana",),
        participants=frozenset({"p1", "p2"}),
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def capture(item_id: str, text: str, by: str = "p1") -> Capture:
    draft = CaptureDraft("Billing", ("Sales",), text, "high", goal_id=1)
    return Capture(id=cid(), by=by, at=T0, draft=draft)


def run(board: Board, *commands: object) -> Board:
    for command in commands:
        board = apply(board, command)[0]  # type: ignore[arg-type]
    return board


def ids(board: Board, viewer: str | None) -> set[str]:
    return {item.id for item in for_viewer(board, viewer).items}


def test_a_complaint_capture_is_held_for_its_author_and_the_facilitator_only() -> None:
    cap = capture("x", RANT)
    board = run(new_board(), cap)
    held = board.find(cap.id)
    assert held is not None
    assert held.held
    assert held.complaint is not None
    assert held.complaint.reasons
    assert "Observation → Impact → Ask" in held.complaint.suggestion
    assert ids(board, "p1") == {cap.id}
    assert ids(board, FACILITATOR) == {cap.id}
    assert ids(board, "p2") == set()
    assert ids(board, ROOM) == set()
    assert held_count(board) == 1
    # Another participant cannot even vote on it: to them it is not on the board.
    with pytest.raises(NotFound):
        apply(board, Vote(id=cid(), by="p2", at=T0, item_id=cap.id))


def test_a_calm_capture_is_visible_at_once() -> None:
    cap = capture("x", CALM)
    board = run(new_board(), cap)
    assert ids(board, ROOM) == {cap.id}
    assert held_count(board) == 0


def test_reframing_a_held_item_lets_it_into_the_room() -> None:
    cap = capture("x", RANT)
    board = run(new_board(), cap)
    with pytest.raises(Invalid):  # still a complaint: stays held
        apply(
            board,
            Reframe(
                id=cid(),
                by="p1",
                at=T0,
                item_id=cap.id,
                observation="Sales is lazy and useless, always.",
                impact="It is their fault.",
                ask="Stop it.",
            ),
        )
    board = run(
        board,
        Reframe(
            id=cid(),
            by="p1",
            at=T0,
            item_id=cap.id,
            observation="Three deals last month reached Billing without signed terms",
            impact="We spent two days chasing contracts",
            ask="Could Sales attach signed terms before handing a deal over?",
        ),
    )
    assert ids(board, ROOM) == {cap.id}


def test_approve_and_send_back_are_the_facilitators() -> None:
    cap = capture("x", RANT)
    board = run(new_board(), cap)
    with pytest.raises(Forbidden):
        apply(board, Approve(id=cid(), by="p2", at=T0, item_id=cap.id))
    approved = run(board, Approve(id=cid(), by=FACILITATOR, at=T0, item_id=cap.id))
    assert ids(approved, ROOM) == {cap.id}
    back = run(
        approved,
        SendBack(id=cid(), by=FACILITATOR, at=T0, item_id=cap.id, note="Say what happened."),
    )
    item = back.find(cap.id)
    assert item is not None
    assert item.held
    assert item.note == "Say what happened."
    assert [e.action for e in back.audit[-2:]] == ["approve", "send_back"]


def test_an_edit_is_checked_again() -> None:
    cap = capture("x", CALM)
    board = run(new_board(), cap)
    rant = CaptureDraft("Billing", ("Sales",), RANT, "high", goal_id=1)
    board = run(board, Edit(id=cid(), by="p1", at=T0, item_id=cap.id, draft=rant))
    assert ids(board, ROOM) == set()
    calm = CaptureDraft("Billing", ("Sales",), CALM, "high", goal_id=1)
    board = run(board, Edit(id=cid(), by="p1", at=T0, item_id=cap.id, draft=calm))
    assert ids(board, ROOM) == {cap.id}


def test_flagging_a_visible_item_hides_it_quietly() -> None:
    cap = capture("x", CALM)
    board = run(new_board(), cap, FlagComplaint(id=cid(), by=FACILITATOR, at=T0, item_id=cap.id))
    assert ids(board, ROOM) == set()
    assert ids(board, "p1") == {cap.id}


def test_modes_approve_all_and_open() -> None:
    board = run(
        new_board(),
        SetModeration(id=cid(), by=FACILITATOR, at=T0, mode="approve_all"),
    )
    calm = capture("x", CALM)
    board = run(board, calm)
    assert ids(board, ROOM) == set()  # every capture waits for the facilitator
    board = run(board, Approve(id=cid(), by=FACILITATOR, at=T0, item_id=calm.id))
    assert ids(board, ROOM) == {calm.id}
    board = run(board, SetModeration(id=cid(), by=FACILITATOR, at=T0, mode="open"))
    rant = capture("y", RANT)
    board = run(board, rant)
    assert rant.id in ids(board, ROOM)
    with pytest.raises(Invalid):
        apply(board, SetModeration(id=cid(), by=FACILITATOR, at=T0, mode="loud"))
    with pytest.raises(Forbidden):
        apply(board, SetModeration(id=cid(), by="p1", at=T0, mode="open"))


def test_flagged_agenda_items_are_seeded_held() -> None:
    seeds = (
        AgendaSeed("p1", "Billing", "Engineering is lazy and always breaks everything", ("Sales",)),
        AgendaSeed("p2", "Sales", CALM, ("Billing",)),
    )
    board = run(new_board(), Seed(id=cid(), by=FACILITATOR, at=T0, agendas=seeds))
    assert ids(board, ROOM) == {"agenda-p2"}
    assert ids(board, "p1") == {"agenda-p1", "agenda-p2"}


def test_after_end_only_moderation_then_after_lock_only_status_reports() -> None:
    cap = capture("x", CALM)
    board = run(new_board(), cap)
    ended = replace(board, ended=True)
    for command in (
        capture("y", CALM),
        Vote(id=cid(), by="p2", at=T0, item_id=cap.id),
        Edit(id=cid(), by="p1", at=T0, item_id=cap.id, draft=capture("z", CALM).draft),
    ):
        with pytest.raises(Conflict, match="the session has ended"):
            apply(ended, command)  # type: ignore[arg-type]
    action = MakeAction(
        id="a1", by=FACILITATOR, at=T0, item_id=cap.id, action_id="a1", owner="p1",
        what="Send codes daily", due=date(2026, 12, 1),
    )  # fmt: skip
    ended = run(ended, FlagComplaint(id=cid(), by=FACILITATOR, at=T0, item_id=cap.id), action)
    ended = run(ended, Lock(id=cid(), by=FACILITATOR, at=T0))
    with pytest.raises(Conflict, match="only action-item status"):
        apply(ended, Approve(id=cid(), by=FACILITATOR, at=T0, item_id=cap.id))
    status = SetActionStatus(id=cid(), by="p1", at=T0, action_id="a1", status="done")
    assert apply(ended, status)[1]


def test_a_plain_butterfly_observation_reaches_the_room_though_it_reads_negative() -> None:
    """Soft signals (negative words, no ask, a team as the subject) may warn an author but
    never hold a capture: this is the observation the format asks people to bring."""
    observation = check_framing(
        "Invoices go out late and Sales cannot close deals",
        team_names=["Sales", "Finance"],
    )
    cause = check_framing(
        "Sales deals cannot close at month end because Finance invoices arrive late",
        team_names=["Sales", "Finance"],
    )
    complaint = check_framing(
        "Sales keeps throwing garbage deals over the wall and never listens",
        team_names=["Sales", "Finance"],
    )

    assert not observation.holds
    assert not cause.holds
    assert {r.code for r in observation.reasons} <= SOFT_SIGNALS
    assert complaint.holds
