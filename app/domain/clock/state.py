"""The live clock: a pure function of the run of show, the control log and the time.

Nothing ticks. Facilitator controls are appended to a log, and ``state_at(show, log, now)``
replays that log from the start, letting each running segment hand over to the next when its
deadline passes. Any worker, and any restarted server, computes the same state from the same
inputs; clients receive absolute deadlines and count down on their own.

Trade-offs worth knowing:

- Replay costs O(len(log) + len(show)) per evaluation. A new control, the hot path between a
  click and every screen in the room, can skip it: ``replay`` keeps a replayed log as a
  ``Replayed`` value, ``Replayed.extend`` adds newer logged controls and ``apply_replayed``
  checks and applies one more, each at O(1) in the log's length. The caller owns any cache of
  these values and checks it against the stored log; the result is the same as replaying.
- Times are integer milliseconds since the Unix epoch inside this module; the sub-millisecond part
  of an incoming datetime is dropped, so sums of lengths stay exact (no float drift).
- A control is validated at its own ``at``, the instant replay applies it, so every log that
  ``apply_control`` returns replays without error, and the state at ``t`` depends only on the
  controls logged at or before ``t``.
- An idempotency key makes a retried request act once. A double click makes two keys, but both
  clicks saw the same ``seq``: pass it as ``expected_seq`` and the second click is refused.
- Pausing is sticky: skip, skip_round, back and a shorten that ends the segment move a paused
  clock to the new segment still paused, with its full length; only resume sets it running.

The state machine itself lives in ``app.domain.clock.rules``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final, Literal, get_args

from app.domain.clock.rules import (
    ENDED,
    NOT_STARTED,
    PAUSED,
    RUNNING,
    Run,
    Timeline,
    advance,
    make_timeline,
    transition,
)
from app.domain.clock.run_of_show import Segment
from app.domain.errors import Conflict, DomainError, FieldError, Invalid

__all__ = [
    "CONTROL_KINDS",
    "ENDED",
    "MAX_ADJUST_SECONDS",
    "NOT_STARTED",
    "PAUSED",
    "RUNNING",
    "ClockState",
    "Control",
    "ControlKind",
    "Replayed",
    "apply_and_evaluate",
    "apply_control",
    "apply_replayed",
    "replay",
    "state_at",
]

ControlKind = Literal[
    "start", "pause", "resume", "extend", "shorten", "skip", "skip_round", "back", "end"
]
"""What a facilitator can do to the clock: the one list, used by the API's schema, the
service and the rules here (a logged control is a plain ``str``, checked against it)."""
CONTROL_KINDS: Final[tuple[ControlKind, ...]] = get_args(ControlKind)
MAX_ADJUST_SECONDS: Final = 3600

_TIMED_KINDS: Final = frozenset({"extend", "shorten"})
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_MS: Final = timedelta(milliseconds=1)


@dataclass(frozen=True)
class Control:
    """One facilitator action, as logged."""

    id: str  # client-generated idempotency key
    kind: str  # one of CONTROL_KINDS
    at: datetime  # server receive time (timezone-aware)
    seconds: int = 0  # for extend/shorten only
    by: str = ""  # who (actor label)


@dataclass(frozen=True)
class ClockState:
    """What the clock shows at one instant; every datetime is UTC, whole milliseconds."""

    status: str  # "not_started" | "running" | "paused" | "ended"
    segment_index: int | None  # None before start and after end
    segment: Segment | None
    deadline: datetime | None  # absolute end of the current segment, only while running
    remaining_ms: int | None  # left in the current segment (frozen while paused)
    segment_started_at: datetime | None
    extra_ms: int  # net extension (extend minus shorten) applied to the current segment
    seq: int  # controls applied so far; the guard value for ``expected_seq``
    next_segment: Segment | None  # the first segment before start
    ended_at: datetime | None
    round: int | None  # round of the current segment, if any
    paused_at: datetime | None  # when the clock was paused, while paused
    show_ends_at: datetime | None  # planned end if nothing else changes (resumed now if paused)
    as_of: datetime  # the instant this state describes


def state_at(show: Sequence[Segment], log: Sequence[Control], now: datetime) -> ClockState:
    """Evaluate the clock at ``now`` from the run of show and the control log.

    Pure: the same show, log and ``now`` always give the same state. Controls logged after
    ``now`` are not applied yet; a running segment hands over to the next when its deadline
    passes, and after the last deadline the session is ``ended`` at that deadline.

    Raises:
        Invalid: ``now`` is naive, or the log could not have come from ``apply_control``.
    """
    plan = make_timeline(tuple(show))
    now_ms = _to_ms(now, "now")
    run, seq = _replay(plan, log, until=now)
    return _snapshot(plan, advance(plan, run, now_ms), seq, now_ms)


def apply_control(
    show: Sequence[Segment],
    log: Sequence[Control],
    control: Control,
    now: datetime,
    *,
    expected_seq: int | None = None,
) -> tuple[Control, ...]:
    """Check ``control`` against the clock at its ``at`` and return the log with it appended.

    A control whose ``id`` is already logged returns the log unchanged, so a retried request
    acts once.

    Test-only: the app applies controls with ``replay`` + ``apply_replayed`` (O(1) in the log's
    length); this whole-log form is the specification ``tests/domain/test_clock.py`` holds
    that fast path to.

    Args:
        expected_seq: the ``seq`` the caller last saw; refused if the clock has moved since.

    Raises:
        Invalid: unknown kind, bad ``seconds``, naive or out-of-order ``at``, or an ``id`` reused
            for a different control.
        Conflict: the control does not fit the current state, or ``expected_seq`` is stale.
    """
    return apply_and_evaluate(show, log, control, now, expected_seq=expected_seq)[0]


def apply_and_evaluate(
    show: Sequence[Segment],
    log: Sequence[Control],
    control: Control,
    now: datetime,
    *,
    expected_seq: int | None = None,
) -> tuple[tuple[Control, ...], ClockState]:
    """``apply_control``, and the clock at ``now`` after it, from one replay of the log.

    The same as ``new = apply_control(...)`` then ``state_at(show, new, now)``: every logged
    control, the new one included, is dated at or before ``now``, so the replay that checks the
    control already holds the state to evaluate. A control applied live costs one pass over the
    log instead of two.

    Test-only, like ``apply_control`` (the app uses ``apply_replayed``).

    Raises:
        Invalid, Conflict: as ``apply_control``.
    """
    _check_control(control)
    for logged in log:
        if logged.id == control.id:
            unchanged = _same_control(logged, control, tuple(log))
            return unchanged, state_at(show, unchanged, now)
    replayed, state = apply_replayed(replay(show, log), control, now, expected_seq=expected_seq)
    return replayed.log, state


@dataclass(frozen=True)
class Replayed:
    """A control log replayed in full: what a new control is checked and applied against.

    Attributes:
        plan: the run of show with its lookups.
        log: the controls replayed, in order.
        run: the clock just after the last control (not advanced to any later time).
        ids: the ids in ``log``.
    """

    plan: Timeline
    log: tuple[Control, ...]
    run: Run
    ids: frozenset[str]

    def extend(self, controls: Sequence[Control]) -> Replayed:
        """This replay with newer logged controls applied: ``replay(show, log + controls)``.

        Raises:
            Invalid: as ``state_at`` for a log ``apply_control`` could not have made.
        """
        if not controls:
            return self
        run, seen = self.run, set(self.ids)
        previous = self.log[-1] if self.log else None
        for seq, control in enumerate(controls, start=len(self.log)):
            _check_logged(control, previous, seen)
            previous = control
            seen.add(control.id)
            run = _apply_logged(self.plan, run, control, seq)
        return Replayed(self.plan, (*self.log, *controls), run, frozenset(seen))


def replay(show: Sequence[Segment], log: Sequence[Control]) -> Replayed:
    """Replay the whole log once, to apply new controls with ``apply_replayed``.

    Raises:
        Invalid: a segment without a positive length, or a log ``apply_control`` could not
            have made.
    """
    empty = Replayed(make_timeline(tuple(show)), (), Run(NOT_STARTED), frozenset())
    return empty.extend(log)


def apply_replayed(
    replayed: Replayed,
    control: Control,
    now: datetime,
    *,
    expected_seq: int | None = None,
) -> tuple[Replayed, ClockState]:
    """``apply_and_evaluate`` against a replayed log: the log with ``control`` applied, and the
    clock at ``now``. A retry (an id already logged) returns ``replayed`` itself.

    Raises:
        Invalid, Conflict: as ``apply_control``.
    """
    _check_control(control)
    log = replayed.log
    if control.id in replayed.ids:
        logged = next(c for c in log if c.id == control.id)
        unchanged = _same_control(logged, control, log)
        return replayed, state_at(replayed.plan.show, unchanged, now)
    plan, run, seq = replayed.plan, replayed.run, len(log)
    now_ms = _to_ms(now, "now")
    at_ms = _to_ms(control.at, "at")
    if log and control.at < log[-1].at:
        raise Invalid(
            "This control is dated before the last one logged.",
            [FieldError("at", "Controls must be logged in time order.")],
        )
    if at_ms > now_ms:
        raise Invalid("This control is dated in the future.", [FieldError("at", "Not after now.")])
    if expected_seq is not None and expected_seq != seq:
        raise Conflict(
            f"The clock changed since you looked: you saw step {expected_seq}, "
            f"it is now at step {seq}. Check the clock and try again."
        )
    run = transition(plan, advance(plan, run, at_ms), control.kind, control.seconds * 1000, at_ms)
    state = _snapshot(plan, advance(plan, run, now_ms), seq + 1, now_ms)
    return Replayed(plan, (*log, control), run, replayed.ids | {control.id}), state


def _same_control(
    logged: Control, control: Control, log: tuple[Control, ...]
) -> tuple[Control, ...]:
    """Return ``log`` for a retry; refuse an id reused for a different action."""
    if (logged.kind, logged.seconds) != (control.kind, control.seconds):
        raise Invalid(
            "This control id was already used for a different control.",
            [FieldError("id", "Use a new id for each new control.")],
        )
    return log


def _replay(plan: Timeline, log: Sequence[Control], until: datetime | None) -> tuple[Run, int]:
    """Apply the logged controls dated at or before ``until`` (all if None); return run and seq."""
    run = Run(NOT_STARTED)
    seq = 0
    seen: set[str] = set()
    previous: Control | None = None
    # Compared in whole milliseconds, as the clock counts: a control stored at 12.9 ms is in the
    # state shown at 12 ms (the state's own times are floored to 12 ms).
    until_ms = None if until is None else _to_ms(until, "now")
    for control in log:
        _check_logged(control, previous, seen)
        previous = control
        seen.add(control.id)
        if until_ms is not None and _to_ms(control.at, "at") > until_ms:
            continue  # keep validating the rest of the log, apply nothing later than ``until``
        run = _apply_logged(plan, run, control, seq)
        seq += 1
    return run, seq


def _apply_logged(plan: Timeline, run: Run, control: Control, seq: int) -> Run:
    """Replay one logged control (the ``seq``-th, from 0) on the run before it."""
    at_ms = _to_ms(control.at, "at")
    try:
        return transition(
            plan, advance(plan, run, at_ms), control.kind, 1000 * control.seconds, at_ms
        )
    except DomainError as exc:
        raise Invalid(f"Logged control {seq + 1} ({control.id}) cannot be replayed: {exc}") from exc


def _check_logged(control: Control, previous: Control | None, seen: set[str]) -> None:
    """Raise Invalid for a logged control that ``apply_control`` would never have appended."""
    _check_control(control)
    if control.id in seen:
        raise Invalid(f"The control log repeats the id {control.id!r}.")
    if previous is not None and control.at < previous.at:
        raise Invalid(f"The control log is out of time order at {control.id!r}.")


def _check_control(control: Control) -> None:
    """Raise Invalid unless the control is well formed on its own (state is checked later)."""
    if control.kind not in CONTROL_KINDS:
        raise Invalid(
            f"Unknown control {control.kind!r}.",
            [FieldError("kind", f"Use one of: {', '.join(CONTROL_KINDS)}.")],
        )
    if not isinstance(control.id, str) or not control.id:
        raise Invalid("A control needs an id.", [FieldError("id", "Give a unique id.")])
    _to_ms(control.at, "at")
    if control.kind in _TIMED_KINDS:
        seconds = control.seconds
        if isinstance(seconds, bool) or not isinstance(seconds, int):
            seconds = 0
        if not 1 <= seconds <= MAX_ADJUST_SECONDS:
            raise Invalid(
                f"Cannot {control.kind} by {control.seconds!r} seconds.",
                [FieldError("seconds", f"Give 1 to {MAX_ADJUST_SECONDS} seconds.")],
            )
    elif control.seconds != 0:
        raise Invalid(
            f"A {control.kind} control takes no seconds.",
            [FieldError("seconds", "Only extend and shorten take seconds.")],
        )


def _snapshot(plan: Timeline, run: Run, seq: int, now_ms: int) -> ClockState:
    """Turn the internal run into the public state at ``now_ms``."""
    as_of = _to_dt(now_ms)
    if run.status in (NOT_STARTED, ENDED):
        ended = run.status == ENDED
        return ClockState(
            status=run.status,
            segment_index=None,
            segment=None,
            deadline=None,
            remaining_ms=None,
            segment_started_at=None,
            extra_ms=0,
            seq=seq,
            next_segment=None if ended or not plan.show else plan.show[0],
            ended_at=_to_dt(run.ended_ms) if ended else None,
            round=None,
            paused_at=None,
            show_ends_at=_to_dt(run.ended_ms) if ended else None,
            as_of=as_of,
        )
    index = run.index
    running = run.status == RUNNING
    remaining = run.deadline_ms - now_ms if running else run.remaining_ms
    segment = plan.show[index]
    return ClockState(
        status=run.status,
        segment_index=index,
        segment=segment,
        deadline=_to_dt(run.deadline_ms) if running else None,
        remaining_ms=remaining,
        segment_started_at=_to_dt(run.started_ms),
        extra_ms=run.extra_ms,
        seq=seq,
        next_segment=plan.show[index + 1] if index + 1 < len(plan.show) else None,
        ended_at=None,
        round=segment.round,
        paused_at=None if running else _to_dt(run.paused_ms),
        show_ends_at=_to_dt(now_ms + remaining + plan.after_ms[index]),
        as_of=as_of,
    )


def _to_ms(moment: datetime, field: str) -> int:
    """Whole milliseconds since the epoch (floored); Invalid for a naive or missing time."""
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise Invalid(
            f"The time {field!r} must be timezone-aware.",
            [FieldError(field, "Give a timezone-aware time, such as UTC.")],
        )
    return (moment - _EPOCH) // _MS


def _to_dt(ms: int) -> datetime:
    return _EPOCH + ms * _MS
