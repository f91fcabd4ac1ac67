"""The capture board through the API: idempotent captures and votes, roles, facilitation."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi.testclient import TestClient

from app.services.board.schemas import BoardItemPublic, BoardPublic
from tests.factories import MadeSession, add_person, bearer, invite, make_session


def key() -> str:
    return uuid.uuid4().hex


def setup(client: TestClient) -> tuple[MadeSession, list[str]]:
    made = make_session(client)
    tokens = []
    for name, dept in (
        ("Dana Lee", "Finance"),
        ("Marcus Okafor", "Sales"),
        ("Aisha Khan", "Customer Success"),
    ):
        person = add_person(client, made, name, dept)
        tokens.append(invite(client, made, person["id"]))
    return made, tokens


def item(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": key(),
        "from_team": "sales",
        "to_teams": ["Finance"],
        "what_happens": "Deals close without billing contacts, so invoices bounce.",
        "impact": "high",
        "no_goal": True,
    }
    body.update(changes)
    return body


def url(made: MadeSession, path: str = "") -> str:
    return f"/api/v1/sessions/{made.id}/board{path}"


def test_a_retried_capture_creates_one_item(client: TestClient) -> None:
    made, tokens = setup(client)
    body = item()
    first = client.post(url(made, "/items"), json=body, headers=bearer(tokens[1]))
    again = client.post(url(made, "/items"), json=body, headers=bearer(tokens[1]))
    assert first.status_code == again.status_code == 201
    items = client.get(url(made), headers=bearer(made.executive)).json()["items"]
    assert len(items) == 1
    assert items[0]["from_team"] == "Sales"  # normalised to the department's spelling
    assert items[0]["author"] != "facilitator"


def test_bad_captures_get_field_errors_and_save_nothing(client: TestClient) -> None:
    made, tokens = setup(client)
    bad = client.post(
        url(made, "/items"),
        json=item(to_teams=["Sales"], what_happens="short", goal_id=999),
        headers=bearer(tokens[1]),
    )
    assert bad.status_code == 422
    fields = {e["field"] for e in bad.json()["errors"]}
    assert {"to_teams", "what_happens", "goal_id"} <= {f.split(".")[0] for f in fields}
    assert client.get(url(made), headers=bearer(made.facilitator)).json()["items"] == []


def test_votes_count_once_per_person_and_order_follows(client: TestClient) -> None:
    made, tokens = setup(client)
    quiet = item(impact="low", what_happens="Legal reviews arrive after the deadline each month.")
    loud = item()
    for body in (quiet, loud):
        client.post(url(made, "/items"), json=body, headers=bearer(tokens[1]))
    vote = {"id": key()}
    for _ in range(2):  # a double tap
        client.post(url(made, f"/items/{quiet['id']}/vote"), json=vote, headers=bearer(tokens[0]))
    client.post(
        url(made, f"/items/{quiet['id']}/vote"), json={"id": key()}, headers=bearer(tokens[2])
    )
    board = client.get(url(made), headers=bearer(made.facilitator)).json()
    assert [(i["id"], i["votes"]) for i in board["items"]] == [(quiet["id"], 2), (loud["id"], 0)]
    sales, finance = board["departments"].index("Sales"), board["departments"].index("Finance")
    assert board["heat_weights"][sales][finance] == 1 + 3  # low + high


def test_roles(client: TestClient) -> None:
    made, tokens = setup(client)
    body = item()
    client.post(url(made, "/items"), json=body, headers=bearer(tokens[1]))
    assert (
        client.post(url(made, "/items"), json=item(), headers=bearer(made.executive)).status_code
        == 403
    )
    assert (
        client.post(
            url(made, f"/items/{body['id']}/pin"), json={"id": key()}, headers=bearer(tokens[1])
        ).status_code
        == 403
    )
    other = client.post(
        url(made, f"/items/{body['id']}/remove"), json={"id": key()}, headers=bearer(tokens[0])
    )
    assert other.status_code == 403  # not their item
    own = client.post(
        url(made, f"/items/{body['id']}/remove"), json={"id": key()}, headers=bearer(tokens[1])
    )
    assert own.status_code == 200
    assert own.json()["items"] == []
    restored = client.post(
        url(made, f"/items/{body['id']}/restore"), json={"id": key()}, headers=bearer(tokens[1])
    )
    assert len(restored.json()["items"]) == 1


def test_facilitator_merges_pins_flags_and_makes_an_action_item(client: TestClient) -> None:
    made, tokens = setup(client)
    a, b = item(), item(what_happens="Sales closes deals with no billing contact on file.")
    client.post(url(made, "/items"), json=a, headers=bearer(tokens[1]))
    client.post(url(made, "/items"), json=b, headers=bearer(tokens[2]))
    client.post(url(made, f"/items/{b['id']}/vote"), json={"id": key()}, headers=bearer(tokens[0]))
    auth = bearer(made.facilitator)
    merged = client.post(
        url(made, f"/items/{a['id']}/merge"), json={"id": key(), "source_id": b["id"]}, headers=auth
    ).json()
    assert [i["id"] for i in merged["items"]] == [a["id"]]
    assert merged["items"][0]["votes"] >= 1  # Dana's vote moved over
    pinned = client.post(url(made, f"/items/{a['id']}/pin"), json={"id": key()}, headers=auth)
    assert pinned.json()["items"][0]["pinned"] is True
    flagged = client.post(
        url(made, f"/items/{a['id']}/complaint"), json={"id": key()}, headers=auth
    )
    assert flagged.json()["items"][0]["complaint"]["suggestion"]
    owner = client.get(f"/api/v1/sessions/{made.id}/participants", headers=auth).json()[0]["id"]
    action = client.post(
        url(made, f"/items/{a['id']}/action"),
        json={
            "id": key(),
            "owner": owner,
            "what": "Add billing contact field",
            "due": "2027-02-01",
        },
        headers=auth,
    )
    assert action.status_code == 200, action.text
    assert action.json()["actions"][0]["what"] == "Add billing contact field"


def test_lock_stops_participants_editing(client: TestClient) -> None:
    made, tokens = setup(client)
    body = item()
    client.post(url(made, "/items"), json=body, headers=bearer(tokens[1]))
    client.post(url(made, "/lock"), json={"id": key()}, headers=bearer(made.facilitator))
    edit = client.patch(
        url(made, f"/items/{body['id']}"),
        json=item(id=key(), what_happens="Changed after the lock, refused."),
        headers=bearer(tokens[1]),
    )
    assert edit.status_code == 409


def test_similar_items_are_suggested_while_typing(client: TestClient) -> None:
    made, tokens = setup(client)
    client.post(url(made, "/items"), json=item(), headers=bearer(tokens[1]))
    found = client.get(
        url(made, "/similar"),
        params={
            "text": "Invoices bounce because deals close without billing contacts",
            "from_team": "Sales",
            "to_teams": ["Finance"],
        },
        headers=bearer(tokens[2]),
    )
    assert found.status_code == 200
    assert len(found.json()) == 1
    none = client.get(
        url(made, "/similar"),
        params={"text": "The coffee machine is broken"},
        headers=bearer(tokens[2]),
    )
    assert none.json() == []


def test_going_live_seeds_the_board_from_agendas(client: TestClient) -> None:
    made, tokens = setup(client)
    me = client.get(f"/api/v1/sessions/{made.id}/me", headers=bearer(tokens[0])).json()
    client.put(
        f"/api/v1/sessions/{made.id}/agendas/{me['participant_id']}/draft",
        json={
            "butterfly_issue": "Late contract data means invoices are redone by hand.",
            "butterfly_targets": ["Sales"],
        },
        headers=bearer(tokens[0]),
    )
    auth = bearer(made.facilitator)
    client.post(f"/api/v1/sessions/{made.id}/plan", json={"rounds": 2}, headers=auth)
    client.post(
        f"/api/v1/sessions/{made.id}/live/controls",
        json={"id": key(), "kind": "start"},
        headers=auth,
    )
    items = client.get(url(made), headers=auth).json()["items"]
    assert [(i["origin"], i["from_team"], i["to_teams"]) for i in items] == [
        ("agenda", "Finance", ["Sales"])
    ]


def test_each_caller_sees_their_own_votes(client: TestClient) -> None:
    made, tokens = setup(client)
    body = item()
    client.post(url(made, "/items"), json=body, headers=bearer(tokens[1]))
    voted = client.post(
        url(made, f"/items/{body['id']}/vote"), json={"id": key()}, headers=bearer(tokens[0])
    )
    assert voted.json()["my_votes"] == [body["id"]]
    assert client.get(url(made), headers=bearer(tokens[0])).json()["my_votes"] == [body["id"]]
    assert client.get(url(made), headers=bearer(tokens[2])).json()["my_votes"] == []
    assert client.get(url(made), headers=bearer(made.executive)).json()["my_votes"] == []
    unvoted = client.post(
        url(made, f"/items/{body['id']}/unvote"), json={"id": key()}, headers=bearer(tokens[0])
    )
    assert unvoted.json()["my_votes"] == []
    assert unvoted.json()["items"][0]["votes"] == 0


def test_the_author_reframes_a_flagged_item(client: TestClient) -> None:
    made, tokens = setup(client)
    body = item(what_happens="Finance NEVER pays on time, they are useless and lazy!!!")
    client.post(url(made, "/items"), json=body, headers=bearer(tokens[1]))
    client.post(
        url(made, f"/items/{body['id']}/complaint"),
        json={"id": key()},
        headers=bearer(made.facilitator),
    )
    reframe = url(made, f"/items/{body['id']}/reframe")
    still = client.post(
        reframe,
        json={
            "id": key(),
            "observation": "Finance never pays on time, they are useless",
            "impact": "We lose deals",
            "ask": "Fix it",
        },
        headers=bearer(tokens[1]),
    )
    assert still.status_code == 422
    assert {e["field"] for e in still.json()["errors"]} == {"observation", "ask"}
    other = client.post(
        reframe,
        json={"id": key(), "observation": "x" * 20, "impact": "y" * 20, "ask": "z" * 20},
        headers=bearer(tokens[0]),
    )
    assert other.status_code == 403  # not their item
    good = client.post(
        reframe,
        json={
            "id": key(),
            "observation": "Supplier payments ran 12 days late in March",
            "impact": "Two suppliers paused deliveries for a week",
            "ask": "Could we agree on a payment run every Friday?",
        },
        headers=bearer(tokens[1]),
    )
    assert good.status_code == 200, good.text
    reframed = good.json()["items"][0]
    assert reframed["complaint"] is None
    assert reframed["what_happens"].startswith("Supplier payments ran 12 days late in March.")
    assert reframed["what_happens"].endswith("Could we agree on a payment run every Friday?")


def test_answers_have_exactly_the_documented_shape(client: TestClient) -> None:
    made, tokens = setup(client)
    body = item()
    captured = client.post(url(made, "/items"), json=body, headers=bearer(tokens[1]))
    again = client.post(url(made, "/items"), json=body, headers=bearer(tokens[1]))
    read = client.get(url(made), headers=bearer(tokens[0]))
    for answer in (captured, again, read):
        assert answer.headers["content-type"] == "application/json"
        data = answer.json()
        assert set(data) == set(BoardPublic.model_fields)
        BoardPublic.model_validate(data)
        assert set(data["items"][0]) == set(BoardItemPublic.model_fields)
    assert captured.json()["seq"] == read.json()["seq"] > 0
    assert again.json()["seq"] is None  # a retry: the events carry the board


def test_the_link_is_checked_before_the_board_command_body(any_client: TestClient) -> None:
    """Board commands check the link in their own worker thread, yet a caller without the right
    link learns nothing of what the route expects: 401/403 before FastAPI's 422, on SQLite and
    on PostgreSQL (where the link check's transaction goes on into the command's writes)."""
    client = any_client
    made, tokens = setup(client)
    json_body = {"content-type": "application/json"}
    for path, writer in (("/items", tokens[0]), ("/lock", made.facilitator)):
        for body in ('{"impact": "enormous"}', "{not json"):
            for headers, status in (
                ({}, 401),
                (bearer(made.executive), 403),
                ({"Authorization": "Bearer " + "x" * 43}, 401),
                (bearer(writer), 422),
            ):
                response = client.post(
                    url(made, path), content=body, headers={**headers, **json_body}
                )
                assert response.status_code == status, (path, body, headers, response.text)
    captured = client.post(url(made, "/items"), json=item(), headers=bearer(tokens[0]))
    assert captured.status_code == 201  # the same route, valid, acts
    assert captured.json()["seq"] >= 1
    voted = client.post(
        url(made, f"/items/{captured.json()['items'][0]['id']}/vote"),
        json={"id": key()},
        headers=bearer(tokens[1]),
    )
    assert voted.status_code == 200
    assert voted.json()["my_votes"] == [captured.json()["items"][0]["id"]]
    assert voted.json()["items"][0]["votes"] == 1
