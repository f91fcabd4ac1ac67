"""Holders of links in the browser: participants, executives, and revoked invites."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.browser import shot
from tests.e2e.conftest import Seeded
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser


def test_invite_link_opens_the_participants_page_without_the_token_in_view(
    new_context: Callable[..., BrowserContext], live_server: LiveServer, seeded: Seeded
) -> None:
    grace = seeded.people[0]
    page = new_context().new_page()

    page.goto(grace.invite_url)

    expect(page).to_have_url(live_server.url(f"/s/{seeded.session.id}/me"))
    assert grace.token not in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Grace Hopper")
    goals = page.get_by_role("region", name="Our goals for the year")
    expect(goals.get_by_role("listitem")).to_have_text(
        ["Grow recurring revenue by 20%", "Cut onboarding time in half"]
    )
    rules = page.get_by_role("region", name="Ground rules")
    expect(rules).to_contain_text("This is NOT a complaint session")
    expect(rules).to_contain_text("Every conversation aligns to our goals for the year")
    assert grace.token not in page.evaluate("() => document.cookie"), "token readable by scripts"
    shot(page, "participant-page")


def test_executive_summary_offers_nothing_that_writes(
    new_context: Callable[..., BrowserContext], live_server: LiveServer, seeded: Seeded
) -> None:
    page = new_context().new_page()

    page.goto(seeded.session.executive_url)

    expect(page).to_have_url(live_server.url(f"/s/{seeded.session.id}/summary"))
    assert seeded.session.executive_token not in page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(seeded.session.title)
    expect(page.get_by_text("Executive (read only)")).to_be_visible()
    expect(page.locator("form[method='post' i]")).to_have_count(0)
    expect(
        page.locator("input[type=submit], input[type=image], [contenteditable=true]")
    ).to_have_count(0)
    expect(page.locator("[hx-post], [hx-put], [hx-patch], [hx-delete]")).to_have_count(0)
    for button in page.get_by_role("button").all():
        # Only buttons that act inside the page (copy, show/hide) are acceptable here.
        expect(button).to_have_attribute("type", "button")
        assert not button.evaluate("b => Boolean(b.form || b.closest('form'))"), button
    shot(page, "summary")


def test_a_revoked_invite_link_no_longer_works(
    page: Page, new_context: Callable[..., BrowserContext], seeded: Seeded
) -> None:
    grace = seeded.people[0]
    page.goto(seeded.session.facilitator_url)
    table = page.get_by_role("region", name="Participants")
    expect(table.get_by_role("textbox", name="invite link for Grace Hopper")).to_have_value(
        grace.invite_url
    )

    table.get_by_role("button", name="Revoke link of Grace Hopper").click()
    page.get_by_role("dialog").get_by_role("button", name="Revoke link").click()

    # The notice in the table's region; the page's live region (#rt-announce) may repeat it for
    # screen readers at the same moment, so the text alone names two elements.
    expect(table.get_by_role("status")).to_have_text("Link revoked.")
    expect(table.get_by_role("status")).to_be_visible()
    grace_row = table.locator("tr", has=page.get_by_role("rowheader", name="Grace Hopper"))
    expect(grace_row).to_contain_text("No active link.")
    expect(table.get_by_role("textbox", name="invite link for Grace Hopper")).to_have_count(0)
    shot(page, "revoked")

    visitor = new_context().new_page()
    response = visitor.goto(grace.invite_url)
    assert response is not None
    assert response.status == 404
    expect(visitor.get_by_role("heading", level=1)).to_have_text("This link does not work")
    expect(visitor.get_by_text("Welcome, Grace Hopper")).to_have_count(0)
    shot(visitor, "revoked-link-opened")

    other = new_context().new_page()
    other.goto(seeded.people[1].invite_url)
    expect(other.get_by_role("heading", level=1)).to_have_text(
        re.compile("^Welcome, Katherine Johnson$")
    )
