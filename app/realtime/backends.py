"""Pick the broadcast backend for a URL: ``memory://``, or ``redis://`` / ``rediss://``.

Above both backends, so the Redis one can take the contract (``app.realtime.broadcast``) without
a cycle. Its module, and with it the Redis client library, is loaded by name only when a Redis
URL is used (as encode/broadcaster loads its backends): a single worker never imports redis.
"""

from __future__ import annotations

import importlib
from typing import cast
from urllib.parse import urlsplit

from app.realtime.broadcast import Broadcast, MemoryBroadcast

__all__ = ["broadcast_from_url"]


def broadcast_from_url(url: str) -> Broadcast:
    """The backend for ``url``: ``memory://`` (one worker) or ``redis://`` / ``rediss://``.

    Raises:
        ValueError: the scheme is not supported.
    """
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        return MemoryBroadcast()
    if scheme in ("redis", "rediss"):
        # By name, with a literal: tests/test_imports.py counts it as an import of that module.
        backend = importlib.import_module("app.realtime.broadcast_redis")
        return cast(Broadcast, backend.RedisBroadcast(url))
    raise ValueError(f"unsupported broadcast URL {url!r}: use memory://, redis:// or rediss://")
