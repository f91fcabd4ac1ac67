"""The big screen's controls (console → every screen) and the room's join address.

``/api/v1/sessions/{id}/live/screen``: read what the screens show (with the closing figures),
or, as the facilitator, change it; the change is a ``screen`` live event published after commit.
``/j/{id}``: the short address the big screen's QR code holds; a phone that already opened its
personal link lands on its live view, anyone else learns how to get in.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import Field, StrictBool, StrictInt
from sqlmodel import Session

from app.domain.errors import DomainError
from app.services.console import screen
from app.services.shared.schemas import Strict
from app.web.deps import AnyRole, Facilitator, SessionDep, resolve_credentials
from app.web.forms import render, see_other
from app.web.live_hub import publish, to_live
from app.web.problems import API_ERRORS

router = APIRouter(
    prefix="/api/v1/sessions/{session_id}/live/screen", tags=["live"], responses=API_ERRORS
)
join_router = APIRouter(include_in_schema=False)


class ScreenView(screen.ScreenState):
    closing: screen.ClosingFigures
    seq: int = Field(description="The seq of the screen event in force (0: the defaults).")


class ScreenInput(Strict):
    """The fields to change; omitted ones keep their value."""

    mode: screen.ScreenMode | None = None
    message: str | None = Field(default=None, max_length=120)
    pace_seconds: StrictInt | None = Field(default=None, ge=screen.MIN_PACE, le=screen.MAX_PACE)
    spotlight_paused: StrictBool | None = None
    muted: StrictBool | None = None
    theme: Literal["dark", "light"] | None = None


@router.get("")
def read_screen(session_id: str, db: SessionDep, who: AnyRole) -> ScreenView:
    """What the big screens show now, and the session's closing figures."""
    return view(db, session_id)


@router.put("")
async def update_screen(
    session_id: str, data: ScreenInput, request: Request, who: Facilitator
) -> ScreenView:
    """Show the clock, the board, the goals, a message or nothing; set the spotlight's pace."""

    def apply(db: Session) -> tuple[Any, ScreenView]:
        event = screen.update(db, session_id, data.model_dump(exclude_none=True))
        return to_live(event), view(db, session_id)

    outcome: tuple[Any, ScreenView] = await request.app.state.database.run(apply)
    await publish(request, outcome[0])
    return outcome[1]


def view(db: Session, session_id: str) -> ScreenView:
    state, seq = screen.current_with_seq(db, session_id)
    closing = screen.closing_figures(db, session_id)
    return ScreenView(**state.model_dump(), closing=closing, seq=seq)


@join_router.get("/j/{session_id}")
def join(session_id: str, request: Request, db: SessionDep) -> Response:
    """Scanned from the big screen: straight to one's live view once one's link was opened."""
    try:
        who = resolve_credentials(
            db, session_id, ("participant",), bearer=None, cookies=request.cookies
        )
    except DomainError:
        return render(request, "join.html", {"session_id": session_id})
    return see_other(f"/s/{who.session_id}/live")
