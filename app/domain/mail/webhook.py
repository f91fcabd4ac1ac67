"""Signed webhook bodies: HMAC-SHA256 over ``timestamp.body``, as Stripe and Slack do."""

from __future__ import annotations

import hashlib
import hmac

EVENTS = ("summary.ready", "action_item.created", "action_item.overdue")
SIGNATURE_HEADER = "X-Roundtable-Signature"
TIMESTAMP_HEADER = "X-Roundtable-Timestamp"
DELIVERY_HEADER = "X-Roundtable-Delivery"
EVENT_HEADER = "X-Roundtable-Event"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """``sha256=<hex>`` of ``f"{timestamp}."`` + body under ``secret``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify(secret: str, timestamp: int, body: bytes, presented: str) -> bool:
    """Whether ``presented`` is the signature of this body (constant-time compare).

    The receiver's side of ``signature``: the app only signs; the tests (and the webhook
    documentation's receivers) verify."""
    return hmac.compare_digest(signature(secret, timestamp, body), presented)
