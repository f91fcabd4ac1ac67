"""JSON API: the series a session belongs to — join, start, rename, leave, read its overview."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response, status
from pydantic import BaseModel, Field
from sqlmodel import Session

from app.domain.summary.model import FollowThrough
from app.services.links.schemas import Principal
from app.services.links.service import LinkKeys
from app.services.series import overview as series_overview
from app.services.sessions import series as series_service
from app.services.shared.schemas import Strict
from app.web.deps import Facilitator, KeysDep, Reader, SessionDep
from app.web.problems import API_ERRORS

router = APIRouter(
    prefix="/api/v1/sessions/{session_id}/series", tags=["series"], responses=API_ERRORS
)


class SeriesChoice(Strict):
    """Start a new series (``title``) or join an existing one (``key``), not both."""

    title: str | None = Field(default=None, max_length=300)
    key: str | None = Field(default=None, max_length=200)


class SeriesRename(Strict):
    title: str = Field(max_length=300)


class SeriesInfo(BaseModel):
    id: str
    title: str
    key: str | None = Field(
        description="Joins a session to this series. Facilitators only; null for executives, "
        "or when it was made under another server key (replace it)."
    )


class ActionCountsPublic(BaseModel):
    open: int
    in_progress: int
    done: int
    blocked: int
    overdue: int


class SeriesSessionPublic(BaseModel):
    id: str
    title: str
    starts_at: datetime
    timezone: str
    current: bool = Field(description="The session this overview was asked from.")
    actions: ActionCountsPublic
    follow_through: FollowThrough | None = Field(
        description="Against the session before it: its action items done / still open / "
        "overdue, recurring items, department pairs whose friction rose or fell."
    )


class SeriesOverviewPublic(BaseModel):
    series: SeriesInfo | None
    sessions: list[SeriesSessionPublic]


def overview_public(
    db: Session, keys: LinkKeys, session_id: str, who: Principal
) -> SeriesOverviewPublic:
    view = series_overview.overview(db, session_id, who.role)
    if view.series is None:
        return SeriesOverviewPublic(series=None, sessions=[])
    key = series_service.series_key(keys, view.series) if who.role == "facilitator" else None
    return SeriesOverviewPublic(
        series=SeriesInfo(id=view.series.id, title=view.series.title, key=key),
        sessions=[
            SeriesSessionPublic(
                id=e.session.id,
                title=e.session.title,
                starts_at=e.session.starts_at,
                timezone=e.session.timezone,
                current=e.current,
                actions=ActionCountsPublic(**vars(e.actions)),
                follow_through=e.follow,
            )
            for e in view.entries
        ],
    )


@router.get("")
def read_series(
    session_id: str, db: SessionDep, keys: KeysDep, who: Reader
) -> SeriesOverviewPublic:
    """The session's series in date order with headline follow-through (``series`` null when
    none). Executives see this session and the earlier ones only."""
    return overview_public(db, keys, session_id, who)


@router.put("")
def set_series(
    session_id: str, data: SeriesChoice, db: SessionDep, keys: KeysDep, who: Facilitator
) -> SeriesOverviewPublic:
    """Start a new series named ``title`` or join the one ``key`` opens (leaving any other)."""
    series_service.start_or_join(db, keys, session_id, title=data.title, key=data.key)
    return overview_public(db, keys, session_id, who)


@router.patch("")
def rename_series(
    session_id: str, data: SeriesRename, db: SessionDep, keys: KeysDep, who: Facilitator
) -> SeriesOverviewPublic:
    """Rename the series (every session in it shows the new name)."""
    series_service.rename(db, session_id, data.title)
    return overview_public(db, keys, session_id, who)


@router.delete("", status_code=status.HTTP_204_NO_CONTENT)
def leave_series(session_id: str, db: SessionDep, who: Facilitator) -> Response:
    """Take this session out of its series."""
    series_service.leave(db, session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/key")
def replace_key(
    session_id: str, db: SessionDep, keys: KeysDep, who: Facilitator
) -> SeriesOverviewPublic:
    """Issue a new series key; the old one no longer joins anything."""
    series_service.replace_key(db, keys, session_id)
    return overview_public(db, keys, session_id, who)
