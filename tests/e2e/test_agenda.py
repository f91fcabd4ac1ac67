"""A department head writes an agenda in Chromium; nothing typed is ever lost."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.e2e.browser import shot
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser

WHAT_WE_DO = "We run billing and collections for every product line in the company."
PRESSING = "Invoices go out late when contract data is missing at signature."


def invite_url(live_server: LiveServer) -> str:
    session = live_server.create_session()
    live_server.add_participant(session, "Mary Jackson", "mary@example.com", "Operations")
    return live_server.add_participant(
        session, "Ada Lovelace", "ada@example.com", "Finance"
    ).invite_url


def test_a_draft_survives_closing_the_tab_mid_sentence(
    live_server: LiveServer, new_context: Callable[..., BrowserContext]
) -> None:
    url = invite_url(live_server)
    context = new_context(phone=True)
    page = context.new_page()
    page.goto(url)
    page.get_by_label("What you and your team do").fill(WHAT_WE_DO)
    expect(page.locator("#autosave")).to_contain_text("Draft saved", timeout=5_000)
    # Typed and closed at once: the server has not had it yet (autosave waits a second).
    page.get_by_label("The issue that most needs help now").fill(PRESSING)
    page.close()

    reopened = context.new_page()
    reopened.goto(url)
    expect(reopened.get_by_label("What you and your team do")).to_have_value(WHAT_WE_DO)
    expect(reopened.get_by_label("The issue that most needs help now")).to_have_value(PRESSING)
    expect(reopened.locator("#local-restore")).to_contain_text("Restored text")
    expect(reopened.locator("#autosave")).to_contain_text("Draft saved", timeout=5_000)
    # Once its save has answered, the note no longer says it is saving.
    expect(reopened.locator("#local-restore")).to_contain_text("It is saved now.")
    expect(reopened.locator("#local-restore")).not_to_contain_text("saving it now")
    shot(reopened, "restored")

    # And the server now has both, so another device sees them too.
    other = new_context().new_page()
    other.goto(url)
    expect(other.get_by_label("The issue that most needs help now")).to_have_value(PRESSING)


def test_framing_warning_while_typing_and_submit_with_errors_kept(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(invite_url(live_server))
    pressing = page.get_by_label("The issue that most needs help now")
    pressing.fill("Operations never sends anything on time and their process is useless.")
    warning = page.locator("#warn-pressing_issue")
    expect(warning).to_contain_text("This may read as a complaint", timeout=5_000)
    shot(page, "framing-warning")
    pressing.fill(PRESSING)
    expect(warning).not_to_contain_text("complaint", timeout=5_000)

    page.get_by_label("What you and your team do").fill(WHAT_WE_DO)
    page.get_by_role("button", name="Submit agenda").click()
    expect(page.locator("#agenda-errors")).to_be_visible()
    ask = page.get_by_label("The ask: what help or decision you want from peers")
    expect(ask).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("What you and your team do")).to_have_value(WHAT_WE_DO)

    ask.fill("Could Operations share the contract checklist before signature?")
    page.get_by_label("Company goal it touches").first.select_option(index=1)
    page.get_by_label("What starts where, and how it travels").fill(
        "Contract data missing at signature means invoices are re-issued by hand each month."
    )
    page.get_by_role("checkbox", name="Operations").check()
    page.get_by_label("What it costs them").fill("About forty hours a month of rework.")
    page.get_by_label("Proposed next step").fill("Agree one required field set at signature.")
    page.get_by_label("Company goal it touches").nth(1).select_option("none")
    page.get_by_role("button", name="Submit agenda").click()
    expect(page.get_by_role("status").filter(has_text="Agenda submitted")).to_be_visible()
    shot(page, "submitted")


def test_a_reload_that_overtakes_its_own_save_restores_without_a_conflict(
    live_server: LiveServer, new_context: Callable[..., BrowserContext]
) -> None:
    """A save on its way when the page reloads can land after the server rendered the page.

    Seen in CI: the reloaded page, one version behind, restored its own text and was told it
    had been "changed elsewhere". The order is forced here: the old page's save is held, the
    page reloads, the held save reaches the server, then the restore's save goes on.
    """
    url = invite_url(live_server)
    context = new_context()
    page = context.new_page()
    page.goto(url)
    page.get_by_label("What you and your team do").fill(WHAT_WE_DO)
    status = page.locator("#autosave")
    expect(status).to_contain_text("Draft saved", timeout=5_000)

    held: list[Route] = []

    def hold(route: Route) -> None:  # the old page's save, then the restore's
        if len(held) < 2:
            held.append(route)
        else:
            route.continue_()

    page.route("**/me/agenda/draft", hold)
    page.get_by_label("The issue that most needs help now").fill(PRESSING)
    wait_until(page, lambda: len(held) == 1)
    in_flight = held[0].request
    headers = in_flight.all_headers()
    page.reload()
    expect(page.locator("#local-restore")).to_contain_text("Restored text")
    wait_until(page, lambda: len(held) == 2)
    # The page was rendered before the old save arrived; now it arrives.
    landed = context.request.post(
        in_flight.url,
        data=in_flight.post_data or "",
        headers={k: headers[k] for k in ("content-type", "x-csrf-token", "hx-request")},
    )
    assert landed.status == 200, landed.text()
    held[1].continue_()

    expect(status).to_contain_text("Draft saved", timeout=5_000)
    expect(status).not_to_contain_text("changed elsewhere")
    other = new_context().new_page()
    other.goto(url)
    expect(other.get_by_label("What you and your team do")).to_have_value(WHAT_WE_DO)
    expect(other.get_by_label("The issue that most needs help now")).to_have_value(PRESSING)


def test_another_devices_change_is_refused_then_merged_field_by_field(
    live_server: LiveServer, new_context: Callable[..., BrowserContext]
) -> None:
    """Two devices start from the same agenda and each types into a different field.

    The later save is refused (not written over the other), its text stays on screen, and a
    reload puts back only the field typed on that device: the other device's text survives.
    """
    url = invite_url(live_server)
    laptop = new_context().new_page()
    phone = new_context(phone=True).new_page()
    laptop.goto(url)
    phone.goto(url)
    laptop.get_by_label("What you and your team do").fill(WHAT_WE_DO)
    expect(laptop.locator("#autosave")).to_contain_text("Draft saved", timeout=5_000)

    pressing = phone.get_by_label("The issue that most needs help now")
    pressing.fill(PRESSING)
    expect(phone.locator("#autosave")).to_contain_text("changed elsewhere", timeout=5_000)
    expect(pressing).to_have_value(PRESSING)
    laptop.reload()
    expect(laptop.get_by_label("The issue that most needs help now")).to_have_value("")

    phone.reload()
    expect(phone.locator("#local-restore")).to_contain_text("Restored text")
    expect(phone.locator("#autosave")).to_contain_text("Draft saved", timeout=5_000)
    expect(phone.get_by_label("What you and your team do")).to_have_value(WHAT_WE_DO)
    expect(pressing).to_have_value(PRESSING)
    laptop.reload()
    expect(laptop.get_by_label("What you and your team do")).to_have_value(WHAT_WE_DO)
    expect(laptop.get_by_label("The issue that most needs help now")).to_have_value(PRESSING)


def wait_until(page: Page, done: Callable[[], bool], timeout_ms: int = 5_000) -> None:
    """Let the page's events (and route handlers) run until ``done()`` holds."""
    for _ in range(timeout_ms // 50):
        if done():
            return
        page.wait_for_timeout(50)
    raise AssertionError("timed out waiting")
