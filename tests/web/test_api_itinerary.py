"""My itinerary and my private prep cards through the API, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import MadeSession, add_person, bearer, invite, make_session
from tests.web.test_api_agendas import complete

PEOPLE = [("Dana Lee", "Finance"), ("Marcus Okafor", "Sales"), ("Priya Raman", "Product")]
PEOPLE += [("Tom Becker", "Engineering")]
COMPLAINT = "Sales never sends contract data on time and their process is useless."


def planned(client: TestClient) -> tuple[MadeSession, list[dict[str, Any]], list[str]]:
    """A session of four with their links, Marcus's agenda submitted, and a three-round plan."""
    made = make_session(client)
    people = [add_person(client, made, name, dept) for name, dept in PEOPLE]
    tokens = [invite(client, made, p["id"]) for p in people]
    goal = made.body["session"]["goals"][0]["id"]
    sales = complete(goal, butterfly_targets=["Finance"], pressing_ask="Could Finance ...?")
    sales["pressing_ask"] = "Could Finance confirm credit limits within a day of a request?"
    sales["pressing_issue"] = "Deals stall for a week while credit limits wait for approval."
    response = client.post(
        f"/api/v1/sessions/{made.id}/agendas/{people[1]['id']}/submit",
        json=sales,
        headers=bearer(tokens[1]),
    )
    assert response.status_code == 200, response.text
    response = client.post(
        f"/api/v1/sessions/{made.id}/plan", json={"rounds": 3}, headers=bearer(made.facilitator)
    )
    assert response.status_code == 201, response.text
    return made, people, tokens


def test_my_itinerary_lists_every_round_with_time_table_and_agendas(any_client: TestClient) -> None:
    made, _people, tokens = planned(any_client)
    response = any_client.get(f"/api/v1/sessions/{made.id}/me/itinerary", headers=bearer(tokens[0]))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == "Dana Lee"
    rounds = body["rounds"]
    assert [r["round"] for r in rounds] == [1, 2, 3]
    met = [c["name"] for r in rounds for c in r["counterparts"]]
    assert sorted(met) == ["Marcus Okafor", "Priya Raman", "Tom Becker"]  # everyone once
    starts = [datetime.fromisoformat(r["starts_at"]) for r in rounds]
    assert starts == sorted(starts)
    assert len(set(starts)) == 3
    # 2027-01-14 09:00 Berlin is 08:00 UTC; a 5-minute welcome comes first.
    assert starts[0].isoformat().startswith("2027-01-14T08:05")
    assert all(r["table"] and r["minutes"] == 10 for r in rounds)
    marcus = next(c for r in rounds for c in r["counterparts"] if c["name"] == "Marcus Okafor")
    assert marcus["department"] == "Sales"
    assert marcus["agenda"]["pressing_issue"].startswith("Deals stall")
    priya = next(c for r in rounds for c in r["counterparts"] if c["name"] == "Priya Raman")
    assert priya["agenda"] == {}  # not submitted: nothing to show


def test_the_itinerary_says_what_a_swap_changed_since_i_last_looked(
    any_client: TestClient,
) -> None:
    made, people, tokens = planned(any_client)
    url = f"/api/v1/sessions/{made.id}/me/itinerary"
    first = any_client.get(url, headers=bearer(tokens[0])).json()
    assert first["changed"] == []
    round_two = first["rounds"][1]
    partner = round_two["counterparts"][0]["id"]
    other = next(p["id"] for p in people if p["id"] not in (people[0]["id"], partner))
    response = any_client.post(
        f"/api/v1/sessions/{made.id}/plan/swap",
        json={"round": 2, "a": partner, "b": other},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 201, response.text
    after = any_client.get(url, headers=bearer(tokens[0])).json()
    assert after["plan_version"] == first["plan_version"] + 1
    assert len(after["changed"]) == 1
    assert after["changed"][0].startswith("Round 2: now Table ")
    assert [c["id"] for c in after["rounds"][1]["counterparts"]] == [other]
    assert any_client.get(url, headers=bearer(tokens[0])).json()["changed"] == []  # seen now


def test_itinerary_ics_has_one_event_per_round(any_client: TestClient) -> None:
    made, _, tokens = planned(any_client)
    response = any_client.get(
        f"/api/v1/sessions/{made.id}/me/itinerary.ics", headers=bearer(tokens[0])
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.text.count("BEGIN:VEVENT") == 3
    assert "DTSTART:20270114T080500Z" in response.text


def test_prep_card_is_saved_flags_a_complaint_and_suggests_from_agendas(
    any_client: TestClient,
) -> None:
    made, people, tokens = planned(any_client)
    url = f"/api/v1/sessions/{made.id}/me/prep/{people[1]['id']}"
    blank = any_client.get(url, headers=bearer(tokens[0])).json()
    assert blank["for_them"] == ""
    assert blank["ask_framing"] is None
    hints = " ".join(blank["suggestions"])
    assert "Deals stall for a week" in hints  # their pressing issue
    assert "They push an issue onto Finance" in hints  # from their butterfly targets
    card = {"for_them": "Faster credit checks close deals sooner.", "my_ask": COMPLAINT}
    response = any_client.put(url, json=card, headers=bearer(tokens[0]))
    assert response.status_code == 200, response.text
    saved = response.json()
    assert saved["my_ask"] == COMPLAINT  # kept, never lost
    assert saved["ask_framing"]["complaint"] is True
    assert saved["ask_framing"]["reasons"]
    fixed = {**card, "my_ask": "Could you send the signed contract data within a day?"}
    again = any_client.put(url, json=fixed, headers=bearer(tokens[0])).json()
    assert again["ask_framing"]["complaint"] is False
    listed = any_client.get(f"/api/v1/sessions/{made.id}/me/prep", headers=bearer(tokens[0]))
    assert [c["counterpart"]["id"] for c in listed.json()] == [people[1]["id"]]


def test_too_long_prep_field_is_refused_with_a_field_error(any_client: TestClient) -> None:
    made, people, tokens = planned(any_client)
    url = f"/api/v1/sessions/{made.id}/me/prep/{people[1]['id']}"
    response = any_client.put(url, json={"my_ask": "x" * 601}, headers=bearer(tokens[0]))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "my_ask" in response.text


def test_nobody_but_the_author_reads_a_prep_card(any_client: TestClient) -> None:
    made, people, tokens = planned(any_client)
    secret = "Offer our credit model to Sales (private)"
    url = f"/api/v1/sessions/{made.id}/me/prep/{people[1]['id']}"
    assert (
        any_client.put(url, json={"my_offer": secret}, headers=bearer(tokens[0])).status_code == 200
    )
    # Another participant reaches only their own (blank) card for the same counterpart.
    theirs = any_client.get(url, headers=bearer(tokens[2])).json()
    assert theirs["my_offer"] == ""
    listed = any_client.get(f"/api/v1/sessions/{made.id}/me/prep", headers=bearer(tokens[2]))
    assert listed.json() == []
    # The facilitator and the executive are refused outright.
    for token in (made.facilitator, made.executive):
        assert any_client.get(url, headers=bearer(token)).status_code == 403
        listed = any_client.get(f"/api/v1/sessions/{made.id}/me/prep", headers=bearer(token))
        assert listed.status_code == 403
    # Another session's participant link does not open this session.
    other = make_session(any_client, title="Another session")
    stranger = add_person(any_client, other, "Eve Stone", "Legal")
    stranger_token = invite(any_client, other, stranger["id"])
    assert any_client.get(url, headers=bearer(stranger_token)).status_code == 403
    # The facilitator sees coverage, never the text.
    coverage = any_client.get(
        f"/api/v1/sessions/{made.id}/prep-coverage", headers=bearer(made.facilitator)
    )
    assert coverage.json() == {"prepared": 0, "planned": 12}  # an offer alone is not prepared
    assert secret not in coverage.text
    any_client.put(url, json={"for_them": "Cash sooner"}, headers=bearer(tokens[0]))
    coverage = any_client.get(
        f"/api/v1/sessions/{made.id}/prep-coverage", headers=bearer(made.facilitator)
    )
    assert coverage.json() == {"prepared": 1, "planned": 12}
    assert any_client.get(url, headers=bearer(tokens[0])).json()["my_offer"] == ""  # PUT replaces


def test_suggestions_include_issues_pushed_between_us_in_earlier_sessions_of_the_series(
    any_client: TestClient,
) -> None:
    q1 = make_session(any_client, title="Q4 session", starts_at="2026-10-14T09:00:00")
    key = any_client.put(
        f"/api/v1/sessions/{q1.id}/series",
        json={"title": "Quarterly"},
        headers=bearer(q1.facilitator),
    ).json()["series"]["key"]
    sales = add_person(any_client, q1, "Old Sales Head", "Sales")
    token = invite(any_client, q1, sales["id"])
    goal = q1.body["session"]["goals"][0]["id"]
    earlier = complete(goal, butterfly_targets=["Finance"])
    earlier["butterfly_issue"] = "Discounts approved late push month-end invoicing onto Finance."
    response = any_client.post(
        f"/api/v1/sessions/{q1.id}/agendas/{sales['id']}/submit",
        json=earlier,
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text
    q2 = make_session(any_client, title="Q1 session", series_key=key)
    dana = add_person(any_client, q2, "Dana Lee", "Finance")
    marcus = add_person(any_client, q2, "Marcus Okafor", "Sales")
    priya = add_person(any_client, q2, "Priya Raman", "Product")
    dana_token = invite(any_client, q2, dana["id"])
    url = f"/api/v1/sessions/{q2.id}/me/prep"
    hints = any_client.get(f"{url}/{marcus['id']}", headers=bearer(dana_token)).json()
    assert (
        "Earlier, in Q4 session: Sales → Finance: Discounts approved late push month-end "
        "invoicing onto Finance." in hints["suggestions"]
    )
    other = any_client.get(f"{url}/{priya['id']}", headers=bearer(dana_token)).json()
    assert not any(s.startswith("Earlier") for s in other["suggestions"])
