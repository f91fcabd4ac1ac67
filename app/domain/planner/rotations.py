"""The rotation planner: who meets whom, at which table, in each round of a session.

A pure function of its request (no I/O, standard library only): the same request and seed give
the same plan in any process. The search lives in sibling modules:

- ``planner.pairs``: pairs by the circle method (a perfect round robin) or a tiered maximum
  matching per round (must-meet, linked departments, pairs new to each other, the rest),
  with cross-round repair of missed pairs.
- ``planner.groups``: groups of 3 or 4 from a known resolvable design where one exists for
  the room size or a size one or two seats larger (``planner.designs``, ``planner.starters``:
  affine geometries, Kirkman and nearly Kirkman triple systems, resolvable (n, 4, 1)
  designs and 4-GDDs), with people placed on its points so colleagues stay apart
  (``planner.placement``); otherwise, and for the rounds a design does not give, a greedy
  start improved by a social-golfer tabu search over the whole plan.
- ``planner.figures``: coverage, repeats, bounds and notes, shared by plan and evaluation.

Rules a plan keeps: nobody is in two groups of a round, a table is used once per round, every
present person is in one group or sits out. Must-not-meet pairs never share a group, and
must-meet pairs meet, as early as possible (they outrank the department rule). Pairs sit out
one person per round when the head count is odd, the one who has sat out least, so nobody sits
out twice before everyone has sat out once; groups of ``k`` use ``ceil(n / k)`` groups whose
sizes differ by at most one, so nobody sits out (10 people in 4s sit 4, 3, 3). The one
exception: someone whose every possible seat breaks a must-not-meet lock sits out extra, and
the notes say so. In tiny rooms in groups both locks cannot always hold (4 people in 3s sit
2 + 2); must-not-meet wins.

Priorities when not everything fits: must-not-meet > must-meet > colleagues apart (hard mode)
> no repeats > colleagues apart (soft mode) > weight (linked departments >> new to each other
> the rest); see ``planner.costs``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from app.domain.errors import FieldError, Invalid
from app.domain.planner.circle import RoundRobin
from app.domain.planner.figures import Tally, describe, tally
from app.domain.planner.groups import plan_groups
from app.domain.planner.input import build_problem, to_seating
from app.domain.planner.model import Problem, Schedule, Seating
from app.domain.planner.pairs import plan_pairs
from app.domain.planner.timing import max_useful_rounds, rounds_for_time_box

__all__ = [
    "Group",
    "Person",
    "Plan",
    "PlanFigures",
    "PlanRequest",
    "Round",
    "evaluate_plan",
    "max_useful_rounds",
    "plan_rotations",
    "rounds_for_time_box",
    "swap_people",
]


@dataclass(frozen=True)
class Person:
    """Someone to seat; ``id`` is the stable key (a participant id as a string)."""

    id: str
    department: str | None = None


@dataclass(slots=True, unsafe_hash=True)
class Group:
    """People who share a table for one round; ``members`` are sorted ids.

    Treat it as immutable (hashable by value like the frozen ``Round``). It is not declared
    frozen only because a frozen dataclass's ``__init__`` sets each field through
    ``object.__setattr__``, and a 500-person round robin builds 125k groups: a third of the
    time of turning the schedule into rounds.
    """

    table: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Round:
    """One timed rotation, numbered from 1."""

    number: int
    groups: tuple[Group, ...]
    sitting_out: tuple[str, ...]


@dataclass(frozen=True)
class PlanRequest:
    """Everything the planner needs to know about a session.

    ``rounds`` counts all rounds of the plan, ``played`` ones included; those are kept
    verbatim and only the later rounds are planned (people in them may have left since).
    ``tables`` are used in order; when there are too few, "Table 1", "Table 2", ... (skipping
    names already given) are added. ``same_department="hard"`` keeps colleagues apart unless
    a round cannot be seated otherwise (reported in the notes); "soft" only prefers it.
    Must-meet pairs are exempt from the department rule. ``linked_departments`` name pairs
    of departments whose issues land on each other: their people meet first.
    ``prior_meetings`` are pairs who met in earlier sessions of a series: they meet later.
    """

    people: tuple[Person, ...]
    rounds: int
    group_size: int = 2
    seed: int = 0
    tables: tuple[str, ...] = ()
    must_meet: frozenset[frozenset[str]] = frozenset()
    must_not_meet: frozenset[frozenset[str]] = frozenset()
    linked_departments: frozenset[frozenset[str]] = frozenset()
    prior_meetings: frozenset[frozenset[str]] = frozenset()
    played: tuple[Round, ...] = ()
    same_department: str = "hard"


@dataclass(frozen=True)
class PlanFigures:
    """How good a plan is; all counts are over the people present in the request.

    ``pairs_bound`` and ``min_repeats_bound`` are counting bounds (see
    ``app.domain.planner.figures``). ``weight`` sums, over each pair's first meeting,
    1 + 10 if the two had not met in an earlier session + 100 if their departments are
    linked (colleagues count 0). ``sit_outs`` is read-only by convention.
    """

    pairs_covered: int
    pairs_possible: int
    pairs_bound: int
    linked_pairs_covered: int
    linked_pairs_possible: int
    repeats: int
    min_repeats_bound: int
    same_department_meetings: int
    sit_outs: dict[str, int]
    weight: float
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """The rounds of a session and how good they are."""

    rounds: tuple[Round, ...]
    figures: PlanFigures
    seed: int
    group_size: int


def plan_rotations(request: PlanRequest) -> Plan:
    """Plan the rounds of ``request`` that have not been played yet.

    Raises:
        Invalid: when the request breaks a rule (see ``app.domain.planner.input``).
    """
    problem = build_problem(request)
    with _collector_paused():
        return _plan(request, problem)


def _plan(request: PlanRequest, problem: Problem) -> Plan:
    if problem.new_rounds == 0:
        schedule: Schedule | RoundRobin = Schedule(())
    elif problem.group_size == 2:
        schedule = plan_pairs(problem)
    else:
        schedule = plan_groups(problem)
    first = len(request.played) + 1
    notes: tuple[str, ...] = ()
    if isinstance(schedule, RoundRobin):
        # The circle method alone: its rounds are cut from the ids and its figures counted
        # from the closed form (a 500-person round robin has 125k pairs).
        names = _table_names(request.tables, problem.n // 2)
        planned = tuple(
            _robin_round(problem, first + x, schedule, r, names)
            for x, r in enumerate(schedule.cycle_rounds)
        )
        t = schedule.tally(problem)
    else:
        seatings = schedule.seatings
        names = _table_names(request.tables, max((len(s.groups) for s in seatings), default=0))
        planned = tuple(_to_round(problem, first + x, s, names) for x, s in enumerate(seatings))
        t, notes = tally(problem, problem.history + seatings), schedule.notes
    figures = _with_notes(_figures(problem, t, len(request.played) + len(planned)), notes)
    return Plan(request.played + planned, figures, request.seed, request.group_size)


def evaluate_plan(request: PlanRequest, rounds: tuple[Round, ...]) -> PlanFigures:
    """Figures of ``rounds`` (a whole plan, played rounds first) for the people in ``request``.

    Raises:
        Invalid: when the request itself is invalid.
    """
    problem = build_problem(request)
    index = {pid: i for i, pid in enumerate(problem.ids)}
    return _figures(problem, tally(problem, [to_seating(index, r) for r in rounds]), len(rounds))


def swap_people(request: PlanRequest, plan: Plan, round_number: int, a: str, b: str) -> Plan:
    """Swap two people within one round (or a person with a sitting-out one); refigured.

    Seating colleagues together is allowed here (an organiser's explicit choice); it shows in
    the figures.

    Raises:
        Invalid: when the round is played or unknown, either person is not in it, both are
            already in the same group or both sit out, or the swap seats a must-not-meet pair
            together.
    """
    if not 1 <= round_number <= len(plan.rounds):
        raise Invalid("No such round", [FieldError("round_number", "No such round")])
    if round_number <= len(request.played):
        detail = f"Round {round_number} has been played and cannot change"
        raise Invalid(detail, [FieldError("round_number", detail)])
    old = plan.rounds[round_number - 1]
    new = _swapped(old, a, b)
    for group in new.groups:
        if a in group.members or b in group.members:
            for pair in request.must_not_meet:
                if pair <= set(group.members):
                    detail = f"{' and '.join(sorted(pair))} must not meet"
                    raise Invalid(detail, [FieldError("swap", detail)])
    rounds = (*plan.rounds[: round_number - 1], new, *plan.rounds[round_number:])
    return Plan(rounds, evaluate_plan(request, rounds), plan.seed, plan.group_size)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a plan is built.

    A long plan allocates hundreds of thousands of small objects that form no cycles; without
    the pause, CPython's collector rescans the growing heap over and over (a fifth of the
    time of a 500-person round robin).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _figures(problem: Problem, t: Tally, rounds: int) -> PlanFigures:
    return PlanFigures(
        pairs_covered=t.pairs_covered,
        pairs_possible=t.pairs_possible,
        pairs_bound=t.pairs_bound,
        linked_pairs_covered=t.linked_covered,
        linked_pairs_possible=t.linked_possible,
        repeats=t.repeats,
        min_repeats_bound=t.min_repeats_bound,
        same_department_meetings=t.same_dept,
        sit_outs=dict(zip(problem.ids, t.sit_outs, strict=True)),
        weight=t.weight,
        notes=describe(t, problem.n, rounds, problem.hard_dept),
    )


def _with_notes(figures: PlanFigures, extra: tuple[str, ...]) -> PlanFigures:
    if not extra:
        return figures
    return PlanFigures(**{**figures.__dict__, "notes": figures.notes + extra})


def _table_names(given: tuple[str, ...], count: int) -> list[str]:
    names = list(given[:count])
    taken = set(given)
    number = 1
    while len(names) < count:
        name = f"Table {number}"
        number += 1
        if name not in taken:
            names.append(name)
    return names


def _to_round(problem: Problem, number: int, seating: Seating, names: list[str]) -> Round:
    person = problem.ids.__getitem__
    members: list[tuple[str, ...]]
    try:
        # A round robin of 500 people builds 125k groups; transposing pairs keeps the id
        # lookups in C, which halves the cost of this step. The strict transposition is
        # also the check that every group is a pair (any other shape raises ValueError).
        firsts, seconds = zip(*seating.groups, strict=True)
    except ValueError:
        members = [tuple(map(person, group)) for group in seating.groups]
    else:
        members = list(zip(map(person, firsts), map(person, seconds), strict=True))
    return Round(number, tuple(map(Group, names, members)), tuple(map(person, seating.sitting)))


def _robin_round(
    problem: Problem, number: int, robin: RoundRobin, r: int, names: list[str]
) -> Round:
    """Cycle round ``r`` of ``robin`` as round ``number``: its pairs are cut from the ids."""
    pairs = robin.pairs(r, problem.ids)
    sitting = tuple(problem.ids[v] for v in robin.sitting(r))
    return Round(number, tuple(map(Group, names, pairs)), sitting)


def _swapped(old: Round, a: str, b: str) -> Round:
    """``old`` with ``a`` and ``b`` exchanged; raises Invalid when that is not a real swap."""
    where = {pid: x for x, group in enumerate(old.groups) for pid in group.members}
    where |= {pid: -1 for pid in old.sitting_out}
    missing = [pid for pid in (a, b) if pid not in where]
    if missing or a == b or where[a] == where[b]:
        detail = (
            f"Not in round {old.number}: {', '.join(missing)}"
            if missing
            else f"{a} and {b} are already seated together"
        )
        raise Invalid(detail, [FieldError("swap", detail)])
    other = {a: b, b: a}
    groups = tuple(
        Group(g.table, tuple(sorted(other.get(pid, pid) for pid in g.members))) for g in old.groups
    )
    sitting = tuple(sorted(other.get(pid, pid) for pid in old.sitting_out))
    return Round(old.number, groups, sitting)
