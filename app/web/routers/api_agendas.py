"""JSON API: agendas, the framing check, the dependency preview and invites."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import Field
from sqlmodel import Session

from app.domain.errors import Forbidden
from app.domain.framing.check import FramingResult, check_framing
from app.domain.ics import CalendarEvent, calendar
from app.services.agendas import returns as agenda_returns
from app.services.agendas import service as agendas
from app.services.agendas.schemas import (
    AgendaInput,
    AgendaPublic,
    AgendaRevisionPublic,
    DependencyEdgePublic,
    FramingCheckIn,
    FramingCheckOut,
    FramingReasonPublic,
)
from app.services.links import service as links
from app.services.links.schemas import Principal
from app.services.people import service as participants
from app.services.sessions import service as sessions
from app.services.shared.schemas import RowId, Strict
from app.store import repo
from app.store.types import utcnow
from app.web.deps import AnyRole, Facilitator, KeysDep, SessionDep
from app.web.problems import API_ERRORS

router = APIRouter(prefix="/api/v1", tags=["agendas"], responses=API_ERRORS)
SESSION = "/sessions/{session_id}"


def framing_public(result: FramingResult) -> FramingCheckOut:
    return FramingCheckOut(
        complaint=result.complaint,
        reasons=[
            FramingReasonPublic(
                code=r.code, message=r.message, excerpt=r.excerpt, start=r.start, end=r.end
            )
            for r in result.reasons
        ],
        suggestion=result.suggestion,
    )


def agenda_public(view: agendas.AgendaView) -> AgendaPublic:
    assert view.participant.id is not None
    return AgendaPublic(
        participant_id=view.participant.id,
        name=view.participant.name,
        department=view.participant.department,
        status=view.status.value,
        submitted=view.submitted,
        version=view.version,
        content=view.content.as_dict(),
        framing={k: framing_public(v) for k, v in view.findings.items()},
        closed_reason=view.closed_reason,
        updated_at=view.updated_at,
    )


def check_owner_or_facilitator(who: Principal, participant_id: int) -> None:
    """Participants reach only their own agenda; facilitators reach all; executives none."""
    if who.role == "facilitator":
        return
    if who.role != "participant" or who.participant_id != participant_id:
        raise Forbidden("You can only see and edit your own agenda.")


def check_owner(who: Principal, participant_id: int) -> None:
    if who.role != "participant" or who.participant_id != participant_id:
        raise Forbidden("Only the department head can write their own agenda.")


@router.post("/framing/check", tags=["framing"])
def framing_check(data: FramingCheckIn) -> FramingCheckOut:
    """Does this text read as a complaint? Reasons point at the exact words, with a rewrite."""
    return framing_public(check_framing(data.text, next_step=data.next_step))


@router.get(SESSION + "/agendas")
def list_agendas(session_id: str, db: SessionDep, who: Facilitator) -> list[AgendaPublic]:
    """Every participant's agenda with its status (not started, draft, submitted, flagged)."""
    return [agenda_public(v) for v in agendas.overview(db, session_id)]


@router.get(SESSION + "/agendas/{participant_id}")
def read_agenda(
    session_id: str, participant_id: RowId, db: SessionDep, who: AnyRole
) -> AgendaPublic:
    """One agenda: its owner's or, for the facilitator, anyone's."""
    check_owner_or_facilitator(who, participant_id)
    return agenda_public(agendas.get_view(db, session_id, participant_id))


@router.put(SESSION + "/agendas/{participant_id}/draft")
def save_draft(
    session_id: str, participant_id: RowId, data: AgendaInput, db: SessionDep, who: AnyRole
) -> AgendaPublic:
    """Save a draft (partial is fine); the answer carries live framing warnings."""
    return _save(db, who, session_id, participant_id, data, submit=False)


@router.post(SESSION + "/agendas/{participant_id}/submit")
def submit_agenda(
    session_id: str, participant_id: RowId, data: AgendaInput, db: SessionDep, who: AnyRole
) -> AgendaPublic:
    """Submit the complete agenda; it can be edited again until agendas close."""
    return _save(db, who, session_id, participant_id, data, submit=True)


def _save(
    db: Session,
    who: Principal,
    session_id: str,
    participant_id: int,
    data: AgendaInput,
    *,
    submit: bool,
) -> AgendaPublic:
    check_owner(who, participant_id)
    view = agendas.save(
        db,
        session_id,
        participant_id,
        agendas.content_of(data),
        submit=submit,
        author=agendas.author_label(db, who),
        base_version=data.version,
    )
    return agenda_public(view)


@router.get(SESSION + "/agendas/{participant_id}/revisions")
def agenda_revisions(
    session_id: str, participant_id: RowId, db: SessionDep, who: AnyRole
) -> list[AgendaRevisionPublic]:
    """Who changed the agenda, when, and to what (newest first)."""
    check_owner_or_facilitator(who, participant_id)
    return [
        AgendaRevisionPublic(
            version=r.version, action=r.action, author=r.author, at=r.at, content=r.content
        )
        for r in agendas.revisions(db, session_id, participant_id)
    ]


class AgendaReturnIn(Strict):
    """Why the agenda goes back to its author: what to change."""

    note: str = Field(max_length=2000, description="What to change, for the department head.")


class AgendaReturnedOut(AgendaPublic):
    returned_note: str = Field(description="The note the department head sees.")


@router.post(SESSION + "/agendas/{participant_id}/return")
def return_agenda(
    session_id: str, participant_id: RowId, data: AgendaReturnIn, db: SessionDep, who: Facilitator
) -> AgendaReturnedOut:
    """Send a submitted agenda back with a note (before the session): it becomes a draft again,
    the head sees the note, revises and resubmits; the history keeps the exchange."""
    returned = agenda_returns.return_agenda(db, session_id, participant_id, data.note)
    view = agendas.get_view(db, session_id, participant_id)
    return AgendaReturnedOut(**agenda_public(view).model_dump(), returned_note=returned.note)


@router.get(SESSION + "/agenda-preview")
def agenda_preview(session_id: str, db: SessionDep, who: Facilitator) -> list[DependencyEdgePublic]:
    """Which departments point their butterfly-effect issues at which, busiest first."""
    edges = agendas.preview(agendas.overview(db, session_id))
    return [DependencyEdgePublic(source=e.source, target=e.target, count=e.count) for e in edges]


@router.get(
    SESSION + "/participants/{participant_id}/invite.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}}},
)
def invite_ics(
    session_id: str, participant_id: RowId, db: SessionDep, keys: KeysDep, who: Facilitator
) -> Response:
    """A calendar invite for one participant, carrying their personal link."""
    session = sessions.get_session(db, session_id)
    person = participants.get_participant(db, session_id, participant_id)
    active = repo.list_active_links_for(db, session_id, "participant", participant_id)
    url = links.displayable_url(keys, active[0]) if active else None
    description = (
        f"Hi {person.name}, you are invited to {session.title}. Please submit your three-topic "
        "agenda beforehand: what your team does, your most pressing issue, and your biggest "
        "butterfly-effect issue."
        + (f"\n\nYour personal link (do not forward): {url}" if url else "")
    )
    body = calendar(
        [
            CalendarEvent(
                uid=f"{session.id}-{participant_id}@roundtable",
                start=session.starts_at,
                duration=timedelta(hours=2),
                summary=session.title,
                description=description,
                url=url or "",
            )
        ],
        now=utcnow(),
        name=session.title,
    )
    filename = f"roundtable-{session.id}-{participant_id}.ics"
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
