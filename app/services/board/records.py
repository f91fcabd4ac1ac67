"""A session's people and board as the executive summary's input records.

The summary domain (``app.domain.summary.model``) numbers items and action items with integers;
the board names them with client-generated strings. The numbering here is stable for a board:
an item is ``seq + 1`` (its creation order), an action item its position + 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from app.domain.board.engine import Board, BoardItem, Origin, vote_counts
from app.domain.summary.model import (
    ActionItemRecord,
    ActionStatus,
    BoardItemRecord,
    ParticipantRecord,
    PreviousSession,
)
from app.services.board import service as board_service
from app.store import repo


@dataclass(frozen=True)
class SessionRecords:
    """One session's participants, board items and action items as summary records."""

    title: str
    participants: tuple[ParticipantRecord, ...]
    items: tuple[BoardItemRecord, ...]
    action_items: tuple[ActionItemRecord, ...]

    def as_previous(self) -> PreviousSession:
        """These records as the ``previous`` session of a later one."""
        return PreviousSession(self.title, self.participants, self.items, self.action_items)


def item_number(item: BoardItem) -> int:
    """The summary's integer id of a board item."""
    return item.seq + 1


def board_records(board: Board) -> tuple[tuple[BoardItemRecord, ...], tuple[ActionItemRecord, ...]]:
    """Every item (removed and merged ones too, flagged as such) and every action item."""
    numbers = {item.id: item_number(item) for item in board.items}
    votes = vote_counts(board)
    items = tuple(
        BoardItemRecord(
            id=numbers[item.id],
            from_team=item.from_team,
            to_teams=item.to_teams,
            text=item.what_happens,
            impact=item.impact,
            goal_id=item.goal_id,
            votes=votes.get(item.id, 0),
            origin="agenda" if item.origin == Origin.AGENDA else "live",
            removed=item.removed,
            merged_into=numbers.get(item.merged_into) if item.merged_into else None,
        )
        for item in board.items
        if not item.held  # never the room's: kept out of every summary and series view
    )
    actions = tuple(
        ActionItemRecord(
            id=position,
            item_id=numbers.get(action.item_id),
            owner_id=int(action.owner) if action.owner.isdigit() else None,
            what=action.what,
            due=action.due,
            status=action.status,
            blocked_reason=action.blocked_reason,
            done_on=(
                action.status_at.date()
                if action.status == ActionStatus.DONE and action.status_at
                else None
            ),
        )
        for position, action in enumerate(board.actions, start=1)
    )
    return items, actions


def participant_records(db: Session, session_id: str) -> tuple[ParticipantRecord, ...]:
    """The session's participants; present as the summary counts it (opened the live view, or
    marked arrived by the facilitator)."""
    return tuple(
        ParticipantRecord(
            p.id or 0,
            p.name,
            p.department,
            p.joined_live_at is not None or p.attendance == "arrived",
        )
        for p in repo.list_participants(db, session_id)
    )


def session_records(db: Session, session_id: str, title: str) -> SessionRecords:
    """Load one session's records."""
    items, actions = board_records(board_service.load(db, session_id))
    return SessionRecords(title, participant_records(db, session_id), items, actions)
