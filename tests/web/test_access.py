"""Capability links: who can do what, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.factories import add_person, bearer, invite, make_session
from tests.support.csrf import csrf_of

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def session_routes(client: TestClient, methods: set[str]) -> list[tuple[str, str]]:
    """Every API operation under one session with one of ``methods`` (from the OpenAPI schema)."""
    paths = client.get("/openapi.json").json()["paths"]
    found = [
        (method.upper(), path)
        for path, operations in paths.items()
        if "{session_id}" in path
        for method in operations
        if method.upper() in methods
    ]
    assert len(found) >= 5, found
    return found


def fill(path: str, session_id: str) -> str:
    return re.sub(r"\{[a-z_]+_id\}", "1", path.replace("{session_id}", session_id))


def test_link_is_swapped_for_an_httponly_cookie_and_a_token_free_url(
    any_client: TestClient,
) -> None:
    made = make_session(any_client)
    response = any_client.get(f"/l/{made.facilitator}", follow_redirects=False)

    assert response.status_code == 303
    assert response.headers["location"] == f"/s/{made.id}/facilitate"
    assert made.facilitator not in response.headers["location"]
    assert response.headers["referrer-policy"] == "no-referrer"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"rt_{made.id}_facilitator=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    page = any_client.get(f"/s/{made.id}/facilitate")
    assert page.status_code == 200
    assert "Q1 leadership speed-dating" in page.text


def test_tokens_are_long_random_and_stored_only_hashed(any_client: TestClient) -> None:
    made = make_session(any_client)
    assert len(made.facilitator) >= 22  # ≥128 bits in base64url
    assert made.facilitator != made.executive
    engine = any_client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM access_links")).all()
    dump = repr(rows)
    assert made.facilitator not in dump
    assert made.executive not in dump
    assert hashlib.sha256(made.facilitator.encode()).hexdigest() in dump


def test_participant_cannot_do_facilitator_actions(any_client: TestClient) -> None:
    made = make_session(any_client)
    person = add_person(any_client, made)
    token = invite(any_client, made, person["id"])
    headers = bearer(token)

    assert any_client.get(f"/api/v1/sessions/{made.id}", headers=headers).status_code == 200
    attempts = [
        ("PATCH", f"/api/v1/sessions/{made.id}", {"title": "Hijacked"}),
        (
            "POST",
            f"/api/v1/sessions/{made.id}/participants",
            {"name": "X", "email": "x@example.com", "department": "X"},
        ),
        ("POST", f"/api/v1/sessions/{made.id}/links", {"role": "facilitator"}),
        ("GET", f"/api/v1/sessions/{made.id}/links", None),
        ("GET", f"/api/v1/sessions/{made.id}/participants", None),
        ("POST", f"/api/v1/sessions/{made.id}/goals", {"text": "A goal of mine"}),
    ]
    for method, url, body in attempts:
        response = any_client.request(method, url, json=body, headers=headers)
        assert response.status_code == 403, (method, url, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    assert any_client.get(f"/api/v1/sessions/{made.id}", headers=headers).json()["title"] == (
        "Q1 leadership speed-dating"
    )


def test_executive_link_cannot_write_anything(any_client: TestClient) -> None:
    made = make_session(any_client)
    add_person(any_client, made)
    headers = bearer(made.executive)
    for method, path in session_routes(any_client, WRITE_METHODS):
        response = any_client.request(method, fill(path, made.id), json={}, headers=headers)
        assert response.status_code == 403, (method, path, response.text)
    assert any_client.get(f"/api/v1/sessions/{made.id}", headers=headers).status_code == 200


def test_a_token_of_one_session_gives_nothing_in_another(any_client: TestClient) -> None:
    first = make_session(any_client)
    second = make_session(any_client, title="Another session")
    for method, path in session_routes(any_client, WRITE_METHODS | {"GET"}):
        response = any_client.request(
            method, fill(path, second.id), json={}, headers=bearer(first.facilitator)
        )
        assert response.status_code == 403, (method, path, response.text)
    any_client.get(f"/l/{first.facilitator}")
    assert any_client.get(f"/s/{second.id}/facilitate").status_code == 401


def test_revoked_link_stops_working_at_once(any_client: TestClient) -> None:
    made = make_session(any_client)
    person = add_person(any_client, made)
    token = invite(any_client, made, person["id"])
    assert any_client.get(f"/l/{token}").status_code == 200  # cookie set, landed on /me
    links = any_client.get(f"/api/v1/sessions/{made.id}/links", headers=bearer(made.facilitator))
    # Adding a person issues a link and inviting again replaces it: revoke the one in force.
    link_id = next(
        x["id"] for x in links.json() if x["participant_id"] == person["id"] and x["active"]
    )

    revoked = any_client.post(
        f"/api/v1/sessions/{made.id}/links/{link_id}/revoke", headers=bearer(made.facilitator)
    )

    assert revoked.status_code == 200
    assert revoked.json()["active"] is False
    assert revoked.json()["url"] is None
    assert any_client.get(f"/api/v1/sessions/{made.id}", headers=bearer(token)).status_code == 401
    assert any_client.get(f"/s/{made.id}/me").status_code == 401  # the cookie no longer works
    assert any_client.get(f"/l/{token}").status_code == 404


def test_reissuing_replaces_the_old_link(any_client: TestClient) -> None:
    made = make_session(any_client)
    response = any_client.post(
        f"/api/v1/sessions/{made.id}/links",
        json={"role": "executive"},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 201
    new_token = response.json()["url"].rsplit("/", 1)[1]
    assert (
        any_client.get(f"/api/v1/sessions/{made.id}", headers=bearer(made.executive)).status_code
        == 401
    )
    assert (
        any_client.get(f"/api/v1/sessions/{made.id}", headers=bearer(new_token)).status_code == 200
    )


def test_facilitator_link_cannot_be_revoked_without_replacement(client: TestClient) -> None:
    made = make_session(client)
    links = client.get(f"/api/v1/sessions/{made.id}/links", headers=bearer(made.facilitator)).json()
    own = next(x for x in links if x["role"] == "facilitator")
    response = client.post(
        f"/api/v1/sessions/{made.id}/links/{own['id']}/revoke", headers=bearer(made.facilitator)
    )
    assert response.status_code == 409
    assert "re-issue" in response.json()["detail"]


def test_cookie_authenticated_writes_need_the_csrf_token(client: TestClient) -> None:
    made = make_session(client)
    client.get(f"/l/{made.facilitator}")
    url = f"/api/v1/sessions/{made.id}"

    refused = client.patch(url, json={"title": "Changed by another site"})
    assert refused.status_code == 403
    csrf = csrf_of(client)
    accepted = client.patch(url, json={"title": "Changed here"}, headers={"X-CSRF-Token": csrf})
    assert accepted.status_code == 200
    assert accepted.json()["title"] == "Changed here"


@pytest.mark.parametrize("header", ["", "Bearer ", "Bearer nonsense", "Basic abc"])
def test_missing_or_bad_credentials_are_401_problems(client: TestClient, header: str) -> None:
    made = make_session(client)
    response = client.get(f"/api/v1/sessions/{made.id}", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 401


def test_organizer_key_guards_session_creation_when_set(db_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from app.main import create_app
    from tests.conftest import make_settings

    app = create_app(make_settings(db_url, tmp_path, organizer_key="open-sesame"))
    body = {"title": "Keyed", "starts_at": "2027-01-01T09:00:00Z", "goals": ["One goal"]}
    with TestClient(app) as client:
        assert client.post("/api/v1/sessions", json=body).status_code == 401
        wrong = client.post("/api/v1/sessions", json=body, headers={"X-Organizer-Key": "nope"})
        assert wrong.status_code == 403
        right = client.post(
            "/api/v1/sessions", json=body, headers={"X-Organizer-Key": "open-sesame"}
        )
        assert right.status_code == 201
