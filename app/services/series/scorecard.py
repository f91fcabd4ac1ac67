"""The scorecard of a session's series, as the caller may see it (an executive link: its own
session and the earlier ones; a facilitator: all), as a page, CSV and PDF.

Items are read through the summary's own loader (``app.services.summary.records.room_records``),
so the scorecard counts exactly the items the summaries count: visible to the room, neither
removed nor merged. That loader keeps each session's board records per stored version, and the
recurring items between two sessions per pair of versions: a series of past sessions is read
once.
An agenda is on time when it was submitted before its session started.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from app.domain.series.scorecard import Scorecard, ScorecardSession, build_scorecard
from app.services.board.records import participant_records
from app.services.sessions import series
from app.services.sessions.service import get_session
from app.services.summary import service as summary
from app.services.summary.records import RoomRecords, recurring_count, room_records
from app.store import repo
from app.store.models import Agenda, LeadershipSession
from app.store.types import utcnow


def scorecard_for(
    db: Session, session_id: str, role: str, *, today: date | None = None
) -> Scorecard:
    """The scorecard of the session's series (of the session alone when it has none).

    Raises:
        NotFound: no such session.
    """
    current = get_session(db, session_id)
    group = repo.get_series_of(db, session_id)
    shown = series.visible_sessions(db, session_id, role) or [current]
    today = today or summary.today_in(current)
    boards = [(s.id, room_records(db, s.id)) for s in shown]
    sessions = tuple(
        _session(
            db, session, board, recurring_count(boards[n - 1], (session.id, board)) if n else 0
        )
        for n, (session, (_, board)) in enumerate(zip(shown, boards, strict=True))
    )
    return build_scorecard(
        group.title if group else current.title,
        sessions,
        today=today,
        next_session=_next(db, session_id),
    )


def _session(
    db: Session, session: LeadershipSession, board: RoomRecords, recurring: int
) -> ScorecardSession:
    # Two columns, not the agendas' content: 200 JSON documents per session add up over 8.
    query = select(Agenda.participant_id, Agenda.submitted_at).where(
        Agenda.session_id == session.id
    )
    on_time = frozenset(
        person
        for person, submitted in db.exec(query).all()
        if submitted is not None and submitted <= session.starts_at
    )
    return ScorecardSession(
        title=session.title,
        starts_on=summary.today_in(session, session.starts_at),
        participants=participant_records(db, session.id),
        items=board.items,
        action_items=board.actions,
        agendas_on_time=on_time,
        recurring_from_before=recurring,
    )


def _next(db: Session, session_id: str) -> date | None:
    """The start of the series' next session still to come (facilitators schedule it)."""
    now = utcnow()
    upcoming = [
        s for s in series.visible_sessions(db, session_id, "facilitator") if s.starts_at > now
    ]
    if not upcoming:
        return None
    first = min(upcoming, key=lambda s: s.starts_at)
    return summary.today_in(first, first.starts_at)
