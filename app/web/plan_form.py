"""The plan page's settings form: parse it into the API's ``PlanSettings`` with one specific
message per mistake (every field checked at once), and the bounds the page shows in advance."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from app.domain.errors import FieldError, Invalid
from app.services.plans.bounds import (
    GROUP_LABELS,
    check_rounds,
    present_count,
    rounds_error,
    rounds_limits,
    rounds_reason,
)
from app.services.plans.schemas import PlanSettings
from app.store.models import Participant
from app.web.bounds import field_bounds
from app.web.forms import lines, validation_field_errors

FORM_FIELDS = (
    "group_size",
    "rounds",
    "time_box_minutes",
    "seed",
    "tables",
    "must_meet",
    "must_not_meet",
    "same_department",
    "mode",
)


def rounds_bounds(people: dict[str, Participant], group_size: int) -> dict[str, Any]:
    """The form's bounds from ``PlanSettings`` and, for rounds, from who is taking part."""
    bounds = {
        name: field_bounds(PlanSettings, name) for name in ("rounds", "time_box_minutes", "seed")
    }
    present = present_count(people.values())
    limits = rounds_limits(present)
    size = group_size if group_size in limits else 2
    reasons = "; ".join(f"{GROUP_LABELS[n]}: at most {limits[n]}" for n in sorted(limits))
    hint = (
        f"From {bounds['rounds']['min']} to {limits[size]}: "
        f"{rounds_reason(present, size, limits[size])}. ({reasons}.)"
    )
    return {
        "bounds": bounds,
        "rounds_max": min(int(bounds["rounds"]["max"]), max(limits.values())),
        "rounds_hint": hint,
    }


def parse_settings(values: dict[str, str], people: dict[str, Participant]) -> PlanSettings:
    """The form as ``PlanSettings``.

    Raises:
        Invalid: one specific field error for each field that is wrong.
    """
    errors = _pair_errors(values, people, "must_meet") + _pair_errors(
        values, people, "must_not_meet"
    )
    by_time = values["mode"] == "time"
    if not by_time and not values["rounds"].strip():
        errors.append(FieldError("rounds", "Enter how many rounds, or choose a time box."))
    if by_time and not values["time_box_minutes"].strip():
        errors.append(FieldError("time_box_minutes", "Enter the time box in minutes."))
    data = {
        "group_size": int(values["group_size"]) if values["group_size"].isdigit() else 0,
        "rounds": None if by_time else (values["rounds"].strip() or None),
        "time_box_minutes": (values["time_box_minutes"].strip() or None) if by_time else None,
        "seed": values["seed"].strip() or "0",
        "tables": lines(values["tables"]),
        "must_meet": _pairs(values["must_meet"], people),
        "must_not_meet": _pairs(values["must_not_meet"], people),
        "same_department": values["same_department"] or "hard",
    }
    settings = None
    try:
        settings = PlanSettings.model_validate(data)
    except ValidationError as error:
        seen = {e.field for e in errors}
        if seen & {"rounds", "time_box_minutes"}:
            seen.add("body")  # the model's "rounds or a time box" is said at the field already
        errors += [e for e in validation_field_errors(error) if e.field.split(".")[0] not in seen]
    bound = settings and rounds_error(settings, present_count(people.values()))
    if bound:
        errors.append(bound)
    if errors or settings is None:
        raise Invalid("Some settings need fixing; see the marked fields.", errors)
    return settings


def _names(line: str) -> list[str]:
    return [n.strip() for n in line.replace("+", ",").split(",") if n.strip()]


def _pairs(text: str, people: dict[str, Participant]) -> list[tuple[int, int]]:
    by_name = {p.name.casefold(): int(p.id or 0) for p in people.values()}
    result = []
    for line in lines(text):
        ids = [by_name.get(n.casefold()) for n in _names(line)]
        if len(ids) == 2 and ids[0] is not None and ids[1] is not None and ids[0] != ids[1]:
            result.append((ids[0], ids[1]))
    return result


def _pair_errors(
    values: dict[str, str], people: dict[str, Participant], field: str
) -> list[FieldError]:
    """What is wrong with each line of a pairs box, naming the line and the name."""
    known = {p.name.casefold() for p in people.values()}
    problems = []
    for number, line in enumerate(lines(values[field]), start=1):
        names = _names(line)
        unknown = [n for n in names if n.casefold() not in known]
        if unknown:
            listed = ", ".join(f"“{n}”" for n in unknown)
            verb = "is not a participant" if len(unknown) == 1 else "are not participants"
            problems.append(f"Line {number}: {listed} {verb} in this session; check the spelling.")
        elif len(names) != 2:
            problems.append(
                f"Line {number}: write exactly two names separated by a comma, "
                f"e.g. “Dana Lee, Tom Becker” (this line has {len(names)})."
            )
        elif names[0].casefold() == names[1].casefold():
            problems.append(f"Line {number}: write two different people, not “{names[0]}” twice.")
    return [FieldError(field, " ".join(problems))] if problems else []


def check_time_box(
    settings: PlanSettings, people: dict[str, Participant], show: dict[str, Any] | None
) -> None:
    """A time box may not hold more rounds than are worth holding (the rounds rule, by time).

    Raises:
        Invalid: the time box fits more rounds than everyone needs to meet everyone.
    """
    check_rounds(settings, people.values(), show)
