"""The executive summary of one session: figures, dependencies, priorities and follow-through.

``build_summary`` is pure and deterministic: it reads frozen input records (see
``summary.model``) and returns every list in a fixed order, so the summary page, the Markdown,
the CSV and the dependency map all show the same figures whatever order the rows arrived in.

Definitions the figures rest on:

* An item is *captured* when it is neither removed nor merged into another item. Votes on a
  merged item are not moved to the survivor here; the board does that when it merges.
* Impact weights are low 1, medium 2, high 3, critical 5 (``IMPACT_WEIGHTS``). An edge
  "A pushes downstream onto B" sums the weights of A's captured items that name B.
* An item is *held* when moderation keeps it from the room; held items are counted apart
  (``SummaryInputs.held_items``) and never listed.
* *Most pressing issues* are the agendas' topic 2 ("most pressing issue"), alike issues of
  several departments merged, ranked by how many departments raised them, then by the votes
  on board items that say the same (see ``summary_figures.pressing_issues``).
* Attendance counts the participants the service marks ``attended``: connected to the live
  view at any time, or marked present by the facilitator.
* An action item is *overdue* when its due date is before ``today`` and it is not done.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from app.domain.summary.edges import impact_edges, names_for
from app.domain.summary.export import summary_to_csv_rows, summary_to_markdown
from app.domain.summary.figures import headline_figures, pressing_issues, top_frictions
from app.domain.summary.followup import action_lines, follow_through
from app.domain.summary.model import (
    IMPACT_WEIGHTS,
    ActionLine,
    GoalGroup,
    GoalRecord,
    Headline,
    ItemLine,
    Summary,
    SummaryInputs,
)

__all__ = ["build_summary", "summary_to_csv_rows", "summary_to_markdown"]

_Display = Callable[[str], str]


def build_summary(inputs: SummaryInputs, *, today: date) -> Summary:
    """Compute the executive summary of one session as of ``today``."""
    previous_items = inputs.previous.items if inputs.previous else ()
    names = names_for((p.department for p in inputs.participants), inputs.items + previous_items)
    goals = {goal.id: goal for goal in inputs.goals}
    items = _item_lines(inputs, goals, names.display)
    actions = action_lines(
        inputs.action_items,
        {p.id: p for p in inputs.participants},
        {i.id: i for i in inputs.items},
        names,
        today,
    )
    headline = _headline(inputs, items, actions)
    edges = impact_edges(inputs.items, names)
    people = {p.id: p for p in inputs.participants}
    return Summary(
        title=inputs.title,
        as_of=today,
        headline=headline,
        edges=edges,
        pressing=pressing_issues(inputs.agendas, people, inputs.items, goals, names.display),
        items=items,
        goals=tuple(
            GoalGroup(g.id, g.text, tuple(i for i in items if i.goal_id == g.id))
            for g in sorted(goals.values(), key=lambda g: g.id)
        ),
        unaligned=tuple(i for i in items if i.goal is None),
        actions=actions,
        follow_through=(
            follow_through(inputs.previous, inputs.items, names, today, inputs.index)
            if inputs.previous
            else None
        ),
        figures=headline_figures(headline),
        frictions=top_frictions(edges, items),
        preparation=tuple(sorted(inputs.preparation, key=lambda r: r.round)),
    )


def _headline(
    inputs: SummaryInputs, items: tuple[ItemLine, ...], actions: tuple[ActionLine, ...]
) -> Headline:
    return Headline(
        participants=len(inputs.participants),
        attended=sum(1 for p in inputs.participants if p.attended),
        agendas_submitted=len({a.participant_id for a in inputs.agendas if a.submitted}),
        rounds_played=inputs.rounds_played,
        pairs_met=sum(1 for pair in inputs.pairs_met if len(pair) == 2),
        items_captured=len(items),
        action_items=len(actions),
        action_items_overdue=sum(1 for a in actions if a.overdue),
        items_held=inputs.held_items,
    )


def _item_lines(
    inputs: SummaryInputs, goals: Mapping[int, GoalRecord], display: _Display
) -> tuple[ItemLine, ...]:
    """Captured items, most voted first, then heaviest, then by department, text and id."""
    lines = []
    for item in inputs.items:
        if not item.active:
            continue
        goal = goals.get(item.goal_id) if item.goal_id is not None else None
        targets = sorted({display(t) for t in item.to_teams if t.strip()}, key=_name_key)
        lines.append(
            ItemLine(
                id=item.id,
                from_team=display(item.from_team),
                to_teams=tuple(targets),
                text=item.text,
                impact=item.impact,
                weight=IMPACT_WEIGHTS[item.impact],
                votes=item.votes,
                origin=item.origin,
                goal_id=goal.id if goal else None,
                goal=goal.text if goal else None,
            )
        )
    return tuple(
        sorted(
            lines,
            key=lambda i: (-i.votes, -i.weight, *_name_key(i.from_team), *_name_key(i.text), i.id),
        )
    )


def _name_key(text: str) -> tuple[str, str]:
    # Case-insensitive first, then exact, so "b" and "B" still sort the same way every time.
    return (text.casefold(), text)
