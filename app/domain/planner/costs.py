"""What a seating costs: one scale shared by the pair and group searches, and plan ranking.

Costs follow the rules' priorities: a must-not-meet meeting (never) > leaving a must-meet
pair apart > a colleague meeting in hard mode > a repeat > a colleague meeting in soft mode >
giving up a first meeting's weight (at most 111). The locks come first because they are an
organiser's explicit word on two people; the department rule is general and may fall back.

One exchange of two people changes at most 12 meetings (two groups of 4), and every level is
worth more than 12 times everything below it, so a search that lowers the sum never trades a
higher rule for lower ones. All costs are whole numbers far below 2**53: sums stay exact.
"""

from __future__ import annotations

from typing import Final

from app.domain.planner.figures import Tally
from app.domain.planner.model import Problem

FORBIDDEN_COST: Final = 1e12
MUST_MEET_BONUS: Final = 1e10
HARD_COLLEAGUE_COST: Final = 1e8
REPEAT_COST: Final = 1e6
# Meeting the same person a third time is worse than a second time, so repeats spread out;
# capped so that this never outweighs a whole repeat (12 * 100 * 500 < 1e6).
REPEAT_STEP: Final = 500.0
REPEAT_STEPS_CAP: Final = 100
SOFT_COLLEAGUE_COST: Final = 1e4


def seat_cost(p: Problem, a: int, b: int, met: int) -> float:
    """Cost of seating ``a`` with ``b`` when they have already met ``met`` times."""
    key = p.key(a, b)
    cost = 0.0
    if key in p.must_not:
        cost += FORBIDDEN_COST
    if p.has_colleagues and p.same_dept(a, b):
        cost += HARD_COLLEAGUE_COST if p.hard_dept else SOFT_COLLEAGUE_COST
    if met:
        return cost + REPEAT_COST + REPEAT_STEP * min(met - 1, REPEAT_STEPS_CAP)
    if key in p.must_meet:
        cost -= MUST_MEET_BONUS
    return cost - p.weights[a][b]


def quality(p: Problem, t: Tally) -> tuple[float, ...]:
    """Sort key of a whole plan: smaller is better, in the same order of priorities.

    Must-meet pairs count twice: whether they meet at all, then how many rounds they wait.
    """
    hard, soft = (t.same_dept, 0) if p.hard_dept else (0, t.same_dept)
    return (
        *(t.forbidden, t.must_missed, t.must_waits, hard, t.repeats, soft),
        *(-t.weight, -t.pairs_covered),
    )


def cost_matrix(p: Problem, met: dict[int, int]) -> list[list[float]]:
    """``seat_cost`` for every pair at once, given meeting counts by pair key."""
    n = p.n
    rows = [[-w for w in row] for row in p.weights]
    special = set(met) | p.must_meet | p.must_not
    for people in p.members.values():
        special.update(i * n + j for x, i in enumerate(people) for j in people[x + 1 :])
    for key in special:
        i, j = divmod(key, n)
        rows[i][j] = rows[j][i] = seat_cost(p, i, j, met.get(key, 0))
    return rows
