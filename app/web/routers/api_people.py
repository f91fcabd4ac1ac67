"""JSON API: participants (with CSV import) and capability links."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from starlette.datastructures import UploadFile

from app.domain.errors import FieldError, Invalid
from app.services.links import service as links
from app.services.links.schemas import LinkCreate, LinkPublic
from app.services.live import link_changes
from app.services.people import service as participants
from app.services.people.schemas import (
    ImportReport,
    ParticipantCreate,
    ParticipantInvited,
    ParticipantPublic,
    ParticipantUpdate,
)
from app.services.shared.schemas import RowId
from app.store import repo
from app.store.models import AccessLink
from app.web.deps import Facilitator, KeysDep, SessionDep
from app.web.live_hub import publish_from_thread
from app.web.problems import API_ERRORS

router = APIRouter(
    prefix="/api/v1/sessions/{session_id}", tags=["participants and links"], responses=API_ERRORS
)


@router.get("/participants")
def list_participants(session_id: str, db: SessionDep, who: Facilitator) -> list[ParticipantPublic]:
    """Everyone taking part, by department then name."""
    return list(participants.list_public(db, session_id))


@router.post("/participants", status_code=status.HTTP_201_CREATED)
def add_participant(
    session_id: str, data: ParticipantCreate, db: SessionDep, keys: KeysDep, who: Facilitator
) -> ParticipantInvited:
    """Add a department head with their personal invite link, as the facilitator page does.

    ``link.url`` is the invite to send them; ``POST …/links`` replaces it, ``GET …/links``
    lists it again.
    """
    invited = participants.invite(db, keys, session_id, data)
    person = participants.to_public(invited.participant)
    return ParticipantInvited(**person.model_dump(), link=link_public(keys, invited.link))


@router.get("/participants/{participant_id:int}")
def read_participant(
    session_id: str, participant_id: RowId, db: SessionDep, who: Facilitator
) -> ParticipantPublic:
    """One participant."""
    return participants.to_public(participants.get_participant(db, session_id, participant_id))


@router.patch("/participants/{participant_id:int}")
def update_participant(
    session_id: str,
    participant_id: RowId,
    data: ParticipantUpdate,
    db: SessionDep,
    who: Facilitator,
) -> ParticipantPublic:
    """Correct a participant's details."""
    person = participants.update_participant(db, session_id, participant_id, data)
    return participants.to_public(person)


@router.delete("/participants/{participant_id:int}", status_code=204)
def remove_participant(
    session_id: str, participant_id: RowId, request: Request, db: SessionDep, who: Facilitator
) -> None:
    """Remove a participant; their invite link stops working and their open live views close."""
    publish_from_thread(request, link_changes.remove_participant(db, session_id, participant_id))


async def csv_body(request: Request) -> bytes:
    """The uploaded CSV, read on the event loop (the import itself runs in a worker thread)."""
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data"):
        async with request.form() as form:
            upload = form.get("file")
            if isinstance(upload, UploadFile):
                return await upload.read()
        message = "Attach the CSV file in the field “file”."
        raise Invalid(message, [FieldError("file", message)])
    return await request.body()


@router.post(
    "/participants/import",
    openapi_extra={
        "requestBody": {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
            },
            "required": True,
        }
    },
)
def import_participants(
    session_id: str,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
    content: Annotated[bytes, Depends(csv_body)],
) -> ImportReport:
    """Import a CSV with columns name, email, department[, title].

    Send it as ``text/csv`` or as the ``file`` field of a multipart form. Valid rows are added,
    each with a personal invite link (``GET …/links``), as on the facilitator page; each
    rejected row comes back with its line number and reasons.
    """
    created, rejected = participants.import_csv(db, keys, session_id, content)
    return ImportReport(created=[participants.to_public(p) for p in created], rejected=rejected)


def link_public(keys: links.LinkKeys, link: AccessLink) -> LinkPublic:
    """A link as the facilitator sees it, with its URL while it is active."""
    assert link.id is not None
    return LinkPublic(
        id=link.id,
        role=link.role,
        participant_id=link.participant_id,
        url=links.displayable_url(keys, link),
        created_at=link.created_at,
        revoked_at=link.revoked_at,
        active=link.revoked_at is None,
    )


@router.get("/links")
def list_links(
    session_id: str, db: SessionDep, keys: KeysDep, who: Facilitator
) -> list[LinkPublic]:
    """Every link of the session, active and revoked."""
    return [link_public(keys, link) for link in repo.list_links(db, session_id)]


@router.post("/links", status_code=status.HTTP_201_CREATED)
def issue_link(
    session_id: str,
    data: LinkCreate,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
) -> LinkPublic:
    """Issue a link for a role (and participant); it replaces that target's active link."""
    link, _, events = link_changes.reissue(db, keys, session_id, data.role, data.participant_id)
    publish_from_thread(request, events)
    return link_public(keys, link)


@router.post("/links/{link_id}/revoke")
def revoke_link(
    session_id: str,
    link_id: RowId,
    request: Request,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
) -> LinkPublic:
    """Revoke a link at once."""
    link, events = link_changes.revoke(db, session_id, link_id)
    publish_from_thread(request, events)
    return link_public(keys, link)
