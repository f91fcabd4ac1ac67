"""``roundtable mail-test ADDRESS`` through a real SMTP server."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.e2e.server import REPO_ROOT
from tests.support.mailbox import smtp_server


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from app.cli import main; main()", *args],
        cwd=REPO_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_mail_test_sends_one_message() -> None:
    with smtp_server() as (box, url):
        env = {"ROUNDTABLE_SMTP_URL": url, "ROUNDTABLE_MAIL_FROM": "rt@example.org"}
        done = run(env, "mail-test", "ops@example.com")
        assert done.returncode == 0, done.stderr
        assert "Sent a test message to ops@example.com" in done.stdout
        (message,) = box.wait_for(1)
        assert message["To"] == "ops@example.com"
        assert "Roundtable test message" in message["Subject"]


def test_mail_test_without_settings_says_what_to_set() -> None:
    done = run({"ROUNDTABLE_SMTP_URL": "", "ROUNDTABLE_MAIL_FROM": ""}, "mail-test", "a@b.io")
    assert done.returncode == 1
    assert "ROUNDTABLE_SMTP_URL" in done.stderr


def test_mail_test_with_a_bad_url_says_why() -> None:
    env = {"ROUNDTABLE_SMTP_URL": "http://x", "ROUNDTABLE_MAIL_FROM": "rt@example.org"}
    done = run(env, "mail-test", "a@b.io")
    assert done.returncode == 1
    assert "smtp:// or smtps://" in done.stderr
