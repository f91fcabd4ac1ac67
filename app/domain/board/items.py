"""Item-level rules shared by the board's commands: lookup, guards, building and diffing items."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from typing import Final

from app.domain.board.model import (
    FACILITATOR,
    Board,
    BoardItem,
    CaptureDraft,
    Impact,
    normalise_team,
    validate_capture,
)
from app.domain.errors import Conflict, Forbidden, Invalid, NotFound

# The fields a capture or an edit sets; everything else is board state.
CONTENT: Final = (
    "from_team",
    "to_teams",
    "what_happens",
    "impact",
    "goal_id",
    "round_no",
    "with_person",
)
AUDITED: Final = (*CONTENT, "pinned", "removed", "merged_into", "version", "hold", "note")

Change = tuple[str, str | None, dict[str, object] | None, dict[str, object] | None]


def get_item(board: Board, item_id: str, *, follow_merge: bool = False) -> BoardItem:
    """The item, or with ``follow_merge`` the item it was (transitively) merged into.

    Raises:
        NotFound: no such item on this board.
    """
    item = board.find(item_id)
    if item is None:
        raise NotFound("That item is not on this board.")
    while follow_merge and item.merged_into is not None:
        target = board.find(item.merged_into)
        if target is None:
            break
        item = target
    return item


def require_open(item: BoardItem) -> BoardItem:
    """The item itself, when it is neither removed nor merged.

    Raises:
        Conflict: the item is removed or merged.
    """
    if item.removed:
        raise Conflict("This item was removed; restore it first.")
    if item.merged_into is not None:
        raise Conflict(f"This item was merged into {item.merged_into}; use that item instead.")
    return item


def require_facilitator(by: str, doing: str) -> None:
    """Raises Forbidden unless the facilitator sends it."""
    if by != FACILITATOR:
        raise Forbidden(f"Only the facilitator can {doing}.")


def require_may_change(board: Board, item: BoardItem, by: str, verb: str) -> None:
    """The facilitator may change any item; an author only their own, and only while unlocked.

    Raises:
        Forbidden: someone else's item.
        Conflict: the board is locked.
    """
    if by == FACILITATOR:
        return
    if by != item.author:
        raise Forbidden(f"Only the item's author or the facilitator can {verb} it.")
    if board.locked:
        raise Conflict(f"The facilitator has locked the board; ask them to {verb} this item.")


def from_draft(board: Board, draft: CaptureDraft, *, id: str, author: str, seq: int) -> BoardItem:
    """A validated, normalised item.

    Raises:
        Invalid: the draft breaks a capture rule.
    """
    errors = validate_capture(draft, departments=board.departments, goal_ids=board.goal_ids)
    if errors:
        raise Invalid("The item has problems; see the fields.", errors)
    person = (draft.with_person or "").strip() or None
    return BoardItem(
        id=id,
        from_team=normalise_team(draft.from_team, board.departments),
        to_teams=tuple(normalise_team(team, board.departments) for team in draft.to_teams),
        what_happens=draft.what_happens.strip(),
        impact=Impact(draft.impact),
        goal_id=draft.goal_id,
        author=author,
        round_no=draft.round_no,
        with_person=person,
        seq=seq,
    )


def put(board: Board, item: BoardItem) -> Board:
    """The board with the item of the same id replaced."""
    return replace(board, items=tuple(item if i.id == item.id else i for i in board.items))


def change_item(
    board: Board, item: BoardItem, changed: BoardItem, action: str
) -> tuple[Board, list[Change]]:
    """Store ``changed`` in place of ``item``; a no-op (no audit) when no audited field differs."""
    before, after = diff(item, changed)
    if not after:
        return board, []
    return put(board, changed), [(action, item.id, before, after)]


def snapshot(item: BoardItem) -> dict[str, object]:
    """The audited fields as plain values."""
    return {name: _plain(getattr(item, name)) for name in AUDITED}


def diff(old: BoardItem, new: BoardItem) -> tuple[dict[str, object], dict[str, object]]:
    """Only the audited fields that differ, before and after."""
    before, after = snapshot(old), snapshot(new)
    names = [name for name in AUDITED if before[name] != after[name] and name != "version"]
    return {n: before[n] for n in names}, {n: after[n] for n in names}


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, StrEnum):
        return value.value
    return value
