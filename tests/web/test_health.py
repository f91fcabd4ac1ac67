"""The health endpoint: what a load balancer and an operator need, nothing about sessions."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import create_engine


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
    working = app.state.engine  # type: ignore[attr-defined]
    app.state.engine = create_engine(  # type: ignore[attr-defined]
        "postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1}
    )
    try:
        response = client.get("/healthz")
    finally:
        app.state.engine.dispose()  # type: ignore[attr-defined]
        app.state.engine = working  # type: ignore[attr-defined]
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
