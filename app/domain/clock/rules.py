"""The clock's state machine: how each control and the passing of time change a run.

Internal to ``app.domain.clock.state``, which owns the public types and the datetime boundary. Here
every time is an integer count of milliseconds since the Unix epoch, and a ``Run`` holds only
the fields its status uses (the others stay 0), which keeps the arithmetic exact and simple.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

from app.domain.clock.run_of_show import Segment
from app.domain.errors import Conflict, Invalid

NOT_STARTED: Final = "not_started"
RUNNING: Final = "running"
PAUSED: Final = "paused"
ENDED: Final = "ended"


@dataclass(frozen=True, slots=True)
class Timeline:
    """The run of show as the clock reads it, computed once per evaluation: segment lengths,
    what follows each, where skip_round leads (not a rotation plan: that is the planner's Plan)."""

    show: tuple[Segment, ...]
    lengths_ms: tuple[int, ...]
    after_ms: tuple[int, ...]  # planned length of all segments after index i
    round_jump: tuple[int | None, ...]  # skip_round target from index i; None = nowhere


@dataclass(frozen=True, slots=True)
class Run:
    """The clock between two instants: what is current and when it ends."""

    status: str
    index: int = 0
    started_ms: int = 0  # when the current segment became current
    deadline_ms: int = 0  # running only
    remaining_ms: int = 0  # paused only
    paused_ms: int = 0  # paused only
    extra_ms: int = 0
    ended_ms: int = 0  # ended only


def make_timeline(show: tuple[Segment, ...]) -> Timeline:
    """Precompute lengths, what follows each segment, and where skip_round leads.

    Raises:
        Invalid: a segment has no positive length.
    """
    lengths: list[int] = []
    for segment in show:
        if isinstance(segment.seconds, bool) or not isinstance(segment.seconds, int):
            raise Invalid(f"Segment {segment.index} has no whole-second length.")
        if segment.seconds < 1:
            raise Invalid(f"Segment {segment.index} must last at least one second.")
        lengths.append(segment.seconds * 1000)
    after = [0] * len(show)
    jump: list[int | None] = [None] * len(show)
    total = 0
    next_round: int | None = None
    next_wrapup: int | None = None
    for i in reversed(range(len(show))):
        after[i] = total
        total += lengths[i]
        jump[i] = next_round if next_round is not None else next_wrapup
        if _starts_round(show, i):
            next_round = i
        if show[i].kind == "wrapup":
            next_wrapup = i
    return Timeline(show, tuple(lengths), tuple(after), tuple(jump))


def _starts_round(show: tuple[Segment, ...], i: int) -> bool:
    number = show[i].round
    return number is not None and (i == 0 or show[i - 1].round != number)


def advance(plan: Timeline, run: Run, now_ms: int) -> Run:
    """Let time pass to ``now_ms``: hand over every running segment whose deadline has come.

    Costs O(segments passed); the session ends at the last deadline.
    """
    if run.status != RUNNING or run.deadline_ms > now_ms:
        return run
    index, started, deadline = run.index, run.started_ms, run.deadline_ms
    while deadline <= now_ms:
        index += 1
        if index >= len(plan.lengths_ms):
            return Run(ENDED, ended_ms=deadline)
        started, deadline = deadline, deadline + plan.lengths_ms[index]
    return Run(RUNNING, index, started_ms=started, deadline_ms=deadline)


def transition(plan: Timeline, run: Run, kind: str, amount_ms: int, at_ms: int) -> Run:
    """Apply one control at ``at_ms`` to a run already advanced to ``at_ms``.

    Raises:
        Conflict: the control does not fit the run's state; the message says why.
    """
    if kind == "start":
        return _start(plan, run, at_ms)
    if run.status == NOT_STARTED:
        raise Conflict("The session has not started yet. Start it first.")
    if run.status == ENDED:
        raise Conflict("The session has already ended.")
    return _TRANSITIONS[kind](plan, run, amount_ms, at_ms)


def _start(plan: Timeline, run: Run, at_ms: int) -> Run:
    if run.status == ENDED:
        raise Conflict("The session has already ended.")
    if run.status != NOT_STARTED:
        raise Conflict("The session has already started.")
    if not plan.show:
        raise Conflict("The run of show is empty; there is nothing to start.")
    return _enter(plan, 0, at_ms, run)


def _enter(plan: Timeline, index: int, at_ms: int, run: Run) -> Run:
    """Make segment ``index`` current from ``at_ms`` at full length; past the last one, end.

    A paused run stays paused (and keeps its pause time); anything else runs.
    """
    if index >= len(plan.lengths_ms):
        return Run(ENDED, ended_ms=at_ms)
    length = plan.lengths_ms[index]
    if run.status == PAUSED:
        return Run(PAUSED, index, at_ms, remaining_ms=length, paused_ms=run.paused_ms)
    return Run(RUNNING, index, at_ms, deadline_ms=at_ms + length)


def _left(run: Run, at_ms: int) -> int:
    return run.deadline_ms - at_ms if run.status == RUNNING else run.remaining_ms


def _with_left(run: Run, left_ms: int, at_ms: int) -> Run:
    if run.status == RUNNING:
        return replace(run, deadline_ms=at_ms + left_ms)
    return replace(run, remaining_ms=left_ms)


def _pause(plan: Timeline, run: Run, amount_ms: int, at_ms: int) -> Run:
    if run.status == PAUSED:
        raise Conflict("The clock is already paused.")
    left = run.deadline_ms - at_ms
    return replace(run, status=PAUSED, deadline_ms=0, remaining_ms=left, paused_ms=at_ms)


def _resume(plan: Timeline, run: Run, amount_ms: int, at_ms: int) -> Run:
    if run.status == RUNNING:
        raise Conflict("The clock is already running.")
    deadline = at_ms + run.remaining_ms
    return replace(run, status=RUNNING, deadline_ms=deadline, remaining_ms=0, paused_ms=0)


def _extend(plan: Timeline, run: Run, amount_ms: int, at_ms: int) -> Run:
    longer = _with_left(run, _left(run, at_ms) + amount_ms, at_ms)
    return replace(longer, extra_ms=run.extra_ms + amount_ms)


def _shorten(plan: Timeline, run: Run, amount_ms: int, at_ms: int) -> Run:
    left = _left(run, at_ms)
    if amount_ms >= left:  # cannot end before now: the segment ends now and the next begins
        return _enter(plan, run.index + 1, at_ms, run)
    shorter = _with_left(run, left - amount_ms, at_ms)
    return replace(shorter, extra_ms=run.extra_ms - amount_ms)


def _skip(plan: Timeline, run: Run, amount_ms: int, at_ms: int) -> Run:
    return _enter(plan, run.index + 1, at_ms, run)


def _skip_round(plan: Timeline, run: Run, amount_ms: int, at_ms: int) -> Run:
    target = plan.round_jump[run.index]
    if target is None:
        raise Conflict("There is no later round or wrap-up to skip to. Use skip or end instead.")
    return _enter(plan, target, at_ms, run)


def _back(plan: Timeline, run: Run, amount_ms: int, at_ms: int) -> Run:
    if run.index == 0:
        raise Conflict("This is the first segment; there is nothing to go back to.")
    return _enter(plan, run.index - 1, at_ms, run)


def _end(plan: Timeline, run: Run, amount_ms: int, at_ms: int) -> Run:
    return Run(ENDED, ended_ms=at_ms)


_TRANSITIONS: Final[dict[str, Callable[[Timeline, Run, int, int], Run]]] = {
    "pause": _pause,
    "resume": _resume,
    "extend": _extend,
    "shorten": _shorten,
    "skip": _skip,
    "skip_round": _skip_round,
    "back": _back,
    "end": _end,
}
