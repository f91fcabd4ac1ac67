"""Live session: snapshot, clock controls, and the websocket that streams live events."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from typing import Any, Literal
from urllib.parse import urlsplit

import anyio
from fastapi import APIRouter, Request, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field, StrictInt
from sqlmodel import Session

from app.domain.clock.state import ControlKind
from app.domain.errors import DomainError, UnknownLink
from app.realtime import Connection, FramedEvent
from app.services.console import controls
from app.services.links.schemas import Principal
from app.services.live import service as live
from app.services.sessions import service as sessions
from app.services.shared.schemas import RowId, Strict
from app.web.deps import (
    AnyRole,
    Facilitator,
    FacilitatorCredentials,
    SessionDep,
    allowed_origins,
    credentials_first,
    origin_of,
    resolve_credentials,
)
from app.web.direct_write import direct_writer
from app.web.errors import failed_lookup
from app.web.live_hub import publish, to_live
from app.web.problems import API_ERRORS

router = APIRouter(prefix="/api/v1/sessions/{session_id}/live", tags=["live"], responses=API_ERRORS)

MAX_INBOUND_BYTES = 4096
MAX_INBOUND_PER_SECOND = 20
REVOKED_CLOSE = (4403, "link revoked")
BINARY_ERROR = {"type": "error", "message": "Messages must be JSON text, not binary frames."}


class ControlInput(Strict):
    id: str = Field(min_length=8, max_length=64, description="Client-generated idempotency key.")
    kind: ControlKind = Field(description="What to do with the clock.")
    seconds: StrictInt = Field(default=0, ge=0, le=3600, description="For extend and shorten.")
    expected_seq: StrictInt | None = Field(
        default=None, ge=0, description="The clock's seq you saw; a stale one is refused (409)."
    )


class ControlResult(BaseModel):
    clock: dict[str, Any]
    seq: int


@router.get("")
def read_live(session_id: str, db: SessionDep, who: AnyRole) -> live.LiveSnapshot:
    """The live state now: run of show, clock with absolute deadlines, last event seq."""
    return live.snapshot(db, session_id)


async def control(
    session_id: str, data: ControlInput, request: Request, caller: FacilitatorCredentials
) -> ControlResult:
    """Start, pause, resume, extend, shorten, skip, skip_round, back or end the clock.

    Idempotent by ``id``: a retried request acts once and answers with the current clock.
    """
    database = request.app.state.database

    def apply(db: Session) -> tuple[dict[str, Any], list[FramedEvent], int]:
        # One worker thread and one session, the link check included, and the events' frames
        # rendered here too: this is the path from a facilitator's click to every screen in
        # the room, and the event loop has all those screens to write to.
        who = caller.principal(db)
        state, events = controls.control(
            db,
            session_id,
            kind=data.kind,
            control_id=data.id,
            seconds=data.seconds,
            expected_seq=data.expected_seq,
            actor=who.role,
        )
        if not events:  # a retry: the clock as it is now
            last_seq = sessions.get_session(db, session_id).event_seq
            return live.clock_payload(state), [], last_seq
        clock_event = events[0]  # a start's board seed follows it
        return clock_event.data["clock"], [to_live(e) for e in events], clock_event.seq

    clock, events, seq = await database.run(apply)
    for event in events:
        await publish(request, event)
    return ControlResult(clock=clock, seq=seq)


router.add_api_route(
    "/controls", control, methods=["POST"], route_class_override=credentials_first("facilitator")
)


class ShowInput(Strict):
    """Run-of-show lengths in seconds; omitted fields keep their value."""

    topic_seconds: tuple[StrictInt, StrictInt, StrictInt] | None = Field(
        default=None, description="Per speaker: what we do, most pressing, butterfly effect."
    )
    welcome_seconds: StrictInt | None = None
    changeover_seconds: StrictInt | None = None
    break_seconds: StrictInt | None = None
    break_every: StrictInt | None = Field(default=None, description="A break after every N rounds.")
    wrapup_seconds: StrictInt | None = None


@router.get("/show")
def read_show(session_id: str, db: SessionDep, who: AnyRole) -> dict[str, Any]:
    """The run-of-show settings (segment lengths)."""
    return live.show_settings(sessions.get_session(db, session_id))


@router.put("/show")
def update_show(
    session_id: str, data: ShowInput, db: SessionDep, who: Facilitator
) -> dict[str, Any]:
    """Change segment lengths before the session goes live."""
    return live.update_show(db, session_id, data.model_dump(exclude_none=True))


class AttendanceInput(Strict):
    status: Literal["expected", "arrived", "absent"]


@router.post("/attendance/{participant_id}")
async def attendance(
    session_id: str,
    participant_id: RowId,
    data: AttendanceInput,
    request: Request,
    db: SessionDep,
    who: Facilitator,
) -> dict[str, Any]:
    """Mark a participant arrived or absent; the rounds not yet started are re-planned."""

    def apply() -> list[Any]:
        stored = live.set_attendance(db, session_id, participant_id, data.status, actor=who.role)
        return [to_live(e) for e in stored]  # read in this thread, not on the event loop

    events = await anyio.to_thread.run_sync(apply)
    for event in events:
        await publish(request, event)
    return {
        "participant_id": participant_id,
        "status": data.status,
        "replanned": any(e.type == "plan" for e in events),
    }


def origin_allowed(websocket: WebSocket) -> bool:
    """Browsers send Origin; it must be this site (or a configured one). CLI clients send none."""
    origin = websocket.headers.get("origin")
    if origin is None:
        return True
    host = websocket.headers.get("host", "")
    parsed = urlsplit(origin)
    return origin_of(origin) in allowed_origins(websocket) or parsed.netloc == host


async def live_socket(websocket: WebSocket) -> None:
    """Stream live events: a hello (with a snapshot when ``since`` is 0), then events by seq.

    A plain Starlette route, not FastAPI's: it has no dependencies to solve, and FastAPI's
    websocket route keeps two exit stacks and its solved dependencies alive per connection.
    """
    session_id: str = websocket.path_params["session_id"]
    since = parse_since(websocket.query_params.get("since"))
    if since is None:
        await websocket.accept()
        await websocket.close(code=1008, reason="since must be a whole number, 0 or more")
        return

    def authorise(db: Session) -> tuple[Principal, live.LiveSnapshot | None]:
        who = resolve_credentials(
            db,
            session_id,
            ("facilitator", "participant", "executive"),
            bearer=websocket.headers.get("authorization"),
            cookies=websocket.cookies,
        )
        if who.role == "participant" and who.participant_id is not None:
            live.record_joined(db, session_id, who.participant_id)
        return who, (live.snapshot(db, session_id) if since == 0 else None)

    # Refusals accept first so the client gets a real close code (1008), not an HTTP 403.
    if not origin_allowed(websocket):
        await websocket.accept()
        await websocket.close(code=1008, reason="origin not allowed")
        return
    try:
        who, first = await websocket.app.state.database.run(authorise)
    except DomainError as error:
        reason = error.detail
        if isinstance(error, UnknownLink) and (retry := await failed_lookup(websocket)):
            reason = f"Too many unknown links from your address; try again in {retry} s."
        await websocket.accept()
        await websocket.close(code=1008, reason=reason[:120])
        return
    await websocket.accept()
    await send_hello(websocket, first)
    start = first.seq if first else since
    # This frame lives as long as the connection: keep no reference to the snapshot (the run of
    # show alone is tens of KiB), or every open socket pays for it.
    del first
    async with websocket.app.state.hub.connection(
        session_id,
        start,
        revocation_aware(websocket, who),
        tag=who.link_id,
        presence=presence_key(who),
        watch_presence=who.role == "facilitator",
        write=direct_writer(websocket.scope),
        audience=audience_key(who, websocket.query_params.get("view")),
    ) as conn:
        await serve_connection(websocket, conn)


# Registered by hand so FastAPI keeps it a plain route (router prefix included).
router.add_websocket_route(router.prefix + "/ws", live_socket)

MAX_SINCE_DIGITS = 18


def parse_since(raw: str | None) -> int | None:
    """The ``since`` query value: absent is 0; None unless it is a whole number, 0 or more."""
    if raw is None:
        return 0
    if not raw.isascii() or not raw.isdigit() or len(raw) > MAX_SINCE_DIGITS:
        return None
    return int(raw)


async def send_hello(websocket: WebSocket, first: live.LiveSnapshot | None) -> None:
    """The first frame: server time, worker, and the snapshot when the client has none."""
    hello = {
        "type": "hello",
        "server_ms": int(time.time() * 1000),
        "worker": os.getpid(),
        "snapshot": first.model_dump() if first else None,
    }
    await websocket.send_text(json.dumps(hello))


def presence_key(who: Principal) -> str:
    """Whom a connection counts as on the console: a participant by id, other roles by role."""
    if who.role == "participant" and who.participant_id is not None:
        return f"participant:{who.participant_id}"
    return who.role


def audience_key(who: Principal, view: str | None) -> str | None:
    """Which private board overlays a socket gets: the facilitator's console and a participant
    their own; the big screen (``view=room``, even on a facilitator link) and executives none."""
    if view == "room" or who.role == "executive":
        return None
    return presence_key(who)


def revocation_aware(websocket: WebSocket, who: Principal) -> Any:
    """Send frames; a ``link_revoked`` event for this link closes the socket (on every worker)."""

    async def send(frame: str) -> None:
        if '"link_revoked"' in frame:
            data = json.loads(frame).get("data", {})
            if data.get("link_id") == who.link_id:
                await websocket.close(code=REVOKED_CLOSE[0], reason=REVOKED_CLOSE[1])
                return
        await websocket.send_text(frame)

    return send


async def serve_connection(websocket: WebSocket, conn: Connection) -> None:
    """Answer pings until the client leaves or the hub closes the connection.

    One task per socket: the handler itself reads, and a hub-side close (lagging, revoked,
    shutdown) cancels it through ``conn.on_close`` rather than a second task waiting for it.
    """
    handler = asyncio.current_task()
    assert handler is not None
    conn.on_close(handler.cancel)
    try:
        code = await read_messages(websocket)
    except asyncio.CancelledError:
        if not conn.closed or handler.cancelling() > 1:
            raise  # a real cancellation (server shutdown), not the hub closing this client
        handler.uncancel()
        code = None
    finally:
        conn.on_close(None)
    reason = conn.close_reason
    if reason is not None and code is None:
        with contextlib.suppress(RuntimeError):  # already closed, e.g. by a revocation
            await websocket.close(code=reason.code, reason=reason.reason)
    elif code is not None:
        await websocket.close(code=code[0], reason=code[1])


async def read_messages(websocket: WebSocket) -> tuple[int, str] | None:
    """Handle inbound messages; returns a close (code, reason) for abuse, None when they left."""
    window_start, count = time.monotonic(), 0
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return None
            text: str | None = message.get("text")
            size = len(text.encode() if text is not None else message.get("bytes") or b"")
            now = time.monotonic()
            if now - window_start >= 1:
                window_start, count = now, 0
            count += 1
            if count > MAX_INBOUND_PER_SECOND:
                return (4429, "too many messages")
            if size > MAX_INBOUND_BYTES:
                return (1009, "message too big")
            reply = answer(text) if text is not None else BINARY_ERROR
            await websocket.send_text(json.dumps(reply))
    except WebSocketDisconnect:
        return None


def answer(text: str) -> dict[str, Any]:
    """The reply to one inbound message: a pong, or a clear error; nothing is ever changed."""
    received = int(time.time() * 1000)
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested past the stack
        return {"type": "error", "message": "Messages must be JSON objects."}
    if not isinstance(message, dict):
        return {"type": "error", "message": "Messages must be JSON objects."}
    if message.get("type") != "ping":
        return {"type": "error", "message": "Unknown message type; only ping is accepted."}
    if not (_plain_number(message.get("id")) and _plain_number(message.get("t0"))):
        return {"type": "error", "message": "A ping carries numbers: id and t0 (epoch ms)."}
    return {"type": "pong", "id": message["id"], "t0": message["t0"], "server_ms": received}


def _plain_number(value: object) -> bool:
    """A number every client parses exactly (no NaN, Infinity or beyond 2**53)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return abs(value) <= 2**53  # False for NaN and the infinities too
