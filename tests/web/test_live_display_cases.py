"""One display rule in two languages: what a live page shows for a clock at a time.

The server paints the live page and the big screen before their scripts run
(``app/web/live_first_paint.py``); the scripts then repaint every 250 ms
(``static/live/display.js``). Both run the same cases (``tests/data/live_display_cases.json``),
so nothing on a phone or the big screen changes when the script takes over: the label, the
countdown, the round, what comes next, the scene, the "Next:" line and the 30-second cue.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.assets import STATIC_DIR
from app.domain.clock.run_of_show import build_run_of_show
from app.services.clock.log import show_config
from app.services.live.service import show_payload
from app.web.live_first_paint import first_paint, screen_paint
from tests.support.node import run_node

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE.parent / "data" / "live_display_cases.json"
DATA: dict[str, Any] = json.loads(CASES_FILE.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = DATA["cases"]
NODE_SCRIPT = HERE.parent / "js" / "live_display.mjs"


def test_the_cases_use_the_run_of_show_the_server_sends() -> None:
    """The show in the file is what the server builds for its settings, not a hand-made one."""
    config = show_config(
        {
            "topic_seconds": (60, 90, 90),
            "welcome_seconds": 120,
            "changeover_seconds": 45,
            "break_seconds": 300,
            "break_every": 1,
            "wrapup_seconds": 240,
        },
        rounds=DATA["total_rounds"],
        group_size=2,
    )
    assert show_payload(build_run_of_show(config)) == DATA["show"]


def test_the_cases_cover_every_status_scene_and_cue() -> None:
    statuses = {case["expected"]["live"]["status"] for case in CASES}
    scenes = {case["expected"]["screen"]["scene"] for case in CASES}
    assert statuses == {"not_started", "running", "paused", "ended"}
    assert {"welcome", "opening", "talk", "move", "break", "wrapup", "end"} <= scenes
    assert {"board", "message", "blank"} <= scenes  # the facilitator's modes
    assert any(case["expected"]["screen"]["soon"] for case in CASES)
    assert len({case["name"] for case in CASES}) == len(CASES)


def _server(case: dict[str, Any]) -> dict[str, Any]:
    live = {"clock": case["clock"], "show": DATA["show"], "server_ms": case["now_ms"]}
    total = DATA["total_rounds"]
    screen = screen_paint(live, first_paint(live, total, "screen"), case["mode"], total)
    return {
        "live": first_paint(live, total, case["view"]),
        "screen": {**screen, "parts": list(screen["parts"])},
    }


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_the_server_paints_each_case(case: dict[str, Any]) -> None:
    assert _server(case) == case["expected"]


def test_the_browser_paints_each_case_as_the_server_does() -> None:
    printed = run_node(
        str(NODE_SCRIPT),
        str(CASES_FILE),
        str(STATIC_DIR),
        checks="static/live/display.js livePaint() and screenPaint()",
    )
    for case, shown in zip(CASES, json.loads(printed), strict=True):
        assert shown == case["expected"], case["name"]
