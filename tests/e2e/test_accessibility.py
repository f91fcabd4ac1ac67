"""Every page for keyboard, screen-reader and phone users: axe-core, names, focus, reflow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.a11y import assert_accessible, form_controls
from tests.e2e.browser import overflows_horizontally, shot
from tests.e2e.conftest import Seeded

pytestmark = pytest.mark.browser


def open_home(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def open_create_form_with_errors(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    page.goto("/sessions/new")
    page.get_by_label("Title").fill("Q3")
    page.get_by_role("button", name="Create session").click()
    expect(page.get_by_role("alert")).to_contain_text("Please fix the 2 fields")


def open_facilitator(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    page.goto(seeded.session.facilitator_url)
    expect(page.get_by_role("heading", name="Participants (2)")).to_be_visible()


def open_facilitator_after_import(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    """The facilitator page showing an import report with a rejected row."""
    open_facilitator(page, seeded, tmp_path)
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(
        "name,email,department\n"
        "Mary Jackson,mary.jackson@engineering.example.com,Engineering\n"
        "No Email,,Finance\n",
        encoding="utf-8",
    )
    page.get_by_label("CSV file", exact=True).set_input_files(csv_file)
    # Keyboard, not a tap: on a phone an overflowing page is zoomed out and taps miss.
    page.get_by_role("button", name="Import", exact=True).press("Enter")
    expect(page.get_by_role("table", name="Rows not imported")).to_be_visible()


def open_participant(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    page.goto(seeded.people[1].invite_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Katherine Johnson")


def open_summary(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    page.goto(seeded.session.executive_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(seeded.session.title)


Opener = Callable[[Page, Seeded, Path], None]


@pytest.mark.parametrize(
    "open_page",
    [
        pytest.param(open_home, id="home"),
        pytest.param(
            open_create_form_with_errors,
            id="create-form-with-errors",
        ),
        pytest.param(open_facilitator, id="facilitator"),
        pytest.param(open_facilitator_after_import, id="facilitator-import-report"),
        pytest.param(open_participant, id="participant"),
        pytest.param(open_summary, id="summary"),
    ],
)
def test_page_has_no_serious_accessibility_violations(
    page: Page, seeded: Seeded, tmp_path: Path, open_page: Opener
) -> None:
    open_page(page, seeded, tmp_path)
    shot(page, "page")
    assert_accessible(page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    page: Page, seeded: Seeded
) -> None:
    page.goto(seeded.session.facilitator_url)
    skip = page.get_by_role("link", name="Skip to main content")

    page.keyboard.press("Tab")

    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    shot(page, "skip-link-focused")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")


def test_every_facilitator_page_control_has_an_accessible_name(page: Page, seeded: Seeded) -> None:
    page.goto(seeded.session.facilitator_url)
    expect(page.get_by_role("heading", name="Participants (2)")).to_be_visible()

    controls = form_controls(page)

    assert len(controls) >= 20, [str(c) for c in controls]
    unnamed = [str(c) for c in controls if not c.name]
    assert not unnamed, "controls a screen reader announces without a name:\n" + "\n".join(unnamed)
    buttons = [c.name for c in controls if c.role == "button" and c.tag == "button"]
    repeated = sorted({name for name in buttons if buttons.count(name) > 1})
    assert not repeated, f"buttons a screen reader cannot tell apart: {repeated}"


@pytest.mark.parametrize(
    "open_page",
    [
        pytest.param(open_home, id="home"),
        pytest.param(open_create_form_with_errors, id="create-form-with-errors"),
        pytest.param(
            open_facilitator,
            id="facilitator",
        ),
        pytest.param(
            open_facilitator_after_import,
            id="facilitator-import-report",
        ),
        pytest.param(open_participant, id="participant"),
        pytest.param(open_summary, id="summary"),
    ],
)
def test_page_fits_a_phone_without_sideways_scrolling(
    phone: Page, seeded: Seeded, tmp_path: Path, open_page: Opener
) -> None:
    open_page(phone, seeded, tmp_path)
    shot(phone, "phone")
    overflow = overflows_horizontally(phone)
    assert overflow is None, (
        f"the page is {overflow['scrollWidth']}px wide on a {overflow['device']}px phone, "
        "widened by:\n" + "\n".join(overflow["culprits"])
    )
