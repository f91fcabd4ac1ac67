"""The live-server harness itself: later tests rely on SIGKILL and restart doing what they say."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from tests.e2e.server import LiveServer, living_in_group


def test_sigkill_takes_every_worker_down_and_restart_keeps_data_and_links(
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server(workers=2)
    session = server.create_session(title="Survives a crash")
    pgid = server.pgid
    assert pgid is not None
    assert len(living_in_group(pgid)) >= 3  # the supervisor and two workers

    server.kill()

    assert living_in_group(pgid) == [], "a uvicorn worker outlived SIGKILL of its server"
    with pytest.raises(httpx.TransportError):
        httpx.get(server.url("/"), timeout=1.0)

    server.restart()

    exchanged = httpx.get(session.facilitator_url, follow_redirects=False, timeout=5.0)
    assert exchanged.status_code == 303
    assert exchanged.headers["location"] == f"/s/{session.id}/facilitate"
    read = server.api("GET", f"/api/v1/sessions/{session.id}", token=session.facilitator_token)
    assert read.json()["title"] == "Survives a crash"
    # 2 workers, then 1 after the restart; a worker may still be starting under load.
    deadline = time.monotonic() + 15
    while server.log().count("Application startup complete") < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert server.log().count("Application startup complete") >= 3
