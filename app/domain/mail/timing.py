"""When to retry a delivery, and which reminders and digests are due."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

MAX_ATTEMPTS = 6
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=2)


def retry_delay(attempts: int, *, base: timedelta = BASE_DELAY) -> timedelta:
    """Exponential backoff after ``attempts`` failed tries: base, 2x, 4x, ... capped at 2 h."""
    delay: timedelta = base * (2 ** max(0, attempts - 1))
    return min(delay, MAX_DELAY)


def gives_up(attempts: int, *, permanent: bool, max_attempts: int = MAX_ATTEMPTS) -> bool:
    """Whether a failure is final: the server refused for good (5xx), or tries ran out."""
    return permanent or attempts >= max_attempts


def due_reminder_offsets(
    deadline: datetime, offsets_hours: Iterable[int], now: datetime
) -> list[int]:
    """The reminder offsets (hours before ``deadline``) whose moment has come and gone.

    Only the nearest passed offset counts: a server that was down for three days sends one
    reminder on its return, not every one it missed.
    """
    if now >= deadline:
        return []
    passed = [h for h in sorted(set(offsets_hours)) if deadline - timedelta(hours=h) <= now]
    return passed[:1]


def due_soon(due: date, today: date, days_before: int) -> bool:
    """A due date within ``days_before`` days, not yet past."""
    return today <= due <= today + timedelta(days=days_before)


def overdue(due: date, today: date) -> bool:
    """Past its due date."""
    return due < today


def week_of(day: date) -> str:
    """ISO year and week, e.g. ``2030-W09``: one overdue digest per owner per week."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
