"""Agenda pages: the participant writes theirs (autosaved drafts); the facilitator reviews all."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlmodel import Session
from starlette.datastructures import FormData

from app.domain.agenda.rules import TEXT_LIMITS, AgendaContent
from app.domain.errors import Conflict, DomainError, FieldError, Forbidden, Invalid
from app.services.agendas import returns as agenda_returns
from app.services.agendas import service as agendas
from app.services.agendas.schemas import AgendaInput
from app.services.sessions import service as sessions
from app.services.sessions.schemas import SessionUpdate
from app.store import repo
from app.store.types import utcnow
from app.web.deps import Facilitator, FormDep, KeysDep, Participant, SessionDep
from app.web.facilitator_page import PAGE, page_context, respond
from app.web.forms import error_map, render, see_other, validation_field_errors

router = APIRouter(prefix="/s/{session_id}")

# The page's own labels, so the autosave line names a field as the person sees it.
FIELD_LABELS = {
    "what_we_do": "What you and your team do",
    "pressing_issue": "The issue that most needs help now",
    "pressing_ask": "The ask",
    "pressing_goal": "Company goal (pressing issue)",
    "butterfly_issue": "What starts where, and how it travels",
    "butterfly_targets": "Which team(s) it lands on",
    "butterfly_cost": "What it costs them",
    "butterfly_next_step": "Proposed next step",
    "butterfly_goal": "Company goal (butterfly issue)",
}

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


def read_agenda_draft(form: FormData) -> tuple[AgendaInput, list[FieldError]]:
    """The agenda form as a draft: a field that does not parse is left out, not the whole form.

    Returns the input without the bad fields and the errors naming them (the service keeps
    their stored values).
    """
    try:
        return read_agenda_form(form)[0], []
    except Invalid as error:
        rejected = error.errors
    bad = {e.field.split(".")[0] for e in rejected}
    cleaned = [(k, v) for k, v in form.multi_items() if _form_name(k) not in bad]
    data, _ = read_agenda_form(FormData(cleaned))
    return data, rejected


def _form_name(name: str) -> str:
    """The input model's field a form input feeds (``pressing_goal`` feeds ``pressing_goal_id``)."""
    if name == "butterfly_other":
        return "butterfly_targets"
    return name.removesuffix("_goal") + "_goal_id" if name.endswith("_goal") else name


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
        "limits": TEXT_LIMITS,
        "error_fields": {
            **{name: (f"agenda-{name}", label) for name, label in FIELD_LABELS.items()},
            "butterfly_targets": ("agenda-butterfly_other", FIELD_LABELS["butterfly_targets"]),
        },
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
    unsaved: list[FieldError] = []
    try:
        data, rejected = read_agenda_draft(form)
        saved = agendas.save_draft_fields(
            db,
            session_id,
            who.participant_id,
            agendas.content_of(data),
            author=agendas.author_label(db, who),
            base_version=data.version,
            rejected=rejected,
        )
        unsaved = saved.unsaved
    except (Conflict, Forbidden) as error:
        status_code, message = (409 if isinstance(error, Conflict) else 403), error.detail
    context = agenda_context(db, session_id, who.participant_id)
    context["problem"] = message
    context["unsaved"] = _unsaved_fields(unsaved)
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
        agendas.save(
            db,
            session_id,
            who.participant_id,
            agendas.content_of(data),
            submit=True,
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


def _unsaved_fields(errors: list[FieldError]) -> list[dict[str, str]]:
    """Fields the autosave could not store, as the status line lists them (form names)."""
    shown: dict[str, dict[str, str]] = {}
    for error in errors:
        name = error.field.split(".")[0].replace("_goal_id", "_goal")
        label = FIELD_LABELS.get(name, name)
        shown.setdefault(name, {"name": name, "label": label, "message": error.message})
    return list(shown.values())


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
        past = _past_deadline_error(db, session_id, data, confirmed=form.get("confirmed") == "1")
        if past:
            errors = {"agenda_deadline": past}
            return respond(request, db, keys, session_id, "agendas", errors=errors, values=values)
        sessions.update_session(db, session_id, data)
    except ValidationError as error:
        errors = error_map(validation_field_errors(error))
        return respond(request, db, keys, session_id, "agendas", errors=errors, values=values)
    return respond(request, db, keys, session_id, "agendas", notice="Agenda settings saved.")


def _past_deadline_error(
    db: Session, session_id: str, data: SessionUpdate, *, confirmed: bool
) -> str | None:
    """A new deadline in the past closes every agenda at once: only when confirmed."""
    deadline = data.agenda_deadline
    if deadline is None or confirmed:
        return None
    session = sessions.get_session(db, session_id)
    if deadline.tzinfo is None:
        deadline = deadline.replace(tzinfo=ZoneInfo(session.timezone))
    if deadline > utcnow() or deadline == session.agenda_deadline:
        return None
    return (
        "That time is in the past: saving it closes every agenda at once. "
        "Choose a later time, or confirm that agendas should close now."
    )


@router.get("/facilitate/agenda-tracker")
def agenda_tracker(
    session_id: str, request: Request, db: SessionDep, keys: KeysDep, who: Facilitator
) -> Response:
    """The facilitator's agenda tracker, polled: 204 while nothing changed since ``seen``."""
    context = page_context(db, keys, session_id)
    if request.query_params.get("seen") == context["tracker_mark"]:
        return Response(status_code=204)
    return render(request, PAGE, context, block="agenda_tracker")
