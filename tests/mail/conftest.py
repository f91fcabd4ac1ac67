"""An app wired to a real local SMTP server, polling fast."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from tests.conftest import guarded, make_settings
from tests.support.mailbox import Mailbox, smtp_server

SENDER = "Roundtable <roundtable@example.org>"


@dataclass
class MailApp:
    client: TestClient
    box: Mailbox


@pytest.fixture
def mail_app(any_db_url: str, tmp_path: Path) -> Iterator[MailApp]:
    with smtp_server() as (box, url):
        settings = make_settings(
            any_db_url,
            tmp_path,
            smtp_url=url,
            mail_from=SENDER,
            mail_poll_seconds=0.1,
            mail_schedule_seconds=0.1,
            mail_retry_base_seconds=0.2,
        )
        with guarded(create_app(settings)) as client:
            yield MailApp(client, box)
