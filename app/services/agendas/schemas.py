"""The agendas' API and form contracts: an agenda as typed, its framing check, its history."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictBool, StringConstraints

from app.services.shared.schemas import Strict

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
