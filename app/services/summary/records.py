"""A session's board as the summary and the scorecard read it: room-visible items, action items,
the held count, and the agenda-seeded items' wording, cached per stored version of the board.

* Board items are numbered by their creation order on the board (``seq + 1``), action items by
  their position in the board's list (1, 2, …): the numbers people see in the CSV and the JSON.
  The board's own string ids travel alongside (``item_refs``, ``action_refs``).
* Items: only items visible to the room count (``room_visible``, the one place that decides
  it); active items moderation holds back are counted apart (``held``), never listed.
* An action item's status comes from the board when it carries one, otherwise it is open.

The board is one JSON document per session, read without its audit trail. What is derived from
it is kept per session, keyed by the board's ``stamp`` (the seq of its latest board event and
its last write time, which every write changes): a summary reads its session and the one
before it, a scorecard every session of the series, and past sessions rarely change, so a
second export or the scorecard after the summary does not decode the same thousands of items
again. Each worker process keeps its own copy; a write by another worker changes the stamp.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any, Final

from sqlmodel import Session, col, select

from app.domain.summary.followup import count_recurring, index_items
from app.domain.summary.model import (
    ActionItemRecord,
    ActionStatus,
    BoardItemRecord,
    Impact,
    ItemIndex,
)
from app.services.board import service as board_service
from app.store.models import BoardState

_Stamp = tuple[int, datetime]


@dataclass(frozen=True)
class RoomRecords:
    """What the summary and the scorecard read from one session's board."""

    items: tuple[BoardItemRecord, ...] = ()
    actions: tuple[ActionItemRecord, ...] = ()
    item_refs: Mapping[int, str] = field(default_factory=dict)
    action_refs: Mapping[int, str] = field(default_factory=dict)
    held: int = 0  # active items moderation holds back from the room
    # Items seeded from an agenda ("agenda-<participant id>"): (held back, the board's wording).
    seeded: Mapping[str, tuple[bool, str]] = field(default_factory=dict)
    stamp: _Stamp | None = None

    @cached_property
    def index(self) -> ItemIndex:
        """The items prepared for finding recurring ones (built on first use, then kept)."""
        return index_items(self.items)


def room_visible(raw: Mapping[str, Any]) -> bool:
    """Whether a stored board item is visible to the room: the one rule the summary counts by.

    Moderation marks an item it holds back with a non-empty ``hold``; a board stored without
    moderation has none, so every item is visible.
    """
    return not raw.get("hold")


CACHED_SESSIONS: Final = 64
_cache: OrderedDict[str, RoomRecords] = OrderedDict()
_recurring: OrderedDict[tuple[str, _Stamp, str, _Stamp], int] = OrderedDict()
_lock = threading.Lock()


def room_records(db: Session, session_id: str) -> RoomRecords:
    """The session's board as summary records (empty before anything was captured)."""
    stamp = board_service.stamp(db, session_id)
    if stamp is None:
        return RoomRecords()
    with _lock:
        hit = _cache.get(session_id)
        if hit is not None and hit.stamp == stamp:
            _cache.move_to_end(session_id)
            return hit
    records = _read(db, session_id, stamp)
    with _lock:
        _cache[session_id] = records
        _cache.move_to_end(session_id)
        while len(_cache) > CACHED_SESSIONS:
            _cache.popitem(last=False)
    return records


def recurring_count(earlier: tuple[str, RoomRecords], later: tuple[str, RoomRecords]) -> int:
    """How many of the later session's items recur from the earlier one's (see
    ``count_recurring``), remembered per pair of board versions."""
    (first, before), (second, after) = earlier, later
    if before.stamp is None or after.stamp is None:
        return count_recurring(before.index, after.index)
    key = (first, before.stamp, second, after.stamp)
    with _lock:
        hit = _recurring.get(key)
    if hit is not None:
        return hit
    found = count_recurring(before.index, after.index)
    with _lock:
        _recurring[key] = found
        while len(_recurring) > 4 * CACHED_SESSIONS:
            _recurring.popitem(last=False)
    return found


def _read(db: Session, session_id: str, stamp: _Stamp) -> RoomRecords:
    state = _board_state(db, session_id)
    raw_items: list[dict[str, Any]] = state["items"]
    items, item_refs = _items(state)
    actions, action_refs = _actions(state, item_refs)
    held = sum(
        1
        for raw in raw_items
        if not room_visible(raw) and not raw.get("removed") and not raw.get("merged_into")
    )
    seeded = {
        str(raw["id"]): (not room_visible(raw), str(raw.get("what_happens") or ""))
        for raw in raw_items
        if str(raw.get("id", "")).startswith("agenda-")
    }
    return RoomRecords(items, actions, item_refs, action_refs, held, seeded, stamp)


def _board_state(db: Session, session_id: str) -> dict[str, Any]:
    """The board document's items, votes and actions, without its (much longer) audit trail.

    The database extracts the three parts (SQLite ``json_extract``, PostgreSQL ``->``), so
    Python never parses the audit entries: one per command, thousands in a large session.
    """
    state = col(BoardState.state)
    query = select(state["items"], state["votes"], state["actions"]).where(
        BoardState.session_id == session_id
    )
    row = db.exec(query).first()
    if row is None:
        return {"items": [], "votes": [], "actions": []}
    items, votes, actions = row
    return {"items": items or [], "votes": votes or [], "actions": actions or []}


_IMPACTS: Final = {impact.value: impact for impact in Impact}


def _items(state: Mapping[str, Any]) -> tuple[tuple[BoardItemRecord, ...], dict[int, str]]:
    """Room-visible board items as summary records, numbered by creation order, with votes.

    Read straight from the stored document (see ``board_codec.dump``): decoding the whole board
    with its audit trail would cost more than the summary itself on a large session.
    """
    every: list[dict[str, Any]] = list(state.get("items") or ())
    votes: dict[str, int] = {}
    for item_id, _person in state.get("votes") or ():
        votes[item_id] = votes.get(item_id, 0) + 1
    numbers = {raw["id"]: int(raw.get("seq", index)) + 1 for index, raw in enumerate(every)}
    records = []
    for raw in every:
        if not room_visible(raw):
            continue
        merged = raw.get("merged_into")
        records.append(
            BoardItemRecord(
                id=numbers[raw["id"]],
                from_team=str(raw["from_team"]),
                to_teams=tuple(str(t) for t in raw.get("to_teams") or ()),
                text=str(raw["what_happens"]),
                impact=_IMPACTS.get(raw["impact"]) or Impact(raw["impact"]),
                goal_id=raw.get("goal_id"),
                votes=votes.get(raw["id"], 0),
                origin="agenda" if raw.get("origin") == "agenda" else "live",
                removed=bool(raw.get("removed")),
                merged_into=numbers.get(merged) if merged else None,
            )
        )
    return tuple(records), {number: item_id for item_id, number in numbers.items()}


def _actions(
    state: Mapping[str, Any], item_refs: Mapping[int, str]
) -> tuple[tuple[ActionItemRecord, ...], dict[int, str]]:
    numbers = {item_id: number for number, item_id in item_refs.items()}
    records, refs = [], {}
    for number, raw in enumerate(state.get("actions") or (), start=1):
        owner = str(raw.get("owner") or "")
        due = raw.get("due")
        records.append(
            ActionItemRecord(
                id=number,
                item_id=numbers.get(raw.get("item_id") or ""),
                owner_id=int(owner) if owner.isdigit() else None,
                what=str(raw.get("what") or ""),
                due=date.fromisoformat(due) if due else None,
                status=_status(raw.get("status")),
                blocked_reason=str(raw.get("blocked_reason") or ""),
                done_on=_done_on(raw),
            )
        )
        refs[number] = str(raw.get("id") or number)
    return tuple(records), refs


def _done_on(raw: Mapping[str, Any]) -> date | None:
    at = raw.get("status_at")
    if _status(raw.get("status")) != ActionStatus.DONE or not isinstance(at, str):
        return None
    return datetime.fromisoformat(at).date()


def _status(value: object) -> ActionStatus:
    try:
        return ActionStatus(str(value)) if value else ActionStatus.OPEN
    except ValueError:
        return ActionStatus.OPEN
