"""A session ended early reports the rounds it played, not every planned round.

Found by the browser rehearsal (tests/e2e/test_rehearsal.py): ending during round 2 of 4 showed
executives "4 rounds played" and every planned pair as met.
"""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlmodel import Session

from app.store.models import ClockControl
from tests.factories import add_person, bearer, make_session

PEOPLE = [("Dana Lee", "Finance"), ("Marcus Okafor", "Sales"), ("Priya Raman", "Product")]
PEOPLE += [("Tom Becker", "Engineering")]


def control(client: TestClient, base: str, token: str, kind: str) -> None:
    response = client.post(
        f"{base}/live/controls", json={"id": uuid.uuid4().hex, "kind": kind}, headers=bearer(token)
    )
    assert response.status_code == 200, response.text


def test_ending_in_round_two_of_three_counts_two_rounds_and_their_pairs(
    client: TestClient,
) -> None:
    made = make_session(client)
    for name, department in PEOPLE:
        add_person(client, made, name, department)
    base = f"/api/v1/sessions/{made.id}"
    facilitator = made.facilitator
    planned = client.post(f"{base}/plan", json={"rounds": 3}, headers=bearer(facilitator))
    assert planned.is_success, planned.text
    for kind in ("start", "skip", "skip_round", "end"):  # welcome, round 1, round 2, end
        control(client, base, facilitator, kind)

    summary = client.get(f"{base}/summary", headers=bearer(made.executive))

    assert summary.status_code == 200, summary.text
    headline = summary.json()["headline"]
    assert headline["rounds_played"] == 2
    assert headline["pairs_met"] == 4  # two rounds of two pairs, no repeats


def test_a_session_ended_during_the_welcome_played_no_round(client: TestClient) -> None:
    made = make_session(client)
    for name, department in PEOPLE:
        add_person(client, made, name, department)
    base = f"/api/v1/sessions/{made.id}"
    planned = client.post(f"{base}/plan", json={"rounds": 3}, headers=bearer(made.facilitator))
    assert planned.is_success, planned.text
    for kind in ("start", "end"):
        control(client, base, made.facilitator, kind)

    headline = client.get(f"{base}/summary", headers=bearer(made.executive)).json()["headline"]

    assert headline["rounds_played"] == 0
    assert headline["pairs_met"] == 0


def test_an_end_logged_in_the_same_millisecond_as_a_skip_still_counts_that_round(
    client: TestClient, db: Session
) -> None:
    """A fast facilitator (or a loaded server) can log "skip to round 2" and "end" within one
    millisecond; the summary once looked at the clock 1 ms before the end and lost round 2."""
    made = make_session(client)
    for name, department in PEOPLE:
        add_person(client, made, name, department)
    base = f"/api/v1/sessions/{made.id}"
    planned = client.post(f"{base}/plan", json={"rounds": 3}, headers=bearer(made.facilitator))
    assert planned.is_success, planned.text
    for kind in ("start", "skip", "skip_round", "end"):
        control(client, base, made.facilitator, kind)
    controls = ClockControl.__table__  # type: ignore[attr-defined]
    skip_at = db.execute(
        select(controls.c.at).where(
            controls.c.session_id == made.id, controls.c.kind == "skip_round"
        )
    ).scalar_one()
    db.execute(
        update(controls)
        .where(controls.c.session_id == made.id, controls.c.kind == "end")
        .values(at=skip_at)
    )
    db.commit()

    headline = client.get(f"{base}/summary", headers=bearer(made.executive)).json()["headline"]

    assert headline["rounds_played"] == 2
    assert headline["pairs_met"] == 4
