"""One board order in two languages: ``board_order`` and ``static/board/order.js`` against the
same cases (``tests/data/board_order_cases.json``), so the browser's list and the server's agree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.assets import STATIC_DIR
from app.domain.board.model import IMPACT_WEIGHTS, BoardItem, Hold, Impact
from app.domain.board.views import board_order
from tests.support.node import run_node

HERE = Path(__file__).resolve().parent
CASES_FILE = HERE.parent / "data" / "board_order_cases.json"
CASES: dict[str, Any] = json.loads(CASES_FILE.read_text(encoding="utf-8"))
NODE_SCRIPT = HERE.parent / "js" / "board_order.mjs"


def _item(raw: dict[str, Any]) -> BoardItem:
    return BoardItem(
        id=raw["id"],
        from_team="Sales",
        to_teams=("Finance",),
        what_happens="x",
        impact=Impact(raw["impact"]),
        goal_id=None,
        author="p1",
        seq=raw["seq"],
        pinned=raw.get("pinned", False),
        hold=Hold.APPROVAL if raw.get("held") else Hold.NONE,
    )


def test_the_cases_cover_every_rule() -> None:
    names = [case["name"] for case in CASES["cases"]]
    assert len(names) == len(set(names))
    assert any(case.get("held_first") for case in CASES["cases"])
    assert CASES["weights"] == {impact.value: weight for impact, weight in IMPACT_WEIGHTS.items()}


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda case: case["name"])
def test_python_orders_each_case(case: dict[str, Any]) -> None:
    items = [_item(raw) for raw in case["items"]]
    votes = {raw["id"]: raw["votes"] for raw in case["items"]}
    ordered = board_order(items, votes, held_first=case.get("held_first", False))
    assert [item.id for item in ordered] == case["expected"]


def test_the_browser_orders_each_case_and_weighs_impact_alike() -> None:
    printed = run_node(
        str(NODE_SCRIPT),
        str(CASES_FILE),
        str(STATIC_DIR / "board" / "order.js"),
        checks="static/board/order.js",
    )
    result = json.loads(printed)
    assert result["weights"] == CASES["weights"]
    for case, got in zip(CASES["cases"], result["orders"], strict=True):
        assert got == case["expected"], case["name"]
