"""Seeding the board from agenda topic 3, the butterfly-effect issue every head brings.

Seeded ids are ``agenda-<participant id>``, so seeding twice (a retried start, a second worker)
adds nothing new. An agenda has no impact field, so seeded items start at ``medium``; the
facilitator edits them if the room disagrees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from app.domain.board.model import (
    MAX_TO_TEAMS,
    TEXT_MAX,
    TEXT_MIN,
    BoardItem,
    Impact,
    Origin,
)

SEED_IMPACT: Final = Impact.MEDIUM


@dataclass(frozen=True)
class AgendaSeed:
    """Topic 3 of one agenda, as the service reads it."""

    participant_id: str
    department: str
    butterfly_issue: str
    butterfly_targets: tuple[str, ...]
    butterfly_cost: str = ""
    goal_id: int | None = None
    no_goal: bool = False


def items_from_agendas(agendas: Sequence[AgendaSeed]) -> list[BoardItem]:
    """One item per agenda whose topic 3 names an issue and another team, in input order.

    The text is the issue followed by what it costs downstream, cut to 600 characters at a word.
    Targets equal to the agenda's own department, repeats and blanks are dropped.
    """
    items: list[BoardItem] = []
    seen: set[str] = set()
    for agenda in agendas:
        item_id = f"agenda-{agenda.participant_id}"
        targets = _targets(agenda)
        text = _text(agenda)
        if item_id in seen or not targets or len(text) < TEXT_MIN:
            continue
        seen.add(item_id)
        items.append(
            BoardItem(
                id=item_id,
                from_team=" ".join(agenda.department.split()),
                to_teams=targets,
                what_happens=text,
                impact=SEED_IMPACT,
                goal_id=None if agenda.no_goal else agenda.goal_id,
                author=agenda.participant_id,
                origin=Origin.AGENDA,
                seq=len(items),
            )
        )
    return items


def _targets(agenda: AgendaSeed) -> tuple[str, ...]:
    own = agenda.department.strip().casefold()
    kept: dict[str, str] = {}
    for target in agenda.butterfly_targets:
        clean = " ".join(target.split())
        if clean and clean.casefold() != own:
            kept.setdefault(clean.casefold(), clean)
    return tuple(kept.values())[:MAX_TO_TEAMS]


def _text(agenda: AgendaSeed) -> str:
    issue = " ".join(agenda.butterfly_issue.split())
    cost = " ".join(agenda.butterfly_cost.split())
    text = f"{issue} — Cost downstream: {cost}" if issue and cost else issue
    if len(text) <= TEXT_MAX:
        return text
    cut = text[: TEXT_MAX - 1].rsplit(" ", 1)[0]
    return cut + "…"
