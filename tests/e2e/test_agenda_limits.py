"""One field over its limit never costs the others their save (issue #15), desktop and phone."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import shot
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser

FIELDS = {
    "What you and your team do": "We run billing and collections for every product line.",
    "The issue that most needs help now": "Invoices go out late when contract data is missing.",
    "What starts where, and how it travels": "Deals signed without contract data are re-invoiced.",
    "Proposed next step": "Agree one required field set at contract signature.",
}
LONG_COST = ("About forty hours of rework every month. " * 125)[:5000]


def invite_url(server: LiveServer) -> str:
    session = server.create_session()
    server.add_participant(session, "Mary Jackson", "mary@example.com", "Operations")
    return server.add_participant(session, "Ada Lovelace", "ada@example.com", "Finance").invite_url


def expect_all_kept(page: Page, *, long_cost: bool = True) -> None:
    for label, text in FIELDS.items():
        expect(page.get_by_label(label)).to_have_value(text)
    if long_cost:
        expect(page.get_by_label("What it costs them")).to_have_value(LONG_COST)


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_five_thousand_characters_keep_every_other_field_across_reload_and_restart(
    start_server: Callable[..., LiveServer],
    new_context: Callable[..., BrowserContext],
    phone: bool,
) -> None:
    server = start_server()
    url = invite_url(server)
    context = new_context(phone=phone)
    page = context.new_page()
    page.goto(url)
    cost = page.get_by_label("What it costs them")
    counter = page.locator("#agenda-butterfly_cost-count")
    # The limit shows before anything is typed or saved.
    expect(counter).to_have_text("0 of 600 characters (at least 10 to submit).")
    for label, text in FIELDS.items():
        page.get_by_label(label).fill(text)
    cost.fill(LONG_COST)
    # While typing: the counter and the field say it is over, before any server answer.
    expect(counter).to_contain_text("5,000 of 600 characters: 4,400 over the limit")
    expect(cost).to_have_attribute("aria-invalid", "true")
    status = page.locator("#autosave")
    # The rest saves; the status line names the field the server does not hold.
    expect(status).to_contain_text("except 1 field kept on this device only", timeout=8_000)
    expect(status).to_contain_text("What it costs them")
    expect(status).not_to_contain_text("Draft saved")
    shot(page, "over-limit")
    assert_accessible(page, "agenda with a field over its limit")

    page.reload()
    expect_all_kept(page)
    expect(page.locator("#local-restore")).to_contain_text("Restored text")
    expect(status).to_contain_text("kept on this device only", timeout=8_000)
    expect(page.locator("#local-restore")).to_contain_text("Not all of it could be saved")

    server.restart()
    page.reload()
    expect_all_kept(page)
    expect(status).to_contain_text("kept on this device only", timeout=8_000)

    # Another device sees what the server holds: every field but the one over its limit.
    other = new_context(phone=phone).new_page()
    other.goto(url)
    expect_all_kept(other, long_cost=False)
    expect(other.get_by_label("What it costs them")).to_have_value("")

    # Shortening it saves it, and only then does the status line say "saved".
    cost.fill("About forty hours a month of rework.")
    expect(status).to_contain_text("Draft saved", timeout=8_000)
    expect(cost).not_to_have_attribute("aria-invalid", "true")
    other.reload()
    expect(other.get_by_label("What it costs them")).to_have_value(
        "About forty hours a month of rework."
    )
    page.reload()
    expect(page.locator("#local-restore")).to_be_hidden()


def test_status_line_does_not_say_saved_while_text_is_only_typed(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(invite_url(live_server))
    field = page.get_by_label("What you and your team do")
    field.fill("We run billing.")
    status = page.locator("#autosave")
    expect(status).to_have_text("Saving your changes…")
    expect(status).to_contain_text("Draft saved", timeout=8_000)


def test_a_submit_with_mistakes_lists_them_at_the_top_with_links_and_focus(
    phone: Page, live_server: LiveServer
) -> None:
    phone.goto(invite_url(live_server))
    phone.get_by_label("What you and your team do").fill("We run billing.")
    phone.get_by_role("button", name="Submit agenda").click()
    summary = phone.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Your agenda was not submitted")
    expect(summary.get_by_role("link", name=re.compile("^What it costs them"))).to_be_visible()
    expect(phone.get_by_label("What you and your team do")).to_have_value("We run billing.")
    summary.get_by_role("link", name=re.compile("^The issue that most needs help now")).click()
    expect(phone.get_by_label("The issue that most needs help now")).to_be_focused()
    assert_accessible(phone, "agenda with submit errors")
