"""How live frames reach sockets on a real uvicorn server: written once per event and handed
straight to each socket, or through the ASGI send where that is not possible; a client that
stops reading is cut off without holding up the others."""

from __future__ import annotations

import asyncio
import itertools
import json
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.e2e.rooms import planned_room
from tests.e2e.server import LiveServer
from tests.e2e.stuck import stuck_socket
from tests.e2e.test_live_ws import auth, control, frames, ws_url
from tests.support.aio import run_async


def live_stats(server: LiveServer) -> dict[str, int]:
    response = server.api("GET", "/healthz")
    assert response.status_code == 200, response.text
    stats: dict[str, int] = response.json()["live"]
    return stats


def test_roundtable_serve_turns_compression_off_so_frames_go_straight_to_sockets(
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server(cli=True)
    room = planned_room(server)

    async def scenario() -> None:
        # The client offers permessage-deflate, as browsers do.
        async with connect(
            ws_url(server, room.session), additional_headers=auth(room.people[0].token)
        ) as ws:
            start = json.loads(await ws.recv())["snapshot"]["seq"]
            assert ws.protocol.extensions == []
            stats = await asyncio.to_thread(live_stats, server)
            assert (stats["connections"], stats["direct_connections"]) == (1, 1)
            await asyncio.to_thread(control, server, room.session, "start")
            [event] = await frames(ws, 1)
            assert (event["seq"], event["type"]) == (start + 1, "clock")

    run_async(scenario())


@pytest.mark.parametrize(
    ("env", "direct"),
    [
        ({}, True),
        ({"UVICORN_WS_PER_MESSAGE_DEFLATE": "true"}, False),
        ({"UVICORN_WS": "websockets"}, False),
    ],
    ids=["default", "compression-negotiated", "legacy-websockets-server"],
)
def test_every_socket_gets_every_event_in_order_whichever_way_it_is_written(
    start_server: Callable[..., LiveServer], env: dict[str, str], direct: bool
) -> None:
    server = start_server(env=env)
    room = planned_room(server)
    session = room.session

    async def scenario() -> None:
        sockets: list[ClientConnection] = []
        try:
            for person in room.people[:3]:
                sockets.append(
                    await connect(ws_url(server, session), additional_headers=auth(person.token))
                )
            hellos = [json.loads(await ws.recv()) for ws in sockets]
            start = hellos[0]["snapshot"]["seq"]
            compressed = [bool(ws.protocol.extensions) for ws in sockets]
            assert compressed == [env.get("UVICORN_WS_PER_MESSAGE_DEFLATE") == "true"] * 3
            stats = await asyncio.to_thread(live_stats, server)
            assert stats["connections"] == 3
            assert stats["direct_connections"] == (3 if direct else 0)
            for kind in ("start", "pause", "resume", "extend", "skip"):
                extra = {"seconds": 30} if kind == "extend" else {}
                await asyncio.to_thread(control, server, session, kind, **extra)
            seen = [[(e["seq"], e["type"]) for e in await frames(ws, 5)] for ws in sockets]
            assert all(s == seen[0] for s in seen), seen
            assert [seq for seq, _ in seen[0]] == [start + i for i in range(1, 6)]
        finally:
            for ws in sockets:
                await ws.close()

    run_async(scenario())


def test_a_client_that_stops_reading_is_cut_off_and_the_others_get_every_event(
    start_server: Callable[..., LiveServer],
) -> None:
    """The stuck socket's kernel buffers fill, then its transport, then its queue of 256 frames:
    the server closes it as lagging while a reading client gets every event, in order.

    uvicorn's keep-alive would close it too, 20 + 20 s after an unanswered ping: pushed out, so
    that what closes it here is the hub's queue limit."""
    server = start_server(env={"UVICORN_WS_PING_INTERVAL": "600", "UVICORN_WS_PING_TIMEOUT": "600"})
    room = planned_room(server)
    session, people = room.session, room.people
    sid = session.id
    control(server, session, "start")
    item = {
        "id": uuid.uuid4().hex,
        "from_team": "Finance",
        "to_teams": ["Sales"],
        "what_happens": ("Quotes reach finance after the deal closed, so margins are redone. " * 3)[
            :190
        ],
        "impact": "high",
        "no_goal": True,
    }
    captured = server.api(
        "POST", f"/api/v1/sessions/{sid}/board/items", json=item, token=people[2].token
    )
    assert captured.status_code in (200, 201), captured.text
    votes = itertools.cycle(["vote", "unvote"])

    def toggle(_: Any) -> int:
        response = server.api(
            "POST",
            f"/api/v1/sessions/{sid}/board/items/{item['id']}/{next(votes)}",
            json={"id": uuid.uuid4().hex},
            token=people[3].token,
        )
        assert response.status_code == 200, response.text
        return int(response.json()["seq"])

    async def scenario() -> None:
        reader = await connect(ws_url(server, session), additional_headers=auth(people[0].token))
        hello = json.loads(await reader.recv())
        first = hello["snapshot"]["seq"]
        path = f"/api/v1/sessions/{sid}/live/ws?since=0"
        stuck = stuck_socket(server.port, path, people[1].token)
        received: list[int] = []
        last = first
        caught_up = asyncio.Event()

        async def read_all() -> None:
            async for message in reader:
                frame = json.loads(message)
                if "seq" in frame and frame["type"] != "presence":
                    received.append(frame["seq"])
                    if done and frame["seq"] >= last:
                        caught_up.set()

        done = False
        reading = asyncio.create_task(read_all())
        try:
            with ThreadPoolExecutor(1) as pool:  # one voter, as fast as the server answers
                for _ in range(60):  # batches of 50 votes, until the stuck client is cut off
                    seqs = await asyncio.get_running_loop().run_in_executor(
                        pool, lambda: [toggle(None) for _ in range(50)]
                    )
                    last = max(last, *seqs)
                    if (await asyncio.to_thread(live_stats, server))["lagging_closed"]:
                        break
            stats = await asyncio.to_thread(live_stats, server)
            assert stats["lagging_closed"] == 1, "the stuck client was never cut off"
            assert stats["connections"] == 1  # the reader is still connected
            done = True
            if received and received[-1] >= last:
                caught_up.set()
            async with asyncio.timeout(10):
                await caught_up.wait()
            assert received == list(range(first + 1, last + 1))
        finally:
            reading.cancel()
            stuck.close()
            await reader.close()

    run_async(scenario())
