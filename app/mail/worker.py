"""The delivery thread of one app process: scheduler (when it holds the lease) and sender."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.mail import scheduler, sender
from app.mail.context import MailContext

log = logging.getLogger("roundtable.mail")


class MailWorker:
    """A thread that polls: run due jobs if this process holds the scheduler lease, then
    deliver batches until the outbox has nothing due. Its own small engine: it never takes a
    connection a request is waiting for."""

    def __init__(self, engine: Engine, ctx: MailContext) -> None:
        self.engine = engine
        self.ctx = ctx
        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._next_jobs = 0.0  # monotonic time of the next scheduler round
        self._thread = threading.Thread(target=self._run, name="roundtable-mail", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """Look at the outbox now rather than at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def run_once(self) -> int:
        """One round: the scheduler's jobs (if ours to run), then every due batch."""
        every = self.ctx.settings.mail_schedule_seconds
        if time.monotonic() >= self._next_jobs:
            self._next_jobs = time.monotonic() + every
            with Session(self.engine) as db:
                # The lease outlives two rounds: a holder that died is replaced within that.
                if scheduler.take_lease(db, self.name, timedelta(seconds=every * 2 + 5)):
                    scheduler.run_due_jobs(db, self.ctx)
        delivered = 0
        while not self._stop.is_set():
            claimed = sender.deliver_batch(self.engine, self.ctx, self.name)
            delivered += claimed
            if claimed == 0:
                break
        return delivered

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.run_once()
            except Exception:
                log.exception("mail worker round failed; trying again at the next poll")
            self._wake.wait(self.ctx.settings.mail_poll_seconds)
            self._wake.clear()
