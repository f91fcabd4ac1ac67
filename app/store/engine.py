"""Database engine: one per application, SQLite (WAL, foreign keys) or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import create_engine


def normalize_url(url: str) -> str:
    """Pick the drivers we ship: psycopg 3 for PostgreSQL, the stdlib for SQLite."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    """Whether a database URL points at SQLite."""
    return make_url(url).get_backend_name() == "sqlite"


def json_text(value: Any) -> str:
    """JSON columns as text, by orjson: the capture board is one JSON document rewritten by
    every command, and the standard library's encoder took most of a capture's time on a
    board of a thousand items. Keys that are not strings become strings, as with ``json``."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers (every page view) run while a writer commits; foreign keys are off by
    # default in SQLite and we rely on them for cascades.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


POOL_SIZE = 20


def make_engine(url: str, pool_size: int = POOL_SIZE, keep: int | None = None) -> Engine:
    """Create the engine for ``url``; for a SQLite file, create its folder too.

    The pool holds at most ``pool_size`` connections (so ``pool_size`` is also how many callers
    can work at once: the web layer lets no more than that in, ``app.web.database``). On
    PostgreSQL only ``keep`` of them (all when None) stay open while idle; the rest are opened
    for a burst and closed when handed back. Every worker of every host holds its idle
    connections against the server's ``max_connections``: ``bench/bench_load.py`` found two
    workers serving two quiet rooms holding 46, because one burst of joins had opened every
    slot's connection and a pool never shrinks by itself.
    """
    url = normalize_url(url)
    # Last in, first out: a quiet worker keeps reusing its one or two warm connections (their
    # page caches and prepared statements) instead of cycling all of them, each of which would
    # fill a cache of its own (SQLite keeps up to 2 MiB per connection).
    pool = {"pool_size": pool_size, "max_overflow": 0, "pool_use_lifo": True}
    json_codec = {"json_serializer": json_text, "json_deserializer": orjson.loads}
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        else:
            pool = {}  # one in-memory database per connection: SQLAlchemy's own pool for it
        engine = create_engine(url, connect_args={"check_same_thread": False}, **json_codec, **pool)
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if keep is not None and keep < pool_size:
        # QueuePool closes a returned connection when ``pool_size`` idle ones are already kept.
        pool.update(pool_size=max(keep, 1), max_overflow=pool_size - max(keep, 1))
    return create_engine(url, pool_pre_ping=True, **json_codec, **pool)
