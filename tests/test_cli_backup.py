"""`roundtable export` / `roundtable import`: a backup moves a session to another database."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.cli import cli
from app.config import get_settings
from tests.conftest import BASE_URL, TEST_SECRET
from tests.factories import bearer, make_session


@pytest.fixture
def use_database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Point the CLI at a database (set ``DATABASE_URL`` in the test), same secret key."""
    monkeypatch.setenv("ROUNDTABLE_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("ROUNDTABLE_BASE_URL", BASE_URL)
    monkeypatch.chdir(tmp_path)  # no stray .env, data/ files in the working tree
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_export_then_import_into_an_empty_database(
    client: TestClient,
    db_url: str,
    sqlite_template: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    use_database: None,
) -> None:
    made = make_session(client, series_title="Quarterly leadership")
    runner = CliRunner()
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    file = tmp_path / "backup.json"
    exported = runner.invoke(cli, ["export", made.id, "--output", str(file)])
    assert exported.exit_code == 0, exported.output
    assert json.loads(file.read_text())["session"]["id"] == made.id

    empty = tmp_path / "empty.db"
    shutil.copy(sqlite_template, empty)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{empty}")
    get_settings.cache_clear()
    imported = runner.invoke(cli, ["import", str(file)])
    assert imported.exit_code == 0, imported.output
    assert f"Restored session {made.id}" in imported.output
    assert "back in its series" in imported.output
    assert f"{BASE_URL}/l/{made.facilitator}" in imported.output

    again = runner.invoke(cli, ["import", str(file)])
    assert again.exit_code == 2
    assert "already exists" in again.output

    from app.main import create_app
    from tests.conftest import make_settings

    app = create_app(make_settings(f"sqlite:///{empty}", tmp_path))
    with TestClient(app, base_url=BASE_URL) as restored:
        response = restored.get(f"/api/v1/sessions/{made.id}", headers=bearer(made.facilitator))
        assert response.json()["title"] == "Q1 leadership speed-dating"
    app.state.engine.dispose()


def test_import_of_a_file_that_is_not_a_backup_explains_why(
    tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch, use_database: None
) -> None:
    empty = tmp_path / "empty.db"
    shutil.copy(sqlite_template, empty)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{empty}")
    file = tmp_path / "people.json"
    file.write_text('{"name": "not a backup"}')
    result = CliRunner().invoke(cli, ["import", str(file)])
    assert result.exit_code == 2
    assert "not a Roundtable session backup" in result.output


def test_demo_without_a_base_url_says_where_its_links_point(
    db_url: str, monkeypatch: pytest.MonkeyPatch, use_database: None
) -> None:
    monkeypatch.setenv("ROUNDTABLE_BASE_URL", "")
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "ROUNDTABLE_BASE_URL is unset" in result.output
    assert "Facilitator console : http://127.0.0.1:8000/l/" in result.output
