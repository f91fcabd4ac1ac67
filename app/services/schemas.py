"""Input and output contracts shared by the JSON API and the HTML forms.

One set of rules: an API body and a form post go through the same models, so a page shows
exactly the field errors the API would return.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, ClassVar, Literal
from zoneinfo import ZoneInfo, available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

DEFAULT_GROUND_RULES: tuple[str, ...] = (
    "This is NOT a complaint session",
    "A facilitator keeps time and focus",
    "Every conversation aligns to our goals for the year",
)

Role = Literal["facilitator", "participant", "executive"]
AgendaWindowName = Literal["auto", "locked", "open"]
FramingModeName = Literal["warn_only", "required_to_fix"]

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Statement = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
# A stored row's id (path or body): bounded so an absurd number is a 422, not a database error.
RowId = Annotated[int, Field(ge=1, le=2**31 - 1)]


def _not_a_number(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("Give a date and time such as 2027-01-14T09:00, not a number.")
    return value


# Lax parsing would read 0 as 1970-01-01; the schema says a date-time string, so insist on one.
DateTimeText = Annotated[datetime, BeforeValidator(_not_a_number)]


def _valid_timezone(value: str) -> str:
    if value not in _TIMEZONES:
        raise ValueError("Unknown time zone; use an IANA name such as Europe/Berlin.")
    return value


_TIMEZONES = frozenset(available_timezones())
TimeZoneName = Annotated[str, AfterValidator(_valid_timezone)]


def _distinct(values: list[str], what: str) -> list[str]:
    seen: set[str] = set()
    for value in values:
        key = value.casefold()
        if key in seen:
            raise ValueError(f"The {what} “{value}” is listed twice.")
        seen.add(key)
    return values


# C0 control characters: NUL breaks PostgreSQL (and files, terminals and spreadsheets
# downstream), the rest are invisible in every view. Tab and line breaks only where a field
# takes several lines (``Strict.multiline``); browsers send a textarea's line ends as CRLF.
_CONTROL = re.compile(r"[\x00-\x1f]")
_CONTROL_IN_MULTILINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def control_character_error(value: object, *, multiline: bool = False) -> str | None:
    """What is wrong with the first control character found in ``value`` (or its items)."""
    if isinstance(value, str):
        found = (_CONTROL_IN_MULTILINE if multiline else _CONTROL).search(value)
        if found is None:
            return None
        code = f"U+{ord(found.group()):04X}"
        if found.group() in "\t\r\n":
            return f"Keep this to one line: remove the tab or line break ({code})."
        return f"Remove the invisible control character ({code}) from this text."
    if isinstance(value, list | tuple | set | frozenset):
        items: Iterable[object] = value
    elif isinstance(value, dict):
        items = [*value.keys(), *value.values()]
    else:
        return None
    return next(
        (e for e in (control_character_error(i, multiline=multiline) for i in items) if e), None
    )


class Strict(BaseModel):
    """Unknown fields are an error, so a typo in an API call never passes silently; no text
    field takes control characters (tab and line breaks only those in ``multiline``)."""

    model_config = ConfigDict(extra="forbid")
    multiline: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="after")
    @classmethod
    def _no_control_characters(cls, value: object, info: ValidationInfo) -> object:
        error = control_character_error(value, multiline=info.field_name in cls.multiline)
        if error:
            raise ValueError(error)
        return value


class SessionCreate(Strict):
    """What a facilitator fills in to create a session."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
    starts_at: DateTimeText = Field(
        description="Start time; an offset-less value is read in `timezone`."
    )
    timezone: TimeZoneName = "UTC"
    goals: list[Statement] = Field(min_length=1, max_length=7)
    ground_rules: list[Statement] = Field(
        default_factory=lambda: list(DEFAULT_GROUND_RULES), min_length=1, max_length=10
    )
    series_title: str | None = Field(
        default=None, max_length=300, description="Start a new series of sessions with this name."
    )
    series_key: str | None = Field(
        default=None,
        max_length=200,
        description="Or continue a series: the key from its series page (facilitators only).",
    )

    @field_validator("goals")
    @classmethod
    def _goals_distinct(cls, value: list[str]) -> list[str]:
        return _distinct(value, "goal")

    @field_validator("ground_rules")
    @classmethod
    def _rules_distinct(cls, value: list[str]) -> list[str]:
        return _distinct(value, "rule")

    def starts_at_utc(self) -> datetime:
        """The start as an aware datetime, reading a naive value in the session's zone."""
        if self.starts_at.tzinfo is None:
            return self.starts_at.replace(tzinfo=ZoneInfo(self.timezone))
        return self.starts_at


class SessionUpdate(Strict):
    """A partial change to a session's settings."""

    title: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
        | None
    ) = None
    starts_at: DateTimeText | None = None
    timezone: TimeZoneName | None = None
    ground_rules: list[Statement] | None = Field(default=None, min_length=1, max_length=10)
    agenda_deadline: DateTimeText | None = Field(
        default=None,
        description="When agendas close; send null to remove it. Offset-less values are read "
        "in the session's time zone.",
    )
    agenda_window: AgendaWindowName | None = Field(
        default=None,
        description="auto: open until the deadline or going live; locked; open: reopened.",
    )
    framing_mode: FramingModeName | None = Field(
        default=None, description="warn_only, or required_to_fix (complaints block submission)."
    )

    @field_validator("ground_rules")
    @classmethod
    def _rules_distinct(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else _distinct(value, "rule")


class GoalInput(Strict):
    """One company goal for the year."""

    text: Statement


class ParticipantCreate(Strict):
    """A department head taking part."""

    name: ShortText
    email: EmailStr
    department: ShortText
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] = ""

    @field_validator("email")
    @classmethod
    def _lower_email(cls, value: str) -> str:
        return value.lower()


class ParticipantUpdate(Strict):
    """A partial change to a participant."""

    name: ShortText | None = None
    email: EmailStr | None = None
    department: ShortText | None = None
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)] | None = None

    @field_validator("email")
    @classmethod
    def _lower_email(cls, value: str | None) -> str | None:
        return None if value is None else value.lower()


class LinkCreate(Strict):
    """Issue (or re-issue) a link: the old active link for the same target is revoked."""

    role: Role
    participant_id: StrictInt | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="Required for role=participant, forbidden otherwise.",
    )


class GoalPublic(BaseModel):
    id: int
    position: int
    text: str


class SessionPublic(BaseModel):
    id: str
    title: str
    starts_at: datetime
    timezone: str
    ground_rules: list[str]
    goals: list[GoalPublic]
    created_at: datetime
    agenda_deadline: datetime | None
    agenda_window: AgendaWindowName
    framing_mode: FramingModeName
    went_live_at: datetime | None


class ParticipantPublic(BaseModel):
    id: int
    name: str
    email: str
    department: str
    title: str


class LinkPublic(BaseModel):
    id: int
    role: Role
    participant_id: int | None
    url: str | None = Field(description="Null when the link is revoked or cannot be re-derived.")
    created_at: datetime
    revoked_at: datetime | None
    active: bool


class ParticipantInvited(ParticipantPublic):
    link: LinkPublic = Field(description="The personal invite link issued with the participant.")


class SessionCreated(BaseModel):
    session: SessionPublic
    facilitator_url: str
    executive_url: str


class ImportRejection(BaseModel):
    row: int = Field(description="1-based line number in the file, the header being line 1.")
    values: dict[str, str]
    errors: list[dict[str, str]]


class ImportReport(BaseModel):
    created: list[ParticipantPublic]
    rejected: list[ImportRejection]


class Principal(BaseModel):
    """Who is asking: the holder of one capability link."""

    session_id: str
    role: Role
    participant_id: int | None
    link_id: int


AgendaText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
TeamName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class AgendaInput(Strict):
    """An agenda as typed; every field may be empty in a draft (the domain checks lengths)."""

    multiline = frozenset(
        {
            "what_we_do",
            "pressing_issue",
            "pressing_ask",
            "butterfly_issue",
            "butterfly_cost",
            "butterfly_next_step",
        }
    )

    what_we_do: AgendaText = ""
    pressing_issue: AgendaText = ""
    pressing_ask: AgendaText = ""
    pressing_goal_id: int | None = None
    pressing_no_goal: StrictBool = False
    butterfly_issue: AgendaText = ""
    butterfly_targets: list[TeamName] = Field(default_factory=list, max_length=20)
    butterfly_cost: AgendaText = ""
    butterfly_next_step: AgendaText = ""
    butterfly_goal_id: int | None = None
    butterfly_no_goal: StrictBool = False
    version: int | None = Field(
        default=None,
        description="The version you started from; a stale one is refused (409) instead of "
        "overwriting a change made elsewhere.",
    )


class FramingReasonPublic(BaseModel):
    code: str
    message: str
    excerpt: str
    start: int
    end: int


class FramingCheckIn(Strict):
    multiline = frozenset({"text", "next_step"})
    text: Annotated[str, StringConstraints(max_length=5000)]
    next_step: Annotated[str, StringConstraints(max_length=5000)] | None = None


class FramingCheckOut(BaseModel):
    complaint: bool
    reasons: list[FramingReasonPublic]
    suggestion: str


class AgendaPublic(BaseModel):
    participant_id: int
    name: str
    department: str
    status: Literal["not_started", "draft", "submitted", "flagged"]
    submitted: bool
    version: int
    content: dict[str, object]
    framing: dict[str, FramingCheckOut]
    closed_reason: str | None = Field(description="Why it cannot be edited now, or null.")
    updated_at: datetime | None


class AgendaRevisionPublic(BaseModel):
    version: int
    action: str
    author: str
    at: datetime
    content: dict[str, object]


class DependencyEdgePublic(BaseModel):
    source: str
    target: str
    count: int


class PlanSettings(Strict):
    """How to plan the rotations: format, how many rounds (or a time box), tables, locks."""

    group_size: Literal[2, 3, 4] = Field(default=2, description="2 = pairs (default), or 3, 4.")
    rounds: int | None = Field(default=None, ge=1, le=200)
    time_box_minutes: int | None = Field(
        default=None,
        ge=5,
        le=24 * 60,
        description="Derive the rounds from the run of show (round length, changeovers, "
        "breaks, welcome and wrap-up) instead of giving them.",
    )
    seed: int = Field(default=0, ge=0, le=2**31)
    tables: list[ShortText] = Field(default_factory=list, max_length=500)
    must_meet: list[tuple[int, int]] = Field(default_factory=list, max_length=500)
    must_not_meet: list[tuple[int, int]] = Field(default_factory=list, max_length=500)
    same_department: Literal["hard", "soft"] = "hard"

    @model_validator(mode="after")
    def _rounds_or_time_box(self) -> PlanSettings:
        if self.rounds is None and self.time_box_minutes is None:
            raise ValueError("Give a number of rounds or a time box.")
        return self


class SwapInput(Strict):
    round: StrictInt = Field(ge=1)
    a: StrictInt = Field(description="Participant id.")
    b: StrictInt = Field(description="Participant id.")


class PlanGroupPublic(BaseModel):
    table: str
    members: list[int]
    names: list[str]


class PlanRoundPublic(BaseModel):
    number: int
    groups: list[PlanGroupPublic]
    sitting_out: list[int]


class PlanPublic(BaseModel):
    version: int
    reason: str
    author: str
    created_at: datetime
    settings: PlanSettings
    rounds: list[PlanRoundPublic]
    figures: dict[str, object]
