"""A real Roundtable server in a child process: start, stop, SIGKILL, restart, and call its API.

Browser tests need a server on a real socket; later tests kill and restart servers and run
several workers against one database, so everything here works on the process group that
``start`` creates (uvicorn's workers included) and never on processes by name.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT = 60.0  # generous: a loaded CI machine starts two workers slowly
STOP_TIMEOUT = 10.0


class ServerError(RuntimeError):
    """The server did not start or answer; the message carries the tail of its log."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def living_in_group(pgid: int) -> list[int]:
    """Processes of a process group that still run (zombies awaiting a reaper are dead)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # it exited while we looked
        # "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after the last ")".
        state, _ppid, group = stat.rsplit(")", 1)[1].split()[:3]
        if int(group) == pgid and state != "Z":
            alive.append(int(entry.name))
    return alive


def token_of(url: str) -> str:
    """The token at the end of a ``…/l/{token}`` link."""
    return url.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class CreatedSession:
    """A session made through the API, with the links only its creator ever sees."""

    id: str
    title: str
    facilitator_url: str
    executive_url: str

    @property
    def facilitator_token(self) -> str:
        return token_of(self.facilitator_url)

    @property
    def executive_token(self) -> str:
        return token_of(self.executive_url)


@dataclass(frozen=True)
class Invitee:
    """A participant added through the API, with their personal invite link."""

    id: int
    name: str
    email: str
    department: str
    invite_url: str

    @property
    def token(self) -> str:
        return token_of(self.invite_url)


class LiveServer:
    """One ``uvicorn app.main:app`` process (and its workers) on its own port and database.

    ``restart`` keeps the port, the database and the secret key, so links issued before a
    restart still work after it. Extra environment (``BROADCAST_URL=redis://…``) goes in ``env``.
    With ``cli=True`` the server is started as the README says, ``roundtable serve``, rather than
    with ``python -m uvicorn``.
    """

    def __init__(
        self,
        workdir: Path,
        *,
        port: int | None = None,
        workers: int = 1,
        database_url: str | None = None,
        secret_key: str | None = None,
        env: Mapping[str, str] | None = None,
        cli: bool = False,
    ) -> None:
        self.workdir = workdir
        self.cli = cli
        self.port = port or free_port()
        self.workers = workers
        self.database_url = database_url or f"sqlite:///{workdir / 'rt.db'}"
        self.secret_key = secret_key or secrets.token_urlsafe(32)
        self.extra_env = dict(env or {})
        self.log_path = workdir / f"server-{self.port}.log"
        self.pgid: int | None = None  # of the latest start; kept after stop to check on it
        self._process: subprocess.Popen[bytes] | None = None
        self._log_file: IO[bytes] | None = None
        self._client: httpx.Client | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def url(self, path: str) -> str:
        """An absolute URL on this server."""
        return f"{self.base_url}{path}"

    def environment(self) -> dict[str, str]:
        """The child's environment: ours, pinned settings, then ``extra_env`` on top."""
        pinned = {
            "DATABASE_URL": self.database_url,
            "BROADCAST_URL": "memory://",
            "ROUNDTABLE_SECRET_KEY": self.secret_key,
            "ROUNDTABLE_SECRET_KEY_FILE": str(self.workdir / "secret_key"),
            "ROUNDTABLE_BASE_URL": self.base_url,
            # Pinned so a developer's .env in the repository root cannot change what we test.
            "ROUNDTABLE_ORGANIZER_KEY": "",
            "ROUNDTABLE_COOKIE_SECURE": "false",
            "ROUNDTABLE_MIGRATE_ON_START": "true",
            # As `roundtable serve` runs uvicorn; a test may turn it back on through ``env``.
            "UVICORN_WS_PER_MESSAGE_DEFLATE": "false",
            "PYTHONUNBUFFERED": "1",
        }
        return {**os.environ, **pinned, **self.extra_env}

    def start(self, timeout: float = STARTUP_TIMEOUT) -> LiveServer:
        """Launch the process and wait until it serves pages.

        Raises:
            ServerError: it exited or did not answer within ``timeout`` seconds.
        """
        if self.running:
            raise ServerError(f"{self.base_url} is already running (pid {self.pid}).")
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self.cli:
            command = [sys.executable, "-c", "from app.cli import main; main()", "serve"]
        else:
            command = [sys.executable, "-m", "uvicorn", "app.main:app"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        if self.workers > 1:
            command += ["--workers", str(self.workers)]
        self._log_file = self.log_path.open("ab")
        self._process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=self.environment(),
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill() reaches the workers too
        )
        self.pgid = self._process.pid
        try:
            self.wait_ready(timeout)
        except ServerError:
            self.kill()
            raise
        return self

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> None:
        """Poll ``/healthz`` until every worker has answered 200.

        Each poll is a new connection, and the kernel hands connections to whichever worker
        accepts first, so a test that needs clients on both workers only starts once both
        serve: a worker still importing would otherwise receive nothing.

        Raises:
            ServerError: the process exited, or ``timeout`` passed.
        """
        deadline = time.monotonic() + timeout
        answered: set[int] = set()
        while time.monotonic() < deadline:
            if not self.running:
                raise ServerError(f"The server exited during start-up.\n{self.log_tail()}")
            try:
                response = httpx.get(self.url("/healthz"), timeout=1.0)
                if response.status_code == 200:
                    answered.add(response.json()["worker"])
                    if len(answered) >= self.workers:
                        return
            except httpx.TransportError:
                pass
            time.sleep(0.05 if not answered else 0.01)
        raise ServerError(
            f"{self.base_url}: {len(answered)} of {self.workers} workers answered in "
            f"{timeout:.0f} s.\n{self.log_tail()}"
        )

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Shut down gracefully (SIGTERM); SIGKILL whatever is left after ``timeout``."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout)
        self._reap()

    def kill(self) -> None:
        """Die at once, as in a crash: SIGKILL to the whole process group, no clean-up."""
        self._reap()

    def restart(self, timeout: float = STARTUP_TIMEOUT, *, hard: bool = False) -> LiveServer:
        """Stop (or with ``hard``, SIGKILL) and start again on the same port and database."""
        if hard:
            self.kill()
        else:
            self.stop()
        return self.start(timeout)

    def _reap(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        process, self._process = self._process, None
        if process is not None:
            with contextlib.suppress(ProcessLookupError):  # the group is already gone
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(STOP_TIMEOUT)
            # SIGKILL is delivered asynchronously: wait until the workers are gone too, so a
            # restart on the same port never meets a socket the old generation still holds.
            deadline = time.monotonic() + STOP_TIMEOUT
            while living_in_group(process.pid) and time.monotonic() < deadline:
                time.sleep(0.01)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def log(self) -> str:
        """Everything the server wrote so far (all starts)."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_size(self) -> int:
        """A mark in the log, to read what came after it with ``log_since``."""
        return self.log_path.stat().st_size if self.log_path.exists() else 0

    def log_since(self, mark: int) -> str:
        with self.log_path.open("rb") as handle:
            handle.seek(mark)
            return handle.read().decode(errors="replace")

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    # JSON API shortcuts: building data through the API keeps browser tests short.

    def api(
        self,
        method: str,
        path: str,
        json: Any = None,
        token: str | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """One API call, with ``token`` as a bearer credential when given."""
        if self._client is None:
            self._client = httpx.Client(base_url=self.base_url, timeout=10.0)
        headers = dict(kwargs.pop("headers", None) or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self._client.request(method, path, json=json, headers=headers, **kwargs)

    def create_session(
        self,
        title: str = "Q3 leadership speed-dating",
        goals: tuple[str, ...] = ("Grow recurring revenue by 20%", "Cut onboarding time in half"),
        **fields: Any,
    ) -> CreatedSession:
        """Create a session through the API (starts in a week unless ``starts_at`` is given)."""
        body = {
            "title": title,
            "starts_at": "2030-03-04T09:00:00",
            "timezone": "Europe/Berlin",
            "goals": list(goals),
            **fields,
        }
        response = self.api("POST", "/api/v1/sessions", json=body)
        response.raise_for_status()
        data = response.json()
        return CreatedSession(
            id=data["session"]["id"],
            title=data["session"]["title"],
            facilitator_url=data["facilitator_url"],
            executive_url=data["executive_url"],
        )

    def add_participant(
        self,
        session: CreatedSession,
        name: str,
        email: str,
        department: str,
        title: str = "",
    ) -> Invitee:
        """Add a participant and issue their invite link, through the API."""
        body = {"name": name, "email": email, "department": department, "title": title}
        token = session.facilitator_token
        person = self.api(
            "POST", f"/api/v1/sessions/{session.id}/participants", json=body, token=token
        )
        person.raise_for_status()
        person_id = person.json()["id"]
        link = self.api(
            "POST",
            f"/api/v1/sessions/{session.id}/links",
            json={"role": "participant", "participant_id": person_id},
            token=token,
        )
        link.raise_for_status()
        return Invitee(person_id, name, email, department, link.json()["url"])

    def __enter__(self) -> LiveServer:
        return self if self.running else self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
