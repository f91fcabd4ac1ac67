"""Checking a ``PlanRequest`` and turning it into the planner's index form.

Every problem found is reported at once, as one ``Invalid`` with a ``FieldError`` each, so a
form can mark all bad fields in one go. Ids and department names are sorted before they get
their indices, and set-valued fields are only ever looked up, never iterated into the output,
so a plan depends on the request's content alone (not on input order or string hashing).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from app.domain.errors import FieldError, Invalid
from app.domain.planner.model import NO_DEPARTMENT, Problem, Seating

if TYPE_CHECKING:
    from app.domain.planner.rotations import PlanRequest, Round

GROUP_SIZES: Final = (2, 3, 4)
MAX_PEOPLE: Final = 1000
MAX_ROUNDS: Final = 1000
DEPARTMENT_MODES: Final = ("hard", "soft")


def build_problem(request: PlanRequest) -> Problem:
    """Validate ``request`` and return it in index form.

    Raises:
        Invalid: with one ``FieldError`` per problem found.
    """
    errors = _check(request)
    if errors:
        raise Invalid("The rotation plan request is invalid", errors)
    ids = tuple(sorted(person.id for person in request.people))
    index = {pid: i for i, pid in enumerate(ids)}
    names = sorted({p.department for p in request.people if p.department is not None})
    dept_index = {name: d for d, name in enumerate(names)}
    dept = [NO_DEPARTMENT] * len(ids)
    for person in request.people:
        if person.department is not None:
            dept[index[person.id]] = dept_index[person.department]
    linked = set()
    for entry in request.linked_departments:
        d, e = (dept_index.get(name, NO_DEPARTMENT) for name in sorted(entry))
        if NO_DEPARTMENT not in (d, e):
            linked |= {(d, e), (e, d)}
    return Problem(
        ids=ids,
        dept=tuple(dept),
        group_size=request.group_size,
        new_rounds=max(0, request.rounds - len(request.played)),
        seed=request.seed,
        hard_dept=request.same_department == "hard",
        linked=frozenset(linked),
        prior=frozenset(_pair_keys(index, request.prior_meetings)),
        must_meet=frozenset(_pair_keys(index, request.must_meet)),
        must_not=frozenset(_pair_keys(index, request.must_not_meet)),
        history=tuple(to_seating(index, r) for r in request.played),
    )


def to_seating(index: dict[str, int], played: Round) -> Seating:
    """A round in index form, keeping only people who are present."""
    groups = []
    for group in played.groups:
        members = sorted(index[pid] for pid in group.members if pid in index)
        if len(members) > 1:
            groups.append(tuple(members))
    sitting = sorted(index[pid] for pid in played.sitting_out if pid in index)
    return Seating(tuple(sorted(groups)), tuple(sitting))


def _pair_keys(index: dict[str, int], pairs: Iterable[frozenset[str]]) -> list[int]:
    """Keys of the pairs whose two people are both present (others are history)."""
    n = len(index)
    keys = []
    for pair in pairs:
        members = sorted(index[pid] for pid in pair if pid in index)
        if len(pair) == 2 and len(members) == 2:
            keys.append(members[0] * n + members[1])
    return keys


def _check(request: PlanRequest) -> list[FieldError]:
    errors = _check_people(request)
    known = {person.id for person in request.people}
    if request.group_size not in GROUP_SIZES:
        errors.append(FieldError("group_size", "Group size must be 2, 3 or 4"))
    if not 1 <= request.rounds <= MAX_ROUNDS:
        errors.append(FieldError("rounds", f"Rounds must be between 1 and {MAX_ROUNDS}"))
    elif request.rounds < len(request.played):
        errors.append(FieldError("rounds", "Rounds cannot be fewer than the rounds already played"))
    if request.same_department not in DEPARTMENT_MODES:
        errors.append(FieldError("same_department", "Must be 'hard' or 'soft'"))
    if len(set(request.tables)) != len(request.tables) or "" in request.tables:
        errors.append(FieldError("tables", "Table names must be unique and not empty"))
    for name, pairs in (("must_meet", request.must_meet), ("must_not_meet", request.must_not_meet)):
        for pair in sorted(pairs, key=sorted):
            if len(pair) != 2:
                errors.append(FieldError(name, "Each entry must name two different people"))
            elif not pair <= known:
                unknown = ", ".join(sorted(pair - known))
                errors.append(FieldError(name, f"Unknown person id: {unknown}"))
    both = request.must_meet & request.must_not_meet
    if both:
        shown = "; ".join(" & ".join(sorted(pair)) for pair in sorted(both, key=sorted))
        errors.append(FieldError("must_not_meet", f"Also listed as must meet: {shown}"))
    if any(len(pair) != 2 for pair in request.linked_departments):
        errors.append(FieldError("linked_departments", "Each entry must name two departments"))
    return errors + _check_played(request)


def _check_people(request: PlanRequest) -> list[FieldError]:
    errors = []
    ids = [person.id for person in request.people]
    if len(ids) < 2:
        errors.append(FieldError("people", "At least 2 people are needed"))
    if len(ids) > MAX_PEOPLE:
        errors.append(FieldError("people", f"At most {MAX_PEOPLE} people can be planned"))
    seen: set[str] = set()
    for x, pid in enumerate(ids):
        if not pid:
            errors.append(FieldError(f"people.{x}.id", "Person id must not be empty"))
        elif pid in seen:
            errors.append(FieldError(f"people.{x}.id", f"Duplicate person id: {pid}"))
        seen.add(pid)
    return errors


def _check_played(request: PlanRequest) -> list[FieldError]:
    errors = []
    for x, played in enumerate(request.played):
        if played.number != x + 1:
            errors.append(FieldError(f"played.{x}.number", f"Expected round {x + 1}"))
        seated = [pid for group in played.groups for pid in group.members]
        seated += played.sitting_out
        if len(seated) != len(set(seated)):
            errors.append(FieldError(f"played.{x}", "A person appears twice in one round"))
    return errors
