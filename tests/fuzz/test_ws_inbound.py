"""Bad input on the live websocket, on a real server with real websocket clients.

Clients may send only ``ping {id, t0}`` (docs/ARCHITECTURE.md, "Live protocol"). Whatever else
arrives (malformed or non-object JSON, unknown types, frames aimed at another session, replayed
event frames, binary frames, absurd numbers, oversize or too many messages) gets a clear error
frame or a clean close code, while the server stays up, a bystander on the same session keeps
being served, and nothing saved changes: the board, the clock and the event seq read the same
before and after.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.e2e.server import LiveServer
from tests.fuzz.rooms import DemoRoom, demo_room
from tests.support.aio import run_async

MAX_BYTES = 4096  # app/web/routers/api_live.py MAX_INBOUND_BYTES
CLEAN_CLOSES = {1003, 1008, 1009, 4429}
EXAMPLES = 60


@dataclass(frozen=True)
class Target:
    server: LiveServer
    room: DemoRoom
    other_session: str

    def url(self, session_id: str | None = None) -> str:
        sid = session_id or self.room.session_id
        return f"ws://127.0.0.1:{self.server.port}/api/v1/sessions/{sid}/live/ws?since=0"

    def headers(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.room.members[0].token}"}


@pytest.fixture(scope="module")
def target(fuzz_server: LiveServer) -> Target:
    """A live demo session (clock running, board with items) and a second session."""
    room = demo_room(fuzz_server)
    started = fuzz_server.api(
        "POST",
        f"/api/v1/sessions/{room.session_id}/live/controls",
        json={"id": "fuzz-start-1", "kind": "start"},
        token=room.facilitator,
    )
    assert started.status_code == 200, started.text
    paused = fuzz_server.api(
        "POST",
        f"/api/v1/sessions/{room.session_id}/live/controls",
        json={"id": "fuzz-pause-1", "kind": "pause"},
        token=room.facilitator,
    )
    assert paused.status_code == 200, paused.text
    return Target(fuzz_server, room, demo_room(fuzz_server).session_id)


def saved_state(target: Target) -> dict[str, Any]:
    """What the session holds: board items, lock, clock and the last event seq."""
    base = f"/api/v1/sessions/{target.room.session_id}"
    board = target.server.api("GET", base + "/board", token=target.room.facilitator).json()
    live = target.server.api("GET", base + "/live", token=target.room.facilitator).json()
    live.pop("server_ms")  # the time of asking
    live["clock"].pop("show_ends_at_ms")  # while paused, the projected end moves with the time
    return {"items": board["items"], "locked": board["locked"], "live": live}


# Inbound messages a client might send by mistake or on purpose.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
HUGE = st.sampled_from(
    ["1e999", "-1e999", "NaN", "Infinity", "9" * 400, "-" + "9" * 4000, "1e-999", "0.1e400"]
)
EVENT_TYPES = ["clock", "board", "plan", "attendance", "link_revoked", "hello", "resync", "pong"]


def replayed_event(seq: int, kind: str, session: str) -> str:
    return json.dumps({"type": kind, "session": session, "seq": seq, "data": {"control": {}}})


MESSAGES = st.one_of(
    st.text(max_size=200).map(lambda s: ("text", s)),  # mostly malformed JSON
    JSON_VALUES.map(lambda v: ("text", json.dumps(v))),  # non-objects and odd objects
    st.builds(
        lambda t, rest: ("text", json.dumps({"type": t, **rest})),
        st.text(max_size=12) | st.sampled_from(["capture", "vote", "control", "PING", " ping"]),
        st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=3),
    ),
    st.builds(  # replayed or forged event frames, for this session or another one
        lambda seq, kind, other: ("text", replayed_event(seq, kind, other)),
        st.integers(min_value=-5, max_value=10**6),
        st.sampled_from(EVENT_TYPES),
        st.sampled_from(["self", "other"]),
    ),
    st.builds(  # pings with absurd ids and times
        lambda i, t: ("text", f'{{"type": "ping", "id": {i}, "t0": {t}}}'),
        HUGE | st.integers().map(str),
        HUGE | st.just('"yesterday"') | st.just("[1, 2]"),
    ),
    st.binary(max_size=300).map(lambda b: ("binary", b)),
    st.integers(min_value=MAX_BYTES + 1, max_value=70_000).map(lambda n: ("text", "x" * n)),
    st.integers(min_value=MAX_BYTES + 1, max_value=70_000).map(lambda n: ("binary", b"\0" * n)),
)


async def exchange(target: Target, kind: str, payload: str | bytes) -> tuple[str, Any]:
    """Send one message on a fresh connection: ("reply", frame) or ("closed", code)."""
    if kind == "text" and isinstance(payload, str):
        payload = payload.replace("self", target.room.session_id)
        payload = payload.replace('"other"', json.dumps(target.other_session))
    async with connect(target.url(), additional_headers=target.headers(), max_size=None) as ws:
        hello = json.loads(await ws.recv())
        assert hello["type"] == "hello"
        await ws.send(payload)
        try:
            async with asyncio.timeout(5):
                while True:
                    frame = json.loads(await ws.recv())  # a frame we cannot parse fails here
                    if frame["type"] in ("error", "pong"):
                        return "reply", frame
        except ConnectionClosed as closed:
            return "closed", closed.rcvd.code if closed.rcvd else None


def assert_clear(outcome: tuple[str, Any], kind: str, payload: str | bytes) -> None:
    what, detail = outcome
    if what == "closed":
        assert detail in CLEAN_CLOSES, f"closed with {detail} after {payload!r:.120}"
        if len(payload) > MAX_BYTES:
            assert detail == 1009
        return
    assert len(payload) <= MAX_BYTES, f"oversize message answered: {detail}"
    if detail["type"] == "error":
        assert isinstance(detail["message"], str)
        assert len(detail["message"]) > 10
        return
    # A pong: only for a ping, echoing numbers every client parses exactly.
    assert kind == "text"
    assert json.loads(payload)["type"] == "ping"
    for key in ("id", "t0"):
        assert type(detail[key]) in (int, float)
        assert abs(detail[key]) <= 2**53


async def bystander_is_served(target: Target, ws: ClientConnection) -> None:
    await ws.send(json.dumps({"type": "ping", "id": 7, "t0": 1}))
    async with asyncio.timeout(5):
        while (frame := json.loads(await ws.recv()))["type"] != "pong":
            pass
    assert frame["id"] == 7


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(message=MESSAGES)
def test_bad_messages_get_a_clear_answer_and_change_nothing(
    target: Target, message: tuple[str, str | bytes]
) -> None:
    kind, payload = message
    before = saved_state(target)

    async def scenario() -> tuple[str, Any]:
        async with connect(target.url(), additional_headers=target.headers()) as bystander:
            await bystander.recv()
            outcome = await exchange(target, kind, payload)
            await bystander_is_served(target, bystander)
            return outcome

    assert_clear(run_async(scenario()), kind, payload)
    assert saved_state(target) == before
    assert target.server.running


def test_replayed_pings_are_answered_each_time_and_change_nothing(target: Target) -> None:
    before = saved_state(target)

    async def scenario() -> list[dict[str, Any]]:
        async with connect(target.url(), additional_headers=target.headers()) as ws:
            await ws.recv()
            ping = json.dumps({"type": "ping", "id": 42, "t0": 1_700_000_000_000})
            replies = []
            for _ in range(3):
                await ws.send(ping)
                replies.append(json.loads(await ws.recv()))
            return replies

    replies = run_async(scenario())
    assert [r["type"] for r in replies] == ["pong"] * 3
    assert {r["id"] for r in replies} == {42}
    assert saved_state(target) == before


def test_a_flood_closes_with_4429_and_others_are_unaffected(target: Target) -> None:
    before = saved_state(target)

    async def scenario() -> int | None:
        async with connect(target.url(), additional_headers=target.headers()) as bystander:
            await bystander.recv()
            async with connect(target.url(), additional_headers=target.headers()) as ws:
                await ws.recv()
                code = None
                try:
                    for n in range(40):
                        await ws.send(json.dumps({"type": "ping", "id": n, "t0": n}))
                    async with asyncio.timeout(5):
                        while True:
                            await ws.recv()
                except ConnectionClosed as closed:
                    code = closed.rcvd.code if closed.rcvd else None
            await bystander_is_served(target, bystander)
            return code

    assert run_async(scenario()) == 4429
    assert saved_state(target) == before


def test_a_link_of_another_session_is_refused_with_1008(target: Target) -> None:
    async def scenario() -> int | None:
        url = target.url(target.other_session)
        async with connect(url, additional_headers=target.headers()) as ws:
            try:
                async with asyncio.timeout(5):
                    while True:
                        await ws.recv()
            except ConnectionClosed as closed:
                return closed.rcvd.code if closed.rcvd else None

    assert run_async(scenario()) == 1008
