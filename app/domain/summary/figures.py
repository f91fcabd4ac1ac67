"""The summary's defined figures: headline counts, the agendas' pressing issues, top frictions.

Every figure carries a one-line definition (``FIGURE_DEFINITIONS``) that the page shows on hover
and as a footnote, and that the Markdown, CSV, PDF and JSON carry beside the value, so a reader
can always tell what a number counts. The values come from one ``Figure`` list, so no format can
show a different number from another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from app.domain.summary.edges import department_key
from app.domain.summary.followup import RECURRING_SIMILARITY, word_set
from app.domain.summary.model import (
    AgendaRecord,
    BoardItemRecord,
    Figure,
    Friction,
    GoalRecord,
    Headline,
    ImpactEdge,
    ItemLine,
    ParticipantRecord,
    PressingIssue,
)

FRICTIONS_SHOWN = 3
FIGURE_DEFINITIONS: dict[str, tuple[str, str]] = {
    "attendance": (
        "Attendance",
        "People present (connected to the live view at any time, or marked present by the "
        "facilitator) of the people invited; someone who never connected and was not marked "
        "present is not counted.",
    ),
    "agendas_submitted": (
        "Agendas submitted",
        "People who submitted their agenda (drafts do not count) of the people invited.",
    ),
    "rounds_played": ("Rounds played", "Rounds begun on the live clock."),
    "pairs_met": (
        "Distinct pairs met",
        "Different pairs of people who shared a table in the rounds played.",
    ),
    "items_captured": (
        "Items captured",
        "Board items visible to the room, neither removed nor merged into another; items "
        "held back by moderation are counted apart.",
    ),
    "items_held": (
        "Items held back",
        "Board items moderation holds back from the room (not shown in this summary).",
    ),
    "action_items": (
        "Action items",
        "Action items agreed in the session; overdue means due before today and not done.",
    ),
}


def headline_figures(h: Headline) -> tuple[Figure, ...]:
    """The headline figures in display order, each with its label and definition."""
    values = {
        "attendance": (h.attended, f"of {h.participants}"),
        "agendas_submitted": (h.agendas_submitted, f"of {h.participants}"),
        "rounds_played": (h.rounds_played, ""),
        "pairs_met": (h.pairs_met, ""),
        "items_captured": (h.items_captured, ""),
        "items_held": (h.items_held, ""),
        "action_items": (h.action_items, f"({h.action_items_overdue} overdue)"),
    }
    return tuple(
        Figure(key, FIGURE_DEFINITIONS[key][0], count, suffix, FIGURE_DEFINITIONS[key][1])
        for key, (count, suffix) in values.items()
    )


@dataclass
class _Cluster:
    lead: AgendaRecord
    person: ParticipantRecord
    members: list[tuple[AgendaRecord, ParticipantRecord]]
    words: list[frozenset[str]]


def similar(a: frozenset[str], b: frozenset[str]) -> bool:
    """Half the words in common (Jaccard), as ``text_similarity`` measures it."""
    common = len(a & b)  # |a ∪ b| = |a| + |b| - |a ∩ b|, without building the union
    return bool(a and b) and common >= RECURRING_SIMILARITY * (len(a) + len(b) - common)


def pressing_issues(
    agendas: Iterable[AgendaRecord],
    people: Mapping[int, ParticipantRecord],
    items: Iterable[BoardItemRecord],
    goals: Mapping[int, GoalRecord],
    display: Callable[[str], str],
) -> tuple[PressingIssue, ...]:
    """The agendas' "most pressing issue" (topic 2), alike issues merged, ranked.

    Two agendas raise the same issue when half their words are shared (the rule that finds
    recurring items). An issue's votes are the votes on the board items those departments raised
    that say the same thing. Ranked by how many departments raised it, then votes, then text.
    """
    raised = sorted(
        (
            (a, people[a.participant_id])
            for a in agendas
            if a.submitted and a.pressing_issue.strip() and a.participant_id in people
        ),
        key=lambda pair: (department_key(pair[1].department), pair[1].id),
    )
    clusters: list[_Cluster] = []
    for agenda, person in raised:
        words = word_set(agenda.pressing_issue)
        home = next((c for c in clusters if any(similar(words, w) for w in c.words)), None)
        if home is None:
            clusters.append(_Cluster(agenda, person, [(agenda, person)], [words]))
        else:
            home.members.append((agenda, person))
            home.words.append(words)
    by_department: dict[str, list[tuple[frozenset[str], int]]] = {}
    for item in items:
        if item.active and item.votes:
            entry = (word_set(item.text), item.votes)
            by_department.setdefault(department_key(item.from_team), []).append(entry)
    issues = [_issue(c, by_department, goals, display) for c in clusters]
    issues.sort(key=lambda p: (-len(p.departments), -p.votes, p.text.casefold(), p.ref_id))
    return tuple(replace(p, rank=rank) for rank, p in enumerate(issues, start=1))


def _issue(
    cluster: _Cluster,
    by_department: Mapping[str, list[tuple[frozenset[str], int]]],
    goals: Mapping[int, GoalRecord],
    display: Callable[[str], str],
) -> PressingIssue:
    raised_by = {department_key(p.department) for _, p in cluster.members}
    votes = sum(
        count
        for key in raised_by
        for words, count in by_department.get(key, ())
        if any(similar(words, w) for w in cluster.words)
    )
    departments = sorted(
        {department_key(p.department): display(p.department) for _, p in cluster.members}.values(),
        key=lambda d: (d.casefold(), d),
    )
    goal_id = cluster.lead.pressing_goal_id
    goal = goals.get(goal_id) if goal_id is not None else None
    return PressingIssue(
        rank=0,
        kind="agenda",
        ref_id=cluster.person.id,
        department=display(cluster.person.department),
        text=cluster.lead.pressing_issue,
        ask=cluster.lead.pressing_ask,
        votes=votes,
        impact=None,
        weight=0,
        goal=goal.text if goal else None,
        departments=tuple(departments),
    )


def top_frictions(
    edges: tuple[ImpactEdge, ...], items: tuple[ItemLine, ...], limit: int = FRICTIONS_SHOWN
) -> tuple[Friction, ...]:
    """The heaviest department pairs (edges are heaviest first), with their items' votes and
    their most voted item texts: who pushes what onto whom, how hard, how many agree."""
    frictions = []
    for edge in edges[:limit]:
        pair = (department_key(edge.source), department_key(edge.target))
        on_pair = [
            i
            for i in items
            if department_key(i.from_team) == pair[0]
            and pair[1] in {department_key(t) for t in i.to_teams}
        ]
        frictions.append(
            Friction(
                edge.source,
                edge.target,
                edge.items,
                edge.weight,
                sum(i.votes for i in on_pair),
                tuple(i.text for i in on_pair[:2]),
            )
        )
    return tuple(frictions)
