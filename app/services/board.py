"""Use cases for the live capture board: run one command, read the board.

A command runs in one transaction: take the session's event seq (which locks the session row),
load the board, apply the pure domain command, save the board and a ``board`` live event, commit.
The caller publishes the event after the commit. A retried command id acts once.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlmodel import Session, select

from app.domain.board import (
    FACILITATOR,
    ActionItem,
    AgendaSeed,
    Board,
    BoardItem,
    Command,
    HeatMap,
    Seed,
    apply,
    board_order,
    heat_map,
    visible_items,
    vote_counts,
)
from app.services import board_codec, live
from app.store import repo
from app.store.models import Agenda, BoardState, LiveEvent
from app.store.types import utcnow


@dataclass(frozen=True)
class BoardView:
    """The board as every client shows it: ordered visible items, votes, heat map, lock."""

    items: list[BoardItem]
    votes: dict[str, int]
    heat: HeatMap
    locked: bool
    actions: list[Any]


def facts(db: Session, session_id: str) -> Board:
    """The session facts the board rules need: departments, goals, people."""
    people = repo.list_participants(db, session_id)
    return Board(
        departments=tuple(sorted({p.department for p in people})),
        goal_ids=frozenset(g.id for g in repo.list_goals(db, session_id) if g.id is not None),
        people_names=tuple(p.name for p in people),
        participants=frozenset(str(p.id) for p in people),
    )


def load(db: Session, session_id: str) -> Board:
    """The board now (empty before the first capture)."""
    return read(db, session_id)[0]


def read(db: Session, session_id: str) -> tuple[Board, int]:
    """The board now and the seq of the live event of its last change (0: none yet).

    Clients compare the seq with the ``seq`` in ``board`` events, so a board read that is older
    than an event they already applied never rolls them back.
    """
    row = db.get(BoardState, session_id)
    state = row.state if row else {}
    return board_codec.load(state, facts(db, session_id)), int(state.get("seq", 0))


def execute(db: Session, session_id: str, command: Command) -> tuple[Board, LiveEvent | None]:
    """Run one command; returns the board and the event to publish (None for a retry).

    Raises:
        NotFound, Forbidden, Conflict, Invalid: from the board's rules.
    """
    seq = live.allocate_seq(db, session_id)  # write first: serialises this session's writers
    board = load(db, session_id)
    try:
        new_board, entries = apply(board, command)
    except Exception:
        db.rollback()
        raise
    if not entries:
        db.rollback()  # a retry, or a command that changes nothing
        return board, None
    row = db.get(BoardState, session_id) or BoardState(session_id=session_id)
    row.state = {**board_codec.dump(new_board), "seq": seq}
    row.updated_at = utcnow()
    db.add(row)
    counts = vote_counts(new_board)
    touched = {e.item_id for e in entries if e.item_id}
    touched_actions = {e.after.get("action_id") for e in entries if e.after}
    data = {
        "command": type(command).__name__.lower(),
        "by": command.by,
        "items": [item_public(i, counts) for i in new_board.items if i.id in touched],
        "actions": [action_public(a) for a in new_board.actions if a.id in touched_actions],
        "locked": new_board.locked,
        "seq": seq,  # for static/board.js, which sees only the data of an event
    }
    event = LiveEvent(session_id=session_id, seq=seq, type="board", data=data, created_at=utcnow())
    db.add(event)
    db.commit()
    return new_board, event


def seed_from_agendas(db: Session, session_id: str) -> tuple[Board, LiveEvent | None]:
    """Put every agenda's butterfly-effect issue on the board (once; later calls do nothing)."""
    people = {p.id: p for p in repo.list_participants(db, session_id)}
    seeds = []
    for agenda in db.exec(select(Agenda).where(Agenda.session_id == session_id)).all():
        person = people.get(agenda.participant_id)
        content = agenda.content
        if person is None:
            continue
        seeds.append(
            AgendaSeed(
                participant_id=str(person.id),
                department=person.department,
                butterfly_issue=str(content.get("butterfly_issue", "")),
                butterfly_targets=tuple(content.get("butterfly_targets") or ()),
                butterfly_cost=str(content.get("butterfly_cost", "")),
                goal_id=content.get("butterfly_goal_id"),
                no_goal=bool(content.get("butterfly_no_goal")),
            )
        )
    command = Seed(
        id=f"seed-agendas-{session_id}", by=FACILITATOR, at=utcnow(), agendas=tuple(seeds)
    )
    return execute(db, session_id, command)


def view(board: Board) -> BoardView:
    """Ordered visible items with their votes, the heat map, the action items."""
    counts = vote_counts(board)
    return BoardView(
        items=board_order(visible_items(board), counts),
        votes=counts,
        heat=heat_map(visible_items(board), board.departments),
        locked=board.locked,
        actions=list(board.actions),
    )


def action_public(action: ActionItem) -> dict[str, Any]:
    """An action item as clients receive it (live events and the API share this shape)."""
    return {
        "id": action.id,
        "item_id": action.item_id,
        "owner": action.owner,
        "what": action.what,
        "due": action.due.isoformat(),
        "status": action.status.value,
        "blocked_reason": action.blocked_reason,
        "status_at": action.status_at.isoformat() if action.status_at else None,
        "status_by": action.status_by,
    }


def my_votes(board: Board, person: str | None) -> list[str]:
    """The ids of the items ``person`` voted on ("we see this too"), sorted; none for None."""
    if person is None:
        return []
    return sorted(item_id for item_id, voter in board.votes if voter == person)


def item_public(item: BoardItem, votes: dict[str, int]) -> dict[str, Any]:
    """An item as clients receive it (live events and the API share this shape)."""
    data = asdict(item)
    data["impact"] = item.impact.value
    data["origin"] = item.origin.value
    data["to_teams"] = list(item.to_teams)
    data["votes"] = votes.get(item.id, 0)
    data["complaint"] = (
        {
            "reasons": [r.message for r in item.complaint.reasons],
            "suggestion": item.complaint.suggestion,
        }
        if item.complaint
        else None
    )
    return data
