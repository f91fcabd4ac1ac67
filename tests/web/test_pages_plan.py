"""The plan page: generate with errors kept, swap, table cards."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.factories import add_person, make_session
from tests.support.csrf import csrf_of

PEOPLE = [
    ("Dana Lee", "Finance"),
    ("Marcus Okafor", "Sales"),
    ("Priya Raman", "Product"),
    ("Tom Becker", "Engineering"),
    ("Aisha Khan", "Customer Success"),
]


def facilitator(client: TestClient) -> str:
    made = make_session(client)
    for name, dept in PEOPLE:
        add_person(client, made, name, dept)
    client.get(f"/l/{made.facilitator}")
    return made.id


def post(client: TestClient, url: str, **fields: str):  # type: ignore[no-untyped-def]
    return client.post(url, data={"csrf_token": csrf_of(client), **fields}, follow_redirects=False)


def test_generate_from_the_page_and_read_rounds_and_figures(client: TestClient) -> None:
    sid = facilitator(client)
    response = post(
        client,
        f"/s/{sid}/facilitate/plan",
        group_size="2",
        mode="rounds",
        rounds="5",
        seed="0",
        tables="Oak\nPine\nMaple",
        must_meet="",
        must_not_meet="",
        same_department="hard",
    )
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "New plan generated." in page
    assert page.count("<h3>Round ") == 5
    assert '<strong dir="auto">Oak</strong>' in page
    assert re.search(r"Pairs who meet</dt><dd>10 / 10</dd>", page)  # 5 people, 5 rounds: all
    assert "Sitting out" in page  # odd count


def test_bad_settings_keep_the_input_and_say_what_is_wrong(client: TestClient) -> None:
    sid = facilitator(client)
    response = post(
        client,
        f"/s/{sid}/facilitate/plan",
        group_size="2",
        mode="rounds",
        rounds="0",
        seed="0",
        tables="Oak",
        must_meet="Dana Lee, Nobody Known",
        must_not_meet="",
        same_department="hard",
    )
    assert response.status_code == 422
    assert 'id="plan-must_meet-error"' in response.text
    assert "Dana Lee, Nobody Known" in response.text
    response = post(
        client,
        f"/s/{sid}/facilitate/plan",
        group_size="2",
        mode="rounds",
        rounds="0",
        seed="0",
        tables="Oak",
        must_meet="",
        must_not_meet="",
        same_department="hard",
    )
    assert 'id="plan-rounds-error"' in response.text


def test_swap_and_table_cards(client: TestClient) -> None:
    sid = facilitator(client)
    post(
        client,
        f"/s/{sid}/facilitate/plan",
        group_size="2",
        mode="rounds",
        rounds="2",
        seed="0",
        tables="",
        must_meet="",
        must_not_meet="",
        same_department="hard",
    )
    plan = client.get(f"/api/v1/sessions/{sid}/plan").json()
    g1, g2 = plan["rounds"][0]["groups"][:2]
    swapped = post(
        client,
        f"/s/{sid}/facilitate/plan/swap",
        round="1",
        a=str(g1["members"][0]),
        b=str(g2["members"][0]),
    )
    assert swapped.status_code == 303
    after_swap = client.get(swapped.headers["location"]).text
    assert "Swap done" in after_swap
    assert "<caption>Effect of the swap</caption>" in after_swap
    assert re.search(
        r'<th scope="row" dir="auto">Pairs who meet</th><td>\d+</td><td>\d+</td>', after_swap
    )
    g1 = client.get(f"/api/v1/sessions/{sid}/plan").json()["rounds"][0]["groups"][0]
    bad = post(
        client,
        f"/s/{sid}/facilitate/plan/swap",
        round="1",
        a=str(g1["members"][0]),
        b=str(g1["members"][1]),
    )
    assert bad.status_code == 422
    assert 'id="swap-error"' in bad.text
    cards = client.get(f"/s/{sid}/facilitate/plan/cards").text
    assert cards.count('class="table-card"') == 2


def test_run_of_show_form_saves_minutes_and_keeps_bad_input(client: TestClient) -> None:
    sid = facilitator(client)
    fields = {
        "topic_1": "1.5",
        "topic_2": "2",
        "topic_3": "2",
        "welcome": "5",
        "changeover": "1",
        "break": "10",
        "break_every": "3",
        "wrapup": "10",
    }
    saved = post(client, f"/s/{sid}/facilitate/plan/show", **fields)
    assert saved.status_code == 303
    show = client.get(f"/api/v1/sessions/{sid}/live/show").json()
    assert show["topic_seconds"] == [90, 120, 120]
    assert show["break_every"] == 3
    bad = post(client, f"/s/{sid}/facilitate/plan/show", **{**fields, "topic_2": "soon"})
    assert bad.status_code == 422
    assert 'id="show-error"' in bad.text
    assert 'value="soon"' in bad.text


def plan_form(**changes: str) -> dict[str, str]:
    values = {
        "group_size": "2",
        "mode": "rounds",
        "rounds": "3",
        "time_box_minutes": "",
        "seed": "0",
        "tables": "",
        "must_meet": "",
        "must_not_meet": "",
        "same_department": "hard",
    }
    values.update(changes)
    return values


def test_each_plan_mistake_gets_its_own_message_in_a_summary_at_the_top(
    client: TestClient,
) -> None:
    sid = facilitator(client)
    url = f"/s/{sid}/facilitate/plan"
    cases = {
        "rounds": ({"rounds": ""}, "Enter how many rounds, or choose a time box."),
        "time_box_minutes": ({"mode": "time"}, "Enter the time box in minutes."),
        "must_meet": (
            {"must_meet": "Nobody Real, Dana Lee"},
            "Line 1: “Nobody Real” is not a participant in this session",
        ),
        "must_not_meet": (
            {"must_not_meet": "Dana Lee, Dana Lee"},
            "Line 1: write two different people, not “Dana Lee” twice.",
        ),
    }
    for field, (changes, message) in cases.items():
        response = post(client, url, **plan_form(**changes))
        assert response.status_code == 422, field
        html = response.text
        assert f'id="plan-{field}-error"' in html, field
        assert message in html, field
        summary = html[
            html.index("data-error-summary") : html.index('aria-labelledby="settings-h"')
        ]
        assert f'href="#plan-{field}"' in summary, field
        assert "Give a number of rounds or a time box" not in html


def test_rounds_are_bounded_by_who_takes_part_and_the_page_says_why(client: TestClient) -> None:
    sid = facilitator(client)
    page = client.get(f"/s/{sid}/facilitate/plan").text
    # 5 people in pairs: one sits out each round, so everybody has met after 5 rounds.
    assert re.search(r'id="plan-rounds"[^>]*min="1" max="5"', page)
    assert "with 5 people in pairs, everyone has met everyone after 5 rounds" in page
    response = post(client, f"/s/{sid}/facilitate/plan", **plan_form(rounds="99"))
    assert response.status_code == 422
    assert "Plan at most 5 rounds: with 5 people in pairs" in response.text
    assert 'value="99"' in response.text


def test_a_time_box_that_fits_more_rounds_than_useful_says_so(client: TestClient) -> None:
    sid = facilitator(client)
    response = post(
        client,
        f"/s/{sid}/facilitate/plan",
        **plan_form(mode="time", rounds="", time_box_minutes="600"),
    )
    assert response.status_code == 422
    assert re.search(r"This time box fits \d+ rounds, but with 5 people in pairs", response.text)
    assert 'id="plan-time_box_minutes-error"' in response.text
    fine = post(
        client, f"/s/{sid}/facilitate/plan", **plan_form(mode="time", time_box_minutes="40")
    )
    assert fine.status_code == 303
