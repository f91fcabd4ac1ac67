"""The rotation plan form in Chromium: a specific message for each mistake with focus moved to
it, bounds shown before submitting, warnings at the top, undo and restore (issue #15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import shot
from tests.e2e.rooms import planned_room
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser


def plan_page(server: LiveServer, page: Page, *, people: int = 4, rounds: int = 3) -> str:
    room = planned_room(server, people=people, rounds=rounds)
    page.goto(room.session.facilitator_url)
    page.goto(server.url(f"/s/{room.session.id}/facilitate/plan"))
    return room.session.id


def generate(page: Page) -> None:
    page.get_by_role("button", name="Generate a new plan").click()


def expect_focused_summary(page: Page, message: str) -> None:
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text(message)
    expect(summary).to_be_focused()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_each_plan_form_mistake_says_what_is_wrong_and_moves_focus(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    page = new_context(live_server.base_url, phone=phone).new_page()
    plan_page(live_server, page)
    rounds = page.get_by_role("spinbutton", name="Rounds", exact=True)
    # The bound and its reason are on the page before anything is submitted.
    expect(rounds).to_have_attribute("max", "3")
    expect(page.locator("#plan-rounds-hint")).to_contain_text(
        "with 4 people in pairs, everyone has met everyone after 3 rounds"
    )

    rounds.fill("")
    generate(page)
    expect_focused_summary(page, "Rounds: Enter how many rounds, or choose a time box.")
    expect(page.locator("#plan-rounds-error")).to_contain_text("Enter how many rounds")
    expect(page.locator("[data-error-summary] li")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "empty-rounds")
    assert_accessible(page, "plan page with an error")

    rounds.fill("2")
    page.get_by_label("Pairs who must meet").fill("Nobody Real, Dana Lee")
    generate(page)
    expect_focused_summary(page, "“Nobody Real” is not a participant in this session")
    expect(page.get_by_label("Pairs who must meet")).to_have_value("Nobody Real, Dana Lee")

    page.get_by_label("Pairs who must meet").fill("Dana Lee")
    generate(page)
    expect_focused_summary(page, "Line 1: write exactly two names separated by a comma")

    page.get_by_label("Pairs who must meet").fill("")
    rounds.fill("99")
    generate(page)
    expect_focused_summary(
        page, "Plan at most 3 rounds: with 4 people in pairs, everyone has met everyone"
    )
    expect(rounds).to_have_value("99")

    # A click on the summary's link lands on the field.
    page.locator("[data-error-summary] a").first.click()
    expect(rounds).to_be_focused()

    # The same person twice in a pair.
    rounds.fill("2")
    page.get_by_label("Pairs who must not meet").fill("Dana Lee, dana lee")
    generate(page)
    expect_focused_summary(page, "Line 1: write two different people, not “Dana Lee” twice.")
    expect(page.locator("#plan-must_not_meet-error")).to_contain_text("two different people")
    page.get_by_label("Pairs who must not meet").fill("")

    # A time box: empty, then one that fits more rounds than everyone needs to meet.
    page.get_by_label("A time box (rounds derived from the run of show)").check()
    box = page.get_by_role("spinbutton", name="Time box in minutes")
    box.fill("")
    generate(page)
    expect_focused_summary(page, "Time box in minutes: Enter the time box in minutes.")
    box.fill("300")
    generate(page)
    expect_focused_summary(page, "This time box fits")
    expect(page.locator("#plan-time_box_minutes-error")).to_contain_text(
        "with 4 people in pairs, everyone has met everyone after 3 rounds"
    )
    expect(box).to_have_value("300")
    page.locator('[data-error-summary] a[href="#plan-time_box_minutes"]').click()
    expect(box).to_be_focused()


def test_a_swap_that_makes_repeats_warns_at_the_top_and_can_be_undone(
    page: Page, live_server: LiveServer
) -> None:
    room = planned_room(live_server, people=4, rounds=3)
    sid, token = room.session.id, room.session.facilitator_token
    page.goto(room.session.facilitator_url)
    page.goto(live_server.url(f"/s/{sid}/facilitate/plan"))
    expect(page.locator("#plan-warning")).to_have_count(0)  # 4 people, 3 rounds: no repeats
    plan = live_server.api("GET", f"/api/v1/sessions/{sid}/plan", token=token).json()
    # Every pair meets exactly once in 3 rounds, so moving anyone in round 2 repeats a pair.
    first, second = plan["rounds"][1]["groups"][:2]
    page.get_by_label("Round", exact=True).select_option("2")
    page.locator("#swap-a").select_option(str(first["members"][0]))
    page.locator("#swap-b").select_option(str(second["members"][0]))
    page.get_by_role("button", name="Swap", exact=True).click()

    effect = page.locator("section.plan-warning")
    expect(effect.locator("h2")).to_have_text("This swap made the plan worse")
    warning = page.locator("#plan-warning")
    expect(warning).to_contain_text("2 repeat meetings")
    # At the top: above the settings form, visible without scrolling.
    assert warning.bounding_box()["y"] < page.locator("#settings-h").bounding_box()["y"]  # type: ignore[index]
    shot(page, "after-swap")
    assert_accessible(page, "plan page after a swap that made repeats")

    page.get_by_role("button", name="Undo this swap").click()
    expect(page.get_by_role("status").filter(has_text="Swap undone")).to_be_visible()
    expect(page.locator("#plan-warning")).to_have_count(0)
    expect(page.locator("table.versions tbody tr").first).to_contain_text("Undid: Swapped")
    now = live_server.api("GET", f"/api/v1/sessions/{sid}/plan", token=token).json()
    assert now["rounds"] == plan["rounds"]
    assert now["version"] == plan["version"] + 2


def test_an_old_plan_version_is_restored_as_the_current_one(
    page: Page, live_server: LiveServer
) -> None:
    room = planned_room(live_server, people=4, rounds=3)
    sid, token = room.session.id, room.session.facilitator_token
    first = live_server.api("GET", f"/api/v1/sessions/{sid}/plan", token=token).json()
    page.goto(room.session.facilitator_url)
    page.goto(live_server.url(f"/s/{sid}/facilitate/plan"))
    page.get_by_role("spinbutton", name="Rounds", exact=True).fill("2")
    page.get_by_role("button", name="Generate a new plan").click()
    expect(page.get_by_role("status").filter(has_text="New plan generated")).to_be_visible()
    rows = page.locator("table.versions tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("current")
    expect(rows.nth(1)).to_contain_text("facilitator")
    expect(rows.nth(1)).to_contain_text("6 / 6")  # its figures: every pair meets

    rows.nth(1).get_by_role("button", name="Restore version 1").click()
    expect(page.get_by_role("status").filter(has_text="Earlier version restored")).to_be_visible()
    expect(rows.nth(0)).to_contain_text("Restored version 1")
    expect(page.locator(".round-groups")).to_have_count(3)
    now = live_server.api("GET", f"/api/v1/sessions/{sid}/plan", token=token).json()
    assert now["version"] == 3
    assert now["rounds"] == first["rounds"]
