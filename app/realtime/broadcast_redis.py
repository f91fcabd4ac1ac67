"""Redis pub/sub backend; imported only for ``redis://`` and ``rediss://`` URLs.

Trade-offs:

- One Redis connection per subscription (the hub holds one per session with local clients).
  Failures stay isolated and there is no shared reader task to die quietly, at the price of
  ``workers x live sessions`` connections, which is small for Roundtable (a handful of sessions
  run at once). Multiplexing channels over one connection is the upgrade path if that changes.
- Subscriber connections never reconnect by themselves. redis-py's default ``Retry`` reconnects
  a pub/sub connection inside ``get_message()`` and resubscribes silently, and so does
  ``get_message()`` on a connection that was closed in between; messages published in the gap
  would disappear without a trace. So subscriptions use no retries and refuse to read from a
  closed connection: the failure surfaces as
  :class:`~app.realtime.broadcast.BroadcastDisconnected` and the hub catches up from the store.
- A half-open TCP connection (peer gone, no FIN) is found by our own PING deadline: when nothing
  arrives for ``ping_interval`` seconds we send PING, and if its reply does not arrive within
  another ``ping_interval`` the subscription is declared dead. redis-py's
  ``health_check_interval`` sends PINGs but never notices a missing reply.
- Publishing retries twice with a short backoff (a pooled connection may be stale after a Redis
  restart) and has socket timeouts, so a request that publishes after its commit waits seconds at
  most when Redis is down.
"""

from __future__ import annotations

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
        ping_interval: seconds of silence before a subscription checks that Redis still answers.
        timeout: connect and command timeout, and the wait for a SUBSCRIBE confirmation.
    """

    def __init__(self, url: str, *, ping_interval: float = 5.0, timeout: float = 5.0) -> None:
        self._url = url
        self._ping_interval = ping_interval
        self._timeout = timeout
        self._publisher: Redis | None = None
        self._subscriber: Redis | None = None

    async def connect(self) -> None:
        # Lazy connections: an unreachable Redis at startup delays live updates, it does not stop
        # the app from serving pages (the store has everything).
        self._publisher = self._client(Retry(ExponentialBackoff(cap=0.5, base=0.05), 2))
        self._subscriber = self._client(Retry(NoBackoff(), 0))

    async def disconnect(self) -> None:
        clients = (self._publisher, self._subscriber)
        self._publisher = self._subscriber = None
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
        pubsub = self._require(self._subscriber).pubsub()
        try:
            try:
                await pubsub.subscribe(channel)
                await self._confirm(pubsub)
            except _CONNECTION_ERRORS as error:
                raise BroadcastDisconnected(f"Redis subscribe failed: {error}") from error
            yield _Messages(pubsub, self._ping_interval)
        finally:
            await pubsub.aclose()

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

    async def _confirm(self, pubsub: PubSub) -> None:
        """Wait until Redis has registered the subscription, so none of its messages is missed."""
        reply = await _next_message(pubsub, self._timeout)
        if reply is None or reply.get("type") != "subscribe":
            raise BroadcastDisconnected(f"Redis did not confirm SUBSCRIBE (got {reply!r})")


async def _next_message(pubsub: PubSub, wait: float) -> dict[str, Any] | None:
    message = await pubsub.get_message(timeout=wait)
    return cast(dict[str, Any] | None, message)


class _Messages:
    """The messages of one subscription; raises BroadcastDisconnected instead of hanging."""

    def __init__(self, pubsub: PubSub, ping_interval: float) -> None:
        self._pubsub = pubsub
        self._ping_interval = ping_interval
        self._awaiting_pong = False

    def __aiter__(self) -> _Messages:
        return self

    async def __anext__(self) -> str:
        while True:
            self._check_connected()
            try:
                message = await _next_message(self._pubsub, self._ping_interval)
                if message is None:
                    await self._check_alive()
                    continue
            except _CONNECTION_ERRORS as error:
                raise BroadcastDisconnected(f"Redis subscription lost: {error}") from error
            self._awaiting_pong = False
            data = message.get("data")
            if message.get("type") == "message" and isinstance(data, str):
                return data

    def _check_connected(self) -> None:
        # PubSub.get_message() reconnects a closed connection and resubscribes without a word
        # (after our own disconnect(), say), which would hide lost messages: refuse instead.
        connection = self._pubsub.connection
        if connection is None or not connection.is_connected:
            raise BroadcastDisconnected("Redis subscription connection is closed")

    async def _check_alive(self) -> None:
        if self._awaiting_pong:
            raise BroadcastDisconnected(
                f"Redis did not answer PING within {self._ping_interval:.1f}s"
            )
        self._awaiting_pong = True
        await self._pubsub.ping()
