"""The hub: delivers each session's stored live events to this worker's clients, in ``seq`` order.

The store is the source of truth; the broadcast backend is only a doorbell. Per session with
local clients the hub keeps one *room*: the last ``seq`` it delivered, its connections and one
listener task subscribed to ``session:{id}``. Every event reaches a room through one function
under the room's lock, whether it came from the broadcast, a replay or a catch-up, so:

- an event with ``seq <= last`` is a duplicate and dropped;
- an event with ``seq > last + 1`` reveals a gap, filled by ``fetch_since`` before delivering;
- after every (re)subscription the room re-reads the store, so an outage only delays events.

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

import asyncio
import dataclasses
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager

from app.realtime.broadcast import Broadcast, BroadcastDisconnected, BroadcastError
from app.realtime.connection import SHUTDOWN, Connection, Send, Write
from app.realtime.events import FramedEvent, ResyncReason, resync_frame, session_channel
from app.realtime.presence import parse_announcement
from app.realtime.presence_relay import PresenceRelay
from app.realtime.room import Room, stop_listener
from app.realtime.stats import Counters, HubStats

__all__ = ["FetchSince", "Hub", "HubStats"]

logger = logging.getLogger(__name__)

FetchSince = Callable[[str, int], Awaitable[list[FramedEvent]]]
"""``fetch_since(session_id, n)``: the stored events of the session with ``seq > n``, in order."""


class Hub:
    """Live fan-out for one worker.

    Args:
        broadcast: connected backend shared with the other workers.
        fetch_since: reads stored events (see :data:`FetchSince`); injected by the web layer.
        queue_size: frames a connection may have pending before it is closed as lagging.
        resync_after: a joining client more than this many events behind gets a ``resync``
            frame instead of a replay; must be below ``queue_size`` so a replay always fits.
        reconnect_delay: first wait before resubscribing after the backend failed; doubles
            (with jitter) up to ``max_reconnect_delay`` while failures continue.
        fetch_limit: the most events ``fetch_since`` returns per call, if the store caps its
            reads; a full batch makes the hub read the next page. None: no cap.
        presence_settle: seconds over which presence changes are coalesced before announcing.
        presence_heartbeat: seconds between re-announcements of this worker's presence.
        presence_ttl: seconds another worker's announcement stays valid (see ``presence``).
        send_only: event types whose frames always go through a connection's ``send``, never
            its ``Write`` (the web layer's ``send`` acts on them, e.g. closes a revoked link).
    """

    def __init__(
        self,
        broadcast: Broadcast,
        fetch_since: FetchSince,
        *,
        queue_size: int = 256,
        resync_after: int = 128,
        reconnect_delay: float = 0.1,
        max_reconnect_delay: float = 5.0,
        fetch_limit: int | None = None,
        presence_settle: float = 0.25,
        presence_heartbeat: float = 10.0,
        presence_ttl: float = 30.0,
        send_only: Iterable[str] = (),
    ) -> None:
        if not 0 <= resync_after < queue_size:
            raise ValueError("need 0 <= resync_after < queue_size so a replay fits the queue")
        self._broadcast = broadcast
        self._fetch_since = fetch_since
        self._queue_size = queue_size
        self._resync_after = resync_after
        self._reconnect_delay = reconnect_delay
        self._max_reconnect_delay = max_reconnect_delay
        self._fetch_limit = fetch_limit
        self._send_only = frozenset(send_only)
        self._rooms: dict[str, Room] = {}
        self._counts = Counters()
        self._running = False
        self._presence = PresenceRelay(
            broadcast,
            self._counts,
            settle=presence_settle,
            heartbeat=presence_heartbeat,
            ttl=presence_ttl,
        )
        self.worker_id = self._presence.worker_id

    async def start(self) -> None:
        """Accept connections; call after ``broadcast.connect()``."""
        self._running = True
        self._presence.start(lambda: list(self._rooms.values()))

    async def stop(self) -> None:
        """Close every connection with 1012 (clients reconnect elsewhere) and stop listening."""
        self._running = False
        await self._presence.stop()
        rooms, self._rooms = list(self._rooms.values()), {}
        for room in rooms:
            for conn in room.members:
                conn.close(SHUTDOWN.code, SHUTDOWN.reason)
            room.present.clear()
            room.presence.local.clear()
        await asyncio.gather(*(stop_listener(room) for room in rooms))
        # Let the other workers' consoles drop our clients now rather than after the ttl.
        await asyncio.gather(*(self._presence.announce(room, ask=False) for room in rooms))

    async def publish(self, event: FramedEvent) -> None:
        """Deliver a committed event to this worker's clients, then announce it to the others.

        Call it after the transaction that stored the event committed. Local clients get it at
        once, not after a round trip through the backend; its echo from the backend is then
        dropped (and not counted as a duplicate). It does not raise when the backend is down:
        the event is stored, so the other workers find it when their subscriptions come back
        (or at the session's next event).
        """
        room = self._rooms.get(event.session_id)
        if room is not None:
            room.expect_echo(event.seq)
            await self._offer(room, event)
        try:
            await self._broadcast.publish(session_channel(event.session_id), event.full_frame)
        except BroadcastError as error:
            self._counts.publish_failures += 1
            logger.warning("live event %s#%d not broadcast: %s", event.session_id, event.seq, error)

    @asynccontextmanager
    async def connection(
        self,
        session_id: str,
        since_seq: int,
        send: Send,
        *,
        tag: object = None,
        presence: str | None = None,
        watch_presence: bool = False,
        write: Write | None = None,
        audience: str | None = None,
    ) -> AsyncIterator[Connection]:
        """Follow ``session_id`` from ``since_seq`` (the last seq the client has; 0 for none).

        On entry the stored events after ``since_seq`` are queued (or one ``resync`` frame when
        the client is more than ``resync_after`` behind, or ahead of the store); live events
        follow with no gap or duplicate. Leaving the block unregisters the client.

        ``presence`` is the key the connection counts under in the session's presence (every
        worker's watchers see it while the block runs); with ``watch_presence`` the connection
        also receives presence frames: the current view after the replay, then every change.
        ``audience`` names the private overlays of events this connection gets (see
        ``FramedEvent.frame_for``), in replays as in live delivery.
        ``write``, when the web layer can offer it, writes encoded frames straight to the socket
        (see :data:`~app.realtime.connection.Write`); ``send`` remains the way that always works.

        Raises:
            RuntimeError: the hub is not started.
            ValueError: ``since_seq`` is negative.
        """
        if not self._running:
            raise RuntimeError("the hub is not running (await hub.start())")
        if since_seq < 0:
            raise ValueError(f"since_seq must be >= 0, got {since_seq}")
        room = self._enter(session_id)
        conn = Connection(
            session_id,
            send,
            tag=tag,
            queue_size=self._queue_size,
            presence=presence,
            watches_presence=watch_presence,
            write=write,
            audience=audience,
        )
        room.members.add(conn)
        try:
            async with room.lock:
                await self._join(room, conn, since_seq)
                self._presence.joined(room, conn)
            if not self._running:  # stop() ran while we were reading the store
                conn.close(SHUTDOWN.code, SHUTDOWN.reason)
            conn.start()
            yield conn
        finally:
            await self._leave(room, conn)

    def close_where(
        self,
        session_id: str | None,
        predicate: Callable[[Connection], bool],
        code: int,
        reason: str,
    ) -> int:
        """Close the connections (of one session, or all for None) matching ``predicate``.

        Test-only: the app closes a revoked link's sockets through the ``link_revoked`` event,
        which reaches every worker (``app/web/routers/api_live.py``); tests close connections by
        ``tag`` here, e.g. ``hub.close_where(sid, lambda c: c.tag == link_id, 4403, "revoked")``.
        Returns how many were closed; their handlers see it through ``Connection.wait_closed()``.
        """
        rooms = self._rooms.values() if session_id is None else [self._rooms.get(session_id)]
        matches = [
            conn
            for room in rooms
            if room is not None
            for conn in room.members
            if not conn.closed and predicate(conn)
        ]
        for conn in matches:
            conn.close(code, reason)
        return len(matches)

    def stats(self) -> HubStats:
        """Current connections, sessions, largest pending queue and the event counters."""
        conns = [c for room in self._rooms.values() for c in room.members if not c.closed]
        return HubStats(
            connections=len(conns),
            direct_connections=sum(1 for c in conns if c.writes_directly),
            sessions=len(self._rooms),
            largest_queue=max((c.queued for c in conns), default=0),
            **dataclasses.asdict(self._counts),
        )

    def _enter(self, session_id: str) -> Room:
        room = self._rooms.get(session_id)
        if room is None:
            room = self._rooms[session_id] = Room(session_id, send_only=self._send_only)
            room.listener = asyncio.create_task(self._listen(room), name=f"live:{session_id}")
        return room

    async def _leave(self, room: Room, conn: Connection) -> None:
        room.members.discard(conn)
        room.live.discard(conn)
        await conn.aclose()
        self._presence.left(room, conn)
        if room.members:
            return
        if self._rooms.get(room.session_id) is room:
            del self._rooms[room.session_id]
        await stop_listener(room)
        if room.presence.announced:  # tell the other workers at once, not after the ttl
            await self._presence.announce(room, ask=False)

    async def _join(self, room: Room, conn: Connection, since: int) -> None:
        """Queue the replay (or resync) for ``conn`` and register it; holds the room lock."""
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
        elif len(replay) > self._resync_after:
            self._resync(room, conn, "behind")
        else:
            for event in replay:
                conn.push(event.frame_for(conn.audience))
        room.live.add(conn)

    async def _starting_point(self, session_id: str, since: int, events: list[FramedEvent]) -> int:
        """Where a new room starts: ``since`` if the store has it, else the store's last seq."""
        if events or since == 0 or await self._fetch_since(session_id, since - 1):
            return since
        # Rare: the client is ahead of the store (e.g. after a database restore).
        stored = await self._read(session_id, 0)
        return stored[-1].seq if stored else 0

    async def _read(self, session_id: str, after: int) -> list[FramedEvent]:
        """Every stored event after ``after``, page by page when the store caps its reads."""
        events = await self._fetch_since(session_id, after)
        batch = events
        while self._fetch_limit is not None and batch and len(batch) >= self._fetch_limit:
            batch = await self._fetch_since(session_id, batch[-1].seq)
            events = events + batch  # not extend(): the list may belong to the store
        return events

    def _resync(self, room: Room, conn: Connection, reason: ResyncReason) -> None:
        assert room.last is not None
        self._counts.resyncs += 1
        conn.push(resync_frame(room.session_id, room.last, reason))

    def _fan_out(self, room: Room, events: Iterable[FramedEvent]) -> None:
        self._counts.lagging_closed += room.deliver(events)

    async def _offer(self, room: Room, event: FramedEvent) -> None:
        """Deliver a live event in order: drop a duplicate, fill a gap from the store first."""
        async with room.lock:
            if room.last is None:  # no client has joined yet; its join will read the store
                return
            if event.seq <= room.last:
                self._counts.duplicates_dropped += 1
                return
            if event.seq > room.last + 1:
                self._counts.gaps_filled += 1
                self._fan_out(room, await self._read(room.session_id, room.last))
            if event.seq == room.last + 1:
                self._fan_out(room, [event])
            elif event.seq > room.last:  # never skip: the next event or catch-up brings it
                logger.warning(
                    "store is behind the broadcast at %s#%d", event.session_id, event.seq
                )

    async def _catch_up(self, room: Room) -> None:
        async with room.lock:
            if room.last is not None:
                self._fan_out(room, await self._read(room.session_id, room.last))

    async def _listen(self, room: Room) -> None:
        """Follow the session's channel for as long as the room exists, resubscribing on failure."""
        delay = self._reconnect_delay
        while True:
            try:
                async with self._broadcast.subscribe(session_channel(room.session_id)) as frames:
                    await self._catch_up(room)  # whatever was published while unsubscribed
                    await self._presence.announce(room, ask=True)  # who is where, on every worker
                    delay = self._reconnect_delay
                    async for frame in frames:
                        await self._receive(room, frame)
                problem = "subscription ended"
            except BroadcastDisconnected as error:
                problem = str(error)
            except Exception as error:  # e.g. the store failed during a catch-up: retry later
                logger.exception("live listener for session %s failed", room.session_id)
                problem = repr(error)
            self._counts.listener_restarts += 1
            logger.warning(
                "live session %s resubscribing in %.2fs: %s", room.session_id, delay, problem
            )
            await asyncio.sleep(delay * random.uniform(0.5, 1.0))  # noqa: S311 - jitter only
            delay = min(delay * 2, self._max_reconnect_delay)

    async def _receive(self, room: Room, frame: str) -> None:
        try:
            announcement = parse_announcement(frame)
            event = None if announcement else FramedEvent.from_frame(frame)
        except ValueError:
            announcement = event = None
        if announcement is not None:
            self._presence.receive(room, announcement)
            return
        if event is None or event.session_id != room.session_id:
            self._counts.bad_frames += 1
            logger.warning("ignoring bad live frame on session %s", room.session_id)
            return
        if room.is_echo(event.seq):  # this worker published it and delivered it then
            return
        await self._offer(room, event)
