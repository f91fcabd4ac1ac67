"""A facilitator in the browser: create a session, then add and import department heads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser import shot
from tests.e2e.server import LiveServer, token_of

pytestmark = pytest.mark.browser


def field_around(control: Locator) -> Locator:
    """The field block (label, hint, error, control) that holds ``control``."""
    return control.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' field ')][1]")


def mark_page(page: Page) -> None:
    """Leave a marker in the window; a full page load would wipe it."""
    page.evaluate("() => { window.__roundtableMarker = true; }")


def still_same_page(page: Page) -> bool:
    return bool(page.evaluate("() => window.__roundtableMarker === true"))


def test_create_session_keeps_input_on_error_and_lands_on_a_token_free_facilitator_page(
    page: Page, live_server: LiveServer
) -> None:
    page.goto("/sessions/new")
    expect(page.get_by_role("heading", name="Create a session")).to_be_visible()
    title = page.get_by_label("Title")
    goals = page.get_by_label("Company goals for the year")
    title.fill("Q3 leadership speed-dating")
    goals.fill("")
    shot(page, "filled-without-goals")

    page.get_by_role("button", name="Create session").click()

    expect(page.get_by_role("alert")).to_contain_text("Please fix the 1 field marked below")
    goals_error = field_around(goals).locator(".error")
    expect(goals_error).to_be_visible()
    expect(goals_error).not_to_be_empty()
    expect(goals).to_have_accessible_description(re.compile(r"^Error: \S"))
    expect(goals).to_have_attribute("aria-invalid", "true")
    expect(field_around(title).locator(".error")).to_have_count(0)
    expect(title).to_have_value("Q3 leadership speed-dating")
    shot(page, "goals-error")

    goals.fill("Grow recurring revenue by 20%\nCut customer onboarding time in half")
    page.get_by_role("button", name="Create session").click()

    expect(page).to_have_url(re.compile(r"/s/[^/]+/facilitate\?created=1$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Q3 leadership speed-dating")
    expect(page.get_by_text("Session created.")).to_be_visible()
    facilitator_link = page.get_by_role("textbox", name="Facilitator link", exact=True)
    executive_link = page.get_by_role("textbox", name="Executive (read only) link", exact=True)
    expect(facilitator_link).to_have_value(re.compile(rf"^{re.escape(live_server.base_url)}/l/"))
    expect(executive_link).to_have_value(re.compile(rf"^{re.escape(live_server.base_url)}/l/"))
    assert "/l/" not in page.url
    assert token_of(facilitator_link.input_value()) not in page.url
    expect(page.get_by_label("Goal 2")).to_have_value("Cut customer onboarding time in half")
    shot(page, "facilitator-page")


def test_adding_a_participant_updates_the_table_in_place_and_duplicate_email_is_refused(
    page: Page, live_server: LiveServer
) -> None:
    session = live_server.create_session()
    page.goto(session.facilitator_url)
    expect(page.get_by_role("heading", name="Participants (0)")).to_be_visible()
    mark_page(page)
    form = page.get_by_role("form", name="Add a department head")

    form.get_by_label("Name").fill("Ada Lovelace")
    form.get_by_label("Email").fill("ada@example.com")
    form.get_by_label("Department or team").fill("Engineering")
    form.get_by_label("Job title").fill("Head of Engineering")
    form.get_by_role("button", name="Add participant").click()

    # The notice beside the table (the screen reader's copy in #rt-announce says the same).
    added = page.get_by_role("status").filter(has_text="Ada Lovelace added, with a personal invite")
    expect(added).to_have_text("Ada Lovelace added, with a personal invite link.")
    expect(added).to_be_visible()
    expect(page.get_by_role("heading", name="Participants (1)")).to_be_visible()
    table = page.get_by_role("region", name="Participants")
    expect(table.get_by_role("rowheader", name="Ada Lovelace")).to_be_visible()
    invite = table.get_by_role("textbox", name="invite link for Ada Lovelace", exact=True)
    expect(invite).to_have_value(re.compile(rf"^{re.escape(live_server.base_url)}/l/\S+$"))
    expect(form.get_by_label("Name")).to_have_value("")
    assert still_same_page(page), "adding a participant reloaded the whole page"
    shot(page, "participant-added")

    form.get_by_label("Name").fill("Ada Again")
    form.get_by_label("Email").fill("ada@example.com")
    form.get_by_label("Department or team").fill("Research")
    form.get_by_role("button", name="Add participant").click()

    email = form.get_by_label("Email")
    expect(field_around(email).locator(".error")).to_contain_text(
        "ada@example.com is already in this session"
    )
    expect(email).to_have_accessible_description(re.compile("already in this session"))
    expect(form.get_by_label("Name")).to_have_value("Ada Again")
    expect(form.get_by_label("Department or team")).to_have_value("Research")
    expect(page.get_by_role("heading", name="Participants (1)")).to_be_visible()
    expect(table.get_by_role("rowheader")).to_have_count(1)
    assert still_same_page(page), "a refused participant reloaded the whole page"
    shot(page, "duplicate-email")


def test_csv_import_adds_good_rows_and_reports_the_bad_one_with_its_line(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    session = live_server.create_session()
    csv_file = tmp_path / "department-heads.csv"
    csv_file.write_text(
        "name,email,department,title\n"
        "Carol Chen,carol@example.com,Finance,CFO\n"
        "Bob Broken,not-an-email,Sales,Head of Sales\n"
        "Dan Diaz,dan@example.com,Operations,\n",
        encoding="utf-8",
    )
    page.goto(session.facilitator_url)
    mark_page(page)

    page.get_by_label("CSV file", exact=True).set_input_files(csv_file)
    page.get_by_role("button", name="Import", exact=True).click()

    report = page.get_by_role("status").filter(has_text="added")
    expect(report).to_contain_text("2 added, 1 rejected.")
    rejected = page.get_by_role("table", name="Rows not imported")
    rows = rejected.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td").nth(0)).to_have_text("3")
    expect(rows.first.locator("td").nth(1)).to_contain_text("Bob Broken")
    expect(rows.first.locator("td").nth(2)).to_contain_text(re.compile(r"email: .*@"))
    people = page.get_by_role("region", name="Participants")
    expect(people.get_by_role("rowheader")).to_have_text(["Carol Chen", "Dan Diaz"])
    expect(people.get_by_role("textbox", name="invite link for Dan Diaz")).to_have_value(
        re.compile(r"/l/\S+$")
    )
    assert still_same_page(page), "the import reloaded the whole page"
    shot(page, "import-report")


def test_a_refused_participant_moves_keyboard_focus_to_the_summary_that_leads_to_the_field(
    page: Page, live_server: LiveServer
) -> None:
    session = live_server.create_session()
    live_server.add_participant(session, "Ada Lovelace", "ada@example.com", "Engineering")
    page.goto(session.facilitator_url)
    form = page.get_by_role("form", name="Add a department head")
    form.get_by_label("Name").fill("Ada Again")
    form.get_by_label("Email").fill("ada@example.com")
    form.get_by_label("Department or team").fill("Research")

    form.get_by_role("button", name="Add participant").press("Enter")

    email = form.get_by_label("Email")
    expect(email).to_have_attribute("aria-invalid", "true")
    summary = page.locator("#participants [data-error-summary]")
    expect(summary).to_be_focused(timeout=2_000)
    # From the summary, Tab reaches its link and Enter lands on the field.
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link")).to_be_focused()
    page.keyboard.press("Enter")
    expect(email).to_be_focused()


def test_department_field_suggests_the_departments_already_taking_part(
    page: Page, live_server: LiveServer
) -> None:
    session = live_server.create_session()
    live_server.add_participant(session, "Ada Lovelace", "ada@example.com", "Engineering")
    live_server.add_participant(session, "Mary Jackson", "mary@example.com", "Operations")
    page.goto(session.facilitator_url)
    department = page.get_by_role("form", name="Add a department head").get_by_label(
        "Department or team"
    )

    offered = department.evaluate("el => el.list ? [...el.list.options].map(o => o.value) : null")

    assert offered == ["Engineering", "Operations"]


def test_head_count_under_the_title_follows_an_added_participant(
    page: Page, live_server: LiveServer
) -> None:
    session = live_server.create_session()
    page.goto(session.facilitator_url)
    lead = page.locator("main > p.lead")
    expect(lead).to_contain_text("0 department heads from 0 departments")
    form = page.get_by_role("form", name="Add a department head")
    form.get_by_label("Name").fill("Ada Lovelace")
    form.get_by_label("Email").fill("ada@example.com")
    form.get_by_label("Department or team").fill("Engineering")

    form.get_by_role("button", name="Add participant").click()

    expect(page.get_by_role("heading", name="Participants (1)")).to_be_visible()
    expect(lead).to_contain_text("1 department head from 1 department", timeout=2_000)
