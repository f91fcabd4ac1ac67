"""The board's commands: each carries a client-generated id (idempotency key), sender and time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.board.model import CaptureDraft
from app.domain.board.seed import AgendaSeed


@dataclass(frozen=True, kw_only=True)
class Command:
    """What every command carries: its idempotency key, who sends it, the server time."""

    id: str
    by: str
    at: datetime


@dataclass(frozen=True, kw_only=True)
class Capture(Command):
    """Add an item; ``id`` is also the item's id."""

    draft: CaptureDraft


@dataclass(frozen=True, kw_only=True)
class Seed(Command):
    """Add the agenda topic-3 items (facilitator, at session start)."""

    agendas: tuple[AgendaSeed, ...]


@dataclass(frozen=True, kw_only=True)
class ItemCommand(Command):
    """A command about one item."""

    item_id: str


@dataclass(frozen=True, kw_only=True)
class Vote(ItemCommand):
    """ "We see this too"."""


@dataclass(frozen=True, kw_only=True)
class Unvote(ItemCommand):
    """Take one's "we see this too" back."""


@dataclass(frozen=True, kw_only=True)
class Edit(ItemCommand):
    """Replace the item's content; ``expected_version`` refuses a stale edit."""

    draft: CaptureDraft
    expected_version: int | None = None


@dataclass(frozen=True, kw_only=True)
class Merge(ItemCommand):
    """Merge ``source_id`` into ``item_id`` (the target)."""

    source_id: str


@dataclass(frozen=True, kw_only=True)
class Pin(ItemCommand):
    pinned: bool = True


@dataclass(frozen=True, kw_only=True)
class FlagComplaint(ItemCommand):
    flagged: bool = True


@dataclass(frozen=True, kw_only=True)
class Remove(ItemCommand):
    """Soft delete; undone by ``Restore``."""


@dataclass(frozen=True, kw_only=True)
class Restore(ItemCommand):
    pass


@dataclass(frozen=True, kw_only=True)
class MakeAction(ItemCommand):
    """Turn the item into an action item; ``action_id`` is its idempotency key."""

    action_id: str
    owner: str
    what: str
    due: date


@dataclass(frozen=True, kw_only=True)
class Lock(Command):
    locked: bool = True


@dataclass(frozen=True, kw_only=True)
class SetActionStatus(Command):
    """The owner (or the facilitator) says where an action item stands; ``reason`` if blocked."""

    action_id: str
    status: str
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class Approve(ItemCommand):
    """The facilitator lets a held item into the room as it stands."""


@dataclass(frozen=True, kw_only=True)
class SendBack(ItemCommand):
    """The facilitator keeps an item held and asks its author, privately, to reframe it."""

    note: str = ""


@dataclass(frozen=True, kw_only=True)
class SetModeration(Command):
    """The session's moderation mode and whether the room sees authors (facilitator, live)."""

    mode: str
    anonymous: bool = False
