"""Itinerary and prep card pages: what the participant sees, errors kept, privacy of the card."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.support.csrf import csrf_of
from tests.web.test_api_itinerary import COMPLAINT, planned


def test_itinerary_page_shows_rounds_counterparts_and_their_agendas(client: TestClient) -> None:
    made, people, tokens = planned(client)
    client.get(f"/l/{tokens[0]}")
    home = client.get(f"/s/{made.id}/me")
    assert f"/s/{made.id}/me/itinerary" in home.text
    page = client.get(f"/s/{made.id}/me/itinerary")
    assert page.status_code == 200
    for number in (1, 2, 3):
        assert f"Round {number} · " in page.text
    assert "09:05" in page.text  # round 1 in the session's time zone, after the welcome
    assert "Marcus Okafor" in page.text
    assert "Deals stall for a week" in page.text  # his submitted agenda
    assert "Priya Raman has not submitted an agenda yet." in page.text
    assert f"/s/{made.id}/me/prep/{people[1]['id']}" in page.text


def test_prep_page_flags_a_complaint_ask_and_keeps_the_text(client: TestClient) -> None:
    made, people, tokens = planned(client)
    client.get(f"/l/{tokens[0]}")
    url = f"/s/{made.id}/me/prep/{people[1]['id']}"
    page = client.get(url)
    assert "Their most pressing issue: Deals stall" in page.text
    form = {"csrf_token": csrf_of(client), "for_them": "Cash sooner", "my_ask": COMPLAINT}
    response = client.post(url, data=form)
    assert response.status_code == 200  # followed the redirect
    assert "Prep card saved" in response.text
    assert "This may read as a complaint" in response.text
    assert COMPLAINT.replace("'", "&#39;") in response.text
    itinerary = client.get(f"/s/{made.id}/me/itinerary")
    assert "✓ Prepared" in itinerary.text


def test_prep_page_keeps_input_next_to_a_field_error(client: TestClient) -> None:
    made, people, tokens = planned(client)
    client.get(f"/l/{tokens[0]}")
    url = f"/s/{made.id}/me/prep/{people[1]['id']}"
    form = {"csrf_token": csrf_of(client), "for_them": "Kept text", "my_ask": "x" * 601}
    response = client.post(url, data=form)
    assert response.status_code == 422
    assert "at most 600 characters" in response.text
    assert "Kept text" in response.text


def test_another_participant_does_not_see_my_prep_text_on_their_page(client: TestClient) -> None:
    made, people, tokens = planned(client)
    client.get(f"/l/{tokens[0]}")
    url = f"/s/{made.id}/me/prep/{people[1]['id']}"
    secret = "My private offer to Sales"
    client.post(url, data={"csrf_token": csrf_of(client), "my_offer": secret})
    assert secret in client.get(url).text
    client.cookies.clear()
    client.get(f"/l/{tokens[2]}")
    assert secret not in client.get(url).text
    client.cookies.clear()
    client.get(f"/l/{made.facilitator}")
    assert client.get(url).status_code in (401, 403)


def test_a_follow_up_form_keeps_input_next_to_errors_then_saves(client: TestClient) -> None:
    made, people, tokens = planned(client)
    client.get(f"/l/{tokens[0]}")
    url = f"/s/{made.id}/me/follow-ups/{people[1]['id']}"
    bad = {"csrf_token": csrf_of(client), "text": "ok", "due": "2020-01-01"}
    response = client.post(url, data=bad | {"share": "private", "round_no": "1"})
    assert response.status_code == 422
    assert "Say what you agreed in 5 to 200 characters" in response.text
    assert "The date cannot be in the past." in response.text
    assert 'value="2020-01-01"' in response.text
    good = bad | {"text": "Marcus shares the credit policy", "due": "", "share": "proposed"}
    response = client.post(url, data=good | {"round_no": "1"})
    assert response.status_code == 200
    assert "Agreed: Marcus shares the credit policy" in response.text


def test_facilitator_sees_coverage_and_confirms_a_proposal(client: TestClient) -> None:
    made, people, tokens = planned(client)
    client.get(f"/l/{tokens[0]}")
    csrf = csrf_of(client)
    client.post(
        f"/s/{made.id}/me/prep/{people[1]['id']}",
        data={"csrf_token": csrf, "for_them": "Private value proposition text"},
    )
    client.post(
        f"/s/{made.id}/me/follow-ups/{people[1]['id']}",
        data={
            "csrf_token": csrf,
            "text": "Marcus shares the credit policy",
            "share": "proposed",
            "round_no": "2",
        },
    )
    client.cookies.clear()
    client.get(f"/l/{made.facilitator}")
    page = client.get(f"/s/{made.id}/facilitate/follow-ups")
    assert "1 of 12" in page.text
    assert "Private value proposition text" not in page.text
    assert "Round 2: 1 meeting ended with an agreed next step" in page.text
    form = re.search(r'action="(/s/[^"]+/accept)"', page.text)
    assert form is not None
    done = client.post(form.group(1), data={"csrf_token": csrf_of(client)})
    assert "Confirmed: it is now an action item." in done.text
    assert "Nothing waiting for confirmation." in done.text
    actions = client.get(f"/s/{made.id}/facilitate/actions")
    assert "Marcus shares the credit policy" in actions.text


def test_the_itinerary_page_is_told_when_a_swap_changes_my_rounds(client: TestClient) -> None:
    made, people, tokens = planned(client)
    client.get(f"/l/{tokens[0]}")
    page = client.get(f"/s/{made.id}/me/itinerary")
    poll = re.search(r'hx-get="(/s/[^"]+/me/itinerary/changes\?since=\d+)"', page.text)
    assert poll is not None
    quiet = client.get(poll.group(1))
    assert "The plan just changed" not in quiet.text
    api = client.get(
        f"/api/v1/sessions/{made.id}/me/itinerary", headers={"Authorization": f"Bearer {tokens[0]}"}
    ).json()
    partner = api["rounds"][0]["counterparts"][0]["id"]
    other = next(p["id"] for p in people if p["id"] not in (people[0]["id"], partner))
    swapped = client.post(
        f"/api/v1/sessions/{made.id}/plan/swap",
        json={"round": 1, "a": partner, "b": other},
        headers={"Authorization": f"Bearer {made.facilitator}"},
    )
    assert swapped.status_code == 201, swapped.text
    told = client.get(poll.group(1))
    assert "The plan just changed" in told.text
    assert "Round 1: now Table" in told.text
