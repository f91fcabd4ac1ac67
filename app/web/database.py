"""Database work from async code: one slot per pooled connection, then a worker thread.

A request that needs the database first takes one of as many slots as the pool has
connections, waiting on the event loop, where waiting costs nothing; only then does its work
go to a worker thread. Without the slots, a burst of requests larger than the pool deadlocks:
the few worker threads all wait inside the pool for a connection, while the requests holding
the connections wait for a worker thread to finish in (FastAPI validates a sync route's answer
in one, for instance). With them, a thread never waits for a connection, and the event loop
never touches the database at all.

Each caller holds at most one slot: a request holds its slot (``session``) from its first
dependency to its end, and work outside requests (websockets, the clock control, the hub)
takes its own for one ``run``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

import anyio
from sqlalchemy.engine import Engine
from sqlmodel import Session

T = TypeVar("T")


class Database:
    """The engine, and as many slots as its pool has connections."""

    def __init__(self, engine: Engine, slots: int) -> None:
        self.engine = engine
        self.slots = anyio.CapacityLimiter(slots)

    async def run(self, work: Callable[[Session], T]) -> T:
        """``work(session)`` in a worker thread once a slot is free; the session is closed after."""
        borrower = object()
        await self.slots.acquire_on_behalf_of(borrower)
        try:
            return await anyio.to_thread.run_sync(self._in_session, work)
        finally:
            self.slots.release_on_behalf_of(borrower)

    def _in_session(self, work: Callable[[Session], T]) -> T:
        with Session(self.engine) as db:
            return work(db)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[Session]:
        """A session for one request, its slot held until the request has answered."""
        borrower = object()  # not the task: FastAPI may end a dependency in another task
        await self.slots.acquire_on_behalf_of(borrower)
        db = Session(self.engine)
        try:
            yield db
        finally:
            try:
                # Closing hands the connection back (a rollback): in a thread of its own, as
                # FastAPI ends sync dependencies, so that no count of busy threads holds it up.
                with anyio.CancelScope(shield=True):
                    await anyio.to_thread.run_sync(db.close, limiter=anyio.CapacityLimiter(1))
            finally:
                self.slots.release_on_behalf_of(borrower)
