"""A fresh copy of the demo session on a running server, and the credentials of each role.

The fuzz tests aim their bad input at what a real session holds: fourteen department heads,
their agendas (some submitted, one flagged), a six-round plan and every kind of link.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from app.services.demo import service as demo
from app.services.links.service import LinkKeys
from app.store.engine import make_engine
from tests.e2e.server import LiveServer, token_of


@dataclass(frozen=True)
class Member:
    """A department head of the demo session, with their own link."""

    id: int
    name: str
    department: str
    token: str


@dataclass(frozen=True)
class DemoRoom:
    """The demo session as its facilitator, executive and department heads hold it."""

    session_id: str
    facilitator: str
    executive: str
    members: list[Member]
    goal_ids: list[int]
    link_ids: list[int]
    item_ids: list[str]

    def token(self, role: str) -> str:
        """A link of ``role``: the facilitator's, the executive's, or the first member's."""
        return {
            "facilitator": self.facilitator,
            "executive": self.executive,
            "participant": self.members[0].token,
        }[role]


def demo_room(server: LiveServer) -> DemoRoom:
    """Load a new copy of the demo session into ``server``'s database and read it back.

    ``load_demo`` makes the demo only once per database; the fuzz runs want one untouched
    session each, so this calls the demo's own builder directly.
    """
    engine = make_engine(server.database_url)
    keys = LinkKeys(server.secret_key, server.base_url)
    try:
        with Session(engine) as db:
            session_id = demo._create(db, keys)
            made = demo._links(db, keys, session_id)
    finally:
        engine.dispose()
    facilitator = token_of(made.facilitator)
    base = f"/api/v1/sessions/{session_id}"

    def read(path: str) -> list[dict[str, object]]:
        response = server.api("GET", base + path, token=facilitator)
        response.raise_for_status()
        rows: list[dict[str, object]] = response.json()
        return rows

    people = {int(str(p["id"])): p for p in read("/participants")}
    links = read("/links")
    members = [
        Member(
            id=int(str(link["participant_id"])),
            name=str(people[int(str(link["participant_id"]))]["name"]),
            department=str(people[int(str(link["participant_id"]))]["department"]),
            token=token_of(str(link["url"])),
        )
        for link in links
        if link["participant_id"] is not None and link["revoked_at"] is None
    ]
    members = sorted(members, key=lambda m: m.id)
    goal_ids = [int(str(g["id"])) for g in read("/goals")]
    items = [
        capture(server, session_id, member, goal_ids[n % len(goal_ids)], f"{n}-{member.id}")
        for n, member in enumerate(members[:3])
    ]
    return DemoRoom(
        session_id=session_id,
        facilitator=facilitator,
        executive=token_of(made.executive),
        members=members,
        goal_ids=goal_ids,
        link_ids=[int(str(link["id"])) for link in links],
        item_ids=items,
    )


def capture(server: LiveServer, session_id: str, member: Member, goal_id: int, key: str) -> str:
    """``member`` puts a butterfly-effect issue on the board; its id."""
    body = {
        "id": f"seed-item-{key}",
        "from_team": member.department,
        "to_teams": ["Finance" if member.department != "Finance" else "Sales"],
        "what_happens": f"{member.department} hands work over late, so the next team waits.",
        "impact": "medium",
        "goal_id": goal_id,
    }
    path = f"/api/v1/sessions/{session_id}/board/items"
    response = server.api("POST", path, json=body, token=member.token)
    assert response.status_code == 201, response.text
    return str(response.json()["items"][-1]["id"])
