"""The live capture board in real browsers: capture on a phone, see it on the big screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.rooms import open_capture, open_view, planned_room, show_board
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser


def capture(page: Page, text: str) -> None:
    """Fill the capture form as a Finance head would: lands on Sales, high impact, no goal."""
    form = open_capture(page)
    expect(form.get_by_label("From team")).to_have_value("Finance")
    form.get_by_label("Sales").check()
    form.get_by_label("What happens").fill(text)
    form.get_by_label("High").check()
    form.get_by_label("Company goal it touches").select_option(label="No goal fits")
    form.get_by_role("button", name="Add to the board").click()


def test_a_capture_on_the_phone_appears_on_the_big_screen(
    live_server: LiveServer, phone: Page, new_context: Callable[..., BrowserContext]
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    sid = room.session.id
    screen = new_context(live_server.base_url, viewport={"width": 1920, "height": 1080}).new_page()
    mine = open_view(phone, room.people[0].invite_url, f"/s/{sid}/live")
    board = open_view(screen, room.session.executive_url, f"/s/{sid}/screen")
    show_board = live_server.api(
        "PUT",
        f"/api/v1/sessions/{sid}/live/screen",
        json={"mode": "board"},
        token=room.session.facilitator_token,
    )
    assert show_board.status_code == 200, show_board.text  # the facilitator puts the board up
    expect(board.locator("[data-board-empty]")).to_be_visible()

    text = "Late invoices from Finance hold up every Sales deal closing"
    capture(mine, text)

    expect(mine.locator("[data-captures] li")).to_contain_text("saved")
    item = board.locator(".board-list .board-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(text)
    expect(item).to_contain_text("Finance → Sales")
    expect(item).to_contain_text("High")
    expect(board.locator("[data-board-empty]")).to_be_hidden()
    # The heat map follows: Finance pushes a high-impact (3) item onto Sales.
    row = board.locator(".heat-table tbody tr", has=board.locator("th", has_text="Finance"))
    expect(row).to_contain_text("3")
    # The form is ready for the next capture.
    expect(mine.get_by_label("What happens")).to_have_value("")


def test_an_offline_capture_waits_then_is_saved_exactly_once(
    live_server: LiveServer, phone: Page, new_context: Callable[..., BrowserContext]
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    sid = room.session.id
    screen = new_context(live_server.base_url, viewport={"width": 1920, "height": 1080}).new_page()
    mine = open_view(phone, room.people[0].invite_url, f"/s/{sid}/live")
    board = open_view(screen, room.session.executive_url, f"/s/{sid}/screen")

    phone.context.set_offline(True)
    text = "Budget freezes from Finance stop Sales hiring for the quarter"
    capture(mine, text)
    status = mine.locator("[data-captures] li")
    expect(status).to_contain_text("sending…")
    queued = mine.evaluate(f"localStorage.getItem('rt-board-captures-{sid}')")
    assert queued is not None
    assert text in queued  # kept on the phone: a reload would not lose it
    expect(board.locator(".board-list .board-item")).to_have_count(0)

    phone.context.set_offline(False)
    expect(status).to_contain_text("saved", timeout=15_000)
    item = board.locator(".board-list .board-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(text)
    response = live_server.api(
        "GET", f"/api/v1/sessions/{sid}/board", token=room.session.facilitator_token
    )
    response.raise_for_status()
    assert [i["what_happens"] for i in response.json()["items"]] == [text]


def test_field_errors_show_next_to_the_fields_and_the_page_is_accessible(
    live_server: LiveServer, phone: Page
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    mine = open_view(phone, room.people[0].invite_url, f"/s/{room.session.id}/live")
    form = open_capture(mine)
    expect(
        form.get_by_role("group", name="Impact").get_by_role("radio", name="Critical")
    ).to_be_visible()
    assert_accessible(mine, "live participant view with the capture form")

    form.get_by_label("What happens").fill("Too short")
    form.get_by_role("button", name="Add to the board").click()
    expect(form.locator('[data-error-for="to_teams"]')).not_to_be_empty()
    expect(form.locator('[data-error-for="what_happens"]')).to_contain_text("10 characters")
    expect(form.get_by_label("What happens")).to_have_value("Too short")
    assert_accessible(mine, "capture form with field errors")
    # A refusal from the server (a goal that is not this session's) lands next to its field.
    mine.evaluate(
        "() => { const o = document.createElement('option'); o.value = '999999'; o.text = 'Old';"
        " document.getElementById('cap-goal').append(o); }"
    )
    form.get_by_label("Sales").check()
    form.get_by_label("What happens").fill("Sales promises land on Finance without notice")
    form.get_by_label("Low").check()
    form.get_by_label("Company goal it touches").select_option("999999")
    form.get_by_role("button", name="Add to the board").click()
    expect(form.locator('[data-error-for="goal_id"]')).to_contain_text("this session's goals")
    expect(form.get_by_label("What happens")).to_have_value(
        "Sales promises land on Finance without notice"
    )
    expect(form.get_by_label("Low")).to_be_checked()
    expect(mine.locator("[data-captures] li")).to_have_count(0)


def test_a_queued_capture_survives_a_reload_and_is_sent_once(
    live_server: LiveServer, phone: Page
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    sid = room.session.id
    mine = open_view(phone, room.people[0].invite_url, f"/s/{sid}/live")
    phone.route("**/board/items", lambda route: route.abort("internetdisconnected"))
    text = "Month-end close in Finance blocks Sales from quoting for a week"
    capture(mine, text)
    expect(mine.locator("[data-captures] li")).to_contain_text("sending…")

    mine.reload()
    expect(mine.locator("[data-conn-text]")).to_have_text("live")
    expect(mine.locator("[data-captures] li")).to_contain_text("sending…")
    phone.unroute("**/board/items")
    mine.evaluate("window.dispatchEvent(new Event('online'))")
    expect(mine.locator("[data-captures] li")).to_contain_text("saved")
    expect(show_board(mine).locator(".board-list .board-item")).to_have_count(1)
    mine.evaluate("window.dispatchEvent(new Event('online'))")  # a second resend does nothing
    response = live_server.api(
        "GET", f"/api/v1/sessions/{sid}/board", token=room.session.facilitator_token
    )
    assert [i["what_happens"] for i in response.json()["items"]] == [text]
