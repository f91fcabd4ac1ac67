"""Direct frame writes for live websockets served by uvicorn's default websocket protocol.

Fanning one event out to thousands of sockets through ASGI costs, per socket, a chain of
coroutines: Starlette's ``send_text``, its exception-handling wrappers and uvicorn's ``send``,
which has the websockets protocol encode the frame again for every socket. The hub
encodes each event's frame once instead (server frames are not masked, so every socket takes
the same bytes) and, through the :data:`~app.realtime.Write` built here, hands them to the
socket's transport in one call.

Only where that is exactly what the server itself would write: uvicorn's ``websockets-sansio``
protocol (what ``--ws auto``, the default, picks), the connection open, no extension negotiated
(permessage-deflate compresses each socket's frames differently), and nothing waiting in the
transport (so flow control stays the server's business). In every other case, e.g. another
``--ws`` implementation, the writer is None or declines a frame, and the frame goes through the
ordinary ASGI send, as do ``link_revoked`` frames (the hub's ``send_only``), which the route's
``send`` acts on.

The ASGI ``send`` the server handed to the application is kept in the scope by
:class:`ServerSend`, the outermost middleware, because the one Starlette passes on to the route
is wrapped.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from app.realtime import Write

__all__ = ["SERVER_SEND", "ServerSend", "direct_writer"]

SERVER_SEND = "roundtable.server_send"
"""Scope key of the server's own ``send`` for a websocket connection."""


class ServerSend:
    """Keep the server's ``send`` of each websocket connection in its scope (no other effect)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def __call__(self, scope: Scope, receive: Receive, send: Send) -> Awaitable[None]:
        # Returns the inner app's awaitable rather than awaiting it: no frame of this layer
        # stays alive for as long as the connection.
        if scope["type"] == "websocket":
            scope[SERVER_SEND] = send
        return self.app(scope, receive, send)


def direct_writer(scope: Scope) -> Write | None:
    """A writer for this accepted websocket, or None where only the ASGI send is right."""
    protocol = getattr(scope.get(SERVER_SEND), "__self__", None)
    try:
        from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
    except ImportError:  # not served by uvicorn, or without the websockets package
        return None
    if not isinstance(protocol, WebSocketsSansIOProtocol) or protocol.conn.extensions:
        return None
    return _Socket(protocol.transport, protocol).write


class _Socket:
    """One socket's direct write: what the server's own send checks, in as few reads as can be.

    A fan-out calls it for thousands of sockets whose objects have gone cold since the last
    event, so each attribute read can cost a cache miss: it reads one flag of uvicorn's protocol
    and asks the transport (one C object) the rest, instead of following the protocol to its
    websockets state, its ``disconnected`` flag and its ``writable`` event (that took a fan-out
    to 2,000 sockets from 16 to 26 ms on the benchmark machine). The same verdict, because in
    uvicorn's ``websockets-sansio`` protocol:

    - the websockets state leaves OPEN only once a close frame was sent (``close_sent``: the
      server closing, or a protocol error) or received (uvicorn answers it and closes the
      transport at once), or the connection is lost (the transport is closed);
    - ``disconnected`` is set on connection loss, when the transport is already closing;
    - ``writable`` is cleared only while the transport holds more than its high-water mark;
      here the frame goes direct only when the transport holds nothing at all, which is
      stricter, and otherwise waits in the ordinary ``send``, which honours ``writable``.
    """

    __slots__ = ("protocol", "transport")

    def __init__(self, transport: Any, protocol: Any) -> None:
        self.transport = transport
        self.protocol = protocol

    def write(self, wire: bytes) -> bool:
        transport = self.transport
        if self.protocol.close_sent or transport.is_closing() or transport.get_write_buffer_size():
            return False
        transport.write(wire)
        return True
