"""Itinerary pages: my rounds and counterparts (printable), and a prep card per counterpart."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.domain.errors import FieldError, Invalid
from app.domain.prep.cards import PREP_FIELDS, PrepContent
from app.services.actions import follow_ups
from app.services.plans import itinerary
from app.services.sessions import service as sessions
from app.store import repo
from app.web import qr
from app.web.deps import Facilitator, FormDep, Participant, SessionDep, public_base
from app.web.forms import error_map, render, see_other
from app.web.live_hub import publish_from_thread

router = APIRouter(prefix="/s/{session_id}")
# htmx fragments polled by pages (not pages themselves: no full document to check on its own).
fragments = APIRouter(prefix="/s/{session_id}", include_in_schema=False)


@router.get("/me/itinerary")
def my_itinerary(session_id: str, request: Request, db: SessionDep, who: Participant) -> Response:
    """Every round: when, which table, with whom, their agenda and my prep status."""
    assert who.participant_id is not None
    return _itinerary(request, db, session_id, who.participant_id)


@fragments.get("/me/itinerary/changes")
def itinerary_changes(
    session_id: str, request: Request, db: SessionDep, who: Participant, since: int = 0
) -> Response:
    """htmx poll from the itinerary page: what a re-plan or swap changed since it was loaded."""
    assert who.participant_id is not None
    version, changed = itinerary.changes_since(db, session_id, who.participant_id, since)
    context = {"session": sessions.get_session(db, session_id), "since": since}
    context |= {"version": version, "changed": changed}
    return render(request, "partials/itinerary_watch.html", context)


@router.post("/me/follow-ups/{counterpart_id}")
def save_follow_up(
    session_id: str,
    counterpart_id: int,
    request: Request,
    form: FormDep,
    db: SessionDep,
    who: Participant,
) -> Response:
    """Save "what did you agree?"; errors come back next to the fields, input kept."""
    assert who.participant_id is not None
    raw = {name: str(form.get(name, "")).strip() for name in FOLLOW_UP_FIELDS}
    try:
        data = follow_ups.FollowUpInput(
            raw["text"],
            raw["share"] or "private",
            _number(raw["owner_id"], "owner_id"),
            _day(raw["due"]),
            _number(raw["round_no"], "round_no"),
        )
        _, event = follow_ups.save(db, session_id, who.participant_id, counterpart_id, data)
    except Invalid as error:
        errors = {counterpart_id: error_map(error.errors)}
        return _itinerary(
            request, db, session_id, who.participant_id, {counterpart_id: raw}, errors, 422
        )
    publish_from_thread(request, [event])
    anchor = f"#round-{data.round_no}" if data.round_no else ""
    return see_other(f"/s/{session_id}/me/itinerary{anchor}")


FOLLOW_UP_FIELDS = ("text", "share", "owner_id", "due", "round_no")


def _number(value: str, field: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise Invalid("Not a number.", [FieldError(field, "Choose from the list.")])
    return int(value)


def _day(value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        message = "Give a date as YYYY-MM-DD."
        raise Invalid(message, [FieldError("due", message)]) from None


def _itinerary(
    request: Request,
    db: Any,
    session_id: str,
    participant_id: int,
    values: dict[int, dict[str, str]] | None = None,
    errors: dict[int, dict[str, str]] | None = None,
    status_code: int = 200,
) -> Response:
    view = itinerary.itinerary(db, session_id, participant_id, mark_seen=True)
    saved = {f.counterpart_id: f for f in follow_ups.mine(db, session_id, participant_id)}
    context = {
        "session": sessions.get_session(db, session_id),
        "view": view,
        "me": view.participant,
        "follow_ups": saved,
        "fu_values": values or {},
        "fu_errors": errors or {},
    }
    url = qr.join_url(public_base(request), session_id)
    context["join"] = {"url": url, "short": qr.short_form(url), "svg": qr.qr_svg(url)}
    return render(request, "itinerary.html", context, status_code=status_code)


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


@router.get("/facilitate/follow-ups")
def facilitator_follow_ups(
    session_id: str, request: Request, db: SessionDep, who: Facilitator
) -> Response:
    """Prep coverage (counts only) and follow-ups proposed as action items, to confirm."""
    prepared, planned = itinerary.coverage(db, session_id)
    names = {p.id: p for p in repo.list_participants(db, session_id)}
    context = {
        "session": sessions.get_session(db, session_id),
        "prepared": prepared,
        "planned": planned,
        "proposed": follow_ups.proposed(db, session_id),
        "agreed": sorted(follow_ups.agreed_counts(db, session_id).items()),
        "names": names,
        "notice": "Confirmed: it is now an action item."
        if request.query_params.get("ok")
        else None,
    }
    return render(request, "follow_ups.html", context)


@router.post("/facilitate/follow-ups/{follow_up_id}/accept")
def accept_follow_up(
    session_id: str, follow_up_id: int, request: Request, db: SessionDep, who: Facilitator
) -> Response:
    """Confirm a proposed follow-up as an action item."""
    _, event = follow_ups.accept(db, session_id, follow_up_id)
    publish_from_thread(request, [event])
    return see_other(f"/s/{session_id}/facilitate/follow-ups?ok=1")
