"""Figures of a plan in index form: coverage, repeats, bounds, weight, and the notes on them.

All counts are over people still present; a played round's meetings with people who have left
are history that no longer matters to this roster.

The two bounds are simple counting arguments, stated so a reader can check them:

- ``pairs_bound``: a round adds at most ``pairs_per_round`` new pairs and a person at most
  ``largest group - 1`` new partners, so coverage is at most
  ``min(possible, covered by played rounds + planned rounds * pairs_per_round,
  sum over people of min(allowed partners, partners so far + planned rounds * (size - 1)) // 2)``.
- ``min_repeats_bound``: the rounds hold ``M`` meetings and at most ``possible`` of them can be
  distinct allowed pairs, so at least ``M - possible - disallowed meetings`` are repeats (a
  disallowed meeting, such as a forced colleague meeting in hard mode, is not a repeat of an
  allowed pair). The same count per person, halved because a repeat involves two people,
  gives the second bound; the larger one is reported. Both take the plan's rounds as given
  (how many meet, and who sits out), so they are 0 exactly when counting cannot rule out a
  repeat-free plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, combinations

from app.domain.planner.model import (
    BASE_WEIGHT,
    FRESH_WEIGHT,
    Problem,
    Seating,
    group_sizes,
    pairs_per_round,
)


@dataclass(frozen=True)
class Tally:
    """Index-form figures; ``app.domain.planner.rotations`` turns them into ``PlanFigures``."""

    pairs_covered: int
    pairs_possible: int
    pairs_bound: int
    linked_covered: int
    linked_possible: int
    repeats: int
    min_repeats_bound: int
    same_dept: int
    forbidden: int
    must_missed: int
    sit_outs: tuple[int, ...]
    weight: float
    # Planned rounds each must-meet pair waited before meeting, summed ("as early as possible":
    # a pair that meets only in round 2 when round 1 could seat it counts 1; never met: all).
    must_waits: int = 0


def meetings(seatings: Sequence[Seating]) -> list[tuple[int, int]]:
    """Every meeting of two people in ``seatings``, once per round they share a group."""
    return _meetings(seatings)[0]


def _meetings(seatings: Sequence[Seating]) -> tuple[list[tuple[int, int]], bool]:
    """``meetings``, and whether every group is a pair (then the groups are the meetings)."""
    groups = list(chain.from_iterable(s.groups for s in seatings))
    if set(map(len, groups)) <= {2}:
        return groups, True  # type: ignore[return-value]  # pairs are their own meetings
    return list(chain.from_iterable(combinations(g, 2) for g in groups)), False


def tally(p: Problem, seatings: Sequence[Seating]) -> Tally:
    """Count everything ``PlanFigures`` reports for ``seatings`` (played rounds included)."""
    n = p.n
    met, all_pairs = _meetings(seatings)
    if p.uniform and not p.must_not:
        # Every pair is allowed and worth the same, and no pair is locked: only the number of
        # distinct pairs matters, and a set of them is cheaper to build than a Counter (a full
        # round robin of 500 people has 125k pairs).
        counts: Counter[tuple[int, int]] = Counter()  # nothing below reads it then
        distinct = len(set(met))
        kinds = _Kinds(weight=distinct * (BASE_WEIGHT + FRESH_WEIGHT))
    else:
        counts = Counter(met)
        distinct = len(counts)
        kinds = _classify(p, counts)
    return _assemble(
        p,
        [s.sitting for s in seatings],
        _meetings_per_person(n, seatings, all_pairs),
        repeats=len(met) - distinct,
        covered=distinct - kinds.disallowed,
        kinds=kinds,
        counts=counts,
        must_waits=_must_waits(p, seatings[len(p.history) :]) if p.must_meet else 0,
    )


def round_robin_tally(p: Problem, sitting: Sequence[tuple[int, ...]], distinct: int) -> Tally:
    """``tally`` of planned rounds of pairs that seat everyone but ``sitting``, from counts.

    For a uniform ``p`` with no must-not-meet pairs and nothing played (the circle method's
    case), where the rounds are known to meet ``distinct`` distinct pairs: the figures follow
    from that number and who sits out, without visiting a pair.
    """
    if not p.uniform or p.must_not or p.history:
        raise ValueError("round_robin_tally counts uniform, unplayed pair rounds only")
    rounds = len(sitting)
    per_person = [rounds] * p.n  # a meeting a round, but for the rounds one sits out
    for v in chain.from_iterable(sitting):
        per_person[v] -= 1
    return _assemble(
        p,
        sitting,
        per_person,
        repeats=rounds * (p.n // 2) - distinct,
        covered=distinct,
        kinds=_Kinds(weight=distinct * (BASE_WEIGHT + FRESH_WEIGHT)),
        counts=Counter(),
        must_waits=0,  # a uniform problem has no must-meet pairs
    )


def _assemble(
    p: Problem,
    sitting: Sequence[tuple[int, ...]],
    per_person: list[int],
    *,
    repeats: int,
    covered: int,
    kinds: _Kinds,
    counts: Counter[tuple[int, int]],
    must_waits: int,
) -> Tally:
    """The ``Tally`` of rounds (played ones first) who sit out ``sitting``.

    ``per_person`` counts each person's meetings; ``counts`` the meetings per pair, empty
    when ``p`` is uniform with no must-not-meet pairs (nothing reads it then).
    """
    n = p.n
    deg = allowed_degrees(p)
    sit_outs = Counter(chain.from_iterable(sitting))
    return Tally(
        pairs_covered=covered,
        pairs_possible=sum(deg) // 2,
        pairs_bound=_pairs_bound(p, len(sitting) - len(p.history), deg),
        linked_covered=kinds.linked,
        linked_possible=_linked_possible(p),
        repeats=repeats,
        min_repeats_bound=_repeats_bound(per_person, deg, kinds.forced),
        same_dept=kinds.same,
        forbidden=sum(counts[divmod(k, n)] for k in p.must_not),
        must_missed=sum(1 for k in p.must_meet if divmod(k, n) not in counts),
        sit_outs=tuple(sit_outs[v] for v in range(n)),
        weight=kinds.weight,
        must_waits=must_waits,
    )


def _must_waits(p: Problem, planned: Sequence[Seating]) -> int:
    """How many planned rounds pass, summed over must-meet pairs, before each pair meets."""
    waiting = {divmod(key, p.n) for key in p.must_meet}
    waits = 0
    for seating in planned:
        group_of = [-1] * p.n
        for g, members in enumerate(seating.groups):
            for v in members:
                group_of[v] = g
        waiting = {(i, j) for i, j in waiting if group_of[i] < 0 or group_of[i] != group_of[j]}
        waits += len(waiting)
    return waits


@dataclass
class _Kinds:
    """What one pass over the distinct pairs met finds."""

    same: int = 0
    linked: int = 0
    weight: float = 0.0
    disallowed: int = 0
    forced: list[int] | None = None  # disallowed meetings per person; None when there are none


def _classify(p: Problem, counts: Counter[tuple[int, int]]) -> _Kinds:
    """Same-department meetings, linked pairs met, weight, and disallowed meetings.

    Not needed (and not called) when ``p`` is uniform with no must-not-meet pairs: then every
    pair met is allowed and worth the same.
    """
    n = p.n
    forced = [0] * n
    kinds = _Kinds(forced=forced)
    weights, dept, linked = p.weights, p.dept, p.linked
    for (i, j), count in counts.items():
        key = i * n + j
        kinds.weight += weights[i][j]
        colleagues = p.has_colleagues and p.same_dept(i, j)
        if colleagues:
            kinds.same += count
        elif (dept[i], dept[j]) in linked and key not in p.must_not:
            kinds.linked += 1
        if key in p.must_not or (colleagues and p.hard_dept):
            kinds.disallowed += 1
            forced[i] += count
            forced[j] += count
    return kinds


def allowed_degrees(p: Problem) -> list[int]:
    """How many partners each person may meet under the rules in force."""
    n = p.n
    deg = [n - 1] * n
    if p.hard_dept:
        for people in p.members.values():
            for v in people:
                deg[v] -= len(people) - 1
        for key in p.must_meet:
            i, j = divmod(key, n)
            if p.dept[i] == p.dept[j] != -1:
                deg[i] += 1
                deg[j] += 1
    for key in p.must_not:
        i, j = divmod(key, n)
        if not (p.hard_dept and p.same_dept(i, j)):
            deg[i] -= 1
            deg[j] -= 1
    return deg


def _linked_possible(p: Problem) -> int:
    """Allowed pairs of people whose departments are linked."""
    size = {d: len(people) for d, people in p.members.items()}
    total = sum(size.get(d, 0) * size.get(e, 0) for d, e in p.linked if d < e)
    return total - sum(1 for k in p.must_not if p.is_linked(*divmod(k, p.n)))


def _pairs_bound(p: Problem, new_rounds: int, deg: list[int]) -> int:
    """The capacity bound described in the module docstring."""
    n = p.n
    partners = [0] * n
    covered = 0
    for i, j in set(meetings(p.history)):
        if p.allowed(i, j):
            covered += 1
            partners[i] += 1
            partners[j] += 1
    sizes = group_sizes(n, p.group_size)
    per_person = (sizes[0] - 1) * new_rounds if sizes else 0
    by_people = sum(min(d, have + per_person) for d, have in zip(deg, partners, strict=True)) // 2
    by_rounds = covered + new_rounds * pairs_per_round(n, p.group_size)
    return min(sum(deg) // 2, by_rounds, by_people)


def _meetings_per_person(n: int, seatings: Sequence[Seating], all_pairs: bool) -> list[int]:
    """How many meetings each person had: the sum of (group size - 1) over their rounds.

    ``all_pairs``: every group of every round is a pair (``_meetings`` has checked).
    """
    per_person = [0] * n
    full_pair_rounds = 0
    for s in seatings:
        pairs = all_pairs or set(map(len, s.groups)) <= {2}
        if pairs and 2 * len(s.groups) + len(s.sitting) == n:
            # Everyone present is in a pair or sits out: count the sit-outs instead of the
            # pairs (a 500-person round robin has 125k pairs but only 499 sit-outs at most).
            full_pair_rounds += 1
            for v in s.sitting:
                per_person[v] -= 1
        else:
            for g in s.groups:
                for v in g:
                    per_person[v] += len(g) - 1
    return [count + full_pair_rounds for count in per_person]


def _repeats_bound(meetings: list[int], deg: list[int], forced: list[int] | None) -> int:
    """The repeat bound described in the module docstring, from meetings per person."""
    forced = forced or [0] * len(meetings)
    by_pairs = (sum(meetings) - sum(forced) - sum(deg)) // 2
    excess = sum(max(0, m - d - f) for m, d, f in zip(meetings, deg, forced, strict=True))
    return max(0, by_pairs, (excess + 1) // 2)


def describe(t: Tally, people: int, rounds: int, hard_dept: bool) -> tuple[str, ...]:
    """Human-readable notes on what a plan could not achieve, and why."""
    notes = []
    if t.repeats:
        if t.repeats <= t.min_repeats_bound:
            notes.append(
                f"{t.repeats} repeats are unavoidable with {rounds} rounds for {people} people"
            )
        else:
            notes.append(
                f"{t.repeats} repeats; at least {t.min_repeats_bound} are unavoidable "
                f"with {rounds} rounds for {people} people"
            )
    if t.same_dept and hard_dept:
        notes.append(f"Same-department meetings were unavoidable: {t.same_dept}")
    if t.pairs_covered < t.pairs_bound:
        notes.append(
            f"{t.pairs_covered} of {t.pairs_possible} allowed pairs meet "
            f"(these rounds allow at most {t.pairs_bound})"
        )
    if t.must_missed:
        notes.append(f"{t.must_missed} must-meet pairs do not meet")
    if t.forbidden:
        notes.append(f"{t.forbidden} meetings of must-not-meet pairs (in played or edited rounds)")
    return tuple(notes)
