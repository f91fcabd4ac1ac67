"""The problem+json error body, documented once so every API operation declares its errors.

``app/web/errors.py`` builds these bodies; the JSON API routers pass ``API_ERRORS`` as their
``responses=`` so the OpenAPI schema names each status with the body clients actually receive
(the API fuzz test in ``tests/fuzz`` checks every response against it).
"""

from __future__ import annotations

from typing import Any

PROBLEM_MEDIA_TYPE = "application/problem+json"

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details, with the fields to fix for validation errors.",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "description": "A urn:roundtable:problem:… URI."},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "What went wrong, in plain words."},
        "instance": {"type": "string", "description": "The path that was requested."},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}

_MEANINGS = {
    400: "The body could not be read (e.g. not valid UTF-8).",
    401: "No link was presented, or it is unknown or revoked.",
    403: "The link belongs to another session or role, or the CSRF token is missing.",
    404: "No such session, participant, goal, link or item.",
    409: "The state changed since you looked, or the action does not fit the current state.",
    413: "The request body is too large.",
    422: "Some fields need fixing; see `errors`.",
    429: "Too many unknown links from this address; wait `Retry-After` seconds.",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for ``statuses``, each a problem+json body."""
    return {
        status: {
            "description": _MEANINGS.get(status, "An error."),
            "content": {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_SCHEMA}},
        }
        for status in statuses
    }


API_ERRORS = problem_responses(400, 401, 403, 404, 409, 413, 422, 429)
