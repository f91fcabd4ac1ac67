"""series: review cadence in months (3 = quarterly)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 19:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("series") as batch:
        batch.add_column(
            sa.Column("cadence_months", sa.Integer(), nullable=False, server_default="3")
        )


def downgrade() -> None:
    with op.batch_alter_table("series") as batch:
        batch.drop_column("cadence_months")
