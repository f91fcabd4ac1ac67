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


def as_facilitator(page: Page, seeded: Seeded, path: str) -> None:
    page.goto(seeded.session.facilitator_url)
    page.goto(f"/s/{seeded.session.id}{path}")


def open_plan_before_any_plan(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    as_facilitator(page, seeded, "/facilitate/plan")
    expect(page.get_by_role("button", name="Generate plan")).to_be_visible()


def open_plan_cards_before_any_plan(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    as_facilitator(page, seeded, "/facilitate/plan/cards")
    expect(page.get_by_text("No plan yet.")).to_be_visible()


def open_agenda_review_not_started(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    as_facilitator(page, seeded, f"/facilitate/agendas/{seeded.people[0].id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Grace Hopper")


def open_console_without_a_plan(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    as_facilitator(page, seeded, "/console")
    expect(page.locator("[data-conn-text]")).to_have_text("live")


def open_live_view_without_a_plan(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    page.goto(seeded.people[0].invite_url)
    page.goto(f"/s/{seeded.session.id}/live")
    expect(page.locator("[data-conn-text]")).to_have_text("live")


def open_big_screen_without_a_plan(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    page.goto(seeded.session.executive_url)
    page.goto(f"/s/{seeded.session.id}/screen")
    expect(page.locator("[data-conn-text]")).to_have_text("live")


def open_no_action_items(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    page.goto(seeded.people[0].invite_url)
    page.goto(f"/s/{seeded.session.id}/me/actions")
    expect(page.get_by_text("You have no action items in this session.")).to_be_visible()


def open_no_action_items_facilitator(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    as_facilitator(page, seeded, "/facilitate/actions")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action items")


def open_series_not_started(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    as_facilitator(page, seeded, "/series")
    expect(page.get_by_role("heading", level=1)).to_have_text("Series")


def open_unauthorized_error_page(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    """A department head who opens the console gets the error page (no facilitator link)."""
    page.goto(seeded.people[0].invite_url)
    response = page.goto(f"/s/{seeded.session.id}/console")
    assert response is not None
    assert response.status == 401
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def open_mail_opt_out_with_a_bad_link(page: Page, seeded: Seeded, tmp_path: Path) -> None:
    """The page an e-mail's opt-out link opens, when the link was cut short."""
    response = page.goto("/mail/opt-out?address=grace%40example.com&token=cut-short")
    assert response is not None
    assert response.status == 400
    expect(page.get_by_role("heading", level=1)).to_be_visible()


Opener = Callable[[Page, Seeded, Path], None]

# Pages in the states a brand-new session shows; tests/e2e/test_rehearsal.py checks every page
# again as a whole session fills it (agendas, a plan, the live board, action items, the summary).
EMPTY_STATES = [
    pytest.param(open_plan_before_any_plan, id="plan-before-any-plan"),
    pytest.param(open_plan_cards_before_any_plan, id="plan-cards-before-any-plan"),
    pytest.param(open_agenda_review_not_started, id="agenda-review-not-started"),
    pytest.param(open_console_without_a_plan, id="console-without-a-plan"),
    pytest.param(open_live_view_without_a_plan, id="live-view-without-a-plan"),
    pytest.param(open_big_screen_without_a_plan, id="big-screen-without-a-plan"),
    pytest.param(open_no_action_items, id="no-action-items"),
    pytest.param(open_no_action_items_facilitator, id="no-action-items-facilitator"),
    pytest.param(open_series_not_started, id="series-not-started"),
    pytest.param(open_unauthorized_error_page, id="unauthorized-error-page"),
    pytest.param(open_mail_opt_out_with_a_bad_link, id="mail-opt-out-bad-link"),
]


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
        *EMPTY_STATES,
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
        *EMPTY_STATES,
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
