"""Live events and the JSON text frames clients receive.

Every frame is one JSON object with a ``type``. Event frames carry the session's ``seq``, so a
client that reconnects says where it stopped::

    {"type": "clock", "session": "s1", "seq": 42, "data": {"clock": {...}, "control": {...}}}

The types the services record: ``clock``, ``board``, ``attendance``, ``plan``, ``screen`` and
``link_revoked``.

An event may carry private overlays for some audiences (``data["private"]``: a list of
``{"to": [audience, ...], "data": {key: value}}``). Its ``frame`` — what every other client
gets — never contains them; a connection whose ``audience`` is named gets ``frame_for`` it:
the data with its overlay's keys replaced. The broadcast channel between workers carries
``full_frame`` (overlays included), so every worker renders the same frames. This is how a
capture board item held back from the room reaches only its author and the facilitator.

The hub also sends one control frame, ``resync``: the client's position could not be replayed
(too far behind, or ahead of the store after a reset). The client reloads its snapshot; the same
connection then continues with events after ``seq`` and the client ignores any event it finds
already contained in the snapshot (``event.seq <= snapshot.seq``)::

    {"type": "resync", "session": "s1", "seq": 57, "reason": "behind"}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["PRIVATE", "RESYNC", "FramedEvent", "ResyncReason", "resync_frame", "session_channel"]

RESYNC = "resync"
PRIVATE = "private"
_NONE: dict[str, str] = {}

ResyncReason = Literal["behind", "ahead"]


def _render(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class FramedEvent:
    """One committed change of a session as the hub carries it, numbered by its per-session
    ``seq`` (1, 2, 3...), its frames rendered (stored, it is ``app.store.models.LiveEvent``).

    ``frame`` is rendered once, at construction, and the same text goes to every client and over
    the broadcast channel. ``data`` must be JSON-serializable; it is not copied, so do not mutate
    it after building the event.

    Raises:
        ValueError: ``seq`` is below 1, ``type`` is empty or reserved, or ``session_id`` is empty.
        TypeError: a field has the wrong type or ``data`` is not JSON-serializable.
    """

    session_id: str
    seq: int
    type: str
    data: dict[str, Any] = field(default_factory=dict)
    frame: str = field(init=False, repr=False, compare=False)
    full_frame: str = field(init=False, repr=False, compare=False)
    private_frames: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check_fields(self.session_id, self.seq, self.type, self.data)
        payload = {"type": self.type, "session": self.session_id, "seq": self.seq}
        frame = _render({**payload, "data": self.data})
        object.__setattr__(self, "full_frame", frame)
        overlays = self.data.get(PRIVATE)
        if not overlays:
            object.__setattr__(self, "frame", frame)
            object.__setattr__(self, "private_frames", _NONE)
            return
        public = {key: value for key, value in self.data.items() if key != PRIVATE}
        object.__setattr__(self, "frame", _render({**payload, "data": public}))
        frames: dict[str, str] = {}
        for overlay in overlays:
            text = _render({**payload, "data": {**public, **overlay["data"]}})
            for audience in overlay["to"]:
                frames.setdefault(audience, text)
        object.__setattr__(self, "private_frames", frames)

    def frame_for(self, audience: str | None) -> str:
        """The frame a connection of ``audience`` receives (``frame`` unless it has an overlay)."""
        if audience is None or not self.private_frames:
            return self.frame
        return self.private_frames.get(audience, self.frame)

    @classmethod
    def from_frame(cls, frame: str) -> FramedEvent:
        """Parse a frame received from the broadcast channel.

        Raises:
            ValueError: ``frame`` is not an event frame.
        """
        try:
            raw = json.loads(frame)
            return cls(raw["session"], raw["seq"], raw["type"], raw["data"])
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"not a live event frame: {frame[:120]!r}") from error


def _check_fields(session_id: object, seq: object, type_: object, data: object) -> None:
    if not isinstance(session_id, str) or not isinstance(type_, str):
        raise TypeError("session_id and type must be strings")
    if not isinstance(seq, int) or isinstance(seq, bool):
        raise TypeError("seq must be an int")
    if not isinstance(data, dict):
        raise TypeError("data must be a dict")
    if not session_id or not type_ or type_ == RESYNC:
        raise ValueError(f"invalid session_id {session_id!r} or type {type_!r}")
    if seq < 1:
        raise ValueError(f"seq starts at 1, got {seq}")


def resync_frame(session_id: str, seq: int, reason: ResyncReason) -> str:
    """The control frame telling a client to reload its snapshot; events after ``seq`` follow."""
    return _render({"type": RESYNC, "session": session_id, "seq": seq, "reason": reason})


def session_channel(session_id: str) -> str:
    """The broadcast channel of one session's live events."""
    return f"session:{session_id}"
