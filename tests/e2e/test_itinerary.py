"""On a phone, a department head opens their itinerary and prepares for a counterpart."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import overflows_horizontally, shot
from tests.e2e.conftest import Seeded
from tests.e2e.server import LiveServer

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


def test_during_the_round_the_phone_puts_the_meeting_first_then_a_follow_up_is_confirmed(
    phone: Page, page: Page, live_server: LiveServer, seeded: Seeded
) -> None:
    session, (grace, katherine) = seeded.session, seeded.people
    base = f"/api/v1/sessions/{session.id}"
    live_server.api(
        "POST", f"{base}/agendas/{katherine.id}/submit", json=AGENDA, token=katherine.token
    ).raise_for_status()
    live_server.api(
        "POST", f"{base}/plan", json={"rounds": 1}, token=session.facilitator_token
    ).raise_for_status()
    ask = "Could you tell us by noon which rush orders ship the same day?"
    live_server.api(
        "PUT",
        f"{base}/me/prep/{katherine.id}",
        json={"for_them": "Fewer night-shift surprises.", "my_ask": ask},
        token=grace.token,
    ).raise_for_status()

    phone.goto(grace.invite_url)
    phone.goto(f"/s/{session.id}/live")
    for control in ({"kind": "start"}, {"kind": "shorten", "seconds": 299}):
        live_server.api(
            "POST",
            f"{base}/live/controls",
            json={"id": f"itinerary-{control['kind']}", **control},
            token=session.facilitator_token,
        ).raise_for_status()
    expect(phone.locator("[data-segment-label]")).to_contain_text("Round 1 · Topic 1", timeout=8000)
    meeting = phone.locator(".meeting-first:visible")
    # On the first screen of a 390x844 phone, without scrolling:
    expect(phone.locator(".my-round:visible h2")).to_contain_text("Katherine Johnson, Operations")
    expect(phone.locator(".my-round:visible h2")).to_be_in_viewport()
    expect(phone.locator("[data-segment-label]")).to_be_in_viewport()
    expect(meeting.locator(".agenda-mini h3")).to_contain_text("Katherine Johnson")
    expect(meeting.get_by_text("Rush orders arrive without stock checks")).to_be_in_viewport()
    expect(meeting.get_by_text(ask)).to_be_in_viewport()
    expect(meeting.get_by_role("link", name="Capture an issue")).to_be_in_viewport()
    assert phone.evaluate("window.scrollY") == 0
    shot(phone, "meeting-first")

    # After the round: "what did you agree?", proposed as an action item.
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
