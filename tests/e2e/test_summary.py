"""The executive summary in a real browser, opened through the executive's link."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import overflows_horizontally, shot
from tests.e2e.server import LiveServer
from tests.support.summary_room import SummaryRoom, build_summary_room

pytestmark = pytest.mark.browser


@pytest.fixture
def room(live_server: LiveServer) -> SummaryRoom:
    with httpx.Client(base_url=live_server.base_url, timeout=10.0) as http:
        return build_summary_room(http)


def open_summary(page: Page, room: SummaryRoom, live_server: LiveServer) -> Page:
    page.goto(room.executive_url)
    expect(page).to_have_url(live_server.url(f"/s/{room.session_id}/summary"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Q1 leadership speed-dating")
    return page


def test_an_executive_reads_figures_map_and_action_items(
    page: Page, room: SummaryRoom, live_server: LiveServer
) -> None:
    open_summary(page, room, live_server)

    figures = page.get_by_role("region", name="Headline figures")
    expect(figures).to_contain_text("Items captured")
    expect(figures.locator("[data-figure=items_captured] [data-value]")).to_have_text("7")
    expect(figures.locator("[data-figure=pairs_met] [data-value]")).to_have_text("2")
    dependency_map = page.get_by_role("img", name="Dependency map: Q1 leadership speed-dating")
    expect(dependency_map).to_be_visible()
    expect(dependency_map.locator("g.edge")).to_have_count(6)
    page.get_by_text("The map as a table (6 department pairs)").click()
    fallback = page.get_by_role("table", name="Who pushes issues downstream onto whom")
    expect(fallback.locator("tbody tr").first).to_contain_text("Sales")
    actions = page.get_by_role("table", name="Action items")
    row = actions.get_by_role("row", name="Marcus Okafor")
    expect(row).to_contain_text("Add a required billing contact field to deals")
    expect(row).to_contain_text("Open")
    pressing = page.get_by_role("region", name="Most pressing issues")
    # The agendas' topic 2: the three agendas raise the same issue, so it ranks first.
    expect(pressing.locator("li").first).to_contain_text("a day a week to missing hand-over")
    expect(pressing.locator("li").first).to_contain_text("3 departments")
    shot(page, "summary")
    assert_accessible(page, "the executive summary")


def test_nothing_on_the_executive_summary_writes(
    page: Page, room: SummaryRoom, live_server: LiveServer
) -> None:
    open_summary(page, room, live_server)

    expect(page.locator("form")).to_have_count(0)
    expect(
        page.locator("[hx-post], [hx-put], [hx-patch], [hx-delete], [contenteditable]")
    ).to_have_count(0)
    expect(page.locator("button, input, select, textarea")).to_have_count(0)
    for link in page.locator("a[href]").all():
        href = link.get_attribute("href") or ""
        assert href.startswith(("/api/v1/sessions/", "#", "/")), href
        assert not any(place in href for place in ("/facilitate", "/console", "/me")), href
    # With the executive's cookie, writes are refused even when sent by hand.
    csrf = page.locator("meta[name=csrf-token]").get_attribute("content") or ""
    base = f"/api/v1/sessions/{room.session_id}"
    attempts = {
        f"{base}/board/items": {
            "id": "e2e-exec-capture-1",
            "from_team": "Sales",
            "to_teams": ["Finance"],
            "what_happens": "An executive tries to add an item to the board.",
            "impact": "low",
            "no_goal": True,
        },
        f"{base}/board/items/{room.items['invoices']}/vote": {"id": "e2e-exec-vote-1"},
        f"{base}/actions/{room.actions[0]}/status": {"id": "e2e-exec-status", "status": "done"},
        f"{base}/live/controls": {"id": "e2e-exec-pause", "kind": "pause"},
        f"{base}/links": {"role": "executive"},
    }
    for path, body in attempts.items():
        response = page.request.post(path, data=body, headers={"x-csrf-token": csrf})
        assert response.status in (401, 403, 405), (path, response.status, response.text())
    summary = page.request.post(f"/s/{room.session_id}/summary", headers={"x-csrf-token": csrf})
    assert summary.status == 405
    page.reload()
    expect(
        page.get_by_role("table", name="Action items").get_by_role("row", name="Marcus Okafor")
    ).to_contain_text("Open")


def test_downloads_work_with_the_page_cookie(
    page: Page, room: SummaryRoom, live_server: LiveServer
) -> None:
    open_summary(page, room, live_server)
    downloads = page.get_by_role("navigation", name="Download")

    with page.expect_download() as pdf:
        downloads.get_by_role("link", name="PDF").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as markdown:
        downloads.get_by_role("link", name="Markdown").click()
    path = markdown.value.path()
    assert "Add a required billing contact field to deals" in path.read_text(encoding="utf-8")


def test_the_summary_fits_a_phone_and_prints_without_the_chrome(
    phone: Page,
    room: SummaryRoom,
    live_server: LiveServer,
    new_context: Callable[..., BrowserContext],
) -> None:
    open_summary(phone, room, live_server)
    assert overflows_horizontally(phone) is None
    shot(phone, "phone")
    phone.emulate_media(media="print")
    expect(phone.locator(".site-header")).to_be_hidden()
    expect(phone.get_by_role("navigation", name="Download")).to_be_hidden()
    expect(
        phone.get_by_role("img", name="Dependency map: Q1 leadership speed-dating")
    ).to_be_visible()
    shot(phone, "print")
