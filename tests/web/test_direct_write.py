"""The direct write takes a frame only where the server's own send would write it at once."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from app.web.direct_write import _Socket
from tests.support.aio import run_async


async def scenario() -> list[tuple[str, bool]]:
    drained = asyncio.Event()

    class Peer(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.transport = transport
            transport.pause_reading()  # type: ignore[attr-defined]  # a client not reading yet
            peers.append(self)

    class Sender(asyncio.Protocol):
        def resume_writing(self) -> None:
            drained.set()

    peers: list[Peer] = []
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Peer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    transport, _ = await loop.create_connection(Sender, "127.0.0.1", port)
    transport.set_write_buffer_limits(high=0)  # resume_writing once the buffer is empty
    protocol = SimpleNamespace(close_sent=False)
    socket = _Socket(transport, protocol)
    verdicts = [("idle socket", socket.write(b"frame"))]
    chunk = b"x" * 65536
    while not transport.get_write_buffer_size():  # fill the kernel buffers, then the transport's
        transport.write(chunk)
        await asyncio.sleep(0)
    verdicts.append(("data waiting in the transport", socket.write(b"frame")))
    peers[0].transport.resume_reading()  # type: ignore[attr-defined]
    await asyncio.wait_for(drained.wait(), 10)
    verdicts.append(("drained again", socket.write(b"frame")))
    protocol.close_sent = True
    verdicts.append(("close frame sent", socket.write(b"frame")))
    protocol.close_sent = False
    transport.close()
    verdicts.append(("transport closing", socket.write(b"frame")))
    peers[0].transport.close()
    server.close()
    await server.wait_closed()
    return verdicts


def test_a_frame_goes_direct_only_to_an_open_socket_with_nothing_waiting() -> None:
    assert run_async(scenario()) == [
        ("idle socket", True),
        ("data waiting in the transport", False),
        ("drained again", True),
        ("close frame sent", False),
        ("transport closing", False),
    ]
