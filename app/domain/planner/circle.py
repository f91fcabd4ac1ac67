"""The circle method: a perfect round robin of pairs, in closed form.

Fix one seat and rotate everyone else one place per round: with ``n - 1`` rounds (``n`` when
``n`` is odd, one person sitting out each round) everybody meets everybody exactly once, and
everybody sits out exactly once per cycle. Rounds beyond a cycle repeat it, which gives the
fewest repeats possible.

A :class:`RoundRobin` is the whole plan as one number per round (which round of the cycle it
is). Its pairs are slices of any sequence of labels: ``range(n)`` gives the planner's index
form, the sorted ids give the published rounds directly. A 500-person round robin has 125k
pairs; building them once, as ids, and counting its figures from the closed form instead of
pair by pair (``figures.round_robin_tally``) is what keeps it to a few tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from app.domain.planner.costs import seat_cost
from app.domain.planner.figures import Tally, round_robin_tally
from app.domain.planner.model import Problem, Schedule, Seating, seeded_random

Label = TypeVar("Label")


@dataclass(frozen=True)
class RoundRobin:
    """Circle-method rounds for ``n`` people; planned round ``x`` is ``cycle_rounds[x]``.

    Round ``r`` of the cycle pairs ``i`` with ``j`` where ``i + j = r (mod m)``, ``m`` the odd
    one of ``n - 1`` and ``n``; the one ``i`` with ``2i = r`` meets the last person (even
    ``n``) or sits out (odd ``n``). Every pair comes out sorted: ascending ``i`` first, the
    last person's pair last.
    """

    n: int
    cycle_rounds: tuple[int, ...]

    @property
    def m(self) -> int:
        """Rounds in one cycle (the odd one of ``n - 1`` and ``n``)."""
        return self.n if self.n % 2 else self.n - 1

    def pairs(self, r: int, labels: Sequence[Label]) -> list[tuple[Label, Label]]:
        """The pairs of cycle round ``r``, person ``i`` shown as ``labels[i]``.

        ``labels`` must be sliceable (a tuple or a range); every pair is cut from two slices,
        so no label is looked up one by one.
        """
        m = self.m
        low, high = (r + 1) // 2, (r + m + 1) // 2  # i < j below r, then i < j wrapping past m
        # r - low >= 0 and r + m - high >= 0: neither reversed slice wraps around.
        pairs = [
            *zip(labels[:low], labels[r : r - low : -1], strict=True),
            *zip(labels[r + 1 : high], labels[m - 1 : r + m - high : -1], strict=True),
        ]
        if self.n % 2 == 0:
            pairs.append((labels[self._hub(r)], labels[self.n - 1]))
        return pairs

    def sitting(self, r: int) -> tuple[int, ...]:
        """Who sits out cycle round ``r`` (nobody when ``n`` is even)."""
        return (self._hub(r),) if self.n % 2 else ()

    def schedule(self) -> Schedule:
        """The planned rounds in index form (each cycle round built once)."""
        built: dict[int, Seating] = {}
        for r in self.cycle_rounds:
            if r not in built:
                built[r] = Seating(tuple(self.pairs(r, range(self.n))), self.sitting(r))
        return Schedule(tuple(built[r] for r in self.cycle_rounds))

    def tally(self, p: Problem) -> Tally:
        """``figures.tally`` of these rounds for ``p`` (uniform, nothing played), from counts.

        Distinct cycle rounds share no pair, so the pairs met are the cycle rounds used times
        ``n // 2``; everyone plays every round they do not sit out.
        """
        distinct = len(set(self.cycle_rounds)) * (self.n // 2)
        return round_robin_tally(p, [self.sitting(r) for r in self.cycle_rounds], distinct)

    def _hub(self, r: int) -> int:
        """The one person ``i`` with ``2i = r (mod m)``."""
        return r // 2 if r % 2 == 0 else (r + self.m) // 2


def round_robin(p: Problem) -> RoundRobin:
    """A perfect round robin for ``p`` in seeded round order, best-weighted rounds first."""
    one_cycle = RoundRobin(p.n, tuple(range(p.n if p.n % 2 else p.n - 1)))
    cycle = list(one_cycle.cycle_rounds)
    seeded_random(p.seed, "circle").shuffle(cycle)
    if not p.uniform:
        people = range(p.n)
        cost = {r: sum(seat_cost(p, a, b, 0) for a, b in one_cycle.pairs(r, people)) for r in cycle}
        cycle.sort(key=cost.__getitem__)  # stable: equal costs keep the seeded order
    return RoundRobin(p.n, tuple(cycle[x % one_cycle.m] for x in range(p.new_rounds)))


def circle_schedule(p: Problem) -> Schedule:
    """``round_robin(p)`` in index form."""
    return round_robin(p).schedule()
