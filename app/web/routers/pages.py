"""Pages anyone can reach: home, create a session, and the link exchange."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import anyio
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlmodel import Session

from app.domain.errors import DomainError, Invalid, Unauthorized
from app.services.links import service as links
from app.services.links.schemas import Principal
from app.services.sessions import service as sessions
from app.services.sessions.schemas import DEFAULT_GROUND_RULES, SessionCreate
from app.store import repo
from app.web.deps import (
    KeysDep,
    SessionDep,
    SettingsDep,
    check_csrf,
    cookie_name,
    set_role_cookie,
)
from app.web.errors import failed_lookup, too_many_guesses
from app.web.forms import error_map, lines, render, see_other, validation_field_errors
from app.web.routers import (
    pages_actions,
    pages_agenda,
    pages_facilitator,
    pages_itinerary,
    pages_live,
    pages_plan,
    pages_series,
    pages_views,
)
from app.web.routers.api_sessions import check_organizer_key

router = APIRouter(include_in_schema=False)
router.include_router(pages_facilitator.router)
router.include_router(pages_views.router)
router.include_router(pages_agenda.router)
router.include_router(pages_plan.router)
router.include_router(pages_live.router)
router.include_router(pages_actions.router)
router.include_router(pages_series.router)
router.include_router(pages_itinerary.router)


@router.get("/")
def home(request: Request) -> Response:
    return render(request, "home.html", {})


def _new_session_defaults() -> dict[str, str]:
    tomorrow = datetime.now(ZoneInfo("UTC")).replace(hour=9, minute=0) + timedelta(days=7)
    return {
        "title": "",
        "starts_at": tomorrow.strftime("%Y-%m-%dT%H:%M"),
        "timezone": "UTC",
        "goals": "",
        "ground_rules": "\n".join(DEFAULT_GROUND_RULES),
        "organizer_key": "",
        "series_title": "",
        "series_key": "",
    }


@router.get("/sessions/new")
def new_session_form(request: Request, settings: SettingsDep) -> Response:
    context: dict[str, Any] = {
        "values": _new_session_defaults(),
        "errors": {},
        "needs_key": bool(settings.organizer_key),
    }
    return render(request, "new_session.html", context)


@router.post("/sessions/new", dependencies=[Depends(check_csrf)])
def create_session(
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    settings: SettingsDep,
    title: Annotated[str, Form()] = "",
    starts_at: Annotated[str, Form()] = "",
    timezone: Annotated[str, Form()] = "UTC",
    goals: Annotated[str, Form()] = "",
    ground_rules: Annotated[str, Form()] = "",
    organizer_key: Annotated[str, Form()] = "",
    series_title: Annotated[str, Form()] = "",
    series_key: Annotated[str, Form()] = "",
) -> Response:
    values = {
        "title": title,
        "starts_at": starts_at,
        "timezone": timezone,
        "goals": goals,
        "ground_rules": ground_rules,
        "organizer_key": "",
        "series_title": series_title,
        "series_key": series_key,
    }
    errors: dict[str, str] = {}
    try:
        check_organizer_key(settings, organizer_key or None)
        data = SessionCreate.model_validate(
            {
                "title": title,
                "starts_at": starts_at,
                "timezone": timezone,
                "goals": lines(goals),
                "ground_rules": lines(ground_rules),
                "series_title": series_title or None,
                "series_key": series_key or None,
            }
        )
    except ValidationError as error:
        errors = error_map(validation_field_errors(error))
    except DomainError as error:
        errors = {"organizer_key": error.detail}
    if not errors:
        try:
            created = sessions.create_session(db, keys, data)
        except Invalid as error:
            errors = error_map(error.errors)
    if errors:
        context = {"values": values, "errors": errors, "needs_key": bool(settings.organizer_key)}
        return render(request, "new_session.html", context, status_code=422)
    response = see_other(f"/s/{created.session.id}/facilitate?created=1")
    set_role_cookie(
        response,
        settings.cookie_secure,
        created.session.id,
        "facilitator",
        created.facilitator_token,
    )
    return response


@router.get("/l/{token}")
def exchange_link(token: str, request: Request, db: SessionDep, settings: SettingsDep) -> Response:
    """Swap a link's token for a cookie and continue at a URL without the token."""
    try:
        principal = links.resolve_token(db, token)
    except Unauthorized:
        if retry := anyio.from_thread.run(failed_lookup, request):
            return too_many_guesses(request, retry)
        context = {
            "status": 404,
            "title": "This link does not work",
            "detail": "It may have been replaced or revoked. Ask your facilitator for a new one.",
            "errors": [],
        }
        return render(request, "error.html", context, status_code=404)
    if request.query_params.get("use") != "1":
        choice = identity_choice(request, db, principal)
        if choice is not None:
            return choice
    response = see_other(links.landing_path(principal))
    set_role_cookie(response, settings.cookie_secure, principal.session_id, principal.role, token)
    return response


def identity_choice(request: Request, db: Session, principal: Principal) -> Response | None:
    """Opening a colleague's link where another person is signed in: ask, never switch silently.

    Returns the question page, or None when this browser holds no other identity here.
    """
    if principal.role != "participant":
        return None
    held = request.cookies.get(cookie_name(principal.session_id, principal.role))
    try:
        current = links.resolve_token(db, held) if held else None
    except Unauthorized:
        current = None
    if current is None or current.participant_id == principal.participant_id:
        return None
    assert current.participant_id is not None
    assert principal.participant_id is not None
    context = {
        "current": repo.get_participant(db, principal.session_id, current.participant_id),
        "other": repo.get_participant(db, principal.session_id, principal.participant_id),
        "keep_url": links.landing_path(current),
        "switch_url": f"{request.url.path}?use=1",
    }
    return render(request, "identity_choice.html", context)
