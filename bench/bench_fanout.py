"""Benchmark of live fan-out: one event to N clients of one session on one uvicorn worker.

Run from the repository root: ``python bench/bench_fanout.py`` (about one minute on two cores;
``--quick`` runs N = 100 and 1,000 only; ``--events`` prints every event's trigger round trip,
first and last delivery; ``--gap S`` sets the quiet between events (see below); ``--gc-log``
puts a ``sitecustomize`` on the server's path that logs its full (generation 2) garbage
collections, and lists the events each one overlapped).

What runs where:

- one Roundtable worker (``tests/e2e/server.py``'s LiveServer: ``uvicorn app.main:app`` on a
  free port, temporary SQLite database, memory broadcast backend, log level warning);
- a bare ceiling in its own process: ``websockets.asyncio.server.serve`` + ``broadcast()``
  (uvloop when installed, as uvicorn uses it) that, for each message on a ``/control``
  websocket, broadcasts one frame padded to the size of Roundtable's clock frame, then acks;
- two client processes (uvloop), each holding N/2 connections. The clients are a minimal
  websocket protocol on ``asyncio.Protocol`` (handshake, unmasked server frames, pong replies)
  that stamps ``time.time_ns()`` in ``data_received``, so the client side adds as little as
  possible to the latency and to the CPU the server has to share (scheduling them as
  SCHED_BATCH, so that they never preempt the server, was tried and rejected: the clients then
  queue for the one free core, which slowed the bare server's figures more than ours);
- this process triggers events and computes the numbers.

Latency is measured the same way on both servers: trigger -> delivered, from when the trigger's
bytes are handed to the socket until a client's ``data_received`` holds the frame (one machine,
one clock). Roundtable's trigger is posted by ``ControlPoster``, a keep-alive HTTP/1.1 client
that encodes each request before the clock starts, as the bare trigger's websocket message is.
Roundtable's trigger is ``POST /live/controls`` (pause and resume alternately), so it includes
the HTTP request, the control's validation and the SQLite commit; the bare server's trigger is
one websocket message. The second table separates the two parts: the trigger round trip
(POST answered / ack received: both servers answer after writing to their clients) and the
fan-out spread (a client's receive minus the event's first receive). Roundtable's clients
connect as a phone that has just loaded its page: with ``since`` = the seq the page showed
(the latest), so nothing is replayed to them (the bare server replays nothing either).
Between events the machine is quiet for ``GAP`` (50 ms), as a room is between a facilitator's
clicks (for seconds, in fact). That matters on a virtual machine: after even 50 ms idle, the
first work runs several times slower (cold caches, a vCPU to wake), and a path that touches more
code and data pays more. Measured on the 2-core VM of 2026-12-03: one clock control in-process,
0.8 ms back to back, 5.2 ms after 50 ms idle; the bare server's path is tiny and barely notices.
With ``--gap 0.005`` (the CPU kept warm) the code of that morning gave a p99 ratio of 0.98x at
N = 2,000, against 1.39-1.74x at the default gap in the same hour. The fan-out loop was most of
it: every socket's objects are cold by the next event, and its checks cost 5 us a socket (see
``app/web/direct_write.py``); with them trimmed, 1.07-1.26x at the default gap. The goals are
judged at the default.
Memory per connection is the server's VmRSS after N connections minus before any, over N.
Clock skew: 100 connected clients each run the NTP-style estimate of
``static/shared/live_sync.js`` (five pings, keep the lowest round trip, offset = server_ms -
(t0 + t1) / 2); the true offset on one machine is 0, so |offset| is the error.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import multiprocessing as mp
import os
import re
import resource
import socket
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection as Pipe
from multiprocessing.connection import wait as wait_pipes
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

SIZES = [100, 1000, 2000, 5000]
EVENTS = 40  # measured events per N, per server (p99 of 40 x N deliveries)
WARMUP = 2  # events sent first and not counted
GAP = 0.05  # seconds between one event fully delivered and the next trigger
CLIENT_PROCS = 2
CONNECT_CONCURRENCY = 64  # handshakes in flight per client process
DELIVERY_TIMEOUT = 10.0  # an event not delivered to every client by then ends that N
TIME_BUDGET = 210.0  # seconds; a size that would start after this is skipped, not run
SKEW_CLIENTS = 100
SKEW_PINGS = 5

GOAL_P99_MS = 50.0
GOAL_RATIO = 1.3
GOAL_KIB_PER_CONN = 40.0
GOAL_SKEW_MS = 10.0

PEOPLE = [  # as in tests/e2e/test_live_ws.py: a plan needs people from several departments
    ("Ada Lovelace", "Engineering"),
    ("Mary Jackson", "Operations"),
    ("Grace Hopper", "Finance"),
    ("Dan Diaz", "Sales"),
]

GC_HOOK = """
import gc, os, time
_log = open(os.environ["BENCH_FANOUT_GC_LOG"], "a", buffering=1)
_start = {}
def _timer(phase, info):
    if phase == "start":
        _start[0] = time.perf_counter_ns()
    elif info["generation"] == 2:
        _log.write(f"{time.time_ns()} {(time.perf_counter_ns() - _start[0]) / 1e6:.2f}\\n")
gc.callbacks.append(_timer)
"""

SEQ = re.compile(rb'"seq":\s*(\d+)')


def raise_fd_limit() -> int:
    """Raise this process's open-file limit to its hard limit; the soft limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            return soft
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def use_uvloop() -> str:
    try:
        import uvloop
    except ImportError:
        return "asyncio"
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


# --------------------------------------------------------------------------------------------
# Client processes: a minimal websocket client on asyncio.Protocol.


def server_frames(buf: bytearray) -> Iterator[tuple[int, bytes]]:
    """The complete (unmasked, server-sent) frames at the head of ``buf``, removed as yielded."""
    while len(buf) >= 2:
        opcode, length, offset = buf[0] & 0x0F, buf[1] & 0x7F, 2
        if length == 126:
            if len(buf) < 4:
                return
            length, offset = int.from_bytes(buf[2:4], "big"), 4
        elif length == 127:
            if len(buf) < 10:
                return
            length, offset = int.from_bytes(buf[2:10], "big"), 10
        if len(buf) < offset + length:
            return
        payload = bytes(buf[offset : offset + length])
        del buf[: offset + length]
        yield opcode, payload


class RawSocket(asyncio.Protocol):
    """One client websocket: handshake, then frames parsed in ``data_received``."""

    def __init__(self, owner: ClientProcess, request: bytes) -> None:
        self.owner = owner
        self.request = request
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.upgraded = False
        self.alive = False
        self.hello: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.pong: asyncio.Future[int] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is no subclass
        transport.write(self.request)  # type: ignore[attr-defined]

    def connection_lost(self, exc: Exception | None) -> None:
        if self.alive:
            self.alive = False
            self.owner.open -= 1
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
        head = payload[:20]
        if b'"clock"' in head or b'"board"' in head or b'"bare"' in head:
            match = SEQ.search(payload)
            if match:
                self.owner.received(int(match.group(1)), now, len(payload))
        elif b'"pong"' in head:
            if self.pong is not None and not self.pong.done():
                self.pong.set_result(int(json.loads(payload)["server_ms"]))
        elif b'"hello"' in head and not self.hello.done():
            self.alive = True
            self.owner.open += 1
            self.owner.hello_size = len(payload)
            self.hello.set_result(None)

    def send(self, opcode: int, payload: bytes) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        mask = os.urandom(4)
        length = len(payload)
        if length < 126:
            header = bytes([0x80 | opcode, 0x80 | length])
        else:
            header = bytes([0x80 | opcode, 0x80 | 126]) + length.to_bytes(2, "big")
        key = int.from_bytes((mask * (length // 4 + 1))[:length], "big") if length else 0
        body = (int.from_bytes(payload, "big") ^ key).to_bytes(length, "big") if length else b""
        self.transport.write(header + mask + body)

    async def estimate_offset(self) -> tuple[float, float]:
        """NTP-style: (offset ms, round trip ms) of the lowest-round-trip sample of five."""
        best: tuple[float, float] | None = None
        for n in range(SKEW_PINGS):
            self.pong = asyncio.get_running_loop().create_future()
            t0 = time.time_ns() / 1e6
            self.send(1, json.dumps({"type": "ping", "id": n, "t0": int(t0)}).encode())
            server_ms = await asyncio.wait_for(self.pong, 10)
            t1 = time.time_ns() / 1e6
            sample = (t1 - t0, server_ms - (t0 + t1) / 2)
            best = sample if best is None or sample[0] < best[0] else best
        assert best is not None
        return best[1], best[0]


class ClientProcess:
    """Holds connections for the main process; answers its commands over a pipe."""

    def __init__(self, commands: Pipe, results: Pipe) -> None:
        self.commands = commands
        self.results = results
        self.sockets: list[RawSocket] = []
        self.open = 0
        self.recv: dict[int, list[int]] = {}
        self.frame_size = 0
        self.hello_size = 0

    def received(self, seq: int, now: int, size: int) -> None:
        times = self.recv.setdefault(seq, [])
        times.append(now)
        self.frame_size = size
        if len(times) == self.open:
            self.results.send({"kind": "got", "seq": seq})

    async def connect(
        self, host: str, port: int, path: str, headers: dict[str, str], count: int
    ) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
        failures: list[str] = []

        async def one() -> None:
            key = base64.b64encode(os.urandom(16)).decode()
            lines = [
                f"GET {path} HTTP/1.1",
                f"Host: {host}:{port}",
                "Upgrade: websocket",
                "Connection: Upgrade",
                f"Sec-WebSocket-Key: {key}",
                "Sec-WebSocket-Version: 13",
                *(f"{k}: {v}" for k, v in headers.items()),
            ]
            request = ("\r\n".join(lines) + "\r\n\r\n").encode()
            async with gate:
                try:
                    _, sock = await loop.create_connection(
                        lambda: RawSocket(self, request), host, port
                    )
                    await asyncio.wait_for(sock.hello, 15)
                    self.sockets.append(sock)
                except (OSError, TimeoutError, ConnectionError) as error:
                    failures.append(repr(error)[:200])

        await asyncio.gather(*(one() for _ in range(count)))
        return {"open": self.open, "failed": len(failures), "error": failures[:1]}

    async def skew(self, count: int) -> dict[str, Any]:
        live = [s for s in self.sockets if s.alive][:count]
        samples = await asyncio.gather(*(s.estimate_offset() for s in live), return_exceptions=True)
        good = [s for s in samples if isinstance(s, tuple)]
        return {"offsets": [o for o, _ in good], "rtts": [r for _, r in good]}

    async def close(self) -> dict[str, Any]:
        for sock in self.sockets:
            if sock.transport is not None:
                sock.transport.close()
        self.sockets.clear()
        await asyncio.sleep(0.2)
        self.open = 0
        return {}

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            msg = await loop.run_in_executor(None, self.commands.recv)
            op = msg["op"]
            if op == "exit":
                return
            if op == "connect":
                reply = await self.connect(
                    msg["host"], msg["port"], msg["path"], msg["headers"], msg["count"]
                )
            elif op == "collect":
                reply = {
                    "recv": self.recv,
                    "open": self.open,
                    "frame_size": self.frame_size,
                    "hello_size": self.hello_size,
                }
                self.recv = {}
            elif op == "skew":
                reply = await self.skew(msg["count"])
            elif op == "close":
                reply = await self.close()
            else:
                reply = {"error": f"unknown op {op}"}
            self.results.send({"kind": "reply", **reply})


def client_main(commands: Pipe, results: Pipe) -> None:
    raise_fd_limit()
    use_uvloop()
    asyncio.run(ClientProcess(commands, results).run())


# --------------------------------------------------------------------------------------------
# The bare ceiling: websockets' own server and broadcast().


def bare_main(port: int, ready: Any) -> None:
    raise_fd_limit()
    use_uvloop()

    async def serve_forever() -> None:
        from websockets.asyncio.server import broadcast, serve

        clients: set[Any] = set()

        async def handler(ws: Any) -> None:
            if ws.request.path == "/control":
                async for message in ws:
                    seq, size = (int(x) for x in str(message).split())
                    frame = json.dumps({"type": "bare", "seq": seq, "data": {}})
                    pad = max(0, size - len(frame) - 9)
                    frame = json.dumps({"type": "bare", "seq": seq, "data": {"pad": "x" * pad}})
                    broadcast(clients, frame)
                    await ws.send("ok")
                return
            clients.add(ws)
            try:
                await ws.send('{"type":"hello"}')
                await ws.wait_closed()
            finally:
                clients.discard(ws)

        async with serve(handler, "127.0.0.1", port, backlog=4096, compression=None):
            ready.set()
            await asyncio.Future()

    asyncio.run(serve_forever())


# --------------------------------------------------------------------------------------------
# The main process: set up, trigger, measure, print.


class Clients:
    """The client processes, driven as one.

    ``target(commands, results)`` runs in each process: this module's ``client_main`` unless
    another benchmark brings its own client (``bench_capture``).
    """

    def __init__(self, procs: int, target: Callable[[Pipe, Pipe], None] | None = None) -> None:
        ctx = mp.get_context("spawn")
        self.procs = []
        self.commands: list[Pipe] = []
        self.results: list[Pipe] = []
        for _ in range(procs):
            cmd_recv, cmd_send = ctx.Pipe(duplex=False)
            res_recv, res_send = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=target or client_main, args=(cmd_recv, res_send), daemon=True)
            proc.start()
            self.procs.append(proc)
            self.commands.append(cmd_send)
            self.results.append(res_recv)
        self.got: list[set[int]] = [set() for _ in range(procs)]

    def _reply(self, i: int) -> dict[str, Any]:
        while True:
            msg: dict[str, Any] = self.results[i].recv()
            if msg.get("kind") == "got":  # fan-out clients report deliveries
                self.got[i].add(msg["seq"])
            else:
                return msg

    def call(self, msgs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for pipe, msg in zip(self.commands, msgs, strict=True):
            pipe.send(msg)
        return [self._reply(i) for i in range(len(self.procs))]

    def call_all(self, msg: dict[str, Any]) -> list[dict[str, Any]]:
        return self.call([msg] * len(self.procs))

    def wait_delivered(self, seq: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not all(seq in g for g in self.got):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready = wait_pipes(self.results, left)
            for i, pipe in enumerate(self.results):
                if pipe in ready:
                    msg: dict[str, Any] = pipe.recv()
                    if msg["kind"] == "got":
                        self.got[i].add(msg["seq"])
        return True

    def stop(self) -> None:
        for pipe in self.commands:
            pipe.send({"op": "exit"})
        for proc in self.procs:
            proc.join(5)
            if proc.is_alive():
                proc.kill()


class ControlPoster:
    """Posts clock controls over one keep-alive HTTP/1.1 connection, as a facilitator's console.

    A trigger's clock starts when its request bytes are handed to the socket, as the bare
    server's starts when its websocket message is: the request is encoded beforehand, so what is
    measured is the server, not the client library (httpx spends about a millisecond of Python on
    each request before sending it).
    """

    def __init__(self, port: int, session_id: str, token: str) -> None:
        self.path = f"/api/v1/sessions/{session_id}/live/controls"
        self.head = (
            f"POST {self.path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
        )
        self.port = port
        self.kinds = iter(["start"] + ["pause", "resume"] * 10**6)
        self.sock: socket.socket | None = None
        self.last_used = 0.0
        self.seq = 0  # of the last event a control made
        self.buffer = b""

    def _connect(self) -> socket.socket:
        # uvicorn closes a keep-alive connection idle for 5 s (while clients connect, say):
        # open a fresh one well before that, so no request ever meets a closing connection.
        if self.sock is None or time.monotonic() - self.last_used > 2.0:
            self.close()
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.buffer = b""
        return self.sock

    def post(self) -> tuple[int, int]:
        """Send the next control (start, then pause and resume by turns): (seq, sent at ns)."""
        body = json.dumps({"id": uuid.uuid4().hex, "kind": next(self.kinds)}).encode()
        request = f"{self.head}Content-Length: {len(body)}\r\n\r\n".encode() + body
        sock = self._connect()
        sent = time.time_ns()
        sock.sendall(request)
        status, reply = self._response()
        self.last_used = time.monotonic()
        if status != 200:
            raise RuntimeError(f"control refused ({status}): {reply[:300]!r}")
        self.seq = int(json.loads(reply)["seq"])
        return self.seq, sent

    def _response(self) -> tuple[int, bytes]:
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in lines[1:])
        length = int(headers["content-length"])
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return int(lines[0].split()[1]), body

    def _fill(self) -> None:
        assert self.sock is not None
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the control connection")
        self.buffer += chunk

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def connect_to(
    clients: Clients, port: int, path: str, headers: dict[str, str], total: int
) -> tuple[int, list[str]]:
    """Open ``total`` more connections, split across the client processes."""
    share = [
        total // len(clients.procs) + (i < total % len(clients.procs))
        for i in range(len(clients.procs))
    ]
    msg = {"op": "connect", "host": "127.0.0.1", "port": port, "path": path, "headers": headers}
    replies = clients.call([{**msg, "count": c} for c in share])
    opened = sum(r["open"] for r in replies)
    errors = [e for r in replies for e in r["error"]]
    return opened, errors


def measure(
    clients: Clients, trigger: Any, opened: int, label: str, notes: list[str]
) -> dict[str, Any]:
    """Fire WARMUP + EVENTS events; latencies in ms, trigger round trips, spreads."""
    sent: dict[int, int] = {}
    rtt_of: dict[int, float] = {}
    rtts: list[float] = []
    missing = 0
    for i in range(WARMUP + EVENTS):
        seq, t0 = trigger()  # t0: when the trigger's bytes went to the socket
        rtt = (time.time_ns() - t0) / 1e6
        delivered_all = clients.wait_delivered(seq, DELIVERY_TIMEOUT)
        if i >= WARMUP:
            sent[seq] = t0
            rtt_of[seq] = rtt
            rtts.append(rtt)
        if not delivered_all:
            missing += 1
            notes.append(
                f"{label}: event {seq} not delivered to every client in "
                f"{DELIVERY_TIMEOUT:.0f} s (connections lost?); stopped this N there"
            )
            break
        time.sleep(GAP)
    replies = clients.call_all({"op": "collect"})
    latencies: list[float] = []
    spreads: list[float] = []
    per_event: list[tuple[int, float, float, float, int]] = []
    delivered = 0
    for seq, t0 in sent.items():
        times = [t for r in replies for t in r["recv"].get(seq, [])]
        delivered += len(times)
        if not times:
            continue
        first = min(times)
        latencies += [(t - t0) / 1e6 for t in times]
        per_event.append((seq, rtt_of[seq], (first - t0) / 1e6, (max(times) - t0) / 1e6, t0))
        spreads += [(t - first) / 1e6 for t in times]
    return {
        "latencies": latencies,
        "spreads": spreads,
        "rtts": rtts,
        "per_event": per_event,
        "delivered": delivered,
        "expected": opened * len(sent),
        "missing_events": missing,
        "frame_size": max(r["frame_size"] for r in replies),
        "hello_size": max(r["hello_size"] for r in replies),
    }


Rows = dict[int, dict[str, Any]]


def run_roundtable(
    clients: Clients, sizes: list[int], started: float, notes: list[str], gc_log: bool = False
) -> tuple[Rows, Rows, list[tuple[int, float]] | None]:

    from tests.e2e.server import LiveServer

    results: dict[int, dict[str, Any]] = {}
    skew: dict[int, dict[str, Any]] = {}
    pauses: list[tuple[int, float]] | None = None
    with tempfile.TemporaryDirectory(prefix="bench-fanout-") as tmp:
        env = {"UVICORN_LOG_LEVEL": "warning"}
        if gc_log:  # a sitecustomize in the server's path logs its full collections
            (Path(tmp) / "sitecustomize.py").write_text(GC_HOOK)
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [tmp, os.environ.get("PYTHONPATH")]))
            env["BENCH_FANOUT_GC_LOG"] = str(Path(tmp) / "gc.log")
        server = LiveServer(Path(tmp), env=env)
        server.start()
        try:
            session = server.create_session()
            people = [
                server.add_participant(
                    session, name, f"{name.split()[0].lower()}@example.com", dept
                )
                for name, dept in PEOPLE
            ]
            person = people[0]  # every client uses this one participant's token
            plan = server.api(
                "POST",
                f"/api/v1/sessions/{session.id}/plan",
                json={"rounds": 3},
                token=session.facilitator_token,
            )
            plan.raise_for_status()
            poster = ControlPoster(server.port, session.id, session.facilitator_token)
            trigger = poster.post
            trigger()  # start the clock; every event after this one is a pause or a resume
            for _ in range(3):  # warm the route up before anything is measured
                trigger()
            assert server.pid is not None
            base_rss = rss_kib(server.pid)
            # As a phone that has just loaded its page: it asks for the events after the seq
            # the page showed, which is the latest (no backlog to replay, as on the bare server).
            path = f"/api/v1/sessions/{session.id}/live/ws?since={{}}"
            headers = {"Authorization": f"Bearer {person.token}"}
            opened = 0
            for n in sizes:
                if time.monotonic() - started > TIME_BUDGET * 0.55:
                    notes.append(f"Roundtable N={n} skipped: time budget ({TIME_BUDGET:.0f} s).")
                    break
                t_connect = time.monotonic()
                now_open, errors = connect_to(
                    clients, server.port, path.format(poster.seq), headers, n - opened
                )
                connect_s = time.monotonic() - t_connect
                opened = now_open
                if errors:
                    notes.append(
                        f"Roundtable N={n}: {n - opened} connections failed, e.g. {errors[0]}"
                    )
                time.sleep(1.0)  # let the last joins finish their replay and register
                rss = rss_kib(server.pid)
                progress(f"  Roundtable N={n}: {opened} open in {connect_s:.1f} s")
                row = measure(clients, trigger, opened, f"Roundtable N={n}", notes)
                row.update(open=opened, kib_per_conn=(rss - base_rss) / max(opened, 1))
                row.update(connect_s=connect_s, rss_mib=rss / 1024)
                results[n] = row
                if n in (100, 2000):
                    sk = clients.call_all({"op": "skew", "count": SKEW_CLIENTS // CLIENT_PROCS})
                    skew[n] = {
                        "offsets": [o for r in sk for o in r["offsets"]],
                        "rtts": [x for r in sk for x in r["rtts"]],
                    }
                if opened < n:
                    break
            clients.call_all({"op": "close"})
            poster.close()
            if gc_log:
                pauses = [
                    (int(t), float(ms))
                    for t, ms in (
                        line.split() for line in (Path(tmp) / "gc.log").read_text().splitlines()
                    )
                ]

        finally:
            server.stop()
    return results, skew, pauses


def run_bare(
    clients: Clients, sizes: list[int], frame_size: int, started: float, notes: list[str]
) -> Rows:
    from websockets.sync.client import connect

    from tests.e2e.server import free_port

    port = free_port()
    ctx = mp.get_context("spawn")
    ready = ctx.Event()
    proc = ctx.Process(target=bare_main, args=(port, ready), daemon=True)
    proc.start()
    results: dict[int, dict[str, Any]] = {}
    try:
        if not ready.wait(20):
            raise RuntimeError("the bare websockets server did not start")
        control = connect(f"ws://127.0.0.1:{port}/control").__enter__()
        seqs = iter(range(1, 10**9))

        def trigger() -> tuple[int, int]:
            seq = next(seqs)
            message = f"{seq} {frame_size}"
            sent = time.time_ns()
            control.send(message)
            control.recv(30)
            return seq, sent

        time.sleep(0.5)
        assert proc.pid is not None
        base_rss = rss_kib(proc.pid)
        opened = 0
        for n in sizes:
            if time.monotonic() - started > TIME_BUDGET:
                notes.append(f"bare N={n} skipped: time budget ({TIME_BUDGET:.0f} s).")
                break
            opened, errors = connect_to(clients, port, "/", {}, n - opened)
            if errors:
                notes.append(f"bare N={n}: {n - opened} connections failed, e.g. {errors[0]}")
            time.sleep(0.5)
            rss = rss_kib(proc.pid)
            progress(f"  bare N={n}: {opened} open")
            row = measure(clients, trigger, opened, f"bare N={n}", notes)
            row.update(open=opened, kib_per_conn=(rss - base_rss) / max(opened, 1))
            results[n] = row
            if opened < n:
                break
        clients.call_all({"op": "close"})
        control.__exit__(None, None, None)
    finally:
        proc.kill()
        proc.join(5)
    return results


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def verdict(ok: bool | None) -> str:
    return "n/a " if ok is None else ("PASS" if ok else "FAIL")


def report(
    ours: dict[int, dict[str, Any]],
    bare: dict[int, dict[str, Any]],
    skew: dict[int, dict[str, Any]],
    sizes: list[int],
    notes: list[str],
    info: str,
    per_event: bool = False,
) -> None:
    def ms(row: dict[str, Any] | None, key: str, q: float) -> str:
        if not row or not row[key]:
            return "—"
        return f"{pct(row[key], q):.1f}"

    print()
    print(f"Live fan-out, one session, one worker — {info}")
    print(
        f"{EVENTS} events per N (after {WARMUP} warm-up), latency = trigger sent -> frame received"
    )
    print()
    header = (
        f"{'N':>6} {'open':>6} | {'ours p50':>8} {'ours p99':>8} | {'bare p50':>8} {'bare p99':>8}"
        f" | {'p99 ratio':>9} | {'ours KiB/conn':>13} {'bare KiB/conn':>13}"
    )
    print(header)
    print("-" * len(header))
    for n in sizes:
        o, b = ours.get(n), bare.get(n)
        if not o and not b:
            print(f"{n:>6} {'—':>6} | {'not run':>8}")
            continue
        kib_o = f"{o['kib_per_conn']:.1f}" if o else "—"
        kib_b = f"{b['kib_per_conn']:.1f}" if b else "—"
        ratio = "—"
        if o and b and o["latencies"] and b["latencies"]:
            ratio = f"{pct(o['latencies'], 99) / pct(b['latencies'], 99):.2f}x"
        print(
            f"{n:>6} {o['open'] if o else '—':>6} | {ms(o, 'latencies', 50):>8} "
            f"{ms(o, 'latencies', 99):>8} | {ms(b, 'latencies', 50):>8} {ms(b, 'latencies', 99):>8}"
            f" | {ratio:>9} | {kib_o:>13} {kib_b:>13}"
        )
    print(
        "(ms; ours = POST /live/controls -> frame; bare = control ws message -> broadcast() frame)"
    )
    print()
    header2 = (
        f"{'N':>6} | {'ours trigger rtt p50':>20} {'ours spread p99':>15} | "
        f"{'bare trigger rtt p50':>20} {'bare spread p99':>15} | {'delivered ours / bare':>25}"
        f" | {'ours connect s':>14}"
    )
    print(header2)
    print("-" * len(header2))
    for n in sizes:
        o, b = ours.get(n), bare.get(n)
        if not o and not b:
            continue
        rtt_o = f"{statistics.median(o['rtts']):.1f}" if o else "—"
        rtt_b = f"{statistics.median(b['rtts']):.1f}" if b else "—"
        dl_o = f"{o['delivered']}/{o['expected']}" if o else "—"
        dl_b = f"{b['delivered']}/{b['expected']}" if b else "—"
        conn = f"{o['connect_s']:.1f}" if o else "—"
        print(
            f"{n:>6} | {rtt_o:>20} {ms(o, 'spreads', 99):>15} | {rtt_b:>20} "
            f"{ms(b, 'spreads', 99):>15} | {dl_o + ' / ' + dl_b:>25} | {conn:>14}"
        )
    print("(trigger rtt: POST answered / ack received; spread: receive - event's first receive)")
    print()
    for n, s in sorted(skew.items()):
        errs = [abs(x) for x in s["offsets"]]
        if errs:
            print(
                f"clock skew at N={n}: {len(errs)} clients, |offset| p50 {pct(errs, 50):.2f} ms, "
                f"p99 {pct(errs, 99):.2f} ms, max {max(errs):.2f} ms; best rtt p50 "
                f"{pct(s['rtts'], 50):.2f} ms"
            )
    print()

    def p99(rows: dict[int, dict[str, Any]], n: int) -> float | None:
        row = rows.get(n)
        return pct(row["latencies"], 99) if row and row["latencies"] else None

    o2000, b2000 = p99(ours, 2000), p99(bare, 2000)
    largest = max(ours) if ours else None
    kib = ours[largest]["kib_per_conn"] if largest else None
    s100 = [abs(x) for x in skew.get(100, {}).get("offsets", [])]
    skew99 = pct(s100, 99) if s100 else None
    goals = [
        (
            f"p99 <= {GOAL_P99_MS:.0f} ms at 2,000 clients",
            f"{o2000:.1f} ms" if o2000 is not None else "not measured",
            None if o2000 is None else o2000 <= GOAL_P99_MS,
        ),
        (
            f"our p99 <= {GOAL_RATIO}x bare p99 at 2,000",
            f"{o2000 / b2000:.2f}x" if o2000 and b2000 else "not measured",
            None if not (o2000 and b2000) else o2000 <= GOAL_RATIO * b2000,
        ),
        (
            f"<= {GOAL_KIB_PER_CONN:.0f} KiB per connection (N={largest})",
            f"{kib:.1f} KiB" if kib is not None else "not measured",
            None if kib is None else kib <= GOAL_KIB_PER_CONN,
        ),
        (
            f"clock-skew p99 <= {GOAL_SKEW_MS:.0f} ms (100 clients)",
            f"{skew99:.2f} ms" if skew99 is not None else "not measured",
            None if skew99 is None else skew99 <= GOAL_SKEW_MS,
        ),
    ]
    if per_event:
        for name, rows in (("ours", ours), ("bare", bare)):
            for n, row in sorted(rows.items()):
                cells = " ".join(
                    f"#{seq}:{rtt:.0f}/{first:.0f}/{last:.0f}"
                    for seq, rtt, first, last, _ in row["per_event"]
                )
                print(f"{name} N={n} per event (trigger rtt/first/last ms): {cells}")
        print()
    print("Goals")
    for name, value, ok in goals:
        print(f"  [{verdict(ok)}] {name:<42} {value}")
    for n in sizes:
        p_o, p_b = p99(ours, n), p99(bare, n)
        if p_o and p_b and n != 2000:
            print(f"  (info) ratio at N={n}: {p_o / p_b:.2f}x; p99 {p_o:.1f} ms vs {p_b:.1f} ms")
    for note in notes:
        print(f"  note: {note}")


def main() -> None:
    global GAP  # one knob for the whole run, read by measure()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="N = 100 and 1,000 only")
    parser.add_argument("--events", action="store_true", help="print every event's timings")
    parser.add_argument(
        "--gc-log", action="store_true", help="log the server's full (gen 2) GC pauses"
    )
    parser.add_argument(
        "--gap",
        type=float,
        default=GAP,
        help=f"seconds of quiet after each event is delivered (default {GAP}; goals use it)",
    )
    args = parser.parse_args()
    GAP = args.gap
    sizes = SIZES[:2] if args.quick else SIZES
    started = time.monotonic()
    notes: list[str] = []
    fd_limit = raise_fd_limit()  # inherited by the server and the client processes
    if fd_limit < max(sizes) + 200:
        fitting = [n for n in sizes if n + 200 <= fd_limit]
        notes.append(
            f"open-file limit {fd_limit}: sizes above {fitting[-1] if fitting else 0} skipped"
        )
        sizes = fitting
    clients = Clients(CLIENT_PROCS)
    try:
        print(f"Roundtable: N = {sizes} ...", file=sys.stderr, flush=True)
        ours, skew, gc_pauses = run_roundtable(clients, sizes, started, notes, gc_log=args.gc_log)
        frame_size = max((r["frame_size"] for r in ours.values()), default=300)
        hello_size = max((r["hello_size"] for r in ours.values()), default=0)
        print(f"bare websockets (frame {frame_size} B) ...", file=sys.stderr, flush=True)
        bare = run_bare(clients, sizes, frame_size, started, notes)
    finally:
        clients.stop()
    from importlib.metadata import version

    info = (
        f"{os.cpu_count()} cores, uvloop clients x{CLIENT_PROCS}, websockets "
        f"{version('websockets')}, clock frame {frame_size} B, hello {hello_size} B, "
        f"{GAP * 1000:.0f} ms between events, run {time.monotonic() - started:.0f} s"
    )
    report(ours, bare, skew, SIZES, notes, info, per_event=args.events)
    if gc_pauses is not None:
        pauses = gc_pauses
        print(f"server full GCs (gen 2) during the Roundtable phase: {len(pauses)}")
        for n, row in sorted(ours.items()):
            events = row["per_event"]
            if not events:
                continue
            # A pause hit an event if it ended after the trigger and began before the last
            # delivery (the log holds each collection's end time and length).
            hit = [
                f"#{seq} {last:.0f} ms (GC {ms:.0f} ms)"
                for seq, _, _, last, t0 in events
                for end, ms in pauses
                if t0 < end and end - ms * 1e6 < t0 + last * 1e6
            ]
            print(f"  N={n}: events a full GC overlapped: {' '.join(hit) or 'none'}")
        print(
            "  gen-2 pauses >= 5 ms (ms): " + " ".join(f"{ms:.0f}" for _, ms in pauses if ms >= 5)
        )


if __name__ == "__main__":
    main()
