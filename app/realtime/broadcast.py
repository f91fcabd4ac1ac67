"""Broadcast backends: how one worker tells the others "session X has a new event".

A backend only carries notifications. Live events are stored with their ``seq`` before they are
published, so a lost message costs latency, never data: the hub fills gaps from the store. That is
why the contract below is "tell the subscriber when you lost messages", not "never lose any".

Contract of every backend (the part encode/broadcaster leaves out, its issue #144):

- ``subscribe(channel)`` is an async context manager. When it has been entered the subscription
  is active: every message published afterwards is yielded, in publish order per publisher.
  Leaving it unsubscribes, also on errors and cancellation.
- When the backend connection dies, the subscription's iterator raises
  :class:`BroadcastDisconnected` instead of hanging. It never reconnects behind the subscriber's
  back, because a silent reconnect hides the messages lost in between.
- "The backend was down and came back" is therefore: an iterator raised
  :class:`BroadcastDisconnected`, and a later ``subscribe()`` succeeded. Entering ``subscribe()``
  raises :class:`BroadcastDisconnected` while the backend is unreachable. The hub re-reads the
  store after every successful ``subscribe()``.
- ``publish()`` raises :class:`BroadcastDisconnected` when the message could not be handed over.

Backends are chosen by URL scheme (``memory://``, ``redis://``, ``rediss://``) in
``app.realtime.backends``, which imports the Redis client library only for a Redis URL.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

__all__ = [
    "Broadcast",
    "BroadcastDisconnected",
    "BroadcastError",
    "MemoryBroadcast",
]


class BroadcastError(Exception):
    """The broadcast backend failed."""


class BroadcastDisconnected(BroadcastError):
    """The backend is unreachable or the connection died; messages may have been lost."""


class Broadcast(Protocol):
    """A publish/subscribe channel between workers; see the module docstring for the contract."""

    async def connect(self) -> None:
        """Prepare the backend; call once at startup, before anything else."""
        ...

    async def disconnect(self) -> None:
        """Release the backend; open subscriptions raise :class:`BroadcastDisconnected`."""
        ...

    async def publish(self, channel: str, message: str) -> None:
        """Send ``message`` to every current subscriber of ``channel``, on every worker."""
        ...

    def subscribe(self, channel: str) -> AbstractAsyncContextManager[AsyncIterator[str]]:
        """Follow ``channel``: the context yields an iterator of its messages."""
        ...


class _MemoryInbox:
    """Messages for one memory subscriber; ``None`` marks a dropped subscription."""

    def __init__(self) -> None:
        # Unbounded on purpose: the reader is the hub's listener, which never blocks on clients.
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()

    def put(self, message: str) -> None:
        self._queue.put_nowait(message)

    def drop(self) -> None:
        self._queue.put_nowait(None)

    def __aiter__(self) -> _MemoryInbox:
        return self

    async def __anext__(self) -> str:
        message = await self._queue.get()
        if message is None:
            raise BroadcastDisconnected("memory broadcast dropped this subscription")
        return message


class MemoryBroadcast:
    """In-process backend for a single worker, tests and development.

    Trade-off: nothing crosses process boundaries, so with several workers each sees only its own
    events (use Redis there). Messages are handed over synchronously in ``publish()``, so the
    order is exactly the publish order.
    """

    def __init__(self) -> None:
        self._inboxes: dict[str, set[_MemoryInbox]] = {}
        self._connected = False

    async def connect(self) -> None:
        self._connected = True

    async def disconnect(self) -> None:
        self._connected = False
        self.interrupt()

    async def publish(self, channel: str, message: str) -> None:
        if not self._connected:
            raise BroadcastDisconnected("memory broadcast is not connected")
        for inbox in self._inboxes.get(channel, ()):
            inbox.put(message)

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[AsyncIterator[str]]:
        if not self._connected:
            raise BroadcastDisconnected("memory broadcast is not connected")
        inbox = _MemoryInbox()
        self._inboxes.setdefault(channel, set()).add(inbox)
        try:
            yield inbox
        finally:
            self._forget(channel, inbox)

    def interrupt(self) -> None:
        """Drop every current subscription, as a dead connection would; publishing still works.

        Lets tests and drills exercise the reconnect path without a real outage.
        """
        inboxes, self._inboxes = self._inboxes, {}
        for subscribers in inboxes.values():
            for inbox in subscribers:
                inbox.drop()

    def subscriber_count(self, channel: str) -> int:
        """How many subscriptions follow ``channel`` now (test-only: the tests wait on it)."""
        return len(self._inboxes.get(channel, ()))

    def _forget(self, channel: str, inbox: _MemoryInbox) -> None:
        subscribers = self._inboxes.get(channel)
        if subscribers is None:
            return
        subscribers.discard(inbox)
        if not subscribers:
            del self._inboxes[channel]
