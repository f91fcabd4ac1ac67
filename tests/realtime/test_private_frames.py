"""Private overlays: an event's held parts reach only the audiences it names, by every path."""

from __future__ import annotations

import asyncio
from typing import Any

from app.realtime import Hub, MemoryBroadcast
from app.realtime.events import FramedEvent
from tests.realtime.helpers import EventStore, RecordingClient, async_test, running_hub

SID = "s1"
SECRET = "Sales keeps throwing garbage over the wall"


def held_event(seq: int) -> dict[str, Any]:
    """Board data as the service builds it: nothing held for the room, the item for two."""
    item = {"id": "i1", "what_happens": SECRET, "held": True}
    return {
        "items": [],
        "seq": seq,
        "private": [
            {"to": ["facilitator"], "data": {"items": [item]}},
            {"to": ["participant:7"], "data": {"items": [item]}},
        ],
    }


def test_the_room_frame_never_carries_the_overlays() -> None:
    event = FramedEvent(SID, 1, "board", held_event(1))
    assert SECRET not in event.frame
    assert "private" not in event.frame
    assert SECRET in event.frame_for("facilitator")
    assert SECRET in event.frame_for("participant:7")
    assert event.frame_for("participant:8") == event.frame
    assert event.frame_for(None) == event.frame
    # Between workers the whole event travels, so each renders the same frames.
    again = FramedEvent.from_frame(event.full_frame)
    assert again.frame == event.frame
    assert again.frame_for("participant:7") == event.frame_for("participant:7")


async def memory() -> MemoryBroadcast:
    broadcast = MemoryBroadcast()
    await broadcast.connect()
    return broadcast


@async_test()
async def test_live_and_replayed_frames_follow_the_audience() -> None:
    store = EventStore()
    async with running_hub(await memory(), store) as hub:
        assert isinstance(hub, Hub)
        author, other, facilitator = RecordingClient(), RecordingClient(), RecordingClient()
        async with (
            hub.connection(SID, 0, author.send, audience="participant:7"),
            hub.connection(SID, 0, other.send, audience="participant:8"),
            hub.connection(SID, 0, facilitator.send, audience="facilitator"),
        ):
            await hub.publish(store.append(SID, "board", **held_event(1)))
            await hub.publish(store.append(SID, "board", items=[], seq=2))
            for client in (author, other, facilitator):
                await client.wait_for(2)
            # A late joiner replays from the room's memory, then one from the store.
            late_other, late_author = RecordingClient(), RecordingClient()
            async with (
                hub.connection(SID, 0, late_other.send, audience="participant:8"),
                hub.connection(SID, 0, late_author.send, audience="participant:7"),
            ):
                await late_other.wait_for(2)
                await late_author.wait_for(2)
                await asyncio.sleep(0)
        fresh_store_reader = RecordingClient()
    broadcast = await memory()
    async with (
        running_hub(broadcast, store) as again,
        again.connection(SID, 0, fresh_store_reader.send, audience="participant:9"),
    ):
        await fresh_store_reader.wait_for(2)

    def saw(client: RecordingClient) -> bool:
        return any(SECRET in str(frame) for frame in client.frames)

    assert saw(author)
    assert saw(facilitator)
    assert saw(late_author)
    assert not saw(other)
    assert not saw(late_other)
    assert not saw(fresh_store_reader)
    assert other.seqs == [1, 2]  # no gap: the room still gets the event, without the item
