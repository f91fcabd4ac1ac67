"""The application's realtime hub: built in the lifespan, fed from the store, published to
after commits."""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import FastAPI, Request
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.realtime import Hub, LiveEvent, broadcast_from_url
from app.services import live
from app.store.models import LiveEvent as StoredEvent

FETCH_LIMIT = 1000


def to_live(row: StoredEvent) -> LiveEvent:
    """A stored event as the hub sends it (its frame is rendered once, here)."""
    return LiveEvent(row.session_id, row.seq, row.type, dict(row.data))


def make_fetch_since(engine: Engine) -> Any:
    """Read stored events after a seq, off the event loop."""

    def read(session_id: str, after: int) -> list[LiveEvent]:
        with Session(engine) as db:
            return [to_live(r) for r in live.events_since(db, session_id, after, FETCH_LIMIT)]

    async def fetch_since(session_id: str, after: int) -> list[LiveEvent]:
        return await anyio.to_thread.run_sync(read, session_id, after)

    return fetch_since


async def start_hub(app: FastAPI, broadcast_url: str, engine: Engine) -> Hub:
    """Connect the broadcast backend and start the hub (lifespan start-up)."""
    broadcast = broadcast_from_url(broadcast_url)
    await broadcast.connect()
    hub = Hub(broadcast, make_fetch_since(engine), fetch_limit=FETCH_LIMIT)
    await hub.start()
    app.state.broadcast = broadcast
    app.state.hub = hub
    return hub


async def stop_hub(app: FastAPI) -> None:
    """Close every live connection and the backend (lifespan shutdown)."""
    await app.state.hub.stop()
    await app.state.broadcast.disconnect()


async def publish(request: Request, event: StoredEvent | LiveEvent | None) -> None:
    """Publish a committed event to every worker's clients.

    A stored row must still hold its values (detached before the commit, or converted with
    ``to_live`` in the worker thread): reloading it here would query on the event loop.
    """
    if event is not None:
        live_event = event if isinstance(event, LiveEvent) else to_live(event)
        await request.app.state.hub.publish(live_event)


def publish_from_thread(request: Request, events: list[StoredEvent]) -> None:
    """``publish`` for sync route handlers, which FastAPI runs in a worker thread."""
    for event in events:
        live_event = to_live(event)  # any reload of the row happens here, in the thread
        anyio.from_thread.run(publish, request, live_event)
