"""Use cases for the room's big screen: what it shows (set from the console), closing figures.

The facilitator's choice is stored as a ``screen`` live event, so the event log is its only
store: every open screen receives it through the hub (with its seq, like any event), and a
screen that loads or reloads reads the newest one. No table or migration of its own.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any, Final, Literal

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from app.domain.errors import FieldError, Invalid
from app.services.board import payloads as board_payloads
from app.services.board import service as board
from app.services.clock.log import rounds_started
from app.services.live import service as live
from app.services.plans import service as plans
from app.services.sessions.service import get_session
from app.store.models import LiveEvent

SCREEN_EVENT: Final = "screen"
ScreenMode = Literal["clock", "board", "goals", "message", "blank"]
MIN_PACE, MAX_PACE = 3, 60


class ScreenState(BaseModel):
    """What every big screen of a session shows; ``clock`` follows the run of show."""

    mode: ScreenMode = Field(
        default="clock",
        description="clock (follows the session: clock, tables, Move now, the end), board "
        "(the spotlight and heat map), goals (goals and rules), message, or blank.",
    )
    message: str = Field(
        default="", max_length=120, description="Shown in message mode, e.g. Back in 5 minutes."
    )
    pace_seconds: int = Field(
        default=8, ge=MIN_PACE, le=MAX_PACE, description="Seconds each board spotlight stays."
    )
    spotlight_paused: bool = Field(default=False, description="Hold the spotlight where it is.")
    muted: bool = Field(default=False, description="Silence the big screen's chimes.")
    theme: Literal["dark", "light"] = Field(
        default="dark", description="dark for a dim room, light for a bright one."
    )


class ClosingFigures(BaseModel):
    """What the session produced, for the big screen's closing view."""

    rounds_played: int
    pairs_met: int
    items: int
    action_items: int


def current(db: Session, session_id: str) -> ScreenState:
    """The screen state in force: the newest ``screen`` event's, else the defaults."""
    return current_with_seq(db, session_id)[0]


def current_with_seq(db: Session, session_id: str) -> tuple[ScreenState, int]:
    """The screen state in force and its event's seq (0 for the defaults).

    Raises:
        NotFound: no such session.
    """
    get_session(db, session_id)
    event = db.exec(
        select(LiveEvent)
        .where(LiveEvent.session_id == session_id, LiveEvent.type == SCREEN_EVENT)
        .order_by(col(LiveEvent.seq).desc())
        .limit(1)
    ).first()
    if event is None:
        return ScreenState(), 0
    return ScreenState.model_validate(event.data.get("screen", {})), event.seq


def update(db: Session, session_id: str, values: dict[str, Any]) -> LiveEvent:
    """Change what the screens show; returns the committed event to publish.

    ``values`` holds only the fields to change (already validated by the caller's schema);
    a message mode with an empty message is refused.

    Raises:
        NotFound: no such session.
        Invalid: message mode without a message.
    """
    merged = current(db, session_id).model_copy(update=values)
    merged.message = merged.message.strip()
    if merged.mode == "message" and not merged.message:
        raise Invalid(
            "Type the message the screen should show.",
            [FieldError("message", "Type a message, e.g. Back in 5 minutes.")],
        )
    state = ScreenState.model_validate(merged.model_dump())  # re-checks the merged values
    event = live.record_event(db, session_id, SCREEN_EVENT, {"screen": state.model_dump()})
    db.commit()
    return event


def closing_figures(db: Session, session_id: str) -> ClosingFigures:
    """Rounds played, distinct pairs who sat together in them, board items and action items."""
    played = rounds_started(db, session_id)
    plan = plans.current_plan(db, session_id)
    pairs: set[tuple[str, str]] = set()
    for round_ in (plan.rounds if plan else [])[:played]:
        for group in round_.get("groups", []):
            members = sorted(str(m) for m in group.get("members", []) if m is not None)
            pairs.update(combinations(members, 2))
    view = board_payloads.view(board.load(db, session_id))
    return ClosingFigures(
        rounds_played=played,
        pairs_met=len(pairs),
        items=len(view.items),
        action_items=len(view.actions),
    )
