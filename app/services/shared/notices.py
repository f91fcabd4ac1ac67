"""What a use case tells the features built on top of the services, inside its transaction.

The services never import those features: e-mail, the one listener today, reads the services
back (the follow-up message builds the summary, the itinerary message reads the plan), so an
import from a service to ``app.mail`` would close a cycle. Instead ``create_app`` subscribes
``app.mail.hooks`` here, and a use case calls the matching function below just before it
commits; a listener that queues something does so in that same transaction, so a message exists
exactly when the change it reports does. Without a subscriber (the CLI, a service test) these
calls do nothing.
"""

from __future__ import annotations

from typing import Protocol

from sqlmodel import Session

from app.domain.board.commands import Command
from app.domain.board.model import Board

__all__ = [
    "Listener",
    "after_agenda_returned",
    "after_board_command",
    "after_plan_saved",
    "after_session_moved",
    "subscribe",
]


class Listener(Protocol):
    """A feature that reacts to use cases (a module with these functions will do)."""

    def after_board_command(
        self, db: Session, session_id: str, command: Command, before: Board, after: Board
    ) -> None: ...

    def after_agenda_returned(
        self, db: Session, session_id: str, participant_id: int, note: str
    ) -> None: ...

    def after_plan_saved(self, db: Session, session_id: str, version: int) -> None: ...

    def after_session_moved(self, db: Session, session_id: str) -> None: ...


_listeners: list[Listener] = []


def subscribe(listener: Listener) -> None:
    """Call ``listener`` after every use case from now on (once, however often subscribed)."""
    if not any(known is listener for known in _listeners):
        _listeners.append(listener)


def after_board_command(
    db: Session, session_id: str, command: Command, before: Board, after: Board
) -> None:
    """A board command was applied (not yet committed)."""
    for listener in tuple(_listeners):
        listener.after_board_command(db, session_id, command, before, after)


def after_agenda_returned(db: Session, session_id: str, participant_id: int, note: str) -> None:
    """A facilitator sent an agenda back with ``note`` (not yet committed)."""
    for listener in tuple(_listeners):
        listener.after_agenda_returned(db, session_id, participant_id, note)


def after_plan_saved(db: Session, session_id: str, version: int) -> None:
    """Plan ``version`` was stored (flushed, not yet committed)."""
    for listener in tuple(_listeners):
        listener.after_plan_saved(db, session_id, version)


def after_session_moved(db: Session, session_id: str) -> None:
    """The session's time or time zone was changed (flushed, not yet committed)."""
    for listener in tuple(_listeners):
        listener.after_session_moved(db, session_id)
