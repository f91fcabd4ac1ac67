"""JSON API: action items — read them, and their owners (or the facilitator) report status."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from app.domain.errors import FieldError, Invalid
from app.services.actions import service as actions
from app.services.board.schemas import Key
from app.services.shared.schemas import Strict
from app.web.deps import AnyRole, SessionDep, Writer
from app.web.live_hub import publish
from app.web.problems import API_ERRORS
from app.web.routers.api_board import actor

router = APIRouter(
    prefix="/api/v1/sessions/{session_id}/actions", tags=["action items"], responses=API_ERRORS
)


class StatusInput(Strict):
    """A status report: ``id`` is a client-generated key, so a retried request acts once."""

    id: Key
    status: str = Field(max_length=20, description="open, in_progress, done or blocked.")
    reason: str = Field(default="", max_length=600, description="Required when blocked.")

    multiline = frozenset({"reason"})


class ActionPublic(BaseModel):
    id: str
    item_id: str
    item_text: str
    owner: str = Field(description="The owner's participant id.")
    owner_name: str
    owner_department: str
    what: str
    due: date
    status: str
    blocked_reason: str
    status_at: datetime | None
    status_by: str
    overdue: bool = Field(description="Due before today (session time zone) and not done.")


def action_public(row: actions.ActionRow) -> ActionPublic:
    a = row.action
    return ActionPublic(
        id=a.id,
        item_id=a.item_id,
        item_text=row.item_text,
        owner=a.owner,
        owner_name=row.owner_name,
        owner_department=row.owner_department,
        what=a.what,
        due=a.due,
        status=a.status.value,
        blocked_reason=a.blocked_reason,
        status_at=a.status_at,
        status_by=a.status_by,
        overdue=row.overdue,
    )


@router.get("")
def list_actions(
    session_id: str,
    db: SessionDep,
    who: AnyRole,
    mine: Annotated[bool, Query(description="Only the caller's own (participant links).")] = False,
) -> list[ActionPublic]:
    """Who does what by when, soonest due first, with status and whether it is overdue."""
    if mine and who.participant_id is None:
        message = "Only a participant link has action items of its own."
        raise Invalid(message, [FieldError("mine", message)])
    owner = str(who.participant_id) if mine else None
    return [action_public(r) for r in actions.rows(db, session_id, owner=owner)]


@router.post("/{action_id}/status")
async def set_status(
    session_id: str,
    action_id: str,
    data: StatusInput,
    request: Request,
    db: SessionDep,
    who: Writer,
) -> ActionPublic:
    """Report where an action item stands: its owner or the facilitator; also after the
    session ended and on a locked board. ``blocked`` needs a ``reason``."""
    row, event = await anyio.to_thread.run_sync(
        lambda: actions.update_status(
            db,
            session_id,
            command_id=data.id,
            by=actor(who),
            action_id=action_id,
            status=data.status,
            reason=data.reason,
        )
    )
    await publish(request, event)
    return action_public(row)
