"""Database engine: one per application, SQLite (WAL, foreign keys) or PostgreSQL."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import ConnectionPoolEntry, QueuePool
from sqlalchemy.util import queue as sqla_queue
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
POOL_LINGER = 30.0
_RETURNED = "roundtable_returned_at"


class LingeringPool(QueuePool):
    """A LIFO ``QueuePool`` that keeps a burst's connections open for ``linger`` seconds.

    Idle connections beyond the ``keep`` most recently used ones are closed by ``trim`` once
    they have been idle for ``linger`` seconds (``app.main`` calls it every few seconds), so a
    quiet worker holds ``keep`` connections against the server's ``max_connections``. Closing
    them the moment they came back (``QueuePool``'s overflow) made a loaded worker open and
    close a PostgreSQL connection for most requests, each a new server process: at 110 rooms
    on two workers the load bench's median went from 11 ms to 174 ms (docs/SCALING.md).
    """

    def __init__(
        self, creator: Any, *, keep: int = 1, linger: float = POOL_LINGER, **kw: Any
    ) -> None:
        kw.pop("max_overflow", None)  # ``recreate`` passes it: all of the pool is kept
        kw["use_lifo"] = True  # ``trim`` reads the queue's top as the most recently used
        super().__init__(creator, max_overflow=0, **kw)
        self.keep = keep
        self.linger = linger

    def recreate(self) -> LingeringPool:
        return self.__class__(
            self._creator,
            keep=self.keep,
            linger=self.linger,
            pool_size=self._pool.maxsize,
            timeout=self._timeout,
            recycle=self._recycle,
            echo=self.echo,
            logging_name=self._orig_logging_name,
            reset_on_return=self._reset_on_return,
            _dispatch=self.dispatch,
            dialect=self._dialect,
            pre_ping=self._pre_ping,
        )

    def _do_return_conn(self, record: ConnectionPoolEntry) -> None:
        record.info[_RETURNED] = time.monotonic()
        super()._do_return_conn(record)

    def trim(self, now: float | None = None) -> int:
        """Close the idle connections beyond the ``keep`` most recently used that have been
        idle for ``linger`` seconds; returns how many were closed."""
        now = time.monotonic() if now is None else now
        idle: list[ConnectionPoolEntry] = []
        while True:  # LIFO: the most recently returned comes first
            try:
                idle.append(self._pool.get(False))
            except sqla_queue.Empty:
                break
        stale = {
            id(record)
            for record in idle[self.keep :]
            if now - record.info.get(_RETURNED, now) >= self.linger
        }
        for record in reversed(idle):  # back in the same order, the most recent on top
            if id(record) not in stale:
                self._pool.put(record, False)
        for record in idle:
            if id(record) in stale:
                try:
                    record.close()
                finally:
                    self._dec_overflow()
        return len(stale)


def make_engine(
    url: str, pool_size: int = POOL_SIZE, keep: int | None = None, linger: float = POOL_LINGER
) -> Engine:
    """Create the engine for ``url``; for a SQLite file, create its folder too.

    The pool holds at most ``pool_size`` connections (so ``pool_size`` is also how many callers
    can work at once: the web layer lets no more than that in, ``app.web.database``). On
    PostgreSQL only ``keep`` of them (all when None) stay open while idle: the others close
    after ``linger`` idle seconds (``LingeringPool.trim``). Every worker of every host holds its
    idle connections against the server's ``max_connections``: ``bench/bench_load.py`` found
    two workers serving two quiet rooms holding 46, because one burst of joins had opened every
    slot's connection and a pool never shrinks by itself.
    """
    url = normalize_url(url)
    # Last in, first out: a quiet worker keeps reusing its one or two warm connections (their
    # page caches and prepared statements) instead of cycling all of them, each of which would
    # fill a cache of its own (SQLite keeps up to 2 MiB per connection).
    pool: dict[str, Any] = {"pool_size": pool_size, "max_overflow": 0, "pool_use_lifo": True}
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
        pool = {"poolclass": LingeringPool, "pool_size": pool_size}
    engine = create_engine(url, pool_pre_ping=True, **json_codec, **pool)
    if isinstance(engine.pool, LingeringPool):  # create_engine passes no pool arguments of ours
        engine.pool.keep, engine.pool.linger = max(keep or 1, 1), linger
    return engine


def trim_pool(engine: Engine) -> int:
    """Close the engine's connections idle past their linger (0 for other pools)."""
    pool = engine.pool
    return pool.trim() if isinstance(pool, LingeringPool) else 0
