"""The outbox's claims and the scheduler's lease, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event
from sqlmodel import Session, SQLModel

from app.mail import outbox, scheduler
from app.mail.tables import OutboxMessage
from app.store.engine import make_engine


def test_keys_claims_and_outcomes(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    lease = timedelta(seconds=60)
    with Session(engine) as db:
        assert outbox.enqueue(db, key="k", channel="email", kind="t", recipient="a", body={})
        assert not outbox.enqueue(db, key="k", channel="email", kind="t", recipient="b", body={})
        db.commit()
        (row,) = outbox.claim(db, "first", limit=5, lease=lease)
        assert row.recipient == "a"
        assert outbox.claim(db, "second", limit=5, lease=lease) == []  # leased
        assert row.id is not None
        assert not outbox.mark_sent(db, row.id, "second")  # not its claim
        assert outbox.mark_sent(db, row.id, "first")
        assert not outbox.mark_sent(db, row.id, "first")  # recorded once
        stored = db.get(OutboxMessage, row.id)
        assert stored is not None
        assert stored.status == "sent"
    engine.dispose()


def test_an_expired_lease_passes_to_another_sender_and_the_first_cannot_record(
    any_db_url: str,
) -> None:
    engine = make_engine(any_db_url)
    with Session(engine) as db:
        outbox.enqueue(db, key="k", channel="email", kind="t", recipient="a", body={})
        db.commit()
        (old,) = outbox.claim(db, "killed", limit=5, lease=timedelta(seconds=-1))
        (new,) = outbox.claim(db, "restarted", limit=5, lease=timedelta(seconds=60))
        assert old.id == new.id
        assert new.id is not None
        assert not outbox.mark_sent(db, new.id, "killed")
        assert outbox.mark_sent(db, new.id, "restarted")
    engine.dispose()


def _one_claimed_by_mine(db: Session) -> int:
    """One queued e-mail, claimed by the sender "mine"; returns its id."""
    outbox.enqueue(db, key="k", channel="email", kind="t", recipient="a", body={})
    db.commit()
    (row,) = outbox.claim(db, "mine", limit=5, lease=timedelta(seconds=60))
    assert row.id is not None
    return row.id


def test_the_final_dot_goes_out_the_moment_sent_is_durable(any_db_url: str) -> None:
    """A sender killed between the commit of "sent" and the final dot loses the message, so
    the dot is the next thing after the driver's commit: "sent" is already visible to every
    other connection when it runs, and SQLAlchemy's bookkeeping after a commit (about 70 µs,
    where a kill lost a message in CI) comes after it, not before."""
    engine = make_engine(any_db_url)
    steps: list[str] = []
    with Session(engine) as db:
        row_id = _one_claimed_by_mine(db)
        event.listen(db, "after_commit", lambda _session: steps.append("bookkeeping"))

        def final_dot() -> None:
            with Session(engine) as other:
                stored = other.get(OutboxMessage, row_id)
                assert stored is not None
                steps.append(f"dot after {stored.status}")

        assert outbox.mark_sent(db, row_id, "mine", final_dot)
        assert steps == ["dot after sent", "bookkeeping"]
        # Lost to another sender: nothing is recorded and no dot goes out.
        assert not outbox.mark_sent(db, row_id, "mine", final_dot)
        assert steps == ["dot after sent", "bookkeeping"]
    engine.dispose()


def test_a_final_dot_that_fails_leaves_the_row_sent_for_the_sender_to_correct(
    any_db_url: str,
) -> None:
    engine = make_engine(any_db_url)
    with Session(engine) as db:
        row_id = _one_claimed_by_mine(db)

        def broken_dot() -> None:
            raise OSError("connection reset")

        with pytest.raises(OSError, match="connection reset"):
            outbox.mark_sent(db, row_id, "mine", broken_dot)
        # The session is still usable, and the sender can say what really happened.
        assert outbox.correct_sent(db, row_id, "mine", {"status": "queued", "lease_until": None})
        stored = db.get(OutboxMessage, row_id)
        assert stored is not None
        assert (stored.status, stored.sent_at) == ("queued", None)
    engine.dispose()


class _CommitFailsOnce(sqlite3.Connection):
    fail = False

    def commit(self) -> None:
        if _CommitFailsOnce.fail:
            _CommitFailsOnce.fail = False
            raise sqlite3.OperationalError("disk I/O error")
        super().commit()


def test_a_failed_commit_of_sent_sends_no_dot_and_records_nothing(tmp_path: Path) -> None:
    """If the driver cannot commit "sent", no dot goes out and the session is rolled back: a
    later commit (the sender releasing the row) must not record "sent" after all."""
    path = tmp_path / "outbox.db"
    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(path, factory=_CommitFailsOnce, check_same_thread=False),
    )
    SQLModel.metadata.create_all(engine, tables=[OutboxMessage.__table__])
    dots: list[str] = []
    with Session(engine) as db:
        row_id = _one_claimed_by_mine(db)
        _CommitFailsOnce.fail = True
        with pytest.raises(sqlite3.OperationalError):
            outbox.mark_sent(db, row_id, "mine", lambda: dots.append("."))
        assert dots == []
        assert outbox.release(db, row_id, "mine", {"status": "queued", "attempts": 1})
    with Session(engine) as other:
        stored = other.get(OutboxMessage, row_id)
        assert stored is not None
        assert (stored.status, stored.sent_at) == ("queued", None)
    engine.dispose()


def test_one_scheduler_holds_the_lease_until_it_runs_out(any_db_url: str) -> None:
    engine = make_engine(any_db_url)
    ttl = timedelta(seconds=60)
    with Session(engine) as db:
        assert scheduler.take_lease(db, "a", ttl)
        assert not scheduler.take_lease(db, "b", ttl)
        assert scheduler.take_lease(db, "a", ttl)  # renewing
        assert scheduler.take_lease(db, "a", timedelta(seconds=-1))  # as if it ran out
        assert scheduler.take_lease(db, "b", ttl)
        assert not scheduler.take_lease(db, "a", ttl)
    engine.dispose()
