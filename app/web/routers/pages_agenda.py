"""Agenda pages: the participant writes theirs (autosaved drafts); the facilitator reviews all."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlmodel import Session
from starlette.datastructures import FormData

from app.domain.agenda import AgendaContent
from app.domain.errors import Conflict, DomainError, FieldError, Forbidden, Invalid
from app.services import agenda_returns, agendas, sessions
from app.services.schemas import AgendaInput, SessionUpdate
from app.store import repo
from app.web.deps import Facilitator, FormDep, KeysDep, Participant, SessionDep
from app.web.facilitator_page import respond
from app.web.forms import error_map, render, see_other, validation_field_errors

router = APIRouter(prefix="/s/{session_id}")

TEXT_FIELDS = (
    "what_we_do",
    "pressing_issue",
    "pressing_ask",
    "butterfly_issue",
    "butterfly_cost",
    "butterfly_next_step",
)


def read_agenda_form(form: FormData) -> tuple[AgendaInput, dict[str, Any]]:
    """The agenda form as the API's input model, plus the raw values to show again.

    Raises:
        Invalid: a value does not even parse (e.g. a goal id that is not a number).
    """
    raw: dict[str, Any] = {name: str(form.get(name, "")) for name in TEXT_FIELDS}
    chosen = [str(v) for v in form.getlist("butterfly_targets") if str(v).strip()]
    other = [t.strip() for t in str(form.get("butterfly_other", "")).split(",") if t.strip()]
    raw["butterfly_targets"] = list(dict.fromkeys(chosen + other))
    raw["butterfly_other"] = str(form.get("butterfly_other", ""))
    values: dict[str, Any] = {name: raw[name] for name in TEXT_FIELDS}
    values["butterfly_targets"] = raw["butterfly_targets"]
    for topic in ("pressing", "butterfly"):
        goal = str(form.get(f"{topic}_goal", ""))
        raw[f"{topic}_goal"] = goal
        values[f"{topic}_no_goal"] = goal == "none"
        values[f"{topic}_goal_id"] = goal if goal not in ("", "none") else None
    version = str(form.get("version", ""))
    values["version"] = int(version) if version.isdigit() else None
    try:
        return AgendaInput.model_validate(values), raw
    except ValidationError as error:
        raise Invalid("Some fields need fixing.", validation_field_errors(error)) from None


def form_values(content: AgendaContent, departments: list[str]) -> dict[str, Any]:
    """Stored content as the form shows it (targets split into known and other teams)."""
    raw: dict[str, Any] = {name: getattr(content, name) for name in TEXT_FIELDS}
    raw["butterfly_targets"] = list(content.butterfly_targets)
    known = {d.casefold() for d in departments}
    raw["butterfly_other"] = ", ".join(
        t for t in content.butterfly_targets if t.casefold() not in known
    )
    for topic in ("pressing", "butterfly"):
        goal = getattr(content, f"{topic}_goal_id")
        no_goal = getattr(content, f"{topic}_no_goal")
        raw[f"{topic}_goal"] = "none" if no_goal else ("" if goal is None else str(goal))
    return raw


def agenda_context(db: Session, session_id: str, participant_id: int) -> dict[str, Any]:
    view = agendas.get_view(db, session_id, participant_id)
    departments = sorted({p.department for p in repo.list_participants(db, session_id)})
    return {
        "session": sessions.get_session(db, session_id),
        "goals": repo.list_goals(db, session_id),
        "me": view.participant,
        "view": view,
        "values": form_values(view.content, departments),
        "departments": [d for d in departments if d != view.participant.department],
        "errors": {},
        "notice": None,
        "count": len(departments),
        "returned_note": agenda_returns.pending_note(db, participant_id),
    }


@router.get("/me")
def participant_home(
    session_id: str, request: Request, db: SessionDep, who: Participant
) -> Response:
    """The department head's page: the session, the rules, and their agenda."""
    assert who.participant_id is not None
    context = agenda_context(db, session_id, who.participant_id)
    if request.query_params.get("submitted") == "1":
        context["notice"] = "Agenda submitted. You can still edit it until agendas close."
    return render(request, "participant.html", context)


@router.post("/me/agenda/draft")
def autosave(
    session_id: str, request: Request, form: FormDep, db: SessionDep, who: Participant
) -> Response:
    """htmx autosave: store the draft, answer with the status line and framing warnings."""
    assert who.participant_id is not None
    status_code = 200
    message = None
    try:
        data, _ = read_agenda_form(form)
        agendas.save_draft(
            db,
            session_id,
            who.participant_id,
            agendas.content_of(data),
            author=agendas.author_label(db, who),
            base_version=data.version,
        )
    except (Conflict, Forbidden) as error:
        status_code, message = (409 if isinstance(error, Conflict) else 403), error.detail
    except Invalid as error:
        status_code = 422
        message = "Not saved: " + "; ".join(e.message for e in error.errors[:3])
    context = agenda_context(db, session_id, who.participant_id)
    context["problem"] = message
    return render(request, "partials/agenda_autosave.html", context, status_code=status_code)


@router.post("/me/agenda")
def submit(
    session_id: str, request: Request, form: FormDep, db: SessionDep, who: Participant
) -> Response:
    """Plain form submit: redirect on success, the page with field errors otherwise."""
    assert who.participant_id is not None
    raw: dict[str, Any] = {}
    try:
        data, raw = read_agenda_form(form)
        agendas.submit(
            db,
            session_id,
            who.participant_id,
            agendas.content_of(data),
            author=agendas.author_label(db, who),
            base_version=data.version,
        )
    except DomainError as error:
        context = agenda_context(db, session_id, who.participant_id)
        if raw:
            context["values"] = raw
        context["errors"] = _field_map(error)
        return render(request, "participant.html", context, status_code=_status(error))
    return see_other(f"/s/{session_id}/me?submitted=1#agenda")


@router.get("/facilitate/agendas/{participant_id}")
def review(
    session_id: str, participant_id: int, request: Request, db: SessionDep, who: Facilitator
) -> Response:
    """The facilitator's read-only view of one agenda, with its framing flags and history."""
    context = agenda_context(db, session_id, participant_id)
    context["revisions"] = agendas.revisions(db, session_id, participant_id)
    context["goal_text"] = {g.id: g.text for g in context["goals"]}
    if request.query_params.get("returned") == "1":
        context["notice"] = "Sent back with your note: the department head sees it on their page."
    return render(request, "agenda_review.html", context)


@router.post("/facilitate/agendas/{participant_id}/return")
def send_back(
    session_id: str,
    participant_id: int,
    request: Request,
    form: FormDep,
    db: SessionDep,
    who: Facilitator,
) -> Response:
    """Send a submitted agenda back with a note; a refusal shows beside the note, text kept."""
    note = str(form.get("note", ""))
    try:
        agenda_returns.return_agenda(db, session_id, participant_id, note)
    except (Invalid, Conflict, Forbidden) as error:
        db.rollback()
        context = agenda_context(db, session_id, participant_id)
        context["revisions"] = agendas.revisions(db, session_id, participant_id)
        context["goal_text"] = {g.id: g.text for g in context["goals"]}
        context["errors"] = error_map(error.errors) if error.errors else {"note": error.detail}
        context["note_value"] = note
        return render(request, "agenda_review.html", context, status_code=_status(error))
    return see_other(f"/s/{session_id}/facilitate/agendas/{participant_id}?returned=1")


def _field_map(error: DomainError) -> dict[str, str]:
    if not error.errors:
        return {"form": error.detail}
    renamed = [FieldError(e.field.replace("_goal_id", "_goal"), e.message) for e in error.errors]
    return error_map(renamed)


def _status(error: DomainError) -> int:
    return {Conflict: 409, Forbidden: 403}.get(type(error), 422)


@router.post("/facilitate/agenda-policy")
def agenda_policy(
    session_id: str,
    request: Request,
    form: FormDep,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
) -> Response:
    """Deadline, lock/reopen and framing mode for the session's agendas."""
    values = {k: str(form.get(k, "")) for k in ("agenda_deadline", "agenda_window", "framing_mode")}
    try:
        data = SessionUpdate.model_validate(
            {
                "agenda_deadline": values["agenda_deadline"] or None,
                "agenda_window": values["agenda_window"],
                "framing_mode": values["framing_mode"],
            }
        )
        sessions.update_session(db, session_id, data)
    except ValidationError as error:
        errors = error_map(validation_field_errors(error))
        return respond(request, db, keys, session_id, "agendas", errors=errors, values=values)
    return respond(request, db, keys, session_id, "agendas", notice="Agenda settings saved.")
