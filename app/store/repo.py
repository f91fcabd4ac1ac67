"""Queries: small functions over a database session; ``get_x`` returns ``X | None``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.store.models import (
    AccessLink,
    Agenda,
    Goal,
    LeadershipSession,
    Participant,
    Series,
    SeriesMember,
)


def get_session(db: Session, session_id: str) -> LeadershipSession | None:
    return db.get(LeadershipSession, session_id)


def list_goals(db: Session, session_id: str) -> Sequence[Goal]:
    query = select(Goal).where(Goal.session_id == session_id).order_by(col(Goal.position))
    return db.exec(query).all()


def get_goal(db: Session, session_id: str, goal_id: int) -> Goal | None:
    goal = db.get(Goal, goal_id)
    return goal if goal is not None and goal.session_id == session_id else None


def list_participants(db: Session, session_id: str) -> Sequence[Participant]:
    query = (
        select(Participant)
        .where(Participant.session_id == session_id)
        .order_by(col(Participant.department), col(Participant.name), col(Participant.id))
    )
    return db.exec(query).all()


def get_participant(db: Session, session_id: str, participant_id: int) -> Participant | None:
    person = db.get(Participant, participant_id)
    return person if person is not None and person.session_id == session_id else None


def get_participant_by_email(db: Session, session_id: str, email: str) -> Participant | None:
    query = select(Participant).where(
        Participant.session_id == session_id, Participant.email == email
    )
    return db.exec(query).first()


# Built once: every authenticated request runs it (columns only, no ORM object to build).
_LINK_BY_HASH = sa_select(
    col(AccessLink.id),
    col(AccessLink.session_id),
    col(AccessLink.role),
    col(AccessLink.participant_id),
    col(AccessLink.revoked_at),
).where(col(AccessLink.token_hash) == bindparam("token_hash"))


def get_link_by_hash(
    db: Session, token_hash: str
) -> Row[int | None, str, str, int | None, datetime | None] | None:
    """The link's id, session_id, role, participant_id and revoked_at, if the hash is known."""
    return db.connection().execute(_LINK_BY_HASH, {"token_hash": token_hash}).first()


def get_link(db: Session, session_id: str, link_id: int) -> AccessLink | None:
    link = db.get(AccessLink, link_id)
    return link if link is not None and link.session_id == session_id else None


def list_links(db: Session, session_id: str, *, active_only: bool = False) -> Sequence[AccessLink]:
    query = select(AccessLink).where(AccessLink.session_id == session_id)
    if active_only:
        query = query.where(col(AccessLink.revoked_at).is_(None))
    return db.exec(query.order_by(col(AccessLink.id))).all()


def list_active_links_for(
    db: Session, session_id: str, role: str, participant_id: int | None
) -> Sequence[AccessLink]:
    query = select(AccessLink).where(
        AccessLink.session_id == session_id,
        AccessLink.role == role,
        col(AccessLink.revoked_at).is_(None),
    )
    if participant_id is None:
        query = query.where(col(AccessLink.participant_id).is_(None))
    else:
        query = query.where(AccessLink.participant_id == participant_id)
    return db.exec(query).all()


def goal_references(db: Session, session_id: str) -> dict[int, int]:
    """How many agenda topics point at each goal id of a session."""
    counts: dict[int, int] = {}
    for row in db.exec(select(Agenda).where(Agenda.session_id == session_id)).all():
        for key in ("pressing_goal_id", "butterfly_goal_id"):
            goal = row.content.get(key)
            if isinstance(goal, int):
                counts[goal] = counts.get(goal, 0) + 1
    return counts


def get_series(db: Session, series_id: str) -> Series | None:
    return db.get(Series, series_id)


def get_series_by_key_hash(db: Session, key_hash: str) -> Series | None:
    return db.exec(select(Series).where(Series.key_hash == key_hash)).first()


def get_series_of(db: Session, session_id: str) -> Series | None:
    """The series a session belongs to, if any."""
    member = db.get(SeriesMember, session_id)
    return db.get(Series, member.series_id) if member is not None else None


def list_series_sessions(db: Session, series_id: str) -> Sequence[LeadershipSession]:
    """The sessions of a series in the order they take place (start, then creation, then id)."""
    query = (
        select(LeadershipSession)
        .join(SeriesMember, col(SeriesMember.session_id) == col(LeadershipSession.id))
        .where(SeriesMember.series_id == series_id)
        .order_by(
            col(LeadershipSession.starts_at),
            col(LeadershipSession.created_at),
            col(LeadershipSession.id),
        )
    )
    return db.exec(query).all()
