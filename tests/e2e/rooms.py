"""A planned session with people on a live server, and opening a live view as one of them."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from tests.e2e.server import CreatedSession, Invitee, LiveServer

PEOPLE = (
    ("Dana Lee", "Finance"),
    ("Marcus Okafor", "Sales"),
    ("Priya Raman", "Product"),
    ("Tom Becker", "Engineering"),
)


@dataclass(frozen=True)
class Room:
    session: CreatedSession
    people: list[Invitee]


def planned_room(server: LiveServer, *, people: int = 4, rounds: int = 3) -> Room:
    """A session with the first ``people`` of ``PEOPLE``, each invited, and a plan."""
    session = server.create_session()
    invitees = [
        server.add_participant(session, name, name.lower().replace(" ", ".") + "@example.com", dept)
        for name, dept in PEOPLE[:people]
    ]
    plan = server.api(
        "POST",
        f"/api/v1/sessions/{session.id}/plan",
        json={"rounds": rounds},
        token=session.facilitator_token,
    )
    plan.raise_for_status()
    return Room(session, invitees)


def open_view(page: Page, link: str, path: str) -> Page:
    """Swap the link for its cookie, then open the live view; wait until it is connected."""
    page.goto(link)
    page.goto(path)
    expect(page.locator("[data-conn-text]")).to_have_text("live")
    return page


def open_capture(page: Page) -> Locator:
    """On the live participant page, tap "Capture an issue"; the form in the sheet it opens."""
    sheet = page.get_by_role("dialog", name="Capture an issue")
    if not sheet.is_visible():
        page.get_by_role("button", name="Capture an issue").click()
    expect(sheet).to_be_visible()
    return page.locator("[data-capture-form]")  # found whether the sheet is open or not


def show_board(page: Page) -> Locator:
    """On the live participant page, switch to the Board tab; its panel."""
    page.get_by_role("tab", name="Board").click()
    panel = page.get_by_role("tabpanel", name="Board")
    expect(panel).to_be_visible()
    return panel


def show_meeting(page: Page) -> Locator:
    """On the live participant page, switch back to the Meeting tab; its panel."""
    page.get_by_role("tab", name="Meeting").click()
    panel = page.get_by_role("tabpanel", name="Meeting")
    expect(panel).to_be_visible()
    return panel
