"""The plans' API and form contracts: the settings a plan is made from, swaps, a plan shown."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, StrictInt, model_validator

from app.services.shared.schemas import ShortText, Strict


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
