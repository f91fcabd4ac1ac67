"""Facilitating the capture board in real browsers: merge, action items, lock, reframing, votes."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.rooms import Room, open_capture, open_view, planned_room, show_board
from tests.e2e.server import Invitee, LiveServer

pytestmark = pytest.mark.browser

LATE = "Late invoices from Finance hold up every Sales deal closing at month end"
TWIN = "Sales deals cannot close at month end because Finance invoices arrive late"
ANGRY = "Sales NEVER tells us about discounts, they are useless and lazy!!!"


def capture(server: LiveServer, room: Room, who: Invitee, text: str, **fields: Any) -> str:
    """Capture through the API as ``who``; the new item's id."""
    body = {
        "id": uuid.uuid4().hex,
        "from_team": who.department,
        "to_teams": ["Sales" if who.department != "Sales" else "Finance"],
        "what_happens": text,
        "impact": "high",
        "no_goal": True,
        **fields,
    }
    response = server.api(
        "POST", f"/api/v1/sessions/{room.session.id}/board/items", json=body, token=who.token
    )
    assert response.status_code == 201, response.text
    return str(body["id"])


def vote(server: LiveServer, room: Room, who: Invitee, item_id: str) -> None:
    response = server.api(
        "POST",
        f"/api/v1/sessions/{room.session.id}/board/items/{item_id}/vote",
        json={"id": uuid.uuid4().hex},
        token=who.token,
    )
    assert response.status_code == 200, response.text


def row(page: Page, text: str) -> Locator:
    return page.locator(".board-list .board-item", has_text=text)


def test_the_facilitator_merges_makes_an_action_item_and_locks_the_board(
    live_server: LiveServer, page: Page, phone: Page
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    dana, marcus, priya = room.people
    sid = room.session.id
    keep = capture(live_server, room, dana, LATE)
    twin = capture(live_server, room, marcus, TWIN)
    vote(live_server, room, priya, twin)
    console = open_view(page, room.session.facilitator_url, f"/s/{sid}/console")
    mine = open_view(phone, dana.invite_url, f"/s/{sid}/live")
    show_board(mine)
    expect(console.locator(".board-list .board-item")).to_have_count(2)

    # Merge the duplicate into the original: its vote and its author's voice carry over.
    row(console, TWIN).get_by_role("button", name="Merge…").click()
    form = row(console, TWIN).locator("form[data-form=merge]")
    expect(form.get_by_label("Merge into")).to_be_focused()
    assert_accessible(console, "console with the merge form open")
    form.get_by_label("Merge into").select_option(keep)
    form.get_by_role("button", name="Merge", exact=True).click()
    expect(console.locator("[data-board-outcome]")).to_contain_text("Merged")
    for view in (console, mine):
        expect(view.locator(".board-list .board-item")).to_have_count(1)
        expect(row(view, LATE)).to_contain_text("2 votes")

    # An action item: field errors next to the fields, the input kept, then created.
    row(console, LATE).get_by_role("button", name="Action item…").click()
    action = row(console, LATE).locator("form[data-form=action]")
    action.get_by_label("What exactly will be done").fill("Send invoices within 2 days of close")
    action.get_by_role("button", name="Create the action item").click()
    expect(action.locator('[data-error-for="owner"]')).to_contain_text("Choose the participant")
    expect(action.get_by_label("Owner")).to_be_focused()
    action.get_by_label("Owner").select_option(label="Dana Lee (Finance)")
    action.get_by_label("Due date").fill("2020-01-31")
    action.get_by_role("button", name="Create the action item").click()
    expect(action.locator('[data-error-for="due"]')).to_contain_text("past")
    expect(action.get_by_label("What exactly will be done")).to_have_value(
        "Send invoices within 2 days of close"
    )
    due = (date.today() + timedelta(days=10)).isoformat()
    action.get_by_label("Due date").fill(due)
    action.get_by_role("button", name="Create the action item").click()
    expect(console.locator("[data-board-outcome]")).to_contain_text("Action item created")
    expect(action).to_have_count(0)
    text = f"Action: Send invoices within 2 days of close — Dana Lee (Finance), due {due}"
    expect(row(console, LATE)).to_contain_text(text)
    expect(row(mine, LATE)).to_contain_text("Send invoices within 2 days of close")

    # Lock: the author's own edit and remove buttons go away on her phone; unlock brings them back.
    own = row(mine, LATE).get_by_role("button", name=re.compile("^Edit"))
    expect(own).to_be_visible()
    console.get_by_role("button", name="Lock the board").click()
    console.get_by_role("dialog").get_by_role("button", name="Lock the board").click()
    expect(console.locator("[data-board-outcome]")).to_contain_text("Board locked")
    expect(mine.locator("[data-board-locked]")).to_be_visible()
    expect(own).to_have_count(0)
    console.get_by_role("button", name="Unlock the board").click()
    expect(mine.locator("[data-board-locked]")).to_be_hidden()
    expect(own).to_be_visible()


def test_edit_pin_and_remove_with_undo_from_the_console(
    live_server: LiveServer, page: Page, new_context: Callable[..., BrowserContext]
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    sid = room.session.id
    first = capture(live_server, room, room.people[0], LATE, impact="low")
    capture(live_server, room, room.people[1], TWIN, impact="critical")
    screen = new_context(live_server.base_url, viewport={"width": 1920, "height": 1080}).new_page()
    console = open_view(page, room.session.facilitator_url, f"/s/{sid}/console")
    board = open_view(screen, room.session.executive_url, f"/s/{sid}/screen")
    items = board.locator(".board-list .board-item")
    expect(items.first).to_contain_text(TWIN)  # critical leads low

    # Pin with the keyboard: the low-impact item jumps to the top on the big screen.
    pin = row(console, LATE).get_by_role("button", name="Pin")
    pin.focus()
    console.keyboard.press("Enter")
    expect(pin).to_have_attribute("aria-pressed", "true")
    expect(pin).to_be_focused()  # the list re-ordered under it; focus stayed
    expect(items.first).to_contain_text(LATE)
    expect(items.first).to_contain_text("Pinned")

    # Edit: a too-short text is refused next to its field, the input kept; then saved.
    row(console, LATE).get_by_role("button", name=re.compile("^Edit")).click()
    edit = console.locator(f'[data-item="{first}"] form[data-form=edit]')
    edit.get_by_label("What happens").fill("Too short")
    edit.get_by_role("button", name="Save changes").click()
    expect(edit.locator('[data-error-for="what_happens"]')).to_contain_text("10 characters")
    expect(edit.get_by_label("What happens")).to_have_value("Too short")
    edited = "Invoices reach Sales five days after month-end close"
    edit.get_by_label("What happens").fill(edited)
    edit.get_by_role("button", name="Save changes").click()
    expect(console.locator("[data-board-outcome]")).to_contain_text("Saved your changes")
    expect(items.first).to_contain_text(edited)

    # Remove, then undo.
    row(console, edited).get_by_role("button", name=re.compile("^Remove")).click()
    expect(console.locator("[data-board-outcome]")).to_contain_text("Removed")
    expect(items).to_have_count(1)
    undo = console.get_by_role("button", name=re.compile("^Undo the removal"))
    expect(undo).to_be_focused()
    undo.click()
    expect(console.locator("[data-board-outcome]")).to_contain_text("Restored")
    expect(items).to_have_count(2)
    expect(undo).to_be_hidden()


def test_a_flagged_author_reframes_on_their_phone_and_the_console_follows(
    live_server: LiveServer, page: Page, phone: Page
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    dana = room.people[0]
    sid = room.session.id
    # In the open mode nothing is held at capture; the facilitator flags it by hand.
    response = live_server.api(
        "POST", f"/api/v1/sessions/{sid}/board/moderation",
        json={"id": uuid.uuid4().hex, "mode": "open"}, token=room.session.facilitator_token,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    capture(live_server, room, dana, ANGRY)
    console = open_view(page, room.session.facilitator_url, f"/s/{sid}/console")
    mine = open_view(phone, dana.invite_url, f"/s/{sid}/live")
    show_board(mine)
    box = mine.locator("[data-reframe-box]")
    expect(box).to_be_hidden()

    flag = row(console, ANGRY).get_by_role("button", name="Needs reframing")
    flag.click()
    # Flagging holds it back from the room quietly: the console lists it in its queue.
    expect(row(console, ANGRY)).to_contain_text("Held: the room does not see it")
    expect(row(console, ANGRY).get_by_role("button", name="Approve")).to_be_visible()
    expect(row(console, ANGRY)).to_contain_text("Waiting for Dana Lee (Finance) to reframe it.")
    expect(console.locator("[data-reframe-waiting]")).to_contain_text("Dana Lee")

    expect(box).to_be_visible()
    expect(mine.locator("[data-board-outcome]")).to_contain_text("reads as a complaint")
    expect(box.locator("[data-reframe-reasons] li").first).to_be_visible()
    form = box.locator("form[data-form=reframe]")
    form.get_by_label("What you observed").fill("Sales never tells us about discounts")
    form.get_by_label("The impact on your team").fill("We redo invoices")
    form.get_by_label("Your ask").fill("Fix it")
    form.get_by_role("button", name="Send the reframed item").click()
    expect(form.locator('[data-error-for="observation"]')).to_contain_text("never")
    expect(form.locator('[data-error-for="ask"]')).not_to_be_empty()
    expect(form.get_by_label("The impact on your team")).to_have_value("We redo invoices")
    assert_accessible(mine, "reframe form with framing errors")
    expect(row(console, ANGRY)).to_contain_text("Held: the room does not see it")

    form.get_by_label("What you observed").fill(
        "Three discounts in March reached Finance after the invoices went out"
    )
    form.get_by_label("The impact on your team").fill("We reissued 14 invoices, two days of work")
    form.get_by_label("Your ask").fill("Could we agree to share discounts before the invoice run?")
    form.get_by_role("button", name="Send the reframed item").click()
    expect(mine.locator("[data-board-outcome]")).to_contain_text("no longer flagged")
    expect(box).to_be_hidden()
    reframed = row(console, "Three discounts in March")
    expect(reframed).to_contain_text("Could we agree to share discounts before the invoice run?")
    expect(reframed).not_to_contain_text("complaint")
    expect(reframed.get_by_role("button", name="Needs reframing")).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(console.locator("[data-reframe-waiting]")).to_be_hidden()


def test_we_see_this_too_votes_once_and_counts_update_everywhere(
    live_server: LiveServer, phone: Page, new_context: Callable[..., BrowserContext]
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    dana, marcus, _ = room.people
    sid = room.session.id
    capture(live_server, room, marcus, "Finance closes the books late, so Sales commissions slip")
    screen = new_context(live_server.base_url, viewport={"width": 1920, "height": 1080}).new_page()
    mine = open_view(phone, dana.invite_url, f"/s/{sid}/live")
    show_board(mine)
    board = open_view(screen, room.session.executive_url, f"/s/{sid}/screen")

    seen = mine.get_by_role("button", name=re.compile("^We see this too"))
    expect(seen).to_have_attribute("aria-pressed", "false")
    seen.click()
    expect(seen).to_have_attribute("aria-pressed", "true")
    expect(mine.locator("[data-board-outcome]")).to_contain_text("Vote added")
    expect(board.locator(".board-list .board-item")).to_contain_text("1 vote")
    seen.click()  # a second press takes it back
    expect(seen).to_have_attribute("aria-pressed", "false")
    expect(board.locator(".board-list .board-item")).to_contain_text("0 votes")

    # While typing a look-alike, the form offers to vote instead of capturing it twice.
    form = open_capture(mine)
    form.get_by_label("Sales").check()
    form.get_by_label("What happens").fill(
        "Sales commissions slip because Finance closes the books late"
    )
    instead = form.get_by_role("button", name=re.compile("^Vote instead"))
    instead.click()
    expect(form.locator(".similar-note")).to_contain_text("Vote added")
    expect(seen).to_have_attribute("aria-pressed", "true")
    expect(board.locator(".board-list .board-item")).to_contain_text("1 vote")
    assert_accessible(mine, "participant board with a pressed vote")


def test_an_author_edits_their_own_item_and_everyone_sees_it(
    live_server: LiveServer, phone: Page, new_context: Callable[..., BrowserContext]
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    dana, marcus, _ = room.people
    sid = room.session.id
    capture(live_server, room, dana, LATE)
    mine = open_view(phone, dana.invite_url, f"/s/{sid}/live")
    show_board(mine)
    theirs = open_view(
        new_context(live_server.base_url, phone=True).new_page(),
        marcus.invite_url,
        f"/s/{sid}/live",
    )
    show_board(theirs)
    expect(row(theirs, LATE).get_by_role("button", name=re.compile("^Edit"))).to_have_count(0)

    opener = row(mine, LATE).get_by_role("button", name=re.compile("^Edit"))
    opener.click()
    expect(opener).to_have_attribute("aria-expanded", "true")
    edit = row(mine, LATE).locator("form[data-form=edit]")
    expect(edit.get_by_label("From team")).to_have_value("Finance")
    edit.get_by_label("What happens").press("Escape")  # Escape closes the form, focus goes back
    expect(edit).to_have_count(0)
    expect(opener).to_be_focused()
    opener.click()
    edit.get_by_label("What happens").fill("Invoices reach Sales a week after the month closes")
    edit.get_by_label("Critical").check()
    edit.get_by_role("button", name="Save changes").click()
    expect(mine.locator("[data-board-outcome]")).to_contain_text("Saved your changes")
    changed = row(theirs, "Invoices reach Sales a week after the month closes")
    expect(changed).to_contain_text("Critical")
