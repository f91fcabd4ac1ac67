"""Shared helpers for the realtime tests: an event store, recording clients, Redis access."""

from __future__ import annotations

import asyncio
import functools
import json
import secrets
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Iterator
from contextlib import asynccontextmanager
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlsplit

from redis.asyncio import Redis
from websockets.client import ClientProtocol
from websockets.frames import Frame, Opcode
from websockets.protocol import State
from websockets.uri import parse_uri

from app.realtime import Broadcast, FramedEvent, Hub, MemoryBroadcast
from app.realtime.broadcast_redis import RedisBroadcast
from tests.support.aio import run_async
from tests.support.services import REDIS_URL, require_service

P = ParamSpec("P")
T = TypeVar("T")


def async_test(
    timeout: float = 10.0,
) -> Callable[[Callable[P, Coroutine[Any, Any, T]]], Callable[P, T]]:
    """Run an ``async def`` test in a fresh event loop, failing it after ``timeout`` seconds."""

    def decorate(test: Callable[P, Coroutine[Any, Any, T]]) -> Callable[P, T]:
        @functools.wraps(test)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            return run(test(*args, **kwargs), timeout=timeout)

        return wrapper

    return decorate


def run(coro: Coroutine[Any, Any, T], *, timeout: float = 10.0) -> T:
    """``asyncio.run(coro)`` with a deadline, so a hang fails the test instead of the suite."""

    async def guarded() -> T:
        async with asyncio.timeout(timeout):
            return await coro

    return run_async(guarded())


def new_session_id() -> str:
    """A session id no other test (or engineer sharing the Redis) uses: channels stay apart."""
    return f"rt-test-{secrets.token_hex(6)}"


class EventStore:
    """Stand-in for the database's live-event table: contiguous seqs per session.

    ``pauses`` makes ``fetch_since`` yield to the event loop that many times before and after
    taking its snapshot (cycling through the values), to interleave reads with publishes.
    ``limit`` caps each read, like the real store's query.
    """

    def __init__(self, pauses: Iterable[int] = (0,), limit: int | None = None) -> None:
        self._events: dict[str, list[FramedEvent]] = {}
        self._limit = limit
        self._pauses = _cycle(list(pauses) or [0])
        self.fetches = 0

    def append(self, session_id: str, type_: str = "note", **data: Any) -> FramedEvent:
        """Store the next event of ``session_id``, as the service's transaction would."""
        events = self._events.setdefault(session_id, [])
        event = FramedEvent(session_id, len(events) + 1, type_, dict(data))
        events.append(event)
        return event

    def head(self, session_id: str) -> int:
        return len(self._events.get(session_id, []))

    async def fetch_since(self, session_id: str, after: int) -> list[FramedEvent]:
        self.fetches += 1
        await self._pause()
        end = None if self._limit is None else after + self._limit
        rows = list(self._events.get(session_id, [])[after:end])
        await self._pause()
        return rows

    async def _pause(self) -> None:
        for _ in range(next(self._pauses)):
            await asyncio.sleep(0)


def _cycle(values: list[int]) -> Iterator[int]:
    while True:
        yield from values


class RecordingClient:
    """A websocket stand-in that records every frame it is sent."""

    def __init__(self) -> None:
        self.frames: list[dict[str, Any]] = []
        self._changed = asyncio.Condition()

    async def send(self, frame: str) -> None:
        async with self._changed:
            self.frames.append(json.loads(frame))
            self._changed.notify_all()

    @property
    def seqs(self) -> list[int]:
        """The seqs of the event frames received, in order."""
        return [f["seq"] for f in self.frames if f["type"] not in ("resync", "presence")]

    @property
    def last_seq(self) -> int:
        return max((frame["seq"] for frame in self.frames if "seq" in frame), default=0)

    async def wait_for(self, seq: int) -> None:
        """Wait until a frame with ``seq`` (or later) has arrived."""
        async with self._changed:
            await self._changed.wait_for(lambda: self.last_seq >= seq)


class DirectClient(RecordingClient):
    """A socket that also takes encoded frames directly, as uvicorn's transport does.

    ``accepting`` says whether ``write`` takes a frame now (a transport with room); ``gate``
    holds ``send`` until set (a transport that has to drain first). ``via`` records which way
    each frame came: "write" or "send".
    """

    def __init__(self) -> None:
        super().__init__()
        self.accepting = True
        self.gate = asyncio.Event()
        self.gate.set()
        self.via: list[str] = []

    def write(self, wire: bytes) -> bool:
        if not self.accepting:
            return False
        protocol = ClientProtocol(parse_uri("ws://test/"), state=State.OPEN)
        protocol.receive_data(wire)
        [frame] = protocol.events_received()
        assert isinstance(frame, Frame)
        assert frame.opcode is Opcode.TEXT
        assert frame.fin
        self.via.append("write")
        self.frames.append(json.loads(frame.data.decode()))
        return True

    async def send(self, frame: str) -> None:
        await self.gate.wait()
        self.via.append("send")
        await super().send(frame)


class StuckClient:
    """A client whose socket never drains: ``send`` never returns."""

    def __init__(self) -> None:
        self.attempts = 0

    async def send(self, frame: str) -> None:
        self.attempts += 1
        await asyncio.Event().wait()


async def wait_until(condition: Callable[[], bool], interval: float = 0.01) -> None:
    """Poll ``condition`` until it holds (the caller's timeout bounds the wait).

    For state with no event to wait on (hub counters, subscriber counts).
    """
    while not condition():  # noqa: ASYNC110
        await asyncio.sleep(interval)


@asynccontextmanager
async def running_hub(
    broadcast: Broadcast, store: EventStore, **options: Any
) -> AsyncIterator[Hub]:
    """A started hub over ``store``, stopped afterwards."""
    hub = Hub(broadcast, store.fetch_since, **options)
    await hub.start()
    try:
        yield hub
    finally:
        await hub.stop()


# --- Redis ---------------------------------------------------------------------------------


def require_redis() -> None:
    """Skip when Redis is unreachable; with ``CI=true`` fail instead (CI must run these)."""
    require_service("Redis", REDIS_URL, 6379)


def redis_url(client_name: str) -> str:
    """The test Redis URL with connections named ``client_name`` (to kill only ours)."""
    separator = "&" if urlsplit(REDIS_URL).query else "?"
    return f"{REDIS_URL}{separator}client_name={client_name}"


@asynccontextmanager
async def connected(kind: str, client_name: str | None = None) -> AsyncIterator[Broadcast]:
    """A connected backend of ``kind`` ("memory" or "redis"), disconnected afterwards."""
    broadcast: Broadcast
    if kind == "redis":
        require_redis()
        broadcast = RedisBroadcast(redis_url(client_name or new_session_id()), timeout=2.0)
    else:
        broadcast = MemoryBroadcast()
    await broadcast.connect()
    try:
        yield broadcast
    finally:
        await broadcast.disconnect()


async def redis_admin() -> Redis:
    return Redis.from_url(REDIS_URL, decode_responses=True)


async def kill_redis_pubsub(client_name: str) -> int:
    """``CLIENT KILL`` our own pub/sub connections (others share this Redis: never all)."""
    admin = await redis_admin()
    try:
        clients = await admin.client_list(_type="pubsub")
        ids = [client["id"] for client in clients if client.get("name") == client_name]
        for client_id in ids:
            await admin.client_kill_filter(_id=client_id)
        return len(ids)
    finally:
        await admin.aclose()


async def redis_subscribers(channel: str) -> int:
    """How many connections Redis counts as subscribed to ``channel``."""
    admin = await redis_admin()
    try:
        counts = await admin.pubsub_numsub(channel)
        return int(counts[0][1])
    finally:
        await admin.aclose()


async def redis_connections(client_name: str) -> int:
    """How many pub/sub connections named ``client_name`` Redis holds."""
    admin = await redis_admin()
    try:
        clients = await admin.client_list(_type="pubsub")
        return sum(1 for client in clients if client.get("name") == client_name)
    finally:
        await admin.aclose()
