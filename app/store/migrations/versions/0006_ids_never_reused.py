"""ids are never reused: SQLite tables get AUTOINCREMENT

Without AUTOINCREMENT, SQLite hands the highest freed rowid to the next row: remove the newest
participant, add another, and the newcomer gets the same id, and with it every board item,
vote and action item that names that id. PostgreSQL's sequences never go back, so only
SQLite's tables are rebuilt (batch mode; foreign keys are off meanwhile, see env.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 19:20:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Every table with an integer id, parents before children.
TABLES = (
    "goals",
    "participants",
    "access_links",
    "agendas",
    "agenda_revisions",
    "plans",
    "clock_controls",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in reversed(TABLES):
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": False}
        ):
            pass
