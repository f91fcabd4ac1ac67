"""The stored run of show and control log, read for the clock; the clock as it stands.

Evaluating the clock needs the run of show (the session's show settings over the plan's rounds)
and the facilitator's control log. Reading them comes before plans in the feature order: a
re-plan keeps the rounds already started, and a new plan avoids pairs who met in an earlier
session's started rounds. Changing the clock (``live``) comes after plans.

A control, the path between a click and every screen in the room, reads them here: prebuilt
Core statements over columns, not ORM objects, and each worker's ``replays`` cache of the log as
last replayed, brought up to date from the stored log.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func
from sqlalchemy import select as sa_select
from sqlmodel import Session

from app.domain.clock.run_of_show import Segment, ShowConfig, build_run_of_show
from app.domain.clock.state import ClockState, Control, Replayed, state_at
from app.services.sessions.service import get_session
from app.store.models import ClockControl, LeadershipSession, PlanVersion
from app.store.types import utcnow

__all__ = [
    "ReplayCache",
    "clock_now",
    "control_log",
    "plan_shape",
    "replays",
    "rounds_started",
    "run_of_show",
    "show_config",
    "show_from",
]

PLANS = PlanVersion.__table__  # type: ignore[attr-defined]
CONTROLS = ClockControl.__table__  # type: ignore[attr-defined]
_PLAN_SHAPE = (
    sa_select(PLANS.c.settings, func.json_array_length(PLANS.c.rounds))
    .where(PLANS.c.session_id == bindparam("sid"))
    .order_by(PLANS.c.version.desc())
    .limit(1)
)
_LOG_FROM = (
    sa_select(
        CONTROLS.c.control_id,
        CONTROLS.c.kind,
        CONTROLS.c.at,
        CONTROLS.c.seconds,
        CONTROLS.c.actor,
    )
    .where(CONTROLS.c.session_id == bindparam("sid"), CONTROLS.c.position >= bindparam("from"))
    .order_by(CONTROLS.c.position)
)


def show_config(raw: dict[str, Any] | None, *, rounds: int, group_size: int) -> ShowConfig:
    """The session's run-of-show settings (defaults where unset) for a number of rounds."""
    values = dict(raw or {})
    values["topic_seconds"] = tuple(values.get("topic_seconds", (60, 120, 120)))
    values.update(rounds=max(1, rounds), speakers_per_group=group_size)
    return ShowConfig(**values)


def plan_shape(db: Session, session_id: str) -> tuple[int, int] | None:
    """Rounds and group size of the plan in force, or None before the first plan.

    Counts the rounds in the database: the plan's rounds can run to hundreds of kilobytes of
    JSON for a large session, and the clock needs only how many there are.
    """
    row = db.connection().execute(_PLAN_SHAPE, {"sid": session_id}).first()
    if row is None:
        return None
    settings, rounds = row
    return int(rounds), int(settings.get("group_size", 2))


def show_from(
    raw_show: dict[str, Any] | None, shape: tuple[int, int] | None
) -> tuple[Segment, ...]:
    """The segments for the session's show settings over the plan's rounds (``plan_shape``)."""
    rounds, group_size = shape if shape else (int((raw_show or {}).get("rounds", 1)), 2)
    return build_run_of_show(show_config(raw_show, rounds=rounds, group_size=group_size))


def run_of_show(db: Session, session: LeadershipSession) -> tuple[Segment, ...]:
    """The segments of the session: its show settings over the plan's rounds."""
    return show_from(session.show_config, plan_shape(db, session.id))


def control_log(db: Session, session_id: str, start: int = 1) -> tuple[Control, ...]:
    """The facilitator's controls in the order applied (from the ``start``-th, counting from 1)."""
    rows = db.connection().execute(_LOG_FROM, {"sid": session_id, "from": start})
    return tuple(Control(*row) for row in rows)


def clock_now(db: Session, session_id: str, now: datetime | None = None) -> ClockState:
    """The clock as of ``now`` — the same on every worker, after any restart."""
    session = get_session(db, session_id)
    return state_at(run_of_show(db, session), control_log(db, session_id), now or utcnow())


def rounds_started(db: Session, session_id: str) -> int:
    """How many rounds have begun; a re-plan keeps these as they were.

    A session ended early counts the rounds begun before its end, not every planned round.
    """
    state = clock_now(db, session_id)
    show = run_of_show(db, get_session(db, session_id))
    if state.status == "ended" and state.ended_at is not None:
        # Where the clock stood when the session ended: every control but the end, at the end's
        # instant. (Not "1 ms before the end": a control logged in the same millisecond as the
        # end, say a skip to the next round, would then be left out.)
        log = control_log(db, session_id)
        until_end = tuple(itertools.takewhile(lambda c: c.kind != "end", log))
        state = state_at(show, until_end, state.ended_at)
    if state.status == "not_started":
        return 0
    if state.status == "ended":
        return max((s.round or 0 for s in show), default=0)
    index = state.segment_index or 0
    return max((s.round or 0 for s in show[: index + 1] if s.kind == "topic"), default=0)


class ReplayCache:
    """Each session's control log as last replayed by this process, to apply the next control
    without reading and replaying the whole log again.

    An entry is only a hint: ``get`` reads the stored log from the entry's last control on, and
    uses the entry only where that control is still there, at its position, under its id (the
    log is append-only; any other worker may have added controls since). Otherwise the caller
    replays the stored log in full. Entries are kept for the most recently controlled sessions.
    """

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._entries: OrderedDict[str, tuple[Any, Replayed]] = OrderedDict()
        self._lock = threading.Lock()  # worker threads apply controls of different sessions

    def get(self, db: Session, session_id: str, show_key: Any) -> Replayed | None:
        """The cached replay brought up to the stored log, or None (replay it in full)."""
        with self._lock:
            key, replayed = self._entries.get(session_id, (None, None))
        if replayed is None or key != show_key or not replayed.log:
            return None
        newer = control_log(db, session_id, start=len(replayed.log))
        if not newer or newer[0].id != replayed.log[-1].id:
            return None
        return replayed.extend(newer[1:])

    def put(self, session_id: str, show_key: Any, replayed: Replayed) -> None:
        """Keep ``replayed`` (call it after the transaction that stored its log committed)."""
        with self._lock:
            self._entries[session_id] = (show_key, replayed)
            self._entries.move_to_end(session_id)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)


replays = ReplayCache()
"""This worker's cache, used by ``live.stage_control``."""
