"""Sending an agenda back with a note: the head sees it, revises, resubmits; history keeps it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.factories import add_person, bearer, invite, make_session
from tests.web.test_api_agendas import complete


def test_the_facilitator_sends_an_agenda_back_and_the_head_resubmits(
    any_client: TestClient,
) -> None:
    client = any_client
    made = make_session(client)
    person = add_person(client, made, "Dana Lee", "Finance")
    token = invite(client, made, person["id"])
    goal_id = made.body["session"]["goals"][0]["id"]
    base = f"/api/v1/sessions/{made.id}/agendas/{person['id']}"
    note = "Please name one recent example instead of 'every month'."

    # Nothing submitted yet: nothing to send back.
    early = client.post(f"{base}/return", json={"note": note}, headers=bearer(made.facilitator))
    assert early.status_code == 409
    assert "not submitted" in early.json()["detail"]

    body = complete(goal_id)
    assert client.post(f"{base}/submit", json=body, headers=bearer(token)).status_code == 200
    # Only the facilitator sends back; a note is required.
    assert client.post(
        f"{base}/return", json={"note": note}, headers=bearer(token)
    ).status_code in (
        403,
        401,
    )
    empty = client.post(f"{base}/return", json={"note": " "}, headers=bearer(made.facilitator))
    assert empty.status_code == 422
    assert empty.json()["errors"][0]["field"] == "note"

    returned = client.post(f"{base}/return", json={"note": note}, headers=bearer(made.facilitator))
    assert returned.status_code == 200, returned.text
    assert returned.json()["returned_note"] == note
    assert returned.json()["submitted"] is False

    page = client.get(f"/s/{made.id}/me", headers=bearer(token))
    assert note.replace("'", "&#39;") in page.text
    assert "sent your agenda back" in page.text

    revised: dict[str, Any] = {
        **body,
        "butterfly_issue": "Two March contracts lacked billing data.",
    }
    again = client.post(f"{base}/submit", json=revised, headers=bearer(token))
    assert again.status_code == 200
    assert again.json()["submitted"] is True
    page = client.get(f"/s/{made.id}/me", headers=bearer(token))
    assert "sent your agenda back" not in page.text

    history = client.get(f"{base}/revisions", headers=bearer(made.facilitator)).json()
    assert [r["action"] for r in history] == ["submit", "returned", "submit"]
    assert history[1]["content"]["return_note"] == note
    review = client.get(
        f"/s/{made.id}/facilitate/agendas/{person['id']}", headers=bearer(made.facilitator)
    )
    assert "sent back:" in review.text


def test_the_review_page_sends_back_and_keeps_a_refused_note(client: TestClient) -> None:
    made = make_session(client)
    person = add_person(client, made, "Dana Lee", "Finance")
    token = invite(client, made, person["id"])
    goal_id = made.body["session"]["goals"][0]["id"]
    base = f"/api/v1/sessions/{made.id}/agendas/{person['id']}"
    client.post(f"{base}/submit", json=complete(goal_id), headers=bearer(token))
    page = f"/s/{made.id}/facilitate/agendas/{person['id']}"
    review = client.get(page, headers=bearer(made.facilitator))
    assert "Send back with this note" in review.text
    short = client.post(
        f"{page}/return", data={"note": "no"}, headers=bearer(made.facilitator),
        follow_redirects=False,
    )  # fmt: skip
    assert short.status_code == 422
    assert "5 to 1000 characters" in short.text
    assert ">no</textarea>" in short.text
    sent = client.post(
        f"{page}/return", data={"note": "Name one example, please."},
        headers=bearer(made.facilitator), follow_redirects=False,
    )  # fmt: skip
    assert sent.status_code == 303
    after = client.get(sent.headers["location"], headers=bearer(made.facilitator))
    assert "Sent back with your note" in after.text
