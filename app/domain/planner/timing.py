"""How many rounds a session can hold, and how many are worth holding.

Re-exported by ``app.domain.planner.rotations``; kept apart because it is arithmetic, not search.
"""

from __future__ import annotations

import math

from app.domain.errors import FieldError, Invalid
from app.domain.planner.input import GROUP_SIZES
from app.domain.planner.model import pairs_per_round


def rounds_for_time_box(
    total_minutes: float,
    round_minutes: float,
    changeover_minutes: float,
    break_minutes: float = 0,
    break_every: int = 0,
) -> int:
    """How many rounds fit in ``total_minutes``.

    Rounds are separated by a changeover; after every ``break_every`` rounds (0: never) a
    break is added on top of that changeover. Nothing is added after the last round.

    Raises:
        Invalid: when a length is negative or not finite, or ``round_minutes`` is not positive.
    """
    _check_lengths(total_minutes, round_minutes, changeover_minutes, break_minutes, break_every)

    def needed(rounds: int) -> float:
        gaps = rounds - 1
        breaks = gaps // break_every if break_every else 0
        return rounds * round_minutes + gaps * changeover_minutes + breaks * break_minutes

    slack = 1e-9 * max(1.0, total_minutes)  # 3 x 20 minutes fit in 60 despite float rounding
    low, high = 0, int(total_minutes // round_minutes) + 1
    while low < high:  # largest count whose schedule fits; needed() grows with the count
        mid = (low + high + 1) // 2
        low, high = (mid, high) if needed(mid) <= total_minutes + slack else (low, mid - 1)
    return low


def max_useful_rounds(n_people: int, group_size: int) -> int:
    """Fewest rounds in which everybody could meet everybody; more rounds must repeat pairs.

    That is ``ceil(pairs / pairs per round)``: ``n - 1`` for pairs with even ``n``, ``n`` for
    odd ``n``, 4 for 9 people in 3s, 5 for 16 people in 4s.

    Raises:
        Invalid: when ``group_size`` is not 2, 3 or 4.
    """
    if group_size not in GROUP_SIZES:
        raise Invalid("Invalid group size", [FieldError("group_size", "Must be 2, 3 or 4")])
    if n_people < 2:
        return 0
    return -(-(n_people * (n_people - 1) // 2) // pairs_per_round(n_people, group_size))


def _check_lengths(
    total: float, length: float, changeover: float, pause: float, every: int
) -> None:
    values = {
        "total_minutes": total,
        "round_minutes": length,
        "changeover_minutes": changeover,
        "break_minutes": pause,
        "break_every": every,
    }
    errors = [
        FieldError(name, "Must be a finite number, not negative")
        for name, value in values.items()
        if not math.isfinite(value) or value < 0
    ]
    if not errors and length <= 0:
        errors.append(FieldError("round_minutes", "Must be more than 0"))
    if errors:
        raise Invalid("The time box is invalid", errors)
