"""Follow-through in a real browser: a department head reports status; the series page."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session

from app.store.engine import make_engine
from app.store.models import BoardState
from app.store.types import utcnow
from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import overflows_horizontally, shot
from tests.e2e.server import CreatedSession, Invitee, LiveServer

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Owned:
    session: CreatedSession
    owner: Invitee
    action_ids: list[str]


def with_actions(server: LiveServer, **session: object) -> Owned:
    """Dana owns two action items: one due next week, one already overdue."""
    made = server.create_session(**session)
    owner = server.add_participant(made, "Dana Lee", "dana@example.com", "Finance")
    other = server.add_participant(made, "Marcus Okafor", "marcus@example.com", "Sales")
    item_id = uuid.uuid4().hex
    server.api(
        "POST",
        f"/api/v1/sessions/{made.id}/board/items",
        json={
            "id": item_id,
            "from_team": "Sales",
            "to_teams": ["Finance"],
            "what_happens": "Discount codes reach billing after the invoice run.",
            "impact": "high",
            "no_goal": True,
        },
        token=other.token,
    ).raise_for_status()
    action_ids = []
    # A week ahead, not today: near midnight UTC the session's own day may already be tomorrow.
    next_week = date.today() + timedelta(days=7)
    for what in ("Send discount codes before the run", "Agree one discount field in the CRM"):
        action_id = uuid.uuid4().hex
        server.api(
            "POST",
            f"/api/v1/sessions/{made.id}/board/items/{item_id}/action",
            json={"id": action_id, "owner": owner.id, "what": what, "due": str(next_week)},
            token=made.facilitator_token,
        ).raise_for_status()
        action_ids.append(action_id)
    backdate(server, made.id, action_ids[1], date.today() - timedelta(days=5))
    return Owned(made, owner, action_ids)


def backdate(server: LiveServer, session_id: str, action_id: str, due: date) -> None:
    engine = make_engine(server.database_url)
    with Session(engine) as db:
        row = db.get(BoardState, session_id)
        assert row is not None
        row.state = {
            **row.state,
            "actions": [
                {**a, "due": due.isoformat()} if a["id"] == action_id else a
                for a in row.state["actions"]
            ],
        }
        row.updated_at = utcnow()  # as any real write does; the server's board cache keys on it
        db.add(row)
        db.commit()
    engine.dispose()


def test_an_owner_reports_blocked_with_a_reason_by_keyboard(
    page: Page, live_server: LiveServer
) -> None:
    owned = with_actions(live_server)
    page.goto(owned.owner.invite_url)
    page.get_by_role("link", name="Your action items").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your action items")
    overdue = page.locator("section", has_text="Agree one discount field in the CRM")
    expect(overdue.get_by_role("heading")).to_contain_text("Overdue")
    expect(page.get_by_role("status").first).to_contain_text("1 overdue")
    assert_accessible(page, "action items")

    item = page.locator("section", has_text="Send discount codes before the run")
    item.get_by_role("radio", name="Blocked").check()
    item.get_by_role("button", name="Save status").press("Enter")
    reason = page.locator("#action-1-reason")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_be_focused()  # the error is announced and can be fixed at once
    expect(page.locator("#action-1-reason-error")).to_contain_text("Say what blocks it")
    expect(page.locator("#action-1").get_by_role("radio", name="Blocked")).to_be_checked()
    shot(page, "blocked-without-reason")
    assert_accessible(page, "status form with an error")

    page.keyboard.type("Waiting for the CRM export from Sales")
    page.locator("#action-1").get_by_role("button", name="Save status").press("Enter")
    expect(page.locator("#action-1").get_by_role("status")).to_have_text("Saved: Blocked.")
    page.reload()
    expect(page.locator("#action-1")).to_contain_text("Waiting for the CRM export from Sales")
    board = live_server.api(
        "GET", f"/api/v1/sessions/{owned.session.id}/actions", token=owned.session.executive_token
    ).json()
    assert {a["what"]: a["status"] for a in board} == {
        "Send discount codes before the run": "blocked",
        "Agree one discount field in the CRM": "open",
    }


def test_action_items_fit_a_phone(phone: Page, live_server: LiveServer) -> None:
    owned = with_actions(live_server)
    phone.goto(owned.owner.invite_url)
    phone.goto(f"/s/{owned.session.id}/me/actions")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your action items")
    shot(phone, "phone")
    assert overflows_horizontally(phone) is None


def test_series_page_for_facilitator_and_executive(page: Page, live_server: LiveServer) -> None:
    first = with_actions(live_server, title="Q1 leadership session", starts_at="2030-01-10T09:00")
    started = live_server.api(
        "PUT",
        f"/api/v1/sessions/{first.session.id}/series",
        json={"title": "Quarterly leadership session"},
        token=first.session.facilitator_token,
    ).json()
    second = live_server.create_session(
        title="Q2 leadership session",
        starts_at="2030-04-10T09:00",
        series_key=started["series"]["key"],
    )
    page.goto(second.facilitator_url)
    page.get_by_role("link", name="Series", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quarterly leadership session")
    expect(page.get_by_role("heading", name="Since “Q1 leadership session”")).to_be_visible()
    expect(page.get_by_text("Overdue: Agree one discount field in the CRM")).to_be_visible()
    shot(page, "series-facilitator")
    assert_accessible(page, "series page, facilitator")

    page.goto(first.session.executive_url)
    page.goto(f"/s/{first.session.id}/series")
    expect(page.get_by_role("heading", level=2, name="1. Q1 leadership session")).to_be_visible()
    expect(page.get_by_text("Q2 leadership session")).to_have_count(0)  # later: not shown
    expect(page.get_by_role("button")).to_have_count(0)  # read only
    assert_accessible(page, "series page, executive")
