"""Who is asking, and the API's link contracts: a capability link's role and what it shows."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field, StrictInt

from app.services.shared.schemas import Strict

Role = Literal["facilitator", "participant", "executive"]


class LinkCreate(Strict):
    """Issue (or re-issue) a link: the old active link for the same target is revoked."""

    role: Role
    participant_id: StrictInt | None = Field(
        default=None,
        ge=1,
        le=2**31 - 1,
        description="Required for role=participant, forbidden otherwise.",
    )


class LinkPublic(BaseModel):
    id: int
    role: Role
    participant_id: int | None
    url: str | None = Field(description="Null when the link is revoked or cannot be re-derived.")
    created_at: datetime
    revoked_at: datetime | None
    active: bool


class Principal(BaseModel):
    """Who is asking: the holder of one capability link."""

    session_id: str
    role: Role
    participant_id: int | None
    link_id: int
