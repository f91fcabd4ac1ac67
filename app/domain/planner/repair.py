"""Finishing touches for rounds of pairs: meet missed pairs, then exchange away repeats.

The round-by-round matching can end with a pair that never met while both people spent some
round in a repeat (or a forced colleague) pairing. :func:`complete_coverage` repairs that with
two moves that never change who sits out:

- same round: ``u-x`` and ``v-y`` are both removable, so seat ``u-v`` and ``x-y``;
- two rounds: in round ``a`` ``u-x`` is removable but ``v`` meets ``w`` there; in round ``b``
  ``v-y`` and ``w-z`` are removable. Move ``v-w`` to round ``b`` (next to ``y-z``) and seat
  ``u-v`` and ``x-w`` in round ``a``: a Kempe-chain step of length one.

"Removable" means the pair also meets in another round, or breaks the department rule. Each
move adds a first meeting and loses none, so the pass ends.

:func:`exchange_repeats` then walks the rounds in order: two pairs of a round swap partners
whenever that lowers the round's cost given the rounds before it.
"""

from __future__ import annotations

from app.domain.planner.costs import seat_cost
from app.domain.planner.model import Problem, Seating

Pair = tuple[int, int]


def complete_coverage(p: Problem, seatings: list[Seating]) -> list[Seating]:
    """``seatings`` (the planned rounds) with missed allowed pairs met where a move allows."""
    partner = [_partners(p.n, s) for s in seatings]
    count: dict[int, int] = {}
    for s in (*p.history, *seatings):
        for a, b in s.groups:
            count[a * p.n + b] = count.get(a * p.n + b, 0) + 1
    repair = _Repair(p, partner, count)
    while repair.sweep():  # each sweep meets at least one more pair, so this ends
        pass
    return [
        Seating(tuple(sorted((v, w) for v, w in enumerate(row) if w > v)), s.sitting)
        for row, s in zip(partner, seatings, strict=True)
    ]


def exchange_repeats(
    p: Problem, pairs: list[Pair], met: dict[int, int], movers: frozenset[int] = frozenset()
) -> None:
    """Swap partners between two pairs of a round while that lowers the round's cost.

    Only a pair that costs something (a repeat, colleagues, ...) or holds someone whose
    must-meet partner sits in another pair can gain at rule level; each such pair is tried
    against every other pair, so the round ends with no exchange that lowers its rule-level
    cost. Pairs holding one of ``movers`` are tried too (to win back weight).
    """

    def cost(a: int, b: int) -> float:
        return seat_cost(p, a, b, met.get(p.key(a, b), 0))

    eager = {v for key in p.must_meet if key not in met for v in divmod(key, p.n)}
    improved = True
    while improved:
        improved = False
        for x, (a, b) in enumerate(pairs):
            now_ab = cost(a, b)
            if now_ab <= 0 and not {a, b} & eager and not {a, b} & movers:
                continue
            for y, (c, d) in enumerate(pairs):
                now = now_ab + cost(c, d)
                for e, f, g, h in ((a, c, b, d), (a, d, b, c)) if y != x else ():
                    if cost(e, f) + cost(g, h) < now:
                        pairs[x], pairs[y] = (min(e, f), max(e, f)), (min(g, h), max(g, h))
                        improved = True
                        break
                if improved:
                    break
            if improved:
                break


def exchange_in_order(p: Problem, seatings: list[Seating]) -> list[Seating]:
    """Run :func:`exchange_repeats` on each round given the rounds before it."""
    met: dict[int, int] = {}
    for s in p.history:
        for a, b in s.groups:
            met[a * p.n + b] = met.get(a * p.n + b, 0) + 1
    out = []
    for s in seatings:
        pairs = [(a, b) for a, b in s.groups]
        exchange_repeats(p, pairs, met)
        for a, b in pairs:
            met[a * p.n + b] = met.get(a * p.n + b, 0) + 1
        out.append(Seating(tuple(sorted(pairs)), s.sitting))
    return out


def _partners(n: int, seating: Seating) -> list[int]:
    row = [-1] * n
    for a, b in seating.groups:
        row[a], row[b] = b, a
    return row


class _Repair:
    """The moves of the module docstring over partner tables and global meeting counts."""

    def __init__(self, p: Problem, partner: list[list[int]], count: dict[int, int]) -> None:
        self.p = p
        self.partner = partner
        self.count = count
        self.spare: list[list[int]] = []

    def removable(self, r: int, v: int) -> bool:
        w = self.partner[r][v]
        return w >= 0 and (self.count.get(self.p.key(v, w), 0) > 1 or not self.p.allowed(v, w))

    def sweep(self) -> bool:
        """Try every missed pair once; True when any was repaired."""
        p = self.p
        self.spare = [self._spare(v) for v in range(p.n)]
        repaired = False
        for u in range(p.n):
            for v in range(u + 1, p.n):
                if not self.spare[u] or not self.spare[v] or p.key(u, v) in self.count:
                    continue
                if p.allowed(u, v) and (self._same_round(u, v) or self._two_rounds(u, v)):
                    repaired = True
        return repaired

    def _spare(self, v: int) -> list[int]:
        """Rounds in which ``v`` sits in a removable pair."""
        return [r for r in range(len(self.partner)) if self.removable(r, v)]

    def _same_round(self, u: int, v: int) -> bool:
        for r in set(self.spare[u]) & set(self.spare[v]):
            x, y = self.partner[r][u], self.partner[r][v]
            if self.p.allowed(x, y):
                self._move([(r, (u, x), (u, v)), (r, (v, y), (x, y))])
                return True
        return False

    def _two_rounds(self, u: int, v: int) -> bool:
        for x_u, y_v in ((u, v), (v, u)):
            for a in self.spare[x_u]:
                x, w = self.partner[a][x_u], self.partner[a][y_v]
                if w < 0 or self.removable(a, y_v) or not self.p.allowed(x, w):
                    continue
                for b in self.spare[y_v]:
                    y, z = self.partner[b][y_v], self.partner[b][w]
                    if b != a and z != y_v and self.removable(b, w) and self.p.allowed(y, z):
                        self._move(
                            [
                                (a, (x_u, x), (x_u, y_v)),
                                (a, (y_v, w), (x, w)),
                                (b, (y_v, y), (y_v, w)),
                                (b, (w, z), (y, z)),
                            ]
                        )
                        return True
        return False

    def _move(self, changes: list[tuple[int, Pair, Pair]]) -> None:
        """Apply (round, old pair, new pair) replacements to partners and counts."""
        p = self.p
        for r, (a, b), _ in changes:
            self.partner[r][a] = self.partner[r][b] = -1
            key = p.key(a, b)
            self.count[key] -= 1
            if not self.count[key]:
                del self.count[key]
        for r, _, (a, b) in changes:
            self.partner[r][a], self.partner[r][b] = b, a
            self.count[p.key(a, b)] = self.count.get(p.key(a, b), 0) + 1
        for v in {v for _, old, new in changes for v in (*old, *new)}:
            self.spare[v] = self._spare(v)
