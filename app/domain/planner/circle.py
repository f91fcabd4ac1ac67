"""The circle method: a perfect round robin of pairs, in closed form.

Fix one seat and rotate everyone else one place per round: with ``n - 1`` rounds (``n`` when
``n`` is odd, one person sitting out each round) everybody meets everybody exactly once, and
everybody sits out exactly once per cycle. Rounds beyond a cycle repeat it, which gives the
fewest repeats possible.
"""

from __future__ import annotations

from app.domain.planner.costs import seat_cost
from app.domain.planner.model import Problem, Schedule, Seating, seeded_random


def circle_schedule(p: Problem) -> Schedule:
    """A perfect round robin in seeded round order, best-weighted rounds first.

    Round ``r`` pairs ``i`` with ``j`` where ``i + j = r (mod m)``, ``m`` the odd one of
    ``n - 1`` and ``n``; the one ``i`` with ``2i = r`` meets the last person (even ``n``) or
    sits out (odd ``n``). This is the circle method written so that every pair comes out
    sorted, which keeps a 500-person round robin to a few milliseconds.
    """
    n = p.n
    m = n if n % 2 else n - 1
    cycle = []
    for r in range(m):
        low, high = (r + 1) // 2, (r + m + 1) // 2  # i < j below r, then i < j wrapping past m
        pairs = [
            *zip(range(low), range(r, r - low, -1), strict=True),
            *zip(range(r + 1, high), range(m - 1, r + m - high, -1), strict=True),
        ]
        hub = r // 2 if r % 2 == 0 else (r + m) // 2
        if n % 2 == 0:
            pairs.append((hub, n - 1))
        cycle.append(Seating(tuple(pairs), (hub,) if n % 2 else ()))
    seeded_random(p.seed, "circle").shuffle(cycle)
    if not p.uniform:
        cycle.sort(key=lambda s: sum(seat_cost(p, a, b, 0) for a, b in s.groups))
    return Schedule(tuple(cycle[r % m] for r in range(p.new_rounds)))
