"""A room's subscription to its session's broadcast channel, for as long as the room exists.

On every (re)subscription the room catches up from the store and asks the other workers who
they hold; each frame then goes to presence (an announcement) or to ordered delivery (an event;
this worker's own echo is dropped). When the backend fails, the listener resubscribes after a
delay that doubles, with jitter, up to a ceiling.
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass

from app.realtime.broadcast import Broadcast, BroadcastDisconnected
from app.realtime.delivery import OrderedDelivery
from app.realtime.events import FramedEvent, session_channel
from app.realtime.presence import parse_announcement
from app.realtime.presence_relay import PresenceRelay
from app.realtime.room import Room
from app.realtime.stats import Counters

__all__ = ["ChannelListener"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True, eq=False)
class ChannelListener:
    """Follows the channels of one hub's rooms.

    Args:
        broadcast: the backend shared with the other workers.
        delivery: where events go, in order.
        presence: where presence announcements go.
        counts: the hub's counters (listener restarts, bad frames).
        reconnect_delay: first wait before resubscribing after the backend failed.
        max_reconnect_delay: the longest wait between attempts.
    """

    broadcast: Broadcast
    delivery: OrderedDelivery
    presence: PresenceRelay
    counts: Counters
    reconnect_delay: float
    max_reconnect_delay: float

    async def listen(self, room: Room) -> None:
        """Follow the session's channel for as long as the room exists, resubscribing on failure."""
        delay = self.reconnect_delay
        while True:
            try:
                async with self.broadcast.subscribe(session_channel(room.session_id)) as frames:
                    await self.delivery.catch_up(room)  # whatever was published while unsubscribed
                    await self.presence.announce(room, ask=True)  # who is where, on every worker
                    delay = self.reconnect_delay
                    async for frame in frames:
                        await self._receive(room, frame)
                problem = "subscription ended"
            except BroadcastDisconnected as error:
                problem = str(error)
            except Exception as error:  # e.g. the store failed during a catch-up: retry later
                logger.exception("live listener for session %s failed", room.session_id)
                problem = repr(error)
            self.counts.listener_restarts += 1
            logger.warning(
                "live session %s resubscribing in %.2fs: %s", room.session_id, delay, problem
            )
            await asyncio.sleep(delay * random.uniform(0.5, 1.0))  # noqa: S311 - jitter only
            delay = min(delay * 2, self.max_reconnect_delay)

    async def _receive(self, room: Room, frame: str) -> None:
        try:
            announcement = parse_announcement(frame)
            event = None if announcement else FramedEvent.from_frame(frame)
        except ValueError:
            announcement = event = None
        if announcement is not None:
            self.presence.receive(room, announcement)
            return
        if event is None or event.session_id != room.session_id:
            self.counts.bad_frames += 1
            logger.warning("ignoring bad live frame on session %s", room.session_id)
            return
        if room.is_echo(event.seq):  # this worker published it and delivered it then
            return
        await self.delivery.offer(room, event)
