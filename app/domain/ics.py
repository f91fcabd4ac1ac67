"""iCalendar (RFC 5545) text for invites and due dates: escaping, folding, one event each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class CalendarEvent:
    """One VEVENT."""

    uid: str
    start: datetime
    duration: timedelta
    summary: str
    description: str = ""
    url: str = ""
    all_day: bool = False  # a due date: DTSTART;VALUE=DATE, no time
    sequence: int = 0  # raised on each update of an invitation (RFC 5546)
    organizer: str = ""  # e-mail addresses; an iTIP REQUEST names both
    attendee: str = ""
    attendee_name: str = ""


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74  # continuation lines start with one space
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event_lines(event: CalendarEvent, now: datetime) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{_stamp(now)}"]
    if event.all_day:
        day = event.start.date()
        lines += [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        ]
    else:
        lines += [
            f"DTSTART:{_stamp(event.start)}",
            f"DTEND:{_stamp(event.start + event.duration)}",
        ]
    lines += [f"SEQUENCE:{event.sequence}", f"SUMMARY:{escape_text(event.summary)}"]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.organizer:
        lines.append(f"ORGANIZER:mailto:{event.organizer}")
    if event.attendee:
        name = event.attendee_name.replace('"', "'")
        lines.append(
            f'ATTENDEE;CN="{name}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:'
            f"mailto:{event.attendee}"
        )
    lines.append("END:VEVENT")
    return lines


def request_calendar(
    events: list[CalendarEvent], *, now: datetime, name: str, method: str = "REQUEST"
) -> str:
    """A VCALENDAR with METHOD:REQUEST (an invitation), DTEND and SEQUENCE on each event.

    The UID stays the same across updates, so a calendar replaces the earlier copy. With
    ``method="PUBLISH"`` it is a plain calendar file (due dates, all-day events).
    """
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Roundtable//Leadership speed-dating//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event, now)
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"


def calendar(events: list[CalendarEvent], *, now: datetime, name: str = "Roundtable") -> str:
    """A complete VCALENDAR with CRLF line endings."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Roundtable//Leadership speed-dating//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        minutes = max(1, int(event.duration.total_seconds() // 60))
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_stamp(now)}",
            f"DTSTART:{_stamp(event.start)}",
            f"DURATION:PT{minutes}M",
            f"SUMMARY:{escape_text(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape_text(event.description)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
