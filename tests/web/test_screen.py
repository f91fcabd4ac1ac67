"""The big screen's API and join address: who may change it, what is refused, what is kept."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from tests.factories import bearer
from tests.web.test_pages_live import planned_room


def test_the_facilitator_sets_the_screen_and_every_reader_gets_it_back(
    any_client: TestClient,
) -> None:
    room = planned_room(any_client, rounds=2)
    sid, made = room.made.id, room.made
    api = f"/api/v1/sessions/{sid}/live/screen"
    before = any_client.get(api, headers=bearer(made.facilitator)).json()
    assert (before["mode"], before["seq"], before["theme"]) == ("clock", 0, "dark")
    assert before["closing"] == {"rounds_played": 0, "pairs_met": 0, "items": 0, "action_items": 0}

    changed = any_client.put(
        api,
        json={"mode": "message", "message": "  Back in 5 minutes ", "pace_seconds": 5},
        headers=bearer(made.facilitator),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["message"] == "Back in 5 minutes"
    # Kept as a live event: a screen that loads later (or a participant's phone) reads it.
    person = next(iter(room.tokens.values()))
    again = any_client.get(api, headers=bearer(person)).json()
    assert (again["mode"], again["message"], again["pace_seconds"]) == (
        "message",
        "Back in 5 minutes",
        5,
    )
    assert again["seq"] > 0
    events = any_client.get(f"/api/v1/sessions/{sid}/live", headers=bearer(made.facilitator))
    assert events.json()["seq"] == again["seq"]
    page = any_client.get(f"/s/{sid}/screen", headers=bearer(made.executive))
    assert "data-screen-message>Back in 5 minutes<" in page.text.replace('"', "")


def test_bad_screen_settings_are_refused_field_by_field_and_change_nothing(
    any_client: TestClient,
) -> None:
    room = planned_room(any_client, rounds=2)
    made = room.made
    api = f"/api/v1/sessions/{made.id}/live/screen"
    empty = any_client.put(api, json={"mode": "message"}, headers=bearer(made.facilitator))
    assert empty.status_code == 422
    assert empty.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in empty.json()["errors"]] == ["message"]
    fast = any_client.put(api, json={"pace_seconds": 1}, headers=bearer(made.facilitator))
    assert fast.status_code == 422
    assert "pace_seconds" in fast.text
    unknown = any_client.put(api, json={"mode": "disco"}, headers=bearer(made.facilitator))
    assert unknown.status_code == 422
    assert any_client.get(api, headers=bearer(made.facilitator)).json()["mode"] == "clock"
    # Only the facilitator changes what the room sees.
    for token in (made.executive, next(iter(room.tokens.values()))):
        refused = any_client.put(api, json={"mode": "blank"}, headers=bearer(token))
        assert refused.status_code == 403


def test_closing_figures_count_rounds_played_pairs_met_and_the_board(
    any_client: TestClient,
) -> None:
    room = planned_room(any_client, rounds=3)
    made = room.made
    live = f"/api/v1/sessions/{made.id}/live/controls"
    show = any_client.get(f"/api/v1/sessions/{made.id}/live", headers=bearer(made.facilitator))
    segments = show.json()["show"]

    def send(kind: str) -> dict[str, object]:
        body = {"id": uuid.uuid4().hex, "kind": kind}
        answer = any_client.post(live, json=body, headers=bearer(made.facilitator))
        assert answer.is_success, answer.text
        clock: dict[str, object] = answer.json()["clock"]
        return clock

    clock = send("start")
    while segments[int(str(clock["segment_index"]))]["round"] != 2:  # into round 2's talk
        clock = send("skip")
    send("end")
    figures = any_client.get(
        f"/api/v1/sessions/{made.id}/live/screen", headers=bearer(made.facilitator)
    ).json()["closing"]
    # Two rounds began before the end; five people sit in pairs (one sits out) each round.
    assert figures["rounds_played"] == 2
    plan = any_client.get(f"/api/v1/sessions/{made.id}/plan", headers=bearer(made.facilitator))
    pairs = set()
    for r in plan.json()["rounds"][:2]:
        for g in r["groups"]:
            members = sorted(str(m) for m in g["members"])
            pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    assert figures["pairs_met"] == len(pairs)


def test_the_join_address_sends_a_known_phone_to_its_live_view(any_client: TestClient) -> None:
    room = planned_room(any_client, rounds=2)
    sid = room.made.id
    stranger = any_client.get(f"/j/{sid}", follow_redirects=False)
    assert stranger.status_code == 200
    assert "Open the personal link from your invitation" in stranger.text
    token = next(iter(room.tokens.values()))
    any_client.get(f"/l/{token}", follow_redirects=False)  # the link sets its cookie
    known = any_client.get(f"/j/{sid}", follow_redirects=False)
    assert known.status_code == 303
    assert known.headers["location"] == f"/s/{sid}/live"


def test_the_screen_and_the_table_cards_carry_a_scannable_join_code(client: TestClient) -> None:
    room = planned_room(client, rounds=2)
    sid, made = room.made.id, room.made
    screen = client.get(f"/s/{sid}/screen", headers=bearer(made.executive)).text
    cards = client.get(f"/s/{sid}/facilitate/plan/cards", headers=bearer(made.facilitator)).text
    someone = next(iter(room.tokens.values()))
    itinerary = client.get(f"/s/{sid}/me/itinerary", headers=bearer(someone)).text
    for html in (screen, cards, itinerary):
        assert f"/j/{sid}" in html
        assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox=' in html
        assert 'role="img" aria-label="QR code: ' in html
