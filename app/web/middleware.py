"""Pure ASGI middleware: security headers, the CSRF cookie, request size limits, compression."""

from __future__ import annotations

import json
import secrets
from collections.abc import Awaitable
from http.cookies import CookieError, SimpleCookie

from starlette.datastructures import MutableHeaders
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.web.deps import CSRF_COOKIE, credential_cookies, csrf_token, session_of_path

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# /docs loads Swagger UI from a CDN and runs an inline script; it gets its own, looser policy.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; img-src 'self' data: "
    "https://fastapi.tiangolo.com; frame-ancestors 'none'"
)


class SecurityHeaders:
    """CSP without inline scripts, nosniff, no framing; referrers only within the site.

    ``same-origin`` rather than ``no-referrer``: under ``no-referrer`` browsers send
    ``Origin: null`` with a form post, and the CSRF check needs to see this site's origin.
    Nothing leaves the site, and a link URL's token never sits in a page URL (``/l/…``
    redirects at once, with ``no-referrer``).
    """

    def __init__(self, app: ASGIApp, *, csrf_key: bytes, secure_cookies: bool = False) -> None:
        self.app = app
        self.csrf_key = csrf_key
        self.secure_cookies = secure_cookies

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        # Not a coroutine itself: a websocket passes through without this layer's frame staying
        # alive for the whole connection (thousands of live sockets per worker).
        if scope["type"] != "http":
            return self.app(scope, receive, send)
        return self._http(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"]
        cookies = _cookies(scope)
        csrf = cookies.get(CSRF_COOKIE)
        new_csrf = not csrf
        if not csrf:
            csrf = secrets.token_urlsafe(24)
        # Pages put this token in their forms and <meta>; ``check_csrf`` recomputes it.
        credential = next(iter(credential_cookies(cookies, session_of_path(path))), None)
        state = scope.setdefault("state", {})
        state["csrf_browser"] = csrf
        state["csrf_token"] = csrf_token(self.csrf_key, csrf, credential)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                referrer = "no-referrer" if path.startswith("/l/") else "same-origin"
                headers.setdefault("Referrer-Policy", referrer)
                if not _subresource(path, headers.get("content-type", "")):
                    policy = DOCS_POLICY if path in ("/docs", "/redoc") else CONTENT_SECURITY_POLICY
                    headers.setdefault("Content-Security-Policy", policy)
                    headers.setdefault("X-Frame-Options", "DENY")
                    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
                    headers.setdefault(
                        "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
                    )
                if not path.startswith("/static/"):  # static files: see app/web/static_assets.py
                    headers.setdefault("Cache-Control", "no-store")
                if new_csrf and headers.get("content-type", "").startswith("text/html"):
                    secure = "; Secure" if self.secure_cookies else ""
                    headers.append(
                        "Set-Cookie",
                        f"{CSRF_COOKIE}={csrf}; Path=/; SameSite=Strict; HttpOnly{secure}",
                    )
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Compression:
    """Gzip for pages and API answers (HTML of a live page: 36 KB, 7 KB gzipped) on slow networks.

    Starlette's ``GZipMiddleware`` for HTTP only: it leaves alone what is small (< 500 bytes),
    already encoded (static files come gzipped from :class:`~app.web.static_assets.StaticAssets`),
    partial (206) or a stream of events (``text/event-stream``), and compresses other streamed
    bodies chunk by chunk. Level 6: for pages of tens of KB it is within a few per cent of level
    9's size for about half its CPU. A websocket passes straight through, without this layer's
    frame staying alive for the connection, and its frames keep going direct
    (:mod:`app.web.direct_write`), uncompressed.
    """

    def __init__(self, app: ASGIApp, *, level: int = 6) -> None:
        self.app = app
        self.gzip = GZipMiddleware(
            app,
            minimum_size=500,
            compresslevel=level,
            # PDF exports are compressed already: gzip would cost CPU for nothing.
            exclude_content_types=(*DEFAULT_EXCLUDED_CONTENT_TYPES, "application/pdf"),
        )

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        if scope["type"] != "http":
            return self.app(scope, receive, send)
        return self.gzip(scope, receive, send)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, whether declared or streamed."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        if scope["type"] != "http":  # as in SecurityHeaders: no frame kept for a websocket
            return self.app(scope, receive, send)
        return self._http(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._too_large(send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        body = json.dumps(
            {
                "type": "urn:roundtable:problem:too-large",
                "title": "Content Too Large",
                "status": 413,
                "detail": f"The request is larger than {self.max_bytes} bytes.",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def _cookies(scope: Scope) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in scope["headers"]:
        if key == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except CookieError:
                continue  # a malformed header: no cookies from it, as browsers would do
            found.update({name: morsel.value for name, morsel in jar.items()})
    return found


# Static types a browser never renders as a document: a policy for documents on them is dead
# weight (about 600 bytes a file, and a live page loads some twenty modules on a phone). SVG
# and HTML can run script when opened directly, so they keep every header.
_SUBRESOURCE_TYPES = ("text/javascript", "application/javascript", "text/css", "font/")
_SUBRESOURCE_IMAGES = ("image/png", "image/jpeg", "image/webp", "image/x-icon")


def _subresource(path: str, content_type: str) -> bool:
    """Whether ``path`` is a static script, stylesheet, font or raster image."""
    if not path.startswith("/static/"):
        return False
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.startswith(_SUBRESOURCE_TYPES) or kind in _SUBRESOURCE_IMAGES
