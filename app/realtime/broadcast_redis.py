"""Redis pub/sub backend; imported only for ``redis://`` and ``rediss://`` URLs.

Trade-offs:

- One Redis connection per worker carries every subscription (``SUBSCRIBE`` per channel on a
  shared connection, read by one task that hands each message to its channel's subscribers).
  ``bench/bench_load.py`` showed why: with a connection per subscription a worker holds one per
  live session, and since a session's phones land on every worker, ``workers x sessions``
  connections; 10,000 sessions on 40 workers would be 400,000, far past Redis's default
  ``maxclients`` (10,000). The price: when that one connection dies, every subscription of the
  worker raises :class:`~app.realtime.broadcast.BroadcastDisconnected` at once (the hub then
  resubscribes each room and catches up from the store), and the reader task is shared, so it
  must never die quietly: whatever ends it drops every subscription first.
- Channels, not a pattern: ``PSUBSCRIBE session:*`` would hand every worker every session's
  events, which grows with the number of workers; ``SUBSCRIBE`` sends a worker only the
  sessions it has clients of.
- Subscriber connections never reconnect by themselves. redis-py's default ``Retry`` reconnects
  a pub/sub connection inside ``get_message()`` and resubscribes silently, and so does
  ``get_message()`` on a connection that was closed in between; messages published in the gap
  would disappear without a trace. So subscriptions use no retries and refuse to read from a
  closed connection: the failure surfaces as
  :class:`~app.realtime.broadcast.BroadcastDisconnected` and the hub catches up from the store.
  The next ``subscribe()`` opens a new connection.
- A half-open TCP connection (peer gone, no FIN) is found by our own PING deadline: when nothing
  arrives for ``ping_interval`` seconds we send PING, and if its reply does not arrive within
  another ``ping_interval`` the connection is declared dead. redis-py's
  ``health_check_interval`` sends PINGs but never notices a missing reply.
- Publishing retries twice with a short backoff (a pooled connection may be stale after a Redis
  restart) and has socket timeouts, so a request that publishes after its commit waits seconds at
  most when Redis is down.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff, NoBackoff
from redis.exceptions import RedisError

from app.realtime.broadcast import BroadcastDisconnected

__all__ = ["RedisBroadcast"]

# Errors that mean "the connection is unusable": redis-py wraps most socket errors, not all.
_CONNECTION_ERRORS = (RedisError, OSError)


class RedisBroadcast:
    """Pub/sub over Redis, for several workers (or hosts) sharing live sessions.

    Args:
        url: ``redis://`` or ``rediss://`` URL; query options such as ``client_name`` win over
            the defaults here (connections are named ``roundtable`` in ``CLIENT LIST``).
        ping_interval: seconds of silence before the subscriber connection checks that Redis
            still answers.
        timeout: connect and command timeout, and the wait for a SUBSCRIBE confirmation.
    """

    def __init__(self, url: str, *, ping_interval: float = 5.0, timeout: float = 5.0) -> None:
        self._url = url
        self._ping_interval = ping_interval
        self._timeout = timeout
        self._publisher: Redis | None = None
        self._subscriber: Redis | None = None
        self._mux: _Multiplexer | None = None

    async def connect(self) -> None:
        # Lazy connections: an unreachable Redis at startup delays live updates, it does not stop
        # the app from serving pages (the store has everything).
        self._publisher = self._client(Retry(ExponentialBackoff(cap=0.5, base=0.05), 2))
        self._subscriber = self._client(Retry(NoBackoff(), 0))

    async def disconnect(self) -> None:
        clients = (self._publisher, self._subscriber)
        self._publisher = self._subscriber = None
        mux, self._mux = self._mux, None
        if mux is not None:
            await mux.close("Redis broadcast disconnected")
        for client in clients:
            if client is not None:
                await client.aclose()

    async def publish(self, channel: str, message: str) -> None:
        client = self._require(self._publisher)
        try:
            await client.publish(channel, message)
        except _CONNECTION_ERRORS as error:
            raise BroadcastDisconnected(f"Redis publish failed: {error}") from error

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[str]]:
        mux = self._mux
        if mux is None or mux.dead:
            mux = self._mux = _Multiplexer(
                self._require(self._subscriber).pubsub(), self._ping_interval, self._timeout
            )
        inbox = _RedisInbox()
        await mux.add(channel, inbox)
        try:
            yield inbox
        finally:
            await mux.remove(channel, inbox)

    def _client(self, retry: Retry) -> Redis:
        return Redis.from_url(
            self._url,
            decode_responses=True,
            client_name="roundtable",
            socket_connect_timeout=self._timeout,
            socket_timeout=self._timeout,
            socket_keepalive=True,
            retry=retry,
        )

    def _require(self, client: Redis | None) -> Redis:
        if client is None:
            raise BroadcastDisconnected("Redis broadcast is not connected (call connect())")
        return client


class _RedisInbox:
    """One subscription's messages; a :class:`BroadcastDisconnected` marks the end."""

    def __init__(self) -> None:
        # Unbounded on purpose: the reader is the hub's listener, which never blocks on clients.
        self._queue: asyncio.Queue[str | BroadcastDisconnected] = asyncio.Queue()

    def put(self, item: str | BroadcastDisconnected) -> None:
        self._queue.put_nowait(item)

    def __aiter__(self) -> _RedisInbox:
        return self

    async def __anext__(self) -> str:
        item = await self._queue.get()
        if isinstance(item, BroadcastDisconnected):
            self._queue.put_nowait(item)  # every later read fails the same way
            raise item
        return item


class _Multiplexer:
    """One pub/sub connection, its subscribed channels and the task that reads it.

    Subscribing and unsubscribing take ``lock``, so the commands reach Redis in the order the
    channel table changed. The reader resolves SUBSCRIBE confirmations, answers the PING deadline
    and hands messages to the channel's inboxes; when it ends for any reason every inbox and
    every waiting subscriber gets :class:`BroadcastDisconnected`, and the connection is closed.
    """

    def __init__(self, pubsub: PubSub, ping_interval: float, timeout: float) -> None:
        self.pubsub = pubsub
        self.ping_interval = ping_interval
        self.timeout = timeout
        self.channels: dict[str, set[_RedisInbox]] = {}
        self.confirming: dict[str, asyncio.Future[None]] = {}
        self.lock = asyncio.Lock()
        self.dead: BroadcastDisconnected | None = None
        self.reader: asyncio.Task[None] | None = None
        self.awaiting_pong = False

    async def add(self, channel: str, inbox: _RedisInbox) -> None:
        """Register ``inbox``; once this returns, every later message on ``channel`` reaches it.

        Raises:
            BroadcastDisconnected: Redis refused, did not confirm in time, or the connection died.
        """
        async with self.lock:
            self._check()
            subscribers = self.channels.get(channel)
            if subscribers:
                subscribers.add(inbox)
                return
            confirmed = asyncio.get_running_loop().create_future()
            self.confirming[channel] = confirmed
            try:
                await self.pubsub.subscribe(channel)
                self._start_reader()
                await asyncio.wait_for(asyncio.shield(confirmed), self.timeout)
            except (TimeoutError, *_CONNECTION_ERRORS) as error:
                problem = BroadcastDisconnected(f"Redis subscribe failed: {error!r}")
                await self.close(str(problem))
                raise problem from error
            finally:
                self.confirming.pop(channel, None)
            self._check()
            self.channels[channel] = {inbox}

    async def remove(self, channel: str, inbox: _RedisInbox) -> None:
        """Forget ``inbox``; the last one of a channel unsubscribes it."""
        async with self.lock:
            subscribers = self.channels.get(channel)
            if subscribers is None:
                return
            subscribers.discard(inbox)
            if subscribers or self.dead:
                return
            del self.channels[channel]
            try:
                await self.pubsub.unsubscribe(channel)
            except _CONNECTION_ERRORS as error:
                await self.close(f"Redis unsubscribe failed: {error!r}")

    def _check(self) -> None:
        if self.dead is not None:
            raise BroadcastDisconnected(str(self.dead))

    def _start_reader(self) -> None:
        if self.reader is None:
            self.reader = asyncio.create_task(self._read(), name="redis-broadcast-reader")

    async def _read(self) -> None:
        problem = "Redis subscription ended"
        try:
            while True:
                connection = self.pubsub.connection
                # get_message() would reconnect a closed connection and resubscribe without a
                # word, hiding lost messages: refuse instead.
                if connection is None or not connection.is_connected:
                    problem = "Redis subscription connection is closed"
                    return
                message = cast(
                    dict[str, Any] | None,
                    await self.pubsub.get_message(timeout=self.ping_interval),
                )
                if message is None:
                    if self.awaiting_pong:
                        problem = f"Redis did not answer PING within {self.ping_interval:.1f}s"
                        return
                    self.awaiting_pong = True
                    await self.pubsub.ping()
                    continue
                self.awaiting_pong = False
                self._dispatch(message)
        except _CONNECTION_ERRORS as error:
            problem = f"Redis subscription lost: {error}"
        except asyncio.CancelledError:
            problem = "Redis broadcast disconnected"
            raise
        finally:
            self.reader = None
            await self.close(problem)

    def _dispatch(self, message: dict[str, Any]) -> None:
        kind, channel, data = message.get("type"), message.get("channel"), message.get("data")
        if kind == "message" and isinstance(data, str):
            for inbox in self.channels.get(str(channel), ()):
                inbox.put(data)
        elif kind == "subscribe":
            confirmed = self.confirming.get(str(channel))
            if confirmed is not None and not confirmed.done():
                confirmed.set_result(None)

    async def close(self, problem: str) -> None:
        """End every subscription with ``problem`` and close the connection (idempotent)."""
        if self.dead is not None:
            return
        self.dead = error = BroadcastDisconnected(problem)
        channels, self.channels = self.channels, {}
        for subscribers in channels.values():
            for inbox in subscribers:
                inbox.put(error)
        for confirmed in self.confirming.values():
            if not confirmed.done():
                confirmed.set_exception(error)
                confirmed.exception()  # its subscriber raises on its own; nothing to log
        reader = self.reader
        if reader is not None and reader is not asyncio.current_task():
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, *_CONNECTION_ERRORS):
                await reader
        with contextlib.suppress(*_CONNECTION_ERRORS):
            await self.pubsub.aclose()
