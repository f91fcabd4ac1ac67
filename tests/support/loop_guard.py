"""Catch database work on the app's event loop: it stalls every live screen, and a loop that
waits for a pooled connection deadlocks with the requests holding them (they need the loop to
finish). ``LoopGuard`` records each SQL statement the app runs on its event-loop thread."""

from __future__ import annotations

import threading
import traceback
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine


class LoopGuard:
    """Watches ``engine`` once ``watch`` has named the thread that runs the app's loop."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.loop_thread: int | None = None
        self.offences: list[str] = []
        event.listen(engine, "before_cursor_execute", self._check)

    def watch(self, client: TestClient) -> None:
        """The loop is the one the test client's portal runs (entered as a context manager)."""
        portal = client.portal
        assert portal is not None, "enter the TestClient first"
        self.loop_thread = portal.call(threading.get_ident)

    def _check(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if threading.get_ident() != self.loop_thread:
            return
        frames = traceback.extract_stack()[:-1]
        ours = [f for f in frames if "/app/" in f.filename and "/site-packages/" not in f.filename]
        where = "; ".join(f"{f.filename.split('/app/')[-1]}:{f.lineno} {f.name}" for f in ours)
        self.offences.append(f"{statement.split()[0]} on the event loop from {where}")

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._check)

    def report(self) -> str:
        unique = sorted(set(self.offences))
        return f"{len(unique)} database call sites on the event loop:\n" + "\n".join(unique)
