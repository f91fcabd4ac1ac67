"""Presence: a console on one worker sees who is connected on every worker, and stops seeing
clients that left or whose worker died."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack

import pytest

from app.realtime.presence import (
    Announcement,
    SessionPresence,
    announcement_frame,
    parse_announcement,
)
from tests.realtime.helpers import (
    EventStore,
    RecordingClient,
    async_test,
    connected,
    new_session_id,
    running_hub,
    wait_until,
)

FAST = {"presence_settle": 0.02, "presence_heartbeat": 0.2, "presence_ttl": 0.6}


def views(client: RecordingClient) -> list[dict[str, int]]:
    """The presence views a watcher was shown, in order."""
    return [f["members"] for f in client.frames if f["type"] == "presence"]


async def shown(client: RecordingClient, members: dict[str, int]) -> None:
    await wait_until(lambda: bool(views(client)) and views(client)[-1] == members)


@pytest.mark.parametrize("kind", ["memory", "redis"])
@async_test(timeout=15)
async def test_a_console_on_one_worker_sees_clients_of_both_workers(kind: str) -> None:
    sid, store = new_session_id(), EventStore()
    async with connected(kind) as backend, AsyncExitStack() as stack:
        one = await stack.enter_async_context(running_hub(backend, store, **FAST))
        two = await stack.enter_async_context(running_hub(backend, store, **FAST))
        console = RecordingClient()
        await stack.enter_async_context(
            one.connection(sid, 0, console.send, presence="facilitator", watch_presence=True)
        )
        await shown(console, {"facilitator": 1})

        phone = RecordingClient()
        async with two.connection(sid, 0, phone.send, presence="participant:7"):
            await shown(console, {"facilitator": 1, "participant:7": 1})
            async with two.connection(sid, 0, RecordingClient().send, presence="participant:7"):
                await shown(console, {"facilitator": 1, "participant:7": 2})
            await shown(console, {"facilitator": 1, "participant:7": 1})
        # The last client of worker two left: its room closed and said so at once.
        await shown(console, {"facilitator": 1})
        assert not any(f["type"] == "presence" for f in phone.frames), "only watchers get it"


@async_test(timeout=15)
async def test_a_console_joining_late_learns_who_is_already_there() -> None:
    sid, store = new_session_id(), EventStore()
    slow = {**FAST, "presence_heartbeat": 60.0}  # no heartbeat can help: the ask must
    async with connected("memory") as backend, AsyncExitStack() as stack:
        one = await stack.enter_async_context(running_hub(backend, store, **slow))
        two = await stack.enter_async_context(running_hub(backend, store, **slow))
        await stack.enter_async_context(
            two.connection(sid, 0, RecordingClient().send, presence="participant:3")
        )
        await asyncio.sleep(0.1)
        console = RecordingClient()
        async with one.connection(
            sid, 0, console.send, presence="facilitator", watch_presence=True
        ):
            await shown(console, {"facilitator": 1, "participant:3": 1})


@async_test(timeout=15)
async def test_clients_of_a_dead_worker_disappear_after_the_ttl() -> None:
    sid, store = new_session_id(), EventStore()
    async with connected("memory") as backend, running_hub(backend, store, **FAST) as one:
        console = RecordingClient()
        async with one.connection(
            sid, 0, console.send, presence="facilitator", watch_presence=True
        ):
            await wait_until(lambda: backend.subscriber_count(f"session:{sid}") == 1)
            # A worker that announced a client, then died without a word (SIGKILL).
            frame = Announcement(sid, "dead-worker", {"participant:9": 1}, FAST["presence_ttl"])
            await backend.publish(f"session:{sid}", announcement_frame(frame))
            await shown(console, {"facilitator": 1, "participant:9": 1})
            await shown(console, {"facilitator": 1})


@async_test(timeout=15)
async def test_presence_frames_never_disturb_the_event_sequence() -> None:
    sid, store = new_session_id(), EventStore()
    async with connected("memory") as backend, AsyncExitStack() as stack:
        one = await stack.enter_async_context(running_hub(backend, store, **FAST))
        two = await stack.enter_async_context(running_hub(backend, store, **FAST))
        console = RecordingClient()
        await stack.enter_async_context(
            one.connection(sid, 0, console.send, presence="facilitator", watch_presence=True)
        )
        for n in range(5):
            async with two.connection(sid, 0, RecordingClient().send, presence=f"participant:{n}"):
                await one.publish(store.append(sid, n=n))
        await console.wait_for(5)
        events = [f["seq"] for f in console.frames if f["type"] != "presence"]
        assert events == [1, 2, 3, 4, 5]
        assert one.stats().bad_frames == 0
        assert two.stats().bad_frames == 0


def test_merging_reports() -> None:
    state = SessionPresence()
    state.join("facilitator")
    state.join("participant:1")
    state.join("participant:1")
    state.leave("participant:1")
    state.receive(Announcement("s", "w2", {"participant:1": 2, "participant:2": 1}, 5.0), now=0)
    assert state.merged(now=1) == {"facilitator": 1, "participant:1": 3, "participant:2": 1}
    assert state.merged(now=6) == {"facilitator": 1, "participant:1": 1}
    state.receive(Announcement("s", "w2", {}, 5.0), now=2)
    assert state.remote == {}


@pytest.mark.parametrize(
    "frame",
    [
        '{"type":"presence","session":"s"}',
        '{"type":"presence","session":"s","worker":"w","members":[1],"ttl":1,"ask":false}',
        '{"type":"presence","session":"s","worker":"w","members":{"a":"x"},"ttl":1,"ask":0}',
    ],
)
def test_a_malformed_presence_frame_is_refused(frame: str) -> None:
    with pytest.raises(ValueError, match="bad presence frame"):
        parse_announcement(frame)


def test_event_frames_are_not_presence() -> None:
    assert parse_announcement('{"type":"clock","session":"s","seq":1,"data":{}}') is None
