"""Realtime layer: live events, per-worker fan-out (the hub: rooms, ordered delivery, channel
listeners, presence) and broadcast backends.

No FastAPI or database code here: the web layer injects ``fetch_since`` and the websocket
``send`` (and, where the server allows it, a direct ``Write``). The Redis backend is imported
only when a ``redis://`` URL is used.
"""

from __future__ import annotations

from app.realtime.backends import broadcast_from_url
from app.realtime.broadcast import (
    Broadcast,
    BroadcastDisconnected,
    BroadcastError,
    MemoryBroadcast,
)
from app.realtime.connection import (
    LAGGING,
    SHUTDOWN,
    CloseReason,
    Connection,
    Send,
    Write,
    wire_frame,
)
from app.realtime.delivery import FetchSince
from app.realtime.events import RESYNC, FramedEvent, resync_frame, session_channel
from app.realtime.hub import Hub
from app.realtime.stats import HubStats

__all__ = [
    "LAGGING",
    "RESYNC",
    "SHUTDOWN",
    "Broadcast",
    "BroadcastDisconnected",
    "BroadcastError",
    "CloseReason",
    "Connection",
    "FetchSince",
    "FramedEvent",
    "Hub",
    "HubStats",
    "MemoryBroadcast",
    "Send",
    "Write",
    "broadcast_from_url",
    "resync_frame",
    "session_channel",
    "wire_frame",
]
