"""The rotation planner by example: known optima, notes, locks, swaps, time boxes, validation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pytest

from app.domain.errors import Invalid
from app.domain.planner.rotations import (
    Person,
    PlanRequest,
    Round,
    evaluate_plan,
    plan_rotations,
    swap_people,
)

DOMAIN = Path(__file__).resolve().parents[2] / "app" / "domain"


def room(n: int, departments: str = "") -> tuple[Person, ...]:
    """``n`` people; ``departments`` gives each one a department letter (or none)."""
    return tuple(
        Person(f"p{i:02d}", departments[i] if i < len(departments) else None) for i in range(n)
    )


def pair_counts(rounds: tuple[Round, ...]) -> Counter[frozenset[str]]:
    return Counter(
        frozenset(pair) for r in rounds for g in r.groups for pair in combinations(g.members, 2)
    )


@pytest.mark.parametrize(("n", "rounds"), [(8, 7), (9, 9), (2, 1), (3, 3)])
def test_round_robin_meets_everybody_exactly_once(n: int, rounds: int) -> None:
    plan = plan_rotations(PlanRequest(people=room(n), rounds=rounds))
    counts = pair_counts(plan.rounds)
    assert len(counts) == n * (n - 1) // 2
    assert set(counts.values()) == {1}
    assert plan.figures.sit_outs == {p.id: n % 2 for p in room(n)}


@pytest.mark.parametrize(("n", "k", "rounds"), [(9, 3, 4), (16, 4, 5), (27, 3, 13)])
def test_affine_planes_meet_everybody_once(n: int, k: int, rounds: int) -> None:
    plan = plan_rotations(PlanRequest(people=room(n), rounds=rounds, group_size=k, seed=3))
    counts = pair_counts(plan.rounds)
    assert set(counts.values()) == {1}
    assert len(counts) == n * (n - 1) // 2
    assert all(len(g.members) == k for r in plan.rounds for g in r.groups)
    assert plan.figures.repeats == plan.figures.min_repeats_bound == 0


def test_thirty_two_in_fours_get_nine_repeat_free_rounds() -> None:
    plan = plan_rotations(PlanRequest(people=room(32), rounds=9, group_size=4))
    assert plan.figures.repeats == 0
    assert plan.figures.pairs_covered == 9 * 8 * 6


def test_search_solves_kirkmans_schoolgirls() -> None:
    """15 people in 3s for 7 rounds without a repeat: no design applies, the search finds it."""
    plan = plan_rotations(PlanRequest(people=room(15), rounds=7, group_size=3))
    assert plan.figures.repeats == 0
    assert plan.figures.pairs_covered == 105


def test_groups_of_four_for_ten_people_sit_four_three_three() -> None:
    plan = plan_rotations(PlanRequest(people=room(10), rounds=3, group_size=4))
    for r in plan.rounds:
        assert sorted(len(g.members) for g in r.groups) == [3, 3, 4]
        assert r.sitting_out == ()


def test_unavoidable_repeats_are_counted_and_explained() -> None:
    plan = plan_rotations(PlanRequest(people=room(8), rounds=9))
    assert plan.figures.repeats == plan.figures.min_repeats_bound == 8
    assert "8 repeats are unavoidable with 9 rounds for 8 people" in plan.figures.notes


def test_colleagues_meet_only_when_nothing_else_seats_them() -> None:
    people = room(8, "AAAAAABC")  # six colleagues cannot all be paired with the other two
    hard = plan_rotations(PlanRequest(people=people, rounds=2))
    assert hard.figures.same_department_meetings == 4
    assert "Same-department meetings were unavoidable: 4" in hard.figures.notes
    assert any("fell back to soft" in note for note in hard.figures.notes)
    # each round B and C each host an A, and the other four A's pair up among themselves
    assert frozenset(("p06", "p07")) not in pair_counts(hard.rounds)
    soft = plan_rotations(PlanRequest(people=people, rounds=2, same_department="soft"))
    assert soft.figures.same_department_meetings == 4
    assert not any("fell back" in note for note in soft.figures.notes)


def test_departments_are_kept_apart_in_groups() -> None:
    people = room(24, "AAABBBCCCDDDEEEFFFGGGHHH")
    plan = plan_rotations(PlanRequest(people=people, rounds=5, group_size=4))
    assert plan.figures.same_department_meetings == 0
    assert plan.figures.repeats == 0


def test_weights_rank_linked_then_new_then_the_rest() -> None:
    people = room(4, "ABCD")
    request = PlanRequest(
        people=people,
        rounds=3,
        linked_departments=frozenset({frozenset({"A", "B"})}),
        prior_meetings=frozenset({frozenset({"p02", "p03"})}),
    )
    plan = plan_rotations(request)
    assert [g.members for g in plan.rounds[0].groups] == [("p00", "p01"), ("p02", "p03")]
    # linked and new 111, four new pairs 11 each, the pair who met before 1
    assert plan.figures.weight == 111 + 4 * 11 + 1
    assert plan.figures.linked_pairs_covered == plan.figures.linked_pairs_possible == 1


def test_a_must_not_meet_pair_alone_sits_out_rather_than_meet() -> None:
    request = PlanRequest(
        people=room(2), rounds=2, must_not_meet=frozenset({frozenset(room_ids(2))})
    )
    plan = plan_rotations(request)
    assert all(r.groups == () and r.sitting_out == ("p00", "p01") for r in plan.rounds)
    assert any("sit out extra" in note for note in plan.figures.notes)


def room_ids(n: int) -> list[str]:
    return [p.id for p in room(n)]


def test_must_meet_pairs_meet_in_the_first_round_across_departments() -> None:
    people = room(6, "AABBCC")
    must = frozenset({frozenset({"p00", "p01"}), frozenset({"p02", "p04"})})
    plan = plan_rotations(PlanRequest(people=people, rounds=2, must_meet=must))
    assert must <= set(pair_counts(plan.rounds[:1]))
    assert plan.figures.same_department_meetings == 0  # must-meet colleagues are exempt


def test_tables_use_given_names_then_numbered_ones() -> None:
    plan = plan_rotations(PlanRequest(people=room(8), rounds=1, tables=("Oak", "Table 1")))
    assert [g.table for g in plan.rounds[0].groups] == ["Oak", "Table 1", "Table 2", "Table 3"]


def test_seeds_give_different_plans_and_one_seed_the_same_plan() -> None:
    plans = [plan_rotations(PlanRequest(people=room(20), rounds=5, seed=s)) for s in range(10)]
    assert len({p.rounds for p in plans}) >= 8
    assert plan_rotations(PlanRequest(people=room(20), rounds=5, seed=4)) == plans[4]


def test_plans_do_not_depend_on_string_hashing() -> None:
    script = (
        "import json;"
        "from app.domain.planner.rotations import Person, PlanRequest, plan_rotations;"
        "people = tuple(Person(f'p{i}', 'AB'[i % 2] if i < 9 else None) for i in range(14));"
        "lock = frozenset({frozenset({'p1', 'p2'})});"
        "links = frozenset({frozenset({'A', 'B'})});"
        "r = PlanRequest(people, 6, must_meet=lock, linked_departments=links, seed=7);"
        "print(json.dumps([[g.members for g in x.groups] for x in plan_rotations(r).rounds]))"
    )
    root = DOMAIN.parents[1]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert json.loads(outputs.pop())


def test_replanning_after_a_departure_keeps_history_and_figures_the_present() -> None:
    first = plan_rotations(PlanRequest(people=room(10), rounds=4))
    people = (*room(10)[1:], Person("late"))  # p00 left after round 2, "late" arrived
    request = PlanRequest(people=people, rounds=4, played=first.rounds[:2])
    plan = plan_rotations(request)
    assert plan.rounds[:2] == first.rounds[:2]
    assert "late" in plan.figures.sit_outs
    assert "p00" not in plan.figures.sit_outs
    assert plan.figures.repeats == 0
    assert all("p00" not in g.members for r in plan.rounds[2:] for g in r.groups)


def test_figures_equal_evaluation_of_the_rounds() -> None:
    request = PlanRequest(people=room(12, "AABBCCDDEEFF"), rounds=5, group_size=3)
    plan = plan_rotations(request)
    assert replace(evaluate_plan(request, plan.rounds), notes=()) == replace(plan.figures, notes=())


class TestSwapPeople:
    request = PlanRequest(
        people=room(7),
        rounds=3,
        must_not_meet=frozenset({frozenset({"p00", "p01"})}),
    )

    def test_swaps_two_seated_people_and_refigures(self) -> None:
        plan = plan_rotations(self.request)
        first, second = plan.rounds[1].groups[:2]
        a = next(m for m in first.members if m not in {"p00", "p01"})
        b = next(m for m in second.members if m not in {"p00", "p01"})
        swapped = swap_people(self.request, plan, 2, a, b)
        assert b in swapped.rounds[1].groups[0].members
        assert a in swapped.rounds[1].groups[1].members
        assert swapped.rounds[0] == plan.rounds[0]
        assert swapped.rounds[2] == plan.rounds[2]
        assert swapped.figures == evaluate_plan(self.request, swapped.rounds)

    def test_swaps_with_the_person_sitting_out(self) -> None:
        plan = plan_rotations(self.request)
        r = plan.rounds[2]
        out = r.sitting_out[0]
        seated = next(m for g in r.groups for m in g.members if m not in {"p00", "p01"})
        swapped = swap_people(self.request, plan, 3, out, seated)
        assert swapped.rounds[2].sitting_out == (seated,)

    def test_refuses_played_rounds_unknown_people_and_locks(self) -> None:
        plan = plan_rotations(self.request)
        played = replace(self.request, played=plan.rounds[:1])
        r = plan.rounds[0]
        with pytest.raises(Invalid, match="has been played"):
            swap_people(played, plan, 1, r.groups[0].members[0], r.groups[1].members[0])
        with pytest.raises(Invalid, match="Not in round"):
            swap_people(self.request, plan, 2, "nobody", "p00")
        with pytest.raises(Invalid, match="No such round"):
            swap_people(self.request, plan, 9, "p02", "p00")
        group = plan.rounds[1].groups[0].members
        with pytest.raises(Invalid, match="already seated together"):
            swap_people(self.request, plan, 2, group[0], group[1])
        number, r = next((x, r) for x, r in enumerate(plan.rounds, 1) if "p01" not in r.sitting_out)
        mate = next(m for g in r.groups if "p01" in g.members for m in g.members if m != "p01")
        with pytest.raises(Invalid, match="p00 and p01 must not meet"):
            swap_people(self.request, plan, number, "p00", mate)
