"""Action items: made from a board item, listed soonest due first, their status set by the
owner or the facilitator, a retry changing nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest
from sqlmodel import Session

from app.domain.board.commands import Capture, MakeAction
from app.domain.board.model import FACILITATOR, CaptureDraft
from app.domain.errors import Forbidden, Invalid, NotFound
from app.services.actions import service as actions
from app.services.board import service as board
from app.services.sessions.series import local_today
from app.services.sessions.service import get_session
from app.store.types import utcnow
from tests.services.test_use_cases import with_people


def with_actions(any_db: Session, owners: list[int], days: list[int]) -> tuple[str, list[str]]:
    """A session whose board holds one item per owner, each made an action due in ``days``."""
    sid, ids = with_people(any_db)
    today = local_today(get_session(any_db, sid))
    made = []
    for owner, due_in in zip(owners, days, strict=True):
        item = uuid4().hex
        draft = CaptureDraft(
            "Sales", ("Finance",), "Late quotes delay invoices", "high", no_goal=True
        )
        board.execute(any_db, sid, Capture(id=item, by=str(ids[0]), at=utcnow(), draft=draft))
        action = uuid4().hex
        make = MakeAction(
            id=uuid4().hex,
            by=FACILITATOR,
            at=utcnow(),
            item_id=item,
            action_id=action,
            owner=str(ids[owner]),
            what=f"Agree a quote deadline ({due_in} days)",
            due=today + timedelta(days=due_in),
        )
        board.execute(any_db, sid, make)
        made.append(action)
    return sid, made


def test_actions_are_listed_soonest_due_first_and_by_owner(any_db: Session) -> None:
    sid, made = with_actions(any_db, owners=[1, 2, 1], days=[14, 7, 3])

    assert [r.action.id for r in actions.rows(any_db, sid)] == [made[2], made[1], made[0]]
    first = actions.rows(any_db, sid)[0]
    mine = actions.rows(any_db, sid, owner=first.action.owner)
    assert [r.action.id for r in mine] == [made[2], made[0]]
    later = local_today(get_session(any_db, sid)) + timedelta(days=10)
    assert [r.overdue for r in actions.rows(any_db, sid, today=later)] == [True, True, False]


def test_the_owner_sets_a_status_once_and_a_retry_changes_nothing(any_db: Session) -> None:
    sid, made = with_actions(any_db, owners=[1], days=[7])
    owner = actions.row(any_db, sid, made[0]).action.owner

    row, event = actions.update_status(
        any_db, sid, command_id="status-0001", by=owner, action_id=made[0], status="done"
    )
    again, repeat = actions.update_status(
        any_db, sid, command_id="status-0001", by=owner, action_id=made[0], status="done"
    )

    assert event is not None
    assert repeat is None
    assert (row.status_label, again.status_label) == ("Done", "Done")
    assert actions.row(any_db, sid, made[0]).action.status == "done"


def test_someone_else_cannot_set_the_status_and_blocked_needs_a_reason(any_db: Session) -> None:
    sid, made = with_actions(any_db, owners=[1], days=[7])
    other = str(int(actions.row(any_db, sid, made[0]).action.owner) + 1)

    with pytest.raises(Forbidden):
        actions.update_status(
            any_db, sid, command_id="status-0002", by=other, action_id=made[0], status="done"
        )
    any_db.rollback()
    with pytest.raises(Invalid):
        actions.update_status(
            any_db,
            sid,
            command_id="status-0003",
            by=FACILITATOR,
            action_id=made[0],
            status="blocked",
        )
    any_db.rollback()
    with pytest.raises(NotFound):
        actions.row(any_db, sid, "no-such-action")

    assert actions.row(any_db, sid, made[0]).status_label == "Open"
