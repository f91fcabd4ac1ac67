"""The series overview: every session the caller may see, with its follow-through.

Among the last features in the order: it reads each session's board through
``app.services.board.records`` and compares it with the session before, as the series page and
the series API show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from app.domain.summary.edges import names_for
from app.domain.summary.followup import follow_through, is_overdue
from app.domain.summary.model import ActionStatus, FollowThrough, PreviousSession
from app.services.board.records import SessionRecords, session_records
from app.services.sessions.series import local_today, visible_sessions
from app.store import repo
from app.store.models import LeadershipSession, Series


@dataclass(frozen=True)
class ActionCounts:
    """Where one session's action items stand now."""

    open: int = 0
    in_progress: int = 0
    done: int = 0
    blocked: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return self.open + self.in_progress + self.done + self.blocked


@dataclass(frozen=True)
class SeriesEntry:
    """One session of the series as the overview shows it.

    ``follow`` compares it with the session before it (None for the first one).
    """

    session: LeadershipSession
    current: bool
    actions: ActionCounts
    follow: FollowThrough | None


@dataclass(frozen=True)
class SeriesOverview:
    """The series of a session (None when it has none) and the sessions the caller may see."""

    series: Series | None
    entries: tuple[SeriesEntry, ...]


def overview(
    db: Session, session_id: str, role: str, *, today: date | None = None
) -> SeriesOverview:
    """The series of a session as ``role`` may see it, each session with its follow-through."""
    series = repo.get_series_of(db, session_id)
    if series is None:
        return SeriesOverview(None, ())
    shown = visible_sessions(db, session_id, role)
    current = next(s for s in shown if s.id == session_id)
    today = today or local_today(current)
    entries: list[SeriesEntry] = []
    previous: SessionRecords | None = None
    for session in shown:
        records = session_records(db, session.id, session.title)
        follow = None
        if previous is not None:
            follow = _follow(previous.as_previous(), records, today)
        entries.append(
            SeriesEntry(session, session.id == session_id, _counts(records, today), follow)
        )
        previous = records
    return SeriesOverview(series, tuple(entries))


def _follow(previous: PreviousSession, now: SessionRecords, today: date) -> FollowThrough:
    departments = [p.department for p in now.participants]
    names = names_for(departments, now.items + previous.items)
    return follow_through(previous, now.items, names, today)


def _counts(records: SessionRecords, today: date) -> ActionCounts:
    statuses = [a.status for a in records.action_items]
    return ActionCounts(
        open=statuses.count(ActionStatus.OPEN),
        in_progress=statuses.count(ActionStatus.IN_PROGRESS),
        done=statuses.count(ActionStatus.DONE),
        blocked=statuses.count(ActionStatus.BLOCKED),
        overdue=sum(1 for a in records.action_items if is_overdue(a, today)),
    )
