"""Tables of the mail feature: the outbox, leases, opt-outs, executive recipients, webhooks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.store.models import never_reuse_ids
from app.store.types import UTCDateTime, utcnow

STATUSES = ("queued", "sending", "sent", "failed")


class OutboxMessage(SQLModel, table=True):
    """One e-mail or webhook call to deliver, written with the change that causes it.

    ``key`` is the idempotency key: writing the same key twice keeps the first row, so a
    reminder job that runs again (or on two workers) queues nothing new. A sender owns a row
    while ``lease_owner`` is its claim and ``lease_until`` has not passed.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_column=Column(String(255), unique=True, nullable=False))
    session_id: str | None = Field(
        default=None,
        sa_column=Column(
            String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=True, index=True
        ),
    )
    channel: str = Field(max_length=16)  # email | webhook
    kind: str = Field(max_length=32)
    recipient: str = Field(max_length=500)
    subject: str = Field(default="", max_length=300)
    body: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="queued", max_length=16)
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MailLease(SQLModel, table=True):
    """A named lease (the scheduler's): one holder until ``expires_at``."""

    __tablename__ = "mail_leases"

    name: str = Field(primary_key=True, max_length=32)
    holder: str = Field(max_length=64)
    expires_at: datetime = Field(sa_type=UTCDateTime)


class MailOptOut(SQLModel, table=True):
    """An address that asked for no more reminders or digests (invitations still go)."""

    __tablename__ = "mail_opt_outs"

    email: str = Field(primary_key=True, max_length=254)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ExecutiveRecipient(SQLModel, table=True):
    """An executive who receives the session's summary when the board is locked."""

    __tablename__ = "executive_recipients"
    __table_args__ = (UniqueConstraint("session_id", "email", name="uq_executive_recipients"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: str = Field(
        sa_column=Column(String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False)
    )
    email: str = Field(max_length=254)


class Webhook(SQLModel, table=True):
    """A URL told of a session's (or a whole series') events, signed with ``secret``."""

    __tablename__ = "webhooks"

    id: int | None = Field(default=None, primary_key=True)
    session_id: str | None = Field(
        default=None,
        sa_column=Column(
            String(32), ForeignKey("sessions.id", ondelete="CASCADE"), nullable=True, index=True
        ),
    )
    series_id: str | None = Field(
        default=None,
        sa_column=Column(
            String(32), ForeignKey("series.id", ondelete="CASCADE"), nullable=True, index=True
        ),
    )
    url: str = Field(max_length=500)
    secret: str = Field(max_length=64)
    events: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


never_reuse_ids()  # these tables' ids are never handed out twice either (see app/store/models)
