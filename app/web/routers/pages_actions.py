"""Action item pages: a department head's own items, the facilitator's list, status forms."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from app.domain.board.actions import STATUS_LABELS
from app.domain.board.engine import FACILITATOR
from app.domain.errors import Conflict, DomainError, Forbidden, NotFound
from app.services.actions import service as actions
from app.services.links.schemas import Principal
from app.services.sessions import service as sessions
from app.store import repo
from app.web.deps import Facilitator, FormDep, Participant, SessionDep, Writer
from app.web.forms import error_map, is_htmx, render, see_other
from app.web.live_hub import publish_from_thread

router = APIRouter(prefix="/s/{session_id}")

ROW = "partials/action_row.html"
STATUSES = [(status.value, label) for status, label in STATUS_LABELS.items()]


def _actor(who: Principal) -> str:
    return FACILITATOR if who.role == "facilitator" else str(who.participant_id)


def _page_path(session_id: str, who: Principal) -> str:
    if who.role == "facilitator":
        return f"/s/{session_id}/facilitate/actions"
    return f"/s/{session_id}/me/actions"


def page_context(db: Session, session_id: str, who: Principal) -> dict[str, Any]:
    """What an action item page shows: the caller's items (everyone's for the facilitator)."""
    owner = None if who.role == "facilitator" else str(who.participant_id)
    rows = actions.rows(db, session_id, owner=owner)
    me = repo.get_participant(db, session_id, who.participant_id) if who.participant_id else None
    return {
        "session": sessions.get_session(db, session_id),
        "rows": rows,
        "overdue": sum(1 for r in rows if r.overdue),
        "me": me,
        "is_facilitator": who.role == "facilitator",
        "statuses": STATUSES,
        "new_key": lambda: uuid.uuid4().hex,
        "errors": {},
        "values": {},
        "saved": None,
    }


@router.get("/me/actions")
def my_actions(session_id: str, request: Request, db: SessionDep, who: Participant) -> Response:
    """A department head's action items, with a status form each; overdue ones say so."""
    context = page_context(db, session_id, who)
    context["saved"] = request.query_params.get("saved")
    return render(request, "actions.html", context)


@router.get("/facilitate/actions")
def all_actions(session_id: str, request: Request, db: SessionDep, who: Facilitator) -> Response:
    """Every action item of the session; the facilitator can update any of them."""
    context = page_context(db, session_id, who)
    context["saved"] = request.query_params.get("saved")
    return render(request, "actions.html", context)


@router.post("/actions/status")
def update_status(
    session_id: str, request: Request, form: FormDep, db: SessionDep, who: Writer
) -> Response:
    """The status form: htmx gets the item's section back (errors beside the fields, input
    kept); a plain post redirects, or shows the page with the errors."""
    values = {name: str(form.get(name, "")) for name in ("id", "action_id", "status", "reason")}
    action_id = values["action_id"]
    try:
        row, event = actions.update_status(
            db,
            session_id,
            command_id=values["id"] or uuid.uuid4().hex,
            by=_actor(who),
            action_id=action_id,
            status=values["status"],
            reason=values["reason"],
        )
    except DomainError as error:
        if isinstance(error, NotFound):
            raise
        errors = error_map(error.errors) if error.errors else {"form": error.detail}
        return _answer(request, db, session_id, who, action_id, errors, values, _status(error))
    publish_from_thread(request, [event])
    if not is_htmx(request):
        return see_other(f"{_page_path(session_id, who)}?saved={row.number}#action-{row.number}")
    context = page_context(db, session_id, who)
    context.update(row=row, saved=str(row.number))
    return render(request, ROW, context)


def _answer(
    request: Request,
    db: Session,
    session_id: str,
    who: Principal,
    action_id: str,
    errors: dict[str, str],
    values: dict[str, str],
    status_code: int,
) -> Response:
    context = page_context(db, session_id, who)
    context.update(errors={action_id: errors}, values={action_id: values})
    if is_htmx(request):
        context["row"] = actions.row(db, session_id, action_id)
        return render(request, ROW, context, status_code=status_code)
    return render(request, "actions.html", context, status_code=status_code)


def _status(error: DomainError) -> int:
    return {Conflict: 409, Forbidden: 403}.get(type(error), 422)
