"""The hub's presence duties: announce this worker's members, merge the others', show watchers.

The rules (what a frame holds, ttl, asking on subscribe) are in ``app.realtime.presence``; this
class does the I/O for them on behalf of the hub, per room.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import time
from collections.abc import Callable

from app.realtime.broadcast import Broadcast, BroadcastError
from app.realtime.connection import Connection
from app.realtime.events import session_channel
from app.realtime.presence import Announcement, announcement_frame, watcher_frame
from app.realtime.room import Room
from app.realtime.stats import Counters

__all__ = ["PresenceRelay"]

logger = logging.getLogger(__name__)


class PresenceRelay:
    """Presence for one worker's rooms.

    Args:
        broadcast: the backend shared with the other workers.
        counts: the hub's counters (publish failures, lagging watchers).
        settle: seconds over which changes are coalesced before announcing.
        heartbeat: seconds between re-announcements.
        ttl: seconds another worker's announcement stays valid.
    """

    def __init__(
        self, broadcast: Broadcast, counts: Counters, *, settle: float, heartbeat: float, ttl: float
    ) -> None:
        self.worker_id = f"{os.getpid()}-{secrets.token_hex(4)}"
        self._broadcast = broadcast
        self._counts = counts
        self._settle = settle
        self._heartbeat = heartbeat
        self._ttl = ttl
        self._beats: asyncio.Task[None] | None = None

    def start(self, rooms: Callable[[], list[Room]]) -> None:
        """Start the heartbeat over ``rooms()`` (the hub's current rooms)."""
        self._beats = asyncio.create_task(self._beat(rooms), name="live:presence")

    async def stop(self) -> None:
        beats, self._beats = self._beats, None
        if beats is not None:
            beats.cancel()
            await asyncio.wait({beats})

    def joined(self, room: Room, conn: Connection) -> None:
        """Count a joined connection; a watcher gets the current view at once."""
        if conn.presence is not None:
            room.present.add(conn)
            room.presence.join(conn.presence)
            self.changed(room)
        if conn.watches_presence:
            conn.push(watcher_frame(room.session_id, room.presence.merged(time.monotonic())))

    def left(self, room: Room, conn: Connection) -> None:
        if conn in room.present:
            room.present.discard(conn)
            room.presence.leave(conn.presence or "")
            self.changed(room)

    def changed(self, room: Room) -> None:
        """Schedule one announcement + watcher update for changes within the settle time."""
        if room.presence_flush is None and self._beats is not None:
            room.presence_flush = asyncio.create_task(
                self._flush(room), name=f"live:presence:{room.session_id}"
            )

    async def announce(self, room: Room, *, ask: bool) -> None:
        """Publish this worker's members of ``room``; a failure waits for the next heartbeat."""
        members = room.presence.own()
        room.presence.announced = members
        frame = announcement_frame(
            Announcement(room.session_id, self.worker_id, members, self._ttl, ask)
        )
        try:
            await self._broadcast.publish(session_channel(room.session_id), frame)
        except BroadcastError as error:
            self._counts.publish_failures += 1
            logger.info("presence of session %s not announced: %s", room.session_id, error)

    def receive(self, room: Room, announcement: Announcement) -> None:
        """Take another worker's report (our own echo and other sessions are ignored)."""
        if announcement.worker == self.worker_id or announcement.session_id != room.session_id:
            return
        room.presence.receive(announcement, time.monotonic())
        if announcement.ask:
            room.presence.announced = None  # make the next flush announce, even if unchanged
        self.changed(room)

    async def _flush(self, room: Room) -> None:
        await asyncio.sleep(self._settle)
        room.presence_flush = None
        if room.presence.own() != room.presence.announced:
            await self.announce(room, ask=False)
        self._show(room)

    def _show(self, room: Room) -> None:
        """Send the merged view to the room's watchers if it changed since last shown."""
        merged = room.presence.merged(time.monotonic())
        if merged == room.presence.shown:
            return
        room.presence.shown = merged
        frame = watcher_frame(room.session_id, merged)
        for conn in room.live:
            if conn.watches_presence and not conn.closed and not conn.push(frame):
                self._counts.lagging_closed += 1

    async def _beat(self, rooms: Callable[[], list[Room]]) -> None:
        """Re-announce every room's members and drop expired reports, every heartbeat."""
        while True:
            await asyncio.sleep(self._heartbeat)
            for room in rooms():
                room.presence.expire(time.monotonic())
                if room.presence.local or room.presence.announced:
                    await self.announce(room, ask=False)
                self._show(room)
