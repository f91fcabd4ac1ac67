"""Deliver claimed outbox messages: e-mail over one SMTP connection per batch, webhooks by POST."""

from __future__ import annotations

import json
import logging
import smtplib
import time
import urllib.error
import urllib.request
from datetime import timedelta
from functools import partial
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.domain.mail.smtp_url import parse_smtp_url
from app.domain.mail.timing import gives_up, retry_delay
from app.domain.mail.webhook import (
    DELIVERY_HEADER,
    EVENT_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    signature,
)
from app.mail import outbox, smtp
from app.mail.context import MailContext
from app.mail.render import email_message
from app.mail.tables import OutboxMessage, Webhook
from app.services.summary import service as summary
from app.services.summary.pdf import document as summary_pdf
from app.store.types import utcnow

log = logging.getLogger("roundtable.mail")


def _failure(
    ctx: MailContext, row: OutboxMessage, error: str, *, permanent: bool
) -> dict[str, Any]:
    attempts = row.attempts + 1
    if gives_up(attempts, permanent=permanent):
        return {"status": "failed", "attempts": attempts, "last_error": error[:2000]}
    base = timedelta(seconds=ctx.settings.mail_retry_base_seconds)
    return {
        "status": "queued",
        "attempts": attempts,
        "last_error": error[:2000],
        "next_attempt_at": utcnow() + retry_delay(attempts, base=base),
    }


def _files(engine: Engine, row: OutboxMessage) -> dict[str, bytes]:
    wanted = {a.get("generate") for a in row.body.get("attachments") or []}
    if "summary_pdf" not in wanted or row.session_id is None:
        return {}
    with Session(engine) as db:
        return {"summary_pdf": summary_pdf.pdf_bytes(summary.current_summary(db, row.session_id))}


def deliver_emails(engine: Engine, ctx: MailContext, rows: list[OutboxMessage], claim: str) -> int:
    """Send claimed e-mails over one connection; returns how many were sent."""
    if not ctx.enabled:
        with Session(engine) as db:
            for row in rows:
                assert row.id is not None
                outbox.release(
                    db,
                    row.id,
                    claim,
                    _failure(
                        ctx,
                        row,
                        "E-mail is off: set ROUNDTABLE_SMTP_URL and ROUNDTABLE_MAIL_FROM.",
                        permanent=True,
                    ),
                )
        return 0
    target = parse_smtp_url(ctx.settings.smtp_url or "")
    server: smtplib.SMTP | None = None
    sent = 0
    with Session(engine) as db:
        for row in rows:
            assert row.id is not None
            message_id = row.id
            try:
                if server is None:
                    server = smtp.connect(target)
                message = email_message(
                    sender=ctx.sender,
                    to=row.recipient,
                    key=row.key,
                    subject=row.subject,
                    body=row.body,
                    files=_files(engine, row),
                )
                smtp.send_one(
                    server,
                    ctx.sender,
                    message,
                    partial(outbox.mark_sent, db, message_id, claim),
                )
                sent += 1
            except smtp.ConnectionDropped:
                sent += 1
                server.close() if server else None
                server = None
            except smtp.LeaseLost:
                log.warning("outbox %s: taken over by another sender; abandoned", row.id)
                server.close() if server else None
                server = None
            except smtp.DeliveryError as error:
                log.warning("outbox %s to %s: %s", row.id, row.recipient, error)
                values = _failure(ctx, row, str(error), permanent=error.permanent)
                if not outbox.release(db, row.id, claim, values):
                    # Refused after "sent" was recorded: say so on the row all the same.
                    outbox.correct_sent(db, row.id, claim, values)
                if not error.permanent and server is not None:
                    smtp.close(server)
                    server = None
            except Exception as error:  # a message we cannot even build: fail it, go on
                log.exception("outbox %s: cannot be sent", row.id)
                outbox.release(db, row.id, claim, _failure(ctx, row, repr(error), permanent=True))
    if server is not None:
        smtp.close(server)
    return sent


def deliver_webhook(engine: Engine, ctx: MailContext, row: OutboxMessage, claim: str) -> bool:
    """POST one signed webhook body; 2xx is delivered, anything else is retried (4xx: failed)."""
    assert row.id is not None
    with Session(engine) as db:
        hook = db.get(Webhook, row.body.get("webhook_id"))
        if hook is None:
            outbox.release(
                db, row.id, claim, _failure(ctx, row, "The webhook was deleted.", permanent=True)
            )
            return False
        body = json.dumps(row.body["payload"], separators=(",", ":")).encode()
        stamp = int(time.time())
        request = urllib.request.Request(  # noqa: S310 - http(s) only, checked when registered
            row.recipient,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "User-Agent": "Roundtable-Webhook/1",
                SIGNATURE_HEADER: signature(hook.secret, stamp, body),
                TIMESTAMP_HEADER: str(stamp),
                DELIVERY_HEADER: row.key,
                EVENT_HEADER: row.kind,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                response.read(1024)
            return outbox.mark_sent(db, row.id, claim)
        except urllib.error.HTTPError as error:
            permanent = 400 <= error.code < 500 and error.code not in (408, 429)
            message = f"HTTP {error.code} {error.reason}"
        except (OSError, ValueError) as error:
            permanent, message = False, f"Cannot reach the webhook: {error}"
        outbox.release(db, row.id, claim, _failure(ctx, row, message, permanent=permanent))
        return False


def deliver_batch(engine: Engine, ctx: MailContext, worker: str) -> int:
    """Claim one batch and deliver it; returns how many messages were claimed."""
    claim = outbox.new_claim_id(worker)
    lease = timedelta(seconds=ctx.settings.mail_lease_seconds)
    with Session(engine) as db:
        rows = outbox.claim(db, claim, limit=ctx.settings.mail_batch_size, lease=lease)
    emails = [r for r in rows if r.channel == "email"]
    if emails:
        deliver_emails(engine, ctx, emails, claim)
    for row in rows:
        if row.channel == "webhook":
            deliver_webhook(engine, ctx, row, claim)
    return len(rows)
