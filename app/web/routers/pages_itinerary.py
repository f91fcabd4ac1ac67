"""Itinerary pages: my rounds and counterparts (printable), and a prep card per counterpart."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.domain.errors import Invalid
from app.domain.prep import PREP_FIELDS, PrepContent
from app.services import itinerary, sessions
from app.web.deps import FormDep, Participant, SessionDep
from app.web.forms import error_map, render, see_other

router = APIRouter(prefix="/s/{session_id}")


@router.get("/me/itinerary")
def my_itinerary(session_id: str, request: Request, db: SessionDep, who: Participant) -> Response:
    """Every round: when, which table, with whom, their agenda and my prep status."""
    assert who.participant_id is not None
    view = itinerary.itinerary(db, session_id, who.participant_id, mark_seen=True)
    context = {
        "session": sessions.get_session(db, session_id),
        "view": view,
        "me": view.participant,
    }
    return render(request, "itinerary.html", context)


@router.get("/me/prep/{counterpart_id}")
def prep_page(
    session_id: str, counterpart_id: int, request: Request, db: SessionDep, who: Participant
) -> Response:
    """My prep card for one counterpart, with suggestions and the framing check on my ask."""
    assert who.participant_id is not None
    view = itinerary.get_prep(db, session_id, who.participant_id, counterpart_id)
    saved = request.query_params.get("saved") == "1"
    return _render(request, db, session_id, view, _values(view.content), {}, saved)


@router.post("/me/prep/{counterpart_id}")
def save_prep(
    session_id: str,
    counterpart_id: int,
    request: Request,
    form: FormDep,
    db: SessionDep,
    who: Participant,
) -> Response:
    """Save the card and come back to it (the framing verdict shows); errors keep the input."""
    assert who.participant_id is not None
    values = {name: str(form.get(name, "")).strip() for name in PREP_FIELDS}
    content = PrepContent(**values)
    try:
        itinerary.save_prep(db, session_id, who.participant_id, counterpart_id, content)
    except Invalid as error:
        view = itinerary.get_prep(db, session_id, who.participant_id, counterpart_id)
        errors = error_map(error.errors)
        return _render(request, db, session_id, view, values, errors, False, status_code=422)
    return see_other(f"/s/{session_id}/me/prep/{counterpart_id}?saved=1#prep-ask")


def _values(content: PrepContent) -> dict[str, str]:
    return {name: getattr(content, name) for name in PREP_FIELDS}


def _render(
    request: Request,
    db: Any,
    session_id: str,
    view: itinerary.PrepView,
    values: dict[str, str],
    errors: dict[str, str],
    saved: bool,
    *,
    status_code: int = 200,
) -> Response:
    context = {
        "session": sessions.get_session(db, session_id),
        "view": view,
        "values": values,
        "errors": errors,
        "notice": "Prep card saved. Only you can read it." if saved else None,
    }
    return render(request, "prep.html", context, status_code=status_code)
