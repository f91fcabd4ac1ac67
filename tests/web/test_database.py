"""``Database``: at most one caller per pooled connection, the rest waiting on the event loop."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import anyio
import pytest
from sqlalchemy import text
from sqlmodel import Session

from app.store.engine import make_engine
from app.web.database import Database
from tests.support.aio import run_async


def test_more_callers_than_connections_all_finish_never_more_than_the_slots_at_once(
    tmp_path: Path,
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'slots.db'}", pool_size=3)
    database = Database(engine, 2)  # the slots, not the pool, decide who works
    busy = 0
    most = 0
    lock = threading.Lock()

    def work(db: Session) -> int:
        nonlocal busy, most
        with lock:
            busy += 1
            most = max(most, busy)
        try:
            value = db.execute(text("SELECT 7")).scalar_one()
            time.sleep(0.01)  # hold the connection a while, as a real request does
            return int(value)
        finally:
            with lock:
                busy -= 1

    async def crowd() -> list[int]:
        results: list[int] = []

        async def one() -> None:
            results.append(await database.run(work))

        async with anyio.create_task_group() as group:
            for _ in range(60):  # more than the 40 worker threads, far more than 2 slots
                group.start_soon(one)
        return results

    assert run_async(crowd()) == [7] * 60
    assert most == 2
    engine.dispose()


def test_a_request_that_fails_gives_its_slot_back(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'slots.db'}", pool_size=1)
    database = Database(engine, 1)

    async def failing_request() -> None:
        async with database.session() as db:
            await anyio.to_thread.run_sync(lambda: db.execute(text("SELECT 1")))
            raise RuntimeError("the route failed")

    async def failing_then_next() -> int:
        with pytest.raises(RuntimeError):
            await failing_request()
        with anyio.fail_after(5):  # the only slot and connection are free again
            return await database.run(lambda db: int(db.execute(text("SELECT 2")).scalar_one()))

    assert run_async(failing_then_next()) == 2
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    engine.dispose()
