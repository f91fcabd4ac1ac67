"""A realistic demo session, so a newcomer can click through every view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, select

from app.services.demo.people import invite_with_agendas
from app.services.demo.played import PLAYED_TITLE, create_played, join_series
from app.services.links import service as links
from app.services.plans import service as plans
from app.services.plans.schemas import PlanSettings
from app.services.sessions import service as sessions
from app.services.sessions.schemas import SessionCreate
from app.store import repo
from app.store.models import LeadershipSession

DEMO_TITLE = "Demo: Q1 leadership speed-dating"

GOALS = (
    "Cut customer onboarding time from 30 to 10 days",
    "Grow net revenue retention to 115%",
    "Ship the self-serve analytics product by Q3",
    "Every team runs on one shared planning calendar",
)

TABLES = ["Oak", "Pine", "Maple", "Birch", "Cedar", "Elm", "Ash"]

PEOPLE = (
    ("Dana Lee", "Finance", "Head of Finance"),
    ("Marcus Okafor", "Sales", "VP Sales"),
    ("Priya Raman", "Product", "Director of Product"),
    ("Tom Becker", "Engineering", "VP Engineering"),
    ("Aisha Khan", "Customer Success", "Head of Customer Success"),
    ("Lukas Novak", "IT", "Head of IT"),
    ("Sofia Alvarez", "Marketing", "CMO"),
    ("Jin Park", "Operations", "Head of Operations"),
    ("Hannah Weiss", "People", "Chief People Officer"),
    ("Omar Haddad", "Legal", "General Counsel"),
    ("Grace Mensah", "Support", "Head of Support"),
    ("Elena Petrova", "Data", "Head of Data"),
    ("Ravi Shah", "Engineering", "Director of Platform"),
    ("Chloe Martin", "Sales", "Head of Sales Operations"),
)


@dataclass
class DemoLinks:
    """What ``roundtable demo`` prints."""

    session_id: str
    facilitator: str
    executive: str
    participants: list[tuple[str, str, str]]  # name, department, url
    played_executive: str = ""  # the earlier, played session's summary (same series)


def load_demo(db: Session, keys: links.LinkKeys) -> DemoLinks:
    """Create the demo session once; later calls reuse it and print its links again."""
    existing = db.exec(
        select(LeadershipSession).where(LeadershipSession.title == DEMO_TITLE)
    ).first()
    session_id = existing.id if existing else _create(db, keys)
    played = db.exec(
        select(LeadershipSession).where(LeadershipSession.title == PLAYED_TITLE)
    ).first()
    if played is None:
        played_id = create_played(db, keys, PEOPLE, GOALS)
        join_series(db, keys, played_id, session_id)
    else:
        played_id = played.id
    found = _links(db, keys, session_id)
    found.played_executive = _links(db, keys, played_id).executive
    return found


def _create(db: Session, keys: links.LinkKeys) -> str:
    starts = (datetime.now(UTC) + timedelta(days=1)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    created = sessions.create_session(
        db,
        keys,
        SessionCreate(
            title=DEMO_TITLE, starts_at=starts, timezone="Europe/Berlin", goals=list(GOALS)
        ),
    )
    session_id = created.session.id
    invite_with_agendas(db, keys, session_id, PEOPLE)
    plans.generate(db, session_id, PlanSettings(rounds=6, tables=TABLES), author="demo")
    return session_id


def _links(db: Session, keys: links.LinkKeys, session_id: str) -> DemoLinks:
    by_role: dict[str, str] = {}
    by_person: dict[int, str] = {}
    for link in repo.list_links(db, session_id, active_only=True):
        url = links.displayable_url(keys, link)
        if url is None:
            _, token = links.issue_link(db, keys, session_id, link.role, link.participant_id)  # type: ignore[arg-type]
            db.commit()
            url = keys.url_for(token)
        if link.participant_id is None:
            by_role[link.role] = url
        else:
            by_person[link.participant_id] = url
    people = [
        (p.name, p.department, by_person[p.id])
        for p in repo.list_participants(db, session_id)
        if p.id in by_person
    ]
    return DemoLinks(session_id, by_role["facilitator"], by_role["executive"], people)
