"""What every feature's schemas build on: the strict base model and the shared field types.

Input and output contracts are shared by the JSON API and the HTML forms: one set of rules, an
API body and a form post go through the same models, so a page shows exactly the field errors
the API would return. Each feature keeps its own models in its ``schemas`` module
(``app.services.sessions.schemas``, ``people``, ``agendas``, ``plans``, ``links``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, ClassVar
from zoneinfo import available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

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


def distinct(values: list[str], what: str) -> list[str]:
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
