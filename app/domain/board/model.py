"""The live capture board's data: items, votes, action items, the audit trail, and capture rules.

A butterfly-effect item says which team pushes what onto which team(s), how badly (impact) and
which company goal it touches. Everything here is a frozen value; ``app.domain.board.engine`` turns
commands into new values.

Team names: a team may be any name up to 120 characters (a team outside the room still feels
the effect), but a name that matches one of the session's departments case-insensitively is
stored in the department's canonical spelling, so "billing " and "Billing" are one team.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Final

from app.domain.errors import FieldError
from app.domain.framing.check import Reason

FACILITATOR: Final = "facilitator"
MAX_TO_TEAMS: Final = 5
TEAM_MIN, TEAM_MAX = 2, 120
TEXT_MIN, TEXT_MAX = 10, 600
ACTION_MIN, ACTION_MAX = 5, 300
PERSON_MAX: Final = 120


class Impact(StrEnum):
    """How hard a cross-team issue hits the teams it lands on."""

    # The one impact scale: the summary's records and its JSON schema use this enum too.

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


# Heat-map and ordering weights. Critical jumps to 5, not 4: one critical issue should outweigh
# a high plus a low one, because it usually blocks a company goal outright.
IMPACT_WEIGHTS: Final[dict[Impact, int]] = {
    Impact.LOW: 1,
    Impact.MEDIUM: 2,
    Impact.HIGH: 3,
    Impact.CRITICAL: 5,
}


class ActionStatus(StrEnum):
    """Where an action item stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"


class Moderation(StrEnum):
    """How the board treats new captures (the session's moderation mode).

    ``hold_flagged``: a capture the framing check flags is held; ``approve_all``: every capture
    waits for the facilitator; ``open``: nothing is held (the author still sees the check).
    """

    HOLD_FLAGGED = "hold_flagged"
    APPROVE_ALL = "approve_all"
    OPEN = "open"


class Hold(StrEnum):
    """Why an item is held back from the room (``NONE``: it is visible to the room)."""

    NONE = ""
    COMPLAINT = "complaint"  # reads as a complaint: waits to be reframed or approved
    APPROVAL = "approval"  # approve_all: waits for the facilitator


class Origin(StrEnum):
    """Where an item came from: typed live, or seeded from agenda topic 3."""

    CAPTURED = "captured"
    AGENDA = "agenda"


@dataclass(frozen=True)
class CaptureDraft:
    """What a capture (or an edit) form sends. ``goal_id=None`` with ``no_goal`` = "no goal"."""

    from_team: str
    to_teams: tuple[str, ...]
    what_happens: str
    impact: str
    goal_id: int | None = None
    no_goal: bool = False
    round_no: int | None = None
    with_person: str | None = None


@dataclass(frozen=True)
class Complaint:
    """Why the facilitator flagged an item "complaint — needs reframing", and how to reframe."""

    reasons: tuple[Reason, ...]
    suggestion: str


@dataclass(frozen=True)
class BoardItem:
    """One butterfly-effect issue on the board. ``goal_id=None`` means "no goal fits".

    ``seq`` is the creation order on this board; ``version`` counts edits (for stale-edit checks).
    """

    id: str
    from_team: str
    to_teams: tuple[str, ...]
    what_happens: str
    impact: Impact
    goal_id: int | None
    author: str
    origin: Origin = Origin.CAPTURED
    round_no: int | None = None
    with_person: str | None = None
    seq: int = 0
    version: int = 1
    pinned: bool = False
    complaint: Complaint | None = None
    removed: bool = False
    merged_into: str | None = None
    hold: Hold = Hold.NONE
    note: str = ""

    @property
    def held(self) -> bool:
        """Held back: seen only by its author and the facilitator until reframed or approved."""
        return self.hold is not Hold.NONE

    @property
    def flagged_complaint(self) -> bool:
        """Flagged "complaint — needs reframing"."""
        return self.complaint is not None

    @property
    def visible(self) -> bool:
        """Shown on the board: neither removed nor merged into another item."""
        return not self.removed and self.merged_into is None


@dataclass(frozen=True)
class ActionItem:
    """A follow-up the facilitator made from a board item, and where it stands.

    ``status_at``/``status_by`` say who last changed the status and when (None: never since
    it was made); ``blocked_reason`` is set only while the status is ``blocked``.
    """

    id: str
    item_id: str
    owner: str
    what: str
    due: date
    status: ActionStatus = ActionStatus.OPEN
    blocked_reason: str = ""
    status_at: datetime | None = None
    status_by: str = ""


@dataclass(frozen=True)
class AuditEntry:
    """One change: who, when, what, and the changed fields before and after."""

    seq: int
    command_id: str
    at: datetime
    by: str
    action: str
    item_id: str | None
    before: dict[str, object] | None
    after: dict[str, object] | None


@dataclass(frozen=True)
class Board:
    """The whole board of one session, plus the session facts its rules need.

    ``participants`` are the ids allowed to own action items (empty: any id).

    ``votes`` holds ``(item_id, person)`` pairs, so one person has at most one vote per item.
    ``seen`` holds every command id applied, so a retried command acts once.
    ``ended`` (a session fact, like the departments): the facilitator ended the session.
    ``moderation`` says what happens to new captures; with ``anonymous`` the room sees an
    item's departments but not its author.
    """

    departments: tuple[str, ...] = ()
    goal_ids: frozenset[int] = frozenset()
    people_names: tuple[str, ...] = ()
    participants: frozenset[str] = frozenset()
    items: tuple[BoardItem, ...] = ()
    votes: frozenset[tuple[str, str]] = frozenset()
    actions: tuple[ActionItem, ...] = ()
    audit: tuple[AuditEntry, ...] = ()
    locked: bool = False
    seen: frozenset[str] = field(default=frozenset())
    moderation: Moderation = Moderation.HOLD_FLAGGED
    anonymous: bool = False
    ended: bool = False

    def find(self, item_id: str) -> BoardItem | None:
        """The item with this id, or None."""
        return next((item for item in self.items if item.id == item_id), None)


def normalise_team(name: str, departments: Sequence[str]) -> str:
    """Trim and collapse spaces; a known department comes back in its canonical spelling."""
    clean = " ".join(name.split())
    for department in departments:
        if department.casefold() == clean.casefold():
            return department
    return clean


def validate_capture(
    draft: CaptureDraft, *, departments: Sequence[str], goal_ids: Collection[int]
) -> list[FieldError]:
    """Every rule a capture or edit breaks, one specific message per field path."""
    errors = _team_errors("from_team", draft.from_team)
    errors += _to_teams_errors(draft, departments)
    text = draft.what_happens.strip()
    if len(text) < TEXT_MIN:
        message = f"Say what happens in at least {TEXT_MIN} characters."
        errors.append(FieldError("what_happens", message))
    elif len(text) > TEXT_MAX:
        message = f"What happens can be at most {TEXT_MAX} characters (now {len(text)})."
        errors.append(FieldError("what_happens", message))
    if draft.impact not in {impact.value for impact in Impact}:
        errors.append(FieldError("impact", "Choose the impact: low, medium, high or critical."))
    errors += _goal_errors(draft, goal_ids)
    if draft.round_no is not None and draft.round_no < 1:
        errors.append(FieldError("round_no", "A round number starts at 1."))
    if draft.with_person is not None and len(draft.with_person.strip()) > PERSON_MAX:
        message = f"A person's name can be at most {PERSON_MAX} characters."
        errors.append(FieldError("with_person", message))
    return errors


def validate_action(
    owner: str, what: str, due: date, *, today: date, participants: Collection[str] = ()
) -> list[FieldError]:
    """Rules of an action item: a participant owns it, says what exactly, is due today or later.

    Args:
        participants: the session's participant ids; when empty, any non-empty owner is accepted.
    """
    errors = []
    if not owner.strip() or owner == FACILITATOR:
        errors.append(FieldError("owner", "Choose the participant who owns this action."))
    elif participants and owner not in participants:
        errors.append(FieldError("owner", "The owner must be a participant of this session."))
    length = len(what.strip())
    if not ACTION_MIN <= length <= ACTION_MAX:
        message = f"Say what exactly will be done in {ACTION_MIN} to {ACTION_MAX} characters."
        errors.append(FieldError("what", message))
    if due < today:
        errors.append(FieldError("due", "The due date cannot be in the past."))
    return errors


def _team_errors(where: str, name: str) -> list[FieldError]:
    length = len(" ".join(name.split()))
    if length < TEAM_MIN:
        return [FieldError(where, "Give the team's name.")]
    if length > TEAM_MAX:
        return [FieldError(where, f"A team name can be at most {TEAM_MAX} characters.")]
    return []


def _to_teams_errors(draft: CaptureDraft, departments: Sequence[str]) -> list[FieldError]:
    if not draft.to_teams:
        return [FieldError("to_teams", "Name at least one team this lands on.")]
    if len(draft.to_teams) > MAX_TO_TEAMS:
        return [FieldError("to_teams", f"Name at most {MAX_TO_TEAMS} teams it lands on.")]
    errors: list[FieldError] = []
    own = normalise_team(draft.from_team, departments).casefold()
    seen: set[str] = set()
    for index, name in enumerate(draft.to_teams):
        where = f"to_teams.{index}"
        problems = _team_errors(where, name)
        key = normalise_team(name, departments).casefold()
        if not problems and key == own:
            message = "It lands on another team, not the team it comes from."
            problems = [FieldError(where, message)]
        elif not problems and key in seen:
            problems = [FieldError(where, f"{name.strip()} is listed twice.")]
        seen.add(key)
        errors += problems
    return errors


def _goal_errors(draft: CaptureDraft, goal_ids: Collection[int]) -> list[FieldError]:
    if draft.goal_id is not None and draft.no_goal:
        return [FieldError("goal_id", "Choose a goal or mark that no goal fits, not both.")]
    if draft.goal_id is None and not draft.no_goal:
        return [FieldError("goal_id", "Choose the company goal this touches, or 'no goal'.")]
    if draft.goal_id is not None and draft.goal_id not in goal_ids:
        return [FieldError("goal_id", "Choose one of this session's goals.")]
    return []
