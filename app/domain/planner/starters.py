"""Resolvable designs from a group: one base round, shifted, gives every other round.

The points are ``copies`` copies of the cyclic group ``Z_N`` plus a few fixed points
("infinities"); point ``(i, x)`` is number ``i * N + x``, infinity ``j`` is ``copies * N + j``.
A *base round* ``P`` partitions the points into groups; the round ``P + t`` adds ``t`` to the
group element of every finite point (infinities stay put). Two finite points ``(i, x)`` and
``(j, y)`` meet in as many shifted rounds as there are ordered pairs in ``P``'s groups with
*difference* ``(i, j, y - x)``, so a base round whose differences are all distinct gives
rounds in which nobody meets anybody twice (Bose 1939's method of differences; Handbook of
Combinatorial Designs, 2nd ed., chapters VI.16 "Difference families" and II.7 "Resolvable and
near-resolvable designs"). When ``P + s == P`` for the ``s`` in a subgroup ``S`` of order
``m`` (the round's *stabiliser*), ``N / m`` rounds are distinct. One design (32 in 4s, see
below) uses the translations ``x -> x ^ t`` of ``GF(2)^5`` by a subgroup instead of ``Z_N``.

The recipes (``starter``; which one serves which room size is in ``planner.starter_bases``):

- **Kirkman triple systems**, ``n = 6t + 3`` (Ray-Chaudhuri & Wilson 1971 settled existence):
  ``kirkman_rotational``, 1-rotational over ``Z_{n-1}`` with one infinity and stabiliser
  ``{0, h}``, ``h = (n-1)/2`` (the fixed group is ``{inf, 0, h}``; exists for
  ``n = 3, 9 mod 24``: 33, 51, 57); ``kirkman_doubled``, two copies of ``Z_R``,
  ``R = (n-1)/2`` odd, and one infinity (15, 39); ``kirkman_tripled``, three copies of
  ``Z_{n/3}`` whose ``(n/3 - 1)/2`` invariant rounds are one group of one point per copy and
  its shifts (21). ``(n-1)/2`` rounds; everybody meets everybody once.
- **Nearly Kirkman triple systems**, ``n = 6t + 6 >= 18``: ``nearly_kirkman``, two copies of
  ``Z_R``, ``R = (n-2)/2``, and two infinities, each in a group with one point of each copy
  (24, 30, 36, 42, 48, 54, 60); ``nearly_kirkman_quartered``, four copies of ``Z_R``,
  ``R = (n-2)/4``, two infinities and *two* base rounds (18, over ``Z_4``: the smallest
  NKTS, and the one size the single-base recipe misses). Kotzig & Rosa 1974 introduced
  them; Baker & Wilson 1977 showed they exist for every ``n = 0 mod 6 >= 18``.
  ``(n-2)/2`` rounds; the pairs that never meet form a perfect matching.
- **Resolvable (n, 4, 1) designs**, ``n = 12s + 4``: ``resolvable_fours``, three copies of
  ``Z_{(n-1)/3}`` and one infinity (28); ``resolvable_rotational``, 1-rotational over
  ``Z_{n-1}`` with the fixed group ``{inf, 0, h, 2h}``, ``h = (n-1)/3`` (40, 52).
  ``(n-1)/3`` rounds; everybody meets everybody once.
- **20 in 4s**, ``social_golfer_quartered``: four copies of ``Z_5`` and one base round give
  5 rounds, the most possible (the social golfer problem 5-4-5: a sixth round would make a
  resolvable 4-GDD of type ``2^10``, which does not exist); the seeded search finds it in
  milliseconds. Everybody meets 15 of the other 19.
- **Resolvable 4-GDDs** (group divisible designs; the social golfer rows of Harvey's table
  for groups of 4), ``resolvable_gdd``: three copies of ``Z_R`` and two or three infinities,
  each in a group with one point of each copy. For ``n = 0 mod 12`` (type ``3^(n/3)``),
  ``R = (n-3)/3`` rounds and the pairs that never meet are disjoint triples; for
  ``n = 8 mod 12`` (type ``2^(n/2)``; none for 20, see above), ``R =
  (n-2)/3`` rounds leaving a perfect matching. Both are the counting bound
  (``floor((n-1)/3)``): 24 in 4s get 7 rounds (so do 22 and 23, with empty seats).
  32 (type ``2^16``, the social golfer schedule 8-4-10, 10 rounds) comes from no cyclic
  group here: neither the depth-first
  search, the CP-SAT model nor a tabu search over the same differences found base rounds
  for ``Z_10`` or for two base rounds over ``Z_5`` on this machine; nor did four copies of
  ``Z_8`` with two invariant transversal rounds: CP-SAT ran out of time, annealing failed
  for each of the 6 inequivalent second transversals, and with the symmetries
  ``(i, x) -> (i + 1, w x)`` or ``(i + 2, w x)`` the model is infeasible, as is ``Z_10``
  fixed by ``x -> -x`` with copies 1 and 2 swapped. Session 8 added, with a throwaway CP-SAT
  model that asks only for base rounds fixed by a subgroup (a meeting variable per pair and
  base round, equal along the subgroup's orbits, three per person and transitive; each base
  developed into its cosets' rounds, every pair at most once; nothing else prescribed), two
  copies of ``Z_16`` are
  *infeasible* for every split of the 10 rounds into orbits (8+2, 4+4+2, 4+2+2+2,
  2+2+2+2+2, proved by CP-SAT in 2 to 370 s; a round fixed by all of ``Z_16`` uses every
  pure difference 8, so two such rounds cannot coexist and an odd orbit is impossible); so
  is ``GF(2)^4`` on two copies (translations; 8+2 with the order-2 stabiliser inside or
  outside the order-8 one, which is every case up to automorphism, 8+1+1, and two of the
  4+4+2 configurations), and ``Z_15`` on two copies with two infinities cannot work
  at all (an infinity's group in a round fixed by the order-3 subgroup uses all of one
  copy's difference 5, so two such base rounds would need four copies, and a larger
  stabiliser would put five or more people with an infinity). ``Z_3`` on ten copies and two
  infinities (one invariant round and three base rounds, or four and two) ran out of 600 s,
  as did ``Z_6`` on five copies and two infinities (6 + 2 + 2 rounds) in 900 s and ``Z_8``
  on four copies (4 + 4 + 2) in 16 minutes. A published table settled it instead: the
  Wolfram Demonstration "Social Golfer Problem" (demonstrations.wolfram.com/
  SocialGolferProblem, as transcribed in the repository fpvandoorn/Dagstuhl-tables, whose
  ``T(32,4)`` table adds the unmet matching as an 11th round). Checked pair by pair
  offline, its automorphisms (a backtracking search over point maps that carry each
  round's pairs onto one round's) are 8 fixed-point-free involutions forming ``GF(2)^3``,
  one of them the unmet matching, with 4 orbits of 8 points: four rounds fixed by all 8,
  three pairs of rounds fixed by 4. Numbered as ``GF(2)^5`` with that group the
  translations ``x -> x ^ t``, ``t < 8``, it is stored as 16 groups
  (``starter_bases.TRANSLATED``; :func:`translated_classes` develops and checks it), the
  unmet pairs ``{x, x ^ 1}``.
  36 (type ``3^12``, the social golfer schedule 9-4-11) came from the
  CP-SAT model with infinity 0's group fixed; 44, 56 and 60 (types ``2^22``, ``2^28``,
  ``3^20``) from base rounds that the map ``(i, x) -> (i + 1, w x)`` fixes, ``w`` of order
  3 modulo ``R`` (9, 7, 7): a third of the unknowns, found by the CP-SAT model (44, 56) or
  simulated annealing (60) with that symmetry added; 48 (``3^16``) with ``w = 1`` and the
  three infinities cycled.

The search (``base_search.find_base``) is a depth-first search over points and differences with
seeded restarts: deterministic, but from seconds to minutes for the larger sizes, so its
results are stored (a few numbers per size) and only developed and checked at run time, in
well under a millisecond per round. Recipes with two base rounds (and the sizes the
depth-first search gave up on) were found offline by ``bench/find_base_rounds.py``, a CP-SAT
model of the same difference conditions (OR-Tools; not a dependency of the service).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Final

from app.domain.planner.starter_bases import BASES, TRANSLATED, Base, Groups

Classes = list[list[tuple[int, ...]]]


@dataclass(frozen=True)
class Recipe:
    """Where a design's base round is searched: see the module docstring."""

    order: int  # N, the order of the cyclic group
    copies: int
    infinities: int
    k: int
    stabiliser: int  # m: the base round is fixed by the subgroup of order m
    name: str
    invariant: int = 0  # rounds made of one group with one point per copy, and its shifts
    bases: int = 1  # base rounds, each shifted into ``order`` rounds (stabiliser 1 when > 1)

    @property
    def points(self) -> int:
        """How many people the design seats."""
        return self.order * self.copies + self.infinities

    @property
    def rounds(self) -> int:
        """How many distinct rounds it gives."""
        return self.bases * self.order // self.stabiliser + self.invariant


def kirkman_rotational(n: int) -> Recipe:
    """Kirkman triple system, 1-rotational over ``Z_{n-1}`` (exists for n = 3, 9 mod 24)."""
    return Recipe(n - 1, 1, 1, 3, 2, "Kirkman triple system")


def kirkman_doubled(n: int) -> Recipe:
    """Kirkman triple system on two copies of ``Z_R`` and one infinity, ``R = (n-1)/2`` odd."""
    return Recipe((n - 1) // 2, 2, 1, 3, 1, "Kirkman triple system")


def kirkman_tripled(n: int) -> Recipe:
    """Kirkman triple system on three copies of ``Z_q``, ``q = n/3``, with invariant rounds."""
    return Recipe(n // 3, 3, 0, 3, 1, "Kirkman triple system", (n // 3 - 1) // 2)


def nearly_kirkman(n: int) -> Recipe:
    """Nearly Kirkman triple system on two copies of ``Z_R`` and two infinities."""
    return Recipe((n - 2) // 2, 2, 2, 3, 1, "nearly Kirkman triple system")


def nearly_kirkman_quartered(n: int) -> Recipe:
    """Nearly Kirkman triple system on four copies of ``Z_R``, ``R = (n-2)/4``, two infinities.

    Two base rounds, each shifted into ``R`` rounds (18 in 3s: ``Z_4``, 8 rounds).
    """
    return Recipe((n - 2) // 4, 4, 2, 3, 1, "nearly Kirkman triple system", bases=2)


def resolvable_gdd(n: int) -> Recipe:
    """Resolvable 4-GDD of type ``3^(n/3)`` (n = 0 mod 12) or ``2^(n/2)`` (n = 8 mod 12).

    Three copies of ``Z_R`` and ``n - 3R`` infinities, each in a group with one point of each
    copy: ``R = (n-3)/3`` or ``(n-2)/3`` rounds.
    """
    infinities = 3 if n % 12 == 0 else 2
    return Recipe((n - infinities) // 3, 3, infinities, 4, 1, "resolvable group divisible design")


def social_golfer_quartered(n: int) -> Recipe:
    """Four copies of ``Z_{n/4}``, one base round and no infinities (20 in 4s: 5 rounds)."""
    return Recipe(n // 4, 4, 0, 4, 1, "social golfer schedule")


def resolvable_fours(n: int) -> Recipe:
    """Resolvable (n, 4, 1) design on three copies of ``Z_R`` and one infinity, ``R = (n-1)/3``."""
    return Recipe((n - 1) // 3, 3, 1, 4, 1, "resolvable (n, 4, 1) design")


def resolvable_rotational(n: int) -> Recipe:
    """Resolvable (n, 4, 1) design, 1-rotational over ``Z_{n-1}`` with stabiliser of order 3."""
    return Recipe(n - 1, 1, 1, 4, 3, "resolvable (n, 4, 1) design")


_FAMILIES: Final[dict[str, Callable[[int], Recipe]]] = {
    f.__name__: f
    for f in (
        kirkman_rotational,
        kirkman_doubled,
        kirkman_tripled,
        nearly_kirkman,
        nearly_kirkman_quartered,
        resolvable_gdd,
        resolvable_rotational,
        resolvable_fours,
        social_golfer_quartered,
    )
}


def starter(n: int, k: int) -> Recipe | None:
    """The recipe used for ``n`` people in groups of ``k``, if this module has one."""
    found = BASES.get((n, k))
    return _FAMILIES[found[0]](n) if found else None


@cache
def starter_classes(n: int, k: int) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """The rounds of the design for ``n`` people in ``k``s (each a sorted tuple of groups)."""
    recipe = starter(n, k)
    return develop(recipe, BASES[(n, k)][1]) if recipe else ()


TRANSLATED_NAME: Final = "resolvable group divisible design"


@cache
def translated_classes(n: int, k: int) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """The rounds of the design stored up to translations for ``n`` in ``k``s; () if none.

    Each stored round ``R`` with its fixing translations ``H`` (the span of the stored
    generators) is ``{g ^ h : g stored, h in H}``; its orbit ``R ^ t`` over the ``order``
    translations gives ``order / |H|`` distinct rounds.

    Raises:
        ValueError: when they are not a resolvable design (each round seats everybody once,
            no pair meets twice).
    """
    found = TRANSLATED.get((n, k))
    if found is None:
        return ()
    order, stored = found
    rounds: list[tuple[tuple[int, ...], ...]] = []
    for generators, groups in stored:
        fixing = [0]
        for h in generators:
            fixing += [f ^ h for f in fixing]
        base = _translated(groups, fixing)
        for t in range(order):
            shifted = _translated(base, [t])
            if shifted not in rounds:
                rounds.append(shifted)
    if not _is_resolvable(n, k, rounds):
        raise ValueError(f"not a resolvable design: {n} in {k}s")
    return tuple(rounds)


def _translated(groups: Groups, translations: list[int]) -> tuple[tuple[int, ...], ...]:
    return tuple(sorted({tuple(sorted(v ^ t for v in g)) for g in groups for t in translations}))


def develop(recipe: Recipe, base: Base) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """The rounds of the design whose invariant and base groups are ``base``.

    Raises:
        ValueError: when they are not a resolvable design (each round seats everybody once,
            no pair meets twice).
    """
    invariant, groups = base
    step = recipe.order // recipe.stabiliser
    rounds = []
    per_round = len(groups) // recipe.bases
    for b in range(recipe.bases):
        chunk = groups[b * per_round : (b + 1) * per_round]
        expanded = [chunk[0]] if recipe.stabiliser > 1 else []
        for group in chunk[len(expanded) :]:
            for s in range(recipe.stabiliser):
                expanded.append(tuple(_shift(recipe, v, s * step) for v in group))
        rounds += [_round(recipe, expanded, t) for t in range(step)]
    for group in invariant:
        rounds.append(_round(recipe, [group], *range(recipe.order)))
    if not _is_resolvable(recipe.points, recipe.k, rounds):
        raise ValueError(f"not a resolvable design: {recipe}")
    return tuple(rounds)


def _shift(recipe: Recipe, v: int, t: int) -> int:
    copy, x = divmod(v, recipe.order)
    return v if copy >= recipe.copies else copy * recipe.order + (x + t) % recipe.order


def _round(
    recipe: Recipe, groups: list[tuple[int, ...]], *shifts: int
) -> tuple[tuple[int, ...], ...]:
    return tuple(
        sorted(tuple(sorted(_shift(recipe, v, t) for v in g)) for g in groups for t in shifts)
    )


def _is_resolvable(n: int, k: int, rounds: list[tuple[tuple[int, ...], ...]]) -> bool:
    seen: set[tuple[int, int]] = set()
    for groups in rounds:
        if sorted(v for g in groups for v in g) != list(range(n)) or {len(g) for g in groups} != {
            k
        }:
            return False
        pairs = {(a, b) for g in groups for x, a in enumerate(g) for b in g[x + 1 :]}
        if pairs & seen:
            return False
        seen |= pairs
    return True
