"""The session's API and form contracts: creating and changing a session, its goals."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field, StringConstraints, field_validator

from app.services.shared.schemas import DateTimeText, Statement, Strict, TimeZoneName, distinct

DEFAULT_GROUND_RULES: tuple[str, ...] = (
    "This is NOT a complaint session",
    "A facilitator keeps time and focus",
    "Every conversation aligns to our goals for the year",
)

AgendaWindowName = Literal["auto", "locked", "open"]
FramingModeName = Literal["warn_only", "required_to_fix"]


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
        return distinct(value, "goal")

    @field_validator("ground_rules")
    @classmethod
    def _rules_distinct(cls, value: list[str]) -> list[str]:
        return distinct(value, "rule")

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
        return None if value is None else distinct(value, "rule")


class GoalInput(Strict):
    """One company goal for the year."""

    text: Statement


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


class SessionCreated(BaseModel):
    session: SessionPublic
    facilitator_url: str
    executive_url: str
