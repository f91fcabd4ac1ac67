"""After-meeting follow-ups through the API: private, to the board, proposed and confirmed."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.factories import add_person, bearer, invite, make_session
from tests.web.test_api_itinerary import planned

SECRET = "Dana sends the credit policy draft to Marcus"


def test_a_private_follow_up_is_read_by_its_author_only(any_client: TestClient) -> None:
    made, people, tokens = planned(any_client)
    base = f"/api/v1/sessions/{made.id}"
    body = {"text": SECRET, "owner_id": people[0]["id"], "round_no": 1}
    saved = any_client.put(
        f"{base}/me/follow-ups/{people[1]['id']}", json=body, headers=bearer(tokens[0])
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["share"] == "private"
    mine = any_client.get(f"{base}/me/follow-ups", headers=bearer(tokens[0])).json()
    assert [f["text"] for f in mine] == [SECRET]
    # The counterpart and everyone else: nothing.
    for token in (tokens[1], tokens[2]):
        assert any_client.get(f"{base}/me/follow-ups", headers=bearer(token)).json() == []
    for token in (made.facilitator, made.executive):
        assert any_client.get(f"{base}/me/follow-ups", headers=bearer(token)).status_code == 403
    proposed = any_client.get(f"{base}/follow-ups/proposed", headers=bearer(made.facilitator))
    assert proposed.json() == []
    board = any_client.get(f"{base}/board", headers=bearer(made.facilitator))
    assert SECRET not in board.text
    other = make_session(any_client, title="Elsewhere")
    stranger = invite(any_client, other, add_person(any_client, other, "Eve", "Legal")["id"])
    assert any_client.get(f"{base}/me/follow-ups", headers=bearer(stranger)).status_code == 403
    # The summary counts it, without its text.
    agreed = any_client.get(f"{base}/follow-ups/agreed", headers=bearer(made.executive))
    assert agreed.json() == [{"round": 1, "agreed": 1}]
    assert SECRET not in agreed.text


def test_send_to_the_board_captures_an_item(any_client: TestClient) -> None:
    made, people, tokens = planned(any_client)
    base = f"/api/v1/sessions/{made.id}"
    body = {"text": "Share the weekly pipeline file with Finance", "share": "board"}
    saved = any_client.put(
        f"{base}/me/follow-ups/{people[1]['id']}", json=body, headers=bearer(tokens[0])
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["board_item_id"]
    board = any_client.get(f"{base}/board", headers=bearer(tokens[2])).json()
    item = next(i for i in board["items"] if i["id"] == saved.json()["board_item_id"])
    assert "Agreed with Marcus Okafor: Share the weekly pipeline file" in item["what_happens"]


def test_a_proposed_follow_up_becomes_an_action_item_when_the_facilitator_accepts(
    any_client: TestClient,
) -> None:
    made, people, tokens = planned(any_client)
    base = f"/api/v1/sessions/{made.id}"
    due = (date.today() + timedelta(days=10)).isoformat()
    body = {"text": "Marcus adds credit checks to the deal desk", "share": "proposed"}
    body |= {"owner_id": people[1]["id"], "due": due, "round_no": 2}
    saved = any_client.put(
        f"{base}/me/follow-ups/{people[1]['id']}", json=body, headers=bearer(tokens[0])
    ).json()
    assert (
        any_client.post(
            f"{base}/follow-ups/{saved['id']}/accept", headers=bearer(tokens[0])
        ).status_code
        == 403
    )  # only the facilitator confirms
    waiting = any_client.get(f"{base}/follow-ups/proposed", headers=bearer(made.facilitator))
    assert [f["id"] for f in waiting.json()] == [saved["id"]]
    accepted = any_client.post(
        f"{base}/follow-ups/{saved['id']}/accept", headers=bearer(made.facilitator)
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["share"] == "accepted"
    actions = any_client.get(f"{base}/actions", headers=bearer(tokens[1])).json()
    action = next(a for a in actions if a["what"] == body["text"])
    assert action["due"] == due
    again = any_client.post(
        f"{base}/follow-ups/{saved['id']}/accept", headers=bearer(made.facilitator)
    )
    assert again.status_code == 404  # confirmed once, not twice


def test_bad_follow_ups_are_refused_per_field(any_client: TestClient) -> None:
    made, people, tokens = planned(any_client)
    url = f"/api/v1/sessions/{made.id}/me/follow-ups/{people[1]['id']}"
    body = {"text": "ok", "share": "everyone", "owner_id": people[2]["id"], "due": "2020-01-01"}
    response = any_client.put(url, json=body, headers=bearer(tokens[0]))
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"text", "share", "owner_id", "due"}
    assert (
        any_client.get(
            f"/api/v1/sessions/{made.id}/me/follow-ups", headers=bearer(tokens[0])
        ).json()
        == []
    )


def test_summary_shows_preparation_and_agreed_next_steps_per_round(
    any_client: TestClient,
) -> None:
    made, people, tokens = planned(any_client)
    base = f"/api/v1/sessions/{made.id}"
    plan = any_client.get(f"{base}/plan", headers=bearer(made.facilitator)).json()
    round_of = {frozenset(g["members"]): r["number"] for r in plan["rounds"] for g in r["groups"]}
    met = round_of[frozenset((people[0]["id"], people[1]["id"]))]
    secret = "Private prep text never in the summary"
    any_client.put(
        f"{base}/me/prep/{people[1]['id']}", json={"for_them": secret}, headers=bearer(tokens[0])
    )
    any_client.put(
        f"{base}/me/follow-ups/{people[1]['id']}",
        json={"text": "Private agreement text", "round_no": met},
        headers=bearer(tokens[0]),
    )
    rows = any_client.get(f"{base}/summary/preparation", headers=bearer(made.executive)).json()
    assert [r["round"] for r in rows] == [1, 2, 3]
    assert all(r["meetings_planned"] == 4 for r in rows)  # two pairs, each side counted
    by_round = {r["round"]: r for r in rows}
    assert by_round[met]["meetings_prepared"] == 1
    assert by_round[met]["agreed_next_steps"] == 1
    assert sum(r["meetings_prepared"] for r in rows) == 1
    any_client.get(f"/l/{made.executive}")
    page = any_client.get(f"/s/{made.id}/summary")
    assert page.status_code == 200
    assert "Preparation and agreed next steps" in page.text
    assert f'<th scope="row">{met}</th><td>1 of 4</td><td>1</td>' in page.text
    assert secret not in page.text
    assert "Private agreement text" not in page.text
    for token in tokens:  # participants do not read the summary counts API
        assert (
            any_client.get(f"{base}/summary/preparation", headers=bearer(token)).status_code == 403
        )
