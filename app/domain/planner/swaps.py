"""One round of groups at a time: greedy start, swap search, and descent in plan order.

A round's cost is the sum of ``seat_cost`` over its pairs given the meetings of the rounds
before it. :class:`SwapSearch` keeps ``cost[v][g]`` (``v``'s cost with the members of group
``g``) up to date, so judging a swap costs O(1) and making one O(n). All costs are whole
numbers far below 2**53, so the running sums are exact.

A swap can only lower a round's rule-level cost (must-not-meet, colleagues, must-meet,
repeats) if it moves someone in a costly pairing or someone whose unmet must-meet partner
sits elsewhere; descent tries exactly those people against everyone, so a round it leaves
has no such swap.
"""

from __future__ import annotations

import random
from typing import Final

from app.domain.planner.costs import MUST_MEET_BONUS, cost_matrix
from app.domain.planner.model import Problem, Seating, group_sizes, seeded_random

_TABU_TENURE: Final = 12
_WEIGHT_PASSES: Final = 3


class SwapSearch:
    """Groups of one round, improved by exchanging two people between groups."""

    def __init__(self, costs: list[list[float]], group_of: list[int], rng: random.Random) -> None:
        self.costs = costs
        self.rng = rng
        self.n = len(group_of)
        self.count = max(group_of, default=-1) + 1
        # people with a must-meet partner they have not met: a swap may bring them together
        self.eager = [v for v, row in enumerate(costs) if min(row) <= -MUST_MEET_BONUS / 2]
        self._load(group_of)

    def _load(self, group_of: list[int]) -> None:
        self.group_of = list(group_of)
        members: list[list[int]] = [[] for _ in range(self.count)]
        for v, g in enumerate(group_of):
            members[g].append(v)
        self.cost = [[sum(row[u] for u in group) for group in members] for row in self.costs]
        self.total = sum(self.cost[v][g] for v, g in enumerate(group_of)) / 2

    def groups(self) -> list[list[int]]:
        """Members per group."""
        members: list[list[int]] = [[] for _ in range(self.count)]
        for v, g in enumerate(self.group_of):
            members[g].append(v)
        return members

    def delta(self, a: int, b: int) -> float:
        """Change of the round's cost if ``a`` and ``b`` (in different groups) swap."""
        ga, gb = self.group_of[a], self.group_of[b]
        ca, cb = self.cost[a], self.cost[b]
        return cb[ga] - ca[ga] + ca[gb] - cb[gb] - 2 * self.costs[a][b]

    def swap(self, a: int, b: int) -> None:
        """Exchange ``a`` and ``b``."""
        self.total += self.delta(a, b)
        ga, gb = self.group_of[a], self.group_of[b]
        row_a, row_b = self.costs[a], self.costs[b]
        for v, cost in enumerate(self.cost):
            change = row_b[v] - row_a[v]
            cost[ga] += change
            cost[gb] -= change
        self.group_of[a], self.group_of[b] = gb, ga

    def conflicted(self) -> list[int]:
        """People in a costly pairing; any pair cost above 0 outweighs every weight gain."""
        return [v for v, g in enumerate(self.group_of) if self.cost[v][g] > 0]

    def candidates(self) -> list[int]:
        """People whose swaps could lower the round's rule-level cost."""
        return sorted({*self.conflicted(), *self.eager})

    def tabu(self, budget: int, tenure: int) -> None:
        """Best non-tabu swap of a conflicted person per step, keeping the best round seen.

        ``budget`` counts swap evaluations, so the search stops at the same point on any
        machine. A person may not return to a group they just left for ``tenure`` steps,
        unless that would beat the best round so far.
        """
        best_total, best = self.total, list(self.group_of)
        banned: dict[tuple[int, int], int] = {}
        step = 0
        while budget > 0:
            people = self.conflicted()
            if not people:
                break
            self.rng.shuffle(people)
            move, move_delta = None, float("inf")
            for a in people:
                for b in range(self.n):
                    if self.group_of[b] == self.group_of[a]:
                        continue
                    d = self.delta(a, b)
                    if d < move_delta and (
                        self.total + d < best_total or not self._banned(banned, a, b, step)
                    ):
                        move, move_delta = (a, b), d
                budget -= self.n
            if move is None:
                break
            a, b = move
            banned[(a, self.group_of[a])] = banned[(b, self.group_of[b])] = step + tenure
            self.swap(a, b)
            step += 1
            if self.total < best_total:
                best_total, best = self.total, list(self.group_of)
        if best_total < self.total:
            self._load(best)

    def _banned(self, banned: dict[tuple[int, int], int], a: int, b: int, step: int) -> bool:
        return (
            banned.get((a, self.group_of[b]), -1) > step
            or banned.get((b, self.group_of[a]), -1) > step
        )

    def descend(self, weight_passes: int) -> None:
        """Apply improving swaps until none is left among conflicted people.

        Up to ``weight_passes`` passes over all pairs of people then trade for weight; the
        conflicted descent runs again after each, so the round always ends swap-optimal for
        its conflicts.
        """
        self._descend_conflicts()
        for _ in range(weight_passes):
            if not self._improve_pass(range(self.n)):
                break
            self._descend_conflicts()

    def _descend_conflicts(self) -> None:
        while self._improve_pass(self.candidates()):
            pass

    def _improve_pass(self, people: list[int] | range) -> bool:
        """Apply each person's best improving swap; True when anything changed."""
        changed = False
        for a in people:
            best, best_delta = None, 0.0
            for b in range(self.n):
                if self.group_of[b] != self.group_of[a]:
                    d = self.delta(a, b)
                    if d < best_delta:
                        best, best_delta = b, d
            if best is not None:
                self.swap(a, best)
                changed = True
        return changed


def round_by_round(p: Problem, planned: tuple[Seating, ...], budget: int) -> tuple[Seating, ...]:
    """The rounds after ``planned``, each built greedily and improved by swaps."""
    rng = seeded_random(p.seed, f"rounds after {len(planned)}")
    met = meeting_counts(p, p.history + planned)
    sizes = group_sizes(p.n, p.group_size)
    out = []
    for _ in range(p.new_rounds - len(planned)):
        costs = cost_matrix(p, met)
        search = SwapSearch(costs, _greedy_start(p, costs, sizes, met, rng), rng)
        search.tabu(budget, _TABU_TENURE)
        search.descend(0 if p.uniform else _WEIGHT_PASSES)
        out.append(_seating(search.groups()))
        count_meetings(p, out[-1], met)
    return tuple(out)


def settle_in_order(p: Problem, seatings: tuple[Seating, ...]) -> tuple[Seating, ...]:
    """Descend each round given the rounds before it, first to last."""
    met = meeting_counts(p, p.history)
    out = []
    for seating in seatings:
        row = [0] * p.n
        for g, members in enumerate(seating.groups):
            for v in members:
                row[v] = g
        search = SwapSearch(cost_matrix(p, met), row, seeded_random(p.seed, "settle"))
        search.descend(0 if p.uniform else _WEIGHT_PASSES)
        out.append(_seating(search.groups()))
        count_meetings(p, out[-1], met)
    return tuple(out)


def _greedy_start(
    p: Problem, costs: list[list[float]], sizes: list[int], met: dict[int, int], rng: random.Random
) -> list[int]:
    """People with most past meetings first, each into the open group where they cost least.

    Someone's unmet must-meet partners are placed right after them, while their group still
    has room: a swap cannot reunite a pair once both groups are full of other locked pairs.
    """
    partners = [0] * p.n
    for key in met:
        i, j = divmod(key, p.n)
        partners[i] += 1
        partners[j] += 1
    order = list(range(p.n))
    rng.shuffle(order)
    order.sort(key=lambda v: -partners[v])
    members: list[list[int]] = [[] for _ in sizes]
    group_of = [-1] * p.n
    for first in order:
        chain = [first]
        for v in chain:
            if group_of[v] >= 0:
                continue
            row = costs[v]
            pending = [u for u in range(p.n) if row[u] <= -MUST_MEET_BONUS / 2 and group_of[u] < 0]
            room = [len(members[g]) + len(pending) < size for g, size in enumerate(sizes)]
            open_groups = [g for g, size in enumerate(sizes) if len(members[g]) < size]
            g = min(
                open_groups,
                key=lambda g: (not room[g], sum(row[u] for u in members[g]), len(members[g])),
            )
            members[g].append(v)
            group_of[v] = g
            chain += pending
    return group_of


def _seating(groups: list[list[int]]) -> Seating:
    return Seating(tuple(sorted(tuple(sorted(g)) for g in groups if g)))


def meeting_counts(p: Problem, seatings: tuple[Seating, ...]) -> dict[int, int]:
    """How often each pair key met in ``seatings``."""
    met: dict[int, int] = {}
    for s in seatings:
        count_meetings(p, s, met)
    return met


def count_meetings(p: Problem, seating: Seating, met: dict[int, int]) -> None:
    """Add one round's meetings to ``met``."""
    for g in seating.groups:
        for x, a in enumerate(g):
            for b in g[x + 1 :]:
                met[a * p.n + b] = met.get(a * p.n + b, 0) + 1
