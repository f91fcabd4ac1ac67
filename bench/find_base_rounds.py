"""Offline search for base rounds of ``planner.starters`` recipes, as a CP-SAT model.

Not part of the service and not a dependency: run it where OR-Tools is installed
(``pip install ortools``), e.g. ``python bench/find_base_rounds.py nearly_kirkman_quartered 18``
or, with a symmetry, ``python bench/find_base_rounds.py resolvable_gdd 56 600 7``, and store
what it prints in ``app/domain/planner/starter_bases.py`` (``develop`` checks it again, pair
by pair, whenever the planner uses it).

The model: for each base round, a boolean per (point, group) with one group per point and
``k`` points per group (point 0 in group 0 breaks the symmetry of group names); a meeting
variable per pair of points and base round, forced on when both share a group; and, for
each orbit of pairs under the shifts of ``Z_N``, at most one meeting over all base rounds and
shifts, which is exactly the method-of-differences condition: nobody meets anybody twice.
Recipes with a stabiliser or invariant rounds are left to ``starters.find_base``.

Symmetry (the optional fourth argument ``w``, for recipes on three copies): only base rounds
that the map ``(i, x) -> (i + 1 mod 3, w x)`` fixes, ``w`` of order 3 modulo ``N`` (it maps
shifted rounds onto shifted rounds, so it keeps the difference conditions). Infinity ``j``
sits in group ``j`` (each fixed by the map) and the other groups go in threes, ``g -> g + 1``
within each three: a third of the unknowns, which found 44 (``w = 9``) and 56 (``w = 7``) in
4s in under a minute where the plain model ran for half an hour. A fifth argument ``cycle``
also moves infinity ``j`` (and its group) to ``j + 1``: with ``w = 1`` that gave 48 (``Z_15``
has no unit of order 3, and three fixed infinities would each use difference 0 between copies).
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ortools.sat.python import cp_model

from app.domain.planner.starters import _FAMILIES, Recipe, develop


def solve(
    recipe: Recipe, seconds: float, seed: int = 0, w: int = 0, cycle: bool = False
) -> tuple[tuple[int, ...], ...] | None:
    """The base rounds' groups, concatenated, or None when the time runs out."""
    order, k, points, bases = recipe.order, recipe.k, recipe.points, recipe.bases
    finite = order * recipe.copies
    groups = points // k

    def shift(v: int, t: int) -> int:
        copy, x = divmod(v, order)
        return v if v >= finite else copy * order + (x + t) % order

    model = cp_model.CpModel()
    seat = [
        [[model.NewBoolVar(f"s{b}_{v}_{g}") for g in range(groups)] for v in range(points)]
        for b in range(bases)
    ]
    meet = {}
    for b in range(bases):
        for v in range(points):
            model.AddExactlyOne(seat[b][v])
        for g in range(groups):
            model.Add(sum(seat[b][v][g] for v in range(points)) == k)
        if w:
            for j in range(points - finite):
                model.Add(seat[b][finite + j][j] == 1)
            for v in range(points):
                for g in range(groups):
                    turned, moved = _turn(v, recipe, w, cycle), _next(g, points - finite, cycle)
                    model.Add(seat[b][turned][moved] == seat[b][v][g])
        else:
            model.Add(seat[b][0][0] == 1)
        for u, v in combinations(range(points), 2):
            meet[b, u, v] = model.NewBoolVar(f"m{b}_{u}_{v}")
            for g in range(groups):
                model.AddBoolOr([seat[b][u][g].Not(), seat[b][v][g].Not(), meet[b, u, v]])
    done: set[tuple[int, int]] = set()
    for u, v in combinations(range(points), 2):
        if (u, v) in done:
            continue
        orbit = [tuple(sorted((shift(u, t), shift(v, t)))) for t in range(order)]
        done.update(orbit)  # type: ignore[arg-type]
        model.Add(sum(meet[b, a, c] for b in range(bases) for a, c in orbit) <= 1)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.random_seed = seed
    if solver.Solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return tuple(
        tuple(v for v in range(points) if solver.Value(seat[b][v][g]))
        for b in range(bases)
        for g in range(groups)
    )


def _turn(v: int, recipe: Recipe, w: int, cycle: bool) -> int:
    """The symmetry ``(i, x) -> (i + 1, w x)`` on point numbers; infinities stay or cycle."""
    copy, x = divmod(v, recipe.order)
    finite = recipe.order * recipe.copies
    if copy >= recipe.copies:
        return finite + (v - finite + cycle) % recipe.infinities
    return (copy + 1) % recipe.copies * recipe.order + x * w % recipe.order


def _next(g: int, infinities: int, cycle: bool) -> int:
    """The group the symmetry sends group ``g`` to: infinities' groups stay (or cycle), the
    rest go in threes."""
    if g < infinities:
        return (g + cycle) % infinities
    three, j = divmod(g - infinities, 3)
    return infinities + 3 * three + (j + 1) % 3


def main() -> None:
    family, n = sys.argv[1], int(sys.argv[2])
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 600
    w = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    recipe = _FAMILIES[family](n)
    found = solve(recipe, seconds, w=w, cycle=sys.argv[5:] == ["cycle"])
    if found is None:
        print(f"nothing found in {seconds:.0f} s for {recipe}")
        return
    rounds = develop(recipe, ((), found))
    print(f"{len(rounds)} rounds for {recipe}:")
    print(f'    ({n}, {recipe.k}): ("{family}", ((), {found!r})),')


if __name__ == "__main__":
    main()
