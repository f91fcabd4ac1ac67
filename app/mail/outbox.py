"""The outbox: write a message in the caller's transaction, claim it, record its outcome.

Claiming is an ``UPDATE ... WHERE`` the row is due and its lease has passed, stamped with a
claim id only this sender knows; on PostgreSQL the candidates are read ``FOR UPDATE SKIP
LOCKED`` so two workers never wait on each other's rows. A sender records "sent" only while
the row is still its claim (``finish_claim``), so of two senders that both hold an old lease
at most one can ever record it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from app.mail.tables import OutboxMessage
from app.store.types import utcnow

PENDING = ("queued", "sending")


def enqueue(
    db: Session,
    *,
    key: str,
    channel: str,
    kind: str,
    recipient: str,
    subject: str = "",
    body: dict[str, Any],
    session_id: str | None = None,
    not_before: datetime | None = None,
) -> bool:
    """Write one message unless ``key`` is already in the outbox; the caller commits.

    Returns whether a row was written. ``INSERT ... ON CONFLICT DO NOTHING`` rather than a
    look-up first: two schedulers (or a retried job) racing on one key keep exactly one row.
    """
    values = {
        "key": key[:255],
        "session_id": session_id,
        "channel": channel,
        "kind": kind,
        "recipient": recipient,
        "subject": subject[:300],
        "body": body,
        "status": "queued",
        "attempts": 0,
        "next_attempt_at": not_before or utcnow(),
        "last_error": "",
        "created_at": utcnow(),
    }
    dialect = db.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(OutboxMessage)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(col(OutboxMessage.id))
    )
    # RETURNING, not rowcount: psycopg reports a row for a conflict that inserted nothing.
    return db.execute(statement).first() is not None


def new_claim_id(worker: str) -> str:
    """An id for one claim: the worker's name and a random part (a restart never reuses it)."""
    return f"{worker[:40]}:{secrets.token_hex(8)}"


def claim(db: Session, claim_id: str, *, limit: int, lease: timedelta) -> list[OutboxMessage]:
    """Take up to ``limit`` due messages for ``lease``; commits, returns the claimed rows."""
    now = utcnow()
    free = or_(col(OutboxMessage.lease_until).is_(None), col(OutboxMessage.lease_until) < now)
    due = and_(
        col(OutboxMessage.status).in_(PENDING), col(OutboxMessage.next_attempt_at) <= now, free
    )
    candidates = select(OutboxMessage.id).where(due).order_by(col(OutboxMessage.id)).limit(limit)
    if db.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    ids = list(db.exec(candidates).all())
    if not ids:
        db.rollback()
        return []
    db.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id).in_(ids), due)  # again: another worker may have taken some
        .values(status="sending", lease_owner=claim_id, lease_until=now + lease)
        .execution_options(synchronize_session=False)
    )
    db.commit()
    mine = select(OutboxMessage).where(col(OutboxMessage.lease_owner) == claim_id)
    rows = list(db.exec(mine.order_by(col(OutboxMessage.id))).all())
    for row in rows:
        db.expunge(row)
    db.rollback()
    return rows


def finish_claim(db: Session, message_id: int, claim_id: str, **values: Any) -> bool:
    """Record an outcome for a message still held by ``claim_id``; commits.

    Returns False when another sender took the message over (our lease ran out and it
    claimed it): the caller must then abandon its delivery.
    """
    return _update_claimed(db, message_id, claim_id, "sending", values)


def mark_sent(
    db: Session, message_id: int, claim_id: str, then: Callable[[], None] | None = None
) -> bool:
    """Record delivery (before the last byte goes out; see ``smtp``); commits.

    ``then`` (the final dot) runs the moment the commit is durable, before SQLAlchemy's own
    bookkeeping after a commit (about 70 µs on a small server): a process killed between the
    commit and that send loses the message, so nothing else may run there. Its errors
    propagate. Returns False, without running ``then``, when another sender took the message
    over.
    """
    values = {"status": "sent", "sent_at": utcnow(), "lease_until": None, "last_error": ""}
    if not _claimed(db, message_id, claim_id, "sending", values):
        db.rollback()
        return False
    if then is None:
        db.commit()
        return True
    raw = db.connection().connection.dbapi_connection
    assert raw is not None
    try:
        raw.commit()
    except BaseException:
        db.rollback()  # nothing was recorded; the session must not commit "sent" later
        raise
    try:
        then()
    finally:
        db.commit()  # the bookkeeping; the driver's transaction is already committed
    return True


def correct_sent(db: Session, message_id: int, claim_id: str, values: dict[str, Any]) -> bool:
    """The server refused at the end a message this claim had recorded as sent: say so."""
    return _update_claimed(db, message_id, claim_id, "sent", {"sent_at": None, **values})


def _update_claimed(
    db: Session, message_id: int, claim_id: str, status: str, values: dict[str, Any]
) -> bool:
    """Update the message if ``claim_id`` still holds it in ``status``; commits. Returns
    whether it did."""
    done = _claimed(db, message_id, claim_id, status, values)
    db.commit()
    return done


def _claimed(
    db: Session, message_id: int, claim_id: str, status: str, values: dict[str, Any]
) -> bool:
    """The update of ``_update_claimed`` without the commit."""
    result = db.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == message_id,
            col(OutboxMessage.lease_owner) == claim_id,
            col(OutboxMessage.status) == status,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def release(db: Session, message_id: int, claim_id: str, values: dict[str, Any]) -> bool:
    """Give a message back after a failure: queued for a retry, or failed for good."""
    return finish_claim(db, message_id, claim_id, lease_until=None, **values)


def retry(db: Session, session_id: str, message_id: int) -> OutboxMessage | None:
    """Queue a failed (or sent) message once more, now; the caller commits. None: not found."""
    row = db.get(OutboxMessage, message_id)
    if row is None or row.session_id != session_id:
        return None
    if row.status in PENDING:
        return row
    row.status = "queued"
    row.next_attempt_at = utcnow()
    row.attempts = 0
    row.lease_owner = None
    row.lease_until = None
    db.add(row)
    return row


def for_session(db: Session, session_id: str, limit: int = 500) -> Sequence[OutboxMessage]:
    """A session's messages, newest first."""
    query = (
        select(OutboxMessage)
        .where(col(OutboxMessage.session_id) == session_id)
        .order_by(col(OutboxMessage.id).desc())
        .limit(limit)
    )
    return db.exec(query).all()


def counts(db: Session, session_id: str | None = None) -> dict[str, int]:
    """How many messages are in each status (of one session, or all)."""
    query = select(OutboxMessage.status)
    if session_id is not None:
        query = query.where(col(OutboxMessage.session_id) == session_id)
    result: dict[str, int] = {}
    for status in db.exec(query).all():
        result[status] = result.get(status, 0) + 1
    return result
