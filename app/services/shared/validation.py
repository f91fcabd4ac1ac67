"""Pydantic's validation errors as field errors in plain language, for the API and the pages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from app.domain.errors import FieldError

LOCATION_PREFIXES = ("body", "query", "path", "header", "cookie", "form")


def friendly_message(item: Mapping[str, Any]) -> str:
    """One error in words a facilitator understands (pydantic's own text as the fallback)."""
    kind = str(item.get("type", ""))
    ctx: Mapping[str, Any] = item.get("ctx") or {}
    message = str(item.get("msg", "Invalid value.")).removeprefix("Value error, ")
    if kind == "missing":
        return "This field is required."
    if kind == "string_too_short":
        low = int(ctx.get("min_length", 1))
        return "This field is required." if low <= 1 else f"Use at least {low} characters."
    if kind == "string_too_long":
        return f"Use at most {ctx.get('max_length')} characters."
    if kind == "too_short":
        low = int(ctx.get("min_length", 1))
        return "Add at least one." if low == 1 else f"Add at least {low}."
    if kind == "too_long":
        return f"At most {ctx.get('max_length')} allowed."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "Enter a whole number."
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return message.replace("Input should be", "Enter a number")
    if kind.startswith(("datetime_", "date_")):
        return "Enter a date and time, e.g. 2027-01-14 09:00."
    if kind in ("literal_error", "enum"):
        return "Choose one of the offered options."
    if kind == "extra_forbidden":
        return "Unknown field; check its spelling."
    if kind in ("bool_parsing", "bool_type"):
        return "Enter true or false."
    if kind == "json_invalid":
        return "The body is not valid JSON."
    return message


def field_errors(items: Iterable[Mapping[str, Any]]) -> list[FieldError]:
    """Each error with its location joined by dots; ``body``/``query``… prefixes dropped."""
    result = []
    for item in items:
        loc = [str(part) for part in item.get("loc", ())]
        if loc and loc[0] in LOCATION_PREFIXES:
            loc = loc[1:] or loc
        result.append(FieldError(".".join(loc) or "body", friendly_message(item)))
    return result
