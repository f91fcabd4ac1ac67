"""The series scorecard: each figure by hand over a scripted series of two sessions."""

from __future__ import annotations

import csv
import io
from datetime import date

from app.domain.series.scorecard import (
    ScorecardSession,
    build_scorecard,
    done_on_time,
    scorecard_rows,
)
from app.domain.summary.model import (
    ActionItemRecord,
    ActionStatus,
    BoardItemRecord,
    Impact,
    ParticipantRecord,
)

TODAY = date(2026, 12, 5)
PEOPLE = (
    ParticipantRecord(1, "Ann", "Sales", True),
    ParticipantRecord(2, "Bo", "Finance", True),
    ParticipantRecord(3, "Cy", "Ops", False),
)


def action(
    aid: int, owner: int, due: date, status: ActionStatus, done_on: date | None = None
) -> ActionItemRecord:
    return ActionItemRecord(aid, None, owner, f"Action {aid}", due, status, done_on=done_on)


Q3 = ScorecardSession(
    title="Q3",
    starts_on=date(2026, 6, 1),
    participants=PEOPLE,
    items=(
        BoardItemRecord(1, "Sales", ("Finance",), "Discount approvals take a week", Impact.HIGH),
        BoardItemRecord(2, "Ops", ("Sales", "Finance"), "Order changes arrive late", Impact.LOW),
        BoardItemRecord(3, "Sales", ("Finance",), "Removed", Impact.CRITICAL, removed=True),
    ),
    action_items=(
        action(1, 1, date(2026, 7, 1), ActionStatus.DONE, date(2026, 6, 20)),  # on time
        action(2, 2, date(2026, 7, 1), ActionStatus.DONE, date(2026, 8, 1)),  # late
        action(3, 2, date(2026, 8, 1), ActionStatus.BLOCKED),  # overdue and blocked
    ),
    agendas_on_time=frozenset({1, 2}),
)
Q4 = ScorecardSession(
    title="Q4",
    starts_on=date(2026, 9, 1),
    participants=PEOPLE,
    items=(
        BoardItemRecord(
            4, "Sales", ("Finance",), "Discount approvals take over a week", Impact.CRITICAL
        ),
    ),
    action_items=(action(4, 3, date(2027, 1, 1), ActionStatus.OPEN),),  # not due yet
    agendas_on_time=frozenset({1}),
)


def test_each_department_row_by_hand() -> None:
    card = build_scorecard("Quarterly", (Q3, Q4), today=TODAY, next_session=date(2026, 12, 10))

    rows = {d.department: d for d in card.departments}
    assert list(rows) == ["Finance", "Ops", "Sales"]
    sales, finance, ops = rows["Sales"], rows["Finance"], rows["Ops"]
    assert (sales.pushed, sales.received) == (2, 1)  # the removed item does not count
    assert (finance.pushed, finance.received) == (0, 3)
    assert (ops.pushed, ops.received) == (2, 0)
    assert (sales.committed, sales.done_on_time, sales.overdue, sales.blocked) == (1, 1, 0, 0)
    assert (finance.committed, finance.done_on_time, finance.overdue, finance.blocked) == (
        2,
        0,
        1,
        1,
    )
    assert (ops.committed, ops.overdue) == (1, 0)
    assert (sales.agendas_on_time, finance.agendas_on_time, ops.agendas_on_time) == (2, 1, 0)
    assert sales.sessions_invited == 2
    # Friction landing on each department per session: high 3 + low 1 on Finance, then critical 5.
    assert finance.friction == (4, 5)
    assert sales.friction == (1, 0)
    assert ops.friction == (0, 0)


def test_series_figures_by_hand() -> None:
    card = build_scorecard("Quarterly", (Q3, Q4), today=TODAY, next_session=date(2026, 12, 10))

    # Due before today: actions 1, 2, 3; only 1 was done on time.
    assert (card.actions_due, card.actions_done_on_time, card.follow_through_rate) == (3, 1, 33)
    assert card.recurring == 1  # "Discount approvals take over a week" again, Sales → Finance
    assert card.next_session == date(2026, 12, 10)


def test_done_late_is_not_on_time() -> None:
    assert done_on_time(action(1, 1, date(2026, 7, 1), ActionStatus.DONE, date(2026, 7, 1)))
    assert not done_on_time(action(1, 1, date(2026, 7, 1), ActionStatus.DONE, date(2026, 7, 2)))
    assert not done_on_time(action(1, 1, date(2026, 7, 1), ActionStatus.IN_PROGRESS))


def test_csv_rows_carry_the_same_numbers() -> None:
    card = build_scorecard("Quarterly", (Q3, Q4), today=TODAY)

    rows = list(csv.reader(io.StringIO("\n".join(",".join(r) for r in scorecard_rows(card)))))
    header, finance = rows[0], rows[1]
    assert header[:3] == ["department", "items_pushed", "items_received"]
    assert finance[:9] == ["Finance", "0", "3", "2", "0", "1", "1", "1", "2"]
    assert finance[9:] == ["4", "5"]
    assert ["series", "follow_through_rate_percent", "33"] in rows
    assert ["series", "next_session", ""] in rows
