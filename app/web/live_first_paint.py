"""What a live page shows before its script runs (issue #24, "phones on bad networks").

``static/live.js`` derives everything it shows from the clock snapshot in ``#live-data``:
the segment label, the countdown, the round on show and, on a phone, that round's table,
counterpart, agenda and prep card. The snapshot is the clock evaluated at render time, so the
page can show the same thing at first paint; the script then only updates it, and nothing moves
when it starts (Lighthouse measured a layout shift of 0.47 when every round was hidden until
then). Each function here mirrors the one of the same name in live.js; keep them in step.
"""

from __future__ import annotations

import math
import re
from typing import Any

STATUS_TEXT = {
    "not_started": "Not started",
    "running": "Running",
    "paused": "Paused",
    "ended": "Ended",
}


def display_round(clock: dict[str, Any], show: list[dict[str, Any]]) -> int | None:
    """The round whose tables matter now: the current topic's, else the next one coming."""
    if clock.get("status") == "ended":
        return None
    index = clock.get("segment_index")
    for segment in show[0 if index is None else index :]:
        if segment["kind"] == "topic":
            return int(segment["round"])
    return None


def current_segment(clock: dict[str, Any], show: list[dict[str, Any]]) -> dict[str, Any] | None:
    index = clock.get("segment_index")
    if clock.get("status") == "not_started" or index is None or index >= len(show):
        return None
    segment: dict[str, Any] = show[index]
    return segment


def remaining_ms(clock: dict[str, Any], show: list[dict[str, Any]], now_ms: int) -> int | None:
    status = clock.get("status")
    if status == "running" and clock.get("deadline_ms") is not None:
        return max(0, int(clock["deadline_ms"]) - now_ms)
    if status == "paused" and clock.get("remaining_ms") is not None:
        return max(0, int(clock["remaining_ms"]))
    if status == "not_started":
        return int(show[0]["seconds"]) * 1000 if show else None
    return 0


def format_ms(ms: int | None) -> str:
    """Minutes and seconds left, rounded up, as live.js writes them ("--:--" for unknown)."""
    if ms is None:
        return "--:--"
    total = math.ceil(ms / 1000)
    return f"{total // 60}:{total % 60:02d}"


def first_paint(live: dict[str, Any], total_rounds: int, view: str) -> dict[str, Any]:
    """Everything live.js's ``render()`` would write at the snapshot's own server time."""
    clock: dict[str, Any] = live.get("clock") or {}
    show: list[dict[str, Any]] = live.get("show") or []
    status = str(clock.get("status") or "not_started")
    segment = current_segment(clock, show)
    if status == "ended":
        label = "Session ended"
    elif status == "not_started":
        label = "Not started yet"
    elif segment is not None:
        label = str(segment["label"])
        if view == "screen" and segment["kind"] == "topic":
            label = re.sub(r" · Speaker \w+$", "", label)
    else:
        label = "—"
    index = clock.get("segment_index")
    following: dict[str, Any] | None = None
    if status == "not_started":
        following = show[0] if show else None
    elif index is not None and index + 1 < len(show):
        following = show[index + 1]
    if following is not None:
        next_label = str(following["label"])
    else:
        next_label = "Nothing: thank you!" if status == "ended" else "End of session"
    number = display_round(clock, show)
    round_text = f"Round {number} of {total_rounds}" if number else ""
    if segment is not None and segment["kind"] != "topic" and number:
        round_text = f"Coming up: round {number} of {total_rounds}"
    talking = segment is not None and segment["kind"] == "topic" and status != "ended"
    topic = segment["topic"] if talking and segment else None
    return {
        "status": status,
        "status_text": STATUS_TEXT.get(status, status),
        "phase": "ended" if status == "ended" else (segment["kind"] if segment else "not_started"),
        "label": label,
        "countdown": format_ms(remaining_ms(clock, show, int(live.get("server_ms") or 0))),
        "next_label": next_label,
        "round": number,
        "round_text": round_text,
        "topic": topic,
        "speaker": segment["speaker"] if topic is not None and segment else None,
    }


def speaker_note(paint: dict[str, Any], mine: list[dict[str, Any]], me_id: int) -> str:
    """The participant's "X speaks now." line for the round on show, or "" when none."""
    if paint["topic"] is None or paint["speaker"] is None or paint["round"] is None:
        return ""
    for entry in mine:
        if entry["number"] != paint["round"] or entry["table"] is None:
            continue
        members = entry["members"]
        if paint["speaker"] >= len(members):
            return ""
        person = members[paint["speaker"]]
        # As live.js reads the template's data-name: a removed person's slot reads "you".
        if person is None or person.id == me_id:
            return "Your turn to speak."
        return f"{person.name} speaks now."
    return ""
