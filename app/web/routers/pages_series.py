"""The series page: the sessions of a series with headline follow-through, and its settings."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from app.domain.errors import Invalid, NotFound
from app.domain.series.review_rhythm import CADENCES, review_ics
from app.services.links.schemas import Principal
from app.services.links.service import LinkKeys
from app.services.series import overview as series_overview
from app.services.sessions import series as series_service
from app.services.sessions import service as sessions
from app.store.types import utcnow
from app.web.deps import Facilitator, FormDep, KeysDep, Reader, SessionDep
from app.web.forms import error_map, render, see_other

router = APIRouter(prefix="/s/{session_id}/series")

PAGE = "series.html"


def page_context(db: Session, keys: LinkKeys, session_id: str, who: Principal) -> dict[str, Any]:
    """The series as ``who`` may see it (executives: this session and earlier ones only)."""
    view = series_overview.overview(db, session_id, who.role)
    facilitator = who.role == "facilitator"
    key = series_service.series_key(keys, view.series) if facilitator and view.series else None
    return {
        "session": sessions.get_session(db, session_id),
        "overview": view,
        "review": series_service.review_due(db, session_id),
        "cadences": CADENCES,
        "is_facilitator": facilitator,
        "series_key": key,
        "errors": {},
        "values": {},
        "notice": None,
    }


@router.get("")
def series_page(
    session_id: str, request: Request, db: SessionDep, keys: KeysDep, who: Reader
) -> Response:
    """Every visible session of the series in date order, each with its follow-through."""
    context = page_context(db, keys, session_id, who)
    context["notice"] = NOTICES.get(request.query_params.get("done", ""))
    return render(request, PAGE, context)


NOTICES = {
    "start": "Series started. Give its key to the facilitator of the next session.",
    "join": "This session is now part of the series.",
    "rename": "Series renamed.",
    "leave": "This session left the series.",
    "new_key": "New series key issued; the old one no longer works.",
    "cadence": "Review cadence saved.",
}


@router.post("")
def set_series(
    session_id: str,
    request: Request,
    form: FormDep,
    db: SessionDep,
    keys: KeysDep,
    who: Facilitator,
) -> Response:
    """Start, join, rename or leave the series, or replace its key (``do`` says which).

    Plain forms: redirect after success; on an error the page again, the error beside the
    field and the input kept.
    """
    values = {name: str(form.get(name, "")) for name in ("do", "title", "key")}
    do = values["do"]
    try:
        if do == "join":
            series_service.join(db, session_id, series_service.find_by_key(db, values["key"]))
        elif do == "start":
            series_service.join(
                db, session_id, series_service.create_series(db, keys, values["title"])
            )
        elif do == "rename":
            series_service.rename(db, session_id, values["title"])
        elif do == "leave":
            series_service.leave(db, session_id)
        elif do == "new_key":
            series_service.replace_key(db, keys, session_id)
        elif do == "cadence":
            series_service.set_cadence(db, session_id, str(form.get("cadence", "")))
        else:
            raise Invalid("Unknown series action.")
    except Invalid as error:
        db.rollback()
        context = page_context(db, keys, session_id, who)
        errors = error_map(error.errors) if error.errors else {"form": error.detail}
        context.update(errors={do: errors}, values={do: values})
        return render(request, PAGE, context, status_code=422)
    return see_other(f"/s/{session_id}/series?done={do}#series-settings")


@router.get("/review.ics")
def review_calendar(session_id: str, db: SessionDep, keys: KeysDep, who: Reader) -> Response:
    """The series' next review as a calendar event (all day, on the day it is due).

    Raises:
        NotFound: the session has no series, or the series no session.
    """
    due = series_service.review_due(db, session_id)
    group = series_service.require_series(db, session_id)
    if due is None:
        raise NotFound("This series has no session yet, so no review is due.")
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    body = review_ics(
        group.title,
        due,
        uid=f"{group.id}-review-{due.due.isoformat()}@roundtable",
        stamp=stamp,
        url=f"{keys.base_url.rstrip('/')}/s/{session_id}/series",
    )
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="next-review.ics"'},
    )
