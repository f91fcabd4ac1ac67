"""Small builders for test data, through the public API like a real client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

GOALS = ["Cut onboarding time in half", "Grow net revenue retention to 115%"]


@dataclass(frozen=True)
class MadeSession:
    id: str
    facilitator: str  # raw tokens
    executive: str
    body: dict[str, Any]


def token_of(url: str) -> str:
    return url.rsplit("/l/", 1)[1]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def make_session(client: TestClient, **overrides: Any) -> MadeSession:
    body: dict[str, Any] = {
        "title": "Q1 leadership speed-dating",
        "starts_at": "2027-01-14T09:00:00",
        "timezone": "Europe/Berlin",
        "goals": GOALS,
    }
    body.update(overrides)
    response = client.post("/api/v1/sessions", json=body)
    assert response.status_code == 201, response.text
    data = response.json()
    return MadeSession(
        id=data["session"]["id"],
        facilitator=token_of(data["facilitator_url"]),
        executive=token_of(data["executive_url"]),
        body=data,
    )


def add_person(
    client: TestClient,
    made: MadeSession,
    name: str = "Dana Lee",
    department: str = "Finance",
    email: str | None = None,
) -> dict[str, Any]:
    email = email or name.lower().replace(" ", ".") + "@example.com"
    response = client.post(
        f"/api/v1/sessions/{made.id}/participants",
        json={"name": name, "email": email, "department": department, "title": "Head"},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 201, response.text
    person: dict[str, Any] = response.json()
    return person


def invite(client: TestClient, made: MadeSession, participant_id: int) -> str:
    """Issue a participant's link; returns the raw token."""
    response = client.post(
        f"/api/v1/sessions/{made.id}/links",
        json={"role": "participant", "participant_id": participant_id},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 201, response.text
    return token_of(response.json()["url"])
