"""A PostgreSQL worker keeps only ``keep`` connections open while idle, not its whole pool."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text

from app.store.engine import make_engine

COUNT_OTHERS = text(
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
    "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
)


def others(watch: Connection) -> int:
    """Connections to this database besides ``watch`` (a fresh snapshot: statistics views
    hold still within a transaction)."""
    count = int(watch.execute(COUNT_OTHERS).scalar_one())
    watch.rollback()
    return count


@pytest.mark.postgres
def test_a_burst_opens_the_whole_pool_and_only_keep_connections_stay(postgres_url: str) -> None:
    watcher = make_engine(postgres_url, 1)
    engine = make_engine(postgres_url, pool_size=6, keep=2)
    try:
        with watcher.connect() as watch:
            before = others(watch)
            burst = [engine.connect() for _ in range(6)]  # as six requests at once
            for connection in burst:
                connection.execute(text("SELECT 1"))
            assert others(watch) == before + 6
            for connection in burst:
                connection.close()
            assert others(watch) == before + 2
            with engine.connect() as again:  # a kept connection serves the next request
                assert again.execute(text("SELECT 1")).scalar_one() == 1
            assert others(watch) == before + 2
    finally:
        engine.dispose()
        watcher.dispose()


@pytest.mark.postgres
def test_without_keep_every_pooled_connection_stays(postgres_url: str) -> None:
    watcher = make_engine(postgres_url, 1)
    engine = make_engine(postgres_url, pool_size=3)
    try:
        with watcher.connect() as watch:
            before = others(watch)
            burst = [engine.connect() for _ in range(3)]
            for connection in burst:
                connection.execute(text("SELECT 1"))
                connection.close()
            assert others(watch) == before + 3
    finally:
        engine.dispose()
        watcher.dispose()
