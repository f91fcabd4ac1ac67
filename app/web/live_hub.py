"""The application's realtime hub: built in the lifespan, fed from the store, published to
after commits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import anyio
from fastapi import FastAPI, Request
from sqlmodel import Session

from app.realtime import FramedEvent, Hub, broadcast_from_url
from app.services.live import service as live
from app.store.models import LiveEvent as StoredEvent
from app.web.database import Database

FETCH_LIMIT = 1000
HUB_CONNECTIONS = 2
"""Connections kept for the hub's own reads (joins, gap fills) on top of the requests' slots: a
request that publishes holds its slot while the hub fills a gap, so the hub must never wait for
one of those (``app.web.database``)."""


def to_live(row: StoredEvent) -> FramedEvent:
    """A stored event as the hub sends it (its frame is rendered once, here)."""
    return FramedEvent(row.session_id, row.seq, row.type, dict(row.data))


def make_fetch_since(database: Database) -> Any:
    """Read stored events after a seq, in a worker thread, on the hub's own connections."""

    async def fetch_since(session_id: str, after: int) -> list[FramedEvent]:
        def read(db: Session) -> list[FramedEvent]:
            return [to_live(r) for r in live.events_since(db, session_id, after, FETCH_LIMIT)]

        return await database.run(read)

    return fetch_since


async def start_hub(app: FastAPI, broadcast_url: str, database: Database) -> Hub:
    """Connect the broadcast backend and start the hub (lifespan start-up); ``database`` is
    the hub's own (``HUB_CONNECTIONS`` slots)."""
    broadcast = broadcast_from_url(broadcast_url)
    await broadcast.connect()
    # A revoked link's frame goes through ``send``, which closes that link's sockets.
    hub = Hub(
        broadcast, make_fetch_since(database), fetch_limit=FETCH_LIMIT, send_only={"link_revoked"}
    )
    await hub.start()
    app.state.broadcast = broadcast
    app.state.hub = hub
    return hub


async def stop_hub(app: FastAPI) -> None:
    """Close every live connection and the backend (lifespan shutdown)."""
    await app.state.hub.stop()
    await app.state.broadcast.disconnect()


async def publish(request: Request, event: StoredEvent | FramedEvent | None) -> None:
    """Publish a committed event to every worker's clients.

    A stored row must still hold its values (detached before the commit, or converted with
    ``to_live`` in the worker thread): reloading it here would query on the event loop.
    """
    if event is not None:
        live_event = event if isinstance(event, FramedEvent) else to_live(event)
        await request.app.state.hub.publish(live_event)


def publish_from_thread(request: Request, events: Iterable[StoredEvent | None]) -> None:
    """``publish`` for sync route handlers, which FastAPI runs in a worker thread (a None,
    nothing changed, is skipped)."""
    for event in events:
        if event is None:
            continue
        live_event = to_live(event)  # any reload of the row happens here, in the thread
        anyio.from_thread.run(publish, request, live_event)
