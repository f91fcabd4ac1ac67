"""A PostgreSQL worker keeps only ``keep`` connections open while idle, not its whole pool; the
others stay for ``linger`` seconds after their last use, so a busy worker reuses them instead of
opening a new server process per request."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from sqlalchemy import Connection, text

from app.main import trim_pools
from app.store.engine import make_engine, trim_pool

ALIVE = text("SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(:pids)")
BACKEND = text("SELECT pg_backend_pid()")


def alive(watch: Connection, pids: list[int]) -> int:
    """How many of the server processes ``pids`` are still connected (a fresh snapshot:
    statistics views hold still within a transaction)."""
    count = int(watch.execute(ALIVE, {"pids": pids}).scalar_one())
    watch.rollback()
    return count


def settled(watch: Connection, pids: list[int], expected: int, within: float = 5.0) -> int:
    """``alive`` once it equals ``expected`` or ``within`` seconds have passed: a closed
    connection's server process leaves ``pg_stat_activity`` a moment after the client let go."""
    deadline = time.monotonic() + within
    while (count := alive(watch, pids)) != expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return count


@pytest.mark.postgres
def test_a_burst_opens_the_whole_pool_and_only_keep_connections_stay(postgres_url: str) -> None:
    watcher = make_engine(postgres_url, 1)
    engine = make_engine(postgres_url, pool_size=6, keep=2, linger=0.3)
    try:
        with watcher.connect() as watch:
            burst = [engine.connect() for _ in range(6)]  # as six requests at once
            pids = [int(connection.execute(BACKEND).scalar_one()) for connection in burst]
            assert len(set(pids)) == 6
            for connection in burst:
                connection.close()
            # Just back: all six stay for the next burst, however often the pool is trimmed.
            assert trim_pool(engine) == 0
            assert alive(watch, pids) == 6
            time.sleep(0.4)
            assert trim_pool(engine) == 4
            assert settled(watch, pids, 2) == 2
            with engine.connect() as again:  # a kept connection serves the next request
                assert int(again.execute(BACKEND).scalar_one()) in pids
            assert alive(watch, pids) == 2
            assert trim_pool(engine) == 0  # never below keep
    finally:
        engine.dispose()
        watcher.dispose()


@pytest.mark.postgres
def test_a_busy_pool_reuses_its_connections_instead_of_opening_new_ones(
    postgres_url: str,
) -> None:
    """Three requests at a time, again and again, on a pool that keeps one while idle: the
    same three server processes answer every round (the old pool closed two of them each time
    they came back, and opened two new ones for the next round)."""
    engine = make_engine(postgres_url, pool_size=6, keep=1, linger=30)
    try:
        seen: set[int] = set()
        for _ in range(20):
            burst = [engine.connect() for _ in range(3)]
            seen |= {int(c.execute(BACKEND).scalar_one()) for c in burst}
            for connection in burst:
                connection.close()
            trim_pool(engine)
        assert len(seen) == 3
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_the_app_trims_idle_connections_by_itself(postgres_url: str) -> None:
    watcher = make_engine(postgres_url, 1)
    engine = make_engine(postgres_url, pool_size=4, keep=1, linger=0.2)
    pids: list[int] = []

    async def burst_then_wait() -> None:
        trimming = asyncio.create_task(trim_pools([engine], 0.1))
        try:
            burst = [engine.connect() for _ in range(4)]
            pids.extend(int(connection.execute(BACKEND).scalar_one()) for connection in burst)
            for connection in burst:
                connection.close()
            await asyncio.sleep(0.8)
        finally:
            trimming.cancel()

    def run_app_loop() -> None:  # a loop of its own: the suite's thread may have one running
        asyncio.run(burst_then_wait())

    try:
        with watcher.connect() as watch:
            loop = threading.Thread(target=run_app_loop)
            loop.start()
            loop.join(timeout=30)
            assert not loop.is_alive()
            assert len(set(pids)) == 4
            assert settled(watch, pids, 1) == 1
    finally:
        engine.dispose()
        watcher.dispose()


@pytest.mark.postgres
def test_without_keep_every_pooled_connection_stays(postgres_url: str) -> None:
    watcher = make_engine(postgres_url, 1)
    engine = make_engine(postgres_url, pool_size=3)
    try:
        with watcher.connect() as watch:
            burst = [engine.connect() for _ in range(3)]
            pids = [int(connection.execute(BACKEND).scalar_one()) for connection in burst]
            for connection in burst:
                connection.close()
            assert alive(watch, pids) == 3
    finally:
        engine.dispose()
        watcher.dispose()
