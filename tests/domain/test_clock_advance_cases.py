"""One segment-advance rule in two languages: ``clock.rules.advance`` and ``derive()`` in
``static/live/clock.js`` (the phone's running countdown) against the same cases
(``tests/data/clock_advance_cases.json``), so a phone's clock hands over when the server's does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.assets import STATIC_DIR
from app.domain.clock.rules import ENDED, NOT_STARTED, PAUSED, RUNNING, Run, advance, make_timeline
from app.domain.clock.run_of_show import Segment
from tests.support.node import run_node

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE.parent / "data" / "clock_advance_cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]
NODE_SCRIPT = HERE.parent / "js" / "clock_advance.mjs"


def _show(seconds: list[int]) -> tuple[Segment, ...]:
    return tuple(
        Segment(index=i, kind="topic", round=1, topic=1, speaker=0, seconds=s, label=f"s{i}")
        for i, s in enumerate(seconds)
    )


def _run(clock: dict[str, Any]) -> Run:
    status = clock["status"]
    if status == RUNNING:
        return Run(RUNNING, clock["segment_index"], deadline_ms=clock["deadline_ms"])
    if status == PAUSED:
        return Run(PAUSED, clock["segment_index"], remaining_ms=1000)
    assert status == NOT_STARTED
    return Run(NOT_STARTED)


def _clock(run: Run, before: dict[str, Any]) -> dict[str, Any]:
    """The run as the browser's clock names it."""
    if run.status == ENDED:
        return {
            "status": ENDED,
            "segment_index": None,
            "deadline_ms": None,
            "ended_at_ms": run.ended_ms,
        }
    if run.status == RUNNING:
        return {"status": RUNNING, "segment_index": run.index, "deadline_ms": run.deadline_ms}
    return {"status": run.status, "segment_index": before["segment_index"], "deadline_ms": None}


def test_the_cases_cover_every_outcome() -> None:
    assert {case["expected"]["status"] for case in CASES} == {RUNNING, ENDED, PAUSED, NOT_STARTED}
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["name"])
def test_python_advances_each_case(case: dict[str, Any]) -> None:
    plan = make_timeline(_show(case["show"]))
    advanced = advance(plan, _run(case["clock"]), case["now_ms"])
    assert _clock(advanced, case["clock"]) == case["expected"]


def test_the_browser_advances_each_case() -> None:
    printed = run_node(
        str(NODE_SCRIPT), str(CASES_FILE), str(STATIC_DIR), checks="static/live/clock.js derive()"
    )
    for case, got in zip(CASES, json.loads(printed), strict=True):
        expected = {**case["expected"]}
        if expected["status"] != ENDED:
            expected.pop("ended_at_ms", None)
        assert {key: got.get(key) for key in expected} == expected, case["name"]
