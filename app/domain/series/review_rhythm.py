"""When a series' next review is due: the calendar that triggers reviews.

A series meets every ``cadence_months`` months (3: quarterly). The next review is the next
session already scheduled; when none is, it is due one cadence after the last session, and it
is *overdue* once that day has passed with nothing scheduled.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from app.domain.ics import escape_text, fold

CADENCES: dict[int, str] = {
    1: "monthly",
    2: "every two months",
    3: "quarterly",
    6: "twice a year",
    12: "yearly",
}


@dataclass(frozen=True)
class ReviewDue:
    """The next review: its day, whether a session is scheduled for it, and whether it is late."""

    due: date
    scheduled: bool
    overdue: bool
    cadence_months: int

    @property
    def cadence(self) -> str:
        """The cadence in words ("quarterly")."""
        return CADENCES.get(self.cadence_months, f"every {self.cadence_months} months")


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, on the month's last day when it has fewer days."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review(
    held: list[date], scheduled: list[date], *, cadence_months: int, today: date
) -> ReviewDue | None:
    """The next review of a series whose sessions took place on ``held`` (any order) and are
    planned on ``scheduled`` (from today on); None for a series with no session at all."""
    upcoming = sorted(d for d in scheduled if d >= today)
    if upcoming:
        return ReviewDue(upcoming[0], True, False, cadence_months)
    if not held:
        return None
    due = add_months(max(held), cadence_months)
    return ReviewDue(due, False, due < today, cadence_months)


def review_ics(title: str, due: ReviewDue, *, uid: str, stamp: str, url: str = "") -> str:
    """An iCalendar (RFC 5545) file with one all-day "review due" event."""
    end = date.fromordinal(due.due.toordinal() + 1)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Roundtable//Leadership speed-dating//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{due.due.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
        f"SUMMARY:{escape_text('Leadership review due: ' + title)}",
        f"DESCRIPTION:{escape_text(f'The {due.cadence} review of {title}.')}",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
