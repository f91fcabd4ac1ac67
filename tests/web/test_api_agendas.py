"""Agendas through the API: each rule enforced by the server, drafts, revisions, locking."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import MadeSession, add_person, bearer, invite, make_session


def complete(goal_id: int, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "what_we_do": "We run billing and collections for every product line.",
        "pressing_issue": "Invoices go out late when contract data is missing at signature.",
        "pressing_ask": "Could Sales add the billing contact to the deal checklist?",
        "pressing_goal_id": goal_id,
        "butterfly_issue": "Late contract data means invoices are re-issued by hand each month.",
        "butterfly_targets": ["Sales", "Customer Success"],
        "butterfly_cost": "About 40 hours a month of rework and delayed cash.",
        "butterfly_next_step": "Agree one required field set at contract signature.",
        "butterfly_no_goal": True,
    }
    body.update(changes)
    return body


@pytest.fixture
def setup(client: TestClient) -> tuple[MadeSession, dict[str, Any], str, int]:
    made = make_session(client)
    person = add_person(client, made, "Dana Lee", "Finance")
    token = invite(client, made, person["id"])
    goal_id = made.body["session"]["goals"][0]["id"]
    return made, person, token, goal_id


def url(made: MadeSession, person: dict[str, Any], action: str = "") -> str:
    return f"/api/v1/sessions/{made.id}/agendas/{person['id']}{action}"


def test_submit_a_complete_agenda(client: TestClient, setup: Any) -> None:
    made, person, token, goal_id = setup
    response = client.post(
        url(made, person, "/submit"), json=complete(goal_id), headers=bearer(token)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "submitted"
    assert body["submitted"] is True
    assert body["content"]["butterfly_targets"] == ["Sales", "Customer Success"]
    listed = client.get(f"/api/v1/sessions/{made.id}/agendas", headers=bearer(made.facilitator))
    assert [a["status"] for a in listed.json()] == ["submitted"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"what_we_do": ""}, "what_we_do", "required"),
        ({"pressing_issue": "Too short"}, "pressing_issue", "at least"),
        ({"pressing_ask": ""}, "pressing_ask", "required"),
        ({"butterfly_targets": []}, "butterfly_targets", "at least one team"),
        ({"butterfly_targets": ["Finance"]}, "butterfly_targets.0", "not your own"),
        ({"butterfly_next_step": ""}, "butterfly_next_step", "required"),
        ({"pressing_goal_id": 999999}, "pressing_goal_id", "this session's goals"),
        ({"pressing_goal_id": None}, "pressing_goal_id", "no goal fits"),
        ({"what_we_do": "x" * 1201}, "what_we_do", "at most 1200"),
    ],
)
def test_each_rule_is_enforced_on_submit(
    client: TestClient, setup: Any, change: dict[str, Any], field: str, words: str
) -> None:
    made, person, token, goal_id = setup
    response = client.post(
        url(made, person, "/submit"), json=complete(goal_id, **change), headers=bearer(token)
    )
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert field in errors, errors
    assert words in errors[field]
    saved = client.get(url(made, person), headers=bearer(token)).json()
    assert saved["status"] == "not_started"  # a refused submission saves nothing


def test_oversize_text_is_refused_even_in_a_draft(client: TestClient, setup: Any) -> None:
    made, person, token, _ = setup
    response = client.put(
        url(made, person, "/draft"), json={"what_we_do": "y" * 5001}, headers=bearer(token)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "what_we_do"


def test_drafts_may_be_partial_and_keep_revisions(client: TestClient, setup: Any) -> None:
    made, person, token, goal_id = setup
    first = client.put(
        url(made, person, "/draft"), json={"what_we_do": "We run billing."}, headers=bearer(token)
    )
    assert first.status_code == 200
    assert first.json()["status"] == "draft"
    version = first.json()["version"]
    client.post(
        url(made, person, "/submit"),
        json={**complete(goal_id), "version": version},
        headers=bearer(token),
    )
    revisions = client.get(url(made, person, "/revisions"), headers=bearer(made.facilitator))
    actions = [r["action"] for r in revisions.json()]
    assert actions == ["submit", "draft"]
    assert revisions.json()[1]["content"]["what_we_do"] == "We run billing."
    assert revisions.json()[0]["author"] == "Dana Lee (participant)"


def test_a_stale_version_is_refused_and_nothing_is_overwritten(
    client: TestClient, setup: Any
) -> None:
    made, person, token, _ = setup
    client.put(
        url(made, person, "/draft"),
        json={"what_we_do": "Saved in tab one.", "version": 0},
        headers=bearer(token),
    )
    stale = client.put(
        url(made, person, "/draft"),
        json={"what_we_do": "Typed in tab two.", "version": 0},
        headers=bearer(token),
    )
    assert stale.status_code == 409
    assert (
        client.get(url(made, person), headers=bearer(token)).json()["content"]["what_we_do"]
        == "Saved in tab one."
    )


def test_nobody_else_reads_or_writes_an_agenda(client: TestClient, setup: Any) -> None:
    made, person, _token, _goal_id = setup
    other = add_person(client, made, "Marcus Okafor", "Sales")
    other_token = invite(client, made, other["id"])
    assert client.get(url(made, person), headers=bearer(other_token)).status_code == 403
    assert (
        client.put(
            url(made, person, "/draft"),
            json={"what_we_do": "Hijack attempt here"},
            headers=bearer(other_token),
        ).status_code
        == 403
    )
    assert client.get(url(made, person), headers=bearer(made.executive)).status_code == 403
    assert (
        client.put(
            url(made, person, "/draft"), json={}, headers=bearer(made.facilitator)
        ).status_code
        == 403
    )
    assert client.get(url(made, person), headers=bearer(made.facilitator)).status_code == 200


def test_after_the_deadline_agendas_are_read_only_until_reopened(
    client: TestClient, setup: Any
) -> None:
    made, person, token, goal_id = setup
    session_url = f"/api/v1/sessions/{made.id}"
    client.patch(
        session_url,
        json={"agenda_deadline": "2020-01-01T00:00:00Z"},
        headers=bearer(made.facilitator),
    )
    closed = client.put(
        url(made, person, "/draft"), json={"what_we_do": "Too late now."}, headers=bearer(token)
    )
    assert closed.status_code == 403
    assert "deadline has passed" in closed.json()["detail"]
    assert client.get(url(made, person), headers=bearer(token)).json()["closed_reason"]

    client.patch(session_url, json={"agenda_window": "open"}, headers=bearer(made.facilitator))
    reopened = client.put(
        url(made, person, "/draft"), json={"what_we_do": "Reopened, saved."}, headers=bearer(token)
    )
    assert reopened.status_code == 200
    client.patch(
        session_url,
        json={"agenda_window": "locked", "agenda_deadline": None},
        headers=bearer(made.facilitator),
    )
    locked = client.post(
        url(made, person, "/submit"), json=complete(goal_id), headers=bearer(token)
    )
    assert locked.status_code == 403
    assert "locked" in locked.json()["detail"]


COMPLAINT = "Sales never sends contract data on time and their process is useless."


def test_framing_check_warns_by_default_and_flags_the_agenda(
    client: TestClient, setup: Any
) -> None:
    made, person, token, goal_id = setup
    response = client.post(
        url(made, person, "/submit"),
        json=complete(goal_id, pressing_issue=COMPLAINT),
        headers=bearer(token),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "flagged"
    assert body["framing"]["pressing_issue"]["complaint"] is True
    assert body["framing"]["butterfly_issue"]["complaint"] is False


def test_required_to_fix_blocks_a_complaint_until_reframed(client: TestClient, setup: Any) -> None:
    made, person, token, goal_id = setup
    client.patch(
        f"/api/v1/sessions/{made.id}",
        json={"framing_mode": "required_to_fix"},
        headers=bearer(made.facilitator),
    )
    blocked = client.post(
        url(made, person, "/submit"),
        json=complete(goal_id, pressing_issue=COMPLAINT),
        headers=bearer(token),
    )
    assert blocked.status_code == 422
    errors = {e["field"]: e["message"] for e in blocked.json()["errors"]}
    assert "reads as a complaint" in errors["pressing_issue"]
    fixed = client.post(url(made, person, "/submit"), json=complete(goal_id), headers=bearer(token))
    assert fixed.status_code == 200


def test_framing_check_endpoint(client: TestClient) -> None:
    response = client.post("/api/v1/framing/check", json={"text": COMPLAINT})
    body = response.json()
    assert body["complaint"] is True
    assert body["reasons"]
    assert body["suggestion"]
    for reason in body["reasons"]:
        if reason["start"] >= 0:
            assert COMPLAINT[reason["start"] : reason["end"]] == reason["excerpt"]
    calm = client.post(
        "/api/v1/framing/check",
        json={
            "text": "When contract data arrives after signature, Finance re-issues invoices "
            "by hand. "
            "Could we agree a required field set?"
        },
    )
    assert calm.json()["complaint"] is False
    assert client.post("/api/v1/framing/check", json={"text": "x" * 5001}).status_code == 422


def test_dependency_preview_and_goal_protection(client: TestClient, setup: Any) -> None:
    made, person, token, goal_id = setup
    client.post(url(made, person, "/submit"), json=complete(goal_id), headers=bearer(token))
    preview = client.get(
        f"/api/v1/sessions/{made.id}/agenda-preview", headers=bearer(made.facilitator)
    ).json()
    assert {(e["source"], e["target"], e["count"]) for e in preview} == {
        ("Finance", "Sales", 1),
        ("Finance", "Customer Success", 1),
    }
    removed = client.delete(
        f"/api/v1/sessions/{made.id}/goals/{goal_id}", headers=bearer(made.facilitator)
    )
    assert removed.status_code == 409
    assert "point at this goal" in removed.json()["detail"]


def test_invite_ics_carries_the_personal_link(client: TestClient, setup: Any) -> None:
    made, person, token, _ = setup
    response = client.get(
        f"/api/v1/sessions/{made.id}/participants/{person['id']}/invite.ics",
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    text = response.text
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART:20270114T080000Z" in text
    unfolded = text.replace("\r\n ", "")
    assert f"/l/{token}" in unfolded
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
