"""Links without ROUNDTABLE_BASE_URL: the listening socket's address, never the Host header."""

from __future__ import annotations

from typing import Any

import pytest

from app.web.deps import base_from_scope


@pytest.mark.parametrize(
    ("scope", "base"),
    [
        ({"scheme": "http", "server": ("127.0.0.1", 18768)}, "http://127.0.0.1:18768"),
        ({"scheme": "http", "server": ("::1", 8000)}, "http://[::1]:8000"),
        ({"scheme": "https", "server": ("10.0.0.5", 443)}, "https://10.0.0.5"),
        ({"scheme": "http", "server": ("10.0.0.5", 80)}, "http://10.0.0.5"),
        ({"scheme": "ws", "server": ("127.0.0.1", 9000)}, "http://127.0.0.1:9000"),
        ({"scheme": "wss", "server": ("192.0.2.1", 8443)}, "https://192.0.2.1:8443"),
        ({"scheme": "http", "server": ("run/rt.sock", None)}, "http://127.0.0.1:8000"),
        ({"scheme": "http", "server": None}, "http://127.0.0.1:8000"),
    ],
)
def test_base_follows_the_socket(scope: dict[str, Any], base: str) -> None:
    forged = {**scope, "headers": [(b"host", b"evil.example:666")]}
    assert base_from_scope(forged) == base
