"""The facilitator's clock control as one use case: the control, and going live's consequences.

Starting the session puts every agenda's butterfly-effect issue on the capture board. The start
control and that seed are one transaction: either the room sees the clock running and the board
seeded, or neither (before, the seed was a second transaction the router ran after the first
had committed, so a failure in between left a live session with an empty board). This comes
after the board in the feature order; ``live`` only knows the clock.
"""

from __future__ import annotations

from sqlmodel import Session

from app.domain.clock.state import ClockState, ControlKind
from app.services.board import service as board
from app.services.live import service as live
from app.store.models import LiveEvent


def control(
    db: Session,
    session_id: str,
    *,
    kind: ControlKind,
    control_id: str,
    seconds: int = 0,
    expected_seq: int | None = None,
    actor: str = "facilitator",
) -> tuple[ClockState, list[LiveEvent]]:
    """Apply one clock control and commit; on ``start`` seed the board in the same transaction.

    Returns the clock and the events to publish, in order: the clock's, then the board's when
    the start seeded it; none for a retried control id (it acted once already).

    Raises:
        Invalid: unknown control or bad seconds.
        Conflict: the control does not fit the clock, or no plan exists yet for ``start``.
    """
    state, clock = live.stage_control(
        db,
        session_id,
        kind=kind,
        control_id=control_id,
        seconds=seconds,
        expected_seq=expected_seq,
        actor=actor,
    )
    if clock is None:
        return state, []
    staged: list[live.Staged] = [clock]
    try:
        if kind == "start":
            command = board.seed_command(db, session_id)
            _, seeded = board.stage(
                db, session_id, command, lambda: live.allocate_seq(db, session_id)
            )
            if seeded is not None:
                staged.append(seeded)
    except Exception:
        db.rollback()
        raise
    return state, live.commit_staged(db, staged)
