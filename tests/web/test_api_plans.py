"""The rotation plan through the API: generate, re-roll, swap, locks, export, versions."""

from __future__ import annotations

import csv
import io
from itertools import combinations
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import MadeSession, add_person, bearer, make_session

PEOPLE = [
    ("Dana Lee", "Finance"),
    ("Marcus Okafor", "Sales"),
    ("Priya Raman", "Product"),
    ("Tom Becker", "Engineering"),
    ("Aisha Khan", "Customer Success"),
    ("Lukas Novak", "IT"),
    ("Sofia Alvarez", "Marketing"),
    ("Chloe Martin", "Sales"),
]


def session_with_people(
    client: TestClient, people: list[tuple[str, str]] = PEOPLE
) -> tuple[MadeSession, list[dict[str, Any]]]:
    made = make_session(client)
    return made, [add_person(client, made, name, dept) for name, dept in people]


def pairs_of(plan: dict[str, Any]) -> list[frozenset[int]]:
    return [
        frozenset(pair)
        for r in plan["rounds"]
        for g in r["groups"]
        for pair in combinations(g["members"], 2)
    ]


def test_generate_a_pair_plan_with_figures(client: TestClient) -> None:
    made, people = session_with_people(client)
    response = client.post(
        f"/api/v1/sessions/{made.id}/plan", json={"rounds": 6}, headers=bearer(made.facilitator)
    )
    assert response.status_code == 201, response.text
    plan = response.json()
    assert plan["version"] == 1
    assert len(plan["rounds"]) == 6
    by_id = {p["id"]: p for p in people}
    for r in plan["rounds"]:
        seated = [m for g in r["groups"] for m in g["members"]] + r["sitting_out"]
        assert sorted(seated) == sorted(by_id)  # everyone exactly once per round
        tables = [g["table"] for g in r["groups"]]
        assert len(tables) == len(set(tables))
        for g in r["groups"]:
            assert g["names"] == [by_id[m]["name"] for m in g["members"]]
    pairs = pairs_of(plan)
    assert len(pairs) == len(set(pairs))  # no repeats
    sales = {p["id"] for p in people if p["department"] == "Sales"}
    assert frozenset(sales) not in pairs  # same department avoided
    figures = plan["figures"]
    assert figures["repeats"] == 0
    assert figures["same_department_meetings"] == 0
    assert figures["pairs_covered"] == 24


def test_same_inputs_give_the_same_plan_and_reroll_changes_it(client: TestClient) -> None:
    made, _ = session_with_people(client)
    url = f"/api/v1/sessions/{made.id}/plan"
    auth = bearer(made.facilitator)
    first = client.post(url, json={"rounds": 4, "seed": 7}, headers=auth).json()
    again = client.post(url, json={"rounds": 4, "seed": 7}, headers=auth).json()
    assert first["rounds"] == again["rounds"]
    rerolled = client.post(f"{url}/reroll", headers=auth).json()
    assert rerolled["settings"]["seed"] == 8
    assert rerolled["rounds"] != first["rounds"]
    versions = client.get(f"{url}/versions", headers=auth).json()
    assert [v["version"] for v in versions] == [3, 2, 1]


def test_time_box_derives_the_rounds_from_the_run_of_show(client: TestClient) -> None:
    made, _ = session_with_people(client)
    # Default show: 5 min welcome + 10 min wrap-up; a pair round is 2 x 5 min + 1 min changeover.
    response = client.post(
        f"/api/v1/sessions/{made.id}/plan",
        json={"time_box_minutes": 60},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 201
    assert len(response.json()["rounds"]) == 4  # 15 + 4*10 + 3*1 = 58 <= 60
    too_short = client.post(
        f"/api/v1/sessions/{made.id}/plan",
        json={"time_box_minutes": 20},
        headers=bearer(made.facilitator),
    )
    assert too_short.status_code == 422
    assert too_short.json()["errors"][0]["field"] == "time_box_minutes"


def test_locks_are_respected(client: TestClient) -> None:
    made, people = session_with_people(client)
    a, b, c = people[0]["id"], people[1]["id"], people[2]["id"]
    plan = client.post(
        f"/api/v1/sessions/{made.id}/plan",
        json={"rounds": 3, "must_meet": [[a, b]], "must_not_meet": [[a, c]]},
        headers=bearer(made.facilitator),
    ).json()
    pairs = pairs_of(plan)
    assert frozenset((a, b)) in pairs
    assert frozenset((a, c)) not in pairs
    unknown = client.post(
        f"/api/v1/sessions/{made.id}/plan",
        json={"rounds": 3, "must_meet": [[a, 999999]]},
        headers=bearer(made.facilitator),
    )
    assert unknown.status_code == 422


def test_swap_two_people_and_see_the_effect(client: TestClient) -> None:
    made, _people = session_with_people(client)
    url = f"/api/v1/sessions/{made.id}/plan"
    auth = bearer(made.facilitator)
    plan = client.post(url, json={"rounds": 3}, headers=auth).json()
    g1, g2 = plan["rounds"][0]["groups"][:2]
    a, b = g1["members"][0], g2["members"][0]
    swapped = client.post(f"{url}/swap", json={"round": 1, "a": a, "b": b}, headers=auth)
    assert swapped.status_code == 201, swapped.text
    body = swapped.json()
    new_round = body["rounds"][0]
    assert any(a in g["members"] and g2["members"][1] in g["members"] for g in new_round["groups"])
    assert body["reason"].startswith("Swapped")
    assert body["rounds"][1:] == plan["rounds"][1:]
    same_group = client.post(
        f"{url}/swap", json={"round": 1, "a": a, "b": g2["members"][1]}, headers=auth
    )
    assert same_group.status_code == 422


def test_plan_uses_agenda_dependencies_when_rounds_are_few(client: TestClient) -> None:
    made, people = session_with_people(client)
    from tests.factories import invite

    finance = people[0]
    token = invite(client, made, finance["id"])
    client.put(
        f"/api/v1/sessions/{made.id}/agendas/{finance['id']}/draft",
        json={"butterfly_targets": ["Marketing"]},
        headers=bearer(token),
    )
    plan = client.post(
        f"/api/v1/sessions/{made.id}/plan", json={"rounds": 1}, headers=bearer(made.facilitator)
    ).json()
    marketing = next(p["id"] for p in people if p["department"] == "Marketing")
    assert frozenset((finance["id"], marketing)) in pairs_of(plan)
    assert plan["figures"]["linked_pairs_covered"] >= 1


def test_export_csv_and_json(client: TestClient) -> None:
    made, _ = session_with_people(client)
    auth = bearer(made.facilitator)
    client.post(f"/api/v1/sessions/{made.id}/plan", json={"rounds": 2}, headers=auth)
    exported = client.get(f"/api/v1/sessions/{made.id}/plan/export.csv", headers=auth)
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(rows) == 2 * len(PEOPLE)
    assert {r["round"] for r in rows} == {"1", "2"}
    assert all(r["meets"] for r in rows)
    as_json = client.get(f"/api/v1/sessions/{made.id}/plan/export.json", headers=auth).json()
    assert len(as_json["rounds"]) == 2


def test_participants_read_the_plan_but_cannot_change_it(client: TestClient) -> None:
    made, people = session_with_people(client)
    from tests.factories import invite

    token = invite(client, made, people[0]["id"])
    assert client.get(f"/api/v1/sessions/{made.id}/plan", headers=bearer(token)).status_code == 404
    client.post(
        f"/api/v1/sessions/{made.id}/plan", json={"rounds": 2}, headers=bearer(made.facilitator)
    )
    assert client.get(f"/api/v1/sessions/{made.id}/plan", headers=bearer(token)).status_code == 200
    denied = client.post(
        f"/api/v1/sessions/{made.id}/plan", json={"rounds": 2}, headers=bearer(token)
    )
    assert denied.status_code == 403


def test_rounds_past_everyone_meeting_everyone_are_refused_with_the_bound_and_why(
    client: TestClient,
) -> None:
    # 8 people in pairs have met everyone after 7 rounds; the page caps the field there too.
    made, _ = session_with_people(client)
    url = f"/api/v1/sessions/{made.id}/plan"
    auth = bearer(made.facilitator)
    too_many = client.post(url, json={"rounds": 8}, headers=auth)
    assert too_many.status_code == 422
    assert too_many.headers["content-type"].startswith("application/problem+json")
    problem = too_many.json()
    reason = (
        "Plan at most 7 rounds: with 8 people in pairs, everyone has met everyone after 7 "
        "rounds; more rounds only repeat meetings."
    )
    assert problem["errors"] == [{"field": "rounds", "message": reason}]
    assert problem["detail"] == reason
    assert client.get(url, headers=auth).status_code == 404  # nothing was stored
    # In groups of 4 (two tables, 12 of the 28 pairs a round) the bound is 3 rounds.
    fours = client.post(url, json={"rounds": 4, "group_size": 4}, headers=auth)
    assert fours.status_code == 422
    assert "Plan at most 3 rounds: with 8 people in groups of 4" in fours.json()["detail"]
    # A time box that fits more rounds than that is refused on its own field.
    boxed = client.post(url, json={"time_box_minutes": 300}, headers=auth)
    assert boxed.status_code == 422
    error = boxed.json()["errors"][0]
    assert error["field"] == "time_box_minutes"
    assert error["message"].startswith("This time box fits ")
    assert "everyone has met everyone after 7 rounds" in error["message"]
    # The bound itself is accepted.
    assert client.post(url, json={"rounds": 7}, headers=auth).status_code == 201
