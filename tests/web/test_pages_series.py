"""The series page and the series fields of the new-session form."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.factories import bearer, make_session
from tests.support.csrf import csrf_of


def login(client: TestClient, token: str) -> None:
    client.cookies.clear()
    client.get(f"/l/{token}", follow_redirects=False)
    client.get("/")  # hands out the CSRF cookie


def main(page: str) -> str:
    """The page's main content (the title tag names the session too)."""
    return page[page.index("<main") :]


def test_the_facilitator_starts_a_series_errors_next_to_the_field(client: TestClient) -> None:
    made = make_session(client)
    login(client, made.facilitator)
    page = client.get(f"/s/{made.id}/series")
    assert page.status_code == 200
    assert "is not part of a series yet" in page.text
    bad = client.post(
        f"/s/{made.id}/series",
        data={"csrf_token": csrf_of(client), "do": "start", "title": "Q"},
    )
    assert bad.status_code == 422
    assert 'id="start-title-error"' in bad.text
    assert 'name="title" type="text" value="Q"' in bad.text
    wrong = client.post(
        f"/s/{made.id}/series",
        data={"csrf_token": csrf_of(client), "do": "join", "key": "series-nope"},
    )
    assert wrong.status_code == 422
    assert 'id="join-key-error"' in wrong.text
    assert 'value="series-nope"' in wrong.text
    ok = client.post(
        f"/s/{made.id}/series",
        data={"csrf_token": csrf_of(client), "do": "start", "title": "Quarterly"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    after = client.get(ok.headers["location"]).text
    assert '<h1 dir="auto">Quarterly</h1>' in after
    assert "Series started." in after
    assert re.search(r'value="series-[A-Za-z0-9_-]{20,}"', after)


def test_executives_see_earlier_sessions_only_and_no_settings(client: TestClient) -> None:
    q1 = make_session(client, title="Q1 session", starts_at="2027-01-14T09:00:00")
    started = client.put(
        f"/api/v1/sessions/{q1.id}/series",
        json={"title": "Quarterly"},
        headers=bearer(q1.facilitator),
    )
    series_key = started.json()["series"]["key"]
    q2 = make_session(
        client, title="Q2 session", starts_at="2027-04-14T09:00:00", series_key=series_key
    )
    login(client, q1.executive)
    page = client.get(f"/s/{q1.id}/series").text
    assert "Q1 session" in page
    assert "Q2 session" not in page
    assert "Series settings" not in page
    assert series_key not in page
    login(client, q2.executive)
    page = main(client.get(f"/s/{q2.id}/series").text)
    assert page.index("Q1 session") < page.index("Q2 session")
    login(client, q1.facilitator)
    page = client.get(f"/s/{q1.id}/series").text
    assert "Q2 session" in page
    assert series_key in page


def test_new_session_form_joins_a_series_or_shows_the_key_error(client: TestClient) -> None:
    q1 = make_session(client, title="Q1 session")
    series_key = client.put(
        f"/api/v1/sessions/{q1.id}/series",
        json={"title": "Quarterly"},
        headers=bearer(q1.facilitator),
    ).json()["series"]["key"]
    client.get("/sessions/new")
    form = {
        "csrf_token": csrf_of(client),
        "title": "Q2 session",
        "starts_at": "2027-04-14T09:00",
        "timezone": "UTC",
        "goals": "Grow retention",
        "ground_rules": "Not a complaint session",
        "series_key": "series-wrong",
    }
    bad = client.post("/sessions/new", data=form)
    assert bad.status_code == 422
    assert 'id="new-series_key-error"' in bad.text
    assert 'value="Q2 session"' in bad.text
    created = client.post(
        "/sessions/new", data={**form, "series_key": series_key}, follow_redirects=False
    )
    assert created.status_code == 303
    session_id = created.headers["location"].split("/")[2]
    page = main(client.get(f"/s/{session_id}/series").text)
    assert '<h1 dir="auto">Quarterly</h1>' in page
    assert page.index("Q1 session") < page.index("Q2 session")
