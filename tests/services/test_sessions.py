"""Sessions, goals and series membership, called directly (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from app.domain.errors import Conflict, Invalid, NotFound
from app.services.demo.service import GOALS
from app.services.sessions import series
from app.services.sessions import service as sessions
from app.services.sessions.schemas import SessionCreate, SessionUpdate
from app.store import repo
from tests.services.test_use_cases import KEYS


def create(
    any_db: Session, *, days: int = 1, title: str | None = None, key: str | None = None
) -> str:
    starts = datetime.now(UTC) + timedelta(days=days)
    data = SessionCreate(
        title="Quarterly leadership",
        starts_at=starts,
        goals=list(GOALS),
        series_title=title,
        series_key=key,
    )
    return sessions.create_session(any_db, KEYS, data).session.id


def test_a_naive_start_is_read_in_the_new_time_zone(any_db: Session) -> None:
    sid = create(any_db)
    change = SessionUpdate(starts_at=datetime(2027, 1, 14, 9, 0), timezone="Europe/Berlin")

    sessions.update_session(any_db, sid, change)
    any_db.expire_all()

    row = sessions.get_session(any_db, sid)
    assert row.timezone == "Europe/Berlin"
    assert row.starts_at == datetime(2027, 1, 14, 8, 0, tzinfo=UTC)


def test_goals_are_added_reworded_and_removed_but_never_the_last(any_db: Session) -> None:
    sid = create(any_db)
    added = sessions.add_goal(any_db, sid, "Ship the new billing on time")
    assert added.id is not None
    sessions.update_goal(any_db, sid, added.id, "Ship billing by June")
    assert repo.list_goals(any_db, sid)[-1].text == "Ship billing by June"

    *others, last = [g.id for g in repo.list_goals(any_db, sid) if g.id is not None]
    for goal_id in others:
        sessions.delete_goal(any_db, sid, goal_id)
    with pytest.raises(Conflict):
        sessions.delete_goal(any_db, sid, last)
    any_db.rollback()

    assert [g.id for g in repo.list_goals(any_db, sid)] == [last]
    with pytest.raises(NotFound):
        sessions.update_goal(any_db, sid, others[0], "Gone")


def test_a_series_collects_sessions_and_shows_participants_only_the_past(any_db: Session) -> None:
    first = create(any_db, days=1, title="Leadership 2027")
    group = series.require_series(any_db, first)
    key = series.series_key(KEYS, group)
    assert key is not None
    second = create(any_db, days=90, key=key)

    assert [s.id for s in series.earlier_sessions(any_db, second)] == [first]
    assert [s.id for s in series.visible_sessions(any_db, first, "participant")] == [first]
    assert [s.id for s in series.visible_sessions(any_db, first, "facilitator")] == [first, second]
    assert series.rename(any_db, second, "  Leadership  2027 ").title == series.clean_title(
        "Leadership 2027"
    )


def test_a_new_series_key_closes_the_old_one(any_db: Session) -> None:
    sid = create(any_db, title="Leadership 2027")
    old = series.series_key(KEYS, series.require_series(any_db, sid))
    assert old is not None

    new = series.series_key(KEYS, series.replace_key(any_db, KEYS, sid))

    assert new is not None
    assert new != old
    assert series.find_by_key(any_db, new).id == series.require_series(any_db, sid).id
    with pytest.raises(Invalid):
        series.find_by_key(any_db, old)


def test_the_last_session_leaving_deletes_the_series(any_db: Session) -> None:
    sid = create(any_db, title="Leadership 2027")
    key = series.series_key(KEYS, series.require_series(any_db, sid))
    assert key is not None

    series.leave(any_db, sid)

    with pytest.raises(NotFound):
        series.require_series(any_db, sid)
    with pytest.raises(Invalid):
        series.find_by_key(any_db, key)
    assert series.review_due(any_db, sid) is None


def test_the_cadence_sets_the_next_review_and_refuses_odd_months(any_db: Session) -> None:
    sid = create(any_db, title="Leadership 2027")

    series.set_cadence(any_db, sid, "6")
    due = series.review_due(any_db, sid)

    assert due is not None
    assert due.cadence_months == 6
    with pytest.raises(Invalid):
        series.set_cadence(any_db, sid, "4")
    any_db.rollback()
    assert series.require_series(any_db, sid).cadence_months == 6
