"""Room-wide and destructive actions ask first in an accessible dialog, and the facilitator's
agenda tracker follows submissions without a reload (issue #15)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import shot
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser


def confirm_dialog(page: Page, text: str) -> None:
    dialog = page.get_by_role("dialog", name="Please confirm")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(text)
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_each_room_wide_action_asks_in_a_dialog_first(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    session = live_server.create_session()
    live_server.add_participant(session, "Grace Hopper", "grace@example.com", "Engineering")
    page = new_context(live_server.base_url, phone=phone).new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(session.facilitator_url)
    facilitator_link = page.get_by_role("textbox", name="Facilitator link", exact=True)
    old_link = facilitator_link.input_value()
    dialog = page.get_by_role("dialog", name="Please confirm")

    # Issue a new facilitator link: cancel keeps the link, confirm replaces it.
    issue = page.get_by_role("button", name="Issue a new facilitator link")
    issue.click()
    confirm_dialog(page, "The current facilitator link stops working at once")
    shot(page, "confirm-new-link")
    assert_accessible(page, "facilitator page with a confirmation open")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(issue).to_be_focused()
    expect(facilitator_link).to_have_value(old_link)
    issue.click()
    dialog.get_by_role("button", name="Issue a new facilitator link").click()
    expect(facilitator_link).not_to_have_value(old_link)

    # Revoke the executive link.
    page.get_by_role("button", name="Revoke executive link").click()
    confirm_dialog(page, "Revoke the executive link?")
    dialog.get_by_role("button", name="Revoke executive link").click()
    expect(page.get_by_role("button", name="Issue an executive link")).to_be_visible()

    # Remove a participant.
    page.get_by_role("button", name="Remove Grace Hopper").click()
    confirm_dialog(page, "Remove Grace Hopper from this session?")
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("heading", name="Participants (1)")).to_be_visible()

    # A deadline in the past closes every agenda: asked first, saved only when confirmed.
    agendas = page.locator("#agendas")
    agendas.get_by_label("Submission deadline (optional)").fill("2020-01-10T18:00")
    agendas.get_by_role("button", name="Save agenda settings").click()
    confirm_dialog(page, "This deadline is in the past")
    dialog.get_by_role("button", name="Cancel").click()
    page.reload()  # cancelled: nothing was saved
    deadline = agendas.get_by_label("Submission deadline (optional)")
    expect(deadline).to_have_value("")
    deadline.fill("2020-01-10T18:00")
    agendas.get_by_role("button", name="Save agenda settings").click()
    dialog.get_by_role("button", name="Close agendas now").click()
    expect(agendas.get_by_text("Agenda settings saved.")).to_be_visible()

    # Locking every agenda asks too.
    agendas.get_by_label("Editing").select_option("locked")
    agendas.get_by_role("button", name="Save agenda settings").click()
    confirm_dialog(page, "Lock every agenda now?")
    dialog.get_by_role("button", name="Lock agendas now").click()
    expect(agendas.get_by_text("Agenda settings saved.")).to_be_visible()
    expect(agendas.get_by_label("Editing")).to_have_value("locked")
    assert dialogs == [], f"window.confirm was used: {dialogs}"


def test_the_agenda_tracker_shows_a_submission_without_a_reload(
    live_server: LiveServer, page: Page, new_context: Callable[..., BrowserContext]
) -> None:
    session = live_server.create_session()
    live_server.add_participant(session, "Mary Jackson", "mary@example.com", "Operations")
    ada = live_server.add_participant(session, "Ada Lovelace", "ada@example.com", "Finance")
    page.goto(session.facilitator_url)
    counts = page.locator("#agenda-counts")
    expect(counts).to_contain_text("0 submitted")
    expect(counts).to_contain_text("2 not started")

    head = new_context(live_server.base_url, phone=True).new_page()
    head.goto(ada.invite_url)
    head.get_by_label("What you and your team do").fill(
        "We run billing and collections for every product line."
    )
    expect(head.locator("#autosave")).to_contain_text("Draft saved", timeout=8_000)
    # No reload on the facilitator's page: the tracker polls and swaps itself in.
    expect(counts).to_contain_text("1 in draft", timeout=10_000)
    expect(page.locator("#agendas tbody")).to_contain_text("draft")
    assert_accessible(page, "facilitator page after the tracker updated")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_participants_link_is_replaced_or_revoked_only_when_confirmed(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    session = live_server.create_session()
    live_server.add_participant(session, "Grace Hopper", "grace@example.com", "Engineering")
    page = new_context(live_server.base_url, phone=phone).new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(session.facilitator_url)
    box = page.get_by_role("textbox", name="invite link for Grace Hopper")
    old_link = box.input_value()
    dialog = page.get_by_role("dialog", name="Please confirm")

    # A new link: cancel keeps the old one; confirm replaces it.
    new_link = page.get_by_role("button", name="New link for Grace Hopper")
    new_link.click()
    confirm_dialog(page, "Issue a new link for Grace Hopper?")
    dialog.get_by_role("button", name="Cancel").click()
    expect(new_link).to_be_focused()
    expect(box).to_have_value(old_link)
    new_link.click()
    dialog.get_by_role("button", name="Issue a new link").click()
    expect(page.locator("#participants").get_by_text("New link issued")).to_be_visible()
    expect(box).not_to_have_value(old_link)
    old_token = old_link.rsplit("/l/", 1)[1]
    refused = live_server.api("GET", f"/api/v1/sessions/{session.id}", token=old_token)
    assert refused.status_code == 401

    # Revoke: cancel keeps the link; confirm revokes it.
    revoke = page.get_by_role("button", name="Revoke link of Grace Hopper")
    revoke.click()
    confirm_dialog(page, "Revoke Grace Hopper's link?")
    page.keyboard.press("Escape")
    expect(box).to_be_visible()
    revoke.click()
    dialog.get_by_role("button", name="Revoke link").click()
    expect(page.locator("#participants").get_by_text("Link revoked.")).to_be_visible()
    expect(box).to_have_count(0)
    assert dialogs == [], f"window.confirm was used: {dialogs}"
