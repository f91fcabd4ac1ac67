"""SMTP delivery with the outbox's commit placed just before the end of the message.

SMTP has no idempotent submission, so "exactly once" rests on where the sender records
"sent". We send the envelope and the whole message body, then commit "sent", and the very
next thing the process does is write the final ``CRLF . CRLF`` that tells the server to
accept it:

- killed before that commit: the server saw no end of data and throws the message away; the
  row's lease runs out and another sender delivers it again, once.
- killed after the three final bytes were written (one ``send``): they are in the kernel's
  socket buffer, which the kernel still delivers when the process dies, so the server accepts
  the message the row calls sent.
- killed between the commit and that ``send``: the row says sent and the server throws the
  message away. No ordering closes this gap (two systems, no shared transaction); it is kept
  to the few microseconds between two calls: the outbox commits at the driver and sends the
  dot before SQLAlchemy's bookkeeping (``outbox.mark_sent``; that bookkeeping, about 70 µs,
  used to sit in the gap and lost one message in a few hundred kills).

If the server refuses the message at the end (rare: a content filter), the row is set back to
queued or failed with its reply. If our lease was lost before the commit, the connection is
dropped mid-message, which makes the server discard it.
"""

from __future__ import annotations

import logging
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY

from app.domain.mail.smtp_url import SmtpTarget

log = logging.getLogger("roundtable.mail")


class DeliveryError(Exception):
    """A message could not be delivered; ``permanent`` when retrying cannot help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class ConnectionDropped(Exception):
    """The connection broke after a message was complete; it counts as sent, the connection
    is unusable."""


class LeaseLost(Exception):
    """Another sender owns the message now; this delivery was abandoned."""


def connect(target: SmtpTarget) -> smtplib.SMTP:
    """An open, greeted (and if asked, encrypted and logged-in) SMTP connection.

    Raises:
        DeliveryError: the server cannot be reached or refuses the login.
    """
    try:
        server: smtplib.SMTP
        if target.ssl:
            server = smtplib.SMTP_SSL(
                target.host,
                target.port,
                timeout=target.timeout,
                context=ssl.create_default_context(),
            )
        else:
            server = smtplib.SMTP(target.host, target.port, timeout=target.timeout)
        # The final dot goes out alone after the commit; with Nagle's algorithm it would wait
        # for the ACK of the body, which the server delays (40 ms): 25 messages a second.
        if server.sock is not None:
            server.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        server.ehlo()
        if target.starttls:
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
        if target.username:
            server.login(target.username, target.password or "")
        return server
    except smtplib.SMTPAuthenticationError as error:
        raise DeliveryError(f"SMTP login refused: {_reply(error)}", permanent=True) from error
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryError(f"Cannot reach {target.redacted()}: {error}") from error


def _reply(error: smtplib.SMTPResponseException) -> str:
    text = error.smtp_error.decode(errors="replace") if isinstance(error.smtp_error, bytes) else ""
    return f"{error.smtp_code} {text}".strip()


def _payload(message: EmailMessage) -> bytes:
    data = message.as_bytes(policy=SMTP_POLICY)
    data = re.sub(rb"(?m)^\.", b"..", data)  # dot-stuffing (RFC 5321 4.5.2)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


def send_one(
    server: smtplib.SMTP,
    sender: str,
    message: EmailMessage,
    commit_sent: Callable[[Callable[[], None]], bool],
) -> None:
    """Deliver one message; ``commit_sent(final_dot)`` records it as sent and sends the final
    dot straight after its commit (``outbox.mark_sent``), or returns False.

    Raises:
        LeaseLost: ``commit_sent`` returned False; the connection is now unusable.
        DeliveryError: the server refused (the connection stays usable unless it broke).
    """
    recipient = str(message["To"])
    try:
        code, reply = server.mail(sender)
        if code != 250:
            server.rset()
            raise DeliveryError(
                f"Sender refused: {code} {reply.decode(errors='replace')}", permanent=code >= 500
            )
        code, reply = server.rcpt(recipient)
        if code not in (250, 251):
            server.rset()
            raise DeliveryError(
                f"Recipient refused: {code} {reply.decode(errors='replace')}", permanent=code >= 500
            )
        server.putcmd("data")
        code, reply = server.getreply()
        if code != 354:
            server.rset()
            raise DeliveryError(
                f"DATA refused: {code} {reply.decode(errors='replace')}", permanent=code >= 500
            )
        server.send(_payload(message))
    except (OSError, smtplib.SMTPException) as error:
        if isinstance(error, DeliveryError):
            raise
        raise DeliveryError(f"SMTP conversation broke: {error}") from error

    def final_dot() -> None:
        try:
            server.send(b".\r\n")
        except (OSError, smtplib.SMTPException) as error:
            # The end of data never left: the server drops the message, so it goes again.
            raise DeliveryError(
                f"Connection lost before the end of the message: {error}"
            ) from error

    if not commit_sent(final_dot):
        raise LeaseLost(str(message["Message-ID"]))
    try:
        code, reply = server.getreply()
    except (OSError, smtplib.SMTPException) as error:
        # The end of data went out, and a queueing server keeps what it received whole.
        log.warning("%s: no reply after the end of data (%s); kept as sent", message["To"], error)
        raise ConnectionDropped(str(error)) from error
    if code != 250:
        raise DeliveryError(
            f"Message refused: {code} {reply.decode(errors='replace')}", permanent=code >= 500
        )


def close(server: smtplib.SMTP) -> None:
    """Say goodbye if the connection still works; drop it either way."""
    try:
        server.quit()
    except (OSError, smtplib.SMTPException):
        server.close()
