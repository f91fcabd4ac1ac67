"""Webhooks: signed JSON POSTs to a real local HTTP receiver, retried through the outbox."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.domain.mail.webhook import verify
from app.main import create_app
from tests.conftest import guarded, make_settings
from tests.factories import add_person, bearer, invite, make_session
from tests.support.actions import backdate, capture, key, make_action
from tests.support.mailbox import Received, http_receiver


def wait_calls(calls: list[Received], n: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while len(calls) < n and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(calls) >= n, calls


@pytest.fixture
def hook_client(db_url: str, tmp_path: Path) -> Iterator[TestClient]:
    """An app without SMTP settings: webhooks need none."""
    settings = make_settings(
        db_url,
        tmp_path,
        mail_poll_seconds=0.1,
        mail_schedule_seconds=0.1,
        mail_retry_base_seconds=0.2,
    )
    with guarded(create_app(settings)) as client:
        yield client


def test_signed_events_for_actions_summary_and_overdue(hook_client: TestClient) -> None:
    client = hook_client
    # The receiver fails its first call: the outbox retries it.
    with http_receiver(status=lambda n: 500 if n == 1 else 200) as (calls, url):
        made = make_session(client, timezone="UTC")
        hook = client.post(
            f"/api/v1/sessions/{made.id}/webhooks",
            json={"url": url},
            headers=bearer(made.facilitator),
        )
        assert hook.status_code == 201, hook.text
        secret = hook.json()["secret"]
        bad = client.post(
            f"/api/v1/sessions/{made.id}/webhooks",
            json={"url": "ftp://x", "events": ["nope"]},
            headers=bearer(made.facilitator),
        )
        assert bad.status_code == 422
        dana = add_person(client, made, "Dana Lee", "Finance")
        marcus = add_person(client, made, "Marcus Okafor", "Sales")
        invite(client, made, dana["id"])
        item = capture(client, made, invite(client, made, marcus["id"]))
        action = make_action(client, made, dana["id"], item, date.today() + timedelta(days=5))
        wait_calls(calls, 2)  # the failed try, then the retry
        created = calls[-1]
        assert calls[0].body == created.body  # the same delivery again
        assert created.headers["x-roundtable-event"] == "action_item.created"
        stamp = int(created.headers["x-roundtable-timestamp"])
        assert verify(secret, stamp, created.body, created.headers["x-roundtable-signature"])
        assert not verify(
            "another-secret", stamp, created.body, created.headers["x-roundtable-signature"]
        )
        body = created.json()
        assert body["event"] == "action_item.created"
        assert "Dana Lee" in body["text"]  # what a Slack incoming webhook shows
        assert body["data"]["what"] == "Send discount codes earlier"

        client.post(
            f"/api/v1/sessions/{made.id}/board/lock",
            json={"id": key()},
            headers=bearer(made.facilitator),
        ).raise_for_status()
        wait_calls(calls, 3)
        assert calls[2].json()["event"] == "summary.ready"
        assert made.executive in calls[2].json()["text"]

        backdate(client, made.id, action, date.today() - timedelta(days=3))
        wait_calls(calls, 4)
        assert calls[3].json()["event"] == "action_item.overdue"
        time.sleep(0.5)  # more scheduler rounds: the overdue event goes once per due date
        assert len(calls) == 4


def test_a_series_webhook_hears_every_session_of_the_series(hook_client: TestClient) -> None:
    client = hook_client
    with http_receiver() as (calls, url):
        q1 = make_session(client, title="Q1 session", timezone="UTC")
        lone = client.post(
            f"/api/v1/sessions/{q1.id}/webhooks",
            json={"url": url, "series": True},
            headers=bearer(q1.facilitator),
        )
        assert lone.status_code == 422
        assert "in no series" in lone.text
        started = client.put(
            f"/api/v1/sessions/{q1.id}/series",
            json={"title": "Quarterly"},
            headers=bearer(q1.facilitator),
        )
        series_key = started.json()["series"]["key"]
        hook = client.post(
            f"/api/v1/sessions/{q1.id}/webhooks",
            json={"url": url, "series": True, "events": ["summary.ready"]},
            headers=bearer(q1.facilitator),
        )
        assert hook.status_code == 201, hook.text
        q2 = make_session(client, title="Q2 session", timezone="UTC", series_key=series_key)
        listed = client.get(f"/api/v1/sessions/{q2.id}/webhooks", headers=bearer(q2.facilitator))
        assert [h["series"] for h in listed.json()] == [True]
        client.post(
            f"/api/v1/sessions/{q2.id}/board/lock",
            json={"id": key()},
            headers=bearer(q2.facilitator),
        ).raise_for_status()
        wait_calls(calls, 1)
        assert calls[0].json()["event"] == "summary.ready"
        assert calls[0].json()["session_id"] == q2.id
        assert "Q2 session" in calls[0].json()["text"]
