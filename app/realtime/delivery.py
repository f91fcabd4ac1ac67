"""A room's events in ``seq`` order: a joining client's replay, live events, catch-ups.

The store is the source of truth; the broadcast backend is only a doorbell. Every event reaches
a room through :meth:`OrderedDelivery.offer` or a store read under the room's lock, whether it
came from the broadcast, a replay or a catch-up, so:

- an event with ``seq <= last`` is a duplicate and dropped;
- an event with ``seq > last + 1`` reveals a gap, filled by ``fetch_since`` before delivering;
- after every (re)subscription the room re-reads the store (``catch_up``), so an outage only
  delays events.

Hence every client of a session, on any worker, sees the same events in the same order with no
gaps and no duplicates. A joining client's replay comes from the room's memory of its recent
events when it reaches back far enough (``Room.missed_since``), so a reconnecting crowd joins
without a database read; only a client further behind, ahead of the room, or the room's first
join reads the store. Trade-offs: a room's lock is held while ``fetch_since`` runs, so
simultaneous joins that must read the store queue behind each other's reads (one small query
each). A catch-up after a long outage that brings more than ``queue_size`` events at once closes
the room's clients as lagging; they reconnect and resync, which is cheaper than replaying a
backlog that large.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from app.realtime.connection import Connection
from app.realtime.events import FramedEvent, ResyncReason, resync_frame
from app.realtime.room import Room
from app.realtime.stats import Counters

__all__ = ["FetchSince", "OrderedDelivery"]

logger = logging.getLogger(__name__)

FetchSince = Callable[[str, int], Awaitable[list[FramedEvent]]]
"""``fetch_since(session_id, n)``: the stored events of the session with ``seq > n``, in order."""


@dataclass(frozen=True, kw_only=True, eq=False)
class OrderedDelivery:
    """The hub's ordering of events into its rooms (see the module's docstring).

    Args:
        fetch_since: reads stored events (see :data:`FetchSince`).
        counts: the hub's counters (duplicates, gaps, resyncs, lagging clients).
        resync_after: a joining client more than this many events behind gets a ``resync``
            frame instead of a replay.
        fetch_limit: the most events ``fetch_since`` returns per call, if the store caps its
            reads; a full batch makes it read the next page. None: no cap.
    """

    fetch_since: FetchSince
    counts: Counters
    resync_after: int
    fetch_limit: int | None

    async def join(self, room: Room, conn: Connection, since: int) -> None:
        """Queue the replay (or resync) for ``conn`` and register it; the caller holds the
        room's lock."""
        replay = room.missed_since(since)
        if replay is None:  # only the store has them
            base = since if room.last is None else min(since, room.last)
            events = await self._read(room.session_id, base)
            if room.last is None:
                room.last = await self._starting_point(room.session_id, since, events)
            self._fan_out(room, events)
            replay = [event for event in events if event.seq > since]
        assert room.last is not None
        if since > room.last:
            self._resync(room, conn, "ahead")
        elif len(replay) > self.resync_after:
            self._resync(room, conn, "behind")
        else:
            for event in replay:
                conn.push(event.frame_for(conn.audience))
        room.live.add(conn)

    async def offer(self, room: Room, event: FramedEvent) -> None:
        """Deliver a live event in order: drop a duplicate, fill a gap from the store first."""
        async with room.lock:
            if room.last is None:  # no client has joined yet; its join will read the store
                return
            if event.seq <= room.last:
                self.counts.duplicates_dropped += 1
                return
            if event.seq > room.last + 1:
                self.counts.gaps_filled += 1
                self._fan_out(room, await self._read(room.session_id, room.last))
            if event.seq == room.last + 1:
                self._fan_out(room, [event])
            elif event.seq > room.last:  # never skip: the next event or catch-up brings it
                logger.warning(
                    "store is behind the broadcast at %s#%d", event.session_id, event.seq
                )

    async def catch_up(self, room: Room) -> None:
        """Deliver whatever the store holds after the room's last event (after a resubscribe)."""
        async with room.lock:
            if room.last is not None:
                self._fan_out(room, await self._read(room.session_id, room.last))

    async def _starting_point(self, session_id: str, since: int, events: list[FramedEvent]) -> int:
        """Where a new room starts: ``since`` if the store has it, else the store's last seq."""
        if events or since == 0 or await self.fetch_since(session_id, since - 1):
            return since
        # Rare: the client is ahead of the store (e.g. after a database restore).
        stored = await self._read(session_id, 0)
        return stored[-1].seq if stored else 0

    async def _read(self, session_id: str, after: int) -> list[FramedEvent]:
        """Every stored event after ``after``, page by page when the store caps its reads."""
        events = await self.fetch_since(session_id, after)
        batch = events
        while self.fetch_limit is not None and batch and len(batch) >= self.fetch_limit:
            batch = await self.fetch_since(session_id, batch[-1].seq)
            events = events + batch  # not extend(): the list may belong to the store
        return events

    def _resync(self, room: Room, conn: Connection, reason: ResyncReason) -> None:
        assert room.last is not None
        self.counts.resyncs += 1
        conn.push(resync_frame(room.session_id, room.last, reason))

    def _fan_out(self, room: Room, events: Iterable[FramedEvent]) -> None:
        self.counts.lagging_closed += room.deliver(events)
