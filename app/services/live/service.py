"""Use cases for the live session: the run of show, clock controls and live events.

A control is validated by the pure clock (``app.domain.clock.state``) against the stored log, then
stored together with a live event whose ``seq`` comes from the session's counter — all in one
transaction. The caller publishes the event only after that commit, so a client can never see
an event the database does not have.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import bindparam, insert
from sqlalchemy import update as sa_update
from sqlmodel import Session, col, select

from app.domain.clock.run_of_show import Segment, build_run_of_show
from app.domain.clock.state import (
    CONTROL_KINDS,
    ClockState,
    Control,
    ControlKind,
    apply_replayed,
    replay,
)
from app.domain.errors import Conflict, FieldError, Invalid, NotFound
from app.services.clock import log as clock_log
from app.services.clock.log import (
    clock_now,
    control_log,
    plan_shape,
    rounds_started,
    run_of_show,
    show_config,
    show_from,
)
from app.services.plans import service as plans
from app.services.sessions.service import get_session
from app.store import repo
from app.store.models import ClockControl, LeadershipSession, LiveEvent
from app.store.types import utcnow


class LiveSnapshot(BaseModel):
    server_ms: int
    seq: int = Field(description="The last live event's seq; resume the websocket from here.")
    clock: dict[str, Any]
    show: list[dict[str, Any]]


def snapshot(db: Session, session_id: str) -> LiveSnapshot:
    """Everything a live view needs to start: the run of show, the clock, the event seq."""
    session = get_session(db, session_id)
    now = utcnow()
    show = run_of_show(db, session)
    return LiveSnapshot(
        server_ms=epoch_ms(now) or 0,
        seq=session.event_seq,
        clock=clock_payload(clock_now(db, session_id, now)),
        show=show_payload(show),
    )


def epoch_ms(moment: datetime | None) -> int | None:
    """An aware datetime as whole epoch milliseconds (what clients compute with)."""
    return None if moment is None else int(moment.timestamp() * 1000)


# Live writes as prebuilt Core statements (see ``clock_log`` for the clock's reads).
SESSIONS = LeadershipSession.__table__  # type: ignore[attr-defined]
_NEXT_SEQ = (
    sa_update(SESSIONS)
    .where(SESSIONS.c.id == bindparam("sid"))
    .values(event_seq=SESSIONS.c.event_seq + 1)
)
_ALLOCATE_SEQ = _NEXT_SEQ.returning(SESSIONS.c.event_seq)
# A control takes the seq and what it needs of the session in the same statement.
_TAKE_SEQ = _NEXT_SEQ.returning(
    SESSIONS.c.event_seq, SESSIONS.c.show_config, SESSIONS.c.went_live_at
)
_GO_LIVE = (
    sa_update(SESSIONS)
    .where(SESSIONS.c.id == bindparam("sid"))
    .values(went_live_at=bindparam("now"))
)
_ADD_CONTROL = insert(ClockControl.__table__)  # type: ignore[attr-defined]
ADD_EVENT = insert(LiveEvent.__table__)  # type: ignore[attr-defined]


def allocate_seq(db: Session, session_id: str) -> int:
    """Take the session's next live-event number; this also locks the session row until commit,
    which serialises concurrent writers of one session on SQLite and PostgreSQL alike."""
    seq = db.execute(_ALLOCATE_SEQ, {"sid": session_id}).scalar_one_or_none()  # autoflushes
    if seq is None:
        raise NotFound("No such session.")
    return int(seq)


def record_event(db: Session, session_id: str, kind: str, data: dict[str, Any]) -> LiveEvent:
    """Store a live event under a fresh seq (in the caller's transaction)."""
    event = LiveEvent(
        session_id=session_id,
        seq=allocate_seq(db, session_id),
        type=kind,
        data=data,
        created_at=utcnow(),
    )
    db.add(event)
    return event


@dataclass(frozen=True)
class Staged:
    """A change written in the caller's open transaction: the event to publish once it commits,
    and what to do after the commit (keep a per-worker cache of what was written)."""

    event: LiveEvent
    after_commit: Callable[[], None]


def commit_staged(db: Session, staged: Sequence[Staged]) -> list[LiveEvent]:
    """Commit the caller's transaction, then run each change's ``after_commit``; returns the
    events to publish, in order. The one commit step of every staged write (a facilitator's
    control, a board command)."""
    db.commit()
    for change in staged:
        change.after_commit()
    return [change.event for change in staged]


def stage_control(
    db: Session,
    session_id: str,
    *,
    kind: ControlKind,
    control_id: str,
    seconds: int = 0,
    expected_seq: int | None = None,
    actor: str = "facilitator",
) -> tuple[ClockState, Staged | None]:
    """Apply one control in a new transaction and leave it open; the caller commits
    (``app.services.console.controls.control``, the facilitator's use case, which also seeds
    the board on start, commits it with ``commit_staged``).

    The control is the transaction's first write (it takes the session row lock). A refused
    control or a retry (None) rolls the transaction back.

    Raises:
        Invalid: unknown control or bad seconds.
        Conflict: the control does not fit the clock (already paused, ended, stale state...).
    """
    if kind not in CONTROL_KINDS:
        raise Invalid(f"Unknown control {kind!r}.", [FieldError("kind", "Unknown control.")])
    # Core statements on the session's connection, not ORM objects: this is the path between a
    # facilitator's click and every screen in the room, so it does no more than it must.
    conn = db.connection()
    # Write first: on SQLite a transaction that reads before it writes cannot wait for the lock.
    # Taking the seq also locks the session row until commit (see ``allocate_seq``).
    row = conn.execute(_TAKE_SEQ, {"sid": session_id}).first()
    if row is None:
        raise NotFound("No such session.")
    seq, raw_show, went_live_at = row
    now = utcnow()
    shape = plan_shape(db, session_id)
    if kind == "start" and shape is None:
        db.rollback()
        raise Conflict("Make a rotation plan before starting the session.")
    show_key = (raw_show, shape)
    replayed = clock_log.replays.get(db, session_id, show_key) or replay(
        show_from(raw_show, shape), control_log(db, session_id)
    )
    control = Control(control_id, kind, now, seconds, actor)
    try:
        applied, state = apply_replayed(replayed, control, now, expected_seq=expected_seq)
    except (Conflict, Invalid):
        db.rollback()
        raise
    if applied is replayed:  # the same control id again: acted once already
        db.rollback()
        return state, None
    conn.execute(
        _ADD_CONTROL,
        {
            "session_id": session_id,
            "position": len(applied.log),
            "control_id": control_id,
            "kind": kind,
            "at": now,
            "seconds": seconds,
            "actor": actor,
        },
    )
    if went_live_at is None and kind == "start":
        conn.execute(_GO_LIVE, {"sid": session_id, "now": now})
    data = {"clock": clock_payload(state), "control": {"kind": kind, "by": actor}}
    conn.execute(
        ADD_EVENT,
        {"session_id": session_id, "seq": seq, "type": "clock", "data": data, "created_at": now},
    )

    def keep_replay() -> None:
        clock_log.replays.put(session_id, show_key, applied)

    # Never added to the ORM session: the route publishes it on the event loop without a reload.
    event = LiveEvent(session_id=session_id, seq=seq, type="clock", data=data, created_at=now)
    return state, Staged(event, keep_replay)


def clock_payload(state: ClockState) -> dict[str, Any]:
    """The clock as clients receive it: absolute deadlines in epoch ms, never ticks."""
    return {
        "status": state.status,
        "seq": state.seq,
        "segment_index": state.segment_index,
        "deadline_ms": epoch_ms(state.deadline),
        "remaining_ms": state.remaining_ms,
        "ended_at_ms": epoch_ms(state.ended_at),
        "show_ends_at_ms": epoch_ms(state.show_ends_at),
        "round": state.round,
    }


def show_payload(show: tuple[Segment, ...]) -> list[dict[str, Any]]:
    """The run of show for clients, so they advance segments locally at each deadline."""
    return [asdict(s) for s in show]


def events_since(db: Session, session_id: str, seq: int, limit: int = 1000) -> list[LiveEvent]:
    """Stored events after ``seq``, in order."""
    return list(
        db.exec(
            select(LiveEvent)
            .where(LiveEvent.session_id == session_id, col(LiveEvent.seq) > seq)
            .order_by(col(LiveEvent.seq))
            .limit(limit)
        ).all()
    )


def set_attendance(
    db: Session, session_id: str, participant_id: int, status: str, *, actor: str
) -> list[LiveEvent]:
    """Mark someone arrived or absent; with a plan, re-plan the rounds not yet started.

    One transaction: the attendance, its event, the re-plan and its event are stored together
    or not at all (a re-plan the planner refuses leaves the attendance as it was).

    Returns the live events to publish after the commit (attendance, and plan when re-planned).

    Raises:
        Invalid: unknown status, or the re-plan is impossible (e.g. a lock names the leaver).
        NotFound: no such participant.
    """
    if status not in ("expected", "arrived", "absent"):
        raise Invalid("Unknown attendance.", [FieldError("status", "Use arrived or absent.")])
    try:
        # The event first: taking its seq locks the session row, so a concurrent writer of the
        # session waits here instead of failing its first write after a read (SQLite).
        data = {"participant_id": participant_id, "status": status}
        events = [record_event(db, session_id, "attendance", data)]
        person = repo.get_participant(db, session_id, participant_id)
        if person is None:
            raise NotFound(f"No participant {participant_id} in this session.")
        changed = (person.attendance == "absent") != (status == "absent")
        person.attendance = status
        db.add(person)
        if changed and plans.current_plan(db, session_id) is not None:
            played = rounds_started(db, session_id)
            verb = "left" if status == "absent" else "arrived"
            plan = plans.stage_replan_remaining(
                db,
                session_id,
                played,
                author=actor,
                reason=f"{person.name} {verb}: re-planned rounds after {played}",
            )
            events.append(
                record_event(db, session_id, "plan", {"version": plan.version, "played": played})
            )
        db.commit()
    except Exception:
        db.rollback()
        raise
    return events


def record_joined(db: Session, session_id: str, participant_id: int) -> None:
    """Stamp the first time a participant opened the live view: from then on they count as
    present in the summary. Later connections change nothing (and write nothing)."""
    person = repo.get_participant(db, session_id, participant_id)
    if person is None or person.joined_live_at is not None:
        return
    person.joined_live_at = utcnow()
    db.add(person)
    db.commit()


SHOW_FIELDS = (
    "topic_seconds",
    "welcome_seconds",
    "changeover_seconds",
    "break_seconds",
    "break_every",
    "wrapup_seconds",
)


def show_settings(session: LeadershipSession) -> dict[str, Any]:
    """The run-of-show settings in force (defaults filled in)."""
    config = show_config(session.show_config, rounds=1, group_size=2)
    values = {name: getattr(config, name) for name in SHOW_FIELDS}
    values["topic_seconds"] = list(config.topic_seconds)
    return values


def update_show(db: Session, session_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """Change the run of show before the session goes live.

    Raises:
        Conflict: the session is live.
        Invalid: a length is out of range (each field named).
    """
    session = get_session(db, session_id)
    if session.went_live_at is not None:
        raise Conflict("The session is live; the run of show can no longer change.")
    merged = {**show_settings(session), **values}
    build_run_of_show(show_config(merged, rounds=1, group_size=2))  # validates
    session.show_config = merged
    db.add(session)
    db.commit()
    return show_settings(session)


def plan_changed(db: Session, session_id: str, version: int) -> LiveEvent:
    """Record that the plan changed, so open live views refresh their assignments."""
    event = record_event(db, session_id, "plan", {"version": version})
    db.commit()
    return event
