"""Moderation on screens: a held capture never shows on the big screen or another phone.

Dana types a complaint on her phone: it is held (only she and the facilitator see it), her phone
says why and offers the reframe form, the console lists it first with the reasons. Marcus's
phone and the big screen (opened with the facilitator's own link) never show it. Dana reframes
it from her phone and it appears everywhere. After End, phones say so and list their action
items. Every new view passes axe-core.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.rooms import open_view, planned_room, show_board
from tests.e2e.server import LiveServer
from tests.e2e.test_board import capture

pytestmark = pytest.mark.browser

RANT = "Sales keeps throwing garbage deals over the wall and never listens"
CALM = "Finance invoices reach Sales three days after close, so renewals slip"


def shoot(page: Page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("REHEARSAL_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"moderation-{name}.png"), scale="css")


def test_a_held_capture_stays_off_the_room_until_its_author_reframes_it(
    live_server: LiveServer,
    phone: Page,
    page: Page,
    new_context: Callable[..., BrowserContext],
    tmp_path: Path,
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    dana, marcus = room.people[0], room.people[1]
    sid = room.session.id
    other = new_context(live_server.base_url, viewport={"width": 390, "height": 844}).new_page()
    screen = new_context(live_server.base_url, viewport={"width": 1920, "height": 1080}).new_page()
    mine = open_view(phone, dana.invite_url, f"/s/{sid}/live")
    theirs = open_view(other, marcus.invite_url, f"/s/{sid}/live")
    show_board(theirs)
    big = open_view(screen, room.session.facilitator_url, f"/s/{sid}/screen")
    console = open_view(page, room.session.facilitator_url, f"/s/{sid}/console")

    capture(mine, RANT)
    expect(mine.locator("[data-captures] li")).to_contain_text("held")
    expect(mine.locator("[data-capture-outcome]")).to_contain_text("reframe on the Board tab")
    expect(mine.get_by_role("tab", name="Board")).to_contain_text("1 to reframe")
    show_board(mine)
    box = mine.locator("[data-reframe-box]")
    expect(box).to_be_visible()
    expect(box.locator("[data-reframe-reasons] li").first).to_be_visible()
    expect(box.locator("[data-reframe-suggestion]")).not_to_be_empty()
    expect(mine.locator(".board-list")).to_contain_text("Only you and the facilitator see this")

    held = console.locator(".board-list .board-item", has_text=RANT)
    expect(held).to_contain_text("Held: the room does not see it")
    expect(console.locator("[data-held-count]")).to_contain_text("1 item held for review")
    expect(held.get_by_role("button", name="Approve")).to_be_visible()
    # The console has it, so every socket has had the event: the room shows nothing.
    for view in (theirs, big):
        expect(view.locator(".board-list .board-item")).to_have_count(0)
        assert RANT not in view.content()
    box.scroll_into_view_if_needed()
    shoot(mine, "phone-held", tmp_path)
    held.scroll_into_view_if_needed()
    shoot(console, "console-queue", tmp_path)
    assert_accessible(mine, "phone with a held capture and its reframe form")
    assert_accessible(console, "console with the moderation queue")

    # Keyboard: the queue's buttons are reachable and open their forms with Enter.
    held.get_by_role("button", name="Send back…").focus()
    console.keyboard.press("Enter")
    note = held.get_by_label("Note for the author")
    expect(note).to_be_focused()
    console.keyboard.press("Escape")

    form = box.locator("form[data-form=reframe]")
    form.get_by_label("What you observed").fill(
        "Three deals last month reached Finance without signed terms"
    )
    form.get_by_label("The impact on your team").fill("We spent two days chasing contracts")
    form.get_by_label("Your ask").fill("Could Sales attach signed terms before handing over?")
    form.get_by_role("button", name="Send the reframed item").click()
    expect(box).to_be_hidden()
    for view in (theirs, big):
        item = view.locator(".board-list .board-item")
        expect(item).to_have_count(1)
        expect(item).to_contain_text("signed terms")
        assert RANT not in view.content()
    expect(console.locator("[data-held-count]")).to_contain_text("Nothing held")
    shoot(big, "screen-after-reframe", tmp_path)

    for kind in ("start", "end"):
        response = live_server.api(
            "POST", f"/api/v1/sessions/{sid}/live/controls",
            json={"id": uuid.uuid4().hex, "kind": kind}, token=room.session.facilitator_token,
        )  # fmt: skip
        assert response.status_code == 200, response.text
    closing = theirs.locator("[data-after-end]")
    expect(closing).to_be_visible()
    expect(closing).to_contain_text("Your action items")
    expect(theirs.locator("[data-capture-form]")).to_be_hidden()
    expect(theirs.get_by_role("button", name="We see this too")).to_have_count(0)
    closing.scroll_into_view_if_needed()
    shoot(theirs, "phone-after-end", tmp_path)
    assert_accessible(theirs, "phone after the end")
    theirs.reload()
    expect(theirs.locator("[data-after-end]")).to_be_visible()


def test_an_agenda_sent_back_with_a_note_reaches_its_author(
    live_server: LiveServer, page: Page, phone: Page, tmp_path: Path
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    dana, sid = room.people[0], room.session.id
    agenda = {
        "what_we_do": "We run the numbers for every team in the company.",
        "pressing_issue": "Month-end close takes nine days instead of five.",
        "pressing_ask": "Could we agree on a shared close calendar?",
        "pressing_no_goal": True,
        "butterfly_issue": "Engineering is lazy and always breaks everything, it's their fault.",
        "butterfly_targets": ["Engineering"],
        "butterfly_cost": "two days a month",
        "butterfly_next_step": "Agree on one handover checklist.",
        "butterfly_no_goal": True,
    }
    submitted = live_server.api(
        "POST", f"/api/v1/sessions/{sid}/agendas/{dana.id}/submit", json=agenda, token=dana.token
    )
    assert submitted.status_code == 200, submitted.text

    page.goto(room.session.facilitator_url)
    page.goto(f"/s/{sid}/facilitate/agendas/{dana.id}")
    note = "Please describe one recent handover instead of blaming Engineering."
    page.get_by_label(f"Note for {dana.name}").fill(note)
    page.get_by_role("button", name="Send back with this note").click()
    expect(page.get_by_role("status").filter(has_text="Sent back with your note")).to_be_visible()
    expect(page.locator(".revisions")).to_contain_text("sent back:")
    shoot(page, "agenda-sent-back", tmp_path)
    assert_accessible(page, "agenda review after sending it back")

    phone.goto(dana.invite_url)
    phone.goto(f"/s/{sid}/me")
    returned = phone.locator("[data-returned-note]")
    expect(returned).to_contain_text(note)
    shoot(phone, "agenda-returned-phone", tmp_path)
    assert_accessible(phone, "participant page with the facilitator's note")
