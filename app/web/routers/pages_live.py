"""The live views: the facilitator's console, a participant's phone view, the big screen.

Each page is rendered whole with every round's assignments (hidden until their round comes)
and a snapshot of the clock; ``static/live/`` keeps the clock running locally from absolute
deadlines and follows the session's websocket for changes.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from app.domain.board.engine import FACILITATOR, SetModeration
from app.domain.errors import Invalid, NotFound
from app.services.agendas import service as agendas
from app.services.board import payloads as board_payloads
from app.services.board import service as board_service
from app.services.console import screen
from app.services.live import service as live
from app.services.plans import itinerary
from app.services.plans import service as plans
from app.services.sessions import service as sessions
from app.store import repo
from app.store.models import Participant as Person
from app.store.types import utcnow
from app.web import qr
from app.web.bounds import field_bounds
from app.web.deps import (
    Facilitator,
    FormDep,
    KeysDep,
    Participant,
    Reader,
    SessionDep,
    public_base,
)
from app.web.facilitator_page import respond
from app.web.forms import render, see_other
from app.web.live_first_paint import first_paint, screen_paint, speaker_note
from app.web.live_hub import publish_from_thread
from app.web.routers.api_live import ControlInput
from app.web.routers.pages_plan import plan_view

router = APIRouter(prefix="/s/{session_id}")


def live_context(db: Session, session_id: str, viewer: str | None = None) -> dict[str, Any]:
    """What every live view shows: the session, goals, rounds with names, the clock, and the
    board as ``viewer`` may see it (``FACILITATOR``, a participant's id, None: the room)."""
    people = {str(p.id): p for p in repo.list_participants(db, session_id)}
    rounds = plan_view(plans.current_plan(db, session_id), people)
    snapshot = live.snapshot(db, session_id).model_dump()
    view = "console" if viewer == FACILITATOR else "screen" if viewer is None else "participant"
    return {
        "session": sessions.get_session(db, session_id),
        "goals": repo.list_goals(db, session_id),
        "rounds": rounds,
        "live": snapshot,
        # The clock as static/live/ will show it, so the first paint already has it (no shift).
        "paint": first_paint(snapshot, len(rounds), view),
        "board": board_payloads.board_data(board_service.load(db, session_id), viewer),
    }


def my_rounds(
    db: Session, session_id: str, me: int, rounds: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Per round: my table, the people with me (speaker order kept) and their agendas."""
    views: dict[int, Any] = {}
    mine = []
    for r in rounds:
        entry: dict[str, Any] = {"number": r["number"], "table": None, "members": [], "others": []}
        for group in r["groups"]:
            members: list[Person | None] = group["people"]
            if not any(p is not None and p.id == me for p in members):
                continue
            entry["table"] = group["table"]
            entry["members"] = members
            for person in members:
                if person is None or person.id is None or person.id == me:
                    continue
                if person.id not in views:
                    views[person.id] = _agenda_or_none(db, session_id, person.id)
                entry["others"].append({"person": person, "view": views[person.id]})
        mine.append(entry)
    return mine


def _agenda_or_none(db: Session, session_id: str, participant_id: int) -> Any:
    try:
        return agendas.get_view(db, session_id, participant_id)
    except NotFound:
        return None


@router.get("/console")
def console(session_id: str, request: Request, db: SessionDep, who: Facilitator) -> Response:
    """The facilitator's live console: the clock, one-click controls, this round's tables."""
    context = live_context(db, session_id, FACILITATOR)
    context["people"] = repo.list_participants(db, session_id)
    context["notice"] = request.query_params.get("attendance")
    context["screen"] = screen.current(db, session_id).model_dump()
    # The custom extend's bounds: the API model's, from 1 (extending by nothing is no extend).
    seconds = field_bounds(ControlInput, "seconds")
    context["extend_bounds"] = {"min": max(1, seconds.get("min", 1)), "max": seconds["max"]}
    return render(request, "live_console.html", context)


@router.post("/console/attendance/{participant_id}")
def mark_attendance(
    session_id: str,
    participant_id: int,
    request: Request,
    form: FormDep,
    db: SessionDep,
    who: Facilitator,
) -> Response:
    """Mark someone arrived or absent; the rounds not yet started are re-planned."""
    status = str(form.get("status", ""))
    events = live.set_attendance(db, session_id, participant_id, status, actor="facilitator")
    publish_from_thread(request, events)
    replanned = any(e.type == "plan" for e in events)
    note = "Re-planned the rounds not yet started." if replanned else "Attendance saved."
    return see_other(f"/s/{session_id}/console?{urlencode({'attendance': note})}#attendance")


@router.get("/live")
def participant_live(
    session_id: str, request: Request, db: SessionDep, who: Participant
) -> Response:
    """A department head's live view: where to sit, with whom, their agenda, the clock."""
    assert who.participant_id is not None
    context = live_context(db, session_id, str(who.participant_id))
    me = repo.get_participant(db, session_id, who.participant_id)
    if me is None:
        raise NotFound("You are no longer on this session's list.")
    context["me"] = me
    board = board_service.load(db, session_id)  # the votes of the capture board's "me"
    context["board"]["my_votes"] = board_payloads.my_votes(board, str(me.id))
    context["mine"] = my_rounds(db, session_id, who.participant_id, context["rounds"])
    context["speaker_note"] = speaker_note(context["paint"], context["mine"], who.participant_id)
    context["others"] = [
        p for p in repo.list_participants(db, session_id) if p.id != who.participant_id
    ]
    cards = itinerary.list_prep(db, session_id, who.participant_id)
    context["my_prep"] = {c.counterpart_id: c for c in cards}
    return render(request, "live_participant.html", context)


@router.get("/screen")
def big_screen(session_id: str, request: Request, db: SessionDep, who: Reader) -> Response:
    """The room's big screen: a huge clock, the round, every table, rules and goals."""
    context = live_context(db, session_id)
    context["people"] = repo.list_participants(db, session_id)  # action items name owners
    context["screen"] = screen.current(db, session_id).model_dump()
    context["closing"] = screen.closing_figures(db, session_id)
    mode = str(context["screen"].get("mode") or "clock")
    context["scene"] = screen_paint(context["live"], context["paint"], mode, len(context["rounds"]))
    url = qr.join_url(public_base(request), session_id)
    context["join"] = {"url": url, "short": qr.short_form(url), "svg": qr.qr_svg(url)}
    return render(request, "live_screen.html", context)


@router.post("/facilitate/moderation")
def set_moderation(
    session_id: str,
    request: Request,
    form: FormDep,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
) -> Response:
    """The capture board's moderation mode and anonymity, from the facilitator page."""
    values = {
        "moderation": str(form.get("moderation", "")),
        "anonymous": str(form.get("anonymous", "")),
    }
    command = SetModeration(
        id=uuid.uuid4().hex,
        by=FACILITATOR,
        at=utcnow(),
        mode=values["moderation"],
        anonymous=values["anonymous"] == "on",
    )
    try:
        _board, event = board_service.execute(db, session_id, command)
    except Invalid as error:
        errors = {"moderation": " ".join(e.message for e in error.errors) or error.detail}
        return respond(request, db, keys, session_id, "moderation", errors=errors, values=values)
    publish_from_thread(request, [event])
    return respond(request, db, keys, session_id, "moderation", notice="Moderation saved.")
