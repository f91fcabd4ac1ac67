"""Follow-ups after a meeting: private ones stay with their author, a proposal waits for the
facilitator and becomes a board item and an action item when accepted, and then cannot change
(SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.domain.errors import Conflict, Invalid, NotFound
from app.services.actions import follow_ups
from app.services.actions import service as actions
from app.services.actions.follow_ups import FollowUpInput
from tests.services.test_use_cases import with_people


def test_a_private_follow_up_is_the_authors_alone(any_db: Session) -> None:
    sid, ids = with_people(any_db)

    row, event = follow_ups.save(any_db, sid, ids[0], ids[1], FollowUpInput("Call about quotes"))

    assert event is None
    assert [f.id for f in follow_ups.mine(any_db, sid, ids[0])] == [row.id]
    assert follow_ups.mine(any_db, sid, ids[1]) == []
    assert follow_ups.proposed(any_db, sid) == []
    assert row.id is not None
    with pytest.raises(NotFound):  # the facilitator cannot accept what was never proposed
        follow_ups.accept(any_db, sid, row.id)


def test_an_accepted_proposal_is_an_action_of_its_owner_and_is_then_fixed(any_db: Session) -> None:
    sid, ids = with_people(any_db)
    data = FollowUpInput("Agree a quote deadline", share="proposed", owner_id=ids[1], round_no=1)
    row, _ = follow_ups.save(any_db, sid, ids[0], ids[1], data)
    assert [f.id for f in follow_ups.proposed(any_db, sid)] == [row.id]
    assert row.id is not None

    accepted, event = follow_ups.accept(any_db, sid, row.id)

    assert event is not None
    assert follow_ups.proposed(any_db, sid) == []
    (made,) = actions.rows(any_db, sid)
    assert (made.action.what, made.action.owner) == ("Agree a quote deadline", str(ids[1]))
    assert made.action.id == accepted.action_id
    assert follow_ups.agreed_counts(any_db, sid) == {1: 1}
    with pytest.raises(Conflict):
        follow_ups.save(any_db, sid, ids[0], ids[1], FollowUpInput("Changed my mind"))


def test_an_owner_outside_the_meeting_is_refused(any_db: Session) -> None:
    sid, ids = with_people(any_db)
    data = FollowUpInput("Agree a quote deadline", share="proposed", owner_id=ids[2])

    with pytest.raises(Invalid):
        follow_ups.save(any_db, sid, ids[0], ids[1], data)
    any_db.rollback()

    assert follow_ups.mine(any_db, sid, ids[0]) == []
