"""The client side of ``bench_load.py``: whole sessions' rooms, driven in one process.

Each client process owns whole sessions, so an action's send time and every delivery of its
event are stamped by the same process's clock (``time.time_ns()``, one machine anyway), and a
session's actors can share what they learn (the items on the board) without crossing processes.
Per session:

- 40 participants (phones): one websocket each, a capture about once a minute and a vote about
  once a minute (Poisson arrivals, open loop), each through the participant's own keep-alive
  HTTP connection, as a phone's ``static/board/`` does;
- the facilitator: a console websocket and a clock control about every 10 s (pause, resume,
  extend by turns, after a ``start`` in the warm-up);
- the big screen: a websocket on the executive link with ``view=room``;
- the executive: reads the summary (``GET …/summary``) about every 30 s.

Chaos: about 5 % of the sockets per minute are dropped without a close frame (a phone losing
the network) and come back 0.5–2 s later with ``since`` = the last seq they hold, as
``static/shared/live_socket.js`` resumes. Every logical client keeps the seqs it received across its
connections, so "lost" and "duplicated" are judged per person, not per TCP connection.

The websocket client is bench_fanout's minimal protocol on ``asyncio.Protocol`` (unmasked
server frames, pong replies); HTTP is a minimal keep-alive HTTP/1.1 client on asyncio streams, so
the load generator spends little of the CPU the server shares with it.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gc
import os
import random
import time
import uuid
from dataclasses import dataclass, field
from multiprocessing.connection import Connection as Pipe
from typing import Any

import orjson
from bench_fanout import raise_fd_limit, server_frames, use_uvloop

CONNECT_CONCURRENCY = 48
HTTP_IDLE_REOPEN = 3.0  # uvicorn closes keep-alive connections idle for 5 s: reopen before that
HTTP_TIMEOUT = 30.0
IMPACTS = ("low", "medium", "high", "critical")


# --------------------------------------------------------------------------------------------
# HTTP: one keep-alive connection per actor.


class Http:
    """A minimal HTTP/1.1 client for one actor (one connection, one request at a time)."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port = host, port
        self.auth = f"Authorization: Bearer {token}\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last_used = 0.0
        self.lock = asyncio.Lock()

    async def request(
        self, method: str, path: str, body: dict[str, Any] | None = None
    ) -> tuple[int | str, bytes, int]:
        """(status or an error's name, body, ns when the request's bytes were written)."""
        async with self.lock:
            payload = orjson.dumps(body) if body is not None else b""
            head = (
                f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{self.auth}"
                + (
                    f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
                    if body is not None
                    else ""
                )
                + "\r\n"
            ).encode()
            sent = time.time_ns()
            try:
                await self._open()
                assert self.writer is not None
                sent = time.time_ns()
                self.writer.write(head + payload)
                status, data = await asyncio.wait_for(self._response(), HTTP_TIMEOUT)
                self.last_used = time.monotonic()
                return status, data, sent
            except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as error:
                await self.close()
                return type(error).__name__, b"", sent

    async def _open(self) -> None:
        if self.writer is not None and time.monotonic() - self.last_used > HTTP_IDLE_REOPEN:
            await self.close()
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def _response(self) -> tuple[int, bytes]:
        assert self.reader is not None
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {
            k.strip().lower(): v.strip()
            for k, _, v in (line.partition(":") for line in lines[1:] if line)
        }
        if "content-length" in headers:
            data = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            data = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                data += chunk[:-2]
        else:
            data = await self.reader.read()
        if headers.get("connection") == "close":
            await self.close()
        return status, data

    async def close(self) -> None:
        writer, self.writer, self.reader = self.writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()


# --------------------------------------------------------------------------------------------
# Websockets: a logical client (a person's page) over successive connections.


@dataclass
class Viewer:
    """One page that follows a session's live events: a phone, the console or the screen."""

    room: Room
    token: str
    query: str = ""
    got: dict[int, tuple[int, int]] = field(default_factory=dict)  # seq -> (ns, connected at)
    duplicates: int = 0
    resyncs: int = 0
    last: int = 0
    connected_at: int = 0  # ns when the current connection's hello arrived; 0 while away
    sock: LiveSocket | None = None
    learns: bool = False  # the big screen: its board frames name the items the room sees
    worker: int | None = None
    drops: int = 0
    failed_connects: int = 0
    covered: set[int] = field(default_factory=set)  # seqs a hello's snapshot stood in for
    away: bool = False  # being resumed (a planned drop, or a close the page noticed)
    rejoins: int = 0  # sockets the server closed that the page opened again

    def cover(self, upto: int) -> None:
        self.covered.update(
            seq for seq in range(self.room.start_seq + 1, upto + 1) if seq not in self.got
        )
        self.last = max(self.last, upto)

    def missing(self, wanted: range) -> list[int]:
        """The seqs of ``wanted`` that neither arrived nor were covered by a snapshot."""
        return [seq for seq in wanted if seq not in self.got and seq not in self.covered]

    def received(self, seq: int, now: int) -> None:
        if seq in self.got or seq <= self.room.start_seq:
            self.duplicates += 1
            return
        self.got[seq] = (now, self.connected_at)
        self.last = max(self.last, seq)


class LiveSocket(asyncio.Protocol):
    """One websocket connection of a viewer."""

    def __init__(self, viewer: Viewer, request: bytes) -> None:
        self.viewer = viewer
        self.request = request
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.upgraded = False
        self.hello: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is no subclass
        transport.write(self.request)  # type: ignore[attr-defined]

    def connection_lost(self, exc: Exception | None) -> None:
        if self.viewer.sock is self:
            self.viewer.sock = None
            self.viewer.connected_at = 0
        if not self.hello.done():
            self.hello.set_exception(ConnectionError(f"closed before hello: {exc!r}"))

    def data_received(self, data: bytes) -> None:
        now = time.time_ns()
        buf = self.buf
        buf += data
        if not self.upgraded:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(buf[: buf.find(b"\r\n")])
            if b" 101 " not in status:
                if not self.hello.done():
                    self.hello.set_exception(ConnectionError(status.decode(errors="replace")))
                assert self.transport is not None
                self.transport.close()
                return
            del buf[: end + 4]
            self.upgraded = True
        for opcode, payload in server_frames(buf):
            if opcode == 1:
                self.on_text(payload, now)
            elif opcode == 9:
                self.send(0xA, payload)
            elif opcode == 8 and self.transport is not None:
                self.transport.close()

    def on_text(self, payload: bytes, now: int) -> None:
        head = payload[:24]
        if b'"presence"' in head or b'"pong"' in head or b'"error"' in head:
            return
        frame = orjson.loads(payload)
        kind = frame.get("type")
        if kind == "hello":
            self.viewer.worker = frame.get("worker")
            snapshot = frame.get("snapshot")
            if isinstance(snapshot, dict) and isinstance(snapshot.get("seq"), int):
                # since=0 (a page that never had an event) gets the state as of the snapshot's
                # seq instead of the events up to it: they are not lost, and not deliveries.
                self.viewer.cover(snapshot["seq"])
            self.viewer.connected_at = now
            if not self.hello.done():
                self.hello.set_result(None)
        elif kind == "resync":
            self.viewer.resyncs += 1
        elif isinstance(frame.get("seq"), int):
            self.viewer.received(frame["seq"], now)
            if kind == "board" and self.viewer.learns:
                self.viewer.room.learn(frame.get("data") or {})

    def send(self, opcode: int, payload: bytes) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        mask = os.urandom(4)
        length = len(payload)
        header = bytes([0x80 | opcode, 0x80 | length])  # control frames are < 126 bytes
        key = int.from_bytes((mask * (length // 4 + 1))[:length], "big") if length else 0
        body = (int.from_bytes(payload, "big") ^ key).to_bytes(length, "big") if length else b""
        self.transport.write(header + mask + body)


# --------------------------------------------------------------------------------------------
# A session's room and its actors.


@dataclass
class Action:
    """One write whose event every viewer of the session should see."""

    kind: str  # control, capture, vote
    sent: int
    answered: int
    status: int | str
    seq: int | None
    measured: bool


@dataclass
class Room:
    """One session on the client side: its viewers, actors' records and the board's items."""

    id: str
    facilitator: str
    executive: str
    people: list[dict[str, Any]]  # id, token, department
    start_seq: int
    viewers: list[Viewer] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    reads: list[tuple[int | str, float, bool]] = field(default_factory=list)  # summary reads
    items: dict[str, str] = field(default_factory=dict)  # item id -> author ("" for room)
    votes: set[tuple[str, str]] = field(default_factory=set)  # (person, item)

    def learn(self, data: dict[str, Any]) -> None:
        for item in data.get("items") or ():
            if isinstance(item, dict) and "id" in item and not item.get("removed"):
                self.items.setdefault(item["id"], str(item.get("author", "")))


class Driver:
    """Runs the rooms of this process: connections, actors, chaos, and the numbers."""

    def __init__(self, msg: dict[str, Any]) -> None:
        self.host: str = msg["host"]
        self.port: int = msg["port"]
        self.rooms = [
            Room(s["id"], s["facilitator"], s["executive"], s["people"], s["seq"])
            for s in msg["sessions"]
        ]
        self.rng = random.Random(msg.get("seed", 0))
        self.control_every: float = msg.get("control_every", 10.0)
        self.capture_per_min: float = msg.get("capture_per_min", 1.0)
        self.vote_per_min: float = msg.get("vote_per_min", 1.0)
        self.summary_every: float = msg.get("summary_every", 30.0)
        self.drop_per_min: float = msg.get("drop_per_min", 0.05)
        self.measuring = False
        self.acting = False
        self.stopped: asyncio.Event | None = None  # set when acting ends: every actor wakes
        self.gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
        self.keeper: asyncio.Task[None] | None = None
        for room in self.rooms:
            room.viewers = [Viewer(room, p["token"]) for p in room.people]
            room.viewers.append(Viewer(room, room.facilitator))  # the console
            # The big screen, on the executive link: the room's view of the board.
            room.viewers.append(Viewer(room, room.executive, "&view=room", learns=True))

    # Connections

    async def connect(self, viewer: Viewer) -> bool:
        since = viewer.last or viewer.room.start_seq
        path = f"/api/v1/sessions/{viewer.room.id}/live/ws?since={since}"
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {path}{viewer.query} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Authorization: Bearer {viewer.token}\r\n\r\n"
        ).encode()
        loop = asyncio.get_running_loop()
        async with self.gate:
            try:
                _, sock = await loop.create_connection(
                    lambda: LiveSocket(viewer, request), self.host, self.port
                )
                viewer.sock = sock
                await asyncio.wait_for(sock.hello, 20)
                return True
            except (OSError, TimeoutError, ConnectionError):
                viewer.failed_connects += 1
                return False

    async def connect_all(self) -> dict[str, Any]:
        viewers = [v for room in self.rooms for v in room.viewers]
        ok = await asyncio.gather(*(self.connect(v) for v in viewers))
        return {"open": sum(ok), "failed": len(ok) - sum(ok)}

    async def drop_and_resume(self, viewer: Viewer) -> None:
        sock = viewer.sock
        if sock is None or sock.transport is None or viewer.away:
            return
        viewer.drops += 1
        viewer.away = True
        sock.transport.abort()  # no close frame: the network went away
        await asyncio.sleep(self.rng.uniform(0.5, 2.0))
        await self.resume(viewer, attempts=5)

    async def resume(self, viewer: Viewer, attempts: int) -> None:
        """Connect again from the last seq, backing off as static/shared/live_socket.js does."""
        try:
            for attempt in range(attempts):
                if await self.connect(viewer):
                    return
                await asyncio.sleep(min(10.0, 0.5 * 2**attempt))
        finally:
            viewer.away = False

    async def keep_connected(self) -> None:
        """Like a page, open again any socket the server closed (a lagging one, say)."""
        viewers = [v for room in self.rooms for v in room.viewers]
        pending: set[asyncio.Task[None]] = set()
        while True:
            await asyncio.sleep(1.0)
            for viewer in viewers:
                if viewer.sock is None and not viewer.away and viewer.connected_at == 0:
                    viewer.away = True
                    viewer.rejoins += 1
                    task = asyncio.create_task(self.resume(viewer, attempts=8))
                    pending.add(task)
                    task.add_done_callback(pending.discard)

    # Actors

    async def facilitator(self, room: Room) -> None:
        http = Http(self.host, self.port, room.facilitator)
        path = f"/api/v1/sessions/{room.id}/live/controls"
        await self.act(room, http, "control", path, {"id": uuid.uuid4().hex, "kind": "start"})
        cycle = [("pause", 0), ("resume", 0), ("extend", 30)]
        n = 0
        await self.pause(self.rng.uniform(0, self.control_every))
        while self.acting:
            kind, seconds = cycle[n % len(cycle)]
            body = {"id": uuid.uuid4().hex, "kind": kind, "seconds": seconds}
            await self.act(room, http, "control", path, body)
            n += 1
            await self.pause(self.control_every * self.rng.uniform(0.8, 1.2))
        await http.close()

    async def participant(self, room: Room, person: dict[str, Any]) -> None:
        http = Http(self.host, self.port, person["token"])
        rate = (self.capture_per_min + self.vote_per_min) / 60
        others = [p["department"] for p in room.people if p["department"] != person["department"]]
        n = 0
        while True:
            await self.pause(self.rng.expovariate(rate))
            if not self.acting:
                break
            total = self.capture_per_min + self.vote_per_min
            if self.rng.random() < self.capture_per_min / total or not room.items:
                n += 1
                body = {
                    "id": uuid.uuid4().hex,
                    "from_team": person["department"],
                    "to_teams": [self.rng.choice(others)],
                    "what_happens": f"Hand-off {n} from {person['department']} lands a week late",
                    "impact": self.rng.choice(IMPACTS),
                    "no_goal": True,
                }
                path = f"/api/v1/sessions/{room.id}/board/items"
                await self.act(room, http, "capture", path, body)
            else:
                me = str(person["id"])
                choices = [
                    item
                    for item, author in room.items.items()
                    if author != me and (me, item) not in room.votes
                ]
                if not choices:
                    continue
                item = self.rng.choice(choices)
                room.votes.add((me, item))
                path = f"/api/v1/sessions/{room.id}/board/items/{item}/vote"
                await self.act(room, http, "vote", path, {"id": uuid.uuid4().hex})
        await http.close()

    async def executive(self, room: Room) -> None:
        http = Http(self.host, self.port, room.executive)
        await self.pause(self.rng.uniform(0, self.summary_every))
        while self.acting:
            status, _, sent = await http.request("GET", f"/api/v1/sessions/{room.id}/summary")
            room.reads.append((status, (time.time_ns() - sent) / 1e6, self.measuring))
            await self.pause(self.summary_every * self.rng.uniform(0.8, 1.2))
        await http.close()

    async def act(self, room: Room, http: Http, kind: str, path: str, body: dict[str, Any]) -> None:
        measured = self.measuring
        status, data, sent = await http.request("POST", path, body)
        answered = time.time_ns()
        seq = None
        if isinstance(status, int) and status < 300:
            answer = orjson.loads(data)
            seq = answer.get("seq")
        room.actions.append(Action(kind, sent, answered, status, seq, measured))

    async def chaos(self) -> None:
        viewers = [v for room in self.rooms for v in room.viewers]
        per_second = self.drop_per_min / 60
        pending: set[asyncio.Task[None]] = set()
        while self.acting:
            await self.pause(1.0)
            for viewer in viewers:
                if viewer.sock is not None and self.rng.random() < per_second:
                    task = asyncio.create_task(self.drop_and_resume(viewer))
                    pending.add(task)
                    task.add_done_callback(pending.discard)
        if pending:
            await asyncio.wait(pending)

    async def pause(self, seconds: float) -> None:
        """Sleep ``seconds``, or less when acting stops: a participant's next action is
        exponentially distributed (mean 30 s), so the longest of 2,000 sleeps ran ~4 minutes
        past the measured window before every actor had noticed the end."""
        assert self.stopped is not None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stopped.wait(), seconds)

    async def run(self, warmup: float, duration: float) -> dict[str, Any]:
        """Warm up (actions unmeasured), measure for ``duration``, then stop acting."""
        self.stopped = asyncio.Event()
        self.acting = True
        if self.keeper is None:
            self.keeper = asyncio.create_task(self.keep_connected())
        tasks = [asyncio.create_task(self.chaos())]
        for room in self.rooms:
            tasks.append(asyncio.create_task(self.facilitator(room)))
            tasks.append(asyncio.create_task(self.executive(room)))
            tasks += [asyncio.create_task(self.participant(room, p)) for p in room.people]
        await asyncio.sleep(warmup)
        self.measuring = True
        started = time.time_ns()
        await asyncio.sleep(duration)
        self.measuring = False
        self.acting = False
        self.stopped.set()
        await asyncio.gather(*tasks)
        return {"measured_from": started, "measured_to": time.time_ns()}

    # Results

    def missing(self, final: dict[str, int]) -> dict[str, Any]:
        """(viewer, seq) pairs up to each session's final seq that have not arrived yet, and
        how many of the viewers they belong to have no open socket (gave up reconnecting)."""
        pairs = viewers = closed = 0
        sample: list[dict[str, Any]] = []
        for room in self.rooms:
            wanted = range(room.start_seq + 1, final.get(room.id, 0) + 1)
            for viewer in room.viewers:
                gaps = viewer.missing(wanted)
                if gaps:
                    pairs += len(gaps)
                    viewers += 1
                    if len(sample) < 3:
                        sample.append(
                            {
                                "session": room.id,
                                "seqs": gaps[:5],
                                "last": viewer.last,
                                "view": viewer.query
                                or ("console" if viewer.token == room.facilitator else "phone"),
                                "drops": viewer.drops,
                                "rejoins": viewer.rejoins,
                                "resyncs": viewer.resyncs,
                                "worker": viewer.worker,
                            }
                        )
                    sock = viewer.sock
                    closed += sock is None or sock.transport is None or sock.transport.is_closing()
        return {"missing": pairs, "viewers": viewers, "closed": closed, "sample": sample}

    def collect(self, final: dict[str, int]) -> dict[str, Any]:
        """Latencies of measured actions to every viewer connected when they were sent; counts."""
        latency: dict[str, list[float]] = {"control": [], "capture": [], "vote": []}
        answers: dict[str, list[float]] = {"control": [], "capture": [], "vote": []}
        statuses: dict[str, int] = {}
        lost = duplicates = resyncs = drops = failed = replayed = expected = rejoins = 0
        workers: dict[str, int] = {}
        reads: list[float] = []
        for room in self.rooms:
            last = final.get(room.id, 0)
            for action in room.actions:
                key = str(action.status)
                statuses[key] = statuses.get(key, 0) + 1
                if not action.measured or action.seq is None:
                    continue
                answers[action.kind].append((action.answered - action.sent) / 1e6)
                for viewer in room.viewers:
                    got = viewer.got.get(action.seq)
                    if got is None:
                        continue
                    at, connected_at = got
                    if 0 < connected_at <= action.sent:
                        latency[action.kind].append((at - action.sent) / 1e6)
                    else:
                        replayed += 1
            for status, ms, measured in room.reads:
                key = str(status)
                statuses[key] = statuses.get(key, 0) + 1
                if measured and status == 200:
                    reads.append(ms)
            wanted = range(room.start_seq + 1, last + 1)
            for viewer in room.viewers:
                expected += len(wanted)
                lost += len(viewer.missing(wanted))
                duplicates += viewer.duplicates + sum(1 for seq in viewer.got if seq > last)
                resyncs += viewer.resyncs
                drops += viewer.drops
                rejoins += viewer.rejoins
                failed += viewer.failed_connects
                if viewer.worker is not None:
                    workers[str(viewer.worker)] = workers.get(str(viewer.worker), 0) + 1
        return {
            "latency": latency,
            "answers": answers,
            "reads": reads,
            "statuses": statuses,
            "lost": lost,
            "duplicates": duplicates,
            "expected": expected,
            "resyncs": resyncs,
            "drops": drops,
            "rejoins": rejoins,
            "failed_connects": failed,
            "replayed": replayed,
            "viewers_by_worker": workers,
        }

    async def close(self) -> None:
        if self.keeper is not None:
            self.keeper.cancel()
            self.keeper = None
        for room in self.rooms:
            for viewer in room.viewers:
                if viewer.sock is not None and viewer.sock.transport is not None:
                    viewer.sock.transport.close()
        await asyncio.sleep(0.2)


async def serve(commands: Pipe, results: Pipe) -> None:
    loop = asyncio.get_running_loop()
    driver: Driver | None = None
    while True:
        msg = await loop.run_in_executor(None, commands.recv)
        op = msg["op"]
        if op == "exit":
            if driver is not None:
                await driver.close()
            return
        reply: dict[str, Any]
        if op == "connect":
            driver = Driver(msg)
            reply = await driver.connect_all()
        elif op == "run" and driver is not None:
            reply = await driver.run(msg["warmup"], msg["duration"])
        elif op == "missing" and driver is not None:
            reply = driver.missing(msg["final"])
        elif op == "collect" and driver is not None:
            reply = driver.collect(msg["final"])
        elif op == "close" and driver is not None:
            await driver.close()
            driver = None
            reply = {}
        else:
            reply = {"error": f"unknown op {op}"}
        results.send({"kind": "reply", **reply})


def client_main(commands: Pipe, results: Pipe) -> None:
    """Entry point of a client process (``bench_fanout.Clients(target=client_main)``)."""
    # The measuring instrument must not stall: a client holds ~2,000 sockets' objects, and
    # Python's default full collections of them took 45-60 ms (a gc.callbacks log, S = 100),
    # every frame arriving meanwhile timed late. Full collections as rarely as the server's.
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1000)
    raise_fd_limit()
    use_uvloop()
    asyncio.run(serve(commands, results))
