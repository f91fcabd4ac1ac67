"""Direct frame writes for live websockets served by uvicorn's default websocket protocol.

Fanning one event out to thousands of sockets through ASGI costs, per socket, a chain of
coroutines: Starlette's ``send_text``, its exception-handling wrappers and uvicorn's ``send``,
which has the websockets protocol encode the frame again for every socket. The hub
encodes each event's frame once instead (server frames are not masked, so every socket takes
the same bytes) and, through the :data:`~app.realtime.Write` built here, hands them to the
socket's transport in one call.

Only where that is exactly what the server itself would write: uvicorn's ``websockets-sansio``
protocol (what ``--ws auto``, the default, picks), the connection open, no extension negotiated
(permessage-deflate compresses each socket's frames differently), and the transport not paused
(so flow control stays the server's business). In every other case, e.g. another ``--ws``
implementation, the writer is None or declines a frame, and the frame goes through the ordinary
ASGI send.

The ASGI ``send`` the server handed to the application is kept in the scope by
:class:`ServerSend`, the outermost middleware, because the one Starlette passes on to the route
is wrapped.
"""

from __future__ import annotations

from collections.abc import Awaitable

from starlette.types import ASGIApp, Receive, Scope, Send
from websockets.protocol import State

from app.realtime import Write

__all__ = ["SERVER_SEND", "ServerSend", "direct_writer"]

SERVER_SEND = "roundtable.server_send"
"""Scope key of the server's own ``send`` for a websocket connection."""

REVOKED_MARK = b'"link_revoked"'
"""Frames of this type go through ``send``, which closes the socket of the revoked link."""


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
    transport, state, writable = protocol.transport, protocol.conn, protocol.writable

    def write(wire: bytes) -> bool:
        # What the server's own send checks before it writes a data frame, and no more: a paused
        # transport (``writable`` clear) makes the frame wait in ``send`` instead.
        if (
            state.state is not State.OPEN
            or protocol.close_sent
            or protocol.disconnected
            or not writable.is_set()
            or transport.is_closing()
            or REVOKED_MARK in wire
        ):
            return False
        transport.write(wire)
        return True

    return write
