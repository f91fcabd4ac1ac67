"""Session backup: export a lived-in session, restore it into an empty database, compare all."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.domain.errors import Conflict
from app.main import create_app
from app.services.backup import service as backup
from app.services.links.service import LinkKeys
from app.store.engine import make_engine
from tests.conftest import BASE_URL, TEST_SECRET, _truncate_all, make_settings
from tests.factories import MadeSession, add_person, bearer, invite, make_session
from tests.support.actions import capture, key, make_action

KEYS = LinkKeys(TEST_SECRET, BASE_URL)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> Iterator[str]:
    """A migrated database without rows, other than the one the ``client`` fixture uses."""
    if request.param == "sqlite":
        target = tmp_path / "restored.db"
        shutil.copy(sqlite_template, target)
        yield f"sqlite:///{target}"
        return
    url = request.getfixturevalue("postgres_url")
    _truncate_all(url)
    yield url
    _truncate_all(url)


AGENDA = {
    "what_we_do": "We run billing and collections for every product line.",
    "pressing_issue": "Invoices go out late when contract data is missing at signature.",
    "pressing_ask": "Could Sales add the billing contact to the deal checklist?",
    "butterfly_issue": "Late contract data means invoices are re-issued by hand each month.",
    "butterfly_targets": ["Engineering"],
    "butterfly_cost": "About 40 hours a month of rework and delayed cash.",
    "butterfly_next_step": "Agree one required field set at contract signature.",
    "butterfly_no_goal": True,
}


def lived_in_session(client: TestClient) -> tuple[MadeSession, list[str]]:
    """A session with a series, people, agendas, a plan, a live clock and a busy board."""
    made = make_session(client, title="Q1 leadership session", series_title="Quarterly")
    auth = bearer(made.facilitator)
    base = f"/api/v1/sessions/{made.id}"
    goal_id = made.body["session"]["goals"][0]["id"]
    people = [
        add_person(client, made, name, department)
        for name, department in (
            ("Dana Lee", "Finance"),
            ("Marcus Okafor", "Sales"),
            ("Priya Raman", "Product"),
            ("Tom Becker", "Engineering"),
        )
    ]
    invite(client, made, people[0]["id"])  # replaced below: a revoked link in the history
    tokens = [invite(client, made, p["id"]) for p in people]
    for token, person in zip(tokens[:2], people[:2], strict=True):
        submitted = client.post(
            f"{base}/agendas/{person['id']}/submit",
            json={**AGENDA, "pressing_goal_id": goal_id},
            headers=bearer(token),
        )
        assert submitted.status_code == 200, submitted.text
    draft = client.put(
        f"{base}/agendas/{people[2]['id']}/draft",
        json={"what_we_do": "We build the product."},
        headers=bearer(tokens[2]),
    )
    assert draft.status_code == 200, draft.text
    assert client.post(f"{base}/plan", json={"rounds": 3}, headers=auth).status_code == 201
    for kind in ("start", "pause", "resume"):
        control = client.post(
            f"{base}/live/controls", json={"id": key(), "kind": kind}, headers=auth
        )
        assert control.status_code == 200, control.text
    absent = client.post(
        f"{base}/live/attendance/{people[3]['id']}", json={"status": "absent"}, headers=auth
    )
    assert absent.status_code == 200, absent.text
    item_id = capture(client, made, tokens[1], goal_id=goal_id, no_goal=False)
    vote = client.post(
        f"{base}/board/items/{item_id}/vote", json={"id": key()}, headers=bearer(tokens[0])
    )
    assert vote.status_code == 200, vote.text
    action_id = make_action(client, made, people[0]["id"], item_id, date.today() + timedelta(9))
    blocked = client.post(
        f"{base}/actions/{action_id}/status",
        json={"id": key(), "status": "blocked", "reason": "Waiting for the CRM export"},
        headers=bearer(tokens[0]),
    )
    assert blocked.status_code == 200, blocked.text
    assert client.post(f"{base}/board/lock", json={"id": key()}, headers=auth).status_code == 200
    return made, tokens


def without_time_of_export(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_export_restore_compare_everything(
    client: TestClient, empty_db_url: str, tmp_path: Path
) -> None:
    made, tokens = lived_in_session(client)
    response = client.get(f"/api/v1/sessions/{made.id}/backup", headers=bearer(made.facilitator))
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    document = json.loads(response.text)
    assert document["format"] == "roundtable.session-backup"
    assert document["version"] == 1
    for table in ("goals", "participants", "access_links", "agendas", "agenda_revisions"):
        assert document[table], table
    for table in ("plans", "clock_controls", "live_events"):
        assert len(document[table]) >= 2, table
    assert document["board"]["state"]["actions"][0]["status"] == "blocked"
    assert document["series"]["title"] == "Quarterly"
    raw = response.text
    for token in (made.facilitator, made.executive, *tokens):
        assert token not in raw  # hashes and nonces only

    engine = make_engine(empty_db_url)
    with Session(engine) as db:
        result = backup.import_session(db, json.loads(raw), keys=KEYS)
        assert result.session_id == made.id
        assert result.series == document["series"]["id"]
        assert result.facilitator_url == f"{BASE_URL}/l/{made.facilitator}"
        assert result.rows["live_events"] == len(document["live_events"])
    with Session(engine) as db:
        again = backup.export_session(db, made.id)
    engine.dispose()
    assert without_time_of_export(again) == without_time_of_export(document)

    # The restored instance works: old links open it, new rows get fresh ids.
    app = create_app(make_settings(empty_db_url, tmp_path))
    with TestClient(app, base_url=BASE_URL) as restored:
        page = restored.get(f"/api/v1/sessions/{made.id}/actions", headers=bearer(tokens[0]))
        assert page.json()[0]["blocked_reason"] == "Waiting for the CRM export"
        series = restored.get(
            f"/api/v1/sessions/{made.id}/series", headers=bearer(made.executive)
        ).json()
        assert series["series"]["title"] == "Quarterly"
        newcomer = add_person(restored, made, "Ines Duarte", "Legal")
        assert newcomer["id"] > max(p["id"] for p in document["participants"])
        live = restored.get(f"/api/v1/sessions/{made.id}/live", headers=bearer(tokens[1]))
        assert live.json()["seq"] == document["session"]["event_seq"]
    app.state.engine.dispose()


def test_a_second_import_is_refused_whole(client: TestClient) -> None:
    made, _ = lived_in_session(client)
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        document = backup.export_session(db, made.id)
        with pytest.raises(Conflict, match="already exists"):
            backup.import_session(db, document)
        clash = {**document, "session": {**document["session"], "id": "another"}}
        clash = {
            **clash,
            **{
                name: [{**row, "session_id": "another"} for row in document[name]]
                for name in ("goals", "participants", "access_links", "agendas", "plans")
            },
        }
        clash["clock_controls"] = clash["live_events"] = []
        clash["board"] = None
        with pytest.raises(Conflict, match="empty database"):
            backup.import_session(db, clash)


def test_rows_of_another_session_are_refused(client: TestClient, tmp_path: Path) -> None:
    made, _ = lived_in_session(client)
    victim = make_session(client, title="Someone else's session")
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        document = backup.export_session(db, made.id)
    forged = json.loads(json.dumps(document))
    forged["access_links"][0]["session_id"] = victim.id
    response = client.post("/api/v1/sessions/import", json=forged)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "access_links.0.session_id"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"format": "something-else"}, "format"),
        ({"version": 2}, "version"),
        ({"goals": [{"id": 1}]}, "goals.0"),
    ],
)
def test_documents_that_are_not_backups_are_field_errors(
    client: TestClient, change: dict[str, Any], field: str
) -> None:
    made = make_session(client)
    document = client.get(
        f"/api/v1/sessions/{made.id}/backup", headers=bearer(made.facilitator)
    ).json()
    response = client.post("/api/v1/sessions/import", json={**document, **change})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]][:1] == [field]


def test_import_through_the_api_with_new_links(db_url: str, tmp_path: Path) -> None:
    source = create_app(make_settings(db_url, tmp_path))
    with TestClient(source, base_url=BASE_URL) as client:
        made, tokens = lived_in_session(client)
        document = client.get(
            f"/api/v1/sessions/{made.id}/backup", headers=bearer(made.facilitator)
        ).json()
    source.state.engine.dispose()
    target = tmp_path / "target"
    target.mkdir()
    empty = make_settings(f"sqlite:///{target}/restored.db", target, organizer_key="open-sesame")
    app = create_app(empty)
    with TestClient(app, base_url=BASE_URL) as restored:
        refused = restored.post("/api/v1/sessions/import", json=document)
        assert refused.status_code == 401
        response = restored.post(
            "/api/v1/sessions/import?new_links=true",
            json=document,
            headers={"X-Organizer-Key": "open-sesame"},
        )
        assert response.status_code == 201, response.text
        report = response.json()
        assert report["session_id"] == made.id
        roles = sorted(link["role"] for link in report["new_links"])
        assert roles == ["executive", "facilitator"] + ["participant"] * 4
        fresh = next(link for link in report["new_links"] if link["name"] == "Dana Lee")
        assert fresh["url"] not in json.dumps(document)
        old = restored.get(f"/api/v1/sessions/{made.id}", headers=bearer(tokens[0]))
        assert old.status_code == 401
        new_token = fresh["url"].rsplit("/l/", 1)[1]
        mine = restored.get(
            f"/api/v1/sessions/{made.id}/actions?mine=true", headers=bearer(new_token)
        )
        assert [a["status"] for a in mine.json()] == ["blocked"]
    app.state.engine.dispose()


def test_the_facilitator_page_offers_the_download(client: TestClient) -> None:
    made = make_session(client)
    client.get(f"/l/{made.facilitator}")
    page = client.get(f"/s/{made.id}/facilitate").text
    assert f'href="/api/v1/sessions/{made.id}/backup" download' in page
    download = client.get(f"/api/v1/sessions/{made.id}/backup")  # the cookie is enough
    assert download.status_code == 200
    assert download.json()["session"]["title"] == "Q1 leadership speed-dating"


def test_wrong_types_and_damaged_documents_are_field_errors_not_crashes(
    client: TestClient,
) -> None:
    made, _ = lived_in_session(client)
    document = client.get(
        f"/api/v1/sessions/{made.id}/backup", headers=bearer(made.facilitator)
    ).json()
    cases: list[tuple[str, Any, str]] = [
        ("participants.0.id", "seven", "Expected a whole number."),
        ("participants.0.id", 2**40, "Out of range."),
        ("participants.0.name", "x" * 500, "At most 120 characters."),
        ("participants.0.email", None, "Required."),
        ("agendas.0.flagged", "yes", "Expected true or false."),
        ("agendas.0.content", {"what_we_do": 7}, "Not an agenda's content."),
        ("plans.0.rounds", [{"number": 1}], "Not a plan's rounds."),
        ("board.state", {"items": 3}, "Not a capture board document."),
        ("session.starts_at", "next Tuesday", "Expected an ISO 8601"),
        ("series", ["not", "an", "object"], "Must be an object."),
    ]
    for path, value, message in cases:
        broken = json.loads(json.dumps(document))
        *parents, last = path.split(".")
        target = broken
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
        response = client.post("/api/v1/sessions/import", json=broken)
        assert response.status_code == 422, (path, response.text)
        [error] = response.json()["errors"][:1]
        assert error["field"] == path, path
        assert error["message"].startswith(message), (path, error)
