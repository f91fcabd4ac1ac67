"""Tabu search over all planned rounds of groups at once, social-golfer style.

This is the local search of Dotú and Van Hentenryck for the social golfer problem: a move
swaps two people between groups of one round; only moves involving someone in a costly
pairing (a repeat, a colleague, a must-not-meet pair) are considered; the best one is taken
even when it makes things worse, and a person may not return to a group they just left for a
few steps. Unlike the round-by-round search, a repeat can be removed by changing *either*
round it happens in, which is what finds schedules such as Kirkman's 15 people in 3s over 7
rounds.

The cost of a schedule is the sum over pairs of ``seat_cost`` for each of their meetings, in
order (``app.domain.planner.costs``); it does not depend on the order of the rounds. Budgets
count move evaluations, never time, so a plan is the same on any machine.
"""

from __future__ import annotations

import random

from app.domain.planner.costs import REPEAT_COST, REPEAT_STEP, REPEAT_STEPS_CAP
from app.domain.planner.costs import seat_cost as _seat_cost
from app.domain.planner.model import Problem


class ScheduleSearch:
    """Groups of every planned round (``group_of[r][v]``) and each pair's meeting count."""

    def __init__(
        self,
        p: Problem,
        history: list[list[list[int]]],
        group_of: list[list[int]],
        rng: random.Random,
    ) -> None:
        n = p.n
        self.rng = rng
        self.n = n
        self.group_of = [list(row) for row in group_of]
        # rule[i][j]: what every meeting of the pair costs; value[i][j]: the first meeting's gain
        self.rule = [[_seat_cost(p, i, j, 1) - _repeat(1) for j in range(n)] for i in range(n)]
        self.value = [
            [self.rule[i][j] - _seat_cost(p, i, j, 0) for j in range(n)] for i in range(n)
        ]
        self.count = [[0] * n for _ in range(n)]
        for groups in history:
            self._add_meetings(groups, 1)
        self.members = [_members(row) for row in self.group_of]
        for groups in self.members:
            self._add_meetings(groups, 1)

    def _add_meetings(self, groups: list[list[int]], sign: int) -> None:
        for g in groups:
            for x, a in enumerate(g):
                for b in g[x + 1 :]:
                    self.count[a][b] += sign
                    self.count[b][a] += sign

    def delta(self, r: int, a: int, b: int) -> float:
        """Change of the schedule's cost if ``a`` and ``b`` swap groups in round ``r``."""
        row, groups = self.group_of[r], self.members[r]
        change = 0.0
        # runs for every candidate move, so the marginal cost of a meeting is written inline
        for mover, other, group in ((a, b, groups[row[a]]), (b, a, groups[row[b]])):
            rule_m, value_m, count_m = self.rule[mover], self.value[mover], self.count[mover]
            rule_o, value_o, count_o = self.rule[other], self.value[other], self.count[other]
            for x in group:
                if x != mover:
                    before = count_m[x] - 1
                    change -= rule_m[x] + (_repeat(before) if before else -value_m[x])
                    before = count_o[x]
                    change += rule_o[x] + (_repeat(before) if before else -value_o[x])
        return change

    def swap(self, r: int, a: int, b: int) -> None:
        """Exchange ``a`` and ``b`` in round ``r``."""
        row, groups = self.group_of[r], self.members[r]
        ga, gb = row[a], row[b]
        for mover, old in ((a, ga), (b, gb)):
            for x in groups[old]:
                if x != mover:
                    self.count[mover][x] -= 1
                    self.count[x][mover] -= 1
        groups[ga].remove(a)
        groups[gb].remove(b)
        for mover, new in ((a, gb), (b, ga)):
            for x in groups[new]:
                self.count[mover][x] += 1
                self.count[x][mover] += 1
            groups[new].append(mover)
        row[a], row[b] = gb, ga

    def conflicted(self) -> list[tuple[int, int]]:
        """(round, person) for everyone seated with someone they cost something with."""
        out = []
        for r, groups in enumerate(self.members):
            for g in groups:
                for a in g:
                    if any(self.count[a][x] > 1 or self.rule[a][x] > 0 for x in g if x != a):
                        out.append((r, a))
        return out

    def search(self, budget: int, tenure: int, stall: int) -> int:
        """Tabu search within ``budget`` move evaluations; ends on the best schedule seen.

        Returns the evaluations it used.

        After ``stall`` steps without a new best, the search restarts from the best schedule
        shaken by a few random swaps, so it does not circle one basin forever.
        """
        total, best_total = 0.0, 0.0
        best = [list(row) for row in self.group_of]
        banned: dict[tuple[int, int, int], int] = {}
        step = since_best = 0
        left = budget
        while left > 0:
            people = self.conflicted()
            if not people:
                break
            if since_best >= stall:
                total = best_total + self._shake(best)
                banned.clear()
                since_best = 0
                continue
            move, move_delta = self._best_move(people, total, best_total, banned, step)
            left -= len(people) * self.n
            if move is None:
                break
            r, a, b = move
            row = self.group_of[r]
            banned[(r, a, row[a])] = banned[(r, b, row[b])] = step + self.rng.randint(2, tenure)
            self.swap(r, a, b)
            total += move_delta
            step += 1
            since_best += 1
            if total < best_total:
                best_total, best, since_best = total, [list(row) for row in self.group_of], 0
        self._load(best)
        return budget - max(left, 0)

    def _best_move(
        self,
        people: list[tuple[int, int]],
        total: float,
        best_total: float,
        banned: dict[tuple[int, int, int], int],
        step: int,
    ) -> tuple[tuple[int, int, int] | None, float]:
        """The cheapest allowed swap of a conflicted person (ties broken by the shuffle)."""
        self.rng.shuffle(people)
        move, move_delta = None, float("inf")
        for r, a in people:
            row = self.group_of[r]
            for b in range(self.n):
                if row[b] != row[a]:
                    d = self.delta(r, a, b)
                    if d < move_delta and (
                        total + d < best_total
                        or (
                            banned.get((r, a, row[b]), -1) <= step
                            and banned.get((r, b, row[a]), -1) <= step
                        )
                    ):
                        move, move_delta = (r, a, b), d
        return move, move_delta

    def _shake(self, best: list[list[int]]) -> float:
        """Reload ``best`` and make a few random swaps; return their total cost change."""
        self._load(best)
        change = 0.0
        for _ in range(max(2, self.n // 8)):
            r = self.rng.randrange(len(self.group_of))
            a, b = self.rng.sample(range(self.n), 2)
            if self.group_of[r][a] != self.group_of[r][b]:
                change += self.delta(r, a, b)
                self.swap(r, a, b)
        return change

    def _load(self, group_of: list[list[int]]) -> None:
        for groups in self.members:
            self._add_meetings(groups, -1)
        self.group_of = [list(row) for row in group_of]
        self.members = [_members(row) for row in self.group_of]
        for groups in self.members:
            self._add_meetings(groups, 1)


def _repeat(before: int) -> float:
    """Cost of a repeat after ``before`` (at least 1) earlier meetings."""
    return REPEAT_COST + REPEAT_STEP * min(before - 1, REPEAT_STEPS_CAP)


def _members(group_of: list[int]) -> list[list[int]]:
    groups: list[list[int]] = [[] for _ in range(max(group_of, default=-1) + 1)]
    for v, g in enumerate(group_of):
        groups[g].append(v)
    return groups
