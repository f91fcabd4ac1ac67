"""The demo's people in a session: each invited (with a personal link) and given their agenda."""

from __future__ import annotations

from sqlmodel import Session

from app.services.agendas import service as agendas
from app.services.demo.agendas import DEMO_AGENDAS, agenda_values
from app.services.links import service as links
from app.services.people.schemas import ParticipantCreate
from app.services.people.service import invite
from app.store import repo


def invite_with_agendas(
    db: Session, keys: links.LinkKeys, session_id: str, people: tuple[tuple[str, str, str], ...]
) -> dict[str, int]:
    """Invite ``people`` (name, department, title) and save each one's demo agenda, submitted
    or a draft as ``DEMO_AGENDAS`` says; returns their participant ids by name."""
    goal_ids = [g.id for g in repo.list_goals(db, session_id) if g.id is not None]
    ids: dict[str, int] = {}
    for name, department, title in people:
        email = name.lower().replace(" ", ".") + "@example.com"
        person = invite(
            db,
            keys,
            session_id,
            ParticipantCreate(name=name, email=email, department=department, title=title),
        ).participant
        assert person.id is not None
        ids[name] = person.id
        entry = DEMO_AGENDAS.get(name)
        if entry is not None:
            content = agendas.content_from(agenda_values(entry, goal_ids))
            agendas.save(
                db, session_id, person.id, content, submit=entry[-1], author=f"{name} (participant)"
            )
    return ids
