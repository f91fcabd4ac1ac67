"""The JSON API for sessions and goals: validation, problem+json, and state."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import bearer, make_session

VALID: dict[str, Any] = {
    "title": "Q1 leadership speed-dating",
    "starts_at": "2027-01-14T09:00:00",
    "timezone": "Europe/Berlin",
    "goals": ["Cut onboarding time in half"],
}


def problem_fields(response: Any) -> dict[str, str]:
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == response.status_code
    return {e["field"]: e["message"] for e in body.get("errors", [])}


def test_create_session_returns_links_and_default_rules(client: TestClient) -> None:
    response = client.post("/api/v1/sessions", json=VALID)

    assert response.status_code == 201
    body = response.json()
    assert body["facilitator_url"].startswith("http://testserver/l/")
    assert body["executive_url"] != body["facilitator_url"]
    session = body["session"]
    assert response.headers["location"] == f"/api/v1/sessions/{session['id']}"
    assert session["ground_rules"][0] == "This is NOT a complaint session"
    assert len(session["ground_rules"]) == 3
    # 09:00 in Berlin in January is 08:00 UTC.
    assert session["starts_at"].startswith("2027-01-14T08:00:00")
    assert [g["text"] for g in session["goals"]] == VALID["goals"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"goals": []}, "goals"),
        ({"goals": [f"Goal number {i}" for i in range(8)]}, "goals"),
        ({"goals": ["Same goal", "same goal"]}, "goals"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"starts_at": "next tuesday"}, "starts_at"),
        ({"ground_rules": []}, "ground_rules"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_create_session_rejects_bad_input_with_field_errors(
    client: TestClient, change: dict[str, Any], field: str
) -> None:
    response = client.post("/api/v1/sessions", json={**VALID, **change})

    assert response.status_code == 422
    fields = problem_fields(response)
    assert any(key == field or key.startswith(field + ".") for key in fields), fields


def test_malformed_json_is_a_problem_not_a_crash(client: TestClient) -> None:
    response = client.post(
        "/api/v1/sessions", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["type"] == "urn:roundtable:problem:validation"


def test_update_session_changes_only_what_is_sent(client: TestClient) -> None:
    made = make_session(client)
    response = client.patch(
        f"/api/v1/sessions/{made.id}",
        json={"title": "Renamed session", "timezone": "America/New_York"},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Renamed session"
    assert body["timezone"] == "America/New_York"
    assert body["goals"] == made.body["session"]["goals"]


def test_bad_update_keeps_the_saved_session(client: TestClient) -> None:
    made = make_session(client)
    url = f"/api/v1/sessions/{made.id}"
    response = client.patch(
        url, json={"title": "", "timezone": "Nowhere/Else"}, headers=bearer(made.facilitator)
    )
    assert response.status_code == 422
    assert set(problem_fields(response)) == {"title", "timezone"}
    assert client.get(url, headers=bearer(made.facilitator)).json()["title"] == (
        "Q1 leadership speed-dating"
    )


def test_goals_can_be_added_reworded_and_removed_within_limits(client: TestClient) -> None:
    made = make_session(client)
    url = f"/api/v1/sessions/{made.id}/goals"
    auth = bearer(made.facilitator)
    for i in range(5):
        assert client.post(url, json={"text": f"Extra goal {i}"}, headers=auth).status_code == 201
    too_many = client.post(url, json={"text": "The eighth goal"}, headers=auth)
    assert too_many.status_code == 422
    assert "at most 7" in problem_fields(too_many)["text"]

    goals = client.get(url, headers=auth).json()
    assert [g["position"] for g in goals] == list(range(1, 8))
    first = goals[0]["id"]
    duplicate = client.patch(f"{url}/{first}", json={"text": "extra goal 3"}, headers=auth)
    assert duplicate.status_code == 422
    assert client.delete(f"{url}/{first}", headers=auth).status_code == 204
    assert len(client.get(url, headers=auth).json()) == 6
    assert client.delete(f"{url}/999999", headers=auth).status_code == 404


def test_the_last_goal_cannot_be_removed(client: TestClient) -> None:
    made = make_session(client, goals=["Only goal"])
    auth = bearer(made.facilitator)
    goal_id = made.body["session"]["goals"][0]["id"]
    response = client.delete(f"/api/v1/sessions/{made.id}/goals/{goal_id}", headers=auth)
    assert response.status_code == 409
    assert "at least one goal" in response.json()["detail"]


def test_unknown_session_is_404_for_a_valid_token_elsewhere(client: TestClient) -> None:
    made = make_session(client)
    response = client.get("/api/v1/sessions/doesnotexist", headers=bearer(made.facilitator))
    assert response.status_code == 403  # a token never probes other sessions


def test_me_tells_the_role_of_the_link(client: TestClient) -> None:
    made = make_session(client)
    me = client.get(f"/api/v1/sessions/{made.id}/me", headers=bearer(made.executive)).json()
    assert me["role"] == "executive"
    assert me["participant_id"] is None


def test_openapi_schema_lists_every_operation(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert "/api/v1/sessions" in paths
    assert "/api/v1/sessions/{session_id}/participants/import" in paths
    assert "post" in paths["/api/v1/sessions/{session_id}/links/{link_id}/revoke"]
    assert not any(path.startswith("/s/") for path in paths)  # pages stay out of the API schema
