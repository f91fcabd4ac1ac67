"""Department names and the dependency edges between departments, for the executive summary.

Team names on the board are typed by hand, so "Sales", "sales " and "SALES" must count as one
department. The spelling shown is chosen independently of input order: a participant's own
department spelling wins, otherwise the smallest spelling in code-point order.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from app.domain.summary.model import IMPACT_WEIGHTS, BoardItemRecord, ImpactEdge

Pair = tuple[str, str]


@lru_cache(maxsize=4096)
def department_key(name: str) -> str:
    """The identity of a department name: whitespace collapsed, case folded."""
    # Cached: a session names a few dozen departments, asked for once per item and pair.
    return " ".join(name.split()).casefold()


class DepartmentNames:
    """Maps every spelling of a department to one display name."""

    def __init__(self, preferred: Iterable[str], others: Iterable[str] = ()) -> None:
        self._display = {**_smallest_spelling(others), **_smallest_spelling(preferred)}

    def display(self, name: str) -> str:
        """The display spelling of ``name`` (itself, tidied, when never seen)."""
        return self._display.get(department_key(name), " ".join(name.split()))


def _smallest_spelling(spellings: Iterable[str]) -> dict[str, str]:
    chosen: dict[str, str] = {}
    for raw in spellings:
        name = " ".join(raw.split())
        key = name.casefold()
        if key and (key not in chosen or name < chosen[key]):
            chosen[key] = name
    return chosen


def names_for(departments: Iterable[str], items: Iterable[BoardItemRecord]) -> DepartmentNames:
    """Display names from participants' departments first, then the board's team names."""
    spellings: list[str] = []
    for item in items:
        spellings.append(item.from_team)
        spellings.extend(item.to_teams)
    return DepartmentNames(departments, spellings)


def item_pairs(item: BoardItemRecord) -> tuple[Pair, ...]:
    """The distinct (source key, target key) pairs of one item, self-loops left out."""
    source = department_key(item.from_team)
    targets = sorted({department_key(t) for t in item.to_teams} - {source, ""})
    return tuple((source, target) for target in targets) if source else ()


def pair_weights(items: Iterable[BoardItemRecord]) -> dict[Pair, tuple[int, int]]:
    """(item count, impact weight) per department-key pair over the active items."""
    totals: dict[Pair, tuple[int, int]] = {}
    for item in items:
        if not item.active:
            continue
        for pair in item_pairs(item):
            count, weight = totals.get(pair, (0, 0))
            totals[pair] = (count + 1, weight + IMPACT_WEIGHTS[item.impact])
    return totals


def impact_edges(
    items: Iterable[BoardItemRecord], names: DepartmentNames
) -> tuple[ImpactEdge, ...]:
    """Dependency edges of the active items, heaviest first, ties by source then target name.

    An item pointed at several teams counts once on each edge, with its full weight: it lands
    on each of them. An item pointed at its own department adds nothing (no self-loops).
    """
    edges = [
        ImpactEdge(names.display(source), names.display(target), count, weight)
        for (source, target), (count, weight) in pair_weights(items).items()
    ]
    return tuple(
        sorted(
            edges,
            key=lambda e: (-e.weight, -e.items, e.source.casefold(), e.target.casefold()),
        )
    )
