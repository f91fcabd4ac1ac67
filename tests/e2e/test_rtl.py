"""Hebrew and Arabic names and agenda text run right to left wherever they show (issue #15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import shot
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser

HEBREW = "שרה כהן"
ARABIC = "ليلى حداد"


def direction(locator: Locator) -> str:
    value: str = locator.evaluate("e => getComputedStyle(e).direction")
    return value


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_rtl_names_and_text_run_right_to_left_on_every_page(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    session = live_server.create_session()
    sarah = live_server.add_participant(session, HEBREW, "sarah@example.com", "כספים")
    live_server.add_participant(session, ARABIC, "layla@example.com", "المبيعات")
    live_server.add_participant(session, "Ada Lovelace", "ada@example.com", "Finance")
    live_server.api(
        "POST",
        f"/api/v1/sessions/{session.id}/plan",
        json={"rounds": 2},
        token=session.facilitator_token,
    ).raise_for_status()

    desk = new_context(live_server.base_url, phone=phone).new_page()
    desk.goto(session.facilitator_url)
    row = desk.get_by_role("rowheader", name=HEBREW).first
    expect(row).to_have_attribute("dir", "auto")
    assert direction(row) == "rtl"
    assert direction(desk.get_by_role("rowheader", name="Ada Lovelace").first) == "ltr"
    assert_accessible(desk, "facilitator page with RTL names")

    desk.goto(live_server.url(f"/s/{session.id}/facilitate/plan"))
    names = desk.locator(".round-groups span[dir=auto]", has_text=ARABIC).first
    assert direction(names) == "rtl"
    shot(desk, "plan-rtl")

    mine = new_context(live_server.base_url, phone=phone).new_page()
    mine.goto(sarah.invite_url)
    badge = mine.locator("header .role-badge")
    expect(badge).to_have_text(HEBREW)
    assert direction(badge) == "rtl"
    what = mine.get_by_label("What you and your team do")
    what.fill("אנחנו מנהלים את החיובים.")
    assert direction(what) == "rtl"
    shot(mine, "agenda-rtl")


def test_rtl_names_run_right_to_left_on_the_big_screen(
    live_server: LiveServer, new_context: Callable[..., BrowserContext]
) -> None:
    session = live_server.create_session()
    live_server.add_participant(session, HEBREW, "sarah@example.com", "כספים")
    live_server.add_participant(session, ARABIC, "layla@example.com", "المبيعات")
    base = f"/api/v1/sessions/{session.id}"
    token = session.facilitator_token
    live_server.api("POST", f"{base}/plan", json={"rounds": 1}, token=token).raise_for_status()
    for kind in ("start", "skip"):  # past the welcome: the tables of round 1 are on screen
        body = {"id": f"{kind}-{session.id}", "kind": kind}
        live_server.api("POST", f"{base}/live/controls", json=body, token=token).raise_for_status()

    screen = new_context(live_server.base_url, viewport={"width": 1920, "height": 1080}).new_page()
    screen.goto(session.facilitator_url)
    screen.goto(live_server.url(f"/s/{session.id}/screen"))
    for name in (HEBREW, ARABIC):
        person = screen.locator(".person[dir=auto]", has_text=name).first
        expect(person).to_be_visible()
        assert direction(person) == "rtl"
    shot(screen, "screen-rtl")
