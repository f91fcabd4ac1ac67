"""Opening a colleague's link in the same browser asks which identity to use (issue #15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import shot
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_colleagues_link_asks_who_you_are_instead_of_switching(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    session = live_server.create_session()
    ada = live_server.add_participant(session, "Ada Lovelace", "ada@example.com", "Finance")
    grace = live_server.add_participant(session, "Grace Hopper", "grace@example.com", "Sales")
    page = new_context(live_server.base_url, phone=phone).new_page()
    page.goto(ada.invite_url)
    expect(page.locator("header")).to_contain_text("Ada Lovelace")

    page.goto(grace.invite_url)
    expect(page.get_by_role("heading", name="Who is using this browser?")).to_be_visible()
    expect(page.locator("main")).to_contain_text("This browser is signed in as Ada Lovelace")
    expect(page.locator("header")).to_contain_text("Ada Lovelace")
    shot(page, "identity-choice")
    assert_accessible(page, "identity choice")

    page.get_by_role("link", name="I am Ada Lovelace: stay").click()
    expect(page.get_by_role("heading", name="Welcome, Ada Lovelace")).to_be_visible()
    expect(page.locator("header")).to_contain_text("Ada Lovelace")

    page.goto(grace.invite_url)
    page.get_by_role("link", name="I am Grace Hopper: switch").click()
    expect(page.get_by_role("heading", name="Welcome, Grace Hopper")).to_be_visible()
    expect(page.locator("header")).to_contain_text("Grace Hopper")
    # Her own link again: no question, she is already herself.
    page.goto(grace.invite_url)
    expect(page.get_by_role("heading", name="Welcome, Grace Hopper")).to_be_visible()
