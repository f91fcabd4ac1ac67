"""Action item pages: my items with status forms, errors next to the field, overdue in words."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

from fastapi.testclient import TestClient

from tests.factories import bearer
from tests.support.actions import backdate, room
from tests.support.csrf import csrf_of


def form(client: TestClient, page: str, **values: str) -> dict[str, str]:
    action_id = re.search(r'name="action_id" value="([^"]+)"', page)
    assert action_id
    body = {"csrf_token": csrf_of(client), "action_id": action_id.group(1), "id": "k"}
    body["id"] = re.search(r'name="id" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    body.update(values)
    return body


def test_the_owner_sees_their_item_and_saves_a_status(client: TestClient) -> None:
    r = room(client)
    client.get(f"/l/{r.owner}")
    page = client.get(f"/s/{r.made.id}/me/actions")
    assert page.status_code == 200
    assert "Your action items" in page.text
    assert "Send discount codes earlier" in page.text
    assert "Discount codes reach billing after the invoice run." in page.text
    saved = client.post(
        f"/s/{r.made.id}/actions/status",
        data=form(client, page.text, status="in_progress"),
        follow_redirects=False,
    )
    assert saved.status_code == 303
    assert saved.headers["location"].startswith(f"/s/{r.made.id}/me/actions?saved=1")
    after = client.get(saved.headers["location"])
    assert "Saved: In progress." in after.text
    api = client.get(f"/api/v1/sessions/{r.made.id}/actions", headers=bearer(r.made.executive))
    assert api.json()[0]["status"] == "in_progress"


def test_blocked_without_reason_shows_the_error_next_to_the_field_and_keeps_input(
    client: TestClient,
) -> None:
    r = room(client)
    client.get(f"/l/{r.owner}")
    page = client.get(f"/s/{r.made.id}/me/actions").text
    htmx = client.post(
        f"/s/{r.made.id}/actions/status",
        data=form(client, page, status="blocked", reason="no"),
        headers={"HX-Request": "true"},
    )
    assert htmx.status_code == 422
    assert htmx.text.lstrip().startswith('<section id="action-1"')
    assert 'id="action-1-reason-error"' in htmx.text
    assert 'aria-invalid="true" aria-describedby="action-1-reason-error">no</textarea>' in htmx.text
    assert re.search(r'value="blocked" checked', htmx.text)
    plain = client.post(
        f"/s/{r.made.id}/actions/status", data=form(client, page, status="blocked", reason="")
    )
    assert plain.status_code == 422
    assert "<h1>Your action items</h1>" in plain.text
    assert "Say what blocks it" in plain.text
    ok = client.post(
        f"/s/{r.made.id}/actions/status",
        data=form(client, page, status="blocked", reason="Waiting for the CRM export"),
        headers={"HX-Request": "true"},
    )
    assert ok.status_code == 200
    assert "Saved: Blocked." in ok.text
    assert "Waiting for the CRM export" in ok.text


def test_overdue_items_say_so_in_words(client: TestClient) -> None:
    r = room(client)
    backdate(client, r.made.id, r.action_id, date.today() - timedelta(days=2))
    client.get(f"/l/{r.owner}")
    page = client.get(f"/s/{r.made.id}/me/actions").text
    assert "1 overdue:" in page
    assert '<span class="badge overdue">Overdue</span>' in page
    assert "(overdue)" in page


def test_others_cannot_post_and_executives_have_no_form(client: TestClient) -> None:
    r = room(client)
    client.get(f"/l/{r.owner}")
    page = client.get(f"/s/{r.made.id}/me/actions").text
    body = form(client, page, status="done")
    client.cookies.clear()
    client.get(f"/l/{r.other}")
    body["csrf_token"] = csrf_of(client)
    assert "You have no action items" in client.get(f"/s/{r.made.id}/me/actions").text
    refused = client.post(
        f"/s/{r.made.id}/actions/status", data=body, headers={"HX-Request": "true"}
    )
    assert refused.status_code == 403
    assert "Only the action item's owner or the facilitator" in html.unescape(refused.text)
    client.cookies.clear()
    client.get(f"/l/{r.made.executive}", follow_redirects=False)
    client.get("/")  # any page hands out the CSRF cookie
    body["csrf_token"] = csrf_of(client)
    assert client.post(f"/s/{r.made.id}/actions/status", data=body).status_code in (401, 403)
    assert client.get(f"/s/{r.made.id}/me/actions").status_code in (401, 403)


def test_the_facilitator_sees_every_item_with_its_owner_and_can_update(
    client: TestClient,
) -> None:
    r = room(client)
    client.get(f"/l/{r.made.facilitator}")
    page = client.get(f"/s/{r.made.id}/facilitate/actions")
    assert page.status_code == 200
    assert "Dana Lee (Finance)" in page.text
    saved = client.post(
        f"/s/{r.made.id}/actions/status",
        data=form(client, page.text, status="done"),
        follow_redirects=False,
    )
    assert saved.headers["location"].startswith(f"/s/{r.made.id}/facilitate/actions?saved=1")
    after = client.get(saved.headers["location"]).text
    assert "set by the facilitator" in after
