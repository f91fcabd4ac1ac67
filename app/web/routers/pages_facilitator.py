"""The facilitator's session page: settings, goals, participants and links."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import Response
from pydantic import ValidationError

from app.domain.errors import DomainError, FieldError, Invalid, NotFound
from app.services.live import link_changes
from app.services.people import service as participants
from app.services.people.schemas import ImportReport, ParticipantCreate
from app.services.sessions import service as sessions
from app.services.sessions.schemas import GoalInput, SessionUpdate
from app.web.deps import (
    Facilitator,
    KeysDep,
    SessionDep,
    SettingsDep,
    rebind_csrf,
    set_role_cookie,
)
from app.web.facilitator_page import PAGE, page_context, respond
from app.web.forms import error_map, lines, render, validation_field_errors
from app.web.live_hub import publish_from_thread

router = APIRouter(prefix="/s/{session_id}/facilitate")


@router.get("")
def facilitate(
    session_id: str, request: Request, db: SessionDep, keys: KeysDep, who: Facilitator
) -> Response:
    context = page_context(db, keys, session_id)
    context["created"] = request.query_params.get("created") == "1"
    return render(request, PAGE, context)


@router.post("/settings")
def save_settings(
    session_id: str,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
    title: Annotated[str, Form()] = "",
    starts_at: Annotated[str, Form()] = "",
    timezone: Annotated[str, Form()] = "",
    ground_rules: Annotated[str, Form()] = "",
) -> Response:
    values = {
        "title": title,
        "starts_at": starts_at,
        "timezone": timezone,
        "ground_rules": ground_rules,
    }
    try:
        data = SessionUpdate.model_validate(
            {
                "title": title,
                "starts_at": starts_at,
                "timezone": timezone,
                "ground_rules": lines(ground_rules),
            }
        )
        sessions.update_session(db, session_id, data)
    except ValidationError as error:
        errors = error_map(validation_field_errors(error))
        return respond(request, db, keys, session_id, "settings", errors=errors, values=values)
    return respond(request, db, keys, session_id, "settings", notice="Settings saved.")


@router.post("/goals")
def add_goal(
    session_id: str,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
    text: Annotated[str, Form()] = "",
) -> Response:
    try:
        sessions.add_goal(db, session_id, GoalInput(text=text).text)
    except (ValidationError, Invalid) as error:
        return respond(
            request, db, keys, session_id, "goals", errors=_errors(error), values={"text": text}
        )
    return respond(request, db, keys, session_id, "goals", notice="Goal added.")


@router.post("/goals/{goal_id}")
def edit_goal(
    session_id: str,
    goal_id: int,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
    text: Annotated[str, Form()] = "",
) -> Response:
    try:
        sessions.update_goal(db, session_id, goal_id, GoalInput(text=text).text)
    except (ValidationError, Invalid) as error:
        errors = {f"goal-{goal_id}": next(iter(_errors(error).values()))}
        return respond(
            request, db, keys, session_id, "goals", errors=errors, values={f"goal-{goal_id}": text}
        )
    return respond(request, db, keys, session_id, "goals", notice="Goal saved.")


@router.post("/goals/{goal_id}/delete")
def delete_goal(
    session_id: str,
    goal_id: int,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
) -> Response:
    try:
        sessions.delete_goal(db, session_id, goal_id)
    except NotFound:
        raise  # an unknown goal is a 404, as everywhere
    except DomainError as error:
        return respond(request, db, keys, session_id, "goals", errors={"form": error.detail})
    return respond(request, db, keys, session_id, "goals", notice="Goal removed.")


@router.post("/participants")
def add_participant(
    session_id: str,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
    name: Annotated[str, Form()] = "",
    email: Annotated[str, Form()] = "",
    department: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
) -> Response:
    values = {"name": name, "email": email, "department": department, "title": title}
    try:
        data = ParticipantCreate.model_validate(values)
        participants.invite(db, keys, session_id, data)
    except (ValidationError, Invalid) as error:
        return respond(
            request, db, keys, session_id, "participants", errors=_errors(error), values=values
        )
    return respond(
        request,
        db,
        keys,
        session_id,
        "participants",
        notice=f"{data.name} added, with a personal invite link.",
    )


@router.post("/participants/import")
def import_participants(
    session_id: str,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
    file: UploadFile | None = None,
) -> Response:
    if file is None or not file.filename:
        return respond(
            request,
            db,
            keys,
            session_id,
            "participants",
            errors={"file": "Choose a CSV file to import."},
        )
    try:
        created, rejected = participants.import_csv(db, keys, session_id, file.file.read())
    except Invalid as error:
        return respond(request, db, keys, session_id, "participants", errors=_errors(error))
    report = ImportReport(created=[participants.to_public(p) for p in created], rejected=rejected)
    return respond(request, db, keys, session_id, "participants", report=report)


@router.post("/participants/{participant_id}/delete")
def remove_participant(
    session_id: str,
    participant_id: int,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
) -> Response:
    person = participants.get_participant(db, session_id, participant_id)
    name = person.name
    publish_from_thread(request, link_changes.remove_participant(db, session_id, participant_id))
    return respond(request, db, keys, session_id, "participants", notice=f"{name} removed.")


@router.post("/links")
def issue_link(
    session_id: str,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    settings: SettingsDep,
    who: Facilitator,
    role: Annotated[str, Form()] = "",
    participant_id: Annotated[int | None, Form()] = None,
) -> Response:
    if role not in ("facilitator", "participant", "executive"):
        raise Invalid("Unknown role.", [FieldError("role", "Choose a role.")])
    _, token, events = link_changes.reissue(db, keys, session_id, role, participant_id)  # type: ignore[arg-type]
    publish_from_thread(request, events)
    section = "participants" if role == "participant" else "links"
    if role == "facilitator":
        rebind_csrf(request, token)  # the page below is the first with the new cookie
    response = respond(
        request,
        db,
        keys,
        session_id,
        section,
        notice="New link issued; the old one no longer works.",
    )
    if role == "facilitator":
        set_role_cookie(response, settings.cookie_secure, session_id, role, token)
        # For the page that stays open (htmx swapped only this section): app.js takes it.
        response.headers["X-CSRF-Token"] = request.state.csrf_token
    return response


@router.post("/links/{link_id}/revoke")
def revoke_link(
    session_id: str,
    link_id: int,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
) -> Response:
    link, events = link_changes.revoke(db, session_id, link_id)
    publish_from_thread(request, events)
    section = "participants" if link.role == "participant" else "links"
    return respond(request, db, keys, session_id, section, notice="Link revoked.")


def _errors(error: ValidationError | DomainError) -> dict[str, str]:
    if isinstance(error, ValidationError):
        return error_map(validation_field_errors(error))
    return error_map(error.errors) if error.errors else {"form": error.detail}
