"""Use cases called directly, as the routers call them, once on SQLite and once on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from app.store.engine import make_engine


@pytest.fixture
def db(any_db_url: str) -> Iterator[Session]:
    engine = make_engine(any_db_url)
    with Session(engine) as session:
        yield session
    engine.dispose()
