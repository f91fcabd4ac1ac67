"""participants: when each first opened the live view

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 19:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.store.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.add_column(
            sa.Column("joined_live_at", app.store.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("joined_live_at")
