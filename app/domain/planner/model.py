"""The planner's index form: people are ``0..n-1`` (sorted by id), a pair is ``i * n + j``.

``app.domain.planner.rotations`` turns a request into a :class:`Problem` once; the search modules
work on
plain ints only, which keeps their inner loops cheap and their output independent of string
hashing (so a plan does not change with ``PYTHONHASHSEED``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cached_property
from typing import Final

# Priority weights of a first meeting. A linked-department pair outweighs any number of other
# meetings one person could have in a round, which makes the per-round matching lexicographic:
# linked pairs first, then pairs who have not met in earlier sessions, then the rest.
BASE_WEIGHT: Final = 1.0
FRESH_WEIGHT: Final = 10.0
LINKED_WEIGHT: Final = 100.0

NO_DEPARTMENT: Final = -1


@dataclass(frozen=True)
class Seating:
    """One round in index form: groups (each sorted ascending) and who sits out."""

    groups: tuple[tuple[int, ...], ...]
    sitting: tuple[int, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """What a search returns: the planned rounds and notes on what it had to give up."""

    seatings: tuple[Seating, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A validated request in index form.

    ``linked`` holds ordered department pairs (both orders); ``prior``, ``must_meet`` and
    ``must_not`` hold pair keys; ``history`` holds the played rounds restricted to people who
    are still present.
    """

    ids: tuple[str, ...]
    dept: tuple[int, ...]
    group_size: int
    new_rounds: int
    seed: int = 0
    hard_dept: bool = True
    linked: frozenset[tuple[int, int]] = frozenset()
    prior: frozenset[int] = frozenset()
    must_meet: frozenset[int] = frozenset()
    must_not: frozenset[int] = frozenset()
    history: tuple[Seating, ...] = field(default=())

    @property
    def n(self) -> int:
        """Number of present people."""
        return len(self.ids)

    def key(self, i: int, j: int) -> int:
        """The pair key of two distinct people, independent of their order."""
        return i * self.n + j if i < j else j * self.n + i

    def same_dept(self, i: int, j: int) -> bool:
        """True when both share a department and are not a must-meet pair (which is exempt)."""
        d = self.dept[i]
        return d != NO_DEPARTMENT and d == self.dept[j] and self.key(i, j) not in self.must_meet

    def allowed(self, i: int, j: int) -> bool:
        """True when the rules in force let ``i`` and ``j`` share a group."""
        if i == j or self.key(i, j) in self.must_not:
            return False
        return not (self.hard_dept and self.same_dept(i, j))

    @cached_property
    def members(self) -> dict[int, list[int]]:
        """Department index -> its people, ascending."""
        out: dict[int, list[int]] = {}
        for person, d in enumerate(self.dept):
            if d != NO_DEPARTMENT:
                out.setdefault(d, []).append(person)
        return out

    @cached_property
    def has_colleagues(self) -> bool:
        """True when some two people share a department."""
        return any(len(people) > 1 for people in self.members.values())

    @cached_property
    def uniform(self) -> bool:
        """True when every allowed first meeting is worth the same and nothing is locked."""
        return not (self.linked or self.prior or self.must_meet) and not self.has_colleagues

    @cached_property
    def weights(self) -> list[list[float]]:
        """Weight of a first meeting per pair; 0 for colleagues, must-not-meet pairs and self."""
        n, fresh = self.n, BASE_WEIGHT + FRESH_WEIGHT
        linked_of: dict[int, list[int]] = {}
        for d, e in sorted(self.linked):
            linked_of.setdefault(d, []).append(e)
        rows: list[list[float]] = []
        for i in range(n):
            row = [fresh] * n
            row[i] = 0.0
            d = self.dept[i]
            for e in linked_of.get(d, ()) if d != NO_DEPARTMENT else ():
                for j in self.members.get(e, ()):
                    row[j] += LINKED_WEIGHT
            for j in self.members.get(d, ()) if d != NO_DEPARTMENT else ():
                row[j] = 0.0
            rows.append(row)
        for key in self.prior:
            i, j = divmod(key, n)
            if rows[i][j] > 0:
                rows[i][j] = rows[j][i] = rows[i][j] - FRESH_WEIGHT
        for key in self.must_meet:
            i, j = divmod(key, n)
            if rows[i][j] == 0:  # colleagues: the lock overrides the department rule
                rows[i][j] = rows[j][i] = BASE_WEIGHT + FRESH_WEIGHT * (key not in self.prior)
        for key in self.must_not:
            i, j = divmod(key, n)
            rows[i][j] = rows[j][i] = 0.0
        return rows

    def is_linked(self, i: int, j: int) -> bool:
        """True when the two people's departments are linked."""
        return (self.dept[i], self.dept[j]) in self.linked


def seeded_random(seed: int, purpose: str) -> random.Random:
    """A generator for reproducible shuffles; each ``purpose`` gets its own stream."""
    # Not for secrets: the point is that the same seed gives the same plan everywhere.
    return random.Random(f"{purpose}:{seed}")  # noqa: S311


def group_sizes(n: int, group_size: int) -> list[int]:
    """Sizes of the groups one round seats ``n`` people in, largest first.

    Pairs seat ``n // 2`` pairs (one person sits out when ``n`` is odd). Groups of 3 or 4 use
    ``ceil(n / k)`` groups whose sizes differ by at most one, so nobody sits out: 10 people in
    4s sit 4, 3, 3 and 5 people in 4s sit 3, 2.
    """
    if group_size == 2:
        return [2] * (n // 2)
    count = -(-n // group_size)
    small, extra = divmod(n, count)
    return [small + 1] * extra + [small] * (count - extra)


def pairs_per_round(n: int, group_size: int) -> int:
    """How many pairs meet in one round of ``n`` people."""
    return sum(size * (size - 1) // 2 for size in group_sizes(n, group_size))
