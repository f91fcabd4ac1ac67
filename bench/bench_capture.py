"""Benchmark of the capture board: capture-to-visible latency on every client of a busy session.

Run from the repository root: ``python bench/bench_capture.py`` (about 30 seconds; options:
``--clients 200 --rate 20 --seconds 10``; ``--events`` prints each capture's timings).

What runs where (one machine, one clock):

- one Roundtable worker (``tests/e2e/server.py``'s LiveServer: ``uvicorn app.main:app`` on a
  free port, a temporary SQLite database, the memory broadcast backend, log level warning);
- two client processes (uvloop when installed) holding the websocket clients of the session
  between them: a minimal websocket protocol on ``asyncio.Protocol`` that stamps
  ``time.time_ns()`` in ``data_received`` and reads the event's ``seq`` from the frame;
- this process: 20 department heads capture at a steady rate (open loop: a capture is sent on
  its schedule whether or not the previous one was answered), each ``POST …/board/items``
  through its own keep-alive HTTP connection. The answer names the ``seq`` of the capture's
  live event, which is how a client's frame is matched to its capture.

Latency = capture sent (just before the request is written) -> that capture's ``board`` frame
received by a client; every (capture, client) pair counts, so p99 is over captures x clients.
"Slowest client" is, per capture, the last client to see it. The machine's load average is
printed before and after: other work on a shared machine shows up in the tail.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import re
import resource
import sys
import tempfile
import time
import uuid
from multiprocessing.connection import Connection as Pipe
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from bench_fanout import Clients, server_frames  # noqa: E402  (shared with the fan-out bench)

CLIENT_PROCS = 2
CONNECT_CONCURRENCY = 32
TYPISTS = 20  # department heads who capture (the websocket clients use their links too)
DEPARTMENTS = ("Finance", "Sales", "Product", "Engineering", "Operations")
IMPACTS = ("low", "medium", "high", "critical")
WARMUP = 5
DRAIN_SECONDS = 10.0
GOAL_P99_MS = 100.0
SEQ = re.compile(rb'"seq":\s*(\d+)')


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def use_uvloop() -> str:
    try:
        import uvloop
    except ImportError:
        return "asyncio"
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"


# --------------------------------------------------------------------------------------------
# Client processes: many websocket clients of one session, stamping board frames.


class BoardSocket(asyncio.Protocol):
    """One websocket client: handshake, then server frames parsed in ``data_received``."""

    def __init__(self, owner: ClientProcess, request: bytes) -> None:
        self.owner = owner
        self.request = request
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.upgraded = False
        self.hello: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's is no subclass
        transport.write(self.request)  # type: ignore[attr-defined]

    def connection_lost(self, exc: Exception | None) -> None:
        self.owner.lost += 1
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
            if b" 101 " not in bytes(buf[: buf.find(b"\r\n")]):
                self.hello.set_exception(ConnectionError(bytes(buf[:80]).decode(errors="replace")))
                return
            del buf[: end + 4]
            self.upgraded = True
        for opcode, payload in server_frames(buf):
            if opcode == 1:
                self.on_text(payload, now)
            elif opcode == 9:
                self.send_frame(0xA, payload)

    def on_text(self, payload: bytes, now: int) -> None:
        head = payload[:24]
        if b'"board"' in head:
            match = SEQ.search(payload)
            if match:
                self.owner.received(int(match.group(1)), now)
        elif b'"hello"' in head and not self.hello.done():
            self.hello.set_result(None)
        elif b'"resync"' in head:
            self.owner.resyncs += 1

    def send_frame(self, opcode: int, payload: bytes) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        mask = os.urandom(4)
        length = len(payload)
        header = bytes([0x80 | opcode, 0x80 | length])  # control frames are < 126 bytes
        key = int.from_bytes((mask * (length // 4 + 1))[:length], "big") if length else 0
        body = (int.from_bytes(payload, "big") ^ key).to_bytes(length, "big") if length else b""
        self.transport.write(header + mask + body)


class ClientProcess:
    """Holds connections for the main process; answers its commands over a pipe."""

    def __init__(self, commands: Pipe, results: Pipe) -> None:
        self.commands = commands
        self.results = results
        self.sockets: list[BoardSocket] = []
        self.recv: dict[int, list[int]] = {}
        self.lost = 0
        self.resyncs = 0

    def received(self, seq: int, now: int) -> None:
        self.recv.setdefault(seq, []).append(now)

    async def connect(self, msg: dict[str, Any]) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        gate = asyncio.Semaphore(CONNECT_CONCURRENCY)
        failures: list[str] = []

        async def one(token: str) -> None:
            key = base64.b64encode(os.urandom(16)).decode()
            lines = [
                f"GET {msg['path']} HTTP/1.1",
                f"Host: {msg['host']}:{msg['port']}",
                "Upgrade: websocket",
                "Connection: Upgrade",
                f"Sec-WebSocket-Key: {key}",
                "Sec-WebSocket-Version: 13",
                f"Authorization: Bearer {token}",
            ]
            request = ("\r\n".join(lines) + "\r\n\r\n").encode()
            async with gate:
                try:
                    _, sock = await loop.create_connection(
                        lambda: BoardSocket(self, request), msg["host"], msg["port"]
                    )
                    await asyncio.wait_for(sock.hello, 20)
                    self.sockets.append(sock)
                except (OSError, TimeoutError, ConnectionError) as error:
                    failures.append(repr(error)[:200])

        await asyncio.gather(*(one(token) for token in msg["tokens"]))
        return {"open": len(self.sockets), "failed": len(failures), "error": failures[:1]}

    async def run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            msg = await loop.run_in_executor(None, self.commands.recv)
            if msg["op"] == "exit":
                for sock in self.sockets:
                    if sock.transport is not None:
                        sock.transport.close()
                return
            if msg["op"] == "connect":
                reply = await self.connect(msg)
            elif msg["op"] == "collect":
                reply = {"recv": self.recv, "lost": self.lost, "resyncs": self.resyncs}
            else:
                reply = {"error": f"unknown op {msg['op']}"}
            self.results.send(reply)


def client_main(commands: Pipe, results: Pipe) -> None:
    raise_fd_limit()
    use_uvloop()
    asyncio.run(ClientProcess(commands, results).run())


# --------------------------------------------------------------------------------------------
# The main process: a session, the captures, the numbers.


def capture_body(n: int, typist: Any) -> dict[str, Any]:
    others = [d for d in DEPARTMENTS if d != typist.department]
    return {
        "id": uuid.uuid4().hex,
        "from_team": typist.department,
        "to_teams": [others[n % len(others)]],
        "what_happens": f"Capture {n}: hand-offs from {typist.department} land a week late",
        "impact": IMPACTS[n % len(IMPACTS)],
        "no_goal": True,
    }


async def drive(
    base_url: str, session_id: str, typists: list[Any], rate: float, seconds: float
) -> list[dict[str, Any]]:
    """Send the captures on schedule; each one's send time, answer time, status and seq."""
    import httpx

    clients = [
        httpx.AsyncClient(base_url=base_url, timeout=30.0, headers={"Authorization": f"Bearer {t}"})
        for t in (typist.token for typist in typists)
    ]
    url = f"/api/v1/sessions/{session_id}/board/items"
    records: list[dict[str, Any]] = []

    async def one(n: int, warmup: bool) -> None:
        typist = n % len(typists)
        body = capture_body(n, typists[typist])
        sent = time.time_ns()
        try:
            response = await clients[typist].post(url, json=body)
            seq = response.json().get("seq") if response.status_code == 201 else None
            status = response.status_code
        except Exception as error:
            seq, status = None, repr(error)[:60]
        records.append(
            {
                "n": n,
                "sent": sent,
                "answered": time.time_ns(),
                "seq": seq,
                "status": status,
                "warmup": warmup,
            }
        )

    try:
        for n in range(WARMUP):  # one at a time: the routes, the cache and the sockets warm up
            await one(n, True)
        await asyncio.sleep(0.5)
        tasks = []
        start = time.monotonic()
        total = round(rate * seconds)
        for i in range(total):
            delay = start + i / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(WARMUP + i, False)))
        await asyncio.gather(*tasks)
    finally:
        for client in clients:
            await client.aclose()
    return records


def run(args: argparse.Namespace) -> None:
    from tests.e2e.server import LiveServer

    raise_fd_limit()
    load_before = os.getloadavg()
    clients = Clients(CLIENT_PROCS, target=client_main)
    with tempfile.TemporaryDirectory(prefix="bench-capture-") as tmp:
        server = LiveServer(Path(tmp), env={"UVICORN_LOG_LEVEL": "warning"})
        server.start()
        try:
            session = server.create_session()
            typists = [
                server.add_participant(
                    session, f"Head {i:02d}", f"head{i:02d}@example.com", DEPARTMENTS[i % 5]
                )
                for i in range(TYPISTS)
            ]
            tokens = [typists[i % TYPISTS].token for i in range(args.clients)]
            path = f"/api/v1/sessions/{session.id}/live/ws?since=0"
            share = [tokens[i::CLIENT_PROCS] for i in range(CLIENT_PROCS)]
            msg = {"op": "connect", "host": "127.0.0.1", "port": server.port, "path": path}
            t0 = time.monotonic()
            replies = clients.call([{**msg, "tokens": part} for part in share])
            opened = sum(r["open"] for r in replies)
            errors = [e for r in replies for e in r["error"]]
            print(
                f"{opened}/{args.clients} clients connected in {time.monotonic() - t0:.1f} s"
                + (f"; e.g. {errors[0]}" if errors else ""),
                file=sys.stderr,
            )
            time.sleep(1.0)
            print(f"capturing: {args.rate:g}/s for {args.seconds:g} s ...", file=sys.stderr)
            records = asyncio.run(
                drive(server.base_url, session.id, typists, args.rate, args.seconds)
            )
            time.sleep(0.5)
            deadline = time.monotonic() + DRAIN_SECONDS
            while True:  # until every client saw every capture (or the drain time is up)
                collected = clients.call([{"op": "collect"}] * CLIENT_PROCS)
                recv: dict[int, list[int]] = {}
                for reply in collected:
                    for seq, times in reply["recv"].items():
                        recv.setdefault(int(seq), []).extend(times)
                seqs = [r["seq"] for r in records if r["seq"] is not None]
                if all(len(recv.get(s, [])) >= opened for s in seqs):
                    break
                if time.monotonic() > deadline:
                    break
                time.sleep(0.2)
            lost = sum(r["lost"] for r in collected)
            resyncs = sum(r["resyncs"] for r in collected)
        finally:
            server.stop()
            clients.stop()
    report(args, records, recv, opened, lost, resyncs, load_before, os.getloadavg())


def report(
    args: argparse.Namespace,
    records: list[dict[str, Any]],
    recv: dict[int, list[int]],
    opened: int,
    lost: int,
    resyncs: int,
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
) -> None:
    measured = [r for r in records if not r["warmup"]]
    ok = [r for r in measured if r["seq"] is not None]
    latencies: list[float] = []
    slowest: list[float] = []
    answers: list[float] = []
    delivered = 0
    for r in ok:
        times = recv.get(r["seq"], [])
        delivered += len(times)
        answers.append((r["answered"] - r["sent"]) / 1e6)
        if times:
            per_client = [(t - r["sent"]) / 1e6 for t in times]
            latencies += per_client
            slowest.append(max(per_client))
        if args.events:
            print(
                f"capture {r['n']:>4} seq {r['seq']:>4}: answered "
                f"{(r['answered'] - r['sent']) / 1e6:6.1f} ms, first "
                f"{(min(times) - r['sent']) / 1e6 if times else float('nan'):6.1f} ms, last "
                f"{max(per_client) if times else float('nan'):6.1f} ms, {len(times)} clients"
            )
    failed = [r for r in measured if r["seq"] is None]
    span = (max(r["sent"] for r in measured) - min(r["sent"] for r in measured)) / 1e9
    print()
    print(
        f"Capture board, one session, one worker — {os.cpu_count()} cores; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    print(
        f"{opened} websocket clients, {len(measured)} captures at {args.rate:g}/s over "
        f"{span:.1f} s (+{WARMUP} warm-up), {TYPISTS} people capturing"
    )
    print()
    header = f"{'':<36} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}"
    print(header)
    print("-" * len(header))

    def row(name: str, values: list[float]) -> None:
        if not values:
            print(f"{name:<36} {'—':>8} {'—':>8} {'—':>8} {'—':>8}")
            return
        print(
            f"{name:<36} {pct(values, 50):>8.1f} {pct(values, 95):>8.1f} "
            f"{pct(values, 99):>8.1f} {max(values):>8.1f}"
        )

    row("capture -> visible, all clients (ms)", latencies)
    row("capture -> visible, slowest client", slowest)
    row("capture -> answered (POST round trip)", answers)
    print()
    expected = len(ok) * opened
    print(
        f"delivered {delivered}/{expected} frames; failed captures {len(failed)}"
        + (f" (e.g. {failed[0]['status']})" if failed else "")
        + f"; connections lost {lost}; resyncs {resyncs}"
    )
    p99 = pct(latencies, 99) if latencies else None
    verdict = "n/a " if p99 is None else ("PASS" if p99 <= GOAL_P99_MS else "FAIL")
    shown = f"{p99:.1f} ms" if p99 is not None else "not measured"
    print(
        f"Goal: [{verdict}] capture -> visible p99 <= {GOAL_P99_MS:.0f} ms on all clients: {shown}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="websocket clients (200)")
    parser.add_argument("--rate", type=float, default=20.0, help="captures per second (20)")
    parser.add_argument("--seconds", type=float, default=10.0, help="capture for (10 s)")
    parser.add_argument("--events", action="store_true", help="print every capture's timings")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
