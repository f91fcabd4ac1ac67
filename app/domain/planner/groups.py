"""Rounds of groups of 3 or 4: an affine design where one fits, local search otherwise.

1. Start. When a known design fits the room (``planner.designs``: 15, 18, 21, 24 ... in 3s,
   16, 24, 28, 40, 52 ... in 4s, also with one or two empty seats) and nothing was played yet,
   ``planner.placement`` seats people on its points, keeping colleagues (hard mode) and
   must-not-meet pairs apart by giving up the fewest design rounds; the rest are
   repeat-free, best-weighted first. Other rounds are built one at a time, greedily and then
   improved by swapping people between groups (``planner.swaps``). Unless the design alone
   gives every round cleanly with all first meetings worth the same (then it is optimal),
   a plan by search alone competes and the better one is kept.
2. Lengthen the clean start. While budget remains, the whole-plan tabu search
   (``planner.tabu``) tries to make one more leading round free of repeats and broken rules,
   changing any of the rounds before it; on success the rounds after it are re-planned.
3. Shorten the tail. The same search then lowers the cost of the remaining rounds.
4. Order and settle. Rounds are ordered so repeats come as late as possible, then each is
   descended given the rounds before it: in the final plan no swap of two people within a
   round lowers that round's cost (``planner.costs``), so no swap avoids a repeat there
   without breaking a rule or separating a must-meet pair.

Budgets count move evaluations, never time, so the result is deterministic. With a design
the known optimum is reached (21 people in 3s: 10 rounds without a repeat, 9 with
departments of 3; 18 in 3s: 8; 28 in 4s: 9; 22 and 23 in 4s: 7); without one the search
typically finds it for small rooms (12 in 3s over 4 rounds) and gets close for larger ones
(by search alone, 18 in 3s: 7 of 8; ``bench/bench_planner.py designs`` compares the two).
"""

from __future__ import annotations

from typing import Final

from app.domain.planner.costs import quality, seat_cost
from app.domain.planner.figures import tally
from app.domain.planner.model import Problem, Schedule, Seating, seeded_random
from app.domain.planner.placement import Placement, place_on_design, repeat_free_bound
from app.domain.planner.swaps import meeting_counts, round_by_round, settle_in_order
from app.domain.planner.tabu import ScheduleSearch

_ROUND_BUDGET: Final = 40_000  # move evaluations for one round's swap search
_PLAN_BUDGET: Final = 600_000  # for the whole-plan tabu search (about a second)
_STEP_BUDGET: Final = 300_000  # at most this much on lengthening the clean start by one round
_ATTEMPT_BUDGET: Final = 60_000  # one restart of that
_TAIL_BUDGET: Final = 100_000  # for lowering the cost of the rounds after the clean start
_TABU_TENURE: Final = 12
_STALL_STEPS: Final = 300
_ORDERING_WORK: Final = 300_000  # pair look-ups the round ordering may spend


def plan_groups(p: Problem, designs: bool = True) -> Schedule:
    """Plan ``p.new_rounds`` rounds of groups (see the module docstring).

    ``designs=False`` plans by search alone (the benchmark compares the two).
    """
    starts = []
    placement = place_on_design(p) if designs and not p.history else None
    design = _design_rounds(p, placement)
    if placement is not None and design:
        starts.append(
            Schedule(design + round_by_round(p, design, _ROUND_BUDGET), (_note(p, placement),))
        )
    complete = len(design) == p.new_rounds and not (p.linked or p.prior or p.must_meet)
    if not complete and (not design or not p.uniform or p.n % p.group_size):
        # A design that seats every round cleanly, with all allowed first meetings worth the
        # same, is optimal; otherwise search alone may do better, so it competes.
        starts.append(Schedule(round_by_round(p, (), _ROUND_BUDGET)))
    plans = [_finish(p, start) for start in starts]
    return min(plans, key=lambda s: quality(p, tally(p, p.history + s.seatings)))


def _design_rounds(p: Problem, placement: Placement | None) -> tuple[Seating, ...]:
    """The placement's rounds, best-weighted first when weights differ."""
    if placement is None:
        return ()
    rounds = list(placement.rounds)
    if not p.uniform:
        rounds.sort(key=lambda s: _round_cost(p, s, {}))
    return tuple(rounds[: p.new_rounds])


def _note(p: Problem, placement: Placement) -> str:
    """Where the first rounds come from, and how they compare with the most possible."""
    first, count = len(p.history) + 1, min(len(placement.rounds), p.new_rounds)
    seats = "" if placement.points == p.n else f" for {placement.points} seats"
    bound = repeat_free_bound(p)
    if count >= bound:
        verdict = f"{count} repeat-free rounds, the most possible"
    elif count == p.new_rounds:
        verdict = "all free of repeats"
    else:
        verdict = f"at most {bound} repeat-free rounds are possible"
    article = "an" if placement.name[0] in "aeiou" else "a"
    source = f"{article} {placement.name}{seats}"
    return f"Rounds {first}-{first + count - 1} come from {source}; {verdict}"


def _finish(p: Problem, start: Schedule) -> Schedule:
    """Steps 2-4 of the module docstring, then must-not-meet clean-up."""
    rounds, budget = start.seatings, _PLAN_BUDGET
    clean = _clean_rounds(p, rounds)
    most = repeat_free_bound(p)  # no search can lengthen the clean start beyond this
    while clean < min(len(rounds), most) and budget > _TAIL_BUDGET:
        found, used = _lengthen(p, rounds[: clean + 1], min(budget - _TAIL_BUDGET, _STEP_BUDGET))
        budget -= used
        if found is None:
            break
        rounds = found + round_by_round(p, found, _ROUND_BUDGET)
        clean = _clean_rounds(p, rounds)
    if len(rounds) - clean > 1:
        tail, _ = _search(p, rounds[:clean], rounds[clean:], _TAIL_BUDGET, "tail")
        rounds = rounds[:clean] + tail
    rounds = settle_in_order(p, _order(p, rounds))
    notes = list(start.notes)
    seatings = tuple(
        _apart(p, number, s, notes) for number, s in enumerate(rounds, start=len(p.history) + 1)
    )
    return Schedule(seatings, tuple(notes))


def _lengthen(
    p: Problem, rounds: tuple[Seating, ...], budget: int
) -> tuple[tuple[Seating, ...] | None, int]:
    """Try to make all of ``rounds`` clean; short restarts beat one long run of bad luck."""
    spent = 0
    for attempt in range(budget // _ATTEMPT_BUDGET):
        found, used = _search(p, (), rounds, _ATTEMPT_BUDGET, f"lengthen {len(rounds)} {attempt}")
        spent += used
        if _clean_rounds(p, found) == len(rounds):
            return found, spent
    return None, spent


def _clean_rounds(p: Problem, rounds: tuple[Seating, ...]) -> int:
    """How many leading rounds have no repeat, must-not-meet or hard colleague meeting."""
    met = meeting_counts(p, p.history)
    for number, seating in enumerate(rounds):
        for g in seating.groups:
            for x, a in enumerate(g):
                for b in g[x + 1 :]:
                    if a * p.n + b in met or not p.allowed(a, b):
                        return number
        for g in seating.groups:
            for x, a in enumerate(g):
                for b in g[x + 1 :]:
                    met[a * p.n + b] = 1
    return len(rounds)


def _search(
    p: Problem, fixed: tuple[Seating, ...], rounds: tuple[Seating, ...], budget: int, stream: str
) -> tuple[tuple[Seating, ...], int]:
    """Whole-plan tabu search over ``rounds`` after the played and ``fixed`` ones."""
    history = [[list(g) for g in s.groups] for s in (*p.history, *fixed)]
    rows = []
    for seating in rounds:
        row = [0] * p.n
        for g, members in enumerate(seating.groups):
            for v in members:
                row[v] = g
        rows.append(row)
    search = ScheduleSearch(p, history, rows, seeded_random(p.seed, stream))
    used = search.search(budget, _TABU_TENURE, _STALL_STEPS)
    found = tuple(
        Seating(tuple(sorted(tuple(sorted(g)) for g in groups if g))) for groups in search.members
    )
    return found, used


def _order(p: Problem, seatings: tuple[Seating, ...]) -> tuple[Seating, ...]:
    """Greedy order: next, the round that costs least after the ones before it.

    Repeats land as late as they can, must-meet and linked pairs as early. Skipped for very
    long plans, where the quadratic work would outweigh the gain.
    """
    pairs = sum(len(g) * (len(g) - 1) // 2 for s in seatings for g in s.groups)
    if pairs * len(seatings) > _ORDERING_WORK:
        return seatings
    met = meeting_counts(p, p.history)
    remaining, ordered = list(seatings), []
    while remaining:
        best = min(remaining, key=lambda s: _round_cost(p, s, met))
        remaining.remove(best)
        ordered.append(best)
        for g in best.groups:
            for x, a in enumerate(g):
                for b in g[x + 1 :]:
                    met[a * p.n + b] = met.get(a * p.n + b, 0) + 1
    return tuple(ordered)


def _round_cost(p: Problem, seating: Seating, met: dict[int, int]) -> float:
    return sum(
        seat_cost(p, a, b, met.get(a * p.n + b, 0))
        for g in seating.groups
        for x, a in enumerate(g)
        for b in g[x + 1 :]
    )


def _apart(p: Problem, number: int, seating: Seating, notes: list[str]) -> Seating:
    """The round's seating; a must-not-meet pair the search could not split sits one out."""
    groups, sitting = [list(g) for g in seating.groups], []
    for members in groups:
        while any(p.key(a, b) in p.must_not for a in members for b in members if a != b):
            worst = max(members, key=lambda v: sum(p.key(v, u) in p.must_not for u in members))
            members.remove(worst)
            sitting.append(worst)
            notes.append(f"Round {number}: {p.ids[worst]} sits out (every seat breaks a lock)")
    seats = tuple(sorted(tuple(g) for g in groups if g))
    return Seating(seats, tuple(sorted(sitting)))
