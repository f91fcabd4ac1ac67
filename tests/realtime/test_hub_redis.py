"""Two hubs over one real Redis and one store, as two workers of one instance."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import pytest

from app.realtime import Hub
from app.realtime.broadcast_redis import RedisBroadcast
from tests.realtime.helpers import (
    EventStore,
    RecordingClient,
    async_test,
    connected,
    kill_redis_pubsub,
    new_session_id,
    redis_subscribers,
    running_hub,
    wait_until,
)

pytestmark = pytest.mark.redis


@asynccontextmanager
async def worker(store: EventStore, client_name: str, **options: float) -> AsyncIterator[Hub]:
    """One worker: its own Redis connections (named ``client_name``) and hub."""
    async with (
        connected("redis", client_name) as broadcast,
        running_hub(broadcast, store, **options) as hub,
    ):
        yield hub


async def until_subscribed(session_id: str, count: int) -> None:
    """Wait for the workers' listeners, so the test exercises live delivery, not catch-up."""
    for _ in range(200):
        if await redis_subscribers(f"session:{session_id}") == count:
            return
        await asyncio.sleep(0.01)
    pytest.fail("listeners did not subscribe")


async def publish_with_jitter(hub: Hub, store: EventStore, session_id: str, count: int) -> None:
    """Store then publish, with random pauses in between, so workers' publishes interleave."""
    for n in range(count):
        event = store.append(session_id, n=n)
        await asyncio.sleep(random.uniform(0, 0.003))
        await hub.publish(event)


@async_test(timeout=20)
async def test_two_workers_publishing_at_once_deliver_identical_sequences() -> None:
    store, sid = EventStore(pauses=[0, 1, 3]), new_session_id()
    async with AsyncExitStack() as stack:
        hubs = [await stack.enter_async_context(worker(store, new_session_id())) for _ in "ab"]
        clients = [RecordingClient() for _ in range(4)]
        for index, client in enumerate(clients):
            await stack.enter_async_context(hubs[index % 2].connection(sid, 0, client.send))
        await until_subscribed(sid, 2)
        await asyncio.gather(*(publish_with_jitter(hub, store, sid, 40) for hub in hubs))
        for client in clients:
            await client.wait_for(80)
    expected = list(range(1, 81))
    assert [client.seqs for client in clients] == [expected] * 4
    assert len({tuple(map(str, client.frames)) for client in clients}) == 1


@async_test(timeout=20)
async def test_a_killed_redis_connection_loses_nothing() -> None:
    store, sid = EventStore(), new_session_id()
    listening, publishing = new_session_id(), new_session_id()
    slow_retry = {"reconnect_delay": 0.3, "max_reconnect_delay": 0.3}
    async with (
        worker(store, listening, **slow_retry) as follower_hub,
        worker(store, publishing) as publisher_hub,
    ):
        client = RecordingClient()
        async with follower_hub.connection(sid, 0, client.send):
            await until_subscribed(sid, 1)
            await publish_with_jitter(publisher_hub, store, sid, 3)
            await client.wait_for(3)

            assert await kill_redis_pubsub(listening) == 1
            await publish_with_jitter(publisher_hub, store, sid, 3)  # nobody subscribed to them
            await client.wait_for(6)  # brought by the catch-up after resubscribing
            await until_subscribed(sid, 1)
            await publish_with_jitter(publisher_hub, store, sid, 2)
            await client.wait_for(8)
            assert follower_hub.stats().listener_restarts == 1
    assert client.seqs == list(range(1, 9))


@async_test(timeout=20)
async def test_a_lagging_client_reconnects_and_is_told_to_resync_then_follows_live() -> None:
    """Closed as lagging means > queue_size > resync_after behind: the reconnect resyncs."""
    store, sid = EventStore(), new_session_id()
    async with worker(store, new_session_id(), queue_size=4, resync_after=3) as hub:
        first = RecordingClient()

        async def send_two_then_stall(frame: str) -> None:
            if len(first.frames) == 2:
                await asyncio.Event().wait()
            await first.send(frame)

        async with hub.connection(sid, 0, send_two_then_stall) as conn:
            await until_subscribed(sid, 1)
            for n in range(8):
                await hub.publish(store.append(sid, n=n))
            assert (await conn.wait_closed()).code == 4409
        assert first.seqs == [1, 2]
        second = RecordingClient()
        async with hub.connection(sid, first.last_seq, second.send):
            await until_subscribed(sid, 1)
            await hub.publish(store.append(sid))
            await second.wait_for(9)
    assert second.frames[0] == {"type": "resync", "session": sid, "seq": 8, "reason": "behind"}
    assert second.seqs == [9]


@async_test(timeout=20)
async def test_a_worker_started_while_redis_is_unreachable_still_replays_from_the_store() -> None:
    store, sid = EventStore(), new_session_id()
    for n in range(3):
        store.append(sid, n=n)
    broadcast = RedisBroadcast("redis://127.0.0.1:1/0", timeout=0.2)
    await broadcast.connect()
    try:
        async with running_hub(broadcast, store, reconnect_delay=0.05) as hub:
            client = RecordingClient()
            async with hub.connection(sid, 0, client.send):
                await client.wait_for(3)
                await hub.publish(store.append(sid))  # broadcast fails: delivered locally
                await client.wait_for(4)
                await wait_until(lambda: hub.stats().listener_restarts >= 1)
                assert hub.stats().publish_failures == 1
    finally:
        await broadcast.disconnect()
    assert client.seqs == [1, 2, 3, 4]
