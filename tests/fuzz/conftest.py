"""Fixtures for the bad-input tests: one real uvicorn server per module, fresh demo sessions."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.conftest import (
    new_context,
    pytest_runtest_makereport,
    watch,
)
from tests.e2e.server import LiveServer
from tests.fuzz.rooms import DemoRoom, demo_room

# Shared with tests/e2e: browser contexts (the browser itself is in tests/conftest.py), and
# server logs attached to failing reports.
__all__ = ["new_context", "pytest_runtest_makereport"]


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for a test module; each test works on its own copy of the demo session."""
    server = LiveServer(tmp_path_factory.mktemp("fuzz-server"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(fuzz_server: LiveServer, request: pytest.FixtureRequest) -> LiveServer:
    """The module's server, running (restarted if a test stopped it); its log on failure."""
    if not fuzz_server.running:
        fuzz_server.start()
    watch(request, fuzz_server)
    return fuzz_server


@pytest.fixture
def room(server: LiveServer) -> DemoRoom:
    """A fresh copy of the demo session on ``server``."""
    return demo_room(server)
