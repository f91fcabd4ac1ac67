"""Errors to responses, in one place: RFC 9457 problem+json for the API, pages for browsers."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import HTTPConnection

from app.domain.errors import (
    Conflict,
    DomainError,
    FieldError,
    Forbidden,
    Invalid,
    NotFound,
    Unauthorized,
    UnknownLink,
)
from app.services.shared.validation import field_errors
from app.web.templating import templates

log = logging.getLogger(__name__)

STATUS_BY_ERROR: dict[type[DomainError], int] = {
    NotFound: 404,
    Conflict: 409,
    Forbidden: 403,
    Unauthorized: 401,
    Invalid: 422,
}
PROBLEM_TYPES: dict[int, str] = {
    422: "urn:roundtable:problem:validation",
    409: "urn:roundtable:problem:conflict",
    403: "urn:roundtable:problem:forbidden",
    401: "urn:roundtable:problem:unauthorized",
    404: "urn:roundtable:problem:not-found",
    413: "urn:roundtable:problem:too-large",
    429: "urn:roundtable:problem:too-many-guesses",
}


def wants_json(request: Request) -> bool:
    """API paths, and any client that prefers JSON, get problem+json instead of a page."""
    if request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def problem(
    request: Request, status: int, detail: str, errors: list[FieldError] | None = None
) -> Response:
    """One problem as JSON or as an HTML error page."""
    title = HTTPStatus(status).phrase
    if not wants_json(request):
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status": status, "title": title, "detail": detail, "errors": errors or []},
            status_code=status,
        )
    body: dict[str, Any] = {
        "type": PROBLEM_TYPES.get(status, "about:blank"),
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if errors:
        body["errors"] = [{"field": e.field, "message": e.message} for e in errors]
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(
        body, status_code=status, media_type="application/problem+json", headers=headers
    )


async def failed_lookup(connection: HTTPConnection) -> int | None:
    """Count a failed link lookup by this client; seconds to wait if it is over the limit."""
    client = connection.scope.get("client") or ("unknown", 0)
    retry: int | None = await connection.app.state.guesses.failed(str(client[0]))
    return retry


def too_many_guesses(request: Request, retry_after: int) -> Response:
    """429 for a client over the failed-lookup limit, saying when to try again."""
    detail = f"Too many unknown links from your address; try again in {retry_after} s."
    response = problem(request, 429, detail)
    response.headers["Retry-After"] = str(retry_after)
    return response


def documented_methods(request: Request) -> str | None:
    """The methods the OpenAPI schema lists for the requested path (literal paths first)."""
    paths: dict[str, dict[str, Any]] = request.app.openapi().get("paths", {})
    for template in sorted(paths, key=lambda t: t.count("{")):
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, request.url.path):
            return ", ".join(method.upper() for method in paths[template])
    return None


def install_error_handlers(app: FastAPI) -> None:
    """Map every expected failure to its status; anything else is a logged 500."""

    @app.exception_handler(DomainError)
    async def on_domain_error(request: Request, exc: DomainError) -> Response:
        if isinstance(exc, UnknownLink) and (retry := await failed_lookup(request)):
            return too_many_guesses(request, retry)
        status = next((s for cls, s in STATUS_BY_ERROR.items() if isinstance(exc, cls)), 400)
        return problem(request, status, exc.detail, exc.errors)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = field_errors(exc.errors())
        count = len(errors)
        detail = f"{count} field{'s' if count != 1 else ''} need{'s' if count == 1 else ''} fixing."
        return problem(request, 422, detail, errors)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        response = problem(request, exc.status_code, detail)
        response.headers.update(exc.headers or {})
        if exc.status_code == 405 and (allowed := documented_methods(request)):
            response.headers["Allow"] = allowed  # Starlette names only the first route's
        return response

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(request, 500, "Something went wrong on our side; please try again.")
