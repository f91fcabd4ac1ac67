"""The summary and the series overview read what the board holds, as of a given day
(SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from app.services.actions import service as actions
from app.services.series import overview as series_overview
from app.services.sessions import series
from app.services.sessions.series import local_today
from app.services.sessions.service import get_session
from app.services.summary import service as summary
from tests.services.test_actions import with_actions
from tests.services.test_use_cases import KEYS


def test_the_summary_counts_the_board_and_its_actions_as_of_the_day_asked(any_db: Session) -> None:
    sid, made = with_actions(any_db, owners=[1, 2], days=[3, 14])
    owner = actions.row(any_db, sid, made[0]).action.owner
    actions.update_status(
        any_db, sid, command_id="status-0001", by=owner, action_id=made[0], status="in_progress"
    )
    today = local_today(get_session(any_db, sid))

    now = summary.summary_for(any_db, sid, today=today).summary
    later = summary.summary_for(any_db, sid, today=today + timedelta(days=10)).summary

    assert (now.headline.items_captured, now.headline.action_items) == (2, 2)
    assert (now.headline.action_items_overdue, later.headline.action_items_overdue) == (0, 1)
    assert sorted((a.what, a.status) for a in now.actions) == [
        ("Agree a quote deadline (14 days)", "open"),
        ("Agree a quote deadline (3 days)", "in_progress"),
    ]
    assert summary.current_summary(any_db, sid).summary.headline == now.headline


def test_the_series_overview_counts_each_sessions_actions(any_db: Session) -> None:
    sid, made = with_actions(any_db, owners=[1, 2, 3], days=[3, 14, 30])
    owner = actions.row(any_db, sid, made[0]).action.owner
    actions.update_status(
        any_db, sid, command_id="status-0001", by=owner, action_id=made[0], status="done"
    )
    alone = series_overview.overview(any_db, sid, "facilitator")
    group = series.create_series(any_db, KEYS, "Leadership 2027")
    series.join(any_db, sid, group)

    seen = series_overview.overview(any_db, sid, "facilitator")

    assert alone.series is None
    assert seen.series is not None
    assert seen.series.title == "Leadership 2027"
    (entry,) = seen.entries
    assert entry.current
    assert (entry.actions.done, entry.actions.open, entry.actions.overdue) == (1, 2, 0)
    assert entry.follow is None  # nothing before it to follow through on
