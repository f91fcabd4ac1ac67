"""JSON API: the executive summary and its exports (facilitator and executive links).

Every format renders the same ``SessionSummary`` (``app.services.summary.service``), so the figures
agree everywhere. Downloads carry a ``Content-Disposition`` file name.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.services.series import scorecard, scorecard_files
from app.services.summary import files as summary_files
from app.services.summary.export_schema import SummaryDocument, document
from app.services.summary.pdf import document as summary_pdf
from app.services.summary.service import SessionSummary, current_summary
from app.store.types import utcnow
from app.web.deps import Reader, SessionDep, public_base
from app.web.problems import problem_responses

router = APIRouter(
    prefix="/api/v1/sessions/{session_id}",
    tags=["executive summary"],
    responses=problem_responses(401, 403, 404, 422),
)

CsvTable = Literal["figures", "items", "action_items", "preparation", "agenda_topics"]


def _download(body: str | bytes, media_type: str, name: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _file(media_type: str, description: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": description, "content": {media_type: {}}}}


def _json(data: dict[str, Any], indent: int | None = None) -> bytes:
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    return text.encode("utf-8")


def _summary(db: SessionDep, session_id: str) -> SessionSummary:
    return current_summary(db, session_id)


@router.get("/summary", response_model=SummaryDocument)
def summary_json(session_id: str, db: SessionDep, who: Reader) -> Response:
    """Everything in the executive summary, as JSON (schema: ``SummaryDocument``)."""
    return Response(_json(document(_summary(db, session_id))), media_type="application/json")


@router.get(
    "/summary.json",
    response_model=SummaryDocument,
    responses=_file("application/json", "The same document as a download."),
)
def summary_json_file(session_id: str, db: SessionDep, who: Reader) -> Response:
    """The JSON summary as a file to keep."""
    result = _summary(db, session_id)
    body = _json(document(result), indent=2)
    return _download(body, "application/json", summary_files.filename(result, "json"))


@router.get(
    "/summary.md",
    response_class=Response,
    responses=_file("text/markdown", "GitHub-flavoured Markdown."),
)
def summary_markdown(session_id: str, db: SessionDep, who: Reader) -> Response:
    """The summary as Markdown, for an email or a wiki."""
    result = _summary(db, session_id)
    return _download(
        summary_files.markdown(result),
        "text/markdown; charset=utf-8",
        summary_files.filename(result, "md"),
    )


@router.get(
    "/summary.pdf",
    response_class=Response,
    responses=_file("application/pdf", "A4, print-ready, with the dependency map."),
)
def summary_pdf_file(session_id: str, db: SessionDep, who: Reader) -> Response:
    """The summary as a print-ready PDF with the dependency map."""
    result = _summary(db, session_id)
    return _download(
        summary_pdf.pdf_bytes(result), "application/pdf", summary_files.filename(result, "pdf")
    )


@router.get(
    "/summary.ics",
    response_class=Response,
    responses=_file("text/calendar", "One all-day event per dated action item."),
)
def summary_calendar(session_id: str, request: Request, db: SessionDep, who: Reader) -> Response:
    """Action item due dates as an iCalendar file."""
    result = _summary(db, session_id)
    url = f"{public_base(request)}/s/{session_id}/summary"
    body = summary_files.ics(result, now=utcnow(), summary_url=url)
    return _download(body, "text/calendar; charset=utf-8", summary_files.filename(result, "ics"))


@router.get(
    "/summary.csv.zip",
    response_class=Response,
    responses=_file(
        "application/zip",
        "figures.csv, items.csv, action-items.csv, preparation.csv and agenda-topics.csv.",
    ),
)
def summary_csv_zip(session_id: str, db: SessionDep, who: Reader) -> Response:
    """Every CSV table in one zip."""
    result = _summary(db, session_id)
    return _download(
        summary_files.csv_zip(result), "application/zip", summary_files.filename(result, "zip")
    )


@router.get(
    "/summary/{table}.csv",
    response_class=Response,
    responses=_file("text/csv", "One table, UTF-8 with a byte-order mark."),
)
def summary_csv(session_id: str, table: CsvTable, db: SessionDep, who: Reader) -> Response:
    """One CSV table: ``figures``, ``items``, ``action_items``, ``preparation`` or
    ``agenda_topics``."""
    result = _summary(db, session_id)
    rows = summary_files.csv_tables(result)[table]
    return _download(
        summary_files.csv_text(rows),
        "text/csv; charset=utf-8",
        summary_files.filename(result, "csv", table),
    )


@router.get(
    "/summary/map.svg",
    response_class=Response,
    responses={200: {"description": "The dependency map.", "content": {"image/svg+xml": {}}}},
)
def summary_map(session_id: str, db: SessionDep, who: Reader) -> Response:
    """The dependency map as a standalone SVG image."""
    return Response(_summary(db, session_id).map_svg(), media_type="image/svg+xml")


@router.get(
    "/scorecard.csv",
    response_class=Response,
    responses=_file("text/csv", "The series scorecard: one row per department, then the series."),
)
def scorecard_csv(session_id: str, db: SessionDep, who: Reader) -> Response:
    """The scorecard of the session's series, as the caller may see it, as CSV."""
    card = scorecard.scorecard_for(db, session_id, who.role)
    name = f"scorecard-{card.as_of.isoformat()}.csv"
    return _download(scorecard_files.scorecard_csv(card), "text/csv; charset=utf-8", name)


@router.get(
    "/scorecard.pdf",
    response_class=Response,
    responses=_file("application/pdf", "The series scorecard on one landscape page."),
)
def scorecard_pdf(session_id: str, db: SessionDep, who: Reader) -> Response:
    """The scorecard of the session's series, as the caller may see it, as PDF."""
    card = scorecard.scorecard_for(db, session_id, who.role)
    name = f"scorecard-{card.as_of.isoformat()}.pdf"
    return _download(scorecard_files.scorecard_pdf(card), "application/pdf", name)
