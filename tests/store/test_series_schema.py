"""Migration 0005 (series) on SQLite and PostgreSQL: tables, cascades, upgrading old data."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.store import repo
from app.store.engine import make_engine
from app.store.migrate import alembic_config, upgrade
from app.store.models import LeadershipSession, Series, SeriesMember
from app.store.types import utcnow


def _session(db: Session, session_id: str, hours: int = 0) -> None:
    from datetime import timedelta

    db.add(
        LeadershipSession(
            id=session_id,
            title=f"Session {session_id}",
            starts_at=utcnow() + timedelta(hours=hours),
            timezone="UTC",
        )
    )


def _series(db: Session, series_id: str = "q", key_hash: str = "h" * 64) -> None:
    db.add(Series(id=series_id, title="Quarterly", key_hash=key_hash, key_nonce="n"))


def test_series_tables_exist_with_their_index(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    inspector = inspect(engine)
    assert {"series", "series_sessions"} <= set(inspector.get_table_names())
    indexes = {i["name"] for i in inspector.get_indexes("series_sessions")}
    assert "ix_series_sessions_series" in indexes
    engine.dispose()


def test_members_come_in_date_order_and_go_with_their_session_or_series(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    with Session(engine) as db:
        _series(db)
        _session(db, "late", hours=48)
        _session(db, "early", hours=1)
        db.flush()
        db.add(SeriesMember(session_id="late", series_id="q"))
        db.add(SeriesMember(session_id="early", series_id="q"))
        db.commit()
        assert [s.id for s in repo.list_series_sessions(db, "q")] == ["early", "late"]
        series = repo.get_series_of(db, "late")
        assert series is not None
        assert series.title == "Quarterly"
        db.execute(text("DELETE FROM sessions WHERE id = 'late'"))
        db.commit()
        assert [s.id for s in repo.list_series_sessions(db, "q")] == ["early"]
        db.execute(text("DELETE FROM series WHERE id = 'q'"))
        db.commit()
        assert db.execute(text("SELECT count(*) FROM series_sessions")).scalar() == 0
        assert repo.get_session(db, "early") is not None  # the session itself stays
    engine.dispose()


def test_a_series_key_hash_is_unique(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    with Session(engine) as db:
        _series(db, "a")
        db.commit()
        _series(db, "b")
        with pytest.raises(IntegrityError):
            db.commit()
    engine.dispose()


def test_upgrading_from_0004_keeps_sessions_and_downgrading_drops_only_series(
    any_db_url: str,
) -> None:
    engine = make_engine(any_db_url)
    command.downgrade(alembic_config(engine), "0004")
    assert "series" not in inspect(engine).get_table_names()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sessions (id, title, starts_at, timezone, ground_rules, created_at, "
                "agenda_window, framing_mode, event_seq) VALUES ('old', 'Old session', "
                "'2026-01-01 09:00:00+00:00', 'UTC', '[]', '2026-01-01 09:00:00+00:00', 'auto', "
                "'warn_only', 0)"
            )
        )
    upgrade(engine)
    with Session(engine) as db:
        assert repo.get_session(db, "old") is not None
        assert repo.get_series_of(db, "old") is None
        _series(db)
        db.flush()
        db.add(SeriesMember(session_id="old", series_id="q"))
        db.commit()
    command.downgrade(alembic_config(engine), "0004")
    with Session(engine) as db:
        assert repo.get_session(db, "old") is not None
    upgrade(engine)
    engine.dispose()
