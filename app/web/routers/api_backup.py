"""JSON API: back up a whole session, and restore a backup (format in docs/backup.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Query, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.services.backup import service as backup
from app.store.types import utcnow
from app.web.deps import Facilitator, KeysDep, SessionDep, SettingsDep
from app.web.problems import API_ERRORS
from app.web.routers.api_sessions import check_organizer_key

router = APIRouter(prefix="/api/v1/sessions", tags=["backup"], responses=API_ERRORS)


class IssuedLinkPublic(BaseModel):
    role: str
    participant_id: int | None
    name: str
    url: str


class RestoreReport(BaseModel):
    session_id: str
    title: str
    rows: dict[str, int] = Field(description="Rows restored per table.")
    series: str | None = Field(description="The series the session rejoined, if any.")
    facilitator_url: str | None = Field(
        description="The restored facilitator link; null when the backup was made under "
        "another secret key (import with new_links=true then)."
    )
    new_links: list[IssuedLinkPublic] = Field(
        description="With new_links=true: every active link re-issued (the old ones stop)."
    )


@router.get(
    "/{session_id}/backup",
    response_class=JSONResponse,
    responses={200: {"description": "The session backup document (docs/backup.md)."}},
)
def export_backup(session_id: str, db: SessionDep, who: Facilitator) -> JSONResponse:
    """Download the whole session as JSON: session, goals, participants, links (hashes only,
    never tokens), agendas and revisions, plans, clock controls, live events, the board."""
    document = backup.export_session(db, session_id)
    name = f"roundtable-{session_id}-{utcnow():%Y%m%d-%H%M}.json"
    return JSONResponse(document, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.post("/import", status_code=status.HTTP_201_CREATED)
def import_backup(
    document: Annotated[dict[str, Any], Body(description="A session backup document.")],
    db: SessionDep,
    keys: KeysDep,
    settings: SettingsDep,
    new_links: Annotated[
        bool, Query(description="Issue new tokens for every active link instead of keeping them.")
    ] = False,
    x_organizer_key: Annotated[str | None, Header()] = None,
) -> RestoreReport:
    """Restore a backup into this database (which must not hold its ids yet). Guarded by the
    organizer key like session creation. Links keep working unless ``new_links``."""
    check_organizer_key(settings, x_organizer_key)
    result = backup.import_session(db, document, keys=keys, new_links=new_links)
    return RestoreReport(
        session_id=result.session_id,
        title=result.title,
        rows=result.rows,
        series=result.series,
        facilitator_url=result.facilitator_url,
        new_links=[IssuedLinkPublic(**vars(link)) for link in result.new_links],
    )
