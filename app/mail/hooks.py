"""Messages caused by changes in other features, queued inside their transactions.

Subscribed to ``app.services.shared.notices`` by ``create_app``: the services call these through
that port, never by importing this module (the messages below read those services back).
"""

from __future__ import annotations

from sqlmodel import Session

from app.domain.board.commands import Command, Lock, MakeAction
from app.domain.board.model import Board
from app.mail import followup, messages


def after_board_command(
    db: Session, session_id: str, command: Command, before: Board, after: Board
) -> None:
    """Locking the board sends the follow-up; a new action item tells the webhooks."""
    if isinstance(command, Lock) and after.locked and not before.locked:
        db.flush()
        followup.queue_after_lock(db, session_id, after)
    elif isinstance(command, MakeAction):
        made = next((a for a in after.actions if a.id == command.action_id), None)
        if made is not None and all(a.id != made.id for a in before.actions):
            followup.queue_action_created(db, session_id, made)


def after_agenda_returned(db: Session, session_id: str, participant_id: int, note: str) -> None:
    """A department head whose agenda was sent back hears it by e-mail, with the note."""
    messages.queue_agenda_returned(db, session_id, participant_id, note)


def after_plan_saved(db: Session, session_id: str, version: int) -> None:
    """A new plan version: each participant whose rounds it sets or changes hears about it."""
    messages.queue_itinerary(db, session_id, version)


def after_session_moved(db: Session, session_id: str) -> None:
    """The session's time moved: everyone invited before gets an updated invitation."""
    messages.queue_invitation_updates(db, session_id)
