"""How many rounds a plan may have: one rule for the plan page and the JSON API.

After ``max_useful_rounds`` everybody has met everybody, so every further round only repeats
meetings (99 rounds for 6 people made an 18,000-pixel page with 368 repeats). The rule bounds
rounds asked for directly and the rounds a time box fits, and its message names the bound and
the reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.domain.errors import FieldError, Invalid
from app.domain.planner.rotations import max_useful_rounds
from app.services.plans.schemas import PlanSettings
from app.services.plans.service import rounds_wanted
from app.store.models import Participant

GROUP_LABELS = {2: "pairs", 3: "groups of 3", 4: "groups of 4"}


def present_count(people: Iterable[Participant]) -> int:
    """Who the planner seats: everyone not marked absent."""
    return sum(1 for p in people if p.attendance != "absent")


def rounds_limits(present: int) -> dict[int, int]:
    """For each group size, the rounds after which everybody has met everybody."""
    return {size: max(1, max_useful_rounds(present, size)) for size in GROUP_LABELS}


def rounds_reason(present: int, size: int, limit: int) -> str:
    """Why the rounds stop at ``limit``, in the words the page and the API show."""
    return (
        f"with {present} people in {GROUP_LABELS[size]}, everyone has met everyone after "
        f"{limit} round{'s' if limit != 1 else ''}; more rounds only repeat meetings"
    )


def rounds_error(settings: PlanSettings, present: int) -> FieldError | None:
    """The field error for more rounds than are worth holding, if asked for directly."""
    if settings.rounds is None:
        return None
    limit = rounds_limits(present)[settings.group_size]
    if settings.rounds <= limit:
        return None
    reason = rounds_reason(present, settings.group_size, limit)
    return FieldError("rounds", f"Plan at most {limit} rounds: {reason}.")


def time_box_error(
    settings: PlanSettings, present: int, raw_show: dict[str, Any] | None
) -> FieldError | None:
    """The field error for a time box that fits more rounds than are worth holding."""
    if settings.time_box_minutes is None:
        return None
    limit = rounds_limits(present)[settings.group_size]
    fits = rounds_wanted(settings, raw_show)
    if fits <= limit:
        return None
    reason = rounds_reason(present, settings.group_size, limit)
    return FieldError(
        "time_box_minutes",
        f"This time box fits {fits} rounds, but {reason}. "
        f"Shorten the time box, or give {limit} rounds instead.",
    )


def check_rounds(
    settings: PlanSettings, people: Iterable[Participant], raw_show: dict[str, Any] | None
) -> None:
    """Refuse more rounds, asked for or fitted into a time box, than everyone needs to meet.

    Raises:
        Invalid: with the field error naming the bound and the reason.
    """
    present = present_count(people)
    error = rounds_error(settings, present) or time_box_error(settings, present, raw_show)
    if error is not None:
        raise Invalid(error.message, [error])
