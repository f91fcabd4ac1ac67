"""The plan page's settings form: parse it into the API's ``PlanSettings`` with one specific
message per mistake (every field checked at once), and the bounds the page shows in advance."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from app.domain.errors import FieldError, Invalid
from app.domain.planner.rotations import max_useful_rounds
from app.services.plans import rounds_wanted
from app.services.schemas import PlanSettings
from app.store.models import Participant
from app.web.bounds import field_bounds
from app.web.forms import lines, validation_field_errors

GROUP_LABELS = {2: "pairs", 3: "groups of 3", 4: "groups of 4"}
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


def rounds_limits(present: int) -> dict[int, int]:
    """For each group size, the rounds after which everybody has met everybody."""
    return {size: max(1, max_useful_rounds(present, size)) for size in GROUP_LABELS}


def rounds_reason(present: int, size: int, limit: int) -> str:
    """Why the rounds stop at ``limit``, in the words the page shows."""
    return (
        f"with {present} people in {GROUP_LABELS[size]}, everyone has met everyone after "
        f"{limit} round{'s' if limit != 1 else ''}; more rounds only repeat meetings"
    )


def rounds_bounds(people: dict[str, Participant], group_size: int) -> dict[str, Any]:
    """The form's bounds from ``PlanSettings`` and, for rounds, from who is taking part."""
    bounds = {
        name: field_bounds(PlanSettings, name) for name in ("rounds", "time_box_minutes", "seed")
    }
    present = sum(1 for p in people.values() if p.attendance != "absent")
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
    if settings is not None and settings.rounds is not None:
        present = sum(1 for p in people.values() if p.attendance != "absent")
        limit = rounds_limits(present)[settings.group_size]
        if settings.rounds > limit:
            reason = rounds_reason(present, settings.group_size, limit)
            errors.append(FieldError("rounds", f"Plan at most {limit} rounds: {reason}."))
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
    if settings.time_box_minutes is None:
        return
    present = sum(1 for p in people.values() if p.attendance != "absent")
    limit = rounds_limits(present)[settings.group_size]
    fits = rounds_wanted(settings, show)
    if fits > limit:
        reason = rounds_reason(present, settings.group_size, limit)
        message = (
            f"This time box fits {fits} rounds, but {reason}. "
            f"Shorten the time box, or give {limit} rounds instead."
        )
        raise Invalid(message, [FieldError("time_box_minutes", message)])
