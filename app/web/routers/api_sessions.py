"""JSON API: sessions and their goals."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Header, Response, status

from app.config import Settings
from app.domain.errors import Forbidden, Unauthorized
from app.services.links.schemas import Principal
from app.services.sessions import service as sessions
from app.services.sessions.schemas import (
    GoalInput,
    GoalPublic,
    SessionCreate,
    SessionCreated,
    SessionPublic,
    SessionUpdate,
)
from app.services.shared.schemas import RowId
from app.web.deps import AnyRole, Facilitator, KeysDep, SessionDep, SettingsDep
from app.web.problems import API_ERRORS

router = APIRouter(prefix="/api/v1", tags=["sessions"], responses=API_ERRORS)


def check_organizer_key(settings: Settings, given: str | None) -> None:
    """When the instance sets ROUNDTABLE_ORGANIZER_KEY, creating a session needs it."""
    if not settings.organizer_key:
        return
    if not given:
        raise Unauthorized("Creating a session on this instance needs the organizer key.")
    if not hmac.compare_digest(given.encode(), settings.organizer_key.encode()):
        raise Forbidden("The organizer key is not right.")


@router.post("/sessions", status_code=status.HTTP_201_CREATED)
def create_session(
    data: SessionCreate,
    db: SessionDep,
    keys: KeysDep,
    settings: SettingsDep,
    response: Response,
    x_organizer_key: Annotated[str | None, Header()] = None,
) -> SessionCreated:
    """Create a session; the answer holds the facilitator and executive links (keep them)."""
    check_organizer_key(settings, x_organizer_key)
    created = sessions.create_session(db, keys, data)
    response.headers["Location"] = f"/api/v1/sessions/{created.session.id}"
    return SessionCreated(
        session=sessions.to_public(db, created.session),
        facilitator_url=keys.url_for(created.facilitator_token),
        executive_url=keys.url_for(created.executive_token),
    )


@router.get("/sessions/{session_id}")
def read_session(session_id: str, db: SessionDep, who: AnyRole) -> SessionPublic:
    """The session's settings, goals and ground rules."""
    return sessions.to_public(db, sessions.get_session(db, session_id))


@router.patch("/sessions/{session_id}")
def update_session(
    session_id: str, data: SessionUpdate, db: SessionDep, who: Facilitator
) -> SessionPublic:
    """Change title, start, time zone or ground rules."""
    return sessions.to_public(db, sessions.update_session(db, session_id, data))


@router.get("/sessions/{session_id}/me")
def read_me(session_id: str, who: AnyRole) -> Principal:
    """Which role (and participant) the presented link stands for."""
    return who


@router.get("/sessions/{session_id}/goals")
def list_goals(session_id: str, db: SessionDep, who: AnyRole) -> list[GoalPublic]:
    """The company goals for the year, in order."""
    return sessions.to_public(db, sessions.get_session(db, session_id)).goals


@router.post("/sessions/{session_id}/goals", status_code=status.HTTP_201_CREATED)
def add_goal(session_id: str, data: GoalInput, db: SessionDep, who: Facilitator) -> GoalPublic:
    """Add a goal (at most seven)."""
    goal = sessions.add_goal(db, session_id, data.text)
    return GoalPublic(id=goal.id or 0, position=goal.position, text=goal.text)


@router.patch("/sessions/{session_id}/goals/{goal_id}")
def update_goal(
    session_id: str, goal_id: RowId, data: GoalInput, db: SessionDep, who: Facilitator
) -> GoalPublic:
    """Reword a goal."""
    goal = sessions.update_goal(db, session_id, goal_id, data.text)
    return GoalPublic(id=goal.id or 0, position=goal.position, text=goal.text)


@router.delete("/sessions/{session_id}/goals/{goal_id}", status_code=204)
def delete_goal(session_id: str, goal_id: RowId, db: SessionDep, who: Facilitator) -> None:
    """Remove a goal (not the last one)."""
    sessions.delete_goal(db, session_id, goal_id)
