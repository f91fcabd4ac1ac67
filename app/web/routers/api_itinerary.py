"""JSON API: my itinerary (also as iCalendar) and my private prep cards; prep coverage.

Every ``/me`` route acts for the participant whose link is presented, so nobody can name
someone else's card. The facilitator's ``prep-coverage`` carries counts only, never text.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from app.domain.ics import CalendarEvent, calendar
from app.domain.prep.cards import PrepContent
from app.services.actions import follow_ups
from app.services.agendas.schemas import FramingCheckOut
from app.services.plans import itinerary as service
from app.services.sessions import service as sessions
from app.services.shared.schemas import RowId
from app.store.models import FollowUp
from app.store.types import utcnow
from app.web.deps import Facilitator, Participant, Reader, SessionDep
from app.web.live_hub import publish_from_thread
from app.web.problems import API_ERRORS
from app.web.routers.api_agendas import framing_public

router = APIRouter(prefix="/api/v1/sessions/{session_id}", tags=["itinerary"], responses=API_ERRORS)


class CounterpartPublic(BaseModel):
    id: int
    name: str
    department: str
    agenda: dict[str, Any]
    prepared: bool


class StopPublic(BaseModel):
    round: int
    starts_at: datetime
    minutes: int
    table: str | None
    counterparts: list[CounterpartPublic]


class ItineraryPublic(BaseModel):
    participant_id: int
    name: str
    plan_version: int | None
    changed: list[str]
    rounds: list[StopPublic]


class PrepIn(BaseModel):
    for_them: str = Field(default="", max_length=1000)
    my_ask: str = Field(default="", max_length=600)
    my_offer: str = Field(default="", max_length=600)


class PrepPublic(BaseModel):
    counterpart: CounterpartPublic
    for_them: str
    my_ask: str
    my_offer: str
    ask_framing: FramingCheckOut | None
    suggestions: list[str]
    updated_at: datetime | None


class CoveragePublic(BaseModel):
    prepared: int
    planned: int


def counterpart_public(c: service.Counterpart) -> CounterpartPublic:
    return CounterpartPublic(
        id=c.id, name=c.name, department=c.department, agenda=c.agenda, prepared=c.prepared
    )


def itinerary_public(view: service.Itinerary) -> ItineraryPublic:
    assert view.participant.id is not None
    return ItineraryPublic(
        participant_id=view.participant.id,
        name=view.participant.name,
        plan_version=view.plan_version,
        changed=view.changed,
        rounds=[
            StopPublic(
                round=s.round,
                starts_at=s.starts_at,
                minutes=s.seconds // 60,
                table=s.table,
                counterparts=[counterpart_public(view.people[c]) for c in s.counterparts],
            )
            for s in view.stops
        ],
    )


def prep_public(view: service.PrepView) -> PrepPublic:
    return PrepPublic(
        counterpart=counterpart_public(view.counterpart),
        for_them=view.content.for_them,
        my_ask=view.content.my_ask,
        my_offer=view.content.my_offer,
        ask_framing=framing_public(view.ask_framing) if view.ask_framing else None,
        suggestions=view.suggestions,
        updated_at=view.updated_at,
    )


@router.get("/me/itinerary")
def my_itinerary(session_id: str, db: SessionDep, who: Participant) -> ItineraryPublic:
    """Every round of the plan in force: time, table, counterparts and their agendas, and what
    changed since I last looked (which this request then records as seen)."""
    assert who.participant_id is not None
    return itinerary_public(service.itinerary(db, session_id, who.participant_id, mark_seen=True))


@router.get(
    "/me/itinerary.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def my_itinerary_ics(session_id: str, db: SessionDep, who: Participant) -> Response:
    """My rounds as calendar events (one per round I sit at a table)."""
    assert who.participant_id is not None
    session = sessions.get_session(db, session_id)
    view = service.itinerary(db, session_id, who.participant_id, mark_seen=False)
    events = [
        CalendarEvent(
            uid=f"{session.id}-{who.participant_id}-r{s.round}@roundtable",
            start=s.starts_at,
            duration=timedelta(seconds=max(60, s.seconds)),
            summary=f"Round {s.round}, {s.table}: "
            + ", ".join(
                f"{view.people[c].name} ({view.people[c].department})" for c in s.counterparts
            ),
            description=session.title,
        )
        for s in view.stops
        if s.table is not None
    ]
    body = calendar(events, now=utcnow(), name=f"{session.title} — my itinerary")
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="itinerary-{session.id}.ics"'},
    )


@router.get("/me/prep")
def my_prep_cards(session_id: str, db: SessionDep, who: Participant) -> list[PrepPublic]:
    """All my prep cards."""
    assert who.participant_id is not None
    return [
        prep_public(service.get_prep(db, session_id, who.participant_id, c.counterpart_id))
        for c in service.list_prep(db, session_id, who.participant_id)
    ]


@router.get("/me/prep/{counterpart_id}")
def my_prep_card(
    session_id: str, counterpart_id: RowId, db: SessionDep, who: Participant
) -> PrepPublic:
    """My card for one counterpart (blank until written), with suggestions to fill it in."""
    assert who.participant_id is not None
    return prep_public(service.get_prep(db, session_id, who.participant_id, counterpart_id))


@router.put("/me/prep/{counterpart_id}")
def save_my_prep_card(
    session_id: str, counterpart_id: RowId, data: PrepIn, db: SessionDep, who: Participant
) -> PrepPublic:
    """Save my card; a complaint-style ask is stored and flagged with reasons in ``ask_framing``."""
    assert who.participant_id is not None
    content = PrepContent(data.for_them.strip(), data.my_ask.strip(), data.my_offer.strip())
    view = service.save_prep(db, session_id, who.participant_id, counterpart_id, content)
    return prep_public(view)


@router.get("/prep-coverage")
def prep_coverage(session_id: str, db: SessionDep, who: Facilitator) -> CoveragePublic:
    """How many planned meetings (per person, per counterpart) are prepared — never the text."""
    prepared, planned = service.coverage(db, session_id)
    return CoveragePublic(prepared=prepared, planned=planned)


class FollowUpIn(BaseModel):
    text: str = Field(max_length=2000)
    share: str = Field(default="private", description="private, board or proposed")
    owner_id: int | None = None
    due: date | None = None
    round_no: int | None = Field(default=None, ge=1)


class FollowUpPublic(BaseModel):
    id: int
    author_id: int
    counterpart_id: int
    round_no: int | None
    text: str
    owner_id: int | None
    due: date | None
    share: str
    board_item_id: str | None
    action_id: str | None


class AgreedPublic(BaseModel):
    round: int | None
    agreed: int


def follow_up_public(row: FollowUp) -> FollowUpPublic:
    assert row.id is not None
    return FollowUpPublic.model_validate(row, from_attributes=True)


@router.get("/me/follow-ups")
def my_follow_ups(session_id: str, db: SessionDep, who: Participant) -> list[FollowUpPublic]:
    """My follow-ups, private ones included (nobody else reads a private one)."""
    assert who.participant_id is not None
    return [follow_up_public(r) for r in follow_ups.mine(db, session_id, who.participant_id)]


@router.put("/me/follow-ups/{counterpart_id}")
def save_my_follow_up(
    session_id: str,
    counterpart_id: RowId,
    data: FollowUpIn,
    request: Request,
    db: SessionDep,
    who: Participant,
) -> FollowUpPublic:
    """What I agreed with a counterpart: keep it private, send it to the board, or propose it
    as an action item for the facilitator to confirm."""
    assert who.participant_id is not None
    values = follow_ups.FollowUpInput(data.text, data.share, data.owner_id, data.due, data.round_no)
    row, event = follow_ups.save(db, session_id, who.participant_id, counterpart_id, values)
    publish_from_thread(request, [event])
    return follow_up_public(row)


@router.get("/follow-ups/proposed")
def proposed_follow_ups(session_id: str, db: SessionDep, who: Facilitator) -> list[FollowUpPublic]:
    """Follow-ups proposed as action items, waiting for confirmation (never private ones)."""
    return [follow_up_public(r) for r in follow_ups.proposed(db, session_id)]


@router.post("/follow-ups/{follow_up_id}/accept")
def accept_follow_up(
    session_id: str, follow_up_id: RowId, request: Request, db: SessionDep, who: Facilitator
) -> FollowUpPublic:
    """Confirm a proposal: it becomes a board item and an action item (owner, due date)."""
    row, event = follow_ups.accept(db, session_id, follow_up_id)
    publish_from_thread(request, [event])
    return follow_up_public(row)


@router.get("/follow-ups/agreed")
def agreed_next_steps(session_id: str, db: SessionDep, who: Reader) -> list[AgreedPublic]:
    """How many meetings ended with an agreed next step, per round; counts, never text."""
    counts = follow_ups.agreed_counts(db, session_id)
    return [AgreedPublic(round=r or None, agreed=n) for r, n in sorted(counts.items())]


class RoundPreparationPublic(BaseModel):
    round: int
    meetings_planned: int
    meetings_prepared: int
    agreed_next_steps: int


@router.get("/summary/preparation")
def preparation_summary(
    session_id: str, db: SessionDep, who: Reader
) -> list[RoundPreparationPublic]:
    """Per round: meetings prepared and meetings that ended with an agreed next step (counts)."""
    agreed = follow_ups.agreed_counts(db, session_id)
    return [
        RoundPreparationPublic(
            round=number,
            meetings_planned=planned,
            meetings_prepared=prepared,
            agreed_next_steps=agreed.get(number, 0),
        )
        for number, prepared, planned in service.coverage_by_round(db, session_id)
    ]
