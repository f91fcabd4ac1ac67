"""Series through the API: start and join with the key, who sees which sessions, follow-through."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.domain.summary.model import ActionStatus
from app.services.plans import service as plans
from app.services.summary import service as summary
from tests.factories import MadeSession, add_person, bearer, invite, make_session
from tests.support.actions import backdate, capture, key, make_action, room


def series_url(made: MadeSession) -> str:
    return f"/api/v1/sessions/{made.id}/series"


def start(client: TestClient, made: MadeSession, title: str = "Quarterly leadership") -> str:
    response = client.put(series_url(made), json={"title": title}, headers=bearer(made.facilitator))
    assert response.status_code == 200, response.text
    series_key: str = response.json()["series"]["key"]
    return series_key


def overview(client: TestClient, made: MadeSession, token: str) -> dict[str, Any]:
    response = client.get(series_url(made), headers=bearer(token))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_session_starts_a_series_and_a_later_one_joins_with_its_key(
    any_client: TestClient,
) -> None:
    q1 = make_session(any_client, title="Q1 session", starts_at="2027-01-14T09:00:00")
    assert overview(any_client, q1, q1.facilitator) == {"series": None, "sessions": []}
    series_key = start(any_client, q1)
    assert series_key.startswith("series-")
    q2 = make_session(
        any_client, title="Q2 session", starts_at="2027-04-14T09:00:00", series_key=series_key
    )
    q3 = make_session(any_client, title="Q3 session", starts_at="2027-07-14T09:00:00")
    joined = any_client.put(
        series_url(q3), json={"key": series_key}, headers=bearer(q3.facilitator)
    )
    assert joined.status_code == 200
    titles = [s["title"] for s in overview(any_client, q1, q1.facilitator)["sessions"]]
    assert titles == ["Q1 session", "Q2 session", "Q3 session"]
    executive = overview(any_client, q2, q2.executive)
    assert [s["title"] for s in executive["sessions"]] == ["Q1 session", "Q2 session"]
    assert executive["series"]["key"] is None
    assert [s["title"] for s in overview(any_client, q1, q1.executive)["sessions"]] == [
        "Q1 session"
    ]
    assert [s["current"] for s in executive["sessions"]] == [False, True]


def test_bad_choices_are_field_errors(client: TestClient) -> None:
    made = make_session(client)
    headers = bearer(made.facilitator)
    wrong = client.put(series_url(made), json={"key": "series-nope"}, headers=headers)
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["key"]
    both = client.put(series_url(made), json={"key": "k", "title": "Quarterly"}, headers=headers)
    assert {e["field"] for e in both.json()["errors"]} == {"title", "key"}
    short = client.put(series_url(made), json={"title": "Q"}, headers=headers)
    assert [e["field"] for e in short.json()["errors"]] == ["title"]
    creating = client.post(
        "/api/v1/sessions",
        json={
            "title": "Q2 session",
            "starts_at": "2027-04-01T09:00",
            "goals": ["Grow retention"],
            "series_key": "series-unknown",
        },
    )
    assert creating.status_code == 422
    assert [e["field"] for e in creating.json()["errors"]] == ["series_key"]


def test_only_facilitators_change_series_and_participants_cannot_read_it(
    client: TestClient,
) -> None:
    made = make_session(client)
    person = add_person(client, made)
    token = invite(client, made, person["id"])
    body = {"title": "Quarterly leadership"}
    assert client.put(series_url(made), json=body, headers=bearer(token)).status_code == 403
    assert (
        client.put(series_url(made), json=body, headers=bearer(made.executive)).status_code == 403
    )
    assert client.get(series_url(made), headers=bearer(token)).status_code == 403


def test_a_new_key_replaces_the_old_and_leaving_the_last_session_deletes_the_series(
    client: TestClient,
) -> None:
    q1 = make_session(client)
    old_key = start(client, q1)
    renewed = client.post(f"{series_url(q1)}/key", headers=bearer(q1.facilitator)).json()
    new_key = renewed["series"]["key"]
    assert new_key != old_key
    q2 = make_session(client, title="Q2 session")
    assert (
        client.put(
            series_url(q2), json={"key": old_key}, headers=bearer(q2.facilitator)
        ).status_code
        == 422
    )
    renamed = client.patch(
        series_url(q1), json={"title": "Quarterly leadership 2027"}, headers=bearer(q1.facilitator)
    )
    assert renamed.json()["series"]["title"] == "Quarterly leadership 2027"
    assert client.delete(series_url(q1), headers=bearer(q1.facilitator)).status_code == 204
    assert overview(client, q1, q1.facilitator)["series"] is None
    refused = client.put(series_url(q2), json={"key": new_key}, headers=bearer(q2.facilitator))
    assert refused.status_code == 422  # the series went with its last session


def test_follow_through_shows_done_overdue_recurring_and_friction(client: TestClient) -> None:
    q1 = room(client, title="Q1 session", starts_at="2027-01-14T09:00:00")
    series_key = start(client, q1.made)
    # Q1: a second action item that will be overdue; the first one gets done.
    late = make_action(client, q1.made, q1.other_id, q1.item_id, date.today() + timedelta(days=3))
    backdate(client, q1.made.id, late, date.today() - timedelta(days=10))
    done = client.post(
        f"/api/v1/sessions/{q1.made.id}/actions/{q1.action_id}/status",
        json={"id": key(), "status": "done"},
        headers=bearer(q1.owner),
    )
    assert done.status_code == 200
    # Q2: the same people; the Sales -> Finance issue comes back, Sales -> Product is new.
    q2 = make_session(
        client, title="Q2 session", starts_at="2027-04-14T09:00:00", series_key=series_key
    )
    marcus = add_person(client, q2, "Marcus Okafor", "Sales")
    token = invite(client, q2, marcus["id"])
    capture(client, q2, token, impact="low")  # same text, same pair, lower impact
    capture(
        client,
        q2,
        token,
        to_teams=["Product"],
        what_happens="Roadmap changes reach sales after customers hear of them.",
        impact="critical",
    )
    sessions = overview(client, q2, q2.executive)["sessions"]
    assert [s["title"] for s in sessions] == ["Q1 session", "Q2 session"]
    first, second = sessions
    assert first["follow_through"] is None
    assert first["actions"] == {"open": 1, "in_progress": 0, "done": 1, "blocked": 0, "overdue": 1}
    follow = second["follow_through"]
    assert follow["previous_title"] == "Q1 session"
    assert [a["what"] for a in follow["done"]] == ["Send discount codes earlier"]
    assert [(a["owner"], a["overdue"]) for a in follow["overdue"]] == [("Marcus Okafor", True)]
    assert [r["text"] for r in follow["recurring"]] == [
        "Discount codes reach billing after the invoice run."
    ]
    assert [
        (f["source"], f["target"], f["before"], f["after"]) for f in follow["friction_fell"]
    ] == [("Sales", "Finance", 3, 1)]
    assert [(f["source"], f["target"]) for f in follow["friction_rose"]] == [("Sales", "Product")]


def test_previous_session_carries_the_earlier_actions_with_their_status_now(
    client: TestClient,
) -> None:
    q1 = room(client, title="Q1 session", starts_at="2027-01-14T09:00:00")
    series_key = start(client, q1.made)
    q2 = make_session(
        client, title="Q2 session", starts_at="2027-04-14T09:00:00", series_key=series_key
    )
    client.post(
        f"/api/v1/sessions/{q1.made.id}/actions/{q1.action_id}/status",
        json={"id": key(), "status": "blocked", "reason": "Waiting for the CRM export"},
        headers=bearer(q1.owner),
    )
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        previous = summary.previous_for(db, q2.id)
        assert summary.previous_for(db, q1.made.id) is None
    assert previous is not None
    assert previous.title == "Q1 session"
    [action] = previous.action_items
    assert (action.status, action.blocked_reason, action.owner_id) == (
        ActionStatus.BLOCKED,
        "Waiting for the CRM export",
        q1.owner_id,
    )
    assert [p.name for p in previous.participants] == ["Dana Lee", "Marcus Okafor"]
    assert [i.text for i in previous.items] == [
        "Discount codes reach billing after the invoice run."
    ]


PEOPLE = (
    ("Dana Lee", "Finance"),
    ("Marcus Okafor", "Sales"),
    ("Priya Raman", "Product"),
    ("Tom Becker", "Engineering"),
)


def planned(client: TestClient, made: MadeSession, rounds: int) -> list[frozenset[str]]:
    """Plan ``rounds`` and return the pairs (by name) who meet."""
    response = client.post(
        f"/api/v1/sessions/{made.id}/plan",
        json={"rounds": rounds, "seed": 3},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 201, response.text
    return [frozenset(group["names"]) for r in response.json()["rounds"] for group in r["groups"]]


def test_people_who_met_in_an_earlier_session_meet_others_first(client: TestClient) -> None:
    q1 = make_session(client, title="Q1 session", starts_at="2026-01-14T09:00:00")
    for name, department in PEOPLE:
        add_person(client, q1, name, department)
    met = planned(client, q1, rounds=1)  # run from printed cards: the clock never started
    series_key = start(client, q1)
    q2 = make_session(
        client, title="Q2 session", starts_at="2027-04-14T09:00:00", series_key=series_key
    )
    for name, department in PEOPLE:  # the same people (matched by e-mail), new ids
        add_person(client, q2, name, department)
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        prior = plans.prior_meetings(db, q2.id)
        names = {
            str(p["id"]): p["name"]
            for p in client.get(
                f"/api/v1/sessions/{q2.id}/participants", headers=bearer(q2.facilitator)
            ).json()
        }
    assert {frozenset(names[m] for m in pair) for pair in prior} == set(met)
    assert not set(planned(client, q2, rounds=1)) & set(met)


def test_an_earlier_session_that_has_not_happened_yet_hands_on_no_meetings(
    client: TestClient,
) -> None:
    q1 = make_session(client, title="Q1 session", starts_at="2099-01-14T09:00:00")
    for name, department in PEOPLE:
        add_person(client, q1, name, department)
    planned(client, q1, rounds=1)
    q2 = make_session(
        client, title="Q2 session", starts_at="2099-04-14T09:00:00", series_key=start(client, q1)
    )
    for name, department in PEOPLE:
        add_person(client, q2, name, department)
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        assert plans.prior_meetings(db, q2.id) == frozenset()
