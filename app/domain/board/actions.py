"""Action items after the session: their owners (or the facilitator) say where each stands.

"Inspect what you expect": an owner moves their action item between open, in progress, done and
blocked (a blocked item says why). Two decisions worth knowing:

- The board lock does not apply. The lock stops participants rewording what was captured; a
  status update is a report on work done since, which happens mostly after the session ended
  and the board was locked.
- Any status may follow any other (done can reopen: the fix did not hold). Setting the status an
  item already has, with the same reason, is a no-op and leaves no audit entry.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Final

from app.domain.board.commands import SetActionStatus
from app.domain.board.items import Change
from app.domain.board.model import FACILITATOR, ActionItem, ActionStatus, Board
from app.domain.errors import FieldError, Forbidden, Invalid, NotFound

REASON_MIN, REASON_MAX = 5, 300
STATUS_LABELS: Final[dict[ActionStatus, str]] = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.BLOCKED: "Blocked",
}


def validate_status(status: str, reason: str) -> list[FieldError]:
    """Every rule a status update breaks: a known status, and a reason when blocked."""
    if status not in {s.value for s in ActionStatus}:
        return [FieldError("status", "Choose a status: open, in progress, done or blocked.")]
    length = len(reason.strip())
    if status == ActionStatus.BLOCKED and length < REASON_MIN:
        message = f"Say what blocks it (at least {REASON_MIN} characters) so someone can help."
        return [FieldError("reason", message)]
    if status == ActionStatus.BLOCKED and length > REASON_MAX:
        message = f"The reason can be at most {REASON_MAX} characters (now {length})."
        return [FieldError("reason", message)]
    return []


def is_overdue(action: ActionItem, today: date) -> bool:
    """Due before ``today`` and not done; an item due today is not overdue yet."""
    return action.due < today and action.status != ActionStatus.DONE


def find_action(board: Board, action_id: str) -> ActionItem | None:
    """The action item with this id, or None."""
    return next((a for a in board.actions if a.id == action_id), None)


def actions_by_due(actions: tuple[ActionItem, ...], owner: str | None = None) -> list[ActionItem]:
    """Action items (of one owner, when given) by due date, then the order they were made."""
    position = {a.id: i for i, a in enumerate(actions)}
    chosen = [a for a in actions if owner is None or a.owner == owner]
    return sorted(chosen, key=lambda a: (a.due, position[a.id]))


def set_action_status(board: Board, cmd: SetActionStatus) -> tuple[Board, list[Change]]:
    """Apply a status update (the handler ``board.apply`` dispatches to).

    Raises:
        NotFound: no such action item.
        Forbidden: neither its owner nor the facilitator.
        Invalid: unknown status, or blocked without a reason.
    """
    action = find_action(board, cmd.action_id)
    if action is None:
        raise NotFound("That action item is not on this board.")
    if cmd.by not in (FACILITATOR, action.owner):
        raise Forbidden("Only the action item's owner or the facilitator can update its status.")
    errors = validate_status(cmd.status, cmd.reason)
    if errors:
        raise Invalid("The status update has problems; see the fields.", errors)
    status = ActionStatus(cmd.status)
    reason = " ".join(cmd.reason.split()) if status == ActionStatus.BLOCKED else ""
    if (status, reason) == (action.status, action.blocked_reason):
        return board, []
    updated = replace(
        action, status=status, blocked_reason=reason, status_at=cmd.at, status_by=cmd.by
    )
    actions = tuple(updated if a.id == action.id else a for a in board.actions)
    before: dict[str, object] = {
        "action_id": action.id,
        "status": action.status.value,
        "blocked_reason": action.blocked_reason,
    }
    after: dict[str, object] = {
        "action_id": action.id,
        "status": status.value,
        "blocked_reason": reason,
    }
    return replace(board, actions=actions), [("action_status", action.item_id, before, after)]
