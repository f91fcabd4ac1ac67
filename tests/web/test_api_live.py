"""Live API in-process: snapshot, controls, attendance re-planning, going live closes agendas."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.services.clock import log as clock_log
from tests.factories import MadeSession, add_person, bearer, invite, make_session

PEOPLE = [
    ("Ada Lovelace", "Engineering"),
    ("Mary Jackson", "Operations"),
    ("Grace Hopper", "Finance"),
    ("Dan Diaz", "Sales"),
    ("Eve Park", "Legal"),
    ("Finn Obi", "Support"),
]


def planned(client: TestClient) -> tuple[MadeSession, list[dict[str, Any]]]:
    made = make_session(client)
    people = [add_person(client, made, name, dept) for name, dept in PEOPLE]
    response = client.post(
        f"/api/v1/sessions/{made.id}/plan", json={"rounds": 4}, headers=bearer(made.facilitator)
    )
    assert response.status_code == 201
    return made, people


def control(client: TestClient, made: MadeSession, kind: str, **extra: Any) -> Any:
    response = client.post(
        f"/api/v1/sessions/{made.id}/live/controls",
        json={"id": uuid.uuid4().hex, "kind": kind, **extra},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_start_needs_a_plan_and_snapshot_shows_the_run_of_show(any_client: TestClient) -> None:
    client = any_client
    made = make_session(client)
    refused = client.post(
        f"/api/v1/sessions/{made.id}/live/controls",
        json={"id": uuid.uuid4().hex, "kind": "start"},
        headers=bearer(made.facilitator),
    )
    assert refused.status_code == 409
    assert "rotation plan" in refused.json()["detail"]
    made, _ = planned(client)
    snap = client.get(f"/api/v1/sessions/{made.id}/live", headers=bearer(made.executive)).json()
    kinds = [s["kind"] for s in snap["show"]]
    assert kinds[0] == "welcome"
    assert kinds[-1] == "wrapup"
    assert kinds.count("topic") == 4 * 6  # 4 rounds x 3 topics x 2 speakers
    assert snap["clock"]["status"] == "not_started"


def test_pause_freezes_and_extend_moves_the_deadline(any_client: TestClient) -> None:
    client = any_client
    made, _ = planned(client)
    running = control(client, made, "start")["clock"]
    assert running["status"] == "running"
    paused = control(client, made, "pause")["clock"]
    assert paused["status"] == "paused"
    assert paused["deadline_ms"] is None
    extended = control(client, made, "extend", seconds=60)["clock"]
    assert extended["remaining_ms"] == paused["remaining_ms"] + 60_000
    resumed = control(client, made, "resume")["clock"]
    assert resumed["status"] == "running"
    assert resumed["deadline_ms"] > running["deadline_ms"]
    bad = client.post(
        f"/api/v1/sessions/{made.id}/live/controls",
        json={"id": uuid.uuid4().hex, "kind": "explode"},
        headers=bearer(made.facilitator),
    )
    assert bad.status_code == 422


def test_the_link_is_checked_before_the_control_body(client: TestClient) -> None:
    """Without the facilitator's link, even a broken body says only that the link is wrong."""
    made, _ = planned(client)
    url = f"/api/v1/sessions/{made.id}/live/controls"
    json_body = {"content-type": "application/json"}
    for body in ('{"kind": "explode"}', "{not json"):
        for headers, status in (
            ({}, 401),
            (bearer(made.executive), 403),
            ({"Authorization": "Bearer " + "x" * 43}, 401),
            (bearer(made.facilitator), 422),
        ):
            response = client.post(url, content=body, headers={**headers, **json_body})
            assert response.status_code == status, (body, headers, response.text)
            assert response.headers["content-type"] == "application/problem+json"
    assert control(client, made, "start")["seq"] >= 1  # the same route, valid, acts


def test_a_control_sees_controls_another_worker_logged(
    any_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each worker keeps the control log it last replayed; it must read what others added."""
    client = any_client
    made, _ = planned(client)
    control(client, made, "start")
    control(client, made, "pause")  # this worker now holds the log [start, pause]
    this_worker = clock_log.replays
    with monkeypatch.context() as other_worker:  # a second worker, with a cache of its own
        other_worker.setattr(clock_log, "replays", clock_log.ReplayCache())
        control(client, made, "resume")
        control(client, made, "extend", seconds=30)
    assert clock_log.replays is this_worker
    # Stale, this worker would think the clock paused and refuse the pause.
    paused = control(client, made, "pause")
    assert paused["clock"]["status"] == "paused"
    assert paused["clock"]["seq"] == 5
    snap = client.get(f"/api/v1/sessions/{made.id}/live", headers=bearer(made.executive)).json()
    for key in ("status", "seq", "segment_index", "remaining_ms"):
        assert snap["clock"][key] == paused["clock"][key], key


def test_going_live_closes_agendas(client: TestClient) -> None:
    made, people = planned(client)
    token = invite(client, made, people[0]["id"])
    control(client, made, "start")
    response = client.put(
        f"/api/v1/sessions/{made.id}/agendas/{people[0]['id']}/draft",
        json={"what_we_do": "Too late to change this now."},
        headers=bearer(token),
    )
    assert response.status_code == 403
    assert "live" in response.json()["detail"]


def test_absence_replans_only_rounds_not_yet_started(client: TestClient) -> None:
    made, people = planned(client)
    before = client.get(f"/api/v1/sessions/{made.id}/plan", headers=bearer(made.facilitator))
    control(client, made, "start")
    control(client, made, "skip")  # welcome done: round 1 has started
    leaver = people[0]["id"]
    response = client.post(
        f"/api/v1/sessions/{made.id}/live/attendance/{leaver}",
        json={"status": "absent"},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 200
    assert response.json()["replanned"] is True
    after = client.get(f"/api/v1/sessions/{made.id}/plan", headers=bearer(made.facilitator))
    old, new = before.json(), after.json()
    assert new["version"] == old["version"] + 1
    assert new["rounds"][0] == old["rounds"][0]  # the round being played stays as it is
    for r in new["rounds"][1:]:
        seated = [m for g in r["groups"] for m in g["members"]] + r["sitting_out"]
        assert leaver not in seated
    assert len(new["rounds"]) == 4
    regenerate = client.post(
        f"/api/v1/sessions/{made.id}/plan", json={"rounds": 4}, headers=bearer(made.facilitator)
    )
    assert regenerate.status_code == 409  # live: only the remaining rounds may change
    participant = invite(client, made, people[1]["id"])
    denied = client.post(
        f"/api/v1/sessions/{made.id}/live/attendance/{leaver}",
        json={"status": "arrived"},
        headers=bearer(participant),
    )
    assert denied.status_code == 403


def test_run_of_show_is_editable_until_the_session_goes_live(client: TestClient) -> None:
    made, _ = planned(client)
    url = f"/api/v1/sessions/{made.id}/live/show"
    auth = bearer(made.facilitator)
    changed = client.put(
        url,
        json={"topic_seconds": [90, 120, 150], "break_seconds": 300, "break_every": 2},
        headers=auth,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["topic_seconds"] == [90, 120, 150]
    show = client.get(f"/api/v1/sessions/{made.id}/live", headers=auth).json()["show"]
    assert [s["seconds"] for s in show if s["kind"] == "topic"][:2] == [90, 90]
    assert [s["kind"] for s in show].count("break") == 1  # after round 2 of 4, not the last
    bad = client.put(url, json={"topic_seconds": [0, 120, 120]}, headers=auth)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"].startswith("topic_seconds")
    control(client, made, "start")
    late = client.put(url, json={"welcome_seconds": 60}, headers=auth)
    assert late.status_code == 409
