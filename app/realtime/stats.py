"""Monitoring numbers of a hub: ``Hub.stats()`` returns a :class:`HubStats`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Counters", "HubStats"]


@dataclass
class Counters:
    """What the hub counts over its life; see :class:`HubStats`."""

    duplicates_dropped: int = 0
    gaps_filled: int = 0
    resyncs: int = 0
    lagging_closed: int = 0
    listener_restarts: int = 0
    publish_failures: int = 0
    bad_frames: int = 0


@dataclass(frozen=True, slots=True)
class HubStats:
    """A snapshot for monitoring; the counters only grow over the hub's life."""

    connections: int
    direct_connections: int
    """Connections whose frames go straight to the socket (see ``Write``); the rest use ASGI."""
    sessions: int
    largest_queue: int
    duplicates_dropped: int
    gaps_filled: int
    resyncs: int
    lagging_closed: int
    listener_restarts: int
    publish_failures: int
    bad_frames: int
