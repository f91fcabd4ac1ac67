"""The live protocol against a real uvicorn server with real websocket clients."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.e2e.rooms import planned_room
from tests.e2e.server import CreatedSession, LiveServer
from tests.support.aio import run_async
from tests.support.services import REDIS_URL, require_service


def ready_session(server: LiveServer) -> tuple[CreatedSession, list[Any]]:
    """A session with four invited people and a three-round plan."""
    room = planned_room(server)
    return room.session, room.people


def control(server: LiveServer, session: CreatedSession, kind: str, **extra: Any) -> Any:
    body = {"id": uuid.uuid4().hex, "kind": kind, **extra}
    response = server.api(
        "POST",
        f"/api/v1/sessions/{session.id}/live/controls",
        json=body,
        token=session.facilitator_token,
    )
    assert response.status_code == 200, response.text
    return response.json()


def ws_url(server: LiveServer, session: CreatedSession, since: int = 0) -> str:
    return f"ws://127.0.0.1:{server.port}/api/v1/sessions/{session.id}/live/ws?since={since}"


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def frames(ws: ClientConnection, count: int, wait: float = 5) -> list[dict[str, Any]]:
    """The next ``count`` event frames (pongs, errors and presence skipped)."""
    got: list[dict[str, Any]] = []
    async with asyncio.timeout(wait):
        while len(got) < count:
            message = json.loads(await ws.recv())
            if message["type"] not in ("pong", "error", "presence"):
                got.append(message)
    return got


def test_snapshot_then_resume_without_gaps_or_duplicates(
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server()
    session, people = ready_session(server)

    async def scenario() -> None:
        async with connect(ws_url(server, session), additional_headers=auth(people[0].token)) as ws:
            hello = json.loads(await ws.recv())
            assert hello["type"] == "hello"
            first_seq = hello["snapshot"]["seq"]
            assert hello["snapshot"]["clock"]["status"] == "not_started"
            assert hello["snapshot"]["show"][0]["kind"] == "welcome"
            control(server, session, "start")
            control(server, session, "pause")
            control(server, session, "resume")
            events = await frames(ws, 3)
            assert [e["seq"] for e in events] == [first_seq + 1, first_seq + 2, first_seq + 3]
            assert [e["data"]["control"]["kind"] for e in events] == ["start", "pause", "resume"]
            last = events[-1]["seq"]
        control(server, session, "extend", seconds=30)
        control(server, session, "skip")
        async with connect(
            ws_url(server, session, since=last), additional_headers=auth(people[1].token)
        ) as ws:
            hello = json.loads(await ws.recv())
            assert hello["snapshot"] is None
            missed = await frames(ws, 2)
            assert [e["seq"] for e in missed] == [last + 1, last + 2]
            with pytest.raises(TimeoutError):
                await frames(ws, 1, wait=0.5)  # and nothing twice

    run_async(scenario())


def test_controls_are_idempotent_and_guarded(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    session, _ = ready_session(server)
    url = f"/api/v1/sessions/{session.id}/live/controls"
    body = {"id": "double-click-1", "kind": "start"}
    first = server.api("POST", url, json=body, token=session.facilitator_token)
    again = server.api("POST", url, json=body, token=session.facilitator_token)
    assert first.status_code == again.status_code == 200
    assert again.json()["clock"]["seq"] == 1  # acted once
    stale = server.api(
        "POST",
        url,
        json={"id": "x" * 10, "kind": "pause", "expected_seq": 0},
        token=session.facilitator_token,
    )
    assert stale.status_code == 409
    assert "changed since you looked" in stale.json()["detail"]
    twice = server.api(
        "POST", url, json={"id": "y" * 10, "kind": "resume"}, token=session.facilitator_token
    )
    assert twice.status_code == 409


def test_a_revoked_link_closes_its_open_websocket(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    session, people = ready_session(server)
    links = server.api(
        "GET", f"/api/v1/sessions/{session.id}/links", token=session.facilitator_token
    ).json()
    # Adding a person issues a link and the harness's invite replaces it: take the one in force.
    link_id = next(x["id"] for x in links if x["participant_id"] == people[0].id and x["active"])

    async def scenario() -> None:
        async with (
            connect(ws_url(server, session), additional_headers=auth(people[0].token)) as ws,
            connect(ws_url(server, session), additional_headers=auth(people[1].token)) as other,
        ):
            await ws.recv()
            await other.recv()
            revoked = server.api(
                "POST",
                f"/api/v1/sessions/{session.id}/links/{link_id}/revoke",
                token=session.facilitator_token,
            )
            assert revoked.status_code == 200
            assert await close_code(ws) == 4403
            await other.send(json.dumps({"type": "ping", "id": 1, "t0": 0}))
            assert json.loads(await other.recv())["type"] in ("pong", "link_revoked")

    run_async(scenario())


def test_refused_connections_and_bad_messages(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    session, people = ready_session(server)

    async def scenario() -> None:
        for headers in (
            {},
            auth("not-a-token"),
            {**auth(people[0].token), "Origin": "https://evil.example"},
        ):
            async with connect(ws_url(server, session), additional_headers=headers) as ws:
                assert await close_code(ws) == 1008
        base = ws_url(server, session).split("?")[0]
        for query in ("?since=-1", "?since=abc", "?since=1.5", "?since=" + "9" * 30):
            async with connect(base + query, additional_headers=auth(people[0].token)) as ws:
                assert await close_reason(ws) == (1008, "since must be a whole number, 0 or more")
        async with connect(ws_url(server, session), additional_headers=auth(people[0].token)) as ws:
            await ws.recv()
            for bad in ("{not json", "[1, 2]", json.dumps({"type": "capture"})):
                await ws.send(bad)
                reply = json.loads(await ws.recv())
                assert reply["type"] == "error"
            await ws.send("x" * 5000)
            assert await close_code(ws) == 1009
        state = server.api(
            "GET", f"/api/v1/sessions/{session.id}/live", token=session.facilitator_token
        ).json()
        assert state["clock"]["status"] == "not_started"  # nothing a client sent changed it

    run_async(scenario())


async def close_code(ws: ClientConnection, wait: float = 5) -> int | None:
    """Read until the server closes; its close code."""
    closed = await close_reason(ws, wait)
    return closed[0] if closed else None


async def close_reason(ws: ClientConnection, wait: float = 5) -> tuple[int, str] | None:
    """Read until the server closes; its close code and reason."""
    try:
        async with asyncio.timeout(wait):
            while True:
                await ws.recv()
    except ConnectionClosed as closed:
        return (closed.rcvd.code, closed.rcvd.reason) if closed.rcvd else None


async def estimate_offset(ws: ClientConnection, skew_ms: int) -> int:
    """NTP-style, as static/shared/live_sync.js does it: keep the lowest round trip of five."""
    best: tuple[int, int] | None = None
    for n in range(5):
        t0 = int(time.time() * 1000) + skew_ms
        await ws.send(json.dumps({"type": "ping", "id": n, "t0": t0}))
        while (reply := json.loads(await ws.recv()))["type"] != "pong":
            pass
        t1 = int(time.time() * 1000) + skew_ms
        sample = (t1 - t0, reply["server_ms"] - (t0 + t1) // 2)
        best = sample if best is None or sample[0] < best[0] else best
    assert best is not None
    return best[1]


def test_skewed_client_clocks_show_the_same_remaining_time(
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server()
    session, people = ready_session(server)
    deadline = control(server, session, "start")["clock"]["deadline_ms"]

    async def scenario() -> list[int]:
        shown = []
        for person, skew in ((people[0], 5 * 60_000), (people[1], -5 * 60_000)):
            async with connect(
                ws_url(server, session), additional_headers=auth(person.token)
            ) as ws:
                await ws.recv()
                offset = await estimate_offset(ws, skew)
                real_now = int(time.time() * 1000)
                local_now = real_now + skew
                # remaining as displayed, normalised to one shared real instant
                # what this client displays, plus the real time it displayed it: the sum is the
                # real deadline as this client believes it; both must agree.
                shown.append(deadline - (local_now + offset) + real_now)
        return shown

    a, b = run_async(scenario())
    assert abs(a - b) <= 50


def test_sigkill_mid_round_loses_no_control(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    session, people = ready_session(server)
    control(server, session, "start")
    control(server, session, "skip")
    before = control(server, session, "extend", seconds=60)["clock"]
    os.killpg(server.pgid or 0, signal.SIGKILL)
    server.restart(hard=True)
    after = server.api(
        "GET", f"/api/v1/sessions/{session.id}/live", token=session.facilitator_token
    ).json()
    assert after["clock"]["status"] == "running"
    assert after["clock"]["seq"] == before["seq"] == 3
    assert after["clock"]["segment_index"] == before["segment_index"]
    assert after["clock"]["deadline_ms"] == before["deadline_ms"]

    async def resume() -> None:
        async with connect(
            ws_url(server, session, since=after["seq"]), additional_headers=auth(people[0].token)
        ) as ws:
            await ws.recv()
            control(server, session, "pause")
            (event,) = await frames(ws, 1)
            assert event["seq"] == after["seq"] + 1

    run_async(resume())


@pytest.mark.redis
def test_two_workers_behind_redis_deliver_the_same_events_in_order(
    start_server: Callable[..., LiveServer],
) -> None:
    require_service("Redis", REDIS_URL, 6379)
    server = start_server(workers=2, env={"BROADCAST_URL": REDIS_URL})
    session, people = ready_session(server)

    async def scenario() -> None:
        sockets: list[ClientConnection] = []
        workers: set[int] = set()
        try:
            for attempt in range(40):
                ws = await connect(
                    ws_url(server, session), additional_headers=auth(people[attempt % 4].token)
                )
                hello = json.loads(await ws.recv())
                sockets.append(ws)
                workers.add(hello["worker"])
                if len(workers) == 2 and len(sockets) >= 4:
                    break
            assert len(workers) == 2, "could not reach both workers"
            start = hello["snapshot"]["seq"]
            for kind in ("start", "pause", "resume", "skip", "skip_round"):
                control(server, session, kind)
            seen = [[e["seq"] for e in await frames(ws, 5)] for ws in sockets]
            assert all(s == [start + i for i in range(1, 6)] for s in seen), seen
        finally:
            for ws in sockets:
                await ws.close()

    run_async(scenario())


def test_plan_changes_reach_open_live_views(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    session, people = ready_session(server)

    async def scenario() -> None:
        async with connect(ws_url(server, session), additional_headers=auth(people[0].token)) as ws:
            await ws.recv()
            rerolled = server.api(
                "POST",
                f"/api/v1/sessions/{session.id}/plan/reroll",
                token=session.facilitator_token,
            )
            assert rerolled.status_code == 201
            (event,) = await frames(ws, 1)
            assert event["type"] == "plan"
            assert event["data"]["version"] == rerolled.json()["version"]

    run_async(scenario())


def test_captures_reach_every_client_once_even_when_retried(
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server()
    session, people = ready_session(server)
    body = {
        "id": uuid.uuid4().hex,
        "from_team": "Finance",
        "to_teams": ["Sales"],
        "what_happens": "Contract data arrives after signature, so invoices are redone.",
        "impact": "medium",
        "no_goal": True,
    }

    async def scenario() -> None:
        async with (
            connect(ws_url(server, session), additional_headers=auth(people[0].token)) as a,
            connect(ws_url(server, session), additional_headers=auth(people[1].token)) as b,
        ):
            await a.recv()
            await b.recv()
            for _ in range(3):  # a flaky network retries the same capture
                response = server.api(
                    "POST",
                    f"/api/v1/sessions/{session.id}/board/items",
                    json=body,
                    token=people[2].token,
                )
                assert response.status_code == 201
            for ws in (a, b):
                (event,) = await frames(ws, 1)
                assert event["type"] == "board"
                assert [i["id"] for i in event["data"]["items"]] == [body["id"]]
                with pytest.raises(TimeoutError):
                    await frames(ws, 1, wait=0.5)

    run_async(scenario())
