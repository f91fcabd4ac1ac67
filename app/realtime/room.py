"""One session's state on one worker: who follows it and the last ``seq`` delivered.

The room does no I/O: the hub's ordered delivery (``app.realtime.delivery``) reads the store
and takes the events its channel listener (``app.realtime.listener``) hears, then hands them to
:meth:`Room.deliver`, which puts frames into connection queues without waiting. Keeping the
ordering rule here, in one synchronous function, is what makes "same events, same order, no
gaps, no duplicates" easy to check.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from app.realtime.connection import Connection, wire_frame
from app.realtime.events import FramedEvent
from app.realtime.presence import SessionPresence

__all__ = ["RECENT_EVENTS", "Room", "stop_listener"]

RECENT_EVENTS = 256
"""Events a room keeps for joins: a client at most this far behind replays from memory."""
MAX_ECHOES = 1024
"""Own publications awaiting their copy from the backend; more means the backend lost them."""

logger = logging.getLogger(__name__)


@dataclass(eq=False)
class Room:
    """Connections of one session on this worker.

    Attributes:
        lock: held while the hub reads the store for this room, so deliveries stay in order.
        members: every registered connection, joining or joined (``close_where`` sees both).
        live: joined connections, which receive deliveries.
        last: the last seq delivered; None until the first join has read the store.
        recent: the events delivered last, in order, ending at ``last`` (see ``missed_since``).
        listener: the task following the session's broadcast channel.
        presence: who is connected, here and (as reported) on the other workers.
        present: the connections counted in ``presence.local``.
        presence_flush: the pending task that announces presence changes, if any.
        echoes: seqs this worker published and delivered itself, whose copy from the
            broadcast backend is still to come (see ``expect_echo``).
        send_only: event types never written directly (see ``Hub``).
    """

    session_id: str
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    members: set[Connection] = field(default_factory=set)
    live: set[Connection] = field(default_factory=set)
    last: int | None = None
    recent: deque[FramedEvent] = field(default_factory=lambda: deque(maxlen=RECENT_EVENTS))
    listener: asyncio.Task[None] | None = None
    presence: SessionPresence = field(default_factory=SessionPresence)
    present: set[Connection] = field(default_factory=set)
    presence_flush: asyncio.Task[None] | None = None
    echoes: set[int] = field(default_factory=set)
    send_only: frozenset[str] = frozenset()

    def deliver(self, events: Iterable[FramedEvent]) -> int:
        """Queue the events after ``last`` for every joined connection, in order.

        Returns how many connections were closed as lagging because their queue was full.
        """
        assert self.last is not None, "deliver() before the first join set the starting point"
        lagging = 0
        for event in events:
            if event.seq <= self.last:
                continue
            if event.seq != self.last + 1:  # the store broke its contract; do not stall forever
                logger.error("store skipped %s#%d..%d", self.session_id, self.last + 1, event.seq)
            self.last = event.seq
            self.recent.append(event)
            frame = event.frame
            # Encoded once per event, for every socket that takes it directly.
            direct = event.type not in self.send_only
            wire = wire_frame(frame) if direct else None
            if event.private_frames:
                lagging += _deliver_private(self.live, event, frame, wire, direct)
                continue
            for conn in self.live:  # the hot loop of a fan-out: one call per socket
                if not conn.push(frame, wire):
                    lagging += 1
        return lagging

    def expect_echo(self, seq: int) -> None:
        """Note that the event ``seq``, published here, will also come back from the backend."""
        if len(self.echoes) >= MAX_ECHOES:  # the backend lost them (it was down): forget
            self.echoes.clear()
        self.echoes.add(seq)

    def is_echo(self, seq: int) -> bool:
        """Whether an event from the backend is the copy of one this worker published."""
        if seq in self.echoes:
            self.echoes.discard(seq)
            return True
        return False

    def missed_since(self, since: int) -> list[FramedEvent] | None:
        """The events after ``since`` up to ``last``, if this room still holds them all.

        None when only the store can answer: no join has set ``last`` yet, the client is ahead
        of the room, or it is further behind than ``recent`` reaches. Lets a reconnecting crowd
        (a restarted worker's clients, a room's phones waking up) join without a database read.
        """
        if self.last is None or since > self.last:
            return None
        if since == self.last:
            return []
        if self.recent and self.recent[0].seq <= since + 1:
            return [event for event in self.recent if event.seq > since]
        return None


def _deliver_private(
    live: set[Connection], event: FramedEvent, frame: str, wire: bytes | None, direct: bool
) -> int:
    """Fan out an event with private overlays: each audience named gets its own frame."""
    lagging = 0
    wires: dict[str, bytes | None] = {}
    for conn in live:
        own = event.private_frames.get(conn.audience) if conn.audience else None
        if own is None:
            ok = conn.push(frame, wire)
        else:
            assert conn.audience is not None
            if conn.audience not in wires:
                wires[conn.audience] = wire_frame(own) if direct else None
            ok = conn.push(own, wires[conn.audience])
        if not ok:
            lagging += 1
    return lagging


async def stop_listener(room: Room) -> None:
    """Cancel the room's listener (and presence flush) and wait until it has unsubscribed."""
    tasks = [t for t in (room.listener, room.presence_flush) if t is not None]
    room.listener = room.presence_flush = None
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.wait(tasks)
