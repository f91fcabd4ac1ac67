"""The run of show: the planned, timed segments of one session, in order.

A session opens with a welcome, then runs ``rounds`` conversations and closes with a wrap-up.
Each conversation is split into the three agenda topics for every speaker at the table,
interleaved by topic (A: what we do, B: what we do, A: most pressing, B: most pressing, ...):

- both sides introduce themselves before anyone names a pressing issue, so the second and third
  topics are heard by someone who already knows what the other department does;
- if a table runs long, the loss falls on the last topic for everyone rather than on one
  speaker's whole turn.

Groups of three or four (``speakers_per_group``) follow the same order, one turn per member per
topic. A changeover follows every round but the last (the wrap-up follows that one, nobody moves).
A break comes after the changeover of every ``break_every``-th round, so people find their next
partner before the break and the room restarts on time; there is never a break after the last
round. A length of 0 for the welcome, changeover, break or wrap-up leaves that segment out.

This module is pure: no I/O, no clock, no framework imports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Final

from app.domain.errors import FieldError, Invalid

TOPIC_NAMES: Final = ("What we do", "Most pressing issue", "Butterfly effect")
SEGMENT_KINDS: Final = ("welcome", "topic", "changeover", "break", "wrapup")
MAX_ROUNDS: Final = 100
MIN_SPEAKERS: Final = 2
MAX_SPEAKERS: Final = 4
MAX_SEGMENT_SECONDS: Final = 3600


@dataclass(frozen=True)
class ShowConfig:
    """The facilitator's settings for one session; all lengths are whole seconds."""

    rounds: int
    speakers_per_group: int = 2
    topic_seconds: tuple[int, int, int] = (60, 120, 120)  # per speaker, one per TOPIC_NAMES
    welcome_seconds: int = 300
    changeover_seconds: int = 60
    break_seconds: int = 0
    break_every: int = 0  # a break after every N rounds (0 = none); never after the last round
    wrapup_seconds: int = 600


@dataclass(frozen=True)
class Segment:
    """One timed block of the session as planned (before any facilitator control)."""

    index: int
    kind: str  # welcome | topic | changeover | break | wrapup
    round: int | None  # 1-based round for topic/changeover segments
    topic: int | None  # 1..3 for topic segments
    speaker: int | None  # 0-based speaker slot within the group for topic segments
    seconds: int  # planned length
    label: str  # e.g. "Round 3 · Topic 2: Most pressing issue · Speaker A"


def build_run_of_show(config: ShowConfig) -> tuple[Segment, ...]:
    """Lay out every segment of the session in running order.

    Raises:
        Invalid: a setting is out of range; ``errors`` names each offending field.
    """
    _check_config(config)
    return tuple(replace(segment, index=i) for i, segment in enumerate(_segments(config)))


def planned_seconds(show: tuple[Segment, ...]) -> int:
    """Return the planned length of the whole session, without pauses or adjustments.

    Test-only: the tests check a run of show's total against it; the app reads the clock's
    ``show_ends_at`` instead."""
    return sum(segment.seconds for segment in show)


def speaker_letter(speaker: int) -> str:
    """Return the display letter of a 0-based speaker slot: 0 -> "A", 1 -> "B", ..."""
    return chr(ord("A") + speaker)


def _segments(config: ShowConfig) -> Iterator[Segment]:
    """Yield the segments in order, all with index 0 (numbered by the caller)."""
    if config.welcome_seconds:
        yield _segment("welcome", config.welcome_seconds, "Welcome and rules")
    for number in range(1, config.rounds + 1):
        yield from _round_topics(config, number)
        if number == config.rounds:
            break
        if config.changeover_seconds:
            label = f"Round {number} · Changeover: move to your next partner"
            yield _segment("changeover", config.changeover_seconds, label, round_=number)
        if config.break_every and number % config.break_every == 0:
            yield _segment("break", config.break_seconds, f"Break after round {number}")
    if config.wrapup_seconds:
        yield _segment("wrapup", config.wrapup_seconds, "Wrap-up")


def _round_topics(config: ShowConfig, number: int) -> Iterator[Segment]:
    """Yield one round's topic segments, interleaved by topic (see the module docstring)."""
    for topic, (name, seconds) in enumerate(zip(TOPIC_NAMES, config.topic_seconds, strict=True)):
        for speaker in range(config.speakers_per_group):
            label = (
                f"Round {number} · Topic {topic + 1}: {name} · Speaker {speaker_letter(speaker)}"
            )
            yield Segment(0, "topic", number, topic + 1, speaker, seconds, label)


def _segment(kind: str, seconds: int, label: str, *, round_: int | None = None) -> Segment:
    return Segment(0, kind, round_, None, None, seconds, label)


def _check_config(config: ShowConfig) -> None:
    """Raise Invalid listing every setting that is out of range."""
    errors: list[FieldError] = []
    _check_whole(errors, "rounds", config.rounds, 1, MAX_ROUNDS)
    _check_whole(
        errors, "speakers_per_group", config.speakers_per_group, MIN_SPEAKERS, MAX_SPEAKERS
    )
    topics = config.topic_seconds
    if not isinstance(topics, tuple | list) or len(topics) != len(TOPIC_NAMES):
        errors.append(FieldError("topic_seconds", "Give one length for each of the 3 topics."))
    else:
        for i, seconds in enumerate(topics):
            _check_whole(errors, f"topic_seconds.{i}", seconds, 1, MAX_SEGMENT_SECONDS)
    for name in ("welcome_seconds", "changeover_seconds", "break_seconds", "wrapup_seconds"):
        _check_whole(errors, name, getattr(config, name), 0, MAX_SEGMENT_SECONDS)
    breaks_ok = _check_whole(errors, "break_every", config.break_every, 0, MAX_ROUNDS)
    if breaks_ok and config.break_every and config.break_seconds == 0:
        errors.append(FieldError("break_seconds", "Set a break length, or no breaks."))
    if errors:
        raise Invalid("The run of show settings are not valid.", errors)


def _check_whole(errors: list[FieldError], field: str, value: object, low: int, high: int) -> bool:
    """Append an error unless ``value`` is a whole number in [low, high]; return whether valid."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.append(FieldError(field, f"Must be a whole number from {low} to {high}."))
        return False
    return True
