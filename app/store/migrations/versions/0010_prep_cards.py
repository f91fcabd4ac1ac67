"""prep cards, itinerary seen, follow-ups

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 20:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.store.types

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "prep_cards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("counterpart_id", sa.Integer(), nullable=False),
        sa.Column("for_them", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("my_ask", sqlmodel.sql.sqltypes.AutoString(length=600), nullable=False),
        sa.Column("my_offer", sqlmodel.sql.sqltypes.AutoString(length=600), nullable=False),
        sa.Column("updated_at", app.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["participants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["counterpart_id"], ["participants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("author_id", "counterpart_id", name="uq_prep_cards_pair"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_prep_cards_session", "prep_cards", ["session_id"], unique=False)
    op.create_table(
        "itinerary_seen",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("plan_version", sa.Integer(), nullable=False),
        sa.Column("seen_at", app.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("participant_id"),
    )
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("counterpart_id", sa.Integer(), nullable=False),
        sa.Column("round_no", sa.Integer(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("share", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("board_item_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("action_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("updated_at", app.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["participants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["counterpart_id"], ["participants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("author_id", "counterpart_id", name="uq_follow_ups_pair"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_follow_ups_session", "follow_ups", ["session_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_follow_ups_session", table_name="follow_ups")
    op.drop_table("follow_ups")
    op.drop_table("itinerary_seen")
    op.drop_index("ix_prep_cards_session", table_name="prep_cards")
    op.drop_table("prep_cards")
