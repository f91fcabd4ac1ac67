"""The health endpoint: what a load balancer and an operator need, nothing about sessions."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from app.config import Settings
from app.domain.framing.model import default_model
from app.main import create_app
from app.web.database import Database
from tests.conftest import make_settings


def test_health_answers_without_credentials(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["live"]["connections"] == 0
    assert set(body["live"]) >= {"sessions", "lagging_closed", "resyncs", "publish_failures"}


def test_health_says_degraded_with_503_when_the_database_is_gone(client: TestClient) -> None:
    app = client.app
    working = app.state.database  # type: ignore[attr-defined]
    gone = create_engine(
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1}
    )
    app.state.database = Database(gone, 1)  # type: ignore[attr-defined]
    try:
        response = client.get("/healthz")
    finally:
        gone.dispose()
        app.state.database = working  # type: ignore[attr-defined]
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_a_served_app_freezes_its_start_up_objects(tmp_path: Path) -> None:
    """Full GC passes skip what start-up made (fewer stalls for thousands of sockets); in a
    process of its own, because a frozen test process would never collect its apps."""
    code = (
        "import gc\n"
        "from fastapi.testclient import TestClient\n"
        "from app.main import create_app\n"
        "before = gc.get_freeze_count()\n"
        "with TestClient(create_app()):\n"
        "    print(before, gc.get_freeze_count())\n"
    )
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'rt.db'}",
        "ROUNDTABLE_SECRET_KEY": "x" * 40,
        "ROUNDTABLE_SECRET_KEY_FILE": str(tmp_path / "key"),
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    before, after = map(int, out.stdout.split()[-2:])
    assert before == 0
    assert after > 10_000


def test_a_worker_is_ready_for_captures_once_it_answers(settings: Settings) -> None:
    """The framing check's model is built while the worker starts, not by the first capture
    (half a second of CPU under the session's lock while every live socket waits)."""
    default_model.cache_clear()
    app = create_app(settings)
    assert default_model.cache_info().currsize == 0  # creating the app does not build it
    with TestClient(app) as started:
        assert started.get("/healthz").status_code == 200
        assert default_model.cache_info().currsize == 1


def test_the_server_runs_full_collections_as_rarely_as_configured(tmp_path: Path) -> None:
    """A full collection stalls every live socket of the worker (docs/SCALING.md): the worker
    sets the collector's third threshold from ``ROUNDTABLE_GC_FULL_EVERY`` when it starts."""
    before = gc.get_threshold()
    settings = make_settings(f"sqlite:///{tmp_path / 'gc.db'}", tmp_path, gc_full_every=777)
    try:
        with TestClient(create_app(settings)) as started:
            assert started.get("/healthz").status_code == 200
            assert gc.get_threshold() == (before[0], before[1], 777)
    finally:
        gc.set_threshold(*before)
    assert Settings.model_validate({"secret_key": "x" * 32}).gc_full_every == 1000
