"""A brake on guessing links: failed link lookups per client, counted in a fixed window.

Only failures count and only failures are refused: a request with a valid link is looked up and
served whatever its address did before, so a guesser behind the same office NAT never locks
out the people holding real links. Tokens carry 256 random bits, so the brake is not what keeps
them secret; it turns a scan into a trickle that shows in the logs (each refusal is logged).

The counts live in process memory, or in Redis when ``BROADCAST_URL`` is ``redis://…`` so that
every worker (and host) shares them. A Redis that does not answer fails open: the lookup itself
is the defence, the brake must not take the site down with it.
"""

from __future__ import annotations

import logging
import math
import time
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger("roundtable.guesses")
KEY_PREFIX = "roundtable:guesses:"


class Counter(Protocol):
    async def add(self, key: str, window: int, ttl: int) -> int: ...

    async def close(self) -> None: ...


class MemoryCounter:
    """Counts in this process; old windows are dropped as new ones start."""

    def __init__(self) -> None:
        self._counts: dict[tuple[str, int], int] = {}
        self._window = -1

    async def add(self, key: str, window: int, ttl: int) -> int:
        if window != self._window:
            self._counts = {k: v for k, v in self._counts.items() if k[1] >= window}
            self._window = window
        count = self._counts.get((key, window), 0) + 1
        self._counts[(key, window)] = count
        return count

    async def close(self) -> None:
        self._counts.clear()


class RedisCounter:
    """Counts in Redis: ``INCR`` on one key per client and window, expiring with the window."""

    def __init__(self, url: str) -> None:
        self._client: Redis = Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)

    async def add(self, key: str, window: int, ttl: int) -> int:
        name = f"{KEY_PREFIX}{key}:{window}"
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, ttl)
            count, _ = await pipe.execute()
        return int(count)

    async def close(self) -> None:
        await self._client.aclose()


class GuessLimiter:
    """``limit`` failed lookups per client per ``window`` seconds; 0 turns the brake off."""

    def __init__(self, counter: Counter, *, limit: int, window: int) -> None:
        self.counter = counter
        self.limit = limit
        self.window = max(window, 1)

    @classmethod
    def for_url(cls, broadcast_url: str, *, limit: int, window: int) -> GuessLimiter:
        """Shared through Redis when the live broadcast uses it, else in this process."""
        redis = broadcast_url.startswith(("redis://", "rediss://"))
        counter: Counter = RedisCounter(broadcast_url) if redis else MemoryCounter()
        return cls(counter, limit=limit, window=window)

    async def failed(self, client: str) -> int | None:
        """Count one failed lookup by ``client``; the seconds to wait when it is over the limit.

        Returns None while the client is within the limit (answer as usual, e.g. 401).
        """
        if self.limit <= 0:
            return None
        now = time.time()
        window = int(now // self.window)
        try:
            count = await self.counter.add(client, window, self.window + 1)
        except (RedisError, OSError) as error:
            log.warning("guess limiter unavailable (%s); failing open", error)
            return None
        if count <= self.limit:
            return None
        retry_after = max(1, math.ceil((window + 1) * self.window - now))
        if count == self.limit + 1:
            log.warning(
                "failed link lookups from %s over %d per %ds", client, self.limit, self.window
            )
        return retry_after

    async def close(self) -> None:
        await self.counter.close()
