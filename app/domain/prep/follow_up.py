"""After-meeting follow-ups: "what did you agree?" in one line, optionally an owner and a date.

The author keeps it private, sends it to the board as an item, or proposes it as an action item
that the facilitator confirms. Pure rules only; storing and the board live in the services.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Final

from app.domain.errors import FieldError

TEXT_MIN, TEXT_MAX = 5, 200
DEFAULT_DUE_DAYS: Final = 14


class Share(StrEnum):
    """Who sees a follow-up: only its author, the board, or the facilitator (as a proposal)."""

    PRIVATE = "private"
    BOARD = "board"
    PROPOSED = "proposed"
    ACCEPTED = "accepted"  # set by the facilitator's confirmation, never by the author


def follow_up_errors(
    text: str,
    share: str,
    owner_id: int | None,
    due: date | None,
    *,
    allowed_owners: set[int],
    today: date,
) -> list[FieldError]:
    """Every rule a follow-up breaks, one message per field."""
    errors: list[FieldError] = []
    length = len(text.strip())
    if not TEXT_MIN <= length <= TEXT_MAX:
        message = f"Say what you agreed in {TEXT_MIN} to {TEXT_MAX} characters (now {length})."
        errors.append(FieldError("text", message))
    if share not in (Share.PRIVATE, Share.BOARD, Share.PROPOSED):
        errors.append(
            FieldError("share", "Choose: keep private, send to the board, or propose an action.")
        )
    if owner_id is not None and owner_id not in allowed_owners:
        errors.append(FieldError("owner_id", "The owner is you or the person you met."))
    if due is not None and due < today:
        errors.append(FieldError("due", "The date cannot be in the past."))
    return errors
