"""A phone that loses the hotel Wi-Fi for 30 s catches up when it is back, without a reload.

Chromium's offline emulation (``context.set_offline``) cuts the phone off while the room goes
on: the facilitator starts and pauses the clock and a colleague captures an issue. Back online,
the phone's page (the same document: a reload would lose what its owner was typing) shows all
three. Both ways a real outage goes are played:

- the socket survives (the phone kept its address; TCP holds the frames): Chromium's emulation
  holds the open websocket's frames, and they arrive when the network is back;
- the socket dies (the phone moved to another access point): the browser talks to the server
  through a relay (:class:`~tests.e2e.cut_proxy.CutProxy`) that drops every connection as the
  network goes; the page says it is reconnecting, retries in vain for 30 s, then reconnects
  with ``since=<last event seen>`` and the server replays what it missed.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.e2e.cut_proxy import CutProxy
from tests.e2e.rooms import open_capture, open_view, planned_room, show_board
from tests.e2e.server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTAGE_SECONDS = 30


@pytest.fixture
def relay(live_server: LiveServer) -> Iterator[CutProxy]:
    with CutProxy(live_server.port) as proxy:
        yield proxy


@pytest.mark.parametrize("socket_dies", [False, True], ids=["socket-held", "socket-dropped"])
def test_after_30_s_offline_the_phone_shows_what_it_missed_without_a_reload(
    socket_dies: bool,
    live_server: LiveServer,
    relay: CutProxy,
    new_context: Callable[..., BrowserContext],
) -> None:
    room = planned_room(live_server)
    sid = room.session.id
    context = new_context(relay.base_url, phone=True)
    phone = open_view(context.new_page(), room.people[0].invite_url, f"/s/{sid}/live")
    navigations: list[str] = []
    phone.on("framenavigated", lambda frame: navigations.append(frame.url))
    # The capture form lives in its sheet (#18): half-type there, then close it, as a person would.
    draft = open_capture(phone).locator("textarea").first
    draft.fill("Half-typed while the Wi-Fi was gone")
    phone.keyboard.press("Escape")
    expect(phone.get_by_role("dialog", name="Capture an issue")).to_be_hidden()
    expect(phone.locator("[data-status-text]")).to_have_text("Not started")

    def control(kind: str) -> None:
        live_server.api(
            "POST",
            f"/api/v1/sessions/{sid}/live/controls",
            json={"id": uuid.uuid4().hex, "kind": kind},
            token=room.session.facilitator_token,
        ).raise_for_status()

    if socket_dies:
        assert relay.cut() >= 1  # the live websocket at least
        expect(phone.locator("[data-conn-text]")).to_have_text("reconnecting…")
    context.set_offline(True)
    went_offline = time.monotonic()
    control("start")
    captured = "Finance closes the month two days late, so Sales quotes on stale prices"
    live_server.api(
        "POST",
        f"/api/v1/sessions/{sid}/board/items",
        json={
            "id": uuid.uuid4().hex,
            "from_team": "Finance",
            "to_teams": ["Sales"],
            "what_happens": captured,
            "impact": "medium",
            "no_goal": True,
        },
        token=room.people[1].token,
    ).raise_for_status()
    control("pause")
    # Cut off for real: the phone sees none of it while offline.
    time.sleep(3)
    expect(phone.locator("[data-status-text]")).to_have_text("Not started")
    expect(phone.get_by_text(captured)).to_have_count(0)
    time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - went_offline)))
    expect(phone.locator("[data-status-text]")).to_have_text("Not started")
    if socket_dies:
        expect(phone.locator("[data-conn-text]")).to_have_text("reconnecting…")

    context.set_offline(False)
    back = time.monotonic()
    expect(phone.locator("[data-conn-text]")).to_have_text("live", timeout=15_000)
    expect(phone.locator("[data-status-text]")).to_have_text("Paused")
    expect(show_board(phone).get_by_text(captured)).to_be_visible()
    caught_up = time.monotonic() - back
    print(f"\ncaught up {caught_up:.1f} s after the network came back")  # shown with -s
    assert navigations == [], f"the page reloaded: {navigations}"
    expect(draft).to_have_value("Half-typed while the Wi-Fi was gone")
