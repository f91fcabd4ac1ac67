"""Ids are never reused after deletion, on SQLite and PostgreSQL, for every table.

Board documents, live events, links and backups name people and rows by id: a row that got a
deleted row's id would inherit whatever named the old one (issue 14: a newcomer inherited a
removed participant's board items and action items).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Integer, inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from app.mail.tables import ExecutiveRecipient, OutboxMessage, Webhook
from app.store.engine import make_engine
from app.store.models import (
    AccessLink,
    Agenda,
    AgendaRevision,
    ClockControl,
    FollowUp,
    Goal,
    LeadershipSession,
    Participant,
    PlanVersion,
    PrepCard,
)
from app.store.types import utcnow


def integer_id_tables(engine: Engine) -> dict[str, str]:
    """Every table of the migrated database whose key is one integer column: its name."""
    inspector = inspect(engine)
    found = {}
    for table in inspector.get_table_names():
        key = inspector.get_pk_constraint(table)["constrained_columns"]
        columns = {c["name"]: c for c in inspector.get_columns(table)}
        borrowed = {
            c for fk in inspector.get_foreign_keys(table) for c in fk["constrained_columns"]
        }
        # A key that is a foreign key (itinerary_seen.participant_id) names another table's row.
        if (
            len(key) == 1
            and isinstance(columns[key[0]]["type"], Integer)
            and key[0] not in borrowed
        ):
            found[table] = key[0]
    return found


def test_every_integer_id_comes_from_a_counter_that_never_goes_back(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    tables = integer_id_tables(engine)
    assert {"participants", "access_links", "goals", "agendas", "plans"} <= set(tables)
    with engine.connect() as connection:
        for table, column in tables.items():
            if engine.dialect.name == "sqlite":
                ddl = connection.execute(
                    text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t"),
                    {"t": table},
                ).scalar_one()
                assert "AUTOINCREMENT" in ddl, f"{table}: SQLite would reuse a freed id"
            else:
                default, identity = connection.execute(
                    text(
                        "SELECT column_default, is_identity FROM information_schema.columns "
                        "WHERE table_schema = 'public' AND table_name = :t AND column_name = :c"
                    ),
                    {"t": table, "c": column},
                ).one()
                assert identity == "YES" or "nextval" in (default or ""), table
    engine.dispose()


def _rows(session_id: str, people: list[int], agenda: int) -> dict[str, Callable[[int], Any]]:
    """A fresh row of each table, ``n`` making it unique."""
    return {
        "goals": lambda n: Goal(session_id=session_id, position=n, text=f"Goal {n}"),
        "participants": lambda n: Participant(
            session_id=session_id, name=f"P{n}", email=f"p{n}@x.io", department="D"
        ),
        "access_links": lambda n: AccessLink(
            session_id=session_id, role="executive", token_hash=f"{n:064d}", nonce="n"
        ),
        "agendas": lambda n: Agenda(session_id=session_id, participant_id=people[n], content={}),
        "agenda_revisions": lambda n: AgendaRevision(
            agenda_id=agenda, version=n, action="draft", author="a", content={}
        ),
        "plans": lambda n: PlanVersion(session_id=session_id, version=n, reason="r", author="a"),
        "clock_controls": lambda n: ClockControl(
            session_id=session_id, position=n, control_id=f"c{n}", kind="start", at=utcnow()
        ),
        "outbox": lambda n: OutboxMessage(
            key=f"k{n}", session_id=session_id, channel="email", kind="test", recipient="a@x.io"
        ),
        "executive_recipients": lambda n: ExecutiveRecipient(
            session_id=session_id, email=f"e{n}@x.io"
        ),
        "prep_cards": lambda n: PrepCard(
            session_id=session_id, author_id=people[0], counterpart_id=people[n]
        ),
        "follow_ups": lambda n: FollowUp(
            session_id=session_id,
            author_id=people[0],
            counterpart_id=people[n],
            text=f"We agree {n}",
        ),
        "webhooks": lambda n: Webhook(
            session_id=session_id, url=f"https://hooks.example/{n}", secret="s", events=[]
        ),
    }


def test_a_deleted_rows_id_is_never_handed_out_again(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    with Session(engine) as db:
        db.add(LeadershipSession(id="s1", title="T", starts_at=utcnow(), timezone="UTC"))
        people = [
            Participant(session_id="s1", name=f"A{n}", email=f"a{n}@x.io", department="D")
            for n in range(4)
        ]
        db.add_all(people)
        db.commit()
        first = Agenda(session_id="s1", participant_id=people[0].id, content={})
        db.add(first)
        db.commit()
        assert first.id is not None
        makers = _rows("s1", [p.id for p in people if p.id is not None], first.id)
        assert set(makers) == set(integer_id_tables(engine)), "a table without a case here"
        for table, make in makers.items():
            newest = make(1)
            db.add(newest)
            db.commit()
            freed = newest.id
            db.delete(newest)
            db.commit()
            again = make(2)
            db.add(again)
            db.commit()
            assert again.id > freed, f"{table} handed out id {freed} again"
    engine.dispose()


def test_models_ask_sqlite_for_autoincrement_everywhere() -> None:
    # Tables created from the models (not the migrations) keep the same promise.
    for table in SQLModel.metadata.tables.values():
        key = list(table.primary_key.columns)
        if len(key) == 1 and isinstance(key[0].type, Integer) and not key[0].foreign_keys:
            assert table.dialect_options["sqlite"]["autoincrement"], table.name
