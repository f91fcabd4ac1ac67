"""The series scorecard: per department and for the whole series, readable in ten seconds.

Definitions (each shown beside its figure):

* *Pushed* / *received*: captured items (visible to the room, neither removed nor merged) a
  department raised onto another / that landed on it from another, over the sessions shown.
* *Committed*: action items it owns. *Done on time*: marked done on or before the due date.
  *Overdue*: due before today and not done. *Blocked*: marked blocked now.
* *Agenda on time*: sessions for which it submitted its agenda before the session started.
* *Friction trend*: per session, the impact weight of the items landing on the department.
* *Follow-through rate*: of the action items due before today, the share done on time.
* *Recurring items*: items that resemble one of the session before on the same department pair.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from app.domain.summary.edges import DepartmentNames, department_key, item_pairs, names_for
from app.domain.summary.followup import count_recurring, index_items, is_overdue
from app.domain.summary.model import (
    IMPACT_WEIGHTS,
    ActionItemRecord,
    ActionStatus,
    BoardItemRecord,
    ItemIndex,
    ParticipantRecord,
)

SCORECARD_DEFINITIONS: dict[str, str] = {
    "pushed": "Captured items this department raised onto another.",
    "received": "Captured items that landed on this department from another.",
    "committed": "Action items this department's people own.",
    "done_on_time": "Marked done on or before the due date.",
    "overdue": "Due before today and not done.",
    "blocked": "Marked blocked now.",
    "agendas_on_time": "Sessions for which it submitted its agenda before the session started.",
    "friction": "Per session: the impact weight of the items landing on this department.",
    "follow_through": "Of the action items due before today, the share done on time.",
    "recurring": "Items resembling one of the session before, on the same department pair.",
}


@dataclass(frozen=True)
class ScorecardSession:
    """One session of the series, as the scorecard reads it."""

    title: str
    starts_on: date
    participants: tuple[ParticipantRecord, ...]
    items: tuple[BoardItemRecord, ...]
    action_items: tuple[ActionItemRecord, ...]
    agendas_on_time: frozenset[int] = field(default_factory=frozenset)  # participant ids
    # Optional work done ahead (by a caller that caches it): ``items`` indexed, and how many of
    # them recur from the session before this one in the scorecard. None: computed here.
    index: ItemIndex | None = field(default=None, compare=False, repr=False)
    recurring_from_before: int | None = None


@dataclass(frozen=True)
class DepartmentScore:
    """One department's row of the scorecard."""

    department: str
    pushed: int
    received: int
    committed: int
    done_on_time: int
    overdue: int
    blocked: int
    agendas_on_time: int
    sessions_invited: int
    friction: tuple[int, ...]


@dataclass(frozen=True)
class Scorecard:
    """The scorecard of a series as of ``as_of``."""

    title: str
    as_of: date
    sessions: tuple[tuple[str, date], ...]
    departments: tuple[DepartmentScore, ...]
    actions_due: int
    actions_done_on_time: int
    recurring: int
    next_session: date | None

    @property
    def follow_through_rate(self) -> int | None:
        """Percent of the action items due before today that were done on time (None: none)."""
        if not self.actions_due:
            return None
        return round(100 * self.actions_done_on_time / self.actions_due)


def done_on_time(action: ActionItemRecord) -> bool:
    """Done, and marked done no later than its due date (undated: done counts as on time)."""
    if action.status != ActionStatus.DONE:
        return False
    return action.due is None or action.done_on is None or action.done_on <= action.due


def build_scorecard(
    title: str,
    sessions: tuple[ScorecardSession, ...],
    *,
    today: date,
    next_session: date | None = None,
) -> Scorecard:
    """The scorecard over ``sessions`` (oldest first) as of ``today``."""
    all_items = tuple(i for s in sessions for i in s.items)
    names = names_for((p.department for s in sessions for p in s.participants), all_items)
    rows: dict[str, dict[str, int]] = {}
    friction: dict[str, list[int]] = {}
    for index, session in enumerate(sessions):
        _count_items(session, names, rows, friction, index, len(sessions))
        _count_actions(session, names, rows, today)
    departments = tuple(
        DepartmentScore(
            department=names.display(key),
            friction=tuple(friction.get(key, [0] * len(sessions))),
            **{k: counts.get(k, 0) for k in _COUNTS},
        )
        for key, counts in sorted(rows.items(), key=lambda kv: names.display(kv[0]).casefold())
    )
    due = [a for s in sessions for a in s.action_items if a.due is not None and a.due < today]
    return Scorecard(
        title=title,
        as_of=today,
        sessions=tuple((s.title, s.starts_on) for s in sessions),
        departments=departments,
        actions_due=len(due),
        actions_done_on_time=sum(1 for a in due if done_on_time(a)),
        recurring=_recurring(sessions),
        next_session=next_session,
    )


_COUNTS = (
    "pushed",
    "received",
    "committed",
    "done_on_time",
    "overdue",
    "blocked",
    "agendas_on_time",
    "sessions_invited",
)


def _row(rows: dict[str, dict[str, int]], key: str) -> dict[str, int]:
    return rows.setdefault(key, {})


def _count_items(
    session: ScorecardSession,
    names: DepartmentNames,
    rows: dict[str, dict[str, int]],
    friction: dict[str, list[int]],
    index: int,
    total: int,
) -> None:
    for person in session.participants:
        row = _row(rows, department_key(person.department))
        row["sessions_invited"] = row.get("sessions_invited", 0) + 1
        if person.id in session.agendas_on_time:
            row["agendas_on_time"] = row.get("agendas_on_time", 0) + 1
    for item in session.items:
        if not item.active:
            continue
        for source, target in item_pairs(item):
            pushed, received = _row(rows, source), _row(rows, target)
            pushed["pushed"] = pushed.get("pushed", 0) + 1
            received["received"] = received.get("received", 0) + 1
            trend = friction.setdefault(target, [0] * total)
            trend[index] += IMPACT_WEIGHTS[item.impact]
    for key in rows:
        friction.setdefault(key, [0] * total)


def _count_actions(
    session: ScorecardSession,
    names: DepartmentNames,
    rows: dict[str, dict[str, int]],
    today: date,
) -> None:
    owners: Mapping[int, ParticipantRecord] = {p.id: p for p in session.participants}
    for action in session.action_items:
        owner = owners.get(action.owner_id) if action.owner_id is not None else None
        if owner is None:
            continue
        row = _row(rows, department_key(owner.department))
        row["committed"] = row.get("committed", 0) + 1
        row["done_on_time"] = row.get("done_on_time", 0) + done_on_time(action)
        row["overdue"] = row.get("overdue", 0) + is_overdue(action, today)
        row["blocked"] = row.get("blocked", 0) + (action.status == ActionStatus.BLOCKED)


def _recurring(sessions: tuple[ScorecardSession, ...]) -> int:
    # Each session is compared with the one before and the one after it: index it once.
    indexes: dict[int, ItemIndex] = {}

    def index(position: int) -> ItemIndex:
        if position not in indexes:
            session = sessions[position]
            indexes[position] = session.index or index_items(session.items)
        return indexes[position]

    total = 0
    for position in range(1, len(sessions)):
        known = sessions[position].recurring_from_before
        total += (
            known if known is not None else count_recurring(index(position - 1), index(position))
        )
    return total


def sparkline(values: tuple[int, ...], *, width: int = 96, height: int = 24) -> str:
    """A small inline SVG line of ``values`` (hidden from screen readers: the numbers are
    beside it), the last point marked; presentation attributes only (strict CSP)."""
    if not values:
        return ""
    top = max(max(values), 1)
    step = (width - 6) / max(len(values) - 1, 1)
    points = [(3 + i * step, height - 3 - (height - 6) * v / top) for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last = points[-1]
    return (
        f'<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="{width}"'
        f' height="{height}" viewBox="0 0 {width} {height}" aria-hidden="true" focusable="false">'
        f'<polyline points="{path}" fill="none" stroke="#1f4f8f" stroke-width="2"/>'
        f'<circle cx="{last[0]:.1f}" cy="{last[1]:.1f}" r="3" fill="#1f4f8f"/></svg>'
    )


def scorecard_rows(card: Scorecard) -> list[list[str]]:
    """The scorecard as CSV rows: one per department, then the series figures."""
    sessions = [title for title, _ in card.sessions]
    rows = [
        [
            *("department", "items_pushed", "items_received", "actions_committed"),
            *("actions_done_on_time", "actions_overdue", "actions_blocked"),
            *("agendas_on_time", "sessions_invited"),
            *(f"friction: {s}" for s in sessions),
        ]
    ]
    for d in card.departments:
        rows.append(
            [
                d.department,
                *(str(v) for v in (d.pushed, d.received, d.committed, d.done_on_time)),
                *(str(v) for v in (d.overdue, d.blocked, d.agendas_on_time, d.sessions_invited)),
                *(str(v) for v in d.friction),
            ]
        )
    rate = card.follow_through_rate
    rows.append([])
    rows.append(["series", "follow_through_rate_percent", "" if rate is None else str(rate)])
    rows.append(["series", "actions_due", str(card.actions_due)])
    rows.append(["series", "actions_done_on_time", str(card.actions_done_on_time)])
    rows.append(["series", "recurring_items", str(card.recurring)])
    next_on = card.next_session.isoformat() if card.next_session else ""
    rows.append(["series", "next_session", next_on])
    return rows
