"""Who is connected to a session right now, across workers.

Presence is ephemeral state, not part of the event log: it has no ``seq``, is never stored and a
client simply replaces its whole view with each presence frame. Each worker knows only its own
connections, so it announces them on the session's broadcast channel and merges what the other
workers announce::

    {"type": "presence", "session": "s1", "worker": "w-81f2", "members": {"participant:7": 2},
     "ttl": 30, "ask": false}

- A worker announces its members shortly after they change (changes within ``settle`` seconds
  are coalesced, so a room of 500 phones reconnecting sends a handful of messages, not 500) and
  again every ``heartbeat`` seconds.
- An announcement is valid for ``ttl`` seconds: the members of a worker that was SIGKILLed
  disappear after at most ``ttl`` seconds instead of staying "connected" forever.
- A worker that starts following a session asks the others (``"ask": true``) to announce at once,
  so a console that connects to a fresh worker sees everybody within a round trip.

Watchers (the facilitator's console) receive the merged view as
``{"type": "presence", "session": "s1", "members": {...}}``: on connect, then whenever it changes.
Member keys are chosen by the web layer (e.g. ``participant:7``, ``facilitator``); the values are
how many connections each key has, summed over workers.

This module holds the bookkeeping with no I/O; the hub sends and receives the frames.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Final

__all__ = [
    "PRESENCE",
    "Announcement",
    "SessionPresence",
    "announcement_frame",
    "parse_announcement",
    "watcher_frame",
]

PRESENCE: Final = "presence"
_PREFIX: Final = '{"type":"presence"'


def _render(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True, slots=True)
class Announcement:
    """One worker's members of one session, valid for ``ttl`` seconds from receipt."""

    session_id: str
    worker: str
    members: dict[str, int]
    ttl: float
    ask: bool = False


def announcement_frame(announcement: Announcement) -> str:
    """The broadcast frame of an announcement (starts with the presence prefix)."""
    return _render(
        {
            "type": PRESENCE,
            "session": announcement.session_id,
            "worker": announcement.worker,
            "members": announcement.members,
            "ttl": announcement.ttl,
            "ask": announcement.ask,
        }
    )


def parse_announcement(frame: str) -> Announcement | None:
    """The announcement in ``frame``; None when the frame is not one (e.g. a live event).

    Raises:
        ValueError: the frame claims to be a presence frame but is malformed.
    """
    if not frame.startswith(_PREFIX):
        return None
    try:
        raw = json.loads(frame)
        members = {str(k): int(v) for k, v in dict(raw["members"]).items() if int(v) > 0}
        return Announcement(
            str(raw["session"]), str(raw["worker"]), members, float(raw["ttl"]), bool(raw["ask"])
        )
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"bad presence frame: {frame[:120]!r}") from error


def watcher_frame(session_id: str, members: dict[str, int]) -> str:
    """What a watcher receives: the merged members of the session."""
    return _render({"type": PRESENCE, "session": session_id, "members": members})


@dataclass
class SessionPresence:
    """One session's presence on one worker: its own members plus the other workers' reports.

    Times are monotonic seconds supplied by the caller, so the rules are testable without waiting.
    """

    local: Counter[str] = field(default_factory=Counter)
    remote: dict[str, tuple[dict[str, int], float]] = field(default_factory=dict)
    announced: dict[str, int] | None = None
    shown: dict[str, int] | None = None

    def join(self, key: str) -> None:
        self.local[key] += 1

    def leave(self, key: str) -> None:
        self.local[key] -= 1
        if self.local[key] <= 0:
            del self.local[key]

    def own(self) -> dict[str, int]:
        """This worker's members, as announced."""
        return dict(sorted(self.local.items()))

    def receive(self, announcement: Announcement, now: float) -> None:
        """Record another worker's report; an empty one removes the worker at once."""
        if announcement.members:
            self.remote[announcement.worker] = (announcement.members, now + announcement.ttl)
        else:
            self.remote.pop(announcement.worker, None)

    def expire(self, now: float) -> None:
        """Forget reports older than their ttl (their worker died or lost the channel)."""
        for worker in [w for w, (_, until) in self.remote.items() if until <= now]:
            del self.remote[worker]

    def merged(self, now: float) -> dict[str, int]:
        """Every worker's members summed, leaving out expired reports."""
        total: Counter[str] = Counter(self.local)
        for members, until in self.remote.values():
            if until > now:
                total.update(members)
        return dict(sorted(total.items()))
