"""The remaining read-and-restore use cases, called directly: a backup of a session, the
series scorecard and the previous session's follow-through (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from sqlmodel import Session, func, select

from app.domain.errors import Conflict, NotFound
from app.services.actions import service as actions
from app.services.backup import service as backup
from app.services.series import scorecard
from app.services.sessions import series
from app.services.summary import service as summary
from app.store.models import Participant
from tests.services.test_actions import with_actions
from tests.services.test_use_cases import KEYS


def _people(db: Session, sid: str) -> int:
    query = select(func.count()).select_from(Participant).where(Participant.session_id == sid)
    return int(db.exec(query).one())


def test_a_backup_holds_the_session_and_never_overwrites_it(any_db: Session) -> None:
    sid, made = with_actions(any_db, owners=[1, 2], days=[3, 14])

    document = backup.export_session(any_db, sid)

    assert json.loads(json.dumps(document)) == document  # plain JSON, nothing left to encode
    assert document["session"]["id"] == sid
    assert len(document["participants"]) == _people(any_db, sid) == 6
    board = json.dumps(document["board"])
    assert all(action in board for action in made)
    with pytest.raises(Conflict):
        backup.import_session(any_db, document)
    any_db.rollback()
    assert _people(any_db, sid) == 6  # the refused import added nothing
    with pytest.raises(NotFound):
        backup.export_session(any_db, "no-such-session")


def test_the_scorecard_reads_every_session_of_the_series(any_db: Session) -> None:
    first, made = with_actions(any_db, owners=[1, 2], days=[3, 14])
    owner = actions.row(any_db, first, made[0]).action.owner
    actions.update_status(
        any_db, first, command_id="status-0001", by=owner, action_id=made[0], status="done"
    )
    second, _ = with_actions(any_db, owners=[3], days=[7])
    alone = scorecard.scorecard_for(any_db, first, "executive")
    group = series.create_series(any_db, KEYS, "Leadership 2027")
    series.join(any_db, first, group)
    series.join(any_db, second, group)

    card = scorecard.scorecard_for(any_db, second, "facilitator")

    assert len(alone.sessions) == 1
    assert card.title == "Leadership 2027"
    assert len(card.sessions) == 2
    sales = next(d for d in card.departments if d.department == "Sales")
    finance = next(d for d in card.departments if d.department == "Finance")
    # Every board item (one per action: two, then one) is pushed by Sales onto Finance.
    assert (sales.pushed, finance.received) == (3, 3)
    assert sum(d.committed for d in card.departments) == 3
    # An executive of the first session does not see the later one.
    assert len(scorecard.scorecard_for(any_db, first, "executive").sessions) == 1


def test_the_previous_session_is_the_one_before_in_the_series(any_db: Session) -> None:
    first, made = with_actions(any_db, owners=[1, 2], days=[3, 14])
    second, _ = with_actions(any_db, owners=[3], days=[7])
    assert summary.previous_for(any_db, second) is None  # no series yet
    group = series.create_series(any_db, KEYS, "Leadership 2027")
    series.join(any_db, first, group)
    series.join(any_db, second, group)

    before = summary.previous_for(any_db, second)

    assert before is not None
    assert sorted(a.what for a in before.action_items) == [
        "Agree a quote deadline (14 days)",
        "Agree a quote deadline (3 days)",
    ]
    assert len(before.items) == 2  # one board item per action
    assert len(made) == 2
    assert summary.previous_for(any_db, first) is None  # nothing before the first
