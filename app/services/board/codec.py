"""The capture board to and from JSON, for storage (the domain's ``Board`` stays pure).

The board is one document, rewritten on every command, so its encoding is on the hot path of
every capture. Two things keep it cheap:

- ``encode`` walks a value's dataclass fields directly (``dataclasses.asdict`` deep-copies
  every value first and costs several times more);
- a ``Loaded`` board remembers the raw JSON each item, action and audit entry came from, and
  ``dump_loaded`` reuses that raw data for every object the command left untouched (the domain
  returns the very same objects for them), so a capture encodes one item and one audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from app.domain.board.engine import (
    ActionItem,
    AuditEntry,
    Board,
    BoardItem,
    Complaint,
    Hold,
    Impact,
    Moderation,
    Origin,
)
from app.domain.board.model import ActionStatus
from app.domain.framing.check import Reason

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
T = TypeVar("T")


def encode(value: Any) -> Any:
    """A value as JSON-ready data: dataclasses as dicts, enums as values, dates as ISO text."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        kind = type(value)
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
        return {name: encode(getattr(value, name)) for name in names}
    return value


@dataclass(frozen=True)
class Loaded:
    """A board and the raw JSON of its parts, so an unchanged part is never encoded again.

    ``items`` and ``actions`` map ``id(obj)`` to ``(obj, raw)`` (the object is kept so its id
    cannot be reused); ``audit_raw[i]`` is the raw form of ``board.audit[i]``.
    """

    board: Board
    items: dict[int, tuple[BoardItem, dict[str, Any]]]
    actions: dict[int, tuple[ActionItem, dict[str, Any]]]
    audit_raw: tuple[dict[str, Any], ...]

    def with_facts(self, facts: Board) -> Loaded:
        """The same board with the session's current facts (departments, goals, people)."""
        board = replace(
            self.board,
            departments=facts.departments,
            goal_ids=facts.goal_ids,
            people_names=facts.people_names,
            participants=facts.participants,
            ended=facts.ended,
        )
        return replace(self, board=board)


def dump(board: Board) -> dict[str, Any]:
    """The changing part of a board (not the session facts) as JSON-ready data."""
    return dump_loaded(board)[0]


def dump_loaded(board: Board, base: Loaded | None = None) -> tuple[dict[str, Any], Loaded]:
    """``dump``, reusing ``base``'s raw data for the parts ``board`` shares with it; also the
    ``Loaded`` of ``board`` for the next command."""
    items, raw_items = _reuse(board.items, base.items if base else {})
    actions, raw_actions = _reuse(board.actions, base.actions if base else {})
    kept = _shared_prefix(board.audit, base.board.audit) if base else 0
    audit_raw = (base.audit_raw[:kept] if base else ()) + tuple(
        encode(entry) for entry in board.audit[kept:]
    )
    document = {
        "items": raw_items,
        "votes": sorted([item, person] for item, person in board.votes),
        "actions": raw_actions,
        "audit": list(audit_raw),
        "locked": board.locked,
        "seen": sorted(board.seen),
        "moderation": board.moderation.value,
        "anonymous": board.anonymous,
    }
    return document, Loaded(board, items, actions, audit_raw)


def _reuse(
    objects: tuple[T, ...], known: dict[int, tuple[T, dict[str, Any]]]
) -> tuple[dict[int, tuple[T, dict[str, Any]]], list[dict[str, Any]]]:
    memo: dict[int, tuple[T, dict[str, Any]]] = {}
    raws = []
    for obj in objects:
        hit = known.get(id(obj))
        raw = hit[1] if hit is not None and hit[0] is obj else encode(obj)
        memo[id(obj)] = (obj, raw)
        raws.append(raw)
    return memo, raws


def _shared_prefix(new: tuple[AuditEntry, ...], old: tuple[AuditEntry, ...]) -> int:
    """How many leading audit entries ``new`` shares with ``old`` (the trail only grows)."""
    n = len(old)
    if n and len(new) >= n and new[0] is old[0] and new[n - 1] is old[n - 1]:
        return n
    return 0


def _item(raw: dict[str, Any]) -> BoardItem:
    complaint = raw.get("complaint")
    return BoardItem(
        **{
            **raw,
            "to_teams": tuple(raw["to_teams"]),
            "impact": Impact(raw["impact"]),
            "origin": Origin(raw["origin"]),
            "hold": Hold(raw.get("hold") or ""),
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
    return load_loaded(state, facts).board


def load_loaded(state: dict[str, Any], facts: Board) -> Loaded:
    """``load``, keeping the raw data of every part for ``dump_loaded``."""
    if not state:
        return Loaded(facts, {}, {}, ())
    items = {}
    for raw in state["items"]:
        item = _item(raw)
        items[id(item)] = (item, raw)
    actions = {}
    for raw in state["actions"]:
        action = _action(raw)
        actions[id(action)] = (action, raw)
    audit_raw = tuple(state["audit"])
    board = replace(
        facts,
        items=tuple(item for item, _ in items.values()),
        votes=frozenset((item, person) for item, person in state["votes"]),
        actions=tuple(action for action, _ in actions.values()),
        audit=tuple(
            AuditEntry(**{**raw, "at": datetime.fromisoformat(raw["at"])}) for raw in audit_raw
        ),
        locked=bool(state["locked"]),
        seen=frozenset(state["seen"]),
        # Documents stored before moderation: the default mode, authors shown.
        moderation=Moderation(state.get("moderation") or Moderation.HOLD_FLAGGED),
        anonymous=bool(state.get("anonymous")),
    )
    return Loaded(board, items, actions, audit_raw)
