"""mail outbox, leases, opt-outs, executive recipients, webhooks

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 19:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.store.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

UTC = app.store.types.UTCDateTime(timezone=True)
Str = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=True),
        sa.Column("channel", Str(length=16), nullable=False),
        sa.Column("kind", Str(length=32), nullable=False),
        sa.Column("recipient", Str(length=500), nullable=False),
        sa.Column("subject", Str(length=300), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("status", Str(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTC, nullable=False),
        sa.Column("lease_owner", Str(length=64), nullable=True),
        sa.Column("lease_until", UTC, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("sent_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_due", "outbox", ["status", "next_attempt_at"])
    op.create_index("ix_outbox_session_id", "outbox", ["session_id"])
    op.create_table(
        "mail_leases",
        sa.Column("name", Str(length=32), nullable=False),
        sa.Column("holder", Str(length=64), nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "mail_opt_outs",
        sa.Column("email", Str(length=254), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("email"),
    )
    op.create_table(
        "executive_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("email", Str(length=254), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "email", name="uq_executive_recipients"),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "webhooks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=True),
        sa.Column("series_id", sa.String(length=32), nullable=True),
        sa.Column("url", Str(length=500), nullable=False),
        sa.Column("secret", Str(length=64), nullable=False),
        sa.Column("events", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["series_id"], ["series.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_webhooks_session_id", "webhooks", ["session_id"])
    op.create_index("ix_webhooks_series_id", "webhooks", ["series_id"])


def downgrade() -> None:
    op.drop_index("ix_webhooks_series_id", table_name="webhooks")
    op.drop_index("ix_webhooks_session_id", table_name="webhooks")
    op.drop_table("webhooks")
    op.drop_table("executive_recipients")
    op.drop_table("mail_opt_outs")
    op.drop_table("mail_leases")
    op.drop_index("ix_outbox_session_id", table_name="outbox")
    op.drop_index("ix_outbox_due", table_name="outbox")
    op.drop_table("outbox")
