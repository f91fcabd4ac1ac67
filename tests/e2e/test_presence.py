"""Presence on a real server: the console learns who is connected, whichever worker they use."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect

from tests.e2e.rooms import planned_room
from tests.e2e.server import CreatedSession, LiveServer
from tests.support.aio import run_async
from tests.support.services import REDIS_URL, require_service


def ws_url(server: LiveServer, session: CreatedSession) -> str:
    return f"ws://127.0.0.1:{server.port}/api/v1/sessions/{session.id}/live/ws"


async def open_socket(server: LiveServer, session: CreatedSession, token: str) -> tuple[Any, int]:
    ws = await connect(
        ws_url(server, session), additional_headers={"Authorization": f"Bearer {token}"}
    )
    hello = json.loads(await ws.recv())
    return ws, int(hello["worker"])


async def presence_until(ws: ClientConnection, wanted: dict[str, int], wait: float = 10) -> None:
    """Read frames until a presence frame shows exactly ``wanted``."""
    seen: list[dict[str, int]] = []
    try:
        async with asyncio.timeout(wait):
            while True:
                frame = json.loads(await ws.recv())
                if frame["type"] == "presence":
                    seen.append(frame["members"])
                    if frame["members"] == wanted:
                        return
    except TimeoutError:
        pytest.fail(f"presence never became {wanted}; saw {seen}")


@pytest.mark.redis
def test_console_sees_participants_connected_to_the_other_worker(
    start_server: Callable[..., LiveServer],
) -> None:
    require_service("Redis", REDIS_URL, 6379)
    server = start_server(workers=2, env={"BROADCAST_URL": REDIS_URL})
    room = planned_room(server)
    session, people = room.session, room.people

    async def scenario() -> None:
        console, console_worker = await open_socket(server, session, session.facilitator_token)
        others: list[Any] = []
        try:
            await presence_until(console, {"facilitator": 1})
            # Keep connecting the first participant until one socket lands on the other worker.
            phone = None
            for _ in range(40):
                ws, worker = await open_socket(server, session, people[0].token)
                if worker != console_worker:
                    phone = ws
                    break
                others.append(ws)
            assert phone is not None, "could not reach the second worker"
            key = f"participant:{people[0].id}"
            await presence_until(console, {"facilitator": 1, key: len(others) + 1})
            if others:  # some landed on the console's worker: counts drop as they leave
                for ws in others:
                    await ws.close()
                await presence_until(console, {"facilitator": 1, key: 1})
            await phone.close()  # the only client of that worker: its room says goodbye
            await presence_until(console, {"facilitator": 1})
        finally:
            await console.close()
            for ws in others:
                await ws.close()

    run_async(scenario())


def test_participants_and_executives_get_no_presence_frames(
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server()
    room = planned_room(server)
    session = room.session

    async def scenario() -> None:
        console, _ = await open_socket(server, session, session.facilitator_token)
        phone, _ = await open_socket(server, session, room.people[1].token)
        executive, _ = await open_socket(server, session, session.executive_token)
        try:
            key = f"participant:{room.people[1].id}"
            await presence_until(console, {"executive": 1, "facilitator": 1, key: 1})
            for ws in (phone, executive):
                await ws.send(json.dumps({"type": "ping", "id": 1, "t0": 0}))
                reply = json.loads(await asyncio.wait_for(ws.recv(), 5))
                assert reply["type"] == "pong", "a presence frame reached a non-facilitator"
        finally:
            for ws in (console, phone, executive):
                await ws.close()

    run_async(scenario())
