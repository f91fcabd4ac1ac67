"""Benchmark of many rooms at once: S sessions of 40 on ``roundtable serve --workers N``.

Run from the repository root (PostgreSQL on 127.0.0.1:5432 as for the tests; ``redis-server``
on the PATH or ``--redis-url``)::

    .venv/bin/python bench/bench_load.py           # S = 10, 25, 50, 100 on 1 and 2 workers
    .venv/bin/python bench/bench_load.py --sessions 2,5 --duration 15 --warmup 5   # quick

Options: ``--sessions 10,25,50,100`` ``--workers 1,2`` ``--duration 60`` (measured seconds per
run) ``--warmup 10`` ``--participants 40`` ``--client-procs 2`` ``--refine 0`` (extra runs that
bisect between the largest passing and the smallest failing S) ``--database-url`` (an admin URL;
a scratch database is created in it and dropped after) ``--redis-url`` (default: a private
``redis-server`` on a free port, so its INFO counts only this bench) ``--seed`` ``--server-rt``
(real-time priority for the server's threads; root).

What runs where, per (S, N):

- PostgreSQL: a scratch database, migrated once; each run creates S fresh sessions through the
  services (``sessions.create_session``, ``participants.add_participant``, ``links.issue_link``,
  ``plans.generate``: 40 department heads in 8 departments, 6 rounds of pairs), as the API would;
- the server: ``roundtable serve --workers N`` (``tests/e2e/server.py``'s LiveServer with
  ``cli=True``) with ``DATABASE_URL`` on that database and ``BROADCAST_URL`` on Redis;
- the clients: ``--client-procs`` processes (``bench/load_client.py``), each owning whole
  sessions (round robin): per session 40 phones, the console and the big screen on websockets,
  the facilitator's clock control every ~10 s, each participant's capture and vote about once a
  minute each, the executive reading the summary every ~30 s, 5 % of sockets dropped and resumed
  (``since`` = last seq) per minute;
- this process: sets up, samples the server's processes (CPU from ``/proc/<pid>/stat``, VmRSS),
  ``pg_stat_activity`` for the scratch database and Redis ``INFO`` once a second during the
  measured window, and prints the tables and the goals.

Measures. control → visible and capture → visible (and vote → visible): from the moment the
request's bytes are written until a websocket of the same session holds the event's frame, over
every (action, viewer) pair whose connection was up when the action was sent; deliveries that
reached a viewer through its resume replay count for lost/duplicated, not for latency. Lost: per
viewer (a person's page across its reconnections), the seqs between its first ``since`` and the
session's final ``event_seq`` (read from the database after a drain) that it never received
(a socket opened with ``since=0`` gets the state as of a snapshot's seq in its hello instead of
the events up to it, as a page that never had an event does: those count as covered);
duplicated: seqs received twice. HTTP error rate: answers that are not 2xx (and failed
connections) over all requests; 5xx counted apart. Only measured-window actions count for
latency; every action counts for errors, lost and duplicated.

Scaling: a worker count *carries* S when capture → visible p99 <= 100 ms, 0 lost/duplicated and
0 5xx there; its capacity is the largest S measured that it carries. The scaling factor is
capacity(2 workers) / capacity(1 worker); when a worker count carries every S tried, its
capacity is only a lower bound and the factor is printed as such (give larger S, or --refine).

The machine is shared: the load average is printed with each run, and the client processes
compete with the server for the same cores (their CPU is printed too). ``--server-rt N`` (root)
gives every process a real-time priority by the machine it would have in production:
PostgreSQL and the private Redis at N + 10 (a database and a broker on hosts of their own never
wait for the app's CPU), every thread of the server at N, and this process and its clients at
N - 10 (phones do not share the server's cores in a real room). PostgreSQL's processes are put
back to normal scheduling afterwards. docs/SCALING.md's capacity runs were made so::

    .venv/bin/python bench/bench_load.py --sessions 65,80 --workers 1,2 --server-rt 20

Without it, a PostgreSQL backend that holds the WAL lock waited behind a busy worker thread of
the same priority for a round-robin time slice (100 ms), and every commit with it: last
session's "WAL waits" at 80 rooms on two workers.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import wait as wait_pipes
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from bench_fanout import Clients, pct, raise_fd_limit  # noqa: E402
from load_client import client_main  # noqa: E402

DEFAULT_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
DEPARTMENTS = (
    "Finance",
    "Sales",
    "Product",
    "Engineering",
    "Operations",
    "Marketing",
    "People",
    "Legal",
)
DRAIN_SECONDS = 4.0
DRAIN_LIMIT = 60.0  # seconds more for a server that is behind
GOAL_P99_MS = 100.0
GOAL_SESSIONS = 50
GOAL_WORKERS = 2
GOAL_SCALING = 1.6


@dataclass
class Config:
    sessions: list[int]
    workers: list[int]
    duration: float = 60.0
    warmup: float = 10.0
    participants: int = 40
    client_procs: int = 2
    refine: int = 0
    admin_url: str = DEFAULT_ADMIN_URL
    redis_url: str | None = None
    seed: int = 1
    server_rt: int = 0
    private_postgres: bool = False
    control_every: float = 10.0
    capture_per_min: float = 1.0
    vote_per_min: float = 1.0
    summary_every: float = 30.0
    drop_per_min: float = 0.05


@dataclass
class Run:
    """The figures of one (S, N) run."""

    sessions: int
    workers: int
    viewers: int = 0
    latency: dict[str, list[float]] = field(default_factory=dict)
    answers: dict[str, list[float]] = field(default_factory=dict)
    reads: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    lost: int = 0
    duplicates: int = 0
    expected: int = 0
    resyncs: int = 0
    drops: int = 0
    failed_connects: int = 0
    replayed: int = 0
    viewers_by_worker: dict[str, int] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)  # worker pid -> % of one core
    rss_idle: dict[int, float] = field(default_factory=dict)  # MiB before the clients
    rss: dict[int, float] = field(default_factory=dict)  # MiB at the end
    client_cpu: float = 0.0  # % of one core, all client processes
    pg_max: int = 0
    pg_active_max: int = 0
    pg_active_mean: float = 0.0
    redis: dict[str, float] = field(default_factory=dict)
    load: tuple[float, float] = (0.0, 0.0)
    machine_busy: float = 0.0  # % of all cores busy (anything: server, clients, PG, Redis)
    pg_cpu: float = 0.0  # % of one core, every postgres process
    wal_kib_s: float = 0.0  # WAL written per second (the whole cluster)
    commits_s: float = 0.0  # transactions committed per second in the bench database
    events: int = 0  # live events stored by the run, all sessions
    board_kib: float = 0.0  # mean stored board document at the end
    board_items: float = 0.0  # mean items on a board at the end
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def p(self, kind: str, q: float) -> float | None:
        values = self.latency.get(kind) or []
        return pct(values, q) if values else None

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if not (s.isdigit() and int(s) < 400))

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s.isdigit() and int(s) >= 500)

    @property
    def carried(self) -> bool:
        capture = self.p("capture", 99)
        return (
            capture is not None
            and capture <= GOAL_P99_MS
            and self.lost == 0
            and self.duplicates == 0
            and self.server_errors == 0
        )


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# PostgreSQL and Redis.


def postgres_bindir() -> Path:
    """The folder of PostgreSQL's server programs (initdb, pg_ctl)."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not candidates:
        raise SystemExit("PostgreSQL's pg_ctl is not installed: leave out --private-postgres")
    return candidates[-1].parent


@contextlib.contextmanager
def private_postgres() -> Iterator[str]:
    """A PostgreSQL server of our own on a free port, its files in memory (``/dev/shm``).

    Settings are the server's defaults (fsync and synchronous commit on): every commit still
    waits for its WAL flush, which memory makes as fast as a server's own NVMe disk. This
    machine's disk is rate-limited: fdatasync took 0.1 ms on a fresh machine and 1 to 84 ms
    after a few minutes of benches, which measured the VM's disk budget, not the product.
    """
    from tests.e2e.server import free_port

    bindir = postgres_bindir()
    memory = Path("/dev/shm")  # noqa: S108 - mkdtemp below makes a private (0700) folder in it
    base = memory if memory.is_dir() else None
    datadir = Path(tempfile.mkdtemp(prefix="bench-load-pg-", dir=base))
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres user
        import pwd

        account = pwd.getpwnam("postgres")
        os.chown(datadir, account.pw_uid, account.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    subprocess.run(
        [*as_user, str(bindir / "initdb"), "-D", str(datadir), "-U", "postgres", "-A", "trust"],
        check=True,
        **quiet,
    )
    options = f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1"
    subprocess.run(
        [*as_user, str(bindir / "pg_ctl"), "-D", str(datadir), "-o", options, "-w", "start"],
        check=True,
        **quiet,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_user, str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "stop"],
            check=False,
            **quiet,
        )
        shutil.rmtree(datadir, ignore_errors=True)


@contextlib.contextmanager
def scratch_database(admin_url: str) -> Iterator[str]:
    """A new database on the admin URL's server, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"bench_load_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextlib.contextmanager
def private_redis(workdir: Path, priority: int = 0) -> Iterator[str]:
    """A redis-server of our own on a free port, so its INFO counts this bench alone (at
    real-time ``priority`` when it is not 0)."""
    from tests.e2e.server import free_port

    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server is not on the PATH: pass --redis-url")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
            "--loglevel",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if priority:
        raise_priority([process.pid], priority)
    try:
        import redis

        client = redis.Redis(port=port)
        for _ in range(100):
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    break
            time.sleep(0.05)
        client.close()
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def redis_counters(url: str) -> dict[str, float]:
    """PUBLISH calls, commands processed, clients and channels from INFO."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        info = client.info("all")
    finally:
        client.close()
    publish = info.get("cmdstat_publish", {})
    return {
        "publish": float(publish.get("calls", 0) if isinstance(publish, dict) else 0),
        "commands": float(info.get("total_commands_processed", 0)),
        "clients": float(info.get("connected_clients", 0)),
        "channels": float(info.get("pubsub_channels", 0)),
        "net_out": float(info.get("total_net_output_bytes", 0)),
    }


# --------------------------------------------------------------------------------------------
# Sessions, made through the services.


def make_sessions(database_url: str, secret: str, count: int, people: int) -> list[dict[str, Any]]:
    """``count`` sessions of ``people`` with links and a plan; what the clients need of each."""
    from datetime import UTC, datetime, timedelta

    from sqlmodel import Session

    from app.services.links import service as links
    from app.services.people import service as participants
    from app.services.people.schemas import ParticipantCreate
    from app.services.plans import service as plans
    from app.services.plans.schemas import PlanSettings
    from app.services.sessions import service as sessions
    from app.services.sessions.schemas import SessionCreate
    from app.store.engine import make_engine

    engine = make_engine(database_url, 2)
    keys = links.LinkKeys(secret, "http://127.0.0.1")
    made = []
    starts = datetime.now(UTC) + timedelta(hours=1)
    try:
        for n in range(count):
            with Session(engine) as db:
                created = sessions.create_session(
                    db,
                    keys,
                    SessionCreate(
                        title=f"Load room {n + 1}",
                        starts_at=starts,
                        goals=["Cut onboarding time in half", "Grow net revenue retention"],
                    ),
                )
                sid = created.session.id
                team = []
                for i in range(people):
                    department = DEPARTMENTS[i % len(DEPARTMENTS)]
                    person = participants.add_participant(
                        db,
                        sid,
                        ParticipantCreate(
                            name=f"Head {i + 1:02d}",
                            email=f"head{i + 1:02d}@room{n + 1}.example.com",
                            department=department,
                        ),
                    )
                    assert person.id is not None
                    _, token = links.issue_link(db, keys, sid, "participant", person.id)
                    team.append({"id": person.id, "token": token, "department": department})
                db.commit()
                plans.generate(db, sid, PlanSettings(rounds=6), author="bench")
                seq = sessions.get_session(db, sid).event_seq
                made.append(
                    {
                        "id": sid,
                        "facilitator": created.facilitator_token,
                        "executive": created.executive_token,
                        "people": team,
                        "seq": seq,
                    }
                )
    finally:
        engine.dispose()
    return made


def event_types(database_url: str, sample: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sample of missing events with each seq's event type, read from the store."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            for entry in sample:
                rows = connection.execute(
                    text(
                        "SELECT seq, type FROM live_events WHERE session_id = :s AND seq = ANY(:q)"
                    ),
                    {"s": entry["session"], "q": entry["seqs"]},
                )
                entry["types"] = {int(seq): kind for seq, kind in rows}
        return sample
    finally:
        engine.dispose()


def final_seqs(database_url: str, ids: list[str]) -> tuple[dict[str, int], float, float]:
    """Each session's last event seq; the mean board document (KiB) and item count."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT id, event_seq FROM sessions WHERE id = ANY(:ids)"), {"ids": ids}
            )
            seqs = {row[0]: int(row[1]) for row in rows}
            kib, items = connection.execute(
                text(
                    "SELECT avg(octet_length(state::text)) / 1024.0, "
                    "avg(json_array_length(state->'items')) FROM board_states "
                    "WHERE session_id = ANY(:ids)"
                ),
                {"ids": ids},
            ).one()
            return seqs, float(kib or 0), float(items or 0)
    finally:
        engine.dispose()


# --------------------------------------------------------------------------------------------
# The server's processes.


def proc_stat(pid: int) -> tuple[int, float]:
    """(parent pid, CPU seconds used) of a process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def server_workers(pgid: int, workers: int) -> list[int]:
    """The pids that serve requests: the group leader alone, or its spawned worker children."""
    from tests.e2e.server import living_in_group

    if workers == 1:
        return [pgid]
    found = []
    for pid in living_in_group(pgid):
        try:
            parent, _ = proc_stat(pid)
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if parent == pgid and b"resource_tracker" not in command:
            found.append(pid)
    return sorted(found)


def raise_priority(pids: list[int], priority: int) -> None:
    """Every thread of ``pids`` to real-time round robin at ``priority`` (threads they start
    later inherit it from the thread that starts them). Needs root."""
    param = os.sched_param(priority)
    for pid in pids:
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{pid}/task"):
                with contextlib.suppress(OSError):
                    os.sched_setscheduler(int(task), os.SCHED_RR, param)


@contextlib.contextmanager
def realtime_postgres(priority: int) -> Iterator[None]:
    """PostgreSQL's processes (and the backends they start meanwhile) at real-time
    ``priority``; back to normal scheduling afterwards (0: leave them alone)."""
    if not priority:
        yield
        return
    raise_priority(postgres_pids(), priority)
    try:
        yield
    finally:
        for pid in postgres_pids():
            with contextlib.suppress(OSError):
                os.sched_setscheduler(pid, os.SCHED_OTHER, os.sched_param(0))


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    used = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            used[pid] = proc_stat(pid)[1]
    return used


class Sampler:
    """pg_stat_activity and the processes' CPU, once a second during the measured window."""

    def __init__(self, admin_url: str, database: str) -> None:
        from sqlalchemy import create_engine

        self.engine = create_engine(admin_url, pool_size=1, max_overflow=0)
        self.database = database
        self.totals: list[int] = []
        self.active: list[int] = []

    def _row(self, sql: str) -> Any:
        """One row of ``sql`` (``:db`` is the bench database's name)."""
        from sqlalchemy import text

        with self.engine.connect() as connection:
            return connection.execute(text(sql), {"db": self.database}).one()

    def sample(self) -> None:
        total, active = self._row(
            "SELECT count(*), count(*) FILTER (WHERE state <> 'idle') "
            "FROM pg_stat_activity WHERE datname = :db"
        )
        self.totals.append(int(total))
        self.active.append(int(active))

    def database_counters(self) -> tuple[float, float]:
        """(WAL bytes written since the cluster began, commits in the bench database)."""
        wal, commits = self._row(
            "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0'), "
            "(SELECT xact_commit FROM pg_stat_database WHERE datname = :db)"
        )
        return float(wal), float(commits or 0)

    def close(self) -> None:
        self.engine.dispose()


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def postgres_pids() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
    return found


# --------------------------------------------------------------------------------------------
# One run.


def run_one(
    config: Config, database_url: str, redis_url: str, secret: str, s: int, n: int, tmp: Path
) -> Run:
    from sqlalchemy.engine import make_url

    from tests.e2e.server import LiveServer

    run = Run(sessions=s, workers=n)
    started = time.monotonic()
    progress(f"[S={s} N={n}] setting up {s} sessions of {config.participants} ...")
    rooms = make_sessions(database_url, secret, s, config.participants)
    env = {
        "BROADCAST_URL": redis_url,
        "ROUNDTABLE_LOG_LEVEL": "warning",
        "ROUNDTABLE_MIGRATE_ON_START": "false",
    }
    server = LiveServer(
        tmp / f"server-{s}-{n}",
        workers=n,
        database_url=database_url,
        secret_key=secret,
        env=env,
        cli=True,
    )
    try:
        server.start(timeout=300)  # a contended machine imports the app slowly
    except BaseException:
        server.kill()  # start() kills only on its own error, not on Ctrl-C
        raise
    clients = Clients(config.client_procs, target=client_main)
    sampler = Sampler(config.admin_url, str(make_url(database_url).database))
    try:
        assert server.pgid is not None
        pids = server_workers(server.pgid, n)
        if config.server_rt:
            from tests.e2e.server import living_in_group

            raise_priority(living_in_group(server.pgid), config.server_rt)
        run.rss_idle = {pid: rss_mib(pid) for pid in pids}
        share = [rooms[i :: config.client_procs] for i in range(config.client_procs)]
        base = {
            "op": "connect",
            "host": "127.0.0.1",
            "port": server.port,
            "control_every": config.control_every,
            "capture_per_min": config.capture_per_min,
            "vote_per_min": config.vote_per_min,
            "summary_every": config.summary_every,
            "drop_per_min": config.drop_per_min,
        }
        t0 = time.monotonic()
        replies = clients.call(
            [
                {**base, "sessions": part, "seed": config.seed * 1000 + i}
                for i, part in enumerate(share)
            ]
        )
        run.viewers = sum(r["open"] for r in replies)
        failed = sum(r["failed"] for r in replies)
        progress(
            f"[S={s} N={n}] {run.viewers} sockets open in {time.monotonic() - t0:.1f} s"
            + (f", {failed} failed" if failed else "")
        )
        if failed:
            run.notes.append(f"{failed} sockets failed to connect at the start")
        client_pids = [p.pid for p in clients.procs if p.pid is not None]
        load_before = os.getloadavg()[0]
        for pipe in clients.commands:
            pipe.send({"op": "run", "warmup": config.warmup, "duration": config.duration})
        time.sleep(config.warmup)
        cpu0, client0, wall0 = cpu_seconds(pids), cpu_seconds(client_pids), time.monotonic()
        redis0, ticks0 = redis_counters(redis_url), machine_ticks()
        pg0, db0 = cpu_seconds(postgres_pids()), sampler.database_counters()
        pending = set(range(len(clients.procs)))
        window_end = wall0 + config.duration
        cpu1 = client1 = None
        wall1 = redis1 = None
        while pending:
            now = time.monotonic()
            if now < window_end:
                sampler.sample()
            elif cpu1 is None:
                cpu1, client1, wall1 = cpu_seconds(pids), cpu_seconds(client_pids), now
                redis1, ticks1 = redis_counters(redis_url), machine_ticks()
                pg1, db1 = cpu_seconds(postgres_pids()), sampler.database_counters()
            ready = wait_pipes([clients.results[i] for i in pending], 1.0)
            for i in list(pending):
                if clients.results[i] in ready:
                    clients.results[i].recv()
                    pending.discard(i)
        if cpu1 is None or client1 is None or wall1 is None or redis1 is None:
            cpu1, client1, wall1 = cpu_seconds(pids), cpu_seconds(client_pids), time.monotonic()
            redis1, ticks1 = redis_counters(redis_url), machine_ticks()
            pg1, db1 = cpu_seconds(postgres_pids()), sampler.database_counters()
        span = max(wall1 - wall0, 1e-6)
        run.cpu = {pid: 100 * (cpu1.get(pid, 0) - cpu0.get(pid, 0)) / span for pid in pids}
        run.client_cpu = (
            100 * sum(client1.get(p, 0) - client0.get(p, 0) for p in client_pids) / span
        )
        run.redis = {
            "publish_per_s": (redis1["publish"] - redis0["publish"]) / span,
            "commands_per_s": (redis1["commands"] - redis0["commands"]) / span,
            "net_out_kib_per_s": (redis1["net_out"] - redis0["net_out"]) / span / 1024,
            "clients": redis1["clients"],
            "channels": redis1["channels"],
        }
        run.rss = {pid: rss_mib(pid) for pid in pids}
        run.load = (load_before, os.getloadavg()[0])
        run.machine_busy = 100 * (ticks1[0] - ticks0[0]) / max(ticks1[1] - ticks0[1], 1)
        run.pg_cpu = 100 * sum(v - pg0.get(pid, 0.0) for pid, v in pg1.items()) / span
        run.wal_kib_s = (db1[0] - db0[0]) / 1024 / span
        run.commits_s = (db1[1] - db0[1]) / span
        if sampler.totals:
            run.pg_max = max(sampler.totals)
            run.pg_active_max = max(sampler.active)
            run.pg_active_mean = statistics.fmean(sampler.active)
        time.sleep(DRAIN_SECONDS)  # resumes finish, the last events arrive
        final, run.board_kib, run.board_items = final_seqs(
            database_url, [room["id"] for room in rooms]
        )
        # An overloaded server writes seconds behind: wait (up to DRAIN_LIMIT) until every
        # viewer holds every event, so that "lost" means never delivered, not still queued.
        drained = time.monotonic()
        while True:
            gaps = clients.call_all({"op": "missing", "final": final})
            missing = sum(g["missing"] for g in gaps)
            waited = time.monotonic() - drained
            if missing == 0 or waited >= DRAIN_LIMIT:
                break
            time.sleep(1.0)
        if missing:
            viewers, closed = sum(g["viewers"] for g in gaps), sum(g["closed"] for g in gaps)
            samples = [x for g in gaps for x in g["sample"]][:3]
            run.notes.append(
                f"{missing} events still missing {waited:.0f} s after the drain, at {viewers} "
                f"viewers ({closed} of them without an open socket: reconnects gave up); "
                f"for example {event_types(database_url, samples)}"
            )
        elif waited >= 1.0:
            run.notes.append(f"the last events reached every viewer {waited:.0f} s after the drain")
        run.events = sum(final[room["id"]] - room["seq"] for room in rooms)
        rejoins = 0
        for reply in clients.call_all({"op": "collect", "final": final}):
            for kind, values in reply["latency"].items():
                run.latency.setdefault(kind, []).extend(values)
            for kind, values in reply["answers"].items():
                run.answers.setdefault(kind, []).extend(values)
            run.reads += reply["reads"]
            for key, count in reply["statuses"].items():
                run.statuses[key] = run.statuses.get(key, 0) + count
            for key, count in reply["viewers_by_worker"].items():
                run.viewers_by_worker[key] = run.viewers_by_worker.get(key, 0) + count
            for key in ("lost", "duplicates", "expected", "resyncs", "drops", "replayed"):
                setattr(run, key, getattr(run, key) + reply[key])
            run.failed_connects += reply["failed_connects"]
            rejoins += reply["rejoins"]
        if rejoins:
            run.notes.append(f"{rejoins} sockets closed by the server were opened again")
        clients.call_all({"op": "close"})
    finally:
        clients.stop()
        sampler.close()
        server.stop()
    run.seconds = time.monotonic() - started
    if run.server_errors:
        log = server.log()
        run.notes.append("server log tail: " + " | ".join(log.splitlines()[-5:])[:600])
    progress(f"[S={s} N={n}] done in {run.seconds:.0f} s: {summary_line(run)}")
    return run


def summary_line(run: Run) -> str:
    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:.0f}"

    return (
        f"control p99 {ms(run.p('control', 99))} ms, capture p99 {ms(run.p('capture', 99))} ms, "
        f"lost {run.lost}, dup {run.duplicates}, 5xx {run.server_errors}, "
        f"errors {run.errors}/{run.requests}, PG {run.pg_max} (active max {run.pg_active_max}), "
        f"CPU {'/'.join(f'{v:.0f}' for v in run.cpu.values())} %"
    )


def run_load(config: Config) -> list[Run]:
    """Every (S, N) of the config (then ``refine`` bisection runs); the figures of each."""
    raise_fd_limit()
    runs: list[Run] = []
    secret = secrets.token_urlsafe(32)
    rt = config.server_rt
    if rt:  # the clients and the server start from here and inherit it (the server is raised)
        os.sched_setscheduler(0, os.SCHED_RR, os.sched_param(max(rt - 10, 1)))
    with contextlib.ExitStack() as stack:
        if config.private_postgres:
            config = replace(config, admin_url=stack.enter_context(private_postgres()))
        stack.enter_context(realtime_postgres(rt + 10 if rt else 0))
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-load-")))
        database_url = stack.enter_context(scratch_database(config.admin_url))
        redis_url = config.redis_url or stack.enter_context(
            private_redis(tmp, rt + 10 if rt else 0)
        )
        from app.store.engine import make_engine
        from app.store.migrate import upgrade

        engine = make_engine(database_url, 2)  # the migration's lock takes one of its own
        upgrade(engine)
        engine.dispose()
        for n in config.workers:
            for s in config.sessions:
                runs.append(run_one(config, database_url, redis_url, secret, s, n, tmp))
        for n in config.workers:
            for _ in range(config.refine):
                mine = [r for r in runs if r.workers == n]
                good = max((r.sessions for r in mine if r.carried), default=0)
                bad = min((r.sessions for r in mine if not r.carried), default=None)
                if bad is None or bad - good <= 1:
                    break
                s = (good + bad) // 2
                runs.append(run_one(config, database_url, redis_url, secret, s, n, tmp))
    return runs


# --------------------------------------------------------------------------------------------
# The report.


def capacity(runs: list[Run], workers: int) -> tuple[int, bool]:
    """(largest S carried, whether a larger S was tried and not carried: an exact bracket)."""
    mine = [r for r in runs if r.workers == workers]
    good = max((r.sessions for r in mine if r.carried), default=0)
    bounded = any(r.sessions > good and not r.carried for r in mine)
    return good, bounded


def report(runs: list[Run], config: Config, out: Any = None) -> list[tuple[str, str, bool | None]]:
    """Print the tables and the goals; returns the goals as (name, value, passed)."""
    out = out or sys.stdout

    def say(text: str = "") -> None:
        print(text, file=out)

    def ms(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f}"

    say()
    say(
        f"Many rooms at once — {os.cpu_count()} cores, {config.client_procs} client processes, "
        f"{config.participants} participants + console + screen per session, "
        f"{config.duration:.0f} s measured after {config.warmup:.0f} s warm-up per run"
    )
    say(
        f"per session: a control every {config.control_every:.0f} s, "
        f"{config.capture_per_min:g} capture and {config.vote_per_min:g} vote per participant per "
        f"minute, a summary read every {config.summary_every:.0f} s, "
        f"{config.drop_per_min * 100:.0f} % of sockets dropped and resumed per minute"
    )
    say()
    header = (
        f"{'S':>4} {'N':>2} {'sockets':>7} | {'ctl p50':>7} {'ctl p99':>7} | {'cap p50':>7} "
        f"{'cap p99':>7} | {'vote p99':>8} | {'HTTP err':>9} {'5xx':>4} | {'lost':>5} {'dup':>4}"
        f" {'resync':>6} | {'drops':>5}"
    )
    say(header)
    say("-" * len(header))
    for r in runs:
        rate = f"{100 * r.errors / r.requests:.2f}%" if r.requests else "—"
        say(
            f"{r.sessions:>4} {r.workers:>2} {r.viewers:>7} | {ms(r.p('control', 50)):>7} "
            f"{ms(r.p('control', 99)):>7} | {ms(r.p('capture', 50)):>7} "
            f"{ms(r.p('capture', 99)):>7} | {ms(r.p('vote', 99)):>8} | {rate:>9} "
            f"{r.server_errors:>4} | {r.lost:>5} {r.duplicates:>4} {r.resyncs:>6} | {r.drops:>5}"
        )
    say("(ms, action sent -> frame received, every viewer connected at the time; ctl = clock")
    say(" control, cap = capture; lost/dup over every viewer and every event of the run)")
    say()
    header2 = (
        f"{'S':>4} {'N':>2} | {'CPU % per worker':>18} {'RSS MiB per worker':>20} "
        f"{'MiB/session':>11} | {'PG conns':>8} {'active max/mean':>15} | {'Redis pub/s':>11} "
        f"{'cmd/s':>6} {'clients':>7} {'chan':>5} | {'clients CPU %':>13} {'load':>9}"
    )
    say(header2)
    say("-" * len(header2))
    for r in runs:
        cpu = "/".join(f"{v:.0f}" for v in r.cpu.values())
        rss = "/".join(f"{v:.0f}" for v in r.rss.values())
        grown = (sum(r.rss.values()) - sum(r.rss_idle.values())) / max(r.sessions, 1)
        say(
            f"{r.sessions:>4} {r.workers:>2} | {cpu:>18} {rss:>20} {grown:>11.2f} | "
            f"{r.pg_max:>8} {f'{r.pg_active_max}/{r.pg_active_mean:.1f}':>15} | "
            f"{r.redis.get('publish_per_s', 0):>11.1f} {r.redis.get('commands_per_s', 0):>6.0f} "
            f"{r.redis.get('clients', 0):>7.0f} {r.redis.get('channels', 0):>5.0f} | "
            f"{r.client_cpu:>13.0f} {f'{r.load[0]:.1f}/{r.load[1]:.1f}':>9}"
        )
    say("(CPU over the measured window, % of one core; RSS at its end; MiB/session: growth of")
    say(" all workers' RSS from idle over S; PG: pg_stat_activity of the bench database, sampled")
    say(" each second; Redis INFO deltas over the window; load: 1-min average before/after)")
    say()
    header3 = (
        f"{'S':>4} {'N':>2} | {'ctl answer p50':>14} {'cap answer p50':>14} "
        f"{'cap answer p99':>14} | {'summary p50':>11} {'p99':>7} | {'sockets per worker':>20}"
    )
    say(header3)
    say("-" * len(header3))
    for r in runs:

        def answer(kind: str, q: float, r: Run = r) -> str:
            values = r.answers.get(kind) or []
            return ms(pct(values, q) if values else None)

        reads = ms(pct(r.reads, 50) if r.reads else None)
        reads99 = ms(pct(r.reads, 99) if r.reads else None)
        spread = "/".join(str(v) for _, v in sorted(r.viewers_by_worker.items()))
        say(
            f"{r.sessions:>4} {r.workers:>2} | {answer('control', 50):>14} "
            f"{answer('capture', 50):>14} {answer('capture', 99):>14} | {reads:>11} "
            f"{reads99:>7} | {spread:>20}"
        )
    say("(ms: POST answered; summary = GET …/summary by the executive)")
    say()
    header4 = (
        f"{'S':>4} {'N':>2} | {'machine busy %':>14} {'PG CPU %':>8} | {'commits/s':>9} "
        f"{'WAL KiB/s':>9} {'WAL KiB/commit':>14}"
    )
    say(header4)
    say("-" * len(header4))
    for r in runs:
        per_commit = r.wal_kib_s / r.commits_s if r.commits_s else 0.0
        say(
            f"{r.sessions:>4} {r.workers:>2} | {r.machine_busy:>14.0f} {r.pg_cpu:>8.0f} | "
            f"{r.commits_s:>9.0f} {r.wal_kib_s:>9.0f} {per_commit:>14.1f}"
        )
    say("(machine busy: all cores, everything on the machine, 100 = every core busy; PG CPU: every")
    say(" postgres process, % of one core; WAL: the whole cluster's, over the bench database's")
    say(" commits)")
    say()
    acting = config.warmup + config.duration
    for r in runs:
        per = max(r.sessions, 1)
        events = (
            f"{r.events / per / acting:.2f} events/s per session ({r.events} in {acting:.0f} s)"
        )
        board = f"boards at the end {r.board_items:.0f} items / {r.board_kib:.1f} KiB"
        rate = f"{r.requests / acting / per:.2f} requests/s per session"
        say(f"S={r.sessions:>4} N={r.workers}: {events}, {board}, {rate}, run {r.seconds:.0f} s")
    say()
    same = sorted(
        {r.sessions for r in runs if r.workers == 1} & {r.sessions for r in runs if r.workers == 2}
    )
    if same:
        say("1 vs 2 workers at the same S (capture p99, control p99, total server CPU %)")
        for s in same:
            one = next(r for r in runs if r.workers == 1 and r.sessions == s)
            two = next(r for r in runs if r.workers == 2 and r.sessions == s)
            say(
                f"  S={s:>4}: capture {ms(one.p('capture', 99))} -> {ms(two.p('capture', 99))} ms, "
                f"control {ms(one.p('control', 99))} -> {ms(two.p('control', 99))} ms, "
                f"CPU {sum(one.cpu.values()):.0f}% -> {sum(two.cpu.values()):.0f}%"
            )
        say()
    for workers in sorted({r.workers for r in runs}):
        good, bounded = capacity(runs, workers)
        say(
            f"largest S with capture -> visible p99 <= {GOAL_P99_MS:.0f} ms (and 0 lost/dup/5xx) "
            f"on {workers} worker{'s' if workers > 1 else ''}: {good}"
            + ("" if bounded else " (every S tried: a lower bound)")
        )
    goals = judge(runs)
    say()
    say("Goals")
    for name, value, ok in goals:
        verdict = "n/a " if ok is None else ("PASS" if ok else "FAIL")
        say(f"  [{verdict}] {name:<58} {value}")
    for r in runs:
        for note in r.notes:
            say(f"  note S={r.sessions} N={r.workers}: {note}")
    return goals


def judge(runs: list[Run]) -> list[tuple[str, str, bool | None]]:
    goal_run = next(
        (r for r in runs if r.sessions == GOAL_SESSIONS and r.workers == GOAL_WORKERS), None
    )
    goals: list[tuple[str, str, bool | None]] = []
    for kind, label in (("control", "control"), ("capture", "capture")):
        value = goal_run.p(kind, 99) if goal_run else None
        goals.append(
            (
                f"{label} -> visible p99 <= {GOAL_P99_MS:.0f} ms, {GOAL_SESSIONS} x 40 on "
                f"{GOAL_WORKERS} workers",
                f"{value:.1f} ms" if value is not None else "not measured",
                None if value is None else value <= GOAL_P99_MS,
            )
        )
    lost = sum(r.lost for r in runs)
    dup = sum(r.duplicates for r in runs)
    errors5 = sum(r.server_errors for r in runs)
    goals.append(
        ("0 lost and 0 duplicated events (every run)", f"{lost} lost, {dup} dup", lost + dup == 0)
    )
    goals.append(("0 5xx (every run)", f"{errors5}", errors5 == 0))
    one, one_bounded = capacity(runs, 1)
    two, two_bounded = capacity(runs, 2)
    if not any(r.workers == 1 for r in runs) or not any(r.workers == 2 for r in runs):
        goals.append((f"2 workers carry >= {GOAL_SCALING}x 1 worker", "not measured", None))
    elif one == 0:
        goals.append(
            (f"2 workers carry >= {GOAL_SCALING}x 1 worker", "1 worker carries no S tried", None)
        )
    elif not one_bounded:
        goals.append(
            (
                f"2 workers carry >= {GOAL_SCALING}x 1 worker",
                f"1 worker carried every S tried ({one}): try larger S",
                None,
            )
        )
    else:
        factor = two / one
        shown = f"{factor:.2f}x ({two} / {one} sessions)" + ("" if two_bounded else ", at least")
        ok: bool | None = (
            factor >= GOAL_SCALING if (two_bounded or factor >= GOAL_SCALING) else None
        )
        goals.append((f"2 workers carry >= {GOAL_SCALING}x 1 worker", shown, ok))
    return goals


def write_csv(runs: list[Run], path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "S",
            "N",
            "sockets",
            "ctl_p50",
            "ctl_p99",
            "cap_p50",
            "cap_p99",
            "requests",
            "errors",
            "5xx",
            "lost",
            "dup",
            "cpu_total",
            "rss_total",
            "pg_max",
            "redis_pub_s",
            "machine_busy",
            "pg_cpu",
            "commits_s",
            "wal_kib_s",
        ]
    )
    for r in runs:
        writer.writerow(
            [
                r.sessions,
                r.workers,
                r.viewers,
                r.p("control", 50),
                r.p("control", 99),
                r.p("capture", 50),
                r.p("capture", 99),
                r.requests,
                r.errors,
                r.server_errors,
                r.lost,
                r.duplicates,
                sum(r.cpu.values()),
                sum(r.rss.values()),
                r.pg_max,
                r.redis.get("publish_per_s", 0),
                r.machine_busy,
                r.pg_cpu,
                r.commits_s,
                r.wal_kib_s,
            ]
        )
    path.write_text(buffer.getvalue())


def parse_list(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", default="10,25,50,100", help="S values (10,25,50,100)")
    parser.add_argument("--workers", default="1,2", help="worker counts (1,2)")
    parser.add_argument("--duration", type=float, default=60.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=10.0, help="unmeasured seconds first")
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--client-procs", type=int, default=2)
    parser.add_argument("--refine", type=int, default=0, help="bisection runs per worker count")
    parser.add_argument("--database-url", default=DEFAULT_ADMIN_URL, help="PostgreSQL admin URL")
    parser.add_argument(
        "--private-postgres",
        action="store_true",
        help="run a PostgreSQL server of the bench's own with its files in memory instead of "
        "--database-url's (this machine's disk is rate-limited)",
    )
    parser.add_argument("--redis-url", default=None, help="default: a private redis-server")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--server-rt",
        type=int,
        default=0,
        help="real-time priority for the server's threads; PostgreSQL and Redis get N+10, the "
        "clients N-10 (root; 0: off)",
    )
    parser.add_argument("--csv", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    config = Config(
        sessions=parse_list(args.sessions),
        workers=parse_list(args.workers),
        duration=args.duration,
        warmup=args.warmup,
        participants=args.participants,
        client_procs=args.client_procs,
        refine=args.refine,
        admin_url=args.database_url,
        private_postgres=args.private_postgres,
        redis_url=args.redis_url,
        seed=args.seed,
        server_rt=args.server_rt,
    )
    runs = run_load(config)
    report(runs, config)
    if args.csv:
        write_csv(runs, args.csv)


if __name__ == "__main__":
    main()
