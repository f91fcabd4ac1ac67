"""The depth-first search that found the stored base rounds (``starter_bases.BASES``).

Offline work: ``starters.develop`` turns stored base rounds into designs at run time in well
under a millisecond, while this search takes seconds to minutes for the larger sizes. It stays in
the package so that a new size can be searched (``find_base``) and a test can check that the
search still finds the small ones; ``bench/find_base_rounds.py`` is the CP-SAT alternative for the
sizes it cannot reach.
"""

from __future__ import annotations

import random
from typing import Final

from app.domain.planner.starter_bases import Base
from app.domain.planner.starters import Recipe

_NODES_PER_ATTEMPT: Final = 20_000
_ATTEMPTS: Final = 300


class _Search:
    """Depth-first search for a base round, point by point, with seeded random order."""

    def __init__(self, recipe: Recipe, rng: random.Random) -> None:
        self.r = recipe
        self.rng = rng
        self.finite = recipe.order * recipe.copies
        self.step = recipe.order // recipe.stabiliser
        self.used = [False] * recipe.points
        self.diff = [False] * (recipe.copies * recipe.copies * recipe.order)
        self.blocks: list[list[int]] = []
        self.invariant: list[list[int]] = []
        self.nodes = 0
        if recipe.stabiliser > 1:  # the fixed group {inf} + S
            fixed = [self.finite] + [s * self.step for s in range(recipe.stabiliser)]
            for v in fixed:
                self.used[v] = True
            for s in range(1, recipe.stabiliser):
                self.diff[s * self.step] = True
            self.blocks.append(fixed)

    def orbit(self, v: int) -> list[int]:
        if v >= self.finite:
            return [v]
        copy, x = divmod(v, self.r.order)
        return [
            copy * self.r.order + (x + s * self.step) % self.r.order
            for s in range(self.r.stabiliser)
        ]

    def _claim(self, v: int, block: list[int]) -> list[int] | None:
        """Mark the differences ``v`` adds to ``block``; None (nothing marked) on a clash."""
        order, copies = self.r.order, self.r.copies
        keys: list[int] = []
        for b in block:
            if b < self.finite and v < self.finite:
                (i, x), (j, y) = divmod(b, order), divmod(v, order)
                for key in (
                    (i * copies + j) * order + (y - x) % order,
                    (j * copies + i) * order + (x - y) % order,
                ):
                    if self.diff[key]:
                        self._free(keys)
                        return None
                    self.diff[key] = True
                    keys.append(key)
        return keys

    def _free(self, keys: list[int]) -> None:
        for key in keys:
            self.diff[key] = False

    def run(self) -> bool:
        """Complete the base round; False when this attempt's node budget runs out."""
        self.nodes += 1
        if self.nodes > _NODES_PER_ATTEMPT:
            return False
        if len(self.invariant) < self.r.invariant:
            return self._transversal([0])
        infinities = range(self.finite, self.r.points)
        first = next((v for v in infinities if not self.used[v]), None)
        if first is None:
            first = next((v for v in range(self.finite) if not self.used[v]), None)
        if first is None:
            return True
        self._use(first, True)
        if self._extend([first]):
            return True
        self._use(first, False)
        return False

    def _use(self, v: int, used: bool) -> None:
        for u in self.orbit(v):
            self.used[u] = used

    def _transversal(self, block: list[int]) -> bool:
        """A group of an invariant round: ``(0, 0)`` and one point of each further copy."""
        if len(block) == self.r.k:
            self.invariant.append(block)
            if self.run():
                return True
            self.invariant.pop()
            return False
        copy, order = len(block), self.r.order
        low = self.invariant[-1][1] + 1 if copy == 1 and self.invariant else copy * order
        pool = list(range(low, (copy + 1) * order))
        self.rng.shuffle(pool)
        for v in pool:
            keys = self._claim(v, block)
            if keys is not None:
                if self._transversal([*block, v]):
                    return True
                self._free(keys)
        return False

    def _extend(self, block: list[int]) -> bool:
        self.nodes += 1
        if self.nodes > _NODES_PER_ATTEMPT:
            return False
        if len(block) == self.r.k:
            self.blocks.append(block)
            if self.run():
                return True
            self.blocks.pop()
            return False
        for v in self._candidates(block):
            if any(self.used[u] for u in self.orbit(v)):
                continue
            keys = self._claim(v, block)
            if keys is None:
                continue
            self._use(v, True)
            if self._extend([*block, v]):
                return True
            self._use(v, False)
            self._free(keys)
        return False

    def _candidates(self, block: list[int]) -> list[int]:
        last, order = block[-1], self.r.order
        if block[0] >= self.finite:  # an infinity's group: one point of each copy, in order
            copy = 0 if last >= self.finite else last // order + 1
            pool = range(copy * order, (copy + 1) * order)
        else:
            pool = range(last + 1, self.finite)
        out = [v for v in pool if not self.used[v]]
        self.rng.shuffle(out)
        return out


def find_base(recipe: Recipe, attempts: int = _ATTEMPTS) -> Base | None:
    """Search ``recipe``'s invariant and base groups; None if the seeded restarts run out."""
    rng = random.Random(f"starter:{recipe}")  # noqa: S311 - reproducible, not secret
    for _ in range(attempts):
        search = _Search(recipe, rng)
        if search.run():
            return (
                tuple(map(tuple, search.invariant)),
                tuple(tuple(sorted(b)) for b in search.blocks),
            )
    return None
