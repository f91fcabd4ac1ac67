"""Input and output contracts shared by the JSON API and the HTML forms.

One set of rules: an API body and a form post go through the same models, so a page shows
exactly the field errors the API would return.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
)

DEFAULT_GROUND_RULES: tuple[str, ...] = (
    "This is NOT a complaint session",
    "A facilitator keeps time and focus",
    "Every conversation aligns to our goals for the year",
)

Role = Literal["facilitator", "participant", "executive"]

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Statement = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]


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


class Strict(BaseModel):
    """Unknown fields are an error, so a typo in an API call never passes silently."""

    model_config = ConfigDict(extra="forbid")


class SessionCreate(Strict):
    """What a facilitator fills in to create a session."""

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
    starts_at: datetime = Field(
        description="Start time; an offset-less value is read in `timezone`."
    )
    timezone: TimeZoneName = "UTC"
    goals: list[Statement] = Field(min_length=1, max_length=7)
    ground_rules: list[Statement] = Field(
        default_factory=lambda: list(DEFAULT_GROUND_RULES), min_length=1, max_length=10
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
    starts_at: datetime | None = None
    timezone: TimeZoneName | None = None
    ground_rules: list[Statement] | None = Field(default=None, min_length=1, max_length=10)

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
    participant_id: int | None = Field(
        default=None, description="Required for role=participant, forbidden otherwise."
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
