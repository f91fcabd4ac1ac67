"""Broadcast backends: every test runs against memory and real Redis alike."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest

from app.realtime import BroadcastDisconnected, MemoryBroadcast, broadcast_from_url
from app.realtime.broadcast import Broadcast
from app.realtime.broadcast_redis import RedisBroadcast
from tests.realtime.helpers import (
    async_test,
    connected,
    kill_redis_pubsub,
    new_session_id,
    redis_connections,
    redis_subscribers,
    redis_url,
    require_redis,
)

BACKENDS = ["memory", pytest.param("redis", marks=pytest.mark.redis)]


async def subscriber_count(kind: str, broadcast: Broadcast, channel: str) -> int:
    if isinstance(broadcast, MemoryBroadcast):
        return broadcast.subscriber_count(channel)
    return await redis_subscribers(channel)


async def cut_connection(kind: str, broadcast: Broadcast, client_name: str) -> None:
    """Make the backend drop its subscriptions, as a network failure or Redis restart would."""
    if isinstance(broadcast, MemoryBroadcast):
        broadcast.interrupt()
    else:
        assert await kill_redis_pubsub(client_name) >= 1


async def next_message(messages: AsyncIterator[str]) -> str:
    return await asyncio.wait_for(anext(messages), timeout=3)


@pytest.mark.parametrize("kind", BACKENDS)
@async_test()
async def test_published_messages_reach_subscribers_in_order(kind: str) -> None:
    channel = new_session_id()
    async with connected(kind) as broadcast, broadcast.subscribe(channel) as messages:
        for text in ["one", "two", "drei ✓"]:
            await broadcast.publish(channel, text)
        received = [await next_message(messages) for _ in range(3)]
    assert received == ["one", "two", "drei ✓"]


@pytest.mark.parametrize("kind", BACKENDS)
@async_test()
async def test_other_channels_are_not_delivered(kind: str) -> None:
    channel, other = new_session_id(), new_session_id()
    async with connected(kind) as broadcast, broadcast.subscribe(channel) as messages:
        await broadcast.publish(other, "not for you")
        await broadcast.publish(channel, "for you")
        assert await next_message(messages) == "for you"


@pytest.mark.parametrize("kind", BACKENDS)
@async_test()
async def test_leaving_subscribe_unsubscribes(kind: str) -> None:
    channel = new_session_id()
    async with connected(kind) as broadcast:
        async with broadcast.subscribe(channel):
            assert await subscriber_count(kind, broadcast, channel) == 1
        await wait_until_zero(kind, broadcast, channel)


@pytest.mark.parametrize("kind", BACKENDS)
@async_test()
async def test_an_error_inside_subscribe_still_unsubscribes(kind: str) -> None:
    channel = new_session_id()
    async with connected(kind) as broadcast:
        with pytest.raises(LookupError):
            async with broadcast.subscribe(channel):
                raise LookupError
        await wait_until_zero(kind, broadcast, channel)


async def wait_until_zero(kind: str, broadcast: Broadcast, channel: str) -> None:
    for _ in range(100):  # Redis drops a subscription when it sees the socket close
        if await subscriber_count(kind, broadcast, channel) == 0:
            return
        await asyncio.sleep(0.01)
    pytest.fail(f"{channel} still has subscribers")


@pytest.mark.parametrize("kind", BACKENDS)
@async_test()
async def test_a_dropped_connection_raises_instead_of_hanging(kind: str) -> None:
    channel, name = new_session_id(), new_session_id()
    async with connected(kind, name) as broadcast, broadcast.subscribe(channel) as messages:
        await cut_connection(kind, broadcast, name)
        with pytest.raises(BroadcastDisconnected):
            await next_message(messages)


@pytest.mark.parametrize("kind", BACKENDS)
@async_test()
async def test_subscribing_again_after_a_drop_works(kind: str) -> None:
    channel, name = new_session_id(), new_session_id()
    async with connected(kind, name) as broadcast:
        async with broadcast.subscribe(channel) as messages:
            await cut_connection(kind, broadcast, name)
            with pytest.raises(BroadcastDisconnected):
                await next_message(messages)
        async with broadcast.subscribe(channel) as messages:
            await broadcast.publish(channel, "back")
            assert await next_message(messages) == "back"


@pytest.mark.parametrize("kind", BACKENDS)
@async_test()
async def test_disconnect_ends_open_subscriptions(kind: str) -> None:
    channel = new_session_id()
    async with connected(kind) as broadcast, broadcast.subscribe(channel) as messages:
        await broadcast.disconnect()
        with pytest.raises(BroadcastDisconnected):
            await next_message(messages)


@pytest.mark.parametrize("kind", BACKENDS)
@async_test()
async def test_publish_and_subscribe_fail_clearly_when_disconnected(kind: str) -> None:
    async with connected(kind) as broadcast:
        await broadcast.disconnect()
        with pytest.raises(BroadcastDisconnected):
            await broadcast.publish("any", "message")
        with pytest.raises(BroadcastDisconnected):
            async with broadcast.subscribe("any"):
                pass


@pytest.mark.redis
@async_test()
async def test_an_unreachable_redis_fails_subscribe_and_publish_quickly() -> None:
    broadcast = RedisBroadcast("redis://127.0.0.1:1/0", timeout=0.5)
    await broadcast.connect()
    try:
        with pytest.raises(BroadcastDisconnected):
            async with broadcast.subscribe("any"):
                pass
        with pytest.raises(BroadcastDisconnected):
            await broadcast.publish("any", "message")
    finally:
        await broadcast.disconnect()


@pytest.mark.redis
@async_test()
async def test_a_silent_redis_is_detected_by_ping() -> None:
    """A half-open connection (no FIN) shows up as an unanswered PING."""
    channel = new_session_id()
    require_redis()
    broadcast = RedisBroadcast(redis_url(new_session_id()), timeout=2.0, ping_interval=0.1)
    await broadcast.connect()
    try:
        async with broadcast.subscribe(channel) as messages:
            pubsub = broadcast._mux.pubsub  # type: ignore[union-attr]

            async def ping_lost_in_the_network() -> None:
                return None

            pubsub.ping = ping_lost_in_the_network  # type: ignore[method-assign]
            with pytest.raises(BroadcastDisconnected, match="PING"):
                await next_message(messages)
    finally:
        await broadcast.disconnect()


@pytest.mark.redis
@async_test()
async def test_one_connection_carries_every_channel_of_a_worker() -> None:
    """A worker follows each live session on one connection, not one connection per session."""
    name, channels = new_session_id(), [new_session_id() for _ in range(5)]
    async with connected("redis", name) as broadcast, contextlib.AsyncExitStack() as stack:
        inboxes = [await stack.enter_async_context(broadcast.subscribe(c)) for c in channels]
        second = await stack.enter_async_context(broadcast.subscribe(channels[0]))
        for channel in reversed(channels):
            await broadcast.publish(channel, f"to {channel}")
        for channel, messages in zip(channels, inboxes, strict=True):
            assert await next_message(messages) == f"to {channel}"
        assert await next_message(second) == f"to {channels[0]}"
        assert await redis_connections(name) == 1
        # A dropped connection ends every subscription it carried, not only one.
        assert await kill_redis_pubsub(name) == 1
        for messages in [*inboxes, second]:
            with pytest.raises(BroadcastDisconnected):
                await next_message(messages)
    async with connected("redis", name) as broadcast, broadcast.subscribe(channels[1]) as again:
        await broadcast.publish(channels[1], "back")
        assert await next_message(again) == "back"


def test_backends_are_chosen_by_url_scheme() -> None:
    assert isinstance(broadcast_from_url("memory://"), MemoryBroadcast)
    assert isinstance(broadcast_from_url("redis://127.0.0.1:6379/15"), RedisBroadcast)
    assert isinstance(broadcast_from_url("rediss://example.test:6380/0"), RedisBroadcast)


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(ValueError, match="kafka://"):
        broadcast_from_url("kafka://broker:9092")


def test_the_redis_library_is_imported_only_for_redis_urls() -> None:
    code = (
        "import sys, app.realtime as rt; rt.broadcast_from_url('memory://');"
        "assert 'redis' not in sys.modules, 'redis imported';"
        "rt.broadcast_from_url('redis://127.0.0.1:6379/15');"
        "assert 'redis' in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_realtime_package_imports_no_web_or_database_code() -> None:
    code = (
        "import sys, app.realtime, app.realtime.hub;"
        "bad = sorted({m.split('.')[0] for m in sys.modules}"
        " & {'fastapi', 'starlette', 'sqlalchemy', 'sqlmodel', 'jinja2'});"
        "assert not bad, bad"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
