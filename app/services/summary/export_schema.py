"""The executive summary as JSON: pydantic models (the documented schema) and the conversion.

The schema is part of the OpenAPI document (``GET /api/v1/sessions/{id}/summary``) and kept as
a file in ``docs/summary.schema.json`` (a test fails when they differ). Board items and action
items are referred to by ``number``: capture order on the board, as in the CSV tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.domain.summary.model import ActionLine, ActionStatus, Impact, ItemLine
from app.services.summary.service import SessionSummary


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class SessionRef(_Out):
    id: str
    title: str
    starts_at: datetime
    timezone: str = Field(description="IANA time zone; dates such as as_of are local to it.")


class HeadlineOut(_Out):
    participants: int = Field(description="Department heads invited.")
    attended: int = Field(
        description="Of them, those present: connected to the live view at any time, or marked "
        "present by the facilitator."
    )
    agendas_submitted: int
    rounds_played: int = Field(description="Rounds begun on the live clock.")
    pairs_met: int = Field(description="Distinct pairs of people who shared a table.")
    items_captured: int = Field(
        description="Board items visible to the room, neither removed nor merged."
    )
    items_held: int = Field(
        default=0, description="Board items moderation holds back from the room (not listed)."
    )
    action_items: int
    action_items_overdue: int


class FigureOut(_Out):
    key: str = Field(description="Stable name of the figure, e.g. attendance.")
    label: str
    value: str = Field(description="As every format shows it, e.g. '3 of 4'.")
    count: int
    definition: str = Field(description="One line saying what the figure counts.")


class TopFrictionOut(_Out):
    source: str = Field(description="The department pushing issues downstream.")
    target: str = Field(description="The department they land on.")
    items: int
    weight: int = Field(description="Summed impact weight.")
    votes: int = Field(description="Votes on the items of this pair.")
    texts: list[str] = Field(description="The most voted items of this pair (at most two).")


class GoalOut(_Out):
    id: int
    text: str


class ParticipantOut(_Out):
    id: int
    name: str
    department: str
    attended: bool


class EdgeOut(_Out):
    source: str = Field(description="The department pushing issues downstream.")
    target: str = Field(description="The department they land on.")
    items: int
    weight: int = Field(description="Summed impact weight (low 1, medium 2, high 3, critical 5).")


class PressingOut(_Out):
    rank: int
    kind: Literal["agenda"] = Field(description="Always agenda: topic 2 of the agendas.")
    ref_id: int = Field(description="The id of the agenda author whose wording is shown.")
    department: str = Field(description="That author's department.")
    departments: list[str] = Field(description="Every department that raised the issue.")
    text: str
    ask: str
    votes: int = Field(
        description="Votes on the board items those departments raised that say the same."
    )
    impact: Impact | None = Field(description="Always None: agenda issues are not rated.")
    weight: int
    goal: str | None


class ItemOut(BaseModel):
    number: int = Field(description="Capture order on the board, from 1.")
    id: str = Field(description="The board's own id of the item.")
    from_team: str
    to_teams: list[str]
    text: str
    impact: Impact
    weight: int
    votes: int
    origin: str = Field(description="live (captured in the session) or agenda (seeded from one).")
    goal_id: int | None
    goal: str | None


class GoalGroupOut(_Out):
    goal_id: int
    goal: str
    items: list[int] = Field(description="Item numbers, in the summary's order.")


class ActionOut(BaseModel):
    number: int = Field(description="Order of creation, from 1.")
    id: str = Field(description="The board's own id of the action item.")
    item_number: int | None
    item_text: str
    owner: str = Field(description="Empty when nobody owns it yet.")
    department: str
    what: str
    due: date | None
    status: ActionStatus
    blocked_reason: str
    overdue: bool = Field(description="Due before as_of and not done.")


class AgendaTopicsOut(_Out):
    participant_id: int
    name: str
    department: str
    what_we_do: str
    pressing_issue: str
    pressing_ask: str
    pressing_goal: str | None
    butterfly_issue: str
    butterfly_targets: list[str]
    butterfly_goal: str | None


class RecurringOut(_Out):
    item_id: int = Field(description="The current item's number.")
    text: str
    previous_item_id: int
    previous_text: str
    pairs: list[tuple[str, str]]
    similarity: float


class FrictionOut(_Out):
    source: str
    target: str
    before: int
    after: int
    delta: int


class RoundPreparationOut(_Out):
    round: int = Field(description="The round's number in the plan in force.")
    meetings_planned: int = Field(
        description="Meetings in the round, each person's side counted once."
    )
    meetings_prepared: int = Field(description="Of them, those with a prep card filled in.")
    agreed_next_steps: int = Field(
        description="Of them, those that ended with an agreed next step (a follow-up)."
    )


class FollowThroughOut(BaseModel):
    previous_title: str
    done: list[ActionOut]
    still_open: list[ActionOut]
    overdue: list[ActionOut]
    recurring: list[RecurringOut]
    friction_rose: list[FrictionOut]
    friction_fell: list[FrictionOut]


class SummaryDocument(BaseModel):
    """Everything in a session's executive summary."""

    schema_version: Literal[1] = 1
    session: SessionRef
    as_of: date = Field(description="The day overdue is measured against.")
    headline: HeadlineOut
    figures: list[FigureOut] = Field(description="The headline figures as shown, defined.")
    frictions: list[TopFrictionOut] = Field(description="The heaviest department pairs.")
    goals: list[GoalOut]
    participants: list[ParticipantOut]
    dependencies: list[EdgeOut] = Field(description="Heaviest first.")
    pressing: list[PressingOut] = Field(
        description="The agendas' most pressing issues, ranked by departments sharing them, "
        "then votes."
    )
    items: list[ItemOut] = Field(description="Captured items, most voted first, then heaviest.")
    by_goal: list[GoalGroupOut]
    unaligned: list[int] = Field(description="Numbers of the items aligned to no goal.")
    action_items: list[ActionOut] = Field(description="By due date, undated last.")
    agenda_topics: list[AgendaTopicsOut] = Field(description="Submitted agendas only.")
    preparation: list[RoundPreparationOut] = Field(
        default_factory=list,
        description="Per round of the plan: meetings prepared and ended with an agreed next "
        "step. Counts only: prep cards and follow-ups stay private.",
    )
    follow_through: FollowThroughOut | None = Field(
        description="Against the previous session of the same series, when there is one."
    )


def document(result: SessionSummary) -> dict[str, Any]:
    """The JSON document of a summary, as plain data shaped by ``SummaryDocument``.

    Built directly rather than through the models: constructing ~5,000 pydantic objects for a
    large session cost more than building the summary. ``tests/web/test_summary.py`` validates
    the output against ``SummaryDocument``.
    """
    summary = result.summary
    follow = summary.follow_through
    refs = result.item_refs
    return {
        "schema_version": 1,
        "session": {
            "id": result.session_id,
            "title": result.title,
            "starts_at": result.starts_at.isoformat(),
            "timezone": result.timezone,
        },
        "as_of": summary.as_of.isoformat(),
        "headline": _fields(HeadlineOut, summary.headline),
        "figures": [_fields(FigureOut, f) for f in summary.figures],
        "frictions": [_fields(TopFrictionOut, f) for f in summary.frictions],
        "goals": [_fields(GoalOut, g) for g in result.goals],
        "participants": [_fields(ParticipantOut, p) for p in result.participants],
        "dependencies": [_fields(EdgeOut, e) for e in summary.edges],
        "pressing": [_fields(PressingOut, p) for p in summary.pressing],
        "items": [_item(i, refs.get(i.id, str(i.id))) for i in summary.items],
        "by_goal": [
            {"goal_id": g.goal_id, "goal": g.goal, "items": [i.id for i in g.items]}
            for g in summary.goals
        ],
        "unaligned": [i.id for i in summary.unaligned],
        "action_items": [_action(a, result.action_refs) for a in summary.actions],
        "agenda_topics": [_fields(AgendaTopicsOut, t) for t in result.agenda_topics],
        "preparation": [_fields(RoundPreparationOut, r) for r in summary.preparation],
        "follow_through": None
        if follow is None
        else {
            "previous_title": follow.previous_title,
            "done": [_action(a, {}) for a in follow.done],
            "still_open": [_action(a, {}) for a in follow.still_open],
            "overdue": [_action(a, {}) for a in follow.overdue],
            "recurring": [_fields(RecurringOut, r) for r in follow.recurring],
            "friction_rose": [_fields(FrictionOut, f) for f in follow.friction_rose],
            "friction_fell": [_fields(FrictionOut, f) for f in follow.friction_fell],
        },
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _fields(model: type[BaseModel], source: object) -> dict[str, Any]:
    """A domain record's attributes named as ``model``'s fields, JSON-ready."""
    return {name: _plain(getattr(source, name)) for name in model.model_fields}


def _item(line: ItemLine, ref: str) -> dict[str, Any]:
    return {
        "number": line.id,
        "id": ref,
        "from_team": line.from_team,
        "to_teams": list(line.to_teams),
        "text": line.text,
        "impact": line.impact.value,
        "weight": line.weight,
        "votes": line.votes,
        "origin": line.origin,
        "goal_id": line.goal_id,
        "goal": line.goal,
    }


def _action(line: ActionLine, refs: Mapping[int, str]) -> dict[str, Any]:
    return {
        "number": line.id,
        "id": refs.get(line.id) or str(line.id),
        "item_number": line.item_id,
        "item_text": line.item_text,
        "owner": line.owner,
        "department": line.department,
        "what": line.what,
        "due": line.due.isoformat() if line.due else None,
        "status": line.status.value,
        "blocked_reason": line.blocked_reason,
        "overdue": line.overdue,
    }
