"""Action item status through the API: owners and the facilitator report, nobody else can."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.factories import bearer
from tests.support.actions import Room, backdate, key, make_action, room


def status_url(r: Room) -> str:
    return f"/api/v1/sessions/{r.made.id}/actions/{r.action_id}/status"


def test_the_owner_reports_status_and_everyone_reads_it(client: TestClient) -> None:
    r = room(client)
    response = client.post(
        status_url(r), json={"id": key(), "status": "in_progress"}, headers=bearer(r.owner)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["status"], body["owner_name"], body["status_by"]) == (
        "in_progress",
        "Dana Lee",
        str(r.owner_id),
    )
    for token in (r.made.executive, r.other, r.made.facilitator):
        listed = client.get(f"/api/v1/sessions/{r.made.id}/actions", headers=bearer(token))
        assert [a["status"] for a in listed.json()] == ["in_progress"]
    board = client.get(f"/api/v1/sessions/{r.made.id}/board", headers=bearer(r.owner)).json()
    assert board["actions"][0]["status"] == "in_progress"


def test_blocked_without_a_reason_is_a_field_error(client: TestClient) -> None:
    r = room(client)
    refused = client.post(
        status_url(r), json={"id": key(), "status": "blocked"}, headers=bearer(r.owner)
    )
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in refused.json()["errors"]] == ["reason"]
    unknown = client.post(
        status_url(r), json={"id": key(), "status": "finished"}, headers=bearer(r.owner)
    )
    assert [e["field"] for e in unknown.json()["errors"]] == ["status"]
    ok = client.post(
        status_url(r),
        json={"id": key(), "status": "blocked", "reason": "Waiting for the CRM export"},
        headers=bearer(r.owner),
    )
    assert ok.json()["blocked_reason"] == "Waiting for the CRM export"


def test_only_the_owner_or_the_facilitator_may_report(client: TestClient) -> None:
    r = room(client)
    body = {"id": key(), "status": "done"}
    assert client.post(status_url(r), json=body, headers=bearer(r.other)).status_code == 403
    executive = client.post(status_url(r), json=body, headers=bearer(r.made.executive))
    assert executive.status_code == 403
    facilitator = client.post(status_url(r), json=body, headers=bearer(r.made.facilitator))
    assert facilitator.status_code == 200
    assert facilitator.json()["status_by"] == "facilitator"
    missing = f"/api/v1/sessions/{r.made.id}/actions/nope/status"
    assert client.post(missing, json=body, headers=bearer(r.owner)).status_code == 404


def test_status_updates_work_on_a_locked_board_after_the_session_ended(
    client: TestClient,
) -> None:
    r = room(client)
    facilitator = bearer(r.made.facilitator)
    base = f"/api/v1/sessions/{r.made.id}"
    assert client.post(f"{base}/board/lock", json={"id": key()}, headers=facilitator).is_success
    assert client.post(f"{base}/plan", json={"rounds": 1}, headers=facilitator).is_success
    for kind in ("start", "end"):
        control = client.post(
            f"{base}/live/controls", json={"id": key(), "kind": kind}, headers=facilitator
        )
        assert control.status_code == 200, control.text
    done = client.post(status_url(r), json={"id": key(), "status": "done"}, headers=bearer(r.owner))
    assert done.status_code == 200
    assert done.json()["status"] == "done"


def test_a_retried_update_acts_once_and_leaves_one_audit_entry(client: TestClient) -> None:
    r = room(client)
    body = {"id": key(), "status": "done"}
    for _ in range(2):
        assert client.post(status_url(r), json=body, headers=bearer(r.owner)).status_code == 200
    # Reopening with the same command id does nothing either: the board remembers the id.
    again = client.post(
        status_url(r), json={**body, "status": "open"}, headers=bearer(r.owner)
    ).json()
    assert again["status"] == "done"


def test_overdue_items_are_flagged_and_mine_filters(client: TestClient) -> None:
    r = room(client)
    make_action(client, r.made, r.other_id, r.item_id, date.today() + timedelta(30))
    mine = client.get(f"/api/v1/sessions/{r.made.id}/actions?mine=true", headers=bearer(r.owner))
    assert [(a["id"], a["overdue"]) for a in mine.json()] == [(r.action_id, False)]
    backdate(client, r.made.id, r.action_id, date.today() - timedelta(days=3))
    listed = client.get(f"/api/v1/sessions/{r.made.id}/actions", headers=bearer(r.made.executive))
    assert [a["overdue"] for a in listed.json()] == [True, False]
    done = client.post(status_url(r), json={"id": key(), "status": "done"}, headers=bearer(r.owner))
    assert done.json()["overdue"] is False
    executive = client.get(
        f"/api/v1/sessions/{r.made.id}/actions?mine=true", headers=bearer(r.made.executive)
    )
    assert executive.status_code == 422
