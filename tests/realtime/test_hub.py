"""The hub over the memory backend: replay, live order, resync, slow clients, closing."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest

from app.realtime import LAGGING, SHUTDOWN, Hub, MemoryBroadcast
from tests.realtime.helpers import (
    DirectClient,
    EventStore,
    RecordingClient,
    StuckClient,
    async_test,
    new_session_id,
    running_hub,
    wait_until,
)

SID = "s1"


async def memory() -> MemoryBroadcast:
    broadcast = MemoryBroadcast()
    await broadcast.connect()
    return broadcast


async def publish(hub: Hub, store: EventStore, count: int, session_id: str = SID) -> None:
    """Publish ``count`` events at request pace: other tasks run between two publishes."""
    for n in range(count):
        await hub.publish(store.append(session_id, n=n))
        await asyncio.sleep(0)


async def subscribed(broadcast: MemoryBroadcast, count: int = 1, session_id: str = SID) -> None:
    """Wait until the hubs' listeners follow the session (else the store catch-up delivers)."""
    await wait_until(lambda: broadcast.subscriber_count(f"session:{session_id}") == count)


@async_test()
async def test_a_new_client_gets_the_stored_events_then_live_ones() -> None:
    store = EventStore()
    for n in range(3):
        store.append(SID, n=n)
    async with running_hub(await memory(), store) as hub:
        client = RecordingClient()
        async with hub.connection(SID, 0, client.send):
            await publish(hub, store, 2)
            await client.wait_for(5)
    assert client.seqs == [1, 2, 3, 4, 5]


@async_test()
async def test_a_reconnecting_client_gets_only_what_it_missed() -> None:
    store = EventStore()
    for n in range(6):
        store.append(SID, n=n)
    async with running_hub(await memory(), store) as hub:
        client = RecordingClient()
        async with hub.connection(SID, 4, client.send):
            await client.wait_for(6)
    assert client.seqs == [5, 6]


@async_test()
async def test_a_crowd_rejoining_a_live_room_replays_from_memory_not_the_store() -> None:
    store = EventStore()
    async with running_hub(await memory(), store) as hub:
        first = RecordingClient()
        async with hub.connection(SID, 0, first.send):
            await publish(hub, store, 300)
            await first.wait_for(300)
            reads = store.fetches
            crowd = [RecordingClient() for _ in range(20)]
            sinces = [300 - 7 * i for i in range(20)]  # 0 to 133 events behind
            async with contextlib.AsyncExitStack() as stack:
                for client, since in zip(crowd, sinces, strict=True):
                    await stack.enter_async_context(hub.connection(SID, since, client.send))
                assert store.fetches == reads  # nobody needed the database
                await publish(hub, store, 1)
                for client in crowd:
                    await client.wait_for(301)
            for client, since in zip(crowd, sinces, strict=True):
                if 300 - since > 128:  # more than resync_after behind: resync, then live
                    assert [f["type"] for f in client.frames] == ["resync", "note"], since
                    assert client.seqs == [301]
                else:
                    assert client.seqs == list(range(since + 1, 302)), since
            far = RecordingClient()  # further behind than the room remembers: the store answers
            async with hub.connection(SID, 20, far.send):
                await far.wait_for(301)
            assert store.fetches > reads
            assert far.frames == [
                {"type": "resync", "session": SID, "seq": 301, "reason": "behind"}
            ]


@async_test()
async def test_frames_are_the_events_json() -> None:
    store = EventStore()
    async with running_hub(await memory(), store) as hub:
        client = RecordingClient()
        async with hub.connection(SID, 0, client.send):
            await hub.publish(store.append(SID, "issue.added", title="Silos"))
            await client.wait_for(1)
    assert client.frames == [
        {"type": "issue.added", "session": SID, "seq": 1, "data": {"title": "Silos"}}
    ]


@async_test()
async def test_sessions_do_not_see_each_others_events() -> None:
    store = EventStore()
    async with running_hub(await memory(), store) as hub:
        first, second = RecordingClient(), RecordingClient()
        async with hub.connection("a", 0, first.send), hub.connection("b", 0, second.send):
            await publish(hub, store, 2, "a")
            await publish(hub, store, 1, "b")
            await first.wait_for(2)
            await second.wait_for(1)
    assert [f["session"] for f in first.frames + second.frames] == ["a", "a", "b"]


@async_test()
async def test_a_client_too_far_behind_gets_one_resync_frame_then_live_events() -> None:
    store = EventStore()
    for n in range(20):
        store.append(SID, n=n)
    async with running_hub(await memory(), store, resync_after=5, queue_size=16) as hub:
        client = RecordingClient()
        async with hub.connection(SID, 3, client.send):
            await publish(hub, store, 1)
            await client.wait_for(21)
        assert hub.stats().resyncs == 1
    assert client.frames[0] == {"type": "resync", "session": SID, "seq": 20, "reason": "behind"}
    assert client.seqs == [21]


@async_test()
async def test_a_client_exactly_resync_after_behind_still_gets_a_replay() -> None:
    store = EventStore()
    for n in range(8):
        store.append(SID, n=n)
    async with running_hub(await memory(), store, resync_after=5, queue_size=16) as hub:
        client = RecordingClient()
        async with hub.connection(SID, 3, client.send):
            await client.wait_for(8)
    assert client.seqs == [4, 5, 6, 7, 8]


@pytest.mark.parametrize("room_exists", [False, True])
@async_test()
async def test_a_client_ahead_of_the_store_is_told_to_resync(room_exists: bool) -> None:
    store = EventStore()
    for n in range(4):
        store.append(SID, n=n)
    async with running_hub(await memory(), store) as hub:
        other, client = RecordingClient(), RecordingClient()
        async with (
            hub.connection(SID, 4 if room_exists else 0, other.send),
            hub.connection(SID, 9, client.send),
        ):
            await client.wait_for(4)
            await publish(hub, store, 1)
            await client.wait_for(5)
    assert client.frames[0] == {"type": "resync", "session": SID, "seq": 4, "reason": "ahead"}
    assert client.seqs == [5]


@async_test()
async def test_a_client_at_the_head_gets_nothing_until_the_next_event() -> None:
    store = EventStore()
    for n in range(4):
        store.append(SID, n=n)
    async with running_hub(await memory(), store) as hub:
        client = RecordingClient()
        async with hub.connection(SID, 4, client.send):
            await asyncio.sleep(0.01)
            assert client.frames == []
            await publish(hub, store, 1)
            await client.wait_for(5)
    assert client.seqs == [5]


@async_test()
async def test_duplicates_are_dropped_and_gaps_filled_from_the_store() -> None:
    store = EventStore()
    broadcast = await memory()
    async with running_hub(broadcast, store) as hub:
        client = RecordingClient()
        async with hub.connection(SID, 0, client.send):
            await subscribed(broadcast)
            first, second, third = (store.append(SID, n=n) for n in range(3))
            await hub.publish(first)
            await hub.publish(third)  # arrives before the second: the gap is read from the store
            await hub.publish(second)
            await hub.publish(first)
            await client.wait_for(3)
            await wait_until(lambda: hub.stats().duplicates_dropped == 2)
            assert hub.stats().gaps_filled == 1
    assert client.seqs == [1, 2, 3]


@async_test()
async def test_local_clients_get_a_published_event_before_the_backend_has_it() -> None:
    store = EventStore()
    broadcast = await memory()
    backend_free = asyncio.Event()
    backend_publish = broadcast.publish

    async def slow_publish(channel: str, message: str) -> None:
        await backend_free.wait()  # as a slow Redis
        await backend_publish(channel, message)

    broadcast.publish = slow_publish  # type: ignore[method-assign]
    async with running_hub(broadcast, store) as hub:
        client = RecordingClient()
        async with hub.connection(SID, 0, client.send):
            await subscribed(broadcast)
            publishing = asyncio.create_task(hub.publish(store.append(SID, n=0)))
            await client.wait_for(1)
            assert not publishing.done()  # delivered here while the backend still has it
            backend_free.set()
            await publishing
            await publish(hub, store, 2)
            await client.wait_for(3)
            await asyncio.sleep(0.05)  # the echoes come back from the backend meanwhile
            assert hub.stats().duplicates_dropped == 0  # expected echoes are not duplicates
    assert client.seqs == [1, 2, 3]


@async_test()
async def test_a_stuck_client_does_not_delay_others_and_is_closed_as_lagging() -> None:
    store = EventStore()
    broadcast = await memory()
    async with running_hub(broadcast, store, queue_size=8, resync_after=4) as hub:
        stuck, healthy = StuckClient(), RecordingClient()
        async with (
            hub.connection(SID, 0, stuck.send) as stuck_conn,
            hub.connection(SID, 0, healthy.send),
        ):
            await subscribed(broadcast)
            await publish(hub, store, 30)
            async with asyncio.timeout(1):
                await healthy.wait_for(30)
                assert await stuck_conn.wait_closed() == LAGGING
            assert stuck.attempts == 1
            assert hub.stats().lagging_closed == 1
            assert hub.stats().connections == 1
    assert healthy.seqs == list(range(1, 31))


@async_test()
async def test_frames_go_straight_to_a_socket_with_room_and_never_overtake_a_pending_send() -> None:
    store = EventStore()
    broadcast = await memory()
    async with running_hub(broadcast, store) as hub:
        client, plain = DirectClient(), RecordingClient()
        async with (
            hub.connection(SID, 0, client.send, write=client.write),
            hub.connection(SID, 0, plain.send),
        ):
            await subscribed(broadcast)
            assert (hub.stats().connections, hub.stats().direct_connections) == (2, 1)
            await publish(hub, store, 2)
            client.accepting = False  # the transport is full: frames wait for send()
            client.gate.clear()
            await publish(hub, store, 2)
            client.accepting = True  # room again, but two frames are still pending
            await publish(hub, store, 1)
            assert client.seqs == [1, 2]
            client.gate.set()
            await client.wait_for(5)
            await asyncio.sleep(0)  # the writer task finishes: the connection is idle again
            await publish(hub, store, 1)
            await client.wait_for(6)
            await plain.wait_for(6)
    assert client.seqs == plain.seqs == [1, 2, 3, 4, 5, 6]
    assert client.via == ["write", "write", "send", "send", "send", "write"]


@async_test()
async def test_send_only_events_go_through_send_even_where_the_socket_takes_frames_directly() -> (
    None
):
    """The web layer's send closes a revoked link's sockets; a direct write would bypass it."""
    store = EventStore()
    broadcast = await memory()
    async with running_hub(broadcast, store, send_only={"link_revoked"}) as hub:
        client = DirectClient()
        async with hub.connection(SID, 0, client.send, write=client.write):
            await subscribed(broadcast)
            await hub.publish(store.append(SID, n=1))
            await hub.publish(store.append(SID, "link_revoked", link_id=7))
            await client.wait_for(2)
            await asyncio.sleep(0)  # the send finishes: the connection is idle again
            await hub.publish(store.append(SID, n=2))
            await client.wait_for(3)
    assert client.via == ["write", "send", "write"]


@async_test()
async def test_a_client_whose_send_fails_is_closed() -> None:
    async def broken_send(frame: str) -> None:
        raise ConnectionResetError

    store = EventStore()
    async with (
        running_hub(await memory(), store) as hub,
        hub.connection(SID, 0, broken_send) as conn,
    ):
        await publish(hub, store, 1)
        assert (await conn.wait_closed()).code == 1011


@async_test()
async def test_close_where_closes_only_the_matching_connections() -> None:
    store = EventStore()
    async with running_hub(await memory(), store) as hub:
        revoked, kept = RecordingClient(), RecordingClient()
        async with (
            hub.connection(SID, 0, revoked.send, tag="link-1") as revoked_conn,
            hub.connection(SID, 0, kept.send, tag="link-2") as kept_conn,
        ):
            closed = hub.close_where(SID, lambda c: c.tag == "link-1", 4403, "link revoked")
            assert closed == 1
            assert (await revoked_conn.wait_closed()).reason == "link revoked"
            await publish(hub, store, 1)
            await kept.wait_for(1)
            assert not kept_conn.closed
            assert hub.close_where(None, lambda c: True, 4403, "all") == 1
    assert revoked.frames == []


@async_test()
async def test_stop_closes_every_connection_for_a_restart() -> None:
    store = EventStore()
    hub = Hub(await memory(), store.fetch_since)
    await hub.start()
    async with hub.connection(SID, 0, RecordingClient().send) as conn:
        await hub.stop()
        assert await conn.wait_closed() == SHUTDOWN
    with pytest.raises(RuntimeError, match="not running"):
        async with hub.connection(SID, 0, RecordingClient().send):
            pass


@async_test()
async def test_the_room_is_released_when_its_last_client_leaves() -> None:
    store = EventStore()
    broadcast = await memory()
    channel = f"session:{SID}"
    async with running_hub(broadcast, store) as hub:
        async with hub.connection(SID, 0, RecordingClient().send):
            await wait_until(lambda: broadcast.subscriber_count(channel) == 1)
            assert hub.stats().sessions == 1
        assert hub.stats().sessions == 0
        assert broadcast.subscriber_count(channel) == 0


@async_test()
async def test_a_dropped_subscription_is_resumed_from_the_store() -> None:
    store = EventStore()
    broadcast = await memory()
    async with running_hub(broadcast, store, reconnect_delay=0.01) as hub:
        client = RecordingClient()
        async with hub.connection(SID, 0, client.send):
            await publish(hub, store, 1)
            await client.wait_for(1)
            broadcast.interrupt()
            for n in range(3):  # stored while nobody listens: only the catch-up can bring them
                store.append(SID, n=n)
            await client.wait_for(4)
            assert hub.stats().listener_restarts >= 1
    assert client.seqs == [1, 2, 3, 4]


@async_test()
async def test_events_published_during_an_outage_reach_both_workers() -> None:
    store = EventStore()
    broadcast = await memory()
    options: dict[str, Any] = {"reconnect_delay": 0.01, "max_reconnect_delay": 0.05}
    async with (
        running_hub(broadcast, store, **options) as a,
        running_hub(broadcast, store, **options) as b,
    ):
        on_a, on_b = RecordingClient(), RecordingClient()
        async with a.connection(SID, 0, on_a.send), b.connection(SID, 0, on_b.send):
            await broadcast.disconnect()
            await publish(a, store, 3)  # the backend is down: a delivers locally, b later
            await on_a.wait_for(3)
            await broadcast.connect()
            await on_b.wait_for(3)
            assert a.stats().publish_failures == 3
    assert on_a.seqs == on_b.seqs == [1, 2, 3]


@async_test()
async def test_bad_frames_on_the_channel_are_ignored() -> None:
    store = EventStore()
    broadcast = await memory()
    async with running_hub(broadcast, store) as hub:
        client = RecordingClient()
        async with hub.connection(SID, 0, client.send):
            await wait_until(lambda: broadcast.subscriber_count(f"session:{SID}") == 1)
            await broadcast.publish(f"session:{SID}", "{not json")
            await publish(hub, store, 1)
            await client.wait_for(1)
            assert hub.stats().bad_frames == 1
    assert client.seqs == [1]


@async_test()
async def test_stats_report_connections_sessions_and_queues() -> None:
    store = EventStore()
    async with running_hub(await memory(), store) as hub:
        stuck = StuckClient()
        async with (
            hub.connection(new_session_id(), 0, RecordingClient().send),
            hub.connection(SID, 0, stuck.send),
        ):
            await publish(hub, store, 3)
            await wait_until(lambda: hub.stats().largest_queue == 2)
            stats = hub.stats()
    assert (stats.connections, stats.sessions) == (2, 2)


@async_test()
async def test_a_store_that_caps_its_reads_is_read_page_by_page() -> None:
    store = EventStore(limit=3)
    for n in range(10):
        store.append(SID, n=n)
    broadcast = await memory()
    async with running_hub(broadcast, store, fetch_limit=3, reconnect_delay=0.01) as hub:
        fresh, ahead = RecordingClient(), RecordingClient()
        async with hub.connection(SID, 0, fresh.send):
            await fresh.wait_for(10)
            broadcast.interrupt()
            for n in range(7):  # a catch-up of more than one page
                store.append(SID, n=n)
            await fresh.wait_for(17)
        async with hub.connection(SID, 40, ahead.send):
            await ahead.wait_for(17)
    assert fresh.seqs == list(range(1, 18))
    assert ahead.frames == [{"type": "resync", "session": SID, "seq": 17, "reason": "ahead"}]


def test_resync_after_must_fit_in_the_queue() -> None:
    with pytest.raises(ValueError, match="resync_after"):
        Hub(MemoryBroadcast(), EventStore().fetch_since, queue_size=10, resync_after=10)


@async_test()
async def test_a_negative_since_seq_is_refused() -> None:
    async with running_hub(await memory(), EventStore()) as hub:
        with pytest.raises(ValueError, match="since_seq"):
            async with hub.connection(SID, -1, RecordingClient().send):
                pass
