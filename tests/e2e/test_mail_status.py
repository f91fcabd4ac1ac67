"""The facilitator sees each message's status and retries a failed one, in the browser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.e2e.a11y import assert_accessible
from tests.e2e.browser import shot
from tests.e2e.server import LiveServer
from tests.support.mailbox import smtp_server

pytestmark = pytest.mark.browser


def test_facilitator_sees_a_failed_message_and_retries_it(
    tmp_path: Path, new_context: Callable[..., BrowserContext]
) -> None:
    with smtp_server() as (box, url):
        env = {
            "ROUNDTABLE_SMTP_URL": url,
            "ROUNDTABLE_MAIL_FROM": "roundtable@example.org",
            "ROUNDTABLE_MAIL_POLL_SECONDS": "0.2",
        }
        box.refuse["grace@example.com"] = "550 5.1.1 Mailbox unavailable"
        with LiveServer(tmp_path, env=env) as server:
            session = server.create_session()
            server.add_participant(session, "Grace Hopper", "grace@example.com", "Engineering")
            server.add_participant(session, "Alan Turing", "alan@example.com", "Research")
            page = new_context(server.base_url).new_page()
            page.goto(session.facilitator_url)
            page.get_by_role("link", name="Messages (e-mail)").first.click()
            page.get_by_role("button", name="Send invitations").click()
            expect(page.get_by_role("status")).to_contain_text("2 invitation(s) queued")
            table = page.locator("#message-table")
            grace = table.locator("tr", has_text="grace@example.com")
            alan = table.locator("tr", has_text="alan@example.com")
            for _ in range(50):  # the page shows what the outbox says when loaded
                page.reload()
                if grace.locator(".status-failed").count() and alan.locator(".status-sent").count():
                    break
                page.wait_for_timeout(200)
            expect(grace).to_contain_text("failed")
            expect(grace).to_contain_text("550 5.1.1 Mailbox unavailable")
            expect(alan).to_contain_text("sent")
            expect(alan.get_by_role("button")).to_have_count(0)
            shot(page, "messages-failed")
            assert_accessible(page, "messages page with a failed message")

            del box.refuse["grace@example.com"]
            grace.get_by_role("button", name="Retry the message to grace@example.com").click()
            expect(page.get_by_role("status")).to_contain_text("queued again")
            for _ in range(50):
                if grace.locator(".status-sent").count():
                    break
                page.wait_for_timeout(200)
                page.reload()
            expect(grace).to_contain_text("sent")
            shot(page, "messages-retried")
            box.wait_for(2)
            assert len(box.to("grace@example.com")) == 1
            assert len(box.to("alan@example.com")) == 1

            phone = new_context(server.base_url, phone=True).new_page()
            phone.goto(session.facilitator_url)
            phone.goto(f"/s/{session.id}/facilitate/messages")
            expect(phone.locator("#message-table")).to_be_visible()
            shot(phone, "messages-phone")
            assert_accessible(phone, "messages page on a phone")


def test_without_smtp_the_session_page_says_email_is_off(
    tmp_path: Path, new_context: Callable[..., BrowserContext]
) -> None:
    with LiveServer(tmp_path) as server:
        session = server.create_session()
        page = new_context(server.base_url).new_page()
        page.goto(session.facilitator_url)
        expect(page.locator("#mail-off-note")).to_contain_text("E-mail is off")
        page.goto(f"/s/{session.id}/facilitate/messages")
        expect(page.locator("#mail-off")).to_contain_text("nothing is e-mailed")
        expect(page.get_by_role("button", name="Send invitations")).to_be_disabled()
        assert_accessible(page, "messages page with e-mail off")
