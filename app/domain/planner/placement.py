"""Seating people on a design's points: colleagues apart, and rooms no design fits exactly.

A design (``planner.designs``) gives rounds on its points in which nobody meets anybody twice;
which person sits on which point is ours to choose. Two points that share a group in some
round *meet* in that round (at most one). The placement chooses points so that the people who
must not share a group meet in as few rounds as possible, and gives those rounds up:

- Colleagues (hard department rule) and must-not-meet pairs must never share a group.
- A room of ``n`` people in ``k``s uses ``ceil(n / k)`` groups, so it fits a design on
  ``m = k * ceil(n / k)`` points with ``m - n`` empty seats ("ghosts"). Two ghosts in one
  group would leave a group too small, so ghosts are kept apart like colleagues: 23 people
  in 3s sit on a nearly Kirkman triple system on 24 points with one empty seat, 22 on it
  with the two empty seats on a pair that never meets.

The classic case is exact: in a Kirkman triple system every pair meets once, so a department
of up to three people placed inside one group of one round meets only there; giving that
round up keeps everybody's colleagues apart in all the others, which is optimal (see
:func:`repeat_free_bound`). A nearly Kirkman system leaves a perfect matching of pairs that
never meet: departments of two sit on those and no round is lost. Larger departments are
placed greedily (each member on the free point that costs the fewest extra rounds) and the
search (``planner.groups``) plans the rounds given up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

from app.domain.planner.designs import Rounds, design
from app.domain.planner.figures import allowed_degrees
from app.domain.planner.model import Problem, Seating, group_sizes, pairs_per_round, seeded_random

_STARTS: Final = 12  # start points tried per department


@dataclass(frozen=True)
class Placement:
    """Rounds of people from a design: no repeats, no locked pair, no colleagues (hard mode)."""

    rounds: tuple[Seating, ...]
    name: str
    points: int


def place_on_design(p: Problem) -> Placement | None:
    """Seat ``p``'s people on the nearest design's points (see the module docstring).

    Empty seats are placed before the departments (on a pair of points that never meets,
    when the design has one) and, separately, after them (into a round the departments
    gave up already); the placement keeping more rounds wins. 22 people in 3s with seven
    departments of three need the second: every round of the 24-point design has only six
    groups without an empty seat. Each order is also tried with departments seated only on
    whole groups of a round: where many pairs never meet (20 in 4s, each meeting 15 of 19),
    the greedy choice of four points that never meet costs nothing for the first department
    but leaves no such room for the next, while one round's groups take all of them.
    """
    k = p.group_size
    m = k * -(-p.n // k)
    found = design(m, k)
    if found is None or m - p.n >= k:
        return None
    meets = _meeting_rounds(m, found.classes)
    orders = (True, False) if m > p.n and p.members else (True,)
    placements = [
        _place(p, found.classes, meets, ghosts_first, whole)
        for whole in ((False, True) if p.members else (False,))
        for ghosts_first in orders
    ]
    rounds = max(placements, key=len)
    return Placement(rounds, found.name, m)


def _place(
    p: Problem, classes: Rounds, meets: list[list[int]], ghosts_first: bool, whole: bool
) -> tuple[Seating, ...]:
    """The design's rounds that keep every rule, with people placed in the given order."""
    k, m = p.group_size, len(meets)
    placer = _Placer(meets, classes, seeded_random(p.seed, "placement"), whole)
    ghosts = [-1 - x for x in range(m - p.n)]
    if ghosts_first:
        placer.place_apart(ghosts)
    for members in sorted(p.members.values(), key=lambda ms: (-len(ms), ms)):
        placer.place_apart(members, spoil=p.hard_dept)
    if not ghosts_first:
        placer.place_apart(ghosts)
    placer.place_rest(p.n)
    person = placer.person
    spoiled = set(placer.spoiled)
    for key in p.must_not:
        a, b = divmod(key, p.n)
        spoiled.add(meets[placer.point[a]][placer.point[b]])
    spoiled.discard(-1)
    rounds = [
        Seating(tuple(sorted(tuple(sorted(person[v] for v in g if person[v] >= 0)) for g in c)))
        for r, c in enumerate(classes)
        if r not in spoiled
    ]
    expected = group_sizes(p.n, k)
    return tuple(s for s in rounds if sorted(map(len, s.groups), reverse=True) == expected)


def repeat_free_bound(p: Problem) -> int:
    """At most this many rounds can be free of repeats and of disallowed meetings.

    Each such round adds ``pairs_per_round`` new allowed pairs, and each person meets at
    least (smallest group - 1) new allowed partners in it. Two rooms fall short of that
    count (see ``_KNOWN_MAXIMA``; one round less when the departments, all of ``k`` people,
    could be one more round), and with fewer groups than the largest group has seats a
    second round must seat two people of one first-round group together (8, 10 or 12 in 4s,
    6 in 3s: one round).
    """
    degrees, k = allowed_degrees(p), p.group_size
    sizes = group_sizes(p.n, k)
    by_pairs = (sum(degrees) // 2) // max(1, pairs_per_round(p.n, p.group_size))
    smallest = min(sizes) - 1 if sizes else 0
    by_person = min(degrees) // smallest if smallest > 0 and degrees else by_pairs
    bound = min(by_pairs, by_person)
    known = _KNOWN_MAXIMA.get((p.n, p.group_size))
    if known is not None:
        if p.hard_dept and -1 not in p.dept and {len(m) for m in p.members.values()} == {k}:
            known -= 1  # the departments would make one more repeat-free round
        bound = min(bound, known)
    return min(bound, 1) if sizes and len(sizes) < max(sizes) else bound


# Rooms where no design reaches the counting bound: 12 in 3s over 5 rounds would be a nearly
# Kirkman triple system of order 12, and none exists (Kotzig & Rosa 1974; they exist for
# every n = 0 mod 6 from 18 on); 20 in 4s over 6 rounds would be a resolvable 4-GDD of type
# 2^10, which does not exist either (the social golfer problem 5-4-w: 5 weeks at most).
_KNOWN_MAXIMA: Final = {(12, 3): 4, (20, 4): 5}


def _meeting_rounds(m: int, classes: tuple[tuple[tuple[int, ...], ...], ...]) -> list[list[int]]:
    """``meets[a][b]``: the round in which points ``a`` and ``b`` share a group, or -1."""
    meets = [[-1] * m for _ in range(m)]
    for r, groups in enumerate(classes):
        for g in groups:
            for a in g:
                row = meets[a]
                for b in g:
                    row[b] = r
    for a in range(m):
        meets[a][a] = -1
    return meets


class _Placer:
    """Greedy placement, one set of people to keep apart at a time."""

    def __init__(
        self, meets: list[list[int]], classes: Rounds, rng: random.Random, whole: bool = False
    ) -> None:
        self.meets = meets
        self.whole = whole  # sets of people start from a group of one round, never alone
        self.group_of = [{v: g for g in groups for v in g} for groups in classes]
        self.free = list(range(len(meets)))
        rng.shuffle(self.free)
        self.person = [-1] * len(meets)  # point -> person; ghosts stay negative
        self.point: dict[int, int] = {}
        self.spoiled: set[int] = set()

    def place_apart(self, members: list[int], spoil: bool = True) -> None:
        """Put ``members`` on free points that meet in the fewest rounds not yet given up."""
        if not members:
            return
        size = len(members)
        fitting = self._fitting_group(size)
        if fitting:
            for person, v in zip(members, fitting, strict=False):
                self._take(person, v)
            return
        best: tuple[int, list[int], set[int]] | None = None
        for start in self.free[:_STARTS]:
            # Greedy from the start point alone, or from its group in one round (which costs
            # at most that round: the classic way to seat a department of up to k people).
            seeds = ([] if self.whole else [[start]]) + [
                [start, *(v for v in groups[start] if v != start and v in self.free)]
                for groups in self.group_of
            ]
            for seed in seeds:
                chosen, new = self._grow(seed[:size], size)
                if best is None or len(new) < best[0]:
                    best = (len(new), chosen, new)
                if not new:
                    break
            if best is not None and best[0] == 0:
                break
        assert best is not None
        _, chosen, new = best
        for person, v in zip(members, chosen, strict=True):
            self._take(person, v)
        if spoil:
            self.spoiled |= new

    def _fitting_group(self, size: int) -> list[int]:
        """Free points of a group of a round given up already, the fullest that fits ``size``.

        Placed there, the people meet in that round only: no further round is lost. Taking
        the fullest group that fits (best fit, largest sets first) packs sets of at most
        ``k`` people into as few rounds as possible.
        """
        free = set(self.free)
        best: list[int] = []
        for r in sorted(self.spoiled):
            for group in set(self.group_of[r].values()):
                room = [v for v in group if v in free]
                if len(room) >= size and (not best or len(room) < len(best)):
                    best = room
        return sorted(best)[:size]

    def _grow(self, seed: list[int], size: int) -> tuple[list[int], set[int]]:
        """``seed`` and then, one by one, the free point adding the fewest rounds to give up."""
        meets, spoiled = self.meets, self.spoiled
        chosen, new = list(seed), set[int]()
        for x, a in enumerate(seed):
            new.update(r for b in seed[:x] if (r := meets[a][b]) >= 0 and r not in spoiled)
        rounds_with: dict[int, set[int]] = {v: set() for v in self.free if v not in seed}
        for v, rounds in rounds_with.items():
            rounds.update(r for b in seed if (r := meets[v][b]) >= 0 and r not in spoiled)
        while len(chosen) < size and rounds_with:
            v = min(rounds_with, key=lambda u: len(rounds_with[u] - new))
            new |= rounds_with.pop(v)
            chosen.append(v)
            for u, rounds in rounds_with.items():
                r = meets[u][v]
                if r >= 0 and r not in spoiled:
                    rounds.add(r)
        return chosen, new

    def _take(self, person: int, v: int) -> None:
        self.free.remove(v)
        self.person[v] = person
        if person >= 0:
            self.point[person] = v

    def place_rest(self, n: int) -> None:
        """Everybody not placed yet, on the remaining points in (shuffled) order."""
        for person in range(n):
            if person not in self.point:
                self._take(person, self.free[0])
