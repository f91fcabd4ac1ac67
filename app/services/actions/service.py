"""Use cases for action items after they are made: list them, report their status.

A status update is a board command (``SetActionStatus``), so it shares the board's transaction,
audit trail, idempotency by command id and ``board`` live event. It works after the session
ended and on a locked board.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from app.domain.board.actions import STATUS_LABELS, actions_by_due, find_action, is_overdue
from app.domain.board.engine import FACILITATOR, ActionItem, Board, SetActionStatus
from app.domain.errors import NotFound
from app.services.board import service as board_service
from app.services.sessions.series import local_today
from app.services.sessions.service import get_session
from app.store import repo
from app.store.models import LiveEvent
from app.store.types import utcnow


@dataclass(frozen=True)
class ActionRow:
    """One action item with what a reader needs beside it: owner, the issue, overdue or not.

    ``number`` is its stable position on the board (1 = made first), usable in element ids.
    """

    number: int
    action: ActionItem
    owner_name: str
    owner_department: str
    item_text: str
    from_team: str
    to_teams: tuple[str, ...]
    overdue: bool
    status_label: str
    status_by_name: str


def rows(
    db: Session, session_id: str, *, owner: str | None = None, today: date | None = None
) -> list[ActionRow]:
    """The session's action items (of one owner, when given), soonest due first."""
    board = board_service.load(db, session_id)
    today = today or local_today(get_session(db, session_id))
    names = _people(db, session_id)
    return [_row(board, a, names, today) for a in actions_by_due(board.actions, owner)]


def update_status(
    db: Session,
    session_id: str,
    *,
    command_id: str,
    by: str,
    action_id: str,
    status: str,
    reason: str = "",
) -> tuple[ActionRow, LiveEvent | None]:
    """Set an action item's status; returns its row and the live event to publish (None when
    nothing changed, e.g. a retry).

    Raises:
        NotFound: no such action item.
        Forbidden: ``by`` is neither its owner nor the facilitator.
        Invalid: unknown status, or blocked without a reason (field errors).
    """
    command = SetActionStatus(
        id=command_id, by=by, at=utcnow(), action_id=action_id, status=status, reason=reason
    )
    board, event = board_service.execute(db, session_id, command)
    return row(db, session_id, action_id, board=board), event


def row(db: Session, session_id: str, action_id: str, *, board: Board | None = None) -> ActionRow:
    """One action item's row.

    Raises:
        NotFound: no such action item.
    """
    board = board or board_service.load(db, session_id)
    action = find_action(board, action_id)
    if action is None:
        raise NotFound("That action item is not on this board.")
    today = local_today(get_session(db, session_id))
    return _row(board, action, _people(db, session_id), today)


def _people(db: Session, session_id: str) -> dict[str, tuple[str, str]]:
    people = {str(p.id): (p.name, p.department) for p in repo.list_participants(db, session_id)}
    people[FACILITATOR] = ("the facilitator", "")
    return people


def _row(
    board: Board, action: ActionItem, people: dict[str, tuple[str, str]], today: date
) -> ActionRow:
    item = board.find(action.item_id)
    if item is not None and item.held:  # never reframed: its words stay off the action pages
        item = None
    number = next(i for i, a in enumerate(board.actions, start=1) if a.id == action.id)
    name, department = people.get(action.owner, ("(no longer a participant)", ""))
    return ActionRow(
        number=number,
        action=action,
        owner_name=name,
        owner_department=department,
        item_text=item.what_happens if item else "",
        from_team=item.from_team if item else "",
        to_teams=item.to_teams if item else (),
        overdue=is_overdue(action, today),
        status_label=STATUS_LABELS[action.status],
        status_by_name=people.get(action.status_by, ("", ""))[0] if action.status_by else "",
    )
