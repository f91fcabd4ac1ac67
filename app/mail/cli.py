"""``roundtable mail-test``: one message straight to the SMTP server, with its answer."""

from __future__ import annotations

import secrets
from collections.abc import Callable

from app.config import Settings
from app.domain.mail.smtp_url import parse_smtp_url
from app.mail import smtp
from app.mail.context import MailContext
from app.mail.messages import test_message
from app.mail.render import email_message
from app.services.links.service import LinkKeys


def send_test(settings: Settings, address: str) -> str:
    """Send the test message; returns what to print.

    Raises:
        ValueError: e-mail is not configured, the URL is wrong, or the server refused.
    """
    if not settings.mail_enabled:
        raise ValueError("E-mail is off: set ROUNDTABLE_SMTP_URL and ROUNDTABLE_MAIL_FROM.")
    target = parse_smtp_url(settings.smtp_url or "")
    ctx = MailContext(settings, LinkKeys("", settings.offline_base_url()))
    rendered = test_message(ctx, address)
    message = email_message(
        sender=ctx.sender,
        to=address,
        key=f"mail-test:{secrets.token_hex(8)}",
        subject=rendered.subject,
        body=rendered.as_body(),
        files={},
    )
    try:
        server = smtp.connect(target)
        try:
            smtp.send_one(server, ctx.sender, message, _no_outbox)
        finally:
            smtp.close(server)
    except smtp.DeliveryError as error:
        raise ValueError(str(error)) from error
    return f"Sent a test message to {address} through {target.redacted()}."


def _no_outbox(final_dot: Callable[[], None]) -> bool:
    """A test message has no outbox row to record: just finish it."""
    final_dot()
    return True
