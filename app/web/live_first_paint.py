"""What a live page shows before its script runs (issue #24, "phones on bad networks").

``static/live/`` derives everything it shows from the clock snapshot in ``#live-data``:
the segment label, the countdown, the round on show and, on a phone, that round's table,
counterpart, agenda and prep card. The snapshot is the clock evaluated at render time, so the
page can show the same thing at first paint; the script then only updates it, and nothing moves
when it starts (Lighthouse measured a layout shift of 0.47 when every round was hidden until
then). ``first_paint`` and ``screen_paint`` are ``livePaint`` and ``screenPaint`` of
static/live/display.js at the snapshot's server time; both languages run the same cases,
tests/data/live_display_cases.json (tests/web/test_live_display_cases.py), so a change to one
that the other lacks fails there.
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


def next_segment(
    clock: dict[str, Any], show: list[dict[str, Any]], status: str
) -> dict[str, Any] | None:
    """The segment after the current one (the first before the start); None after the last.
    As ``nextSegment`` in live/display.js."""
    if status == "not_started":
        return show[0] if show else None
    index = clock.get("segment_index")
    if index is not None and index + 1 < len(show):
        following: dict[str, Any] = show[index + 1]
        return following
    return None


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
    """Minutes and seconds left, rounded up, as shared/time.js writes them ("--:--" for unknown)."""
    if ms is None:
        return "--:--"
    total = math.ceil(ms / 1000)
    return f"{total // 60}:{total % 60:02d}"


def first_paint(live: dict[str, Any], total_rounds: int, view: str) -> dict[str, Any]:
    """Everything live/display.js's ``livePaint`` gives at the snapshot's own server time."""
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
    following = next_segment(clock, show, status)
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
        # As static/live/ reads the template's data-name: a removed person's slot reads "you".
        if person is None or person.id == me_id:
            return "Your turn to speak."
        return f"{person.name} speaks now."
    return ""


# The big screen: which parts each scene shows (``PARTS`` in static/live/display.js).
SCREEN_PARTS: dict[str, tuple[str, ...]] = {
    "welcome": ("welcome",),
    "opening": ("clock", "welcome"),
    "talk": ("clock", "tables"),
    "move": ("move", "tables"),
    "break": ("clock", "board"),
    "wrapup": ("clock", "board"),
    "end": ("end",),
    "board": ("board",),
    "goals": ("welcome",),
    "message": ("message",),
    "blank": (),
}
SOON_MS = 30_000
SOON_TEXT = {
    "topic": "30 seconds left: time to wrap up",
    "changeover": "30 seconds: take your seat",
    "break": "Back in 30 seconds",
    "welcome": "Starting in 30 seconds",
    "wrapup": "30 seconds left",
}
NEXT_KIND = {
    "welcome": "welcome",
    "changeover": "move to your next table",
    "break": "a break",
    "wrapup": "wrap-up",
}


def screen_paint(
    live: dict[str, Any], paint: dict[str, Any], mode: str, total_rounds: int
) -> dict[str, Any]:
    """The big screen's scene, its parts, its "Next:" line and its 30-second cue at render
    time, as live/display.js's ``screenPaint`` picks them."""
    clock: dict[str, Any] = live.get("clock") or {}
    show: list[dict[str, Any]] = live.get("show") or []
    status = paint["status"]
    segment = current_segment(clock, show) if status in ("running", "paused") else None
    if status == "ended":
        auto = "end"
    elif segment is None:
        auto = "welcome"
    else:
        kinds = {"topic": "talk", "changeover": "move", "welcome": "opening"}
        auto = kinds.get(segment["kind"], segment["kind"])
    if mode == "clock":
        scene = auto
    elif auto == "move" and mode in ("board", "goals"):
        scene = "move"
    else:
        scene = mode
    left = None
    if status == "running" and clock.get("deadline_ms") is not None:
        left = int(clock["deadline_ms"]) - int(live.get("server_ms") or 0)
    soon = segment is not None and left is not None and 0 < left <= SOON_MS
    return {
        "scene": scene,
        "parts": SCREEN_PARTS.get(scene, ()),
        "next": _screen_next(clock, show, status, total_rounds),
        "soon": SOON_TEXT.get(segment["kind"], "30 seconds left") if soon and segment else "",
    }


def _screen_next(
    clock: dict[str, Any], show: list[dict[str, Any]], status: str, rounds: int
) -> str:
    if status == "ended":
        return ""
    following = next_segment(clock, show, status)
    if following is None:
        return "Next: the end of the session"
    if following["kind"] == "topic" and following["topic"] == 1 and following["speaker"] == 0:
        return f"Next: round {following['round']} of {rounds}"
    if following["kind"] == "topic":
        found = re.search(r"Topic \d+: ([^·]+)", following.get("label") or "")
        name = found.group(1).strip() if found else following["label"]
        tail = ", next speaker" if following["speaker"] else ""
        return f"Next: topic {following['topic']} of 3: {name}{tail}"
    return "Next: " + NEXT_KIND.get(following["kind"], str(following["label"]))
