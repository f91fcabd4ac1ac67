"""The capture board to and from JSON, for storage (the domain's ``Board`` stays pure)."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, datetime
from enum import Enum
from typing import Any

from app.domain.board import ActionItem, AuditEntry, Board, BoardItem, Complaint, Impact, Origin
from app.domain.framing import Reason
from app.domain.summary_model import ActionStatus


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return value


def dump(board: Board) -> dict[str, Any]:
    """The changing part of a board (not the session facts) as JSON-ready data."""
    return {
        "items": [_plain(asdict(item)) for item in board.items],
        "votes": sorted([item, person] for item, person in board.votes),
        "actions": [_plain(asdict(action)) for action in board.actions],
        "audit": [_plain(asdict(entry)) for entry in board.audit],
        "locked": board.locked,
        "seen": sorted(board.seen),
    }


def _item(raw: dict[str, Any]) -> BoardItem:
    complaint = raw.get("complaint")
    return BoardItem(
        **{
            **raw,
            "to_teams": tuple(raw["to_teams"]),
            "impact": Impact(raw["impact"]),
            "origin": Origin(raw["origin"]),
            "complaint": Complaint(
                tuple(Reason(**r) for r in complaint["reasons"]), complaint["suggestion"]
            )
            if complaint
            else None,
        }
    )


def _action(raw: dict[str, Any]) -> ActionItem:
    # Documents stored before status tracking lack the status fields: such items are open.
    status_at = raw.get("status_at")
    return ActionItem(
        **{
            **raw,
            "due": date.fromisoformat(raw["due"]),
            "status": ActionStatus(raw.get("status", ActionStatus.OPEN)),
            "status_at": datetime.fromisoformat(status_at) if status_at else None,
        }
    )


def load(state: dict[str, Any], facts: Board) -> Board:
    """A board from stored data, with the session's current facts (departments, goals, people)."""
    if not state:
        return facts
    return replace(
        facts,
        items=tuple(_item(raw) for raw in state["items"]),
        votes=frozenset((item, person) for item, person in state["votes"]),
        actions=tuple(_action(raw) for raw in state["actions"]),
        audit=tuple(
            AuditEntry(**{**raw, "at": datetime.fromisoformat(raw["at"])}) for raw in state["audit"]
        ),
        locked=bool(state["locked"]),
        seen=frozenset(state["seen"]),
    )
