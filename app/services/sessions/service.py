"""Use cases for sessions and their goals: load, decide, save, commit."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import Session, select

from app.domain.errors import Conflict, FieldError, Invalid, NotFound
from app.services.links import service as links
from app.services.sessions import series as series_service
from app.services.sessions.schemas import GoalPublic, SessionCreate, SessionPublic, SessionUpdate
from app.services.shared import notices
from app.store import repo
from app.store.models import Goal, LeadershipSession, SeriesMember

MAX_GOALS = 7


@dataclass(frozen=True)
class CreatedSession:
    """A new session and the two links only its creator receives."""

    session: LeadershipSession
    facilitator_token: str
    executive_token: str


def create_session(db: Session, keys: links.LinkKeys, data: SessionCreate) -> CreatedSession:
    """Create a session with its goals, a facilitator link and an executive link, and put it
    into a series when asked (``series_title`` starts one, ``series_key`` joins one).

    Raises:
        Invalid: a bad series title or an unknown series key.
    """
    series = series_service.choose_for_new_session(
        db, keys, title=data.series_title, key=data.series_key
    )
    row = LeadershipSession(
        id=secrets.token_hex(8),
        title=data.title,
        starts_at=data.starts_at_utc(),
        timezone=data.timezone,
        ground_rules=list(data.ground_rules),
    )
    db.add(row)
    db.flush()
    for position, text in enumerate(data.goals, start=1):
        db.add(Goal(session_id=row.id, position=position, text=text))
    if series is not None:
        db.add(SeriesMember(session_id=row.id, series_id=series.id))
    _, facilitator_token = links.issue_link(db, keys, row.id, "facilitator")
    _, executive_token = links.issue_link(db, keys, row.id, "executive")
    db.commit()
    db.refresh(row)
    return CreatedSession(row, facilitator_token, executive_token)


def get_session(db: Session, session_id: str) -> LeadershipSession:
    """Load a session.

    Raises:
        NotFound: no session with that id.
    """
    row = repo.get_session(db, session_id)
    if row is None:
        raise NotFound("No such session.")
    return row


def to_public(db: Session, row: LeadershipSession) -> SessionPublic:
    """The session as the API shows it, goals included."""
    goals = [
        GoalPublic(id=g.id or 0, position=g.position, text=g.text)
        for g in repo.list_goals(db, row.id)
    ]
    return SessionPublic(
        id=row.id,
        title=row.title,
        starts_at=row.starts_at,
        timezone=row.timezone,
        ground_rules=list(row.ground_rules),
        goals=goals,
        created_at=row.created_at,
        agenda_deadline=row.agenda_deadline,
        agenda_window=row.agenda_window,
        framing_mode=row.framing_mode,
        went_live_at=row.went_live_at,
    )


def update_session(db: Session, session_id: str, data: SessionUpdate) -> LeadershipSession:
    """Change a session's settings; a naive ``starts_at`` is read in the (new) time zone."""
    row = get_session(db, session_id)
    if data.title is not None:
        row.title = data.title
    if data.timezone is not None:
        row.timezone = data.timezone
    if data.starts_at is not None:
        starts = data.starts_at
        if starts.tzinfo is None:
            starts = starts.replace(tzinfo=ZoneInfo(row.timezone))
        row.starts_at = starts
    if data.ground_rules is not None:
        row.ground_rules = list(data.ground_rules)
    if "agenda_deadline" in data.model_fields_set:
        deadline = data.agenda_deadline
        if deadline is not None and deadline.tzinfo is None:
            deadline = deadline.replace(tzinfo=ZoneInfo(row.timezone))
        row.agenda_deadline = deadline
    if data.agenda_window is not None:
        row.agenda_window = data.agenda_window
    if data.framing_mode is not None:
        row.framing_mode = data.framing_mode
    db.add(row)
    if data.starts_at is not None or data.timezone is not None:
        db.flush()
        notices.after_session_moved(db, session_id)  # re-invites, if the time really moved
    db.commit()
    db.refresh(row)
    return row


def add_goal(db: Session, session_id: str, text: str) -> Goal:
    """Append a goal.

    Raises:
        Invalid: already seven goals, or the same goal twice.
    """
    get_session(db, session_id)
    goals = repo.list_goals(db, session_id)
    if len(goals) >= MAX_GOALS:
        message = f"A session has at most {MAX_GOALS} goals; edit or remove one first."
        raise Invalid(message, [FieldError("text", message)])
    _check_goal_unique(goals, text, except_id=None)
    position = db.exec(
        select(func.coalesce(func.max(Goal.position), 0)).where(Goal.session_id == session_id)
    ).one()
    goal = Goal(session_id=session_id, position=int(position) + 1, text=text)
    db.add(goal)
    db.commit()
    db.refresh(goal)
    return goal


def update_goal(db: Session, session_id: str, goal_id: int, text: str) -> Goal:
    """Reword a goal."""
    goal = repo.get_goal(db, session_id, goal_id)
    if goal is None:
        raise NotFound(f"No goal {goal_id} in this session.")
    _check_goal_unique(repo.list_goals(db, session_id), text, except_id=goal_id)
    goal.text = text
    db.add(goal)
    db.commit()
    db.refresh(goal)
    return goal


def delete_goal(db: Session, session_id: str, goal_id: int) -> None:
    """Remove a goal; the last one stays, since every session aligns to at least one.

    Raises:
        NotFound: no such goal.
        Conflict: it is the only goal, or agendas point at it.
    """
    goal = repo.get_goal(db, session_id, goal_id)
    if goal is None:
        raise NotFound(f"No goal {goal_id} in this session.")
    if len(repo.list_goals(db, session_id)) <= 1:
        raise Conflict("A session needs at least one goal; add another before removing this one.")
    in_use = repo.goal_references(db, session_id).get(goal_id, 0)
    if in_use:
        raise Conflict(
            f"{in_use} agenda topic{'s' if in_use != 1 else ''} point at this goal; reword it "
            "instead of removing it."
        )
    db.delete(goal)
    db.commit()


def _check_goal_unique(goals: Sequence[Goal], text: str, except_id: int | None) -> None:
    for goal in goals:
        if goal.id != except_id and goal.text.casefold() == text.casefold():
            message = "This goal is already listed."
            raise Invalid(message, [FieldError("text", message)])
