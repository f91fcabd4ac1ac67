"""One error pattern in every facilitator section (issue #15): a bad input gets its message next
to the field and in a summary at the top of its section with a link to the field, focus moves to
that summary, the input is kept, a success message elsewhere on the page goes, and the bounds of
the API's models are on the inputs before anything is sent. Desktop and a 390x844 phone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import shot
from tests.e2e.rooms import planned_room
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser


def expect_error_pattern(
    page: Page, section: Locator, field: Locator, field_id: str, message: str, kept: str
) -> None:
    """The summary (focused, linking to the field), the field's own message, the input kept."""
    summary = section.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(message)
    expect(page.locator(f"#{field_id}-error")).to_contain_text(message)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_value(kept)
    link = summary.locator(f'a[href="#{field_id}"]')
    expect(link).to_have_count(1)
    link.click()
    expect(field).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_bad_input_in_each_facilitator_section_follows_the_one_error_pattern(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    session = live_server.create_session()
    page = new_context(live_server.base_url, phone=phone).new_page()
    page.goto(session.facilitator_url)

    # Bounds from the API's models are on the inputs before anything is sent.
    settings = page.locator("#settings")
    title = settings.get_by_label("Title")
    expect(title).to_have_attribute("minlength", "3")
    expect(title).to_have_attribute("maxlength", "200")
    expect(page.locator("#settings-ground_rules-hint")).to_have_text(
        "One rule per line: up to 10, each 3 to 200 characters."
    )
    expect(page.locator("#person-name")).to_have_attribute("maxlength", "120")
    expect(page.locator("#newgoal-text")).to_have_attribute("minlength", "3")

    # A success first, so the error below must clear it.
    goals = page.locator("#goals")
    goals.get_by_label("Add a goal").fill("Ship the billing rewrite by June")
    goals.get_by_role("button", name="Add goal").click()
    expect(goals.get_by_text("Goal added.")).to_be_visible()

    # Settings: a title too short.
    title.fill("ab")
    settings.get_by_role("button", name="Save settings").click()
    settings = page.locator("#settings")
    expect_error_pattern(
        page, settings, settings.get_by_label("Title"), "settings-title", "at least 3", "ab"
    )
    expect(page.get_by_text("Goal added.")).to_have_count(0)  # no stale success beside it
    shot(page, "settings-error")
    assert_accessible(page, "facilitator page with a settings error")

    # Goals: a new goal too short.
    goals = page.locator("#goals")
    goals.get_by_label("Add a goal").fill("no")
    goals.get_by_role("button", name="Add goal").click()
    goals = page.locator("#goals")
    expect_error_pattern(
        page, goals, goals.get_by_label("Add a goal"), "newgoal-text", "at least 3", "no"
    )
    expect(page.locator("#settings [data-error-summary]")).to_have_count(1)  # still unfixed

    # Goals: an existing goal emptied; its own line in the summary leads back to it.
    goals = page.locator("#goals")
    first = goals.get_by_label("Goal 1", exact=True)
    first_id = first.get_attribute("id")
    assert first_id
    first.fill("x")
    goals.get_by_role("button", name="Save goal 1").click()
    goals = page.locator("#goals")
    expect_error_pattern(
        page, goals, goals.get_by_label("Goal 1", exact=True), first_id, "at least 3", "x"
    )
    expect(goals.locator("[data-error-summary]")).to_contain_text("Goal 1: ")

    # Participants: an address that is not one.
    people = page.locator("#participants")
    people.get_by_label("Name").fill("Grace Hopper")
    people.get_by_label("Email").fill("grace-at-example")
    people.get_by_label("Department or team").fill("Engineering")
    people.get_by_role("button", name="Add participant").click()
    people = page.locator("#participants")
    expect_error_pattern(
        page, people, people.get_by_label("Email"), "person-email", "email", "grace-at-example"
    )
    expect(people.get_by_label("Name")).to_have_value("Grace Hopper")
    expect(people.get_by_label("Department or team")).to_have_value("Engineering")
    shot(page, "participants-error")

    # Agendas: a past deadline the server refuses unconfirmed (as when the page's own check did
    # not run: the browser's clock differs from the server's).
    agendas = page.locator("#agendas")
    page.evaluate("document.querySelector('[data-past-after]').removeAttribute('data-past-after')")
    agendas.get_by_label("Submission deadline (optional)").fill("2020-01-10T18:00")
    agendas.get_by_role("button", name="Save agenda settings").click()
    agendas = page.locator("#agendas")
    expect_error_pattern(
        page,
        agendas,
        agendas.get_by_label("Submission deadline (optional)"),
        "policy-agenda_deadline",
        "That time is in the past",
        "2020-01-10T18:00",
    )
    assert_accessible(page, "facilitator page with errors in several sections")

    # Fixing one says so, and its summary goes.
    settings = page.locator("#settings")
    settings.get_by_label("Title").fill("Q3 leadership session")
    settings.get_by_role("button", name="Save settings").click()
    expect(page.locator("#settings").get_by_text("Settings saved.")).to_be_visible()
    expect(page.locator("#settings [data-error-summary]")).to_have_count(0)
    expect(page.locator("#rt-announce")).to_have_text("Settings saved.")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_an_error_that_answers_before_the_last_success_is_read_out_silences_that_success(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    """The live region reads a success a moment after its swap (so the same words twice are
    heard twice). On a slow phone, or with two forms sent at once, the next answer can come
    within that moment: if it is an error, the earlier "Goal added." must not be read out after
    it, nor stay in the region. The page's clock stands still here, so the moment lasts until
    the error is on the page, every run."""
    session = live_server.create_session()
    context = new_context(live_server.base_url, phone=phone)
    context.clock.install()
    page = context.new_page()
    page.goto(session.facilitator_url)
    page.clock.pause_at(page.evaluate("Date.now()") + 1_000)
    region = page.locator("#rt-announce")

    goals = page.locator("#goals")
    goals.get_by_label("Add a goal").fill("Ship the billing rewrite by June")
    goals.get_by_role("button", name="Add goal").click()
    expect(goals.get_by_text("Goal added.")).to_be_visible()
    expect(region).to_have_text("")  # not read out yet: the clock stands still

    settings = page.locator("#settings")
    settings.get_by_label("Title").fill("ab")
    settings.get_by_role("button", name="Save settings").click()
    expect(page.locator("#settings [data-error-summary]")).to_be_focused()
    page.clock.run_for(1_000)  # the moment passes, after the error
    expect(page.get_by_text("Goal added.")).to_have_count(0)
    expect(region).to_have_text("")  # the focused summary says what is wrong, nothing else

    # A success after the error is still read out.
    page.locator("#settings").get_by_label("Title").fill("Q3 leadership session")
    page.locator("#settings").get_by_role("button", name="Save settings").click()
    expect(page.locator("#settings").get_by_text("Settings saved.")).to_be_visible()
    page.clock.run_for(1_000)
    expect(region).to_have_text("Settings saved.")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_bad_series_key_follows_the_one_error_pattern(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    session = live_server.create_session()
    page = new_context(live_server.base_url, phone=phone).new_page()
    page.goto(session.facilitator_url)
    page.goto(live_server.url(f"/s/{session.id}/series"))
    page.get_by_label("…or continue a series with its key").fill("not-a-real-key")
    page.get_by_role("button", name="Join series").click()
    section = page.locator("#series-settings")
    key = page.get_by_label("…or continue a series with its key")
    expect_error_pattern(page, section, key, "join-key", "series", "not-a-real-key")
    shot(page, "series-key-error")
    assert_accessible(page, "series page with an error")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_a_bad_custom_extend_says_so_beside_the_field_and_clears_the_last_success(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    page = new_context(live_server.base_url, phone=phone).new_page()
    page.goto(room.session.facilitator_url)
    page.goto(live_server.url(f"/s/{room.session.id}/console"))
    seconds = page.get_by_label("Extend by (seconds)")
    # The bounds of the API's control model are on the field before anything is sent.
    expect(seconds).to_have_attribute("min", "1")
    expect(seconds).to_have_attribute("max", "3600")
    expect(page.locator("#extend-seconds-hint")).to_have_text("From 1 to 3600 seconds.")
    page.get_by_role("button", name="Start", exact=True).click()
    outcome = page.locator("[data-outcome]")
    expect(outcome).to_have_text("Started.")
    page.get_by_role("button", name="−30 s").click()
    expect(outcome).to_have_text("Shortened.")

    seconds.fill("5000")
    page.get_by_role("button", name="Extend", exact=True).click()
    error = page.locator("#extend-seconds-error")
    expect(error).to_have_text("Extend by 1 to 3600 seconds; “5000” is not that.")
    expect(error).to_be_visible()
    expect(outcome).to_have_text("")  # no stale "Shortened." beside the error
    expect(seconds).to_be_focused()
    expect(seconds).to_have_attribute("aria-invalid", "true")
    described = "extend-seconds-error extend-seconds-hint"
    expect(seconds).to_have_attribute("aria-describedby", described)
    expect(seconds).to_have_value("5000")
    shot(page, "extend-error")
    assert_accessible(page, "console with an extend error")

    seconds.fill("")
    page.get_by_role("button", name="Extend", exact=True).click()
    expect(error).to_have_text("Enter how many seconds to extend by, from 1 to 3600.")

    seconds.fill("45")
    page.get_by_role("button", name="Extend", exact=True).click()
    expect(outcome).to_have_text("Extended.")
    expect(error).to_be_hidden()
    expect(seconds).not_to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_new_session_form_follows_the_one_error_pattern(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    page = new_context(live_server.base_url, phone=phone).new_page()
    page.goto(live_server.url("/sessions/new"))
    expect(page.locator("#new-goals-hint")).to_contain_text(
        "One goal per line: up to 7, each 3 to 200 characters."
    )
    page.get_by_label("Title").fill("Q3")
    page.get_by_label("Company goals for the year").fill("ab\nCut onboarding time in half")
    page.get_by_role("button", name="Create session").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please fix the 2 fields marked below")
    expect_error_pattern(
        page, summary.locator(".."), page.get_by_label("Title"), "new-title", "at least 3", "Q3"
    )
    goals = page.get_by_label("Company goals for the year")
    expect(goals).to_have_value("ab\nCut onboarding time in half")
    summary.locator('a[href="#new-goals"]').click()
    expect(goals).to_be_focused()
    assert_accessible(page, "new session form with errors")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_summary_recipients_follow_the_one_error_pattern(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    session = live_server.create_session()
    page = new_context(live_server.base_url, phone=phone).new_page()
    page.goto(session.facilitator_url)
    page.goto(live_server.url(f"/s/{session.id}/facilitate/messages"))
    emails = page.get_by_label("Executives' e-mail addresses, one per line")
    emails.fill("ceo@example.com\nnot-an-address")
    page.get_by_role("button", name="Save recipients").click()
    section = page.locator("section", has=page.locator("#exec-h"))
    expect_error_pattern(
        page,
        section,
        page.get_by_label("Executives' e-mail addresses, one per line"),
        "exec-emails",
        "Line 2: 'not-an-address' is not an e-mail address.",
        "ceo@example.com\nnot-an-address",
    )
    assert_accessible(page, "messages page with a recipients error")


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_sending_an_agenda_back_without_a_note_follows_the_one_error_pattern(
    live_server: LiveServer, new_context: Callable[..., BrowserContext], phone: bool
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    dana, sid = room.people[0], room.session.id
    agenda = {
        "what_we_do": "We run the numbers for every team in the company.",
        "pressing_issue": "Month-end close takes nine days instead of five.",
        "pressing_ask": "Could we agree on a shared close calendar?",
        "pressing_no_goal": True,
        "butterfly_issue": "Late deal data pushes the close back by two days.",
        "butterfly_targets": ["Engineering"],
        "butterfly_cost": "two days a month",
        "butterfly_next_step": "Agree on one handover checklist.",
        "butterfly_no_goal": True,
    }
    path = f"/api/v1/sessions/{sid}/agendas/{dana.id}/submit"
    submitted = live_server.api("POST", path, json=agenda, token=dana.token)
    assert submitted.status_code == 200, submitted.text
    page = new_context(live_server.base_url, phone=phone).new_page()
    page.goto(room.session.facilitator_url)
    page.goto(live_server.url(f"/s/{sid}/facilitate/agendas/{dana.id}"))
    note = page.get_by_label(f"Note for {dana.name}")
    note.fill("   ")
    page.get_by_role("button", name="Send back with this note").click()
    section = page.locator("section", has=page.locator("#return-h"))
    expect(section.locator("[data-error-summary]")).to_be_visible()  # the answer has come
    message = page.locator("#return-note-error").inner_text()
    assert message.strip()
    expect_error_pattern(
        page, section, page.get_by_label(f"Note for {dana.name}"), "return-note", message, "   "
    )
    assert_accessible(page, "agenda review with a note error")
