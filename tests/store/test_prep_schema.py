"""Migration 0010 on SQLite and PostgreSQL: tables, one card per pair, cascades."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from app.store.engine import make_engine
from app.store.migrate import alembic_config, upgrade
from app.store.models import FollowUp, LeadershipSession, Participant, PrepCard
from app.store.types import utcnow

TABLES = {"prep_cards", "itinerary_seen", "follow_ups"}


def _two_people(db: Session) -> tuple[int, int]:
    db.add(LeadershipSession(id="s1", title="T", starts_at=utcnow(), timezone="UTC"))
    a = Participant(session_id="s1", name="A", email="a@x.io", department="Finance")
    b = Participant(session_id="s1", name="B", email="b@x.io", department="Sales")
    db.add_all([a, b])
    db.commit()
    assert a.id is not None and b.id is not None  # noqa: PT018
    return a.id, b.id


def test_one_card_per_pair_and_cards_go_with_their_author(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    assert set(inspect(engine).get_table_names()) >= TABLES
    with Session(engine) as db:
        a, b = _two_people(db)
        db.add(PrepCard(session_id="s1", author_id=a, counterpart_id=b, my_ask="Could you?"))
        db.add(FollowUp(session_id="s1", author_id=a, counterpart_id=b, text="We agreed"))
        db.commit()
        db.add(PrepCard(session_id="s1", author_id=a, counterpart_id=b))
        with pytest.raises(IntegrityError):
            db.commit()
        db.rollback()
        db.delete(db.get(Participant, a))
        db.commit()
        assert db.get(PrepCard, 1) is None
        assert db.get(FollowUp, 1) is None
    engine.dispose()


def test_downgrade_to_0005_and_back(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path}/prep.db")
    upgrade(engine)
    command.downgrade(alembic_config(engine), "0005")
    assert not set(inspect(engine).get_table_names()) & TABLES
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()
