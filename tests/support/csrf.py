"""The CSRF token a page of the server would give this test client (signed, bound to its link).

Pages carry it in ``<meta name="csrf-token">`` and their forms; tests that post directly take
it from here, computed by the server's own function from the client's cookies.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from app.web.deps import CSRF_COOKIE, credential_cookies, csrf_token


def csrf_of(client: TestClient, session_id: str | None = None) -> str:
    """The token for ``session_id`` (default: the one session the client holds a link to)."""
    cookies = {name: value for name, value in client.cookies.items()}
    if session_id is None:
        held = {
            name[3:].rsplit("_", 1)[0]
            for name in cookies
            if name.startswith("rt_")
            and name.endswith(("_facilitator", "_participant", "_executive"))
        }
        session_id = held.pop() if len(held) == 1 else None
    credential = next(iter(credential_cookies(cookies, session_id)), None)
    key: bytes = client.app.state.csrf_key  # type: ignore[attr-defined]
    return csrf_token(key, cookies[CSRF_COOKIE], credential)
