"""The planner's arithmetic and gatekeeping: time boxes, useful rounds, invalid requests."""

from __future__ import annotations

import ast
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import Invalid
from app.domain.planner.rotations import (
    Person,
    PlanRequest,
    max_useful_rounds,
    plan_rotations,
    rounds_for_time_box,
)

DOMAIN = Path(__file__).resolve().parents[2] / "app" / "domain"


def room(n: int) -> tuple[Person, ...]:
    return tuple(Person(f"p{i:02d}") for i in range(n))


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((60, 10, 2), 5),  # 5 x 10 + 4 x 2 = 58
        ((58, 10, 2), 5),
        ((57.9, 10, 2), 4),
        ((60, 20, 0), 3),
        ((9, 10, 2), 0),
        ((100, 10, 2, 15, 3), 6),  # 6 x 10 + 5 x 2 + 1 break of 15 = 85; a 7th needs 97 + 15
        ((0, 10, 2), 0),
    ],
)
def test_rounds_for_time_box(args: tuple[float, ...], expected: int) -> None:
    assert rounds_for_time_box(*args) == expected  # type: ignore[arg-type]


@settings(database=None, deadline=None, max_examples=100)
@given(
    st.floats(0, 600),
    st.floats(0.5, 60),
    st.floats(0, 10),
    st.floats(0, 30),
    st.integers(0, 6),
)
def test_time_box_fits_and_one_more_round_would_not(
    total: float, length: float, change: float, pause: float, every: int
) -> None:
    def needed(rounds: int) -> float:
        breaks = (rounds - 1) // every if every else 0
        return rounds * length + (rounds - 1) * change + breaks * pause

    rounds = rounds_for_time_box(total, length, change, pause, every)
    assert rounds == 0 or needed(rounds) <= total * (1 + 1e-9) + 1e-9
    assert needed(rounds + 1) > total


@pytest.mark.parametrize(
    "bad", [(60, 0, 1), (60, 10, -1), (float("nan"), 10, 1), (60, 10, 1, 5, -1)]
)
def test_time_box_rejects_impossible_lengths(bad: tuple[float, ...]) -> None:
    with pytest.raises(Invalid):
        rounds_for_time_box(*bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "k", "expected"),
    [(8, 2, 7), (9, 2, 9), (2, 2, 1), (1, 2, 0), (9, 3, 4), (16, 4, 5), (10, 4, 4), (32, 4, 11)],
)
def test_max_useful_rounds(n: int, k: int, expected: int) -> None:
    assert max_useful_rounds(n, k) == expected


def test_max_useful_rounds_rejects_other_group_sizes() -> None:
    with pytest.raises(Invalid):
        max_useful_rounds(10, 5)


BASE = PlanRequest(people=room(4), rounds=2)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"group_size": 5}, "group_size"),
        ({"rounds": 0}, "rounds"),
        ({"people": room(1)}, "people"),
        ({"people": (*room(3), Person("p00"))}, "people.3.id"),
        ({"must_meet": frozenset({frozenset({"p00", "zz"})})}, "must_meet"),
        ({"must_not_meet": frozenset({frozenset({"p00"})})}, "must_not_meet"),
        ({"same_department": "strict"}, "same_department"),
        ({"tables": ("A", "A")}, "tables"),
        ({"linked_departments": frozenset({frozenset({"A"})})}, "linked_departments"),
    ],
)
def test_invalid_requests_name_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(Invalid) as caught:
        plan_rotations(replace(BASE, **change))  # type: ignore[arg-type]
    assert field in [e.field for e in caught.value.errors]


def test_locks_may_not_contradict_and_played_rounds_may_not_outnumber_rounds() -> None:
    both = frozenset({frozenset({"p00", "p01"})})
    with pytest.raises(Invalid, match="invalid") as caught:
        plan_rotations(replace(BASE, must_meet=both, must_not_meet=both))
    assert "Also listed as must meet: p00 & p01" in [e.message for e in caught.value.errors]
    played = plan_rotations(BASE).rounds
    with pytest.raises(Invalid):
        plan_rotations(replace(BASE, rounds=1, played=played))


def test_domain_planner_imports_only_the_standard_library_and_the_domain() -> None:
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    for path in (DOMAIN / "planner").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.startswith("app.domain.") or name.split(".")[0] in allowed, (
                    f"{path.name} imports {name}"
                )
