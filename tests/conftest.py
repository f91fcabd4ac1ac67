"""Fixtures: a fresh app and database per test, on SQLite and (where asked) PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, Playwright, sync_playwright
from sqlalchemy import text
from sqlmodel import Session

from app.config import Settings
from app.main import create_app
from app.store.engine import make_engine
from app.store.migrate import upgrade
from tests.e2e.browser import CHROMIUM, LAUNCH_ARGS
from tests.support.loop_guard import LoopGuard
from tests.support.services import in_ci, scratch_postgres_database

TEST_SECRET = "test-secret-key-not-for-production"
BASE_URL = "http://testserver"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file; each test gets a copy (migrating per test is slower)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A migrated scratch PostgreSQL database shared by the run; tests empty it after use."""
    with scratch_postgres_database() as url:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


def _truncate_all(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        tables = [
            row[0]
            for row in connection.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                    "AND tablename <> 'alembic_version'"
                )
            )
        ]
        if tables:
            connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


def _sqlite_copy(template: Path, tmp_path: Path) -> str:
    target = tmp_path / "roundtable.db"
    shutil.copy(template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def db_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A fresh SQLite database for this test."""
    return _sqlite_copy(sqlite_template, tmp_path)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db_url(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> Iterator[str]:
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield _sqlite_copy(sqlite_template, tmp_path)
        return
    url = request.getfixturevalue("postgres_url")
    _truncate_all(url)
    yield url
    _truncate_all(url)


def make_settings(database_url: str, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        "base_url": BASE_URL,
        "secret_key_file": tmp_path / "secret",
        # Many apps live and die in one test process: frozen objects would never be collected.
        "gc_freeze": False,
        # ... and their cycles should not wait for a rare full collection: Python's default.
        "gc_full_every": 10,
    }
    values.update(overrides)
    return Settings.model_validate(values)


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """An in-process client for one fresh app on SQLite."""
    with guarded(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def any_client(any_db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    """An in-process client, once on SQLite and once on PostgreSQL."""
    app = create_app(make_settings(any_db_url, tmp_path))
    with guarded(app) as test_client:
        yield test_client
    app.state.engine.dispose()


@contextmanager
def guarded(app: FastAPI) -> Iterator[TestClient]:
    """A test client for ``app`` that fails the test if the app queried on its event loop."""
    guard = LoopGuard(app.state.engine)
    try:
        with TestClient(app, base_url=BASE_URL) as test_client:
            guard.watch(test_client)
            yield test_client
    finally:
        guard.close()
    assert not guard.offences, guard.report()


@pytest.fixture
def db(client: TestClient) -> Iterator[Session]:
    """A database session on the same database as ``client``."""
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        yield session


# --- The browser, once per test run -------------------------------------------------------
# Here rather than in tests/e2e so every folder (e2e, fuzz) shares one Playwright driver: a
# second sync driver started while the first is alive fails ("Sync API inside the asyncio loop").


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"Chromium is not installed at {CHROMIUM} (Debian package 'chromium')"
    if in_ci():
        pytest.fail(f"{reason}; CI=true requires the browser tests to run.")
    pytest.skip(f"{reason}; install it to run the browser tests.")


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    require_chromium()
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
    )
    yield chromium
    chromium.close()
