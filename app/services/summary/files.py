"""The executive summary as files: Markdown, CSV tables (alone or zipped), and an .ics calendar.

CSV: five tables, each also on its own — ``figures`` (the headline figures with their
definitions), ``items`` (captured board items, most voted first, with their source),
``action_items`` (who does what by when), ``preparation`` (per round: meetings planned,
prepared, and ended with an agreed next step; counts only) and ``agenda_topics`` (every
submitted agenda's three topics) — and all five in one zip. UTF-8 with a byte-order mark, so
spreadsheets show accents right; cells a spreadsheet would run as a formula are defused with a
leading quote.

Calendar: one all-day event per action item with a due date, on that date.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime, timedelta

from app.domain.csv_cells import csv_text as write_csv
from app.domain.csv_cells import defuse
from app.domain.ics import escape_text, fold
from app.domain.summary.build import summary_to_csv_rows, summary_to_markdown
from app.domain.summary.model import ActionLine
from app.services.summary.service import SessionSummary

CSV_TABLES = ("figures", "items", "action_items", "preparation", "agenda_topics")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9]+")
# Entries of the zip carry a fixed time, so the same summary always zips to the same bytes.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def filename(result: SessionSummary, extension: str, table: str = "") -> str:
    """A download name such as ``q1-leadership-summary-2026-11-23.md`` (ASCII, no spaces)."""
    stem = _UNSAFE_NAME.sub("-", result.title.casefold()).strip("-")[:60].strip("-") or "session"
    suffix = f"-{table.replace('_', '-')}" if table else ""
    return f"{stem}-summary{suffix}-{result.summary.as_of.isoformat()}.{extension}"


def markdown(result: SessionSummary) -> str:
    """The whole summary as GitHub-flavoured Markdown."""
    return summary_to_markdown(result.summary)


def csv_tables(result: SessionSummary) -> dict[str, list[list[str]]]:
    """Each CSV table as rows, the header first."""
    tables = summary_to_csv_rows(result.summary)
    tables["agenda_topics"] = _agenda_rows(result)
    return tables


def csv_text(rows: list[list[str]]) -> str:
    """One table as CSV text (CRLF line ends, as RFC 4180 has them), with a byte-order mark."""
    return write_csv(rows, bom=True)


def csv_zip(result: SessionSummary) -> bytes:
    """Every CSV table in one zip, named after the session."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, rows in csv_tables(result).items():
            entry = zipfile.ZipInfo(filename(result, "csv", table), _ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, csv_text(rows).encode("utf-8"))
    return out.getvalue()


_cell = defuse


def _agenda_rows(result: SessionSummary) -> list[list[str]]:
    rows = [
        [
            *("participant_id", "name", "department", "what_we_do", "pressing_issue"),
            *("pressing_ask", "pressing_goal", "butterfly_issue", "butterfly_targets"),
            "butterfly_goal",
        ]
    ]
    rows += [
        [
            str(t.participant_id),
            _cell(t.name),
            _cell(t.department),
            _cell(t.what_we_do),
            _cell(t.pressing_issue),
            _cell(t.pressing_ask),
            _cell(t.pressing_goal or ""),
            _cell(t.butterfly_issue),
            _cell("; ".join(t.butterfly_targets)),
            _cell(t.butterfly_goal or ""),
        ]
        for t in result.agenda_topics
    ]
    return rows


def ics(result: SessionSummary, *, now: datetime, summary_url: str = "") -> str:
    """Action item due dates as an iCalendar (RFC 5545) of all-day events."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Roundtable//Leadership speed-dating//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text('Action items: ' + result.title)}",
    ]
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    for line in result.summary.actions:
        if line.due is None:
            continue
        ref = result.action_refs.get(line.id, str(line.id))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{_uid_part(result.session_id)}-action-{_uid_part(ref)}@roundtable",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{line.due.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(line.due + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{escape_text(_event_title(line))}",
            f"DESCRIPTION:{escape_text(_event_description(line, result.title))}",
            "TRANSP:TRANSPARENT",
        ]
        if summary_url:
            lines.append(f"URL:{summary_url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def _fold(line: str) -> str:
    # ``fold`` walks the line character by character; most lines need no folding at all.
    return line if len(line) <= 18 or len(line.encode()) <= 75 else fold(line)


def _uid_part(value: str) -> str:
    return _UNSAFE_NAME.sub("-", value)


def _event_title(line: ActionLine) -> str:
    owner = line.owner or "unassigned"
    return f"Due: {line.what} ({owner})"


def _event_description(line: ActionLine, title: str) -> str:
    status = str(line.status).replace("_", " ")
    if line.blocked_reason:
        status += f": {line.blocked_reason}"
    parts = [f"Action item from {title}.", f"Who: {line.owner or 'unassigned'}"]
    if line.department:
        parts[-1] += f" ({line.department})"
    parts += [f"What: {line.what}", f"Status: {status}"]
    if line.item_text:
        parts.append(f"Board item: {line.item_text}")
    return "\n".join(parts)
