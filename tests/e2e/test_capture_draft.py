"""A half-typed capture on a phone survives a reload and a server restart (issue #15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.rooms import open_capture, open_view, planned_room
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser

TEXT = "Late invoices from Finance hold up every Sales deal closing"


def test_a_half_typed_capture_comes_back_after_a_reload_and_a_restart(
    start_server: Callable[..., LiveServer], new_context: Callable[..., BrowserContext]
) -> None:
    server = start_server()
    room = planned_room(server, people=3, rounds=2)
    sid = room.session.id
    phone = new_context(server.base_url, phone=True).new_page()
    mine = open_view(phone, room.people[0].invite_url, f"/s/{sid}/live")
    form = open_capture(mine)
    what = form.get_by_label("What happens")
    counter = form.locator("#cap-what-count")
    expect(counter).to_have_text("0 of 600 characters.")
    form.get_by_label("Sales").check()
    what.fill(TEXT)
    form.get_by_label("High").check()
    expect(counter).to_have_text(f"{len(TEXT)} of 600 characters.")
    assert_accessible(mine, "phone live page with a capture being typed")

    # Closing the sheet keeps the draft, and so does a reload.
    mine.keyboard.press("Escape")
    expect(form).to_be_hidden()
    open_capture(mine)
    expect(what).to_have_value(TEXT)
    mine.reload()
    open_capture(mine)
    expect(what).to_have_value(TEXT)
    expect(form.get_by_label("Sales")).to_be_checked()
    expect(form.get_by_label("High")).to_be_checked()
    expect(form.locator("[data-capture-restored]")).to_contain_text("not on the board yet")

    server.restart()
    mine.reload()
    open_capture(mine)
    expect(what).to_have_value(TEXT)

    form.get_by_label("Company goal it touches").select_option(label="No goal fits")
    form.get_by_role("button", name="Add to the board").click()
    expect(mine.locator("[data-captures] li")).to_contain_text("saved", timeout=10_000)
    expect(what).to_have_value("")
    expect(counter).to_have_text("0 of 600 characters.")
    # Once on the board, a reload does not bring it back into the form (no double capture).
    mine.reload()
    expect(mine.locator("[data-captures] li")).to_contain_text("saved")
    expect(what).to_have_value("")
    expect(form.locator("[data-capture-restored]")).to_have_count(0)
