"""The hub: one worker's live fan-out, delivering each session's stored events to its clients.

Per session with local clients the hub keeps one *room* (``room``): the last ``seq`` it
delivered, its connections and one listener task subscribed to ``session:{id}``
(``listener``). Events reach a room in ``seq`` order, with no gaps and no duplicates, through
``delivery``, whether they come from this worker's ``publish``, the broadcast or the store;
presence is relayed by ``presence_relay``. The hub itself runs the rooms' life: a connection
enters (replay, then live events), leaves (the last one closes the room), and the worker stops.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager

from app.realtime.broadcast import Broadcast, BroadcastError
from app.realtime.connection import SHUTDOWN, Connection, Send, Write
from app.realtime.delivery import FetchSince, OrderedDelivery
from app.realtime.events import FramedEvent, session_channel
from app.realtime.listener import ChannelListener
from app.realtime.presence_relay import PresenceRelay
from app.realtime.room import Room, stop_listener
from app.realtime.stats import Counters, HubStats

__all__ = ["Hub"]

logger = logging.getLogger(__name__)


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
        self._queue_size = queue_size
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
        self._delivery = OrderedDelivery(
            fetch_since=fetch_since,
            counts=self._counts,
            resync_after=resync_after,
            fetch_limit=fetch_limit,
        )
        self._listener = ChannelListener(
            broadcast=broadcast,
            delivery=self._delivery,
            presence=self._presence,
            counts=self._counts,
            reconnect_delay=reconnect_delay,
            max_reconnect_delay=max_reconnect_delay,
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
            await self._delivery.offer(room, event)
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
                await self._delivery.join(room, conn, since_seq)
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
            room.listener = asyncio.create_task(
                self._listener.listen(room), name=f"live:{session_id}"
            )
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
