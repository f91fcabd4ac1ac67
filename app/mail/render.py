"""Messages from templates (``templates/mail``): the plain text and the HTML of each kind."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from app.assets import TEMPLATES_DIR


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR / "mail")),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class Attachment:
    """A file sent along: inline bytes, or ``generate`` (e.g. the summary PDF) at send time."""

    filename: str
    content_type: str
    data: bytes = b""
    generate: str = ""


@dataclass
class Rendered:
    """One message's parts, ready to store in the outbox."""

    subject: str
    text: str
    html: str
    attachments: list[Attachment] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def as_body(self) -> dict[str, Any]:
        """The outbox's JSON form."""
        return {
            "text": self.text,
            "html": self.html,
            "headers": self.headers,
            "attachments": [
                {
                    "filename": a.filename,
                    "content_type": a.content_type,
                    "data": base64.b64encode(a.data).decode(),
                    "generate": a.generate,
                }
                for a in self.attachments
            ],
        }


def render(kind: str, subject: str, **values: Any) -> Rendered:
    """Render ``templates/mail/{kind}.txt`` and ``.html`` with ``values``."""
    env = _environment()
    values.setdefault("opt_out_url", "")
    values = {"subject": subject, **values}
    text = env.get_template(f"{kind}.txt").render(values)
    html = env.get_template(f"{kind}.html").render(values)
    headers = {}
    if values["opt_out_url"]:
        headers["List-Unsubscribe"] = f"<{values['opt_out_url']}>"
    return Rendered(subject=subject, text=text, html=html, headers=headers)


def opt_out_token(secret_key: str, address: str) -> str:
    """A token that lets only the holder of a message to ``address`` opt it out."""
    mac = hmac.new(secret_key.encode(), f"opt-out:{address.lower()}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(mac.digest()[:18]).decode()


def opt_out_url(base_url: str, secret_key: str, address: str) -> str:
    """The per-address link that stops reminders and digests."""
    query = urlencode({"address": address.lower(), "token": opt_out_token(secret_key, address)})
    return f"{base_url.rstrip('/')}/mail/opt-out?{query}"


def message_id(key: str) -> str:
    """A Message-ID fixed by the idempotency key: a copy that did go twice reads as one."""
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@roundtable>"


def email_message(
    *, sender: str, to: str, key: str, subject: str, body: dict[str, Any], files: dict[str, bytes]
) -> EmailMessage:
    """The MIME message for an outbox row; ``files`` holds generated attachments by name."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = message_id(key)
    for name, value in (body.get("headers") or {}).items():
        message[name] = value
    message.set_content(body.get("text", ""))
    if body.get("html"):
        message.add_alternative(body["html"], subtype="html")
    for spec in body.get("attachments") or []:
        data = files.get(spec["generate"], b"") if spec.get("generate") else b""
        data = data or base64.b64decode(spec.get("data", ""))
        maintype, _, subtype = spec["content_type"].partition("/")
        params = {"method": "REQUEST"} if spec["content_type"] == "text/calendar" else {}
        message.add_attachment(
            data, maintype=maintype, subtype=subtype, filename=spec["filename"], params=params
        )
    return message
