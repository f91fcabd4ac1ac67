"""Helpers for HTML forms: validate with the API's models, keep input, show field errors."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from app.domain.errors import FieldError
from app.services.shared.validation import field_errors
from app.web.templating import templates

M = TypeVar("M", bound=BaseModel)


def lines(value: str) -> list[str]:
    """A textarea with one entry per line, blank lines dropped."""
    return [line.strip() for line in value.splitlines() if line.strip()]


def error_map(errors: list[FieldError]) -> dict[str, str]:
    """Field errors keyed by the top-level field, first message wins (goals.2 -> goals)."""
    result: dict[str, str] = {}
    for error in errors:
        key = error.field.split(".")[0]
        if key.isdigit() or not key:
            key = "form"
        if error.field != key and error.field.split(".")[-1].isdigit():
            position = int(error.field.split(".")[-1]) + 1
            message = f"Line {position}: {error.message}"
        else:
            message = error.message
        result.setdefault(key, message)
    return result


def validation_field_errors(error: ValidationError) -> list[FieldError]:
    """Pydantic's errors as plain-language field errors."""
    return field_errors(error.errors())


def is_htmx(request: Request) -> bool:
    """An htmx request wants a fragment back, not a whole page."""
    return request.headers.get("hx-request") == "true"


def render(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    block: str | None = None,
    status_code: int = 200,
) -> Response:
    """Render a page, or only one of its blocks for htmx requests."""
    if block is not None and is_htmx(request):
        return templates.TemplateResponse(
            request, name, context, block_name=block, status_code=status_code
        )
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def see_other(url: str) -> RedirectResponse:
    """Post/redirect/get."""
    return RedirectResponse(url, status_code=303)
