"""A whole session rehearsed in real browsers, the way a facilitator and six department heads
would run it: create, invite by CSV, agendas (one reframed), plan, live clock, capture board
(one phone offline), votes, a merge, an action item, the end, and the executive summary.

Every step saves a viewport-sized screenshot into ``$REHEARSAL_SHOTS`` (default: the test's
``tmp_path``); ``bash scripts/screenshots`` keeps four of them for the README. Every page the
app serves gets an axe-core check along the way, in the state a real session leaves it in, and
the test fails if a page route exists that the rehearsal never checked.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from playwright.sync_api import BrowserContext, Locator, Page, expect

from app.web.routers import pages
from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import overflows_horizontally
from tests.e2e.rooms import open_capture, show_board, show_meeting
from tests.e2e.server import LiveServer

pytestmark = pytest.mark.browser

TITLE = "Q3 leadership speed-dating"
SERIES = "Quarterly leadership session"
GOALS = (
    "Grow recurring revenue by 20%",
    "Cut customer onboarding time in half",
    "Ship the self-serve plan by Q3",
)
PEOPLE_CSV = """name,email,department,title
Dana Lee,dana.lee@example.com,Finance,CFO
Marcus Okafor,marcus.okafor@example.com,Sales,VP Sales
Priya Raman,priya.raman@example.com,Product,Head of Product
Tom Becker,tom.becker@example.com,Engineering,VP Engineering
Aisha Khan,aisha.khan@example.com,Operations,Head of Operations
Luis Ortega,luis.ortega@example.com,People,Head of People
"""
COMPLAINT = "Product NEVER listens to Sales and their roadmap is useless!!!"

# Five agendas; the sixth head (Luis Ortega) never submits and stays on the reminder list.
AGENDAS: dict[str, dict[str, Any]] = {
    "Dana Lee": {
        "what_we_do": "We run billing, collections and the month-end close for every product.",
        "pressing_issue": "Invoices go out late when deals close without a billing contact, "
        "which delays cash by two weeks.",
        "pressing_ask": "Could Sales add the billing contact to the deal checklist?",
        "pressing_goal": 1,
        "butterfly_issue": "Month-end close takes eight days, so Sales sees renewal figures "
        "a week late.",
        "targets": ["Sales"],
        "butterfly_cost": "Renewal calls slip by a week every month.",
        "butterfly_next_step": "Agree a five-day close calendar with Sales.",
        "butterfly_goal": 1,
    },
    "Marcus Okafor": {
        "what_we_do": "We sell and renew subscriptions for mid-market and enterprise customers.",
        "pressing_issue": "Three enterprise deals in May stalled because single sign-on had "
        "no release date we could share.",
        "pressing_ask": "Could Product share a quarterly date range for features promised "
        "in deals?",
        "pressing_goal": 1,
        "butterfly_issue": "Discounts agreed late in a deal reach Finance after the invoice run.",
        "targets": ["Finance"],
        "butterfly_cost": "Finance reissues about fifteen invoices a month.",
        "butterfly_next_step": "Log every discount in the CRM before signature.",
        "butterfly_goal": 1,
    },
    "Priya Raman": {
        "what_we_do": "We decide what the product does next and in what order.",
        "pressing_issue": "Feature requests arrive through five channels, so one request is "
        "counted several times.",
        "pressing_ask": "Could Sales and Operations log requests in one shared form?",
        "pressing_goal": 3,
        "butterfly_issue": "Late changes to a release scope push testing into the last two "
        "days of each sprint.",
        "targets": ["Engineering"],
        "butterfly_cost": "Engineers work weekends twice a month.",
        "butterfly_next_step": "Freeze the scope one week before each release.",
        "butterfly_goal": 3,
    },
    "Tom Becker": {
        "what_we_do": "We build and run the platform and the customer-facing apps.",
        "pressing_issue": "Production incidents take an hour to reach the right on-call engineer.",
        "pressing_ask": "Could Operations route incidents by service rather than by team?",
        "pressing_goal": 2,
        "butterfly_issue": "Unplanned infrastructure migrations delay the onboarding features "
        "Operations waits for.",
        "targets": ["Operations"],
        "butterfly_cost": "New customers wait three extra weeks to go live.",
        "butterfly_next_step": "Publish the migration calendar every quarter.",
        "butterfly_goal": 2,
    },
    "Aisha Khan": {
        "what_we_do": "We onboard new customers and keep their accounts running day to day.",
        "pressing_issue": "Onboarding takes six weeks because setup data arrives in pieces.",
        "pressing_ask": "Could Sales hand over one complete setup form at signature?",
        "pressing_goal": 2,
        "butterfly_issue": "Setup tickets without a complete form bounce between Operations "
        "and Engineering.",
        "targets": ["Engineering", "Sales"],
        "butterfly_cost": "About thirty hours a week of back-and-forth.",
        "butterfly_next_step": "Agree one required setup form with Sales and Engineering.",
        "butterfly_goal": 2,
    },
}
PRICE_ITEM = "Product changes prices without telling Finance, so invoices go out at old prices"
PRICE_TWIN = "Price changes from Product reach Finance after the invoices have already gone out"
ACTION = "Send Finance every price change a week before it goes live"


class Rehearsal:
    """Screenshots and axe checks, step by step; remembers which pages were checked."""

    def __init__(self, shots: Path) -> None:
        self.shots = shots
        self.count = 0
        self.checked: set[str] = set()
        shots.mkdir(parents=True, exist_ok=True)

    def shot(self, page: Page, name: str) -> Path:
        """A viewport-sized screenshot, one CSS pixel per image pixel, numbered in step order."""
        self.count += 1
        path = self.shots / f"{self.count:02d}-{name}.png"
        # caret="initial": hiding the caret leaves style="" on inputs, which htmx copies and
        # the app's CSP refuses (see tests/e2e/browser.shot).
        page.screenshot(path=path, scale="css", caret="initial", animations="disabled")
        return path

    def check(self, page: Page, name: str) -> None:
        """Screenshot, then zero serious or critical axe-core violations on the page."""
        self.shot(page, name)
        assert_accessible(page, name)
        self.checked.add(page.url.split("?")[0].split("#")[0])


def shots_dir(tmp_path: Path) -> Path:
    configured = os.environ.get("REHEARSAL_SHOTS")
    return Path(configured).resolve() if configured else tmp_path / "rehearsal"


def page_routes() -> list[str]:
    """Every HTML page the app serves (GET routes of the pages router), link exchange aside."""
    paths = {
        route.path
        for route in pages.router.routes
        if isinstance(route, APIRoute) and "GET" in route.methods
    }
    return sorted(paths - {"/l/{token}"})


def unchecked_routes(checked: set[str], base_url: str) -> list[str]:
    seen = [url.removeprefix(base_url) for url in checked]
    missing = []
    for route in page_routes():
        pattern = re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(route)))
        if not any(pattern.fullmatch(path) for path in seen):
            missing.append(route)
    return missing


def seconds(clock_text: str) -> int:
    minutes, secs = clock_text.split(":")
    return int(minutes) * 60 + int(secs)


def fill_agenda(page: Page, agenda: dict[str, Any], pressing_issue: str | None = None) -> None:
    """Fill the agenda form as a department head would, top to bottom."""
    page.get_by_label("What you and your team do").fill(agenda["what_we_do"])
    page.get_by_label("The issue that most needs help now").fill(
        pressing_issue or agenda["pressing_issue"]
    )
    page.get_by_label("The ask: what help or decision you want from peers").fill(
        agenda["pressing_ask"]
    )
    goals = page.get_by_label("Company goal it touches")
    goals.first.select_option(label=GOALS[agenda["pressing_goal"] - 1])
    page.get_by_label("What starts where, and how it travels").fill(agenda["butterfly_issue"])
    for team in agenda["targets"]:
        page.get_by_role("checkbox", name=team, exact=True).check()
    page.get_by_label("What it costs them").fill(agenda["butterfly_cost"])
    page.get_by_label("Proposed next step").fill(agenda["butterfly_next_step"])
    goals.nth(1).select_option(label=GOALS[agenda["butterfly_goal"] - 1])


def capture(
    page: Page, text: str, *, from_team: str, lands_on: str, impact: str, goal: str
) -> None:
    form = open_capture(page)
    form.get_by_label("From team").select_option(from_team)
    form.get_by_role("checkbox", name=lands_on, exact=True).check()
    form.get_by_label("What happens").fill(text)
    form.get_by_role("radio", name=impact, exact=True).check()
    form.get_by_label("Company goal it touches").select_option(label=goal)
    form.get_by_role("button", name="Add to the board").click()


def board_row(page: Page, text: str) -> Locator:
    return page.locator(".board-list .board-item", has_text=text)


def counterpart(plan: dict[str, Any], round_number: int, name: str) -> str:
    """Who ``name`` meets in a round of the plan (pairs: exactly one other person)."""
    rotation = plan["rounds"][round_number - 1]
    group = next(g for g in rotation["groups"] if name in g["names"])
    (other,) = [n for n in group["names"] if n != name]
    return str(other)


def test_a_whole_session_rehearsed_in_real_browsers(
    start_server: Callable[..., LiveServer],
    new_context: Callable[..., BrowserContext],
    tmp_path: Path,
) -> None:
    began = time.monotonic()
    server = start_server()
    base = server.base_url
    run = Rehearsal(shots_dir(tmp_path))

    # 1. The facilitator creates the session with the year's goals.
    desk = new_context(base, viewport={"width": 1280, "height": 960}).new_page()
    desk.goto("/")
    run.check(desk, "home")
    desk.get_by_role("link", name=re.compile("Create a session", re.I)).first.click()
    expect(desk.get_by_role("heading", name="Create a session")).to_be_visible()
    desk.get_by_label("Title").fill(TITLE)
    desk.get_by_label("Time zone").fill("Europe/Berlin")
    desk.get_by_label("Company goals for the year").fill("\n".join(GOALS))
    desk.get_by_label("Start a new series named").fill(SERIES)
    run.check(desk, "new-session")
    desk.get_by_role("button", name="Create session").click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(desk.get_by_text("Session created.")).to_be_visible()
    sid = re.search(r"/s/([^/]+)/facilitate", desk.url).group(1)  # type: ignore[union-attr]
    executive_url = desk.get_by_role(
        "textbox", name="Executive (read only) link", exact=True
    ).input_value()
    facilitator_token = (
        desk.get_by_role("textbox", name="Facilitator link", exact=True)
        .input_value()
        .rsplit("/", 1)[-1]
    )

    # 2. Six department heads by CSV import; the framing check must be fixed before submitting.
    desk.get_by_label("CSV file", exact=True).set_input_files(
        {"name": "department-heads.csv", "mimeType": "text/csv", "buffer": PEOPLE_CSV.encode()}
    )
    desk.get_by_role("button", name="Import", exact=True).click()
    expect(desk.get_by_role("status").filter(has_text="added")).to_contain_text("6 added.")
    people = desk.get_by_role("region", name="Participants")
    expect(people.get_by_role("rowheader")).to_have_count(6)
    invites = {
        name: people.get_by_role(
            "textbox", name=f"invite link for {name}", exact=True
        ).input_value()
        for name in [*AGENDAS, "Luis Ortega"]
    }
    policy = desk.locator("#agendas")
    policy.get_by_label(re.compile("^Framing check")).select_option("required_to_fix")
    policy.get_by_role("button", name="Save agenda settings").click()
    expect(desk.locator("#agendas").get_by_text("Agenda settings saved.")).to_be_visible()
    run.check(desk, "facilitator-people-imported")

    # 3. Five heads submit agendas from their phones; Marcus's first try reads as a complaint.
    phones: dict[str, Page] = {}
    for name, agenda in AGENDAS.items():
        mine = new_context(base, phone=True).new_page()
        phones[name] = mine
        mine.goto(invites[name])
        expect(mine.get_by_role("heading", level=1)).to_have_text(f"Welcome, {name}")
        if name == "Marcus Okafor":
            fill_agenda(mine, agenda, pressing_issue=COMPLAINT)
            warning = mine.locator("#warn-pressing_issue")
            expect(warning).to_contain_text("This may read as a complaint")
            run.shot(mine, "agenda-framing-warning")
            mine.get_by_role("button", name="Submit agenda").click()
            expect(mine.locator("#agenda-errors")).to_be_in_viewport()  # not above the fold
            pressing = mine.get_by_label("The issue that most needs help now")
            expect(pressing).to_have_attribute("aria-invalid", "true")
            expect(pressing).to_have_value(COMPLAINT)  # nothing typed is lost
            run.check(mine, "agenda-refused-as-complaint")
            pressing.fill(agenda["pressing_issue"])
            expect(warning).not_to_contain_text("complaint")
        else:
            fill_agenda(mine, agenda)
        mine.get_by_role("button", name="Submit agenda").click()
        expect(mine.get_by_role("status").filter(has_text="Agenda submitted")).to_be_visible()
        if name == "Marcus Okafor":
            run.check(mine, "agenda-submitted")

    desk.reload()
    expect(desk.locator("#agendas")).to_contain_text("5 submitted · 0 flagged")
    expect(
        desk.get_by_role("textbox", name="Emails of people who have not submitted")
    ).to_have_value(re.compile("luis.ortega@example.com"))
    desk.locator("#agendas").get_by_role("link", name="Marcus Okafor", exact=True).click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Marcus Okafor")
    run.check(desk, "agenda-review")

    # 4. Four rounds of pairs.
    desk.goto(f"/s/{sid}/facilitate")
    desk.get_by_role("link", name="Rotation plan").click()
    desk.get_by_label("Who meets").select_option("2")
    desk.get_by_label("Rounds", exact=True).fill("4")
    desk.get_by_role("button", name="Generate plan").click()
    expect(desk.get_by_role("heading", name=re.compile(r"^Round \d"))).to_have_count(4)
    run.check(desk, "plan")
    desk.get_by_role("link", name="Print table cards").click()
    expect(desk.locator("article.table-card")).to_have_count(3)
    run.check(desk, "plan-cards")
    plan = server.api("GET", f"/api/v1/sessions/{sid}/plan", token=facilitator_token).json()
    assert [len(r["groups"]) for r in plan["rounds"]] == [3, 3, 3, 3]

    # 5. Live: the console, the big screen, and two phones follow one clock.
    desk.goto(f"/s/{sid}/facilitate")
    desk.get_by_role("link", name="Live console").click()
    console = desk
    expect(console.locator("[data-conn-text]")).to_have_text("live")
    screen = console.context.new_page()
    screen.set_viewport_size({"width": 1920, "height": 1080})
    screen.goto(f"/s/{sid}/screen")
    dana, marcus = phones["Dana Lee"], phones["Marcus Okafor"]
    for mine in (dana, marcus):
        mine.get_by_role("link", name="Live view").click()
        expect(mine.locator("[data-conn-text]")).to_have_text("live")
    expect(screen.locator("[data-conn-text]")).to_have_text("live")
    dana_first = counterpart(plan, 1, "Dana Lee")
    expect(dana.locator(".my-round:visible h2")).to_contain_text(
        re.compile(rf"^Round 1 of 4 · Table \S+ · with {re.escape(dana_first)}, ")
    )
    expect(console.locator("[data-presence-summary]")).to_contain_text(
        "Connected now: 2 of 6 department heads"
    )
    run.check(console, "console-before-start")

    views = (console, screen, dana, marcus)
    console.get_by_role("button", name="Start").click()
    for view in views:
        expect(view.locator("[data-status-text]")).to_have_text("Running")
        expect(view.locator("[data-segment-label]")).to_have_text("Welcome and rules")

    console.get_by_role("button", name="Pause").click()
    for view in views:
        expect(view.locator("[data-status-text]")).to_have_text("Paused")
    paused_at = console.locator("[data-countdown]").inner_text()
    for view in views:
        expect(view.locator("[data-countdown]")).to_have_text(paused_at)
    console.get_by_role("button", name="+1 min").click()
    extended = seconds(paused_at) + 60
    extended_text = f"{extended // 60}:{extended % 60:02d}"
    for view in views:
        expect(view.locator("[data-countdown]")).to_have_text(extended_text)
    run.check(dana, "phone-paused-extended")
    assert overflows_horizontally(dana) is None
    console.get_by_role("button", name="Resume").click()
    for view in views:
        expect(view.locator("[data-status-text]")).to_have_text("Running")

    console.get_by_role("button", name="Skip segment").click()
    topic_1 = "Round 1 · Topic 1: What we do · Speaker A"
    for view in (console, dana, marcus):
        expect(view.locator("[data-segment-label]")).to_have_text(topic_1)
    # The big screen names who speaks at each table instead of a speaker letter.
    expect(screen.locator("[data-segment-label]")).to_have_text("Round 1 · Topic 1: What we do")
    speaking = screen.locator(".live-tables:visible .person.speaking")
    expect(speaking).to_have_count(3)  # six people: three tables, one speaker each
    for name, mine in (("Dana Lee", dana), ("Marcus Okafor", marcus)):
        other = counterpart(plan, 1, name)
        expect(mine.locator(".my-round:visible h2")).to_contain_text(f"with {other}, ")
        card = mine.locator(".my-agendas:visible .agenda-mini")
        expect(card).to_have_count(1)
        expect(card.get_by_role("heading")).to_contain_text(other)
        if other in AGENDAS:
            expect(card.locator('[data-topic="1"]')).to_contain_text(AGENDAS[other]["what_we_do"])
        else:
            expect(card.locator('[data-topic="1"]')).to_contain_text("Not written yet.")
        expect(card.locator('[data-topic="1"]')).to_have_class("current")
    expect(screen.locator(".live-tables:visible")).to_contain_text("Round 1 of 4")
    run.check(dana, "phone-round-1")
    run.check(screen, "screen-round-1")

    # 6. The capture board: seeded from the five agendas, then captures from two phones.
    items = screen.locator(".board-list .board-item")
    expect(items).to_have_count(5)
    capture(
        dana,
        PRICE_ITEM,
        from_team="Product",
        lands_on="Finance",
        impact="High",
        goal=GOALS[0],
    )
    expect(dana.locator("[data-captures] li")).to_contain_text("saved")
    expect(items).to_have_count(6)

    marcus.context.set_offline(True)
    capture(
        marcus,
        PRICE_TWIN,
        from_team="Product",
        lands_on="Finance",
        impact="Medium",
        goal=GOALS[0],
    )
    queued = marcus.locator("[data-captures] li")
    expect(queued).to_contain_text("sending…")
    run.shot(marcus, "phone-capture-queued-offline")
    expect(items).to_have_count(6)
    marcus.context.set_offline(False)
    expect(queued).to_contain_text("saved", timeout=15_000)
    expect(items).to_have_count(7)
    expect(board_row(screen, PRICE_TWIN)).to_contain_text("Product → Finance")

    # Votes: Marcus sees Dana's item too; Dana sees the discount issue from Marcus's agenda.
    for mine in (dana, marcus):
        show_board(mine)
    seen = board_row(marcus, PRICE_ITEM).get_by_role("button", name=re.compile("^We see this too"))
    seen.click()
    expect(seen).to_have_attribute("aria-pressed", "true")
    discount = AGENDAS["Marcus Okafor"]["butterfly_issue"]
    also = board_row(dana, discount).get_by_role("button", name=re.compile("^We see this too"))
    also.click()
    expect(also).to_have_attribute("aria-pressed", "true")
    expect(board_row(screen, PRICE_ITEM)).to_contain_text("1 vote")
    expect(board_row(screen, discount)).to_contain_text("1 vote")
    run.check(marcus, "phone-board-voted")

    # The console merges the twin into Dana's item and makes it an action item for Product.
    expect(board_row(console, PRICE_TWIN)).to_have_count(1)
    board_row(console, PRICE_TWIN).get_by_role("button", name=re.compile("^Merge…")).click()
    merge = board_row(console, PRICE_TWIN).locator("form[data-form=merge]")
    keep = board_row(console, PRICE_ITEM).get_attribute("data-item")
    assert keep is not None
    merge.get_by_label("Merge into").select_option(keep)
    run.check(console, "console-merge-form")
    merge.get_by_role("button", name="Merge", exact=True).click()
    expect(console.locator("[data-board-outcome]")).to_contain_text("Merged")
    expect(items).to_have_count(6)
    expect(board_row(screen, PRICE_TWIN)).to_have_count(0)

    board_row(console, PRICE_ITEM).get_by_role("button", name=re.compile("^Action item…")).click()
    action = board_row(console, PRICE_ITEM).locator("form[data-form=action]")
    action.get_by_label("Owner").select_option(label="Priya Raman (Product)")
    action.get_by_label("What exactly will be done").fill(ACTION)
    due = (date.today() + timedelta(days=14)).isoformat()
    action.get_by_label("Due date").fill(due)
    action.get_by_role("button", name="Create the action item").click()
    expect(console.locator("[data-board-outcome]")).to_contain_text("Action item created")
    expect(board_row(console, PRICE_ITEM)).to_contain_text(
        f"Action: {ACTION} — Priya Raman (Product), due {due}"
    )
    expect(board_row(dana, PRICE_ITEM)).to_contain_text(ACTION)
    expect(board_row(screen, PRICE_ITEM)).to_contain_text(
        f"Action: {ACTION} — Priya Raman (Product), due {due}"
    )
    # The facilitator puts the board on the big screen, then gives the screen back to the clock.
    console.get_by_label("The board spotlight and heat map").check()
    expect(screen.locator("#live")).to_have_attribute("data-scene", "board")
    run.check(screen, "screen-board")
    console.get_by_label("The session (clock, tables, Move now, the end)").check()
    expect(screen.locator("#live")).to_have_attribute("data-scene", "talk")

    # 7. The next round: new counterparts, new agenda cards.
    console.get_by_role("button", name="Next round").click()
    for view in views:
        expect(view.locator("[data-segment-label]")).to_have_text(re.compile(r"^Round 2 · "))
    for name, mine in (("Dana Lee", dana), ("Marcus Okafor", marcus)):
        show_meeting(mine)
        other = counterpart(plan, 2, name)
        expect(mine.locator(".my-round:visible h2")).to_contain_text(
            re.compile(rf"^Round 2 of 4 · Table \S+ · with {re.escape(other)}, ")
        )
        card = mine.locator(".my-agendas:visible .agenda-mini")
        expect(card.get_by_role("heading")).to_contain_text(other)
    expect(screen.locator(".live-tables:visible")).to_contain_text("Round 2 of 4")
    for view in (dana, screen, console):  # the README's pictures: at the top, after the cue
        expect(view.locator(".live-clock")).not_to_have_class(re.compile(r"\bflash\b"))
        view.evaluate("() => window.scrollTo(0, 0)")
    run.check(dana, "phone")
    run.check(screen, "screen")
    run.check(console, "console")

    # 8. The end.
    console.get_by_role("button", name="End session").click()
    console.get_by_role("dialog").get_by_role("button", name="End session").click()
    for view in views:
        expect(view.locator("[data-status-text]")).to_have_text("Ended")
    expect(dana.locator("[data-segment-label]")).to_have_text("Session ended")
    run.check(console, "console-ended")

    # 9. Follow-through pages: the owner's action items, the facilitator's, the series page.
    priya = new_context(base, phone=True).new_page()
    priya.goto(invites["Priya Raman"])
    run.check(priya, "participant-page-after-the-session")
    priya.get_by_role("link", name="Your action items").click()
    expect(priya.locator("section", has_text=ACTION)).to_be_visible()
    run.check(priya, "phone-action-items")
    priya.goto(f"/s/{sid}/me/itinerary")  # issue #18: itinerary, a prep card, coverage
    expect(priya.get_by_role("heading", name="Round 1 · ", exact=False)).to_be_visible()
    run.check(priya, "phone-itinerary")
    priya.get_by_role("link", name=re.compile(r"^(Prepare for|Edit my prep card)")).first.click()
    expect(priya.get_by_role("heading", level=1)).to_contain_text("Prepare for")
    run.check(priya, "phone-prep-card")
    desk.goto(f"/s/{sid}/facilitate/follow-ups")
    expect(desk.locator("#prep-coverage")).to_contain_text("meetings prepared")
    run.check(desk, "facilitator-prep-and-follow-ups")
    desk.goto(f"/s/{sid}/facilitate/actions")
    expect(desk.get_by_role("heading", level=1)).to_have_text("Action items")
    expect(desk.locator("section", has_text=ACTION)).to_contain_text("Priya Raman")
    run.check(desk, "facilitator-action-items")
    desk.goto(f"/s/{sid}/facilitate")
    desk.get_by_role("link", name="Series", exact=True).click()
    expect(desk.get_by_role("heading", level=1)).to_have_text(SERIES)
    run.check(desk, "series")

    # 10. The executive reads the summary: map and action item, and nothing to change.
    executive = new_context(base, viewport={"width": 1280, "height": 1200}).new_page()
    executive.goto(executive_url)
    expect(executive).to_have_url(f"{base}/s/{sid}/summary")
    expect(executive.get_by_role("heading", level=1)).to_have_text(TITLE)
    figures = executive.get_by_role("region", name="Headline figures")
    expect(figures.locator("[data-figure=agendas_submitted] [data-value]")).to_have_text("5")
    # Ended during round 2 of 4: two rounds of three pairs, all different.
    expect(figures.locator("[data-figure=rounds_played] [data-value]")).to_have_text("2")
    expect(figures.locator("[data-figure=pairs_met] [data-value]")).to_have_text("6")
    expect(figures.locator("[data-figure=items_captured] [data-value]")).to_have_text(
        re.compile(r"^[67]$")
    )
    dependency_map = executive.get_by_role("img", name=f"Dependency map: {TITLE}")
    expect(dependency_map).to_be_visible()
    expect(dependency_map.locator("g.edge").first).to_be_visible()
    actions = executive.get_by_role("table", name="Action items")
    expect(actions.get_by_role("row", name=re.compile("Priya Raman"))).to_contain_text(ACTION)
    run.check(executive, "summary")
    expect(executive.locator("form")).to_have_count(0)
    expect(executive.locator("button, input, select, textarea, [contenteditable]")).to_have_count(0)
    expect(executive.locator("[hx-post], [hx-put], [hx-patch], [hx-delete]")).to_have_count(0)
    for link in executive.locator("a[href]").all():
        href = link.get_attribute("href") or ""
        assert not any(place in href for place in ("/facilitate", "/console", "/me")), href

    # 11. A broken link gets the error page, accessible like the rest.
    executive.goto("/l/this-link-does-not-exist")
    expect(executive.get_by_role("heading", level=1)).to_be_visible()
    run.check(executive, "error-page")

    missing = unchecked_routes(run.checked, base)
    assert not missing, f"pages the rehearsal never checked with axe-core: {missing}"
    elapsed = time.monotonic() - began
    print(f"rehearsal: {run.count} screenshots in {run.shots}, {elapsed:.0f} s")
