"""Moderation set on the facilitator page and through the API, before and during the session."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from tests.factories import add_person, bearer, invite, make_session

RANT = "Sales keeps throwing garbage deals over the wall and never listens"


def capture(client: TestClient, sid: str, token: str, text: str) -> dict[str, object]:
    body = {
        "id": uuid.uuid4().hex,
        "from_team": "Finance",
        "to_teams": ["Sales"],
        "what_happens": text,
        "impact": "high",
        "no_goal": True,
    }
    response = client.post(f"/api/v1/sessions/{sid}/board/items", json=body, headers=bearer(token))
    assert response.status_code == 201, response.text
    return next(i for i in response.json()["items"] if i["id"] == body["id"])


def test_the_facilitator_page_sets_the_mode_and_the_board_follows(any_client: TestClient) -> None:
    client = any_client
    made = make_session(client)
    dana = add_person(client, made, "Dana Lee", "Finance")
    add_person(client, made, "Marcus Okafor", "Sales")
    token = invite(client, made, dana["id"])
    page = client.get(f"/s/{made.id}/facilitate", headers=bearer(made.facilitator))
    assert "Live board moderation" in page.text
    assert 'value="hold_flagged" checked' in page.text

    # The default holds a complaint.
    assert capture(client, made.id, token, RANT)["held"] is True

    wrong = client.post(
        f"/s/{made.id}/facilitate/moderation", data={"moderation": "loud"},
        headers=bearer(made.facilitator), follow_redirects=False,
    )  # fmt: skip
    assert wrong.status_code == 422
    assert "Choose hold_flagged, approve_all or open." in wrong.text

    saved = client.post(
        f"/s/{made.id}/facilitate/moderation",
        data={"moderation": "approve_all", "anonymous": "on"},
        headers=bearer(made.facilitator), follow_redirects=False,
    )  # fmt: skip
    assert saved.status_code == 303
    board = client.get(f"/api/v1/sessions/{made.id}/board", headers=bearer(made.facilitator))
    assert board.json()["moderation"] == "approve_all"
    assert board.json()["anonymous"] is True
    calm = "Finance invoices reach Sales three days after close, so renewals slip a week."
    assert capture(client, made.id, token, calm)["held"] is True  # waits for approval
    board = client.get(f"/api/v1/sessions/{made.id}/board", headers=bearer(made.facilitator))
    assert board.json()["held_count"] == 2  # the complaint from before and this one

    via_api = client.post(
        f"/api/v1/sessions/{made.id}/board/moderation",
        json={"id": uuid.uuid4().hex, "mode": "open"},
        headers=bearer(token),
    )
    assert via_api.status_code == 403  # only the facilitator
