"""Agenda pages: autosave fragments, submit with errors kept, the facilitator's overview."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import MadeSession, add_person, bearer, invite, make_session
from tests.support.csrf import csrf_of


def login_participant(client: TestClient) -> tuple[MadeSession, dict[str, Any], int]:
    made = make_session(client)
    add_person(client, made, "Marcus Okafor", "Sales")
    person = add_person(client, made, "Dana Lee", "Finance")
    client.get(f"/l/{invite(client, made, person['id'])}")
    return made, person, made.body["session"]["goals"][0]["id"]


def agenda_form(client: TestClient, goal_id: int, **changes: str) -> dict[str, Any]:
    values: dict[str, Any] = {
        "csrf_token": csrf_of(client),
        "what_we_do": "We run billing and collections for every product line.",
        "pressing_issue": "Invoices go out late when contract data is missing at signature.",
        "pressing_ask": "Could Sales add the billing contact to the deal checklist?",
        "pressing_goal": str(goal_id),
        "butterfly_issue": "Late contract data means invoices are re-issued by hand monthly.",
        "butterfly_targets": ["Sales"],
        "butterfly_other": "Customer Success",
        "butterfly_cost": "About 40 hours a month of rework and delayed cash.",
        "butterfly_next_step": "Agree one required field set at contract signature.",
        "butterfly_goal": "none",
    }
    values.update(changes)
    return values


def test_autosave_returns_status_and_live_framing_warnings(client: TestClient) -> None:
    made, _, goal_id = login_participant(client)
    response = client.post(
        f"/s/{made.id}/me/agenda/draft",
        data=agenda_form(client, goal_id, pressing_issue="Sales never sends anything, useless."),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="autosave"' in response.text
    assert "Draft saved at" in response.text
    assert re.search(r'hx-swap-oob="true"[^>]*>\s*<p class="warn-title">', response.text) or (
        "This may read as a complaint" in response.text
    )
    assert 'id="agenda-version" name="version" value="1"' in response.text


def test_submit_with_a_missing_topic_keeps_every_typed_word(client: TestClient) -> None:
    made, _, goal_id = login_participant(client)
    response = client.post(
        f"/s/{made.id}/me/agenda", data=agenda_form(client, goal_id, what_we_do="")
    )
    assert response.status_code == 422
    html = response.text
    assert 'id="agenda-what_we_do-error"' in html
    assert "Invoices go out late when contract data is missing at signature." in html
    assert 'value="Customer Success"' in html  # the "other teams" text is kept too
    assert re.search(r'value="Sales" checked', html)


def test_submit_success_redirects_and_shows_the_agenda_as_submitted(client: TestClient) -> None:
    made, person, goal_id = login_participant(client)
    response = client.post(
        f"/s/{made.id}/me/agenda", data=agenda_form(client, goal_id), follow_redirects=False
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"])
    assert "Agenda submitted" in page.text
    saved = client.get(
        f"/api/v1/sessions/{made.id}/agendas/{person['id']}", headers=bearer(made.facilitator)
    ).json()
    assert saved["content"]["butterfly_targets"] == ["Sales", "Customer Success"]
    assert saved["content"]["butterfly_no_goal"] is True


def test_closed_agendas_are_shown_read_only(client: TestClient) -> None:
    made, _, goal_id = login_participant(client)
    client.post(f"/s/{made.id}/me/agenda", data=agenda_form(client, goal_id))
    client.patch(
        f"/api/v1/sessions/{made.id}",
        json={"agenda_window": "locked"},
        headers=bearer(made.facilitator),
    )
    page = client.get(f"/s/{made.id}/me")
    assert "The facilitator has locked agendas." in page.text
    assert 'id="agenda-form"' not in page.text
    assert "We run billing and collections" in page.text


def test_facilitator_overview_lists_status_reminders_and_preview(client: TestClient) -> None:
    made, person, goal_id = login_participant(client)
    client.post(f"/s/{made.id}/me/agenda", data=agenda_form(client, goal_id))
    client.get(f"/l/{made.facilitator}")
    page = client.get(f"/s/{made.id}/facilitate").text
    section = page[page.index('id="agendas"') :]
    assert '<span class="badge submitted">submitted</span>' in section
    assert "Marcus Okafor &lt;marcus.okafor@example.com&gt;" in section  # reminder list
    assert re.search(r'<td dir="auto">Finance</td><td dir="auto">Sales</td><td>1</td>', section)
    review = client.get(f"/s/{made.id}/facilitate/agendas/{person['id']}")
    assert review.status_code == 200
    assert "submitted (version 1)" in review.text


def test_facilitator_sets_deadline_and_framing_mode_from_the_page(client: TestClient) -> None:
    made = make_session(client)
    client.get(f"/l/{made.facilitator}")
    response = client.post(
        f"/s/{made.id}/facilitate/agenda-policy",
        data={
            "csrf_token": csrf_of(client),
            "agenda_deadline": "2027-01-10T18:00",
            "agenda_window": "auto",
            "framing_mode": "required_to_fix",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Agenda settings saved" in response.text
    body = client.get(f"/api/v1/sessions/{made.id}", headers=bearer(made.facilitator)).json()
    assert body["framing_mode"] == "required_to_fix"
    assert body["agenda_deadline"].startswith("2027-01-10T17:00")  # Berlin, UTC+1
    bad = client.post(
        f"/s/{made.id}/facilitate/agenda-policy",
        data={
            "csrf_token": csrf_of(client),
            "agenda_deadline": "soon",
            "agenda_window": "sometimes",
            "framing_mode": "warn_only",
        },
        headers={"HX-Request": "true"},
    )
    assert bad.status_code == 422
    assert 'id="policy-agenda_deadline-error"' in bad.text


def test_autosave_stores_every_valid_field_when_one_is_over_its_limit(client: TestClient) -> None:
    made, person, goal_id = login_participant(client)
    response = client.post(
        f"/s/{made.id}/me/agenda/draft",
        data=agenda_form(client, goal_id, butterfly_cost="x" * 6000, pressing_goal="abc"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Draft saved" not in response.text
    assert "except 2 fields kept on this device only" in response.text
    assert 'data-unsaved="pressing_goal butterfly_cost"' in response.text
    assert 'href="#agenda-butterfly_cost"' in response.text
    saved = client.get(
        f"/api/v1/sessions/{made.id}/agendas/{person['id']}", headers=bearer(made.facilitator)
    ).json()["content"]
    assert saved["what_we_do"] == "We run billing and collections for every product line."
    assert saved["butterfly_next_step"] == "Agree one required field set at contract signature."
    assert saved["butterfly_cost"] == ""
    assert saved["pressing_goal_id"] is None


def test_the_agenda_page_shows_each_limit_before_anything_is_typed(client: TestClient) -> None:
    made, _, _ = login_participant(client)
    html = client.get(f"/s/{made.id}/me").text
    assert 'data-soft-max="600"' in html
    assert re.search(r'id="agenda-butterfly_cost-count"[^>]*>0 of 600 characters', html)
    assert 'aria-describedby="agenda-butterfly_cost-hint agenda-butterfly_cost-count"' in html


def test_a_past_deadline_is_saved_only_when_confirmed(client: TestClient) -> None:
    made = make_session(client)
    client.get(f"/l/{made.facilitator}")
    form = {
        "csrf_token": csrf_of(client),
        "agenda_deadline": "2020-01-10T18:00",
        "agenda_window": "auto",
        "framing_mode": "warn_only",
    }
    url = f"/s/{made.id}/facilitate/agenda-policy"
    refused = client.post(url, data=form, headers={"HX-Request": "true"})
    assert refused.status_code == 422
    assert "closes every agenda at once" in refused.text
    assert 'value="2020-01-10T18:00"' in refused.text
    body = client.get(f"/api/v1/sessions/{made.id}", headers=bearer(made.facilitator)).json()
    assert body["agenda_deadline"] is None
    saved = client.post(url, data={**form, "confirmed": "1"}, headers={"HX-Request": "true"})
    assert saved.status_code == 200
    body = client.get(f"/api/v1/sessions/{made.id}", headers=bearer(made.facilitator)).json()
    assert body["agenda_deadline"].startswith("2020-01-10T17:00")


def test_the_agenda_tracker_answers_204_until_an_agenda_changes(client: TestClient) -> None:
    made, _, goal_id = login_participant(client)
    participant_cookies = dict(client.cookies)
    client.get(f"/l/{made.facilitator}")
    url = f"/s/{made.id}/facilitate/agenda-tracker"
    first = client.get(url, headers={"HX-Request": "true"})
    assert first.status_code == 200
    mark = re.search(r"agenda-tracker\?seen=(\w+)", first.text)
    assert mark
    assert "0 submitted" in first.text
    same = client.get(url, params={"seen": mark.group(1)}, headers={"HX-Request": "true"})
    assert same.status_code == 204
    facilitator_cookies = dict(client.cookies)
    client.cookies.clear()
    client.cookies.update(participant_cookies)
    submitted = client.post(
        f"/s/{made.id}/me/agenda", data=agenda_form(client, goal_id), follow_redirects=False
    )
    assert submitted.status_code == 303
    client.cookies.clear()
    client.cookies.update(facilitator_cookies)
    changed = client.get(url, params={"seen": mark.group(1)}, headers={"HX-Request": "true"})
    assert changed.status_code == 200
    assert "1 submitted" in changed.text
