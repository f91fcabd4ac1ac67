"""Webhooks: facilitator-registered URLs told of events, queued through the same outbox."""

from __future__ import annotations

import secrets
from typing import Any

from sqlmodel import Session, col, or_, select

from app.domain.errors import FieldError, Invalid, NotFound
from app.domain.mail.webhook import EVENTS
from app.mail import outbox
from app.mail.tables import Webhook
from app.store import repo


def add(
    db: Session, session_id: str, url: str, events: list[str] | None, *, series: bool
) -> Webhook:
    """Register a webhook for the session (or with ``series``, its whole series); commits.

    Raises:
        Invalid: not an http(s) URL, an unknown event, or no series to attach to.
    """
    url = url.strip()
    if not url.startswith(("https://", "http://")) or len(url) > 500:
        raise Invalid(
            "Give the webhook's URL.", [FieldError("url", "Enter an http:// or https:// URL.")]
        )
    chosen = list(events or EVENTS)
    unknown = [e for e in chosen if e not in EVENTS]
    if unknown:
        message = f"Unknown event {unknown[0]!r}: choose from {', '.join(EVENTS)}."
        raise Invalid(message, [FieldError("events", message)])
    hook = Webhook(url=url, secret=secrets.token_urlsafe(32), events=chosen)
    if series:
        found = repo.get_series_of(db, session_id)
        if found is None:
            message = "This session is in no series."
            raise Invalid(message, [FieldError("series", message)])
        hook.series_id = found.id
    else:
        hook.session_id = session_id
    db.add(hook)
    db.commit()
    db.refresh(hook)
    return hook


def remove(db: Session, session_id: str, hook_id: int) -> None:
    """Delete one of the session's webhooks; commits.

    Raises:
        NotFound: no such webhook on this session or its series.
    """
    hook = next((h for h in for_session(db, session_id) if h.id == hook_id), None)
    if hook is None:
        raise NotFound(f"No webhook {hook_id} on this session.")
    db.delete(hook)
    db.commit()


def for_session(db: Session, session_id: str) -> list[Webhook]:
    """The session's webhooks and its series'."""
    series = repo.get_series_of(db, session_id)
    where = col(Webhook.session_id) == session_id
    if series is not None:
        where = or_(where, col(Webhook.series_id) == series.id)
    return list(db.exec(select(Webhook).where(where).order_by(col(Webhook.id))).all())


def queue_event(
    db: Session, session_id: str, event: str, key: str, text: str, data: dict[str, Any]
) -> int:
    """Queue ``event`` to every webhook that wants it; the caller commits.

    ``text`` is what a Slack incoming webhook shows; the rest is for programs.
    """
    queued = 0
    for hook in for_session(db, session_id):
        if event not in hook.events:
            continue
        payload = {"event": event, "session_id": session_id, "text": text, "data": data}
        queued += outbox.enqueue(
            db,
            key=f"webhook:{hook.id}:{key}",
            channel="webhook",
            kind=event,
            recipient=hook.url,
            subject=text[:300],
            body={"payload": payload, "webhook_id": hook.id},
            session_id=session_id,
        )
    return queued
