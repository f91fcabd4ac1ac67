"""FastAPI dependencies: database session, settings, link keys, and who is asking."""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import anyio
from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import APIRoute
from sqlmodel import Session
from starlette.datastructures import FormData

from app.config import Settings
from app.domain.errors import Forbidden, Unauthorized
from app.services.links import LinkKeys, resolve_token
from app.services.schemas import Principal, Role

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_COOKIE = "rt_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
COOKIE_MAX_AGE = 60 * 60 * 24 * 60


def cookie_name(session_id: str, role: str) -> str:
    """One cookie per session and role, so one browser can hold several roles."""
    return f"rt_{session_id}_{role}"


def set_role_cookie(
    response: Response, secure: bool, session_id: str, role: str, token: str
) -> None:
    """Hand the browser its credential: HttpOnly, SameSite=Lax, never visible to scripts."""
    response.set_cookie(
        cookie_name(session_id, role),
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )


async def get_db(request: Request) -> AsyncIterator[Session]:
    """The request's session; the request waits for a database slot first (``Database``)."""
    async with request.app.state.database.session() as db:
        yield db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_keys(request: Request) -> LinkKeys:
    keys: LinkKeys = request.app.state.link_keys
    return keys


async def read_form(request: Request) -> FormData:
    """The request's form, read on the event loop: a sync route then takes it in its thread,
    where its database work belongs (Starlette keeps the parsed form on the request)."""
    return await request.form()


SessionDep = Annotated[Session, Depends(get_db)]
FormDep = Annotated[FormData, Depends(read_form)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
KeysDep = Annotated[LinkKeys, Depends(get_keys)]


def bearer_token(request: Request) -> str | None:
    """The token from ``Authorization: Bearer …``, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() or None if scheme.lower() == "bearer" else None


async def check_csrf(request: Request) -> None:
    """Refuse an unsafe cookie-authenticated request without the matching CSRF token.

    Double-submit: the token in the ``rt_csrf`` cookie (SameSite=Strict) must come back in the
    ``X-CSRF-Token`` header (htmx, fetch) or a ``csrf_token`` form field (plain forms).
    """
    if request.method in SAFE_METHODS:
        return
    expected = request.cookies.get(CSRF_COOKIE, "")
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else ""
    if not expected or not hmac.compare_digest(expected, sent):
        raise Forbidden(
            "The form expired or came from another site; reload the page and try again."
        )


def resolve_credentials(
    db: Session,
    session_id: str,
    roles: tuple[Role, ...],
    *,
    bearer: str | None,
    cookies: Mapping[str, str],
) -> Principal:
    """Who holds the presented credential (bearer first, else a role cookie of this session).

    Raises:
        Unauthorized: nothing presented, or an unknown or revoked token.
        Forbidden: the link belongs to another session or has another role.
    """
    scheme, _, value = (bearer or "").partition(" ")
    token = value.strip() or None if scheme.lower() == "bearer" else None
    if token is None:
        names = [cookie_name(session_id, role) for role in roles]
        token = next((cookies[name] for name in names if name in cookies), None)
    if token is None:
        raise Unauthorized("Open your personal Roundtable link to continue.")
    principal = resolve_token(db, token)
    if principal.session_id != session_id:
        raise Forbidden("Your link does not give access to this session.")
    if principal.role not in roles:
        article = "An" if principal.role[0] in "aeiou" else "A"
        raise Forbidden(f"{article} {principal.role} link does not allow this.")
    return principal


def require_role(*roles: Role) -> Callable[..., Coroutine[Any, Any, Principal]]:
    """A dependency that admits holders of a link with one of ``roles`` for the path's session."""

    async def dependency(request: Request, session_id: str, db: SessionDep) -> Principal:
        credentials = Credentials.of(request, roles)
        # In a worker thread, never on the event loop: a loop that waits for a pooled
        # connection deadlocks with the requests holding them, which need the loop to finish.
        principal = await anyio.to_thread.run_sync(credentials.principal, db)
        if bearer_token(request) is None:
            await check_csrf(request)
        return principal

    return dependency


@dataclass(frozen=True)
class Credentials:
    """The credential a request presented, checked later with the request's own database work.

    For a hot route that does all its database work in one worker thread (``presented`` and
    ``credentials_first``): ``principal`` resolves the link in that thread, so the request costs
    one thread hop and no query on the event loop.
    """

    session_id: str
    roles: tuple[Role, ...]
    authorization: str | None
    cookies: Mapping[str, str]

    @classmethod
    def of(cls, request: Request, roles: tuple[Role, ...]) -> Credentials:
        session_id = str(request.path_params.get("session_id", ""))
        return cls(session_id, roles, request.headers.get("authorization"), request.cookies)

    def principal(self, db: Session) -> Principal:
        """Who presented it, as ``require_role`` says; then ends the read so a write can follow.

        Raises:
            Unauthorized, Forbidden: as ``resolve_credentials``.
        """
        try:
            return resolve_credentials(
                db, self.session_id, self.roles, bearer=self.authorization, cookies=self.cookies
            )
        finally:
            db.rollback()  # on SQLite a transaction that has read cannot wait for the write lock


def presented(*roles: Role) -> Callable[..., Coroutine[Any, Any, Credentials]]:
    """A dependency for ``Credentials``; checks the CSRF token now (it needs no database).

    Use it with ``credentials_first`` as the route class, so that the link is checked before
    FastAPI's verdict on the body is given, as with ``require_role``.
    """

    async def dependency(request: Request, session_id: str) -> Credentials:
        credentials = Credentials.of(request, roles)
        if bearer_token(request) is None and any(
            cookie_name(session_id, role) in request.cookies for role in roles
        ):
            await check_csrf(request)  # with no credential at all, the 401 comes first
        return credentials

    return dependency


def credentials_first(*roles: Role) -> type[APIRoute]:
    """A route class for routes that take ``presented(*roles)``: a request whose body FastAPI
    refuses (422) has its link checked first, so a caller without the right link gets 401/403
    and learns nothing of what the route expects. Valid requests are not checked twice."""

    class CredentialsFirst(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def checked(request: Request) -> Response:
                try:
                    return await handler(request)
                except RequestValidationError:
                    credentials = Credentials.of(request, roles)
                    await request.app.state.database.run(credentials.principal)
                    raise

            return checked

    return CredentialsFirst


Facilitator = Annotated[Principal, Depends(require_role("facilitator"))]
FacilitatorCredentials = Annotated[Credentials, Depends(presented("facilitator"))]
AnyRole = Annotated[Principal, Depends(require_role("facilitator", "participant", "executive"))]
Participant = Annotated[Principal, Depends(require_role("participant"))]
Writer = Annotated[Principal, Depends(require_role("facilitator", "participant"))]
Reader = Annotated[Principal, Depends(require_role("facilitator", "executive"))]
