"""Schemathesis hooks for the API fuzz run; the CLI imports this module (config ``hooks``).

The run acts as one real link holder. ``ROUNDTABLE_FUZZ_STATE`` names a JSON file with the
role and token. A facilitator who issues themselves a new link (``POST …/links``) revokes the
old one, exactly as in the product; the run then carries on with the new token, as a real
facilitator would after copying their new link.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

import schemathesis

STATE: dict[str, Any] = json.loads(Path(os.environ["ROUNDTABLE_FUZZ_STATE"]).read_text())
_lock = threading.Lock()
_token: str = STATE["token"]


@schemathesis.auth(refresh_interval=None, retry_on=[])
class LinkToken:
    """``Authorization: Bearer <token>`` with the role's current link."""

    def get(self, case: schemathesis.Case, context: schemathesis.AuthContext) -> str:
        with _lock:
            return _token

    def set(self, case: schemathesis.Case, data: str, context: schemathesis.AuthContext) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schemathesis.hook
def after_call(
    context: schemathesis.HookContext, case: schemathesis.Case, response: schemathesis.Response
) -> None:
    """Follow a re-issued link of our own role: the old token stops working at once."""
    global _token
    if case.method.upper() != "POST" or not case.path.endswith("/links"):
        return
    if response.status_code != 201:
        return
    body = response.json()
    if body.get("role") == STATE["role"] and body.get("participant_id") == STATE.get("member"):
        with _lock:
            _token = str(body["url"]).rstrip("/").rsplit("/", 1)[-1]


@schemathesis.hook
def filter_failure(
    context: schemathesis.HookContext,
    failure: Any,
    case: schemathesis.Case,
    response: schemathesis.Response,
) -> bool:
    """Keep every failure but one artefact of pinning ``session_id`` to the demo session.

    In sequences, "POST /sessions, then use the new session" reaches the demo session instead,
    so "the session you just created is not in a series" says nothing about the API.
    """
    created_with = getattr(failure, "created_with", None)
    return not (failure.code == "ST302" and created_with == "POST /api/v1/sessions")
