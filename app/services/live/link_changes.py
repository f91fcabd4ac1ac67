"""Issuing and revoking links, and removing people, with their live consequence: open
websockets of a revoked link (or of a removed person) close on every worker, through a
``link_revoked`` live event."""

from __future__ import annotations

from sqlmodel import Session

from app.services.links import service as links
from app.services.links.schemas import Role
from app.services.live import service as live
from app.services.people import service as participants
from app.store import repo
from app.store.models import AccessLink, LiveEvent


def reissue(
    db: Session, keys: links.LinkKeys, session_id: str, role: Role, participant_id: int | None
) -> tuple[AccessLink, str, list[LiveEvent]]:
    """Issue a link (revoking the target's old one) and commit; returns events to publish."""
    old = [link.id for link in repo.list_active_links_for(db, session_id, role, participant_id)]
    link, token = links.issue_link(db, keys, session_id, role, participant_id)
    events = [_revoked(db, session_id, link_id) for link_id in old if link_id is not None]
    db.commit()
    db.refresh(link)
    return link, token, events


def revoke(db: Session, session_id: str, link_id: int) -> tuple[AccessLink, list[LiveEvent]]:
    """Revoke a link and commit; returns the event to publish."""
    link = links.revoke_link(db, session_id, link_id)
    event = _revoked(db, session_id, link_id)
    db.commit()
    db.refresh(link)
    return link, [event]


def remove_participant(db: Session, session_id: str, participant_id: int) -> list[LiveEvent]:
    """Remove a participant and commit; returns the events that close their open sockets.

    Their links go with them (the database cascades), so each active one is announced as
    revoked first: a socket opened before the removal closes (4403) on whichever worker holds it.

    Raises:
        NotFound: no such participant in this session.
    """
    person = participants.get_participant(db, session_id, participant_id)
    active = repo.list_active_links_for(db, session_id, "participant", participant_id)
    events = [_revoked(db, session_id, link.id) for link in active if link.id is not None]
    db.delete(person)
    db.commit()
    return events


def _revoked(db: Session, session_id: str, link_id: int) -> LiveEvent:
    return live.record_event(db, session_id, "link_revoked", {"link_id": link_id})
