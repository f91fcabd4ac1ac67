"""The three-topic agenda: its rules, its status, and when it may be edited.

Every department head brings the same three topics: (1) what we do, (2) the most pressing issue
with the ask of peers, (3) the biggest butterfly-effect issue — where it lands downstream, what it
costs there and a proposed next step. Drafts may be partial; a submission must be complete.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from enum import StrEnum

from app.domain.errors import FieldError
from app.domain.framing.check import FramingMode, FramingResult, check_framing

MAX_TARGETS = 5


@dataclass(frozen=True)
class Limit:
    """Length rules of one text field: a submission needs ``low``; nothing may exceed ``high``."""

    label: str
    low: int
    high: int


TEXT_LIMITS: dict[str, Limit] = {
    "what_we_do": Limit("What we do", 20, 1200),
    "pressing_issue": Limit("Most pressing issue", 20, 1200),
    "pressing_ask": Limit("The ask", 10, 600),
    "butterfly_issue": Limit("Butterfly-effect issue", 20, 1200),
    "butterfly_cost": Limit("What it costs downstream", 10, 600),
    "butterfly_next_step": Limit("Proposed next step", 10, 600),
}
TARGET_LIMIT = Limit("Team it lands on", 2, 120)


@dataclass(frozen=True)
class AgendaContent:
    """What a department head writes. Empty strings mean "not written yet"."""

    what_we_do: str = ""
    pressing_issue: str = ""
    pressing_ask: str = ""
    pressing_goal_id: int | None = None
    pressing_no_goal: bool = False
    butterfly_issue: str = ""
    butterfly_targets: tuple[str, ...] = ()
    butterfly_cost: str = ""
    butterfly_next_step: str = ""
    butterfly_goal_id: int | None = None
    butterfly_no_goal: bool = False

    def is_empty(self) -> bool:
        """Nothing written or chosen at all."""
        return self == AgendaContent()

    def as_dict(self) -> dict[str, object]:
        """Plain values for storage and revisions (targets as a list)."""
        values: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self)}
        values["butterfly_targets"] = list(self.butterfly_targets)
        return values


_FIELD_NAMES = frozenset(f.name for f in fields(AgendaContent))


class AgendaStatus(StrEnum):
    """Where an agenda stands, as the facilitator's overview shows it."""

    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    FLAGGED = "flagged"


class AgendaWindow(StrEnum):
    """The facilitator's override of when agendas may be edited."""

    AUTO = "auto"  # open until the deadline passes or the session goes live
    LOCKED = "locked"
    OPEN = "open"  # reopened: editable even after the deadline or while live


def draft_errors(content: AgendaContent, *, goal_ids: Collection[int]) -> list[FieldError]:
    """Problems that even a draft may not have: oversize text, unknown goals, too many targets."""
    errors = [
        FieldError(
            name,
            f"{limit.label} can be at most {limit.high} characters; "
            f"it has {len(getattr(content, name)):,}.",
        )
        for name, limit in TEXT_LIMITS.items()
        if len(getattr(content, name)) > limit.high
    ]
    errors += _goal_errors(content, goal_ids)
    if len(content.butterfly_targets) > MAX_TARGETS:
        errors.append(
            FieldError("butterfly_targets", f"Name at most {MAX_TARGETS} teams it lands on.")
        )
    for index, target in enumerate(content.butterfly_targets):
        if len(target) > TARGET_LIMIT.high:
            message = f"A team name can be at most {TARGET_LIMIT.high} characters."
            errors.append(FieldError(f"butterfly_targets.{index}", message))
    return errors


def keep_valid_fields(
    content: AgendaContent,
    stored: AgendaContent,
    *,
    goal_ids: Collection[int],
    rejected: Collection[str] = (),
) -> tuple[AgendaContent, list[FieldError]]:
    """A draft in which each field that breaks a draft rule keeps its ``stored`` value.

    One field over its limit must not cost the others their save: the valid fields are taken,
    the invalid ones (plus ``rejected``, fields that did not even parse) stay as they were, and
    the errors say which fields were not saved and why.
    """
    errors = draft_errors(content, goal_ids=goal_ids)
    bad = {_base_field(e.field) for e in errors} | {_base_field(f) for f in rejected}
    kept = {name: getattr(stored, name) for name in bad if name in _FIELD_NAMES}
    for topic in ("pressing", "butterfly"):  # a goal and its "no goal fits" box go together
        if f"{topic}_goal_id" in kept:
            kept[f"{topic}_no_goal"] = getattr(stored, f"{topic}_no_goal")
    return replace(content, **kept), _first_per_field(errors)


def _base_field(field: str) -> str:
    return field.split(".")[0]


def submission_errors(
    content: AgendaContent, *, goal_ids: Collection[int], own_department: str
) -> list[FieldError]:
    """Every rule a submitted agenda must meet, each as a field error."""
    errors = draft_errors(content, goal_ids=goal_ids)
    for name, limit in TEXT_LIMITS.items():
        text = getattr(content, name)
        if not text:
            errors.append(FieldError(name, f"{limit.label} is required."))
        elif len(text) < limit.low:
            message = f"{limit.label} needs at least {limit.low} characters; say a little more."
            errors.append(FieldError(name, message))
    errors += _target_errors(content.butterfly_targets, own_department)
    for topic in ("pressing", "butterfly"):
        goal = getattr(content, f"{topic}_goal_id")
        if goal is None and not getattr(content, f"{topic}_no_goal"):
            message = "Choose the company goal this touches, or mark that no goal fits."
            errors.append(FieldError(f"{topic}_goal_id", message))
    return _first_per_field(errors)


def framing_findings(
    content: AgendaContent, *, people_names: Sequence[str] = (), team_names: Sequence[str] = ()
) -> dict[str, FramingResult]:
    """The framing check of the two issue texts, with their ask / next step as context."""
    return {
        "pressing_issue": check_framing(
            content.pressing_issue,
            people_names=people_names,
            next_step=content.pressing_ask,
            team_names=team_names,
        ),
        "butterfly_issue": check_framing(
            content.butterfly_issue,
            people_names=people_names,
            next_step=content.butterfly_next_step,
            team_names=team_names,
        ),
    }


def framing_errors(findings: dict[str, FramingResult], mode: FramingMode) -> list[FieldError]:
    """In required-to-fix mode, each issue that reads as a complaint blocks submission."""
    if mode is not FramingMode.REQUIRED_TO_FIX:
        return []
    return [
        FieldError(
            name,
            "This reads as a complaint ("
            + ", ".join(r.message for r in result.reasons[:2])
            + "). "
            + result.suggestion,
        )
        for name, result in findings.items()
        if result.complaint
    ]


def agenda_status(
    content: AgendaContent | None, submitted: bool, findings: dict[str, FramingResult] | None
) -> AgendaStatus:
    """The overview status: flagged wins over submitted and draft."""
    if content is None or content.is_empty():
        return AgendaStatus.NOT_STARTED
    if findings and any(result.complaint for result in findings.values()):
        return AgendaStatus.FLAGGED
    return AgendaStatus.SUBMITTED if submitted else AgendaStatus.DRAFT


def editing_closed_reason(
    *, now: datetime, deadline: datetime | None, window: AgendaWindow, live: bool
) -> str | None:
    """Why agendas are read-only right now, or None when they may be edited."""
    if window is AgendaWindow.OPEN:
        return None
    if window is AgendaWindow.LOCKED:
        return "The facilitator has locked agendas."
    if live:
        return "The session is live; agendas are read-only unless the facilitator reopens them."
    if deadline is not None and now >= deadline:
        return "The submission deadline has passed; ask the facilitator to reopen agendas."
    return None


def _goal_errors(content: AgendaContent, goal_ids: Collection[int]) -> list[FieldError]:
    errors = []
    for topic in ("pressing", "butterfly"):
        goal = getattr(content, f"{topic}_goal_id")
        if goal is not None and goal not in goal_ids:
            errors.append(FieldError(f"{topic}_goal_id", "Choose one of this session's goals."))
        if goal is not None and getattr(content, f"{topic}_no_goal"):
            message = "Choose a goal or mark that no goal fits, not both."
            errors.append(FieldError(f"{topic}_goal_id", message))
    return errors


def _target_errors(targets: Sequence[str], own_department: str) -> list[FieldError]:
    if not targets:
        return [FieldError("butterfly_targets", "Name at least one team this lands on.")]
    errors = []
    seen: set[str] = set()
    for index, target in enumerate(targets):
        key = target.casefold()
        where = f"butterfly_targets.{index}"
        if len(target) < TARGET_LIMIT.low:
            errors.append(FieldError(where, "Give the team's name."))
        elif key == own_department.casefold():
            message = "A butterfly-effect issue lands on another team, not your own."
            errors.append(FieldError(where, message))
        elif key in seen:
            errors.append(FieldError(where, f"{target} is listed twice."))
        seen.add(key)
    return errors


def _first_per_field(errors: list[FieldError]) -> list[FieldError]:
    seen: set[str] = set()
    result = []
    for error in errors:
        if error.field not in seen:
            seen.add(error.field)
            result.append(error)
    return result


@dataclass(frozen=True)
class DependencyEdge:
    """Butterfly-effect issues pointed from one department at another."""

    source: str
    target: str
    count: int


def dependency_preview(pointers: Sequence[tuple[str, Sequence[str]]]) -> list[DependencyEdge]:
    """Count (department -> target team) pointers, busiest first, ties by name.

    Args:
        pointers: one ``(own department, butterfly targets)`` pair per agenda.
    """
    counts: dict[tuple[str, str], int] = {}
    for source, targets in pointers:
        for target in dict.fromkeys(t.strip() for t in targets if t.strip()):
            key = (source, target)
            counts[key] = counts.get(key, 0) + 1
    edges = [DependencyEdge(s, t, n) for (s, t), n in counts.items()]
    return sorted(edges, key=lambda e: (-e.count, e.source.casefold(), e.target.casefold()))
