"""Use cases called directly, as the routers call them, once on SQLite and once on PostgreSQL.

``any_db`` is a database session of its own (``db`` in tests/conftest.py is the one behind
``client``, on SQLite).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from app.store.engine import make_engine


@pytest.fixture
def any_db(any_db_url: str) -> Iterator[Session]:
    engine = make_engine(any_db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()
