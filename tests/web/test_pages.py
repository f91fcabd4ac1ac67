"""Server-rendered pages: forms keep input and show errors by their fields; htmx fragments."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from app.services.people.schemas import ParticipantCreate
from app.services.sessions.schemas import SessionCreate
from app.web.bounds import field_bounds
from tests.factories import add_person, bearer, invite, make_session
from tests.support.csrf import csrf_of as signed_csrf_of


def csrf_of(client: TestClient) -> str:
    client.get("/")
    return signed_csrf_of(client)


def form(client: TestClient, **fields: str) -> dict[str, str]:
    return {"csrf_token": csrf_of(client), **fields}


NEW_SESSION = {
    "title": "Spring leadership rotation",
    "starts_at": "2027-03-02T09:30",
    "timezone": "Europe/Berlin",
    "goals": "Cut onboarding time in half\nOne planning calendar",
    "ground_rules": "This is NOT a complaint session\nA facilitator keeps time and focus",
}


def test_create_session_form_shows_errors_next_to_fields_and_keeps_input(
    client: TestClient,
) -> None:
    response = client.post(
        "/sessions/new",
        data=form(client, **{**NEW_SESSION, "goals": "", "timezone": "Atlantis/Capital"}),
    )
    assert response.status_code == 422
    html = response.text
    assert 'value="Spring leadership rotation"' in html  # input kept
    assert re.search(r'id="new-goals-error"[^>]*>.*?Add at least one', html, re.S)
    assert re.search(r'id="new-timezone-error"[^>]*>.*?Unknown time zone', html, re.S)
    assert 'aria-invalid="true"' in html
    assert client.get("/api/v1/sessions/x").status_code in (401, 403)


def test_create_session_form_logs_the_facilitator_in(client: TestClient) -> None:
    response = client.post(
        "/sessions/new", data=form(client, **NEW_SESSION), follow_redirects=False
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/s/[0-9a-f]{16}/facilitate\?created=1", location)
    page = client.get(location)
    assert page.status_code == 200
    assert "Spring leadership rotation" in page.text
    assert "Session created" in page.text
    shown = set(re.findall(r"http://testserver/l/[\w-]+", page.text))
    assert len(shown) == 2  # the facilitator's and the executive's links


def test_form_post_without_csrf_token_is_refused(client: TestClient) -> None:
    response = client.post("/sessions/new", data=NEW_SESSION)
    assert response.status_code == 403
    assert "reload the page" in response.text


def test_htmx_add_participant_returns_only_the_section(client: TestClient) -> None:
    made = make_session(client)
    client.get(f"/l/{made.facilitator}")
    fields = {"name": "Dana Lee", "email": "dana@example.com", "department": "Finance"}
    response = client.post(
        f"/s/{made.id}/facilitate/participants",
        data=form(client, **fields),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="participants"')
    assert "<html" not in response.text
    assert "Dana Lee" in response.text
    assert "invite link for Dana Lee" in response.text

    again = client.post(
        f"/s/{made.id}/facilitate/participants",
        data=form(client, **{**fields, "name": "Dana Twin"}),
        headers={"HX-Request": "true"},
    )
    assert again.status_code == 422
    assert 'id="person-email-error"' in again.text
    assert 'value="Dana Twin"' in again.text


def test_plain_form_post_redirects_back_to_the_section(client: TestClient) -> None:
    made = make_session(client)
    client.get(f"/l/{made.facilitator}")
    response = client.post(
        f"/s/{made.id}/facilitate/goals",
        data=form(client, text="A brand new goal"),
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/s/{made.id}/facilitate#goals"
    assert "A brand new goal" in client.get(f"/s/{made.id}/facilitate").text


def test_csv_upload_on_the_page_reports_rejected_rows(client: TestClient) -> None:
    made = make_session(client)
    client.get(f"/l/{made.facilitator}")
    content = b"name,email,department\nDana Lee,dana@example.com,Finance\nBad Row,nope,Sales\n"
    response = client.post(
        f"/s/{made.id}/facilitate/participants/import",
        data={"csrf_token": csrf_of(client)},
        files={"file": ("people.csv", content, "text/csv")},
    )
    assert response.status_code == 200
    assert "1 added" in response.text
    assert "1 rejected" in response.text
    assert re.search(r"<td>3</td><td>Bad Row, nope, Sales</td>", response.text)


def test_participant_page_shows_their_details_and_the_rules(client: TestClient) -> None:
    made = make_session(client)
    person = add_person(client, made, "Marcus Okafor", "Sales")
    token = invite(client, made, person["id"])
    page = client.get(f"/l/{token}")
    assert page.url.path == f"/s/{made.id}/me"
    assert "Welcome, Marcus Okafor" in page.text
    assert "This is NOT a complaint session" in page.text
    assert "Cut onboarding time in half" in page.text
    assert client.get(f"/s/{made.id}/facilitate").status_code == 401


def test_summary_page_is_read_only(client: TestClient) -> None:
    made = make_session(client)
    page = client.get(f"/l/{made.executive}")
    assert page.url.path == f"/s/{made.id}/summary"
    assert "<form" not in page.text
    assert 'method="post"' not in page.text


def test_user_text_is_escaped_everywhere(client: TestClient) -> None:
    payload = '<script>alert("x")</script>'
    made = make_session(client, title=f"Title {payload}", goals=[f"Goal {payload}"])
    person = add_person(client, made, f"Eve {payload}", f"Dept {payload}", "eve@example.com")
    token = invite(client, made, person["id"])
    pages = [
        client.get(f"/l/{made.facilitator}").text,
        client.get(f"/l/{made.executive}").text,
        client.get(f"/l/{token}").text,
    ]
    for html in pages:
        assert payload not in html
        assert "&lt;script&gt;" in html


def test_security_headers_on_pages_and_api(client: TestClient) -> None:
    for url in ("/", "/sessions/new", "/api/v1/sessions/x/me"):
        headers = client.get(url).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        # Never to other sites; within the site so form posts carry a real Origin.
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"


def test_oversized_requests_are_refused_before_reading(client: TestClient) -> None:
    made = make_session(client)
    big = b"name,email,department\n" + b"x" * 1_100_000
    response = client.post(
        f"/api/v1/sessions/{made.id}/participants/import",
        content=big,
        headers={**bearer(made.facilitator), "content-type": "text/csv"},
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_unknown_link_shows_a_helpful_page(client: TestClient) -> None:
    response = client.get("/l/not-a-real-token-at-all")
    assert response.status_code == 404
    assert "This link does not work" in response.text
    assert "Ask your facilitator" in response.text


def test_missing_page_and_api_errors_have_the_right_shape(client: TestClient) -> None:
    page = client.get("/nowhere")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    api = client.get("/api/v1/nowhere")
    assert api.status_code == 404
    assert api.headers["content-type"] == "application/problem+json"


def test_form_bounds_come_from_the_api_models(client: TestClient) -> None:
    """The browser knows each limit before submitting: the same numbers the API enforces."""
    assert field_bounds(SessionCreate, "title") == {"minlength": 3, "maxlength": 200}
    assert field_bounds(ParticipantCreate, "name") == {"minlength": 1, "maxlength": 120}
    page = client.get("/sessions/new").text
    assert re.search(r'id="new-title"[^>]*minlength="3" maxlength="200"', page)
