"""Resolvable designs from finite vector spaces: repeat-free rounds of 3s and 4s by algebra.

Points are the vectors of ``GF(q)^d`` (``n = q**d`` people), numbered by their digits in
base ``q``. The cosets of a subspace ``W`` partition the points into groups of ``|W|``: one
parallel class, i.e. one round. Two points share a group of the class exactly when their
difference lies in ``W``, so classes from subspaces that meet only in 0 never repeat a pair.

- Groups of 3: the 1-dimensional subspaces of ``GF(3)^d`` pairwise meet only in 0. That is
  the affine geometry AG(d, 3): 9 people in 4 rounds (the affine plane AG(2,3)), 27 in 13, 81
  in 40; everybody meets everybody exactly once.
- Groups of 4: 2-dimensional subspaces of ``GF(2)^d`` that pairwise meet only in 0 (a
  "spread"). For even ``d`` the multiplicative cosets of ``GF(4)*`` inside ``GF(2^d)`` form
  a complete spread: 16 people in 5 rounds is the affine plane AG(2,4) over GF(4), 64 in 21.
  For odd ``d`` no complete spread exists; the largest partial one gives 9 rounds for 32
  people, 41 for 128 and 1 for 8.

Other room sizes come from ``planner.starters`` (Kirkman and nearly Kirkman triple systems,
resolvable (n, 4, 1) designs and resolvable 4-GDDs: base rounds shifted in a cyclic group;
32 in 4s get 10 rounds, one more than the partial spread, from stored rounds translated
by a 3-dimensional subspace of ``GF(2)^5``)
or from *tripling*: a Kirkman triple system on ``v`` points gives one on ``3v`` (Handbook of
Combinatorial Designs, 2nd ed., II.2.5; used here for 45 from 15). :func:`design` picks
whichever gives the most rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final

from app.domain.planner.starters import (
    TRANSLATED_NAME,
    starter,
    starter_classes,
    translated_classes,
)

# Irreducible polynomials (bit i = coefficient of x^i), so GF(2)[x]/(f) is the field GF(2^d).
_IRREDUCIBLE: Final = {
    2: 0b111,
    3: 0b1011,
    4: 0b10011,
    5: 0b100101,
    6: 0b1000011,
    7: 0b10000011,
    8: 0b100011011,
    9: 0b1000010001,
}

Classes = list[list[tuple[int, ...]]]
Rounds = tuple[tuple[tuple[int, ...], ...], ...]


@dataclass(frozen=True)
class Design:
    """Repeat-free rounds (parallel classes) on points ``0..n-1``, and what they are called."""

    classes: Rounds
    name: str


@cache
def design(n: int, k: int) -> Design | None:
    """The design with the most repeat-free rounds known here for ``n`` people in ``k``s."""
    found = [Design(tuple(tuple(c) for c in _affine(n, k)), "affine design")]
    recipe = starter(n, k)
    if recipe is not None:
        found.append(Design(starter_classes(n, k), recipe.name))
    translated = translated_classes(n, k)
    if translated:
        found.append(Design(translated, TRANSLATED_NAME))
    if k == 3 and n % 9 == 0 and n > 27:
        smaller = design(n // 3, 3)
        if smaller is not None and smaller.classes:
            found.append(Design(_tripled(smaller.classes), "Kirkman triple system (tripled)"))
    best = max(found, key=lambda d: len(d.classes))
    return best if best.classes else None


def design_classes(n: int, k: int) -> Classes:
    """Repeat-free parallel classes on points ``0..n-1`` in groups of ``k``; [] if none known."""
    found = design(n, k)
    return [list(c) for c in found.classes] if found else []


def _tripled(classes: Rounds) -> Rounds:
    """A Kirkman triple system on ``3v`` points (``3x + i``) from one on ``v`` points.

    Each triple ``{a, b, c}`` of a round becomes three rounds of the transversal design
    ``{(a, j), (b, j + s), (c, j + 2s)}`` (one round per ``s`` in ``Z_3``); one more round
    seats ``{(x, 0), (x, 1), (x, 2)}``. ``3 * (v - 1) / 2 + 1`` rounds, every pair once.
    """
    rounds: list[tuple[tuple[int, ...], ...]] = [
        tuple((3 * x, 3 * x + 1, 3 * x + 2) for x in range(3 * len(classes[0])))
    ]
    for groups in classes:
        for s in range(3):
            rounds.append(
                tuple(
                    sorted(
                        tuple(sorted((3 * a + j, 3 * b + (j + s) % 3, 3 * c + (j + 2 * s) % 3)))
                        for a, b, c in groups
                        for j in range(3)
                    )
                )
            )
    return tuple(rounds)


def _affine(n: int, k: int) -> Classes:
    d = _log(n, 3 if k == 3 else 2)
    if k == 3 and d >= 1:
        return [_cosets(n, 3, [v]) for v in _directions(d)]
    if k == 4 and 2 <= d <= max(_IRREDUCIBLE):
        spread = _full_spread(d) if d % 2 == 0 else _partial_spread(d)
        return [_cosets(n, 2, list(w)) for w in spread]
    return []


def _log(n: int, q: int) -> int:
    """``d`` with ``q**d == n``, or -1."""
    d, power = 0, 1
    while power < n:
        power *= q
        d += 1
    return d if power == n else -1


def _add(x: int, y: int, q: int) -> int:
    """Vector sum of two points in ``GF(q)^d`` (digit-wise modulo ``q``)."""
    if q == 2:
        return x ^ y
    total, place = 0, 1
    while x or y:
        total += ((x % q + y % q) % q) * place
        x, y, place = x // q, y // q, place * q
    return total


def _cosets(n: int, q: int, basis: list[int]) -> list[tuple[int, ...]]:
    """The cosets ``x + W`` of the subspace spanned by ``basis``, as sorted groups."""
    span = [0]
    for b in basis:
        multiples = [0]
        for _ in range(q - 1):
            multiples.append(_add(multiples[-1], b, q))
        span = [_add(s, m, q) for s in span for m in multiples]
    seen: set[int] = set()
    groups = []
    for x in range(n):
        if x not in seen:
            group = tuple(sorted(_add(x, s, q) for s in span))
            seen.update(group)
            groups.append(group)
    return groups


def _directions(d: int) -> list[int]:
    """One generator per 1-dimensional subspace of ``GF(3)^d``: leading digit 1."""
    out = []
    for v in range(1, 3**d):
        top = v
        while top >= 3:
            top //= 3
        if top == 1:
            out.append(v)
    return out


def _gf2_mul(x: int, y: int, d: int) -> int:
    """Product in ``GF(2^d)``: carry-less multiplication reduced by the field polynomial."""
    product = 0
    while y:
        if y & 1:
            product ^= x
        y >>= 1
        x <<= 1
        if x >> d:
            x ^= _IRREDUCIBLE[d]
    return product


def _full_spread(d: int) -> list[tuple[int, int]]:
    """Bases of the spread ``{0, x, wx, w^2 x}`` where ``w`` has order 3 in ``GF(2^d)``."""
    w = next(x for x in range(2, 2**d) if _gf2_mul(x, _gf2_mul(x, x, d), d) == 1)
    used: set[int] = set()
    spread = []
    for x in range(1, 2**d):
        if x not in used:
            wx = _gf2_mul(w, x, d)
            used |= {x, wx, x ^ wx}
            spread.append((x, wx))
    return spread


def _partial_spread(d: int) -> list[tuple[int, int]]:
    """A partial spread of ``2**(d-2) + 2**(d-4) + ... + 1`` lines for odd ``d`` (the maximum).

    Split the space as ``X + Y`` with ``dim Y = 2`` and ``Y``'s nonzero vectors ``e1, e2, e3``.
    For every ``x`` in ``X`` the line ``{x + e1, a*x + e2, (1+a)*x + e3}`` (``a`` any field
    element other than 0 and 1) avoids ``X``, and these lines partition everything outside
    ``X``; then recurse into ``X``. ``GF(2)^3`` keeps one line.
    """
    if d == 3:
        return [(1, 2)]
    low = d - 2
    e1, e2 = 1 << low, 2 << low
    alpha = 2  # the field generator; any element other than 0 and 1 works
    outside = [(x | e1, _gf2_mul(alpha, x, low) | e2) for x in range(2**low)]
    return outside + _partial_spread(low)
