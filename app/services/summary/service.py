"""The executive summary of a session: load its data from the store, build it with the domain.

``summary_for`` is the one entry point: the summary page and every export (Markdown, CSV, JSON,
PDF, .ics) render the ``SessionSummary`` it returns, so they all show the same figures.

How stored data becomes summary input (the board's part: ``records``):

* Attendance: present are the people who connected to the live view at any time
  (``Participant.joined_live_at``, stamped on their first websocket connection) or whom the
  facilitator marked arrived; everyone else invited, absent or never seen, is not counted.
* Items: only items visible to the room count as captured (``records.room_visible``);
  active items moderation holds back are counted apart, never listed.
* Rounds played are the rounds begun on the live clock; pairs met are the distinct pairs that
  shared a table in those rounds of the plan in force.
* Preparation, per round of the plan in force: meetings prepared (a prep card with content)
  and meetings that ended with an agreed next step (a follow-up saved for that round), each
  person's side of a meeting counted once (``itinerary.coverage_by_round``,
  ``follow_ups.agreed_counts``): counts only, never the cards' or follow-ups' text.
* Agenda text that still reads as a complaint is withheld; the framing check's verdict on a text
  is remembered (``_reads_as_complaint``), so a second export does not check 400 texts again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import combinations
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from app.domain.framing.check import check_framing
from app.domain.summary.build import build_summary
from app.domain.summary.dependency_map import Matrix, matrix, render_svg
from app.domain.summary.model import (
    AgendaRecord,
    GoalRecord,
    ImpactEdge,
    ParticipantRecord,
    PreviousSession,
    RoundPreparation,
    Summary,
    SummaryInputs,
)
from app.services.actions import follow_ups
from app.services.board.records import participant_records
from app.services.clock.log import rounds_started
from app.services.plans import itinerary
from app.services.plans import service as plans
from app.services.sessions import series
from app.services.sessions.service import get_session
from app.services.summary.records import room_records
from app.store import repo
from app.store.models import Agenda, LeadershipSession, Participant
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
        return _map_svg(
            self.summary.edges, f"Dependency map: {self.title}", self.departments, id_prefix
        )

    def map_matrix(self) -> Matrix:
        """The dependency map as a department × department matrix (same names and pairs)."""
        return matrix(self.summary.edges, self.departments)


@lru_cache(maxsize=32)
def _map_svg(
    edges: tuple[ImpactEdge, ...], title: str, departments: tuple[str, ...], id_prefix: str
) -> str:
    # Laying out a map of 25 departments takes longer than most exports: the page, the SVG and
    # the PDF of one summary draw the same map, so it is laid out once.
    return render_svg(edges, title=title, departments=departments, id_prefix=id_prefix)


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
    board = room_records(db, last.id)
    people = participant_records(db, last.id)
    return PreviousSession(last.title, people, board.items, board.actions, board.index)


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
    board = room_records(db, session.id)
    rounds = rounds_started(db, session.id) if session.went_live_at is not None else 0
    agreed = follow_ups.agreed_counts(db, session.id)
    preparation = tuple(
        RoundPreparation(number, planned, prepared, agreed.get(number, 0))
        for number, prepared, planned in itinerary.coverage_by_round(db, session.id)
    )
    inputs = SummaryInputs(
        title=session.title,
        participants=tuple(_participant(p) for p in people),
        agendas=tuple(_agenda(a) for a in agendas),
        rounds_played=rounds,
        pairs_met=_pairs_met(db, session.id, rounds),
        items=board.items,
        action_items=board.actions,
        goals=goals,
        previous=previous,
        held_items=board.held,
        index=board.index if previous is not None else None,
        preparation=preparation,
    )
    return _Loaded(
        inputs=inputs,
        departments=tuple(sorted({p.department for p in people})),
        agenda_topics=_agenda_topics(agendas, people, goal_text, board.seeded),
        item_refs=dict(board.item_refs),
        action_refs=dict(board.action_refs),
    )


def is_present(person: Participant) -> bool:
    """Present: connected to the live view at any time, or marked arrived by the facilitator."""
    return person.joined_live_at is not None or person.attendance == "arrived"


def _participant(person: Participant) -> ParticipantRecord:
    return ParticipantRecord(person.id or 0, person.name, person.department, is_present(person))


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
    seeded: Mapping[str, tuple[bool, str]],
) -> tuple[AgendaTopics, ...]:
    """Submitted agendas only (drafts are unfinished), in the participants' order.

    The summary never carries an unreframed complaint: a butterfly issue whose board item is
    held, or (before the board) an issue the framing check flags, is withheld; one reframed on
    the board reads as the board has it.
    """
    by_person = {a.participant_id: a for a in agendas if a.submitted_at is not None}
    names = tuple(p.name for p in people)
    teams = tuple(sorted({p.department for p in people if p.department}))
    topics = []
    for person in people:
        agenda = by_person.get(person.id or 0)
        if agenda is None:
            continue
        content = agenda.content
        on_board = seeded.get(f"agenda-{person.id}")
        butterfly = str(content.get("butterfly_issue") or "")
        if on_board is None:
            butterfly = _withheld(butterfly, names, teams)
        elif on_board[0]:  # held back by moderation
            butterfly = WITHHELD
        else:  # reframed on the board: the summary reads the board's words
            board_text = on_board[1]
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


def _withheld(text: str, names: tuple[str, ...], teams: tuple[str, ...]) -> str:
    """Agenda text that still reads as a complaint is not carried into the summary (checked as
    the agenda page checks it: with the session's people and departments)."""
    return WITHHELD if text and _reads_as_complaint(text, names, teams) else text


@lru_cache(maxsize=8192)
def _reads_as_complaint(text: str, names: tuple[str, ...], teams: tuple[str, ...]) -> bool:
    # The check is pure and costs about half a millisecond a text: a summary of 200 agendas
    # checks 400 of them, and every export of it the same 400 again.
    return check_framing(text, people_names=names, team_names=teams).holds


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
