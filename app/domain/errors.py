"""The one error hierarchy of Roundtable.

Domain and service code raise these; the web layer maps each class to one HTTP status in one
place (``app.web.errors``), so an expected failure is never a 500.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FieldError:
    """One problem with one input field; ``field`` is a dotted path such as ``topics.1.text``."""

    field: str
    message: str


@dataclass
class DomainError(Exception):
    """Base class: a failure the user can understand and act on."""

    detail: str
    errors: list[FieldError] = field(default_factory=list)

    def __str__(self) -> str:
        return self.detail


class NotFound(DomainError):
    """The thing asked for does not exist (or is not visible to the caller)."""


class Conflict(DomainError):
    """The request is valid but clashes with the current state (stale, locked, duplicate)."""


class Forbidden(DomainError):
    """The caller's role or link does not allow this action."""


class Unauthorized(DomainError):
    """No valid link or token was presented."""


class UnknownLink(Unauthorized):
    """A presented link or token matches none in force: what a guess looks like."""


class Invalid(DomainError):
    """The input breaks a rule; ``errors`` says which field and why."""
