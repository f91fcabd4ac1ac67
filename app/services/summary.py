"""The executive summary of a session: load its data from the store, build it with the domain.

``summary_for`` is the one entry point: the summary page and every export (Markdown, CSV, JSON,
PDF, .ics) render the ``SessionSummary`` it returns, so they all show the same figures.

How stored data becomes summary input:

* Board items are numbered by their creation order on the board (``seq + 1``), action items by
  their position in the board's list (1, 2, …): the numbers people see in the CSV and the JSON.
  The board's own string ids travel alongside (``item_refs``, ``action_refs``).
* Attendance: present are the people who connected to the live view at any time
  (``Participant.joined_live_at``, stamped on their first websocket connection) or whom the
  facilitator marked arrived; everyone else invited, absent or never seen, is not counted.
* Items: only items visible to the room count as captured (``room_visible``, the one place
  that decides it); active items moderation holds back are counted apart, never listed.
* Rounds played are the rounds begun on the live clock; pairs met are the distinct pairs that
  shared a table in those rounds of the plan in force.
* An action item's status comes from the board when it carries one, otherwise it is open.

The board is one JSON document per session; it is read once, without its audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import combinations
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from app.domain.framing.check import check_framing
from app.domain.summary.build import build_summary
from app.domain.summary.dependency_map import Matrix, matrix, render_svg
from app.domain.summary.model import (
    ActionItemRecord,
    ActionStatus,
    AgendaRecord,
    BoardItemRecord,
    GoalRecord,
    Impact,
    ParticipantRecord,
    PreviousSession,
    Summary,
    SummaryInputs,
)
from app.services import plans, series
from app.services.board_records import participant_records
from app.services.clock_log import rounds_started
from app.services.sessions import get_session
from app.store import repo
from app.store.models import Agenda, BoardState, LeadershipSession, Participant
from app.store.types import utcnow

WITHHELD = "(withheld: it read as a complaint and was not reframed)"

# How much of each long list the page shows before "show all", and the PDF at all (the
# Markdown, CSV and JSON exports carry every row).
PRESSING_SHOWN = 10
GROUP_SHOWN = 5
GROUP_ON_PAGE = 50  # per goal, with "show all"; a page of 2,000 items would not be read
EDGES_SHOWN = 25


@dataclass(frozen=True)
class AgendaTopics:
    """One submitted agenda's three topics, for the agenda-topics export."""

    participant_id: int
    name: str
    department: str
    what_we_do: str
    pressing_issue: str
    pressing_ask: str
    pressing_goal: str | None
    butterfly_issue: str
    butterfly_targets: tuple[str, ...]
    butterfly_goal: str | None


@dataclass(frozen=True)
class SessionSummary:
    """A session's summary with what the pages and exports need around it."""

    session_id: str
    starts_at: datetime
    timezone: str
    summary: Summary
    participants: tuple[ParticipantRecord, ...]
    departments: tuple[str, ...]
    goals: tuple[GoalRecord, ...]
    agenda_topics: tuple[AgendaTopics, ...]
    item_refs: Mapping[int, str]
    action_refs: Mapping[int, str]

    @property
    def title(self) -> str:
        """The session's title."""
        return self.summary.title

    def map_svg(self, id_prefix: str = "dependency-map") -> str:
        """The dependency map as a standalone SVG document."""
        return render_svg(
            self.summary.edges,
            title=f"Dependency map: {self.title}",
            departments=self.departments,
            id_prefix=id_prefix,
        )

    def map_matrix(self) -> Matrix:
        """The dependency map as a department × department matrix (same names and pairs)."""
        return matrix(self.summary.edges, self.departments)


@dataclass(frozen=True)
class _Loaded:
    inputs: SummaryInputs
    departments: tuple[str, ...]
    agenda_topics: tuple[AgendaTopics, ...]
    item_refs: dict[int, str]
    action_refs: dict[int, str]


def today_in(session: LeadershipSession, now: datetime | None = None) -> date:
    """Today's date where the session takes place (what "overdue" is measured against)."""
    return (now or utcnow()).astimezone(ZoneInfo(session.timezone)).date()


def previous_for(db: Session, session_id: str) -> PreviousSession | None:
    """The session just before this one in its series, with its action items' status now, for
    the follow-through section (``build_summary(..., previous=...)``); None without one."""
    earlier = series.earlier_sessions(db, session_id)
    if not earlier:
        return None
    last = earlier[-1]
    # The summary's own reader: the raw board without its audit trail, room-visible items only.
    items, actions = room_records(db, last.id)
    return PreviousSession(last.title, participant_records(db, last.id), items, actions)


def summary_for(
    db: Session, session_id: str, *, today: date, previous: PreviousSession | None = None
) -> SessionSummary:
    """The session's executive summary as of ``today``.

    Args:
        previous: the previous session of the same series, for the follow-through section.

    Raises:
        NotFound: no such session.
    """
    session = get_session(db, session_id)
    loaded = _load(db, session, previous)
    return SessionSummary(
        session_id=session.id,
        starts_at=session.starts_at,
        timezone=session.timezone,
        summary=build_summary(loaded.inputs, today=today),
        participants=loaded.inputs.participants,
        departments=loaded.departments,
        goals=loaded.inputs.goals,
        agenda_topics=loaded.agenda_topics,
        item_refs=loaded.item_refs,
        action_refs=loaded.action_refs,
    )


def current_summary(db: Session, session_id: str) -> SessionSummary:
    """The summary as of today in the session's time zone, with follow-through when any.

    Raises:
        NotFound: no such session.
    """
    today = today_in(get_session(db, session_id))
    return summary_for(db, session_id, today=today, previous=previous_for(db, session_id))


def _load(db: Session, session: LeadershipSession, previous: PreviousSession | None) -> _Loaded:
    people = repo.list_participants(db, session.id)
    goals = tuple(GoalRecord(g.id, g.text) for g in repo.list_goals(db, session.id) if g.id)
    goal_text = {g.id: g.text for g in goals}
    agendas = db.exec(select(Agenda).where(Agenda.session_id == session.id)).all()
    state = _board_state(db, session.id)
    items, item_refs = _items(state)
    held = sum(
        1
        for raw in state.get("items") or ()
        if not room_visible(raw) and not raw.get("removed") and not raw.get("merged_into")
    )
    actions, action_refs = _actions(state, item_refs)
    rounds = rounds_started(db, session.id) if session.went_live_at is not None else 0
    inputs = SummaryInputs(
        title=session.title,
        participants=tuple(_participant(p) for p in people),
        agendas=tuple(_agenda(a) for a in agendas),
        rounds_played=rounds,
        pairs_met=_pairs_met(db, session.id, rounds),
        items=items,
        action_items=actions,
        goals=goals,
        previous=previous,
        held_items=held,
    )
    return _Loaded(
        inputs=inputs,
        departments=tuple(sorted({p.department for p in people})),
        agenda_topics=_agenda_topics(agendas, people, goal_text, state),
        item_refs=item_refs,
        action_refs=action_refs,
    )


def is_present(person: Participant) -> bool:
    """Present: connected to the live view at any time, or marked arrived by the facilitator."""
    return person.joined_live_at is not None or person.attendance == "arrived"


def _participant(person: Participant) -> ParticipantRecord:
    return ParticipantRecord(person.id or 0, person.name, person.department, is_present(person))


def room_visible(raw: Mapping[str, Any]) -> bool:
    """Whether a stored board item is visible to the room: the one rule the summary counts by.

    Moderation marks an item it holds back with a non-empty ``hold``; a board stored without
    moderation has none, so every item is visible.
    """
    return not raw.get("hold")


def _agenda(row: Agenda) -> AgendaRecord:
    content = row.content
    goal = content.get("pressing_goal_id")
    return AgendaRecord(
        participant_id=row.participant_id,
        submitted=row.submitted_at is not None,
        pressing_issue=str(content.get("pressing_issue") or ""),
        pressing_ask=str(content.get("pressing_ask") or ""),
        pressing_goal_id=goal if isinstance(goal, int) else None,
        butterfly_issue=str(content.get("butterfly_issue") or ""),
        butterfly_targets=tuple(str(t) for t in content.get("butterfly_targets") or ()),
    )


def _agenda_topics(
    agendas: Iterable[Agenda],
    people: Sequence[Participant],
    goals: Mapping[int, str],
    state: Mapping[str, Any],
) -> tuple[AgendaTopics, ...]:
    """Submitted agendas only (drafts are unfinished), in the participants' order.

    The summary never carries an unreframed complaint: a butterfly issue whose board item is
    held, or (before the board) an issue the framing check flags, is withheld; one reframed on
    the board reads as the board has it.
    """
    by_person = {a.participant_id: a for a in agendas if a.submitted_at is not None}
    board_items = {raw["id"]: raw for raw in state.get("items") or ()}
    names = [p.name for p in people]
    teams = sorted({p.department for p in people if p.department})
    topics = []
    for person in people:
        agenda = by_person.get(person.id or 0)
        if agenda is None:
            continue
        content = agenda.content
        seeded = board_items.get(f"agenda-{person.id}")
        butterfly = str(content.get("butterfly_issue") or "")
        if seeded is None:
            butterfly = _withheld(butterfly, names, teams)
        elif seeded.get("hold"):
            butterfly = WITHHELD
        else:  # reframed on the board: the summary reads the board's words
            board_text = str(seeded.get("what_happens") or "")
            if board_text and not board_text.startswith(" ".join(butterfly.split())):
                butterfly = board_text
        topics.append(
            AgendaTopics(
                participant_id=person.id or 0,
                name=person.name,
                department=person.department,
                what_we_do=str(content.get("what_we_do") or ""),
                pressing_issue=_withheld(str(content.get("pressing_issue") or ""), names, teams),
                pressing_ask=str(content.get("pressing_ask") or ""),
                pressing_goal=_goal(goals, content.get("pressing_goal_id")),
                butterfly_issue=butterfly,
                butterfly_targets=tuple(str(t) for t in content.get("butterfly_targets") or ()),
                butterfly_goal=_goal(goals, content.get("butterfly_goal_id")),
            )
        )
    return tuple(topics)


def _goal(goals: Mapping[int, str], goal_id: object) -> str | None:
    return goals.get(goal_id) if isinstance(goal_id, int) else None


def _board_state(db: Session, session_id: str) -> dict[str, Any]:
    """The board document's items, votes and actions, without its (much longer) audit trail.

    The database extracts the three parts (SQLite ``json_extract``, PostgreSQL ``->``), so
    Python never parses the audit entries: one per command, thousands in a large session.
    """
    state = col(BoardState.state)
    query = select(state["items"], state["votes"], state["actions"]).where(
        BoardState.session_id == session_id
    )
    row = db.exec(query).first()
    if row is None:
        return {}
    items, votes, actions = row
    return {"items": items or [], "votes": votes or [], "actions": actions or []}


def _items(state: Mapping[str, Any]) -> tuple[tuple[BoardItemRecord, ...], dict[int, str]]:
    """Board items as summary records, numbered by creation order, with their votes.

    Read straight from the stored document (see ``board_codec.dump``): decoding the whole board
    with its audit trail would cost more than the summary itself on a large session.
    """
    every: list[dict[str, Any]] = list(state.get("items") or ())
    votes: dict[str, int] = {}
    for item_id, _person in state.get("votes") or ():
        votes[item_id] = votes.get(item_id, 0) + 1
    numbers = {raw["id"]: int(raw.get("seq", index)) + 1 for index, raw in enumerate(every)}
    raw_items = [raw for raw in every if room_visible(raw)]
    records = []
    for raw in raw_items:
        merged = raw.get("merged_into")
        records.append(
            BoardItemRecord(
                id=numbers[raw["id"]],
                from_team=str(raw["from_team"]),
                to_teams=tuple(str(t) for t in raw.get("to_teams") or ()),
                text=str(raw["what_happens"]),
                impact=Impact(raw["impact"]),
                goal_id=raw.get("goal_id"),
                votes=votes.get(raw["id"], 0),
                origin="agenda" if raw.get("origin") == "agenda" else "live",
                removed=bool(raw.get("removed")),
                merged_into=numbers.get(merged) if merged else None,
            )
        )
    return tuple(records), {number: item_id for item_id, number in numbers.items()}


def _withheld(text: str, names: Sequence[str], teams: Sequence[str]) -> str:
    """Agenda text that still reads as a complaint is not carried into the summary (checked as
    the agenda page checks it: with the session's people and departments)."""
    if text and check_framing(text, people_names=names, team_names=teams).holds:
        return WITHHELD
    return text


def _actions(
    state: Mapping[str, Any], item_refs: Mapping[int, str]
) -> tuple[tuple[ActionItemRecord, ...], dict[int, str]]:
    numbers = {item_id: number for number, item_id in item_refs.items()}
    records, refs = [], {}
    for number, raw in enumerate(state.get("actions") or (), start=1):
        owner = str(raw.get("owner") or "")
        due = raw.get("due")
        records.append(
            ActionItemRecord(
                id=number,
                item_id=numbers.get(raw.get("item_id") or ""),
                owner_id=int(owner) if owner.isdigit() else None,
                what=str(raw.get("what") or ""),
                due=date.fromisoformat(due) if due else None,
                status=_status(raw.get("status")),
                blocked_reason=str(raw.get("blocked_reason") or ""),
                done_on=_done_on(raw),
            )
        )
        refs[number] = str(raw.get("id") or number)
    return tuple(records), refs


def _done_on(raw: Mapping[str, Any]) -> date | None:
    at = raw.get("status_at")
    if _status(raw.get("status")) != ActionStatus.DONE or not isinstance(at, str):
        return None
    return datetime.fromisoformat(at).date()


def room_records(
    db: Session, session_id: str
) -> tuple[tuple[BoardItemRecord, ...], tuple[ActionItemRecord, ...]]:
    """A session's room-visible board items and its action items, as the summary reads them."""
    state = _board_state(db, session_id)
    items, item_refs = _items(state)
    return items, _actions(state, item_refs)[0]


def _status(value: object) -> ActionStatus:
    try:
        return ActionStatus(str(value)) if value else ActionStatus.OPEN
    except ValueError:
        return ActionStatus.OPEN


def _pairs_met(db: Session, session_id: str, rounds_played: int) -> frozenset[frozenset[int]]:
    """Distinct pairs of participants who shared a table in the rounds begun so far."""
    plan = plans.current_plan(db, session_id) if rounds_played else None
    if plan is None:
        return frozenset()
    pairs: set[frozenset[int]] = set()
    for played in plan.rounds[:rounds_played]:
        for group in played.get("groups") or ():
            members = sorted({int(m) for m in group.get("members") or () if str(m).isdigit()})
            pairs.update(frozenset(pair) for pair in combinations(members, 2))
    return frozenset(pairs)
