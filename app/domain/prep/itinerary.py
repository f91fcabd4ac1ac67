"""One participant's itinerary: their rounds in the plan in force, timed by the run of show.

Pure: the caller hands in the plan's rounds (as stored), the run of show and the session start.
``changes`` compares two itineraries so a participant sees what a late arrival or a swap moved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.domain.clock.run_of_show import Segment


@dataclass(frozen=True)
class Stop:
    """One round of one participant: where, when and with whom (counterpart ids)."""

    round: int
    starts_at: datetime
    seconds: int
    table: str | None  # None: sitting this round out
    counterparts: tuple[int, ...]


def round_times(show: Sequence[Segment], starts_at: datetime) -> dict[int, tuple[datetime, int]]:
    """Each round's planned start and length (its topic segments), from the session start."""
    times: dict[int, tuple[datetime, int]] = {}
    offset = 0
    for segment in show:
        if segment.kind == "topic" and segment.round is not None:
            start, length = times.get(segment.round, (starts_at + timedelta(seconds=offset), 0))
            times[segment.round] = (start, length + segment.seconds)
        offset += segment.seconds
    return times


def stops_for(
    rounds: Sequence[Mapping[str, Any]],
    participant_id: int,
    times: Mapping[int, tuple[datetime, int]],
    fallback: datetime,
) -> list[Stop]:
    """The participant's stop in every round of the plan (sitting out included)."""
    me = str(participant_id)
    stops: list[Stop] = []
    for r in rounds:
        number = int(r["number"])
        start, seconds = times.get(number, (fallback, 0))
        table: str | None = None
        others: tuple[int, ...] = ()
        for group in r["groups"]:
            members = [str(m) for m in group["members"]]
            if me in members:
                table = str(group["table"])
                others = tuple(int(m) for m in members if m != me)
        stops.append(Stop(number, start, seconds, table, others))
    return stops


def changes(before: Sequence[Stop], after: Sequence[Stop], names: Mapping[int, str]) -> list[str]:
    """Plain sentences for each round whose table or counterparts differ between itineraries."""
    old = {s.round: s for s in before}
    out: list[str] = []
    for stop in after:
        was = old.get(stop.round)
        if was is None:
            out.append(f"Round {stop.round} is new: {_where(stop, names)}.")
        elif (was.table, set(was.counterparts)) != (stop.table, set(stop.counterparts)):
            out.append(f"Round {stop.round}: now {_where(stop, names)} (was {_where(was, names)}).")
    gone = sorted(set(old) - {s.round for s in after})
    out += [f"Round {number} was removed." for number in gone]
    return out


def _where(stop: Stop, names: Mapping[int, str]) -> str:
    if stop.table is None:
        return "sitting out"
    who = ", ".join(names.get(c, f"#{c}") for c in stop.counterparts) or "nobody"
    return f"{stop.table} with {who}"
