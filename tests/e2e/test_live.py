"""The live views in real browsers: the console drives, the phone and the big screen follow."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import overflows_horizontally, shot
from tests.e2e.rooms import Room, open_view, planned_room
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser


def clock_of(room: Room, server: LiveServer) -> dict[str, object]:
    response = server.api(
        "GET", f"/api/v1/sessions/{room.session.id}/live", token=room.session.facilitator_token
    )
    response.raise_for_status()
    clock: dict[str, object] = response.json()["clock"]
    return clock


def test_console_start_and_pause_reach_the_phone_and_the_big_screen(
    live_server: LiveServer, page: Page, phone: Page, new_context: Callable[..., BrowserContext]
) -> None:
    room = planned_room(live_server)
    sid = room.session.id
    screen = new_context(live_server.base_url, viewport={"width": 1920, "height": 1080}).new_page()
    console = open_view(page, room.session.facilitator_url, f"/s/{sid}/console")
    mine = open_view(phone, room.people[0].invite_url, f"/s/{sid}/live")
    board = open_view(screen, room.session.executive_url, f"/s/{sid}/screen")

    for view in (console, mine, board):
        expect(view.locator("[data-status-text]")).to_have_text("Not started")
    expect(console.get_by_role("button", name="Pause")).to_be_disabled()
    # Before the start the phone already shows where to sit first, and with whom.
    expect(mine.locator(".my-round:visible h2")).to_contain_text(
        re.compile(r"Round 1 of 3 · Table \S+ · with ")
    )
    # The big screen before the start: the goals, the rules and the code to join, no tables yet.
    expect(board.locator("#live")).to_have_attribute("data-scene", "welcome")
    expect(board.locator(".screen-join .qr")).to_be_visible()
    for view, name in ((console, "console"), (mine, "participant"), (board, "screen")):
        assert_accessible(view, f"live {name} view")
    # The console sees who is connected: the phone's owner, itself, the executive's screen.
    first = room.people[0]
    expect(console.locator(f"[data-presence-of='participant:{first.id}']")).to_have_text(
        "connected"
    )
    expect(console.locator(f"[data-presence-of='participant:{room.people[1].id}']")).to_have_text(
        "not connected"
    )
    expect(console.locator("[data-presence-summary]")).to_have_text(
        "Connected now: 1 of 4 department heads · 1 facilitator screen · 1 executive"
    )

    console.get_by_role("button", name="Start").click()
    expect(console.locator("[data-outcome]")).to_have_text("Started.")
    for view in (console, mine, board):
        expect(view.locator("[data-status-text]")).to_have_text("Running")
        expect(view.locator("[data-segment-label]")).to_have_text("Welcome and rules")
    expect(mine.locator("[data-announce]")).to_contain_text("Welcome and rules")
    expect(board.locator("[data-countdown]")).not_to_have_text(
        board.locator("[data-countdown]").inner_text(), timeout=3000
    )  # it runs

    console.get_by_role("button", name="Pause").click()
    for view in (console, mine, board):
        expect(view.locator("[data-status-text]")).to_have_text("Paused")
    frozen = [view.locator("[data-countdown]").inner_text() for view in (console, mine, board)]
    time.sleep(1.5)
    assert [v.locator("[data-countdown]").inner_text() for v in (console, mine, board)] == frozen
    assert re.fullmatch(r"[45]:\d\d", frozen[0])  # the 5-minute welcome, barely begun
    assert clock_of(room, live_server)["status"] == "paused"
    assert overflows_horizontally(mine) is None
    shot(mine, "participant-paused")
    shot(board, "screen-paused")
    for view, name in ((console, "console"), (mine, "participant"), (board, "screen")):
        assert_accessible(view, f"live {name} view, paused")


def test_a_double_click_acts_once_and_a_refusal_is_shown(
    live_server: LiveServer, page: Page
) -> None:
    room = planned_room(live_server)
    console = open_view(page, room.session.facilitator_url, f"/s/{room.session.id}/console")
    console.get_by_role("button", name="Start").dblclick()
    expect(console.locator("[data-status-text]")).to_have_text("Running")
    expect(console.locator("[data-outcome]")).to_have_text("Started.")
    assert clock_of(room, live_server)["seq"] == 1
    expect(console.locator("[data-problem]")).to_have_text("")

    # A control the clock refuses says why, right by the buttons.
    console.get_by_role("button", name="Back one segment").click()
    controls = console.get_by_role("region", name="Controls")
    expect(controls.get_by_role("alert")).to_have_text(
        "This is the first segment; there is nothing to go back to."
    )
    expect(console.get_by_role("button", name="Back one segment")).to_be_enabled()

    # Ending asks first in a modal dialog: cancelling changes nothing and gives focus back to
    # the button; confirming ends the session.
    console.get_by_role("button", name="End session").click()
    dialog = console.get_by_role("dialog", name="Please confirm")
    expect(dialog).to_contain_text("End the session now?")
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(console.get_by_role("button", name="End session")).to_be_focused()
    expect(console.locator("[data-status-text]")).to_have_text("Running")
    assert clock_of(room, live_server)["status"] == "running"
    console.get_by_role("button", name="End session").click()
    dialog.get_by_role("button", name="End session").click()
    expect(console.locator("[data-status-text]")).to_have_text("Ended")
    expect(console.locator("[data-segment-label]")).to_have_text("Session ended")
    expect(console.get_by_role("button", name="Pause")).to_be_disabled()
    assert clock_of(room, live_server)["status"] == "ended"


def test_segments_advance_on_the_phone_at_the_deadline_without_any_event(
    live_server: LiveServer, page: Page, phone: Page
) -> None:
    room = planned_room(live_server)
    sid = room.session.id
    console = open_view(page, room.session.facilitator_url, f"/s/{sid}/console")
    mine = open_view(phone, room.people[0].invite_url, f"/s/{sid}/live")
    start = console.get_by_role("button", name="Start")
    start.press("Enter")  # by keyboard: the button goes unavailable but keeps the focus
    expect(mine.locator("[data-status-text]")).to_have_text("Running")
    expect(start).to_be_disabled()
    expect(start).to_be_focused()
    # Leave the welcome about two seconds; what follows happens on the client's own clock.
    shortened = live_server.api(
        "POST",
        f"/api/v1/sessions/{sid}/live/controls",
        json={"id": "shorten-welcome-01", "kind": "shorten", "seconds": 298},
        token=room.session.facilitator_token,
    )
    shortened.raise_for_status()
    expect(mine.locator("[data-segment-label]")).to_have_text(
        "Round 1 · Topic 1: What we do · Speaker A", timeout=8000
    )
    expect(mine.locator("[data-announce]")).to_contain_text("Round 1 · Topic 1")
    expect(mine.locator('.my-agendas:visible [data-topic="1"]')).to_have_class("current")
    expect(mine.locator("[data-speaker-text]")).to_have_text(
        re.compile(r"Your turn to speak\.|\w.* speaks now\.")
    )
    expect(mine.locator("[data-round-text]")).to_have_text("Round 1 of 3")
    expect(console.locator("[data-segment-label]")).to_have_text(
        "Round 1 · Topic 1: What we do · Speaker A"
    )
    shot(mine, "participant-topic-1")
    shot(console, "console-topic-1")
    assert_accessible(mine, "live participant view during a topic")


def test_the_indicator_is_honest_through_a_restart_and_a_replaced_link(
    start_server: Callable[..., LiveServer], new_context: Callable[..., BrowserContext]
) -> None:
    server = start_server()
    room = planned_room(server)
    sid = room.session.id
    mine = open_view(
        new_context(server.base_url, phone=True).new_page(),
        room.people[1].invite_url,
        f"/s/{sid}/live",
    )
    server.stop()
    expect(mine.locator("[data-conn-text]")).to_have_text("reconnecting…")
    server.start()
    expect(mine.locator("[data-conn-text]")).to_have_text("live", timeout=15_000)
    started = server.api(
        "POST",
        f"/api/v1/sessions/{sid}/live/controls",
        json={"id": "start-after-restart", "kind": "start"},
        token=room.session.facilitator_token,
    )
    started.raise_for_status()
    expect(mine.locator("[data-status-text]")).to_have_text("Running")

    # Issuing a new link revokes the one this phone holds: once disconnected, it must say so.
    server.api(
        "POST",
        f"/api/v1/sessions/{sid}/links",
        json={"role": "participant", "participant_id": room.people[1].id},
        token=room.session.facilitator_token,
    ).raise_for_status()
    server.restart()
    expect(mine.locator("[data-conn-text]")).to_have_text(
        "Your link no longer works", timeout=15_000
    )
    assert_accessible(mine, "live participant view with a revoked link")


# Where each visible block of the meeting tab sits: (selector, top, height) in CSS pixels.
LAYOUT = """() => Array.from(document.querySelectorAll(
  '#panel-meeting > *, #panel-meeting .live-clock > *, .live-bar, .capture-outcome'
)).filter(el => el.offsetParent !== null).map(el => {
  const box = el.getBoundingClientRect();
  const round = el.dataset.round ? '#' + el.dataset.round : '';
  const name = el.tagName.toLowerCase() + '.' + el.className + round;
  return [name, Math.round(box.top), Math.round(box.height)];
})"""


@pytest.mark.parametrize("moment", ["not started", "talking", "changeover"])
def test_the_phone_page_does_not_move_when_its_scripts_run(
    moment: str, live_server: LiveServer, new_context: Callable[..., BrowserContext]
) -> None:
    """Issue #24: the first paint (the server's HTML, no script yet) already shows the round,
    table, agenda and clock that static/live/ shows, so nothing shifts under a reader's thumb."""
    room = planned_room(live_server)
    sid = room.session.id
    kinds = ["start", "pause", "skip"] if moment != "not started" else []
    if moment == "changeover":
        kinds += ["skip"] * 6  # round 1's six topic turns (3 topics x 2 speakers)
    for kind in kinds:
        live_server.api(
            "POST",
            f"/api/v1/sessions/{sid}/live/controls",
            json={"id": f"{kind}-{len(kinds)}-{time.monotonic_ns()}", "kind": kind},
            token=room.session.facilitator_token,
        ).raise_for_status()
    phase = {"not started": "not_started", "talking": "topic", "changeover": "changeover"}[moment]
    person = room.people[0]

    bare = new_context(live_server.base_url, phone=True, java_script_enabled=False).new_page()
    bare.goto(person.invite_url)
    bare.goto(f"/s/{sid}/live")
    expect(bare.locator("#live")).to_have_attribute("data-phase", phase)
    before = bare.evaluate(LAYOUT)

    scripted = open_view(
        new_context(live_server.base_url, phone=True).new_page(),
        person.invite_url,
        f"/s/{sid}/live",
    )
    expect(scripted.locator("#live")).to_have_attribute("data-phase", phase)
    after = scripted.evaluate(LAYOUT)
    shot(scripted, f"phone-{phase}", full_page=False)
    assert after == before, f"with scripts: {after}\nserver HTML: {before}"
    assert any(".my-round#" in name for name, _top, _height in before)  # a round is on show
