"""The demo in Chromium: the executive link opens a rich summary of the played session, and the
series scorecard reads on a desktop and a phone (screenshots in artifacts/screenshots/)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, expect
from sqlmodel import Session

from app.services.demo.service import load_demo
from app.services.links.service import LinkKeys
from app.store.engine import make_engine
from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import overflows_horizontally, shot
from tests.e2e.server import LiveServer
from tests.e2e.test_summary_sizes import pdf_pages

pytestmark = pytest.mark.browser


def test_the_demo_shows_a_rich_summary_and_a_scorecard(
    live_server: LiveServer, new_context: Callable[..., BrowserContext]
) -> None:
    engine = make_engine(live_server.database_url)
    with Session(engine) as db:
        demo = load_demo(db, LinkKeys(live_server.secret_key, live_server.base_url))
    engine.dispose()
    desktop = new_context(live_server.base_url, viewport={"width": 1366, "height": 768}).new_page()

    desktop.goto(demo.played_executive)
    expect(desktop.locator("[data-figure=attendance]")).to_contain_text("12 of 14")
    expect(
        desktop.get_by_role("region", name="Biggest cross-team frictions").locator("li")
    ).to_have_count(3)
    expect(desktop.get_by_role("region", name="Action items agreed")).to_contain_text("Overdue")
    for name in ("Biggest cross-team frictions", "Action items agreed", "Since last session"):
        box = desktop.get_by_role("region", name=name).bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= 768, (name, box)  # above the fold
    shot(desktop, "demo-summary-desktop")
    readme = os.environ.get("README_SHOTS")  # scripts/screenshots: the README's pictures
    if readme:
        desktop.screenshot(path=Path(readme) / "summary.png")
    assert_accessible(desktop, "the demo summary")

    desktop.goto(demo.executive)  # the upcoming session: the scorecard of both sessions
    desktop.goto(desktop.url.replace("/summary", "/scorecard"))
    table = desktop.get_by_role("region", name="Scorecard by department")
    expect(table.locator("tbody tr").first).to_be_visible()
    expect(desktop.locator("[data-figure=follow_through]")).to_contain_text("25%")
    shot(desktop, "scorecard-desktop")
    if readme:
        desktop.screenshot(path=Path(readme) / "scorecard.png")
    assert_accessible(desktop, "the scorecard")

    phone = new_context(live_server.base_url, phone=True).new_page()
    phone.goto(demo.executive)
    phone.goto(phone.url.replace("/summary", "/scorecard"))
    expect(phone.locator("[data-figure=follow_through]")).to_be_visible()
    assert not overflows_horizontally(phone)
    shot(phone, "scorecard-phone")

    session_id = desktop.url.split("/")[4]
    token = demo.executive.rsplit("/l/", 1)[1]
    with httpx.Client(base_url=live_server.base_url) as http:
        pdf = http.get(
            f"/api/v1/sessions/{session_id}/scorecard.pdf",
            headers={"Authorization": f"Bearer {token}"},
        )
    assert pdf_pages(pdf.content, Path("artifacts/screenshots/pdf/scorecard"))
