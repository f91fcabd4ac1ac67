"""On a phone, a department head opens their itinerary and prepares for a counterpart."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import overflows_horizontally, shot
from tests.e2e.conftest import Seeded
from tests.e2e.rooms import open_view, planned_room
from tests.e2e.server import LiveServer
from tests.e2e.test_screen import skip_to

pytestmark = pytest.mark.browser

AGENDA = {
    "what_we_do": "We run the warehouses and every delivery to customers.",
    "pressing_issue": "Rush orders arrive without stock checks and miss their promised dates.",
    "pressing_ask": "Could Engineering add a stock check to the order form?",
    "butterfly_issue": "Unchecked rush orders push overtime onto the night shift every week.",
    "butterfly_targets": ["Engineering"],
    "butterfly_cost": "About 30 hours of overtime a week.",
    "butterfly_next_step": "Agree a stock check before any rush promise.",
    "pressing_no_goal": True,
    "butterfly_no_goal": True,
}
COMPLAINT = "Operations never tells us anything on time and their process is useless."


def test_itinerary_then_a_prep_card_whose_complaint_ask_is_flagged(
    phone: Page, live_server: LiveServer, seeded: Seeded
) -> None:
    session, (grace, katherine) = seeded.session, seeded.people
    submitted = live_server.api(
        "POST",
        f"/api/v1/sessions/{session.id}/agendas/{katherine.id}/submit",
        json=AGENDA,
        token=katherine.token,
    )
    assert submitted.status_code == 200, submitted.text
    plan = live_server.api(
        "POST",
        f"/api/v1/sessions/{session.id}/plan",
        json={"rounds": 1},
        token=session.facilitator_token,
    )
    assert plan.status_code == 201, plan.text

    phone.goto(grace.invite_url)
    phone.get_by_role("link", name="My itinerary and prep cards").click()
    expect(phone.get_by_role("heading", name="My itinerary")).to_be_visible()
    stop = phone.locator("#round-1")
    expect(stop).to_contain_text("Round 1 · 09:05")
    expect(stop).to_contain_text("Katherine Johnson")
    expect(stop).to_contain_text("Operations")
    expect(stop).to_contain_text("Rush orders arrive without stock checks")
    assert overflows_horizontally(phone) is None
    assert_accessible(phone, "itinerary")
    shot(phone, "itinerary")

    phone.get_by_role("link", name="Prepare for Katherine Johnson").click()
    expect(phone.get_by_text("Their most pressing issue: Rush orders")).to_be_visible()
    expect(phone.get_by_text("They push an issue onto Engineering")).to_be_visible()
    phone.get_by_label("What's in it for them").fill(
        "A stock check at order time means fewer rush surprises for the night shift."
    )
    phone.get_by_label("What I will ask").fill(COMPLAINT)
    phone.get_by_role("button", name="Save prep card").click()
    expect(phone.get_by_role("status").first).to_contain_text("Prep card saved")
    warning = phone.locator("#warn-my_ask")
    expect(warning).to_contain_text("This may read as a complaint")
    expect(phone.get_by_label("What I will ask")).to_have_value(COMPLAINT)
    assert overflows_horizontally(phone) is None
    assert_accessible(phone, "prep card")
    shot(phone, "prep-card-flagged")

    phone.get_by_label("What I will ask").fill(
        "Could you tell us by noon which rush orders you can ship the same day?"
    )
    phone.get_by_role("button", name="Save prep card").click()
    expect(phone.locator("#warn-my_ask")).not_to_contain_text("complaint")

    phone.get_by_role("link", name="Back to my itinerary").click()
    expect(phone.locator("#round-1")).to_contain_text("Prepared")
    phone.emulate_media(media="print")  # the printed itinerary leaves out buttons and header
    expect(phone.get_by_role("link", name="Edit my prep card")).to_be_hidden()
    expect(phone.locator("#round-1")).to_contain_text("Katherine Johnson")


def within_first_screen(page: Page, locator: Locator, what: str) -> None:
    """``locator`` is visible and wholly inside the viewport without scrolling."""
    viewport = page.viewport_size
    assert viewport is not None
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None, what
    top, bottom = box["y"], box["y"] + box["height"]
    assert top >= 0, f"{what} starts above the screen at {top:.0f} px"
    assert bottom <= viewport["height"], f"{what} spans {top:.0f}-{bottom:.0f} px: below the fold"
    assert box["x"] >= 0, what
    assert box["x"] + box["width"] <= viewport["width"], what


def control(live_server: LiveServer, session_id: str, token: str, **body: object) -> None:
    live_server.api(
        "POST",
        f"/api/v1/sessions/{session_id}/live/controls",
        json={"id": f"itinerary-{body['kind']}", **body},
        token=token,
    ).raise_for_status()


def test_the_whole_prepared_meeting_on_a_phone_from_itinerary_to_an_accepted_follow_up(
    phone: Page,
    page: Page,
    live_server: LiveServer,
    seeded: Seeded,
    new_context: Callable[..., BrowserContext],
) -> None:
    session, (grace, katherine) = seeded.session, seeded.people
    base = f"/api/v1/sessions/{session.id}"
    live_server.api(
        "POST", f"{base}/agendas/{katherine.id}/submit", json=AGENDA, token=katherine.token
    ).raise_for_status()
    live_server.api(
        "POST", f"{base}/plan", json={"rounds": 1}, token=session.facilitator_token
    ).raise_for_status()

    # Before the session: the itinerary, then a prep card whose complaint-style ask is flagged.
    phone.goto(grace.invite_url)
    phone.get_by_role("link", name="My itinerary and prep cards").click()
    expect(phone.locator("#round-1")).to_contain_text("Katherine Johnson")
    phone.get_by_role("link", name="Prepare for Katherine Johnson").click()
    phone.get_by_label("What's in it for them").fill("Fewer night-shift surprises.")
    phone.get_by_label("What I will ask").fill(COMPLAINT)
    phone.get_by_role("button", name="Save prep card").click()
    expect(phone.locator("#warn-my_ask")).to_contain_text("This may read as a complaint")
    ask = "Could you tell us by noon which rush orders ship the same day?"
    phone.get_by_label("What I will ask").fill(ask)
    phone.get_by_role("button", name="Save prep card").click()
    expect(phone.locator("#warn-my_ask")).not_to_contain_text("complaint")

    # Before the start, and during the welcome: where to go and with whom comes first.
    phone.goto(f"/s/{session.id}/live")
    expect(phone.locator("[data-conn-text]")).to_have_text("live")
    move = phone.locator(".my-round:visible [data-move]")
    expect(move).to_have_text("Next: go to Table 1, with Katherine Johnson")
    within_first_screen(phone, move, "where to go next")
    control(live_server, session.id, session.facilitator_token, kind="start")
    expect(phone.locator("[data-segment-label]")).to_have_text("Welcome and rules")
    within_first_screen(phone, move, "where to go next, during the welcome")
    shot(phone, "phone-before-the-round")

    # During the round: the meeting on the first screen of a 390x844 phone, nothing scrolled.
    control(live_server, session.id, session.facilitator_token, kind="shorten", seconds=299)
    expect(phone.locator("[data-segment-label]")).to_contain_text("Round 1 · Topic 1", timeout=8000)
    expect(move).to_be_hidden()
    meeting = phone.locator(".meeting-first:visible")
    who = phone.locator(".my-round:visible h2")
    expect(who).to_contain_text("Table 1 · with Katherine Johnson, Operations")
    shot(phone, "phone-meeting-first", full_page=False)
    for locator, what in (
        (who, "name, department and table"),
        (phone.locator(".my-round:visible .my-order"), "who speaks first"),
        (phone.locator("[data-countdown]"), "the clock"),
        (phone.locator("[data-segment-label]"), "the current topic"),
        (meeting.locator(".agenda-mini h3"), "their agenda card"),
        (meeting.locator(".agenda-mini [data-topic='2']"), "their pressing issue"),
        (meeting.get_by_text(ask), "my prep card's ask"),
        (phone.get_by_role("button", name="Capture an issue"), "the capture button"),
        (phone.get_by_role("tab", name="Board"), "the board tab"),
    ):
        within_first_screen(phone, locator, what)
    expect(phone.locator(".my-round:visible .my-order")).to_contain_text("You speak first")
    expect(meeting.locator(".agenda-mini [data-topic='1']")).to_have_class(re.compile("current"))
    assert phone.evaluate("window.scrollY") == 0
    expect(phone.locator(".board-panel")).to_be_hidden()  # the board is its own tab
    assert overflows_horizontally(phone) is None
    assert_accessible(phone, "phone during a round")

    # Capture: one tap opens a sheet over the meeting; Escape closes it and gives focus back.
    opener = phone.get_by_role("button", name="Capture an issue")
    opener.click()
    sheet = phone.get_by_role("dialog", name="Capture an issue")
    expect(sheet).to_be_visible()
    expect(sheet.get_by_label("From team")).to_be_focused()
    phone.keyboard.press("Escape")
    expect(sheet).to_be_hidden()
    expect(opener).to_be_focused()
    opener.press("Enter")  # the keyboard opens it as well
    expect(sheet).to_be_visible()
    sheet.get_by_label("Operations").check()
    sheet.get_by_label("What happens").fill(
        "Rush orders from Engineering demos reach Operations with no stock check"
    )
    sheet.get_by_label("High").check()
    sheet.get_by_label("Company goal it touches").select_option(label="No goal fits")
    assert_accessible(phone, "phone capture sheet")
    shot(phone, "phone-capture-sheet", full_page=False)
    sheet.get_by_role("button", name="Add to the board").click()
    expect(sheet).to_be_hidden()
    expect(phone.locator("[data-capture-outcome]")).to_contain_text("Added to the board")
    expect(opener).to_be_focused()
    within_first_screen(phone, who, "the meeting, after capturing")

    # The board tab, by keyboard: the item is there; Home goes back to the meeting.
    meeting_tab = phone.get_by_role("tab", name="Meeting")
    board_tab = phone.get_by_role("tab", name="Board")
    expect(meeting_tab).to_have_attribute("aria-selected", "true")
    meeting_tab.focus()
    phone.keyboard.press("ArrowRight")
    expect(board_tab).to_be_focused()
    expect(board_tab).to_have_attribute("aria-selected", "true")
    board = phone.get_by_role("tabpanel", name="Board")
    expect(board.locator(".board-list .board-item", has_text="no stock check")).to_be_visible()
    expect(meeting).to_be_hidden()
    assert_accessible(phone, "phone board tab")
    shot(phone, "phone-board-tab")
    phone.keyboard.press("Home")
    expect(meeting_tab).to_have_attribute("aria-selected", "true")
    expect(meeting).to_be_visible()

    # The same page on a laptop: the agenda and the prep card side by side, nothing clipped.
    laptop = new_context(live_server.base_url, viewport={"width": 1366, "height": 768}).new_page()
    laptop.goto(grace.invite_url)
    laptop.goto(f"/s/{session.id}/live")
    expect(laptop.locator("[data-segment-label]")).to_contain_text("Round 1 · Topic 1")
    card = laptop.locator(".meeting-first:visible .agenda-mini").bounding_box()
    prep = laptop.locator(".meeting-first:visible .my-prep").bounding_box()
    assert card is not None
    assert prep is not None
    assert prep["x"] > card["x"] + card["width"] - 1  # beside, not under
    assert overflows_horizontally(laptop) is None
    assert_accessible(laptop, "laptop during a round")
    shot(laptop, "laptop-meeting-first")

    # After the round: "what did you agree?", proposed as an action item.
    control(live_server, session.id, session.facilitator_token, kind="skip_round")
    phone.goto(f"/s/{session.id}/me/itinerary")
    phone.get_by_text("After the meeting: what did you agree?").click()
    phone.get_by_label("What did you agree with Katherine Johnson?").fill(
        "Katherine sends the same-day list by noon"
    )
    phone.get_by_label("Who does it (optional)").select_option(label="Katherine Johnson")
    phone.get_by_label("Propose as an action item (the facilitator confirms)").check()
    phone.get_by_role("button", name="Save follow-up with Katherine Johnson").click()
    expect(phone.get_by_text("Agreed: Katherine sends the same-day list by noon")).to_be_visible()
    assert_accessible(phone, "itinerary with a follow-up")

    page.goto(session.facilitator_url)
    page.goto(f"/s/{session.id}/facilitate/follow-ups")
    expect(page.locator("#prep-coverage")).to_contain_text("1 of 2")
    assert_accessible(page, "prep and follow-ups")
    page.get_by_role("button", name="Make it an action item").click()
    expect(page.get_by_role("status").first).to_contain_text("now an action item")
    page.goto(f"/s/{session.id}/facilitate/actions")
    expect(page.get_by_text("Katherine sends the same-day list by noon").first).to_be_visible()


def test_at_the_changeover_the_phone_says_first_where_to_go_next_and_with_whom(
    phone: Page, live_server: LiveServer
) -> None:
    room = planned_room(live_server, people=4, rounds=2)
    sid = room.session.id
    me = room.people[0]
    mine = open_view(phone, me.invite_url, f"/s/{sid}/live")
    control(live_server, sid, room.session.facilitator_token, kind="start")
    skip_to(live_server, room, "changeover")
    expect(phone.locator("[data-round-text]")).to_have_text("Coming up: round 2 of 2")
    move = phone.locator(".my-round:visible [data-move]")
    expect(move).to_have_text(re.compile(r"^Next: go to Table \S+, with \w"))
    within_first_screen(mine, move, "where to go next")
    within_first_screen(mine, mine.locator(".my-round:visible h2"), "round 2's table and people")
    expect(mine.locator(".my-round:visible h2")).to_contain_text("Round 2 of 2 · ")
    first = mine.locator(".my-round:visible > *").first
    expect(first).to_have_attribute("data-move", "")  # nothing comes before it in the round block
    # The meeting just over: a nudge to note what was agreed, on the itinerary.
    nudge = mine.locator(".my-round:visible .my-followup a")
    expect(nudge).to_have_text(
        re.compile(r"^What did you agree with \w.*\? Note it in 20 seconds$")
    )
    assert overflows_horizontally(mine) is None
    assert_accessible(mine, "phone at the changeover")
    shot(mine, "phone-changeover")
