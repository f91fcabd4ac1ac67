"""A session with a board item and an action item, through the API like a real client."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.store.models import BoardState
from app.store.types import utcnow
from tests.factories import MadeSession, add_person, bearer, invite, make_session


def key() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Room:
    made: MadeSession
    owner: str  # raw tokens
    other: str
    owner_id: int
    other_id: int
    action_id: str
    item_id: str


def make_action(
    client: TestClient,
    made: MadeSession,
    owner_id: int,
    item_id: str,
    due: date,
    what: str = "Send discount codes earlier",
) -> str:
    action_id = key()
    response = client.post(
        f"/api/v1/sessions/{made.id}/board/items/{item_id}/action",
        json={"id": action_id, "owner": owner_id, "what": what, "due": str(due)},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 200, response.text
    return action_id


def capture(client: TestClient, made: MadeSession, token: str, **changes: object) -> str:
    body: dict[str, object] = {
        "id": key(),
        "from_team": "Sales",
        "to_teams": ["Finance"],
        "what_happens": "Discount codes reach billing after the invoice run.",
        "impact": "high",
        "no_goal": True,
    }
    body.update(changes)
    response = client.post(
        f"/api/v1/sessions/{made.id}/board/items", json=body, headers=bearer(token)
    )
    assert response.status_code == 201, response.text
    return str(body["id"])


def room(client: TestClient, *, due: date | None = None, **session: object) -> Room:
    """Dana (Finance) owns an action item made from Marcus's (Sales) board item."""
    made = make_session(client, timezone="UTC", **session)
    owner = add_person(client, made, "Dana Lee", "Finance")
    other = add_person(client, made, "Marcus Okafor", "Sales")
    owner_token, other_token = invite(client, made, owner["id"]), invite(client, made, other["id"])
    item_id = capture(client, made, other_token)
    action_id = make_action(
        client, made, owner["id"], item_id, due or date.today() + timedelta(days=7)
    )
    return Room(made, owner_token, other_token, owner["id"], other["id"], action_id, item_id)


def backdate(client: TestClient, session_id: str, action_id: str, due: date) -> None:
    """Move an action item's due date into the past, as if weeks had gone by."""
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        row = db.get(BoardState, session_id)
        assert row is not None
        state = dict(row.state)
        state["actions"] = [
            {**a, "due": due.isoformat()} if a["id"] == action_id else a for a in state["actions"]
        ]
        row.state = state
        row.updated_at = utcnow()  # as any real write does; the board cache keys on it
        db.add(row)
        db.commit()
