"""The participants' API and form contracts: adding, changing, inviting and importing people."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, EmailStr, Field, StringConstraints, field_validator

from app.services.links.schemas import LinkPublic
from app.services.shared.schemas import ShortText, Strict


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


class ParticipantPublic(BaseModel):
    id: int
    name: str
    email: str
    department: str
    title: str


class ParticipantInvited(ParticipantPublic):
    link: LinkPublic = Field(description="The personal invite link issued with the participant.")


class ImportRejection(BaseModel):
    row: int = Field(description="1-based line number in the file, the header being line 1.")
    values: dict[str, str]
    errors: list[dict[str, str]]


class ImportReport(BaseModel):
    created: list[ParticipantPublic]
    rejected: list[ImportRejection]
