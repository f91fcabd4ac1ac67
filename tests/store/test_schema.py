"""The store on SQLite and PostgreSQL: migrations, cascades, time zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session

from app.store import repo
from app.store.engine import make_engine
from app.store.migrate import upgrade
from app.store.models import AccessLink, Goal, LeadershipSession, Participant
from app.store.types import utcnow

EXPECTED_TABLES = {
    "sessions",
    "goals",
    "participants",
    "access_links",
    "agendas",
    "agenda_revisions",
    "plans",
    "clock_controls",
    "live_events",
    "alembic_version",
}


def test_migrations_build_the_schema_and_are_idempotent(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    upgrade(engine)  # already at head: a no-op, not an error
    assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()


def test_downgrade_to_base_and_back(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command

    from app.store.migrate import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path}/down.db")
    upgrade(engine)
    command.downgrade(alembic_config(engine), "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
    engine.dispose()


def _session(db: Session, session_id: str = "s1") -> LeadershipSession:
    row = LeadershipSession(
        id=session_id, title="T", starts_at=utcnow(), timezone="UTC", ground_rules=["r"]
    )
    db.add(row)
    db.commit()
    return row


def test_deleting_a_session_cascades_to_everything_it_owns(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    with Session(engine) as db:
        _session(db)
        db.add(Goal(session_id="s1", position=1, text="Goal"))
        person = Participant(session_id="s1", name="A", email="a@x.io", department="D")
        db.add(person)
        db.commit()
        db.add(
            AccessLink(
                session_id="s1",
                role="participant",
                participant_id=person.id,
                token_hash="h" * 64,
                nonce="n",
            )
        )
        db.commit()
        db.execute(text("DELETE FROM sessions WHERE id = 's1'"))
        db.commit()
        for table in ("goals", "participants", "access_links"):
            assert db.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
    engine.dispose()


def test_email_is_unique_within_a_session(any_db_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    engine = make_engine(any_db_url)
    with Session(engine) as db:
        _session(db)
        db.add(Participant(session_id="s1", name="A", email="a@x.io", department="D"))
        db.commit()
        db.add(Participant(session_id="s1", name="B", email="a@x.io", department="D"))
        with pytest.raises(IntegrityError):
            db.commit()
    engine.dispose()


def test_datetimes_come_back_aware_and_in_utc(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    berlin_morning = datetime(2027, 1, 14, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    with Session(engine) as db:
        db.add(LeadershipSession(id="s2", title="T", starts_at=berlin_morning, timezone="UTC"))
        db.commit()
    with Session(engine) as db:
        loaded = repo.get_session(db, "s2")
        assert loaded is not None
        assert loaded.starts_at == datetime(2027, 1, 14, 8, 0, tzinfo=UTC)
        assert loaded.starts_at.utcoffset() == timedelta(0)
    engine.dispose()


def test_naive_datetimes_are_refused(db_url: str) -> None:
    from sqlalchemy.exc import StatementError

    engine = make_engine(db_url)
    with Session(engine) as db:
        db.add(
            LeadershipSession(id="s3", title="T", starts_at=datetime(2027, 1, 1), timezone="UTC")
        )
        with pytest.raises(StatementError, match="naive datetime"):
            db.commit()
    engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_upgrading_keeps_rows_written_by_the_first_schema(any_db_url: str) -> None:
    from alembic import command

    from app.store.migrate import alembic_config

    engine = make_engine(any_db_url)
    command.downgrade(alembic_config(engine), "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sessions (id, title, starts_at, timezone, ground_rules, created_at) "
                "VALUES ('old', 'Old session', '2026-01-01 09:00:00+00:00', 'UTC', '[]', "
                "'2026-01-01 09:00:00+00:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO participants (session_id, name, email, department, title, created_at) "
                "VALUES ('old', 'Ann', 'ann@x.io', 'Ops', '', '2026-01-01 09:00:00+00:00')"
            )
        )
    upgrade(engine)
    with Session(engine) as db:
        row = repo.get_session(db, "old")
        assert row is not None
        assert row.agenda_window == "auto"
        assert row.framing_mode == "warn_only"
        assert row.event_seq == 0
        assert [p.attendance for p in repo.list_participants(db, "old")] == ["expected"]
    engine.dispose()
