"""The live capture board: commands in, a new board and its audit entries out.

``apply(board, command)`` is the only way a board changes. It is pure and deterministic, so the
service can replay, retry or run it on any worker and get the same board.

Trade-offs worth knowing:

- Idempotency twice over. Every command carries a client-generated id and the board remembers
  every id it applied (``Board.seen``), so a retried request acts once even after later commands
  (a retried vote after an unvote does not vote again). On top, the commands are idempotent by
  meaning: a capture is keyed by its item id (a retry with a fresh command id returns the
  existing item unchanged), a vote by (item, person), pin/flag/remove/restore/lock set a value,
  and a merge of an already merged pair is a no-op. A no-op appends no audit entry.
- A command that raises changes nothing and is not remembered, so the corrected retry may reuse
  its id.
- Merging moves the source's votes to the target as a set union (a person who voted on both
  counts once) and counts the source's author as a "we see this too" on the target: they raised
  the same issue independently. The source stays, marked ``merged_into``; its history shows in
  ``item_history`` of the target. A vote aimed at a merged item lands on its target, because a
  participant's screen may be a moment behind the facilitator's merge.
- The lock stops participants editing or removing their own items; capturing and voting stay open.
- Moderation (``app.domain.board.moderation``): every capture, edit and seeded agenda item runs
  the framing check; by the session's mode a flagged (or any) item is held, seen only by its
  author and the facilitator until reframed or approved. An edit is checked again: one that reads
  well lets a held complaint in, one that does not holds the item. ``Reframe``
  (``app.domain.board.reframe``) is the author's way out: Observation → Impact → Ask,
  checked by the framing check; text that reads well replaces the item's and clears the flag.
- Action item status updates (``SetActionStatus``, in ``app.domain.board.actions``) ignore the
  lock: they report work done after the session.

Views (ordering, pairs, heat map, similar items) live in ``app.domain.board.views``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from app.domain.board.actions import set_action_status
from app.domain.board.commands import (
    Approve,
    Capture,
    Command,
    Edit,
    FlagComplaint,
    Lock,
    MakeAction,
    Merge,
    Pin,
    Remove,
    Restore,
    Seed,
    SendBack,
    SetActionStatus,
    SetModeration,
    Unvote,
    Vote,
)
from app.domain.board.items import (
    CONTENT,
    Change,
    change_item,
    diff,
    from_draft,
    get_item,
    put,
    require_facilitator,
    require_may_change,
    require_open,
    snapshot,
)
from app.domain.board.model import (
    FACILITATOR,
    IMPACT_WEIGHTS,
    ActionItem,
    AuditEntry,
    Board,
    BoardItem,
    CaptureDraft,
    Complaint,
    Hold,
    Impact,
    Moderation,
    Origin,
    normalise_team,
    validate_action,
    validate_capture,
)
from app.domain.board.moderation import (
    DEFAULT_REFRAME,
    ROOM,
    approve,
    ended_guard,
    flag,
    for_viewer,
    held_count,
    hold_for_capture,
    recheck,
    require_seen,
    screen,
    sees,
    send_back,
    set_moderation,
)
from app.domain.board.reframe import Reframe, apply_reframe
from app.domain.board.seed import AgendaSeed, items_from_agendas
from app.domain.board.views import (
    HeatMap,
    Match,
    board_order,
    group_by_pair,
    heat_map,
    item_history,
    similar_items,
    visible_items,
    vote_counts,
)
from app.domain.errors import Conflict, Forbidden, Invalid

__all__ = [
    "DEFAULT_REFRAME",
    "FACILITATOR",
    "IMPACT_WEIGHTS",
    "ROOM",
    "ActionItem",
    "AgendaSeed",
    "Approve",
    "AuditEntry",
    "Board",
    "BoardItem",
    "Capture",
    "CaptureDraft",
    "Command",
    "Complaint",
    "Edit",
    "FlagComplaint",
    "HeatMap",
    "Hold",
    "Impact",
    "Lock",
    "MakeAction",
    "Match",
    "Merge",
    "Moderation",
    "Origin",
    "Pin",
    "Reframe",
    "Remove",
    "Restore",
    "Seed",
    "SendBack",
    "SetActionStatus",
    "SetModeration",
    "Unvote",
    "Vote",
    "apply",
    "board_order",
    "for_viewer",
    "group_by_pair",
    "heat_map",
    "held_count",
    "item_history",
    "items_from_agendas",
    "normalise_team",
    "sees",
    "similar_items",
    "validate_action",
    "validate_capture",
    "visible_items",
    "vote_counts",
]

_Result = tuple[Board, list[Change]]


def apply(board: Board, command: Command) -> tuple[Board, tuple[AuditEntry, ...]]:
    """Apply one command; a command id seen before returns the board unchanged and no entries.

    Raises:
        NotFound: the item does not exist.
        Forbidden: the sender may not do this.
        Conflict: the item is removed or merged, the board is locked, the version is stale,
            or an id is already used for something else.
        Invalid: the input breaks a rule (``errors`` name the fields).
    """
    if command.id in board.seen:
        return board, ()
    ended_guard(board, command)
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise Invalid(f"Unknown board command {type(command).__name__}.")
    new, changes = handler(board, command)
    start = len(board.audit)
    entries = tuple(
        AuditEntry(start + i, command.id, command.at, command.by, action, item_id, before, after)
        for i, (action, item_id, before, after) in enumerate(changes)
    )
    return replace(new, audit=board.audit + entries, seen=board.seen | {command.id}), entries


def _capture(board: Board, cmd: Capture) -> _Result:
    existing = board.find(cmd.id)
    if existing is not None:
        if existing.author != cmd.by:
            raise Conflict("Another item already uses this id; send a new id.")
        return board, []
    item = from_draft(board, cmd.draft, id=cmd.id, author=cmd.by, seq=len(board.items))
    complaint = None if board.moderation is Moderation.OPEN else screen(board, item.what_happens)
    item = replace(item, complaint=complaint, hold=hold_for_capture(board, complaint))
    change: Change = ("capture", item.id, None, snapshot(item))
    return replace(board, items=(*board.items, item)), [change]


def _seed(board: Board, cmd: Seed) -> _Result:
    require_facilitator(cmd.by, "seed the board from agendas")
    items = list(board.items)
    changes: list[Change] = []
    for seeded in items_from_agendas(cmd.agendas):
        if board.find(seeded.id) is None:
            # Agenda items were written before the room: only a flagged one waits.
            complaint = screen(board, seeded.what_happens)
            hold = Hold.COMPLAINT if complaint else Hold.NONE
            item = replace(seeded, seq=len(items), complaint=complaint, hold=hold)
            items.append(item)
            changes.append(("seed", item.id, None, snapshot(item)))
    return replace(board, items=tuple(items)), changes


def _vote(board: Board, cmd: Vote) -> _Result:
    if cmd.by == FACILITATOR:
        raise Forbidden("Votes come from participants; the facilitator can pin instead.")
    item = require_open(require_seen(get_item(board, cmd.item_id, follow_merge=True), cmd.by))
    if (item.id, cmd.by) in board.votes:
        return board, []
    votes = board.votes | {(item.id, cmd.by)}
    return replace(board, votes=votes), [("vote", item.id, {"voted": False}, {"voted": True})]


def _unvote(board: Board, cmd: Unvote) -> _Result:
    item = get_item(board, cmd.item_id, follow_merge=True)
    if (item.id, cmd.by) not in board.votes:
        return board, []
    votes = board.votes - {(item.id, cmd.by)}
    return replace(board, votes=votes), [("unvote", item.id, {"voted": True}, {"voted": False})]


def _edit(board: Board, cmd: Edit) -> _Result:
    item = require_open(require_seen(get_item(board, cmd.item_id), cmd.by))
    require_may_change(board, item, cmd.by, "edit")
    if cmd.expected_version is not None and cmd.expected_version != item.version:
        raise Conflict("Someone changed this item meanwhile; reload it and edit again.")
    fresh = from_draft(board, cmd.draft, id=item.id, author=item.author, seq=item.seq)
    edited = replace(
        item, **{name: getattr(fresh, name) for name in CONTENT}, version=item.version + 1
    )
    if edited.what_happens != item.what_happens:
        edited = recheck(board, edited)
    before, after = diff(item, edited)
    if not after:
        return board, []
    return put(board, edited), [("edit", item.id, before, after)]


def _merge(board: Board, cmd: Merge) -> _Result:
    require_facilitator(cmd.by, "merge items")
    target, source = get_item(board, cmd.item_id), get_item(board, cmd.source_id)
    if source.merged_into == target.id:
        return board, []
    if source.id == target.id:
        raise Conflict("An item cannot be merged into itself.")
    require_open(target)
    require_open(source)
    source_voters = sorted(person for item_id, person in board.votes if item_id == source.id)
    moved = set(source_voters)
    if source.author not in (FACILITATOR, target.author):
        moved.add(source.author)
    before = sum(1 for item_id, _ in board.votes if item_id == target.id)
    votes = {v for v in board.votes if v[0] != source.id} | {(target.id, p) for p in moved}
    after = sum(1 for item_id, _ in votes if item_id == target.id)
    merged = replace(source, merged_into=target.id)
    changes: list[Change] = [
        (
            "merge",
            source.id,
            {"merged_into": None, "voters": source_voters},
            {"merged_into": target.id, "voters": []},
        ),
        ("merge_into", target.id, {"votes": before}, {"votes": after, "source": source.id}),
    ]
    return replace(put(board, merged), votes=frozenset(votes)), changes


def _pin(board: Board, cmd: Pin) -> _Result:
    require_facilitator(cmd.by, "pin items")
    item = require_open(get_item(board, cmd.item_id))
    return change_item(board, item, replace(item, pinned=cmd.pinned), "pin")


def _remove(board: Board, cmd: Remove) -> _Result:
    item = get_item(board, cmd.item_id)
    require_may_change(board, item, cmd.by, "remove")
    if item.merged_into is not None:
        raise Conflict(f"This item was merged into {item.merged_into}; remove that one instead.")
    return change_item(board, item, replace(item, removed=True), "remove")


def _restore(board: Board, cmd: Restore) -> _Result:
    item = get_item(board, cmd.item_id)
    require_may_change(board, item, cmd.by, "restore")
    return change_item(board, item, replace(item, removed=False), "restore")


def _make_action(board: Board, cmd: MakeAction) -> _Result:
    require_facilitator(cmd.by, "create action items")
    existing = next((a for a in board.actions if a.id == cmd.action_id), None)
    if existing is not None:
        if existing.item_id != cmd.item_id:
            raise Conflict("Another action item already uses this id; send a new id.")
        return board, []
    item = require_open(get_item(board, cmd.item_id))
    today = cmd.at.date()
    errors = validate_action(
        cmd.owner, cmd.what, cmd.due, today=today, participants=board.participants
    )
    if errors:
        raise Invalid("The action item has problems; see the fields.", errors)
    action = ActionItem(cmd.action_id, item.id, cmd.owner, cmd.what.strip(), cmd.due)
    after: dict[str, object] = {
        "action_id": action.id,
        "owner": action.owner,
        "what": action.what,
        "due": action.due.isoformat(),
    }
    return replace(board, actions=(*board.actions, action)), [("action", item.id, None, after)]


def _lock(board: Board, cmd: Lock) -> _Result:
    require_facilitator(cmd.by, "lock the board")
    if board.locked == cmd.locked:
        return board, []
    change: Change = ("lock", None, {"locked": board.locked}, {"locked": cmd.locked})
    return replace(board, locked=cmd.locked), [change]


_HANDLERS: dict[type[Command], Callable[[Board, Any], _Result]] = {
    Capture: _capture,
    Seed: _seed,
    Vote: _vote,
    Unvote: _unvote,
    Edit: _edit,
    Merge: _merge,
    Pin: _pin,
    FlagComplaint: flag,
    Approve: approve,
    SendBack: send_back,
    SetModeration: set_moderation,
    Remove: _remove,
    Restore: _restore,
    MakeAction: _make_action,
    Lock: _lock,
    Reframe: apply_reframe,
    SetActionStatus: set_action_status,
}
