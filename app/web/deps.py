"""FastAPI dependencies: database session, settings, link keys, and who is asking."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import AsyncIterator, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlsplit

import anyio
from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.routing import APIRoute
from sqlmodel import Session
from starlette.datastructures import FormData
from starlette.requests import HTTPConnection
from starlette.types import Scope

from app.config import DEFAULT_BASE_URL, Settings
from app.domain.errors import Forbidden, Unauthorized
from app.services.links.schemas import Principal, Role
from app.services.links.service import LinkKeys, hash_token, resolve_token

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
    """The secret key and the base URL of this request's links (see ``public_base``)."""
    keys: LinkKeys = request.app.state.link_keys
    if request.app.state.settings.base_url:
        return keys
    return LinkKeys(keys.secret_key, base_from_scope(request.scope))


def public_base(connection: HTTPConnection) -> str:
    """Where this service is reached: ``ROUNDTABLE_BASE_URL``, else the address the request
    arrived on. Links and Origin checks both use it."""
    configured: str | None = connection.app.state.settings.base_url
    return configured.rstrip("/") if configured else base_from_scope(connection.scope)


def base_from_scope(scope: Scope) -> str:
    """The listening socket's address as a base URL: the ASGI scope's ``server`` and
    ``scheme``, which the client cannot choose, never the Host header, which it can."""
    scheme = str(scope.get("scheme", "http"))
    scheme = {"ws": "http", "wss": "https"}.get(scheme, scheme)
    server = scope.get("server")
    if not server or server[1] is None:  # e.g. a Unix socket: no address to give out
        return DEFAULT_BASE_URL
    host, port = str(server[0]), int(server[1])
    if ":" in host:
        host = f"[{host}]"  # IPv6
    default_port = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + ("" if port == default_port else f":{port}")


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-cased (an Origin header's form)."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(connection: HTTPConnection) -> set[str]:
    """The origins whose pages may act with this site's cookies: this site, and any listed in
    ``ROUNDTABLE_ALLOWED_ORIGINS``."""
    settings: Settings = connection.app.state.settings
    return {origin_of(public_base(connection))} | {origin_of(o) for o in settings.allowed_origins}


def check_origin(request: Request) -> None:
    """Refuse an unsafe request that a browser sent from another site's page.

    Browsers send ``Origin`` on every unsafe request (``null`` from sandboxes and some
    redirects); ``Referer`` stands in where it is missing. Neither: not a browser, so no CSRF.
    """
    sent = request.headers.get("origin") or request.headers.get("referer")
    if sent is None:
        return
    if sent.strip() == "null" or origin_of(sent) not in allowed_origins(request):
        raise Forbidden(
            "This form was sent from another site's page; open Roundtable from your link and "
            "try again."
        )


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


_SESSION_PATH = re.compile(r"^/(?:s|api/v1/sessions)/([^/]+)")
ROLES_BY_PRECEDENCE: tuple[Role, ...] = ("facilitator", "participant", "executive")


def csrf_token(key: bytes, browser: str, credential: str | None = None) -> str:
    """The CSRF token of a browser (its ``rt_csrf`` cookie), bound to the link it acts with.

    Signed with the server's key, so a cookie planted by another site proves nothing without
    its token, and bound to the credential, so a token fetched with the attacker's own cookies
    fits no one else's.
    """
    message = browser if credential is None else f"{browser}|{hash_token(credential)}"
    digest = hmac.new(key, message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def session_of_path(path: str) -> str | None:
    """The session a page or API path belongs to, if any."""
    found = _SESSION_PATH.match(path)
    return found.group(1) if found else None


def credential_cookies(cookies: Mapping[str, str], session_id: str | None) -> list[str]:
    """The link tokens this browser holds for ``session_id`` (one cookie per role)."""
    if session_id is None:
        return []
    names = (cookie_name(session_id, role) for role in ROLES_BY_PRECEDENCE)
    return [cookies[name] for name in names if cookies.get(name)]


async def check_csrf(request: Request) -> None:
    """Refuse an unsafe cookie-authenticated request from another site, or without its token.

    The ``Origin`` (or ``Referer``) must be this site; and the token the page was given
    (``csrf_token``, in the ``X-CSRF-Token`` header for htmx and fetch, or a ``csrf_token``
    form field) must be the one signed for this browser's ``rt_csrf`` cookie and link.
    """
    if request.method in SAFE_METHODS:
        return
    check_origin(request)
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else ""
    browser = request.cookies.get(CSRF_COOKIE, "")
    key: bytes = request.app.state.csrf_key
    credentials = credential_cookies(request.cookies, session_of_path(request.url.path))
    expected = [csrf_token(key, browser, c) for c in credentials] or [csrf_token(key, browser)]
    if not browser or not any(hmac.compare_digest(e, sent) for e in expected):
        raise Forbidden(
            "The form expired or came from another site; reload the page and try again."
        )


def rebind_csrf(request: Request, credential: str) -> None:
    """After handing the browser a new link cookie: the page being rendered carries the token
    for that new cookie."""
    browser = request.cookies.get(CSRF_COOKIE) or request.state.csrf_browser
    request.state.csrf_token = csrf_token(request.app.state.csrf_key, browser, credential)


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
        """Who presented it, as ``require_role`` says; on SQLite, then ends the read so a write
        can follow (a transaction there that has read cannot wait for the write lock).

        On PostgreSQL the transaction goes on into the request's writes (each statement sees
        what is committed when it runs): ending it would hand the connection back to the pool
        and take it again, a rollback, a ping and a new transaction, three round trips more on
        every capture, vote and control.

        Raises:
            Unauthorized, Forbidden: as ``resolve_credentials``.
        """
        try:
            return resolve_credentials(
                db, self.session_id, self.roles, bearer=self.authorization, cookies=self.cookies
            )
        finally:
            if db.get_bind().dialect.name == "sqlite":
                db.rollback()


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
WriterCredentials = Annotated[Credentials, Depends(presented("facilitator", "participant"))]
AnyRole = Annotated[Principal, Depends(require_role("facilitator", "participant", "executive"))]
Participant = Annotated[Principal, Depends(require_role("participant"))]
Writer = Annotated[Principal, Depends(require_role("facilitator", "participant"))]
Reader = Annotated[Principal, Depends(require_role("facilitator", "executive"))]
