"""The executive summary page: read only, for the executive link and the facilitator."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.domain.series.scorecard import SCORECARD_DEFINITIONS, sparkline
from app.domain.summary.export import PREPARATION_NOTE
from app.services.series.scorecard import scorecard_for
from app.services.summary.service import GROUP_ON_PAGE, GROUP_SHOWN, PRESSING_SHOWN, current_summary
from app.web.deps import Reader, SessionDep
from app.web.forms import render

router = APIRouter(prefix="/s/{session_id}")


@dataclass(frozen=True)
class Download:
    label: str
    href: str
    hint: str


def downloads(session_id: str) -> list[Download]:
    """The summary's exports (the JSON API's file endpoints; the page's cookie opens them)."""
    api = f"/api/v1/sessions/{session_id}/summary"
    return [
        Download("PDF", f"{api}.pdf", "print-ready, with the map"),
        Download("Markdown", f"{api}.md", "for an email or a wiki"),
        Download("CSV (zip)", f"{api}.csv.zip", "figures, items, action items, agenda topics"),
        Download("JSON", f"{api}.json", "everything, documented schema"),
        Download("Calendar (.ics)", f"{api}.ics", "action item due dates"),
    ]


@router.get("/summary")
def summary(session_id: str, request: Request, db: SessionDep, who: Reader) -> Response:
    result = current_summary(db, session_id)
    context = {
        "result": result,
        "svg": result.map_svg(),
        "matrix": result.map_matrix(),
        "role": who.role,
        "downloads": downloads(session_id),
        "pressing_shown": PRESSING_SHOWN,
        "group_shown": GROUP_SHOWN,
        "group_on_page": GROUP_ON_PAGE,
        "preparation_note": PREPARATION_NOTE,
    }
    return render(request, "summary.html", context)


@router.get("/scorecard")
def scorecard(session_id: str, request: Request, db: SessionDep, who: Reader) -> Response:
    """The series scorecard: per department and for the series, readable in ten seconds."""
    card = scorecard_for(db, session_id, who.role)
    api = f"/api/v1/sessions/{session_id}"
    context = {
        "card": card,
        "role": who.role,
        "session_id": session_id,
        "sparkline": sparkline,
        "definitions": SCORECARD_DEFINITIONS,
        "downloads": [
            Download("PDF", f"{api}/scorecard.pdf", "one landscape page"),
            Download("CSV", f"{api}/scorecard.csv", "one row per department"),
        ],
    }
    return render(request, "scorecard.html", context)
