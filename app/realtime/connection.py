"""One client's live connection: a bounded queue drained by a writer task.

Same idea as ``broadcast()`` in websockets: the hub never awaits a client. It puts frames into
each connection's queue without waiting, and a writer task sends them at the client's pace. A
client that cannot keep up fills its queue and is closed as lagging; it reconnects with its last
``seq`` and gets a replay (or a resync). Trade-off: a briefly slow client on a bad network is
disconnected once its backlog exceeds the queue, rather than slowing or buffering without bound.

Memory matters here (thousands of idle phones per worker), so an idle connection holds no task:
the writer exists only while frames are pending, and the queue (a plain deque) only while it
holds frames.

Speed matters too: one event goes to every socket of a session. Server frames are not masked,
so the hub encodes each event's websocket frame once (:func:`wire_frame`) and, where the web
layer offers a :data:`Write` for the socket, an idle connection hands those bytes straight to
the socket's transport instead of running the server's per-socket send coroutines.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Coroutine, Generator
from dataclasses import dataclass
from typing import Any

from websockets.frames import Frame, Opcode

__all__ = [
    "LAGGING",
    "NORMAL",
    "SEND_FAILED",
    "SHUTDOWN",
    "CloseReason",
    "Connection",
    "Send",
    "Write",
    "wire_frame",
]

logger = logging.getLogger(__name__)

Send = Callable[[str], Coroutine[Any, Any, None]]
"""Writes one text frame to the client, e.g. ``websocket.send_text``."""

Write = Callable[[bytes], bool]
"""Writes one complete, encoded websocket frame (see :func:`wire_frame`) to the socket at once,
if the socket can take it right now; returns False, having written nothing, when it cannot (not
open, or its transport paused for flow control). The frame then goes through ``Send``, which
waits for the transport like any other send."""


def wire_frame(text: str) -> bytes:
    """``text`` as one unmasked, uncompressed websocket text frame: what a server sends."""
    return Frame(Opcode.TEXT, text.encode()).serialize(mask=False)


@dataclass(frozen=True, slots=True)
class CloseReason:
    """Why a connection was closed: a websocket close code and reason."""

    code: int
    reason: str


LAGGING = CloseReason(4409, "lagging, resync")
"""The client fell ``queue_size`` frames behind; it should reconnect with its last seq."""
SHUTDOWN = CloseReason(1012, "service restart")
"""The hub is stopping; clients reconnect (to another worker) with their last seq."""
SEND_FAILED = CloseReason(1011, "send failed")
"""Writing to the client raised; the socket is most likely gone already."""
NORMAL = CloseReason(1000, "")
"""The web layer left the connection (the client disconnected)."""


class Connection:
    """A client following one session, registered by ``Hub.connection()``.

    Attributes:
        session_id: the session followed.
        tag: whatever the web layer attached (the capability link id); read only by
            ``Hub.close_where``, which only tests use.
        presence: who this connection counts as in the session's presence (None: not counted).
        watches_presence: whether it receives presence frames (the facilitator's console).
        audience: which private overlays of an event it receives (``FramedEvent.frame_for``);
            None: only what every client gets.
    """

    __slots__ = (
        "__weakref__",
        "_close_reason",
        "_closed",
        "_on_close",
        "_queue",
        "_queue_size",
        "_send",
        "_started",
        "_write_now",
        "_writer",
        "audience",
        "presence",
        "session_id",
        "tag",
        "watches_presence",
    )

    def __init__(
        self,
        session_id: str,
        send: Send,
        *,
        tag: object,
        queue_size: int,
        presence: str | None = None,
        watches_presence: bool = False,
        write: Write | None = None,
        audience: str | None = None,
    ) -> None:
        self.session_id = session_id
        self.audience = audience
        self.tag = tag
        self.presence = presence
        self.watches_presence = watches_presence
        self._send = send
        self._write_now = write
        # Made on first use: an empty deque costs 600 bytes and most connections never queue.
        self._queue: deque[str] | None = None
        self._queue_size = queue_size
        self._closed: asyncio.Event | None = None  # made on first wait_closed()
        self._close_reason: CloseReason | None = None
        self._writer: asyncio.Task[None] | None = None
        self._started = False
        self._on_close: Callable[[], object] | None = None

    @property
    def closed(self) -> bool:
        """True once the hub, a failed send or the web layer closed the connection."""
        return self._close_reason is not None

    @property
    def close_reason(self) -> CloseReason | None:
        """Why the connection closed; None while it is open."""
        return self._close_reason

    @property
    def writes_directly(self) -> bool:
        """Whether the web layer gave this connection a :data:`Write` for encoded frames."""
        return self._write_now is not None

    @property
    def queued(self) -> int:
        """Frames waiting for the writer."""
        return len(self._queue) if self._queue else 0

    def on_close(self, callback: Callable[[], object] | None) -> None:
        """Call ``callback`` (once, synchronously) when the connection closes; None removes it.

        Lets the web layer wake its handler without a task per connection that waits for it.
        """
        self._on_close = callback

    async def wait_closed(self) -> CloseReason:
        """Wait until the connection is closed and say why; close the websocket with it."""
        if self._close_reason is None:
            if self._closed is None:
                self._closed = asyncio.Event()
            await self._closed.wait()
        assert self._close_reason is not None
        return self._close_reason

    def close(self, code: int, reason: str) -> None:
        """Close without waiting: pending frames are dropped and a blocked send is cancelled."""
        if self.closed:
            return
        self._close_reason = CloseReason(code, reason)
        self._queue = None
        if self._closed is not None:
            self._closed.set()
        writer = self._writer
        if writer is not None and writer is not asyncio.current_task():
            writer.cancel()
        callback, self._on_close = self._on_close, None
        if callback is not None:
            callback()

    def push(self, frame: str, wire: bytes | None = None) -> bool:
        """Send or queue ``frame`` without waiting; False if the queue was full (now closed as
        lagging). ``wire`` is the same frame already encoded by :func:`wire_frame`, if the
        caller has it.

        An idle connection whose socket takes the frame at once (the usual case: the transport
        has room) sends it right here, with no task: as ``wire`` through the connection's
        ``Write`` when it has one, else by starting ``Send``. Only a send that has to wait, or
        frames behind one, go through the writer task, so frames never overtake each other.
        """
        if self._close_reason is not None:  # closed (``closed``, spelled out on this hot path)
            return True  # nothing to do; a closed connection is not lagging
        if self._started and self._writer is None and not self._queue:
            write = self._write_now
            if wire is not None and write is not None and write(wire):
                return True
            self._send_now(frame)
            return True
        if self._queue is None:
            self._queue = deque()
        elif len(self._queue) >= self._queue_size:
            self.close(LAGGING.code, LAGGING.reason)
            return False
        self._queue.append(frame)
        if self._started and self._writer is None:
            self._writer = asyncio.create_task(self._write(None), name="live-writer")
        return True

    def start(self) -> None:
        """Let frames flow (the hub calls this once the replay is queued)."""
        if self._started or self.closed:
            return
        self._started = True
        if self._queue and self._writer is None:
            self._writer = asyncio.create_task(self._write(None), name="live-writer")

    def _send_now(self, frame: str) -> None:
        """Run the send coroutine until it completes or must wait; a wait continues in a task."""
        sending = self._send(frame)
        try:
            waiting_on = sending.send(None)
        except StopIteration:
            return
        except (Exception, asyncio.CancelledError) as error:
            logger.info("live send to session %s failed: %r", self.session_id, error)
            self.close(SEND_FAILED.code, SEND_FAILED.reason)
            return
        self._writer = asyncio.create_task(
            self._write(_Resumed(sending, waiting_on)), name="live-writer"
        )

    async def aclose(self, grace: float = 1.0) -> None:
        """Close (normally, unless already closed) and wait up to ``grace`` s for the writer."""
        self.close(NORMAL.code, NORMAL.reason)
        writer = self._writer
        if writer is not None and not writer.done():
            # A send that ignores cancellation must not keep the handler from finishing.
            await asyncio.wait({writer}, timeout=grace)

    async def _write(self, started: _Resumed | None) -> None:
        try:
            if started is not None:
                try:
                    await started
                except Exception as error:
                    logger.info("live send to session %s failed: %r", self.session_id, error)
                    self.close(SEND_FAILED.code, SEND_FAILED.reason)
                    return
            while self._queue and not self.closed:
                frame = self._queue.popleft()
                if not self._queue:
                    self._queue = None  # back to idle: give the deque's memory back
                try:
                    await self._send(frame)
                except Exception as error:  # the socket's own error type depends on the web stack
                    logger.info("live send to session %s failed: %r", self.session_id, error)
                    self.close(SEND_FAILED.code, SEND_FAILED.reason)
                    return
        finally:
            if self._writer is asyncio.current_task():
                self._writer = None


class _Resumed:
    """Awaitable that finishes a coroutine which was started by hand and then had to wait.

    ``_send_now`` drives a send with ``coroutine.send(None)``; when the send yields (its
    transport is full), the writer task awaits this, which hands the yielded future to the task
    and resumes the coroutine with whatever the task sends or throws in, until it returns.
    """

    __slots__ = ("_coroutine", "_waiting_on")

    def __init__(self, coroutine: Coroutine[Any, Any, None], waiting_on: Any) -> None:
        self._coroutine = coroutine
        self._waiting_on = waiting_on

    def __await__(self) -> Generator[Any, Any, None]:
        coroutine, waiting_on = self._coroutine, self._waiting_on
        while True:
            try:
                value = yield waiting_on
            except BaseException as error:  # cancellation included: the coroutine decides
                try:
                    waiting_on = coroutine.throw(error)
                except StopIteration:
                    return
                continue
            try:
                waiting_on = coroutine.send(value)
            except StopIteration:
                return
