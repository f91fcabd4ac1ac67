"""The dependency map stays readable from 3 to 15 departments: no text box overlaps another,
none leaves the canvas, every department is labelled, and the title is never clipped."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from app.domain.summary.dependency_map import render_svg
from app.domain.summary.map_layout import Box, TextLine
from app.domain.summary.model import ImpactEdge
from tests.support.summary_sizes import DEPARTMENTS

SVG = "{http://www.w3.org/2000/svg}"
# The same 15 departments as the browser test of the summary (one long name wraps).
NAMES = DEPARTMENTS
LONG_TITLE = "Dependency map: Q3 leadership speed-dating for the whole operations organisation"


def dense_edges(names: list[str]) -> list[ImpactEdge]:
    """Every department pushes onto the next three, and the first two onto each other."""
    edges = [
        ImpactEdge(source, names[(i + step) % len(names)], 1 + (i + step) % 4, 2 + i % 7)
        for i, source in enumerate(names)
        for step in (1, 2, len(names) // 2)
        if names[(i + step) % len(names)] != source
    ]
    return [*edges, ImpactEdge(names[1], names[0], 12, 40)]


def text_boxes(svg: str) -> tuple[list[tuple[str, Box]], float, float]:
    root = ET.fromstring(svg)  # noqa: S314 - our own SVG
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    base = float(root.get("font-size", "13"))
    boxes = []
    for element in root.iter(f"{SVG}text"):
        line = TextLine(
            float(element.get("x", "0")),
            float(element.get("y", "0")),
            element.text or "",
            element.get("text-anchor", "start"),
            float(element.get("font-size", base)),
            element.get("font-weight") == "bold",
        )
        boxes.append((line.text, line.box))
    return boxes, width, height


@pytest.mark.parametrize("count", [3, 8, 15])
@pytest.mark.parametrize("title", ["Dependency map: Q3", LONG_TITLE])
def test_no_text_overlaps_another_or_leaves_the_canvas(count: int, title: str) -> None:
    names = NAMES[:count]

    svg = render_svg(dense_edges(names), title=title, departments=names)

    boxes, width, height = text_boxes(svg)
    for text, box in boxes:
        assert min(box.x0, box.y0) >= 0, text
        assert box.x1 <= width, text
        assert box.y1 <= height, text
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), (a, b)


@pytest.mark.parametrize("count", [3, 8, 15])
def test_every_department_has_a_visible_label_and_most_counts_show(count: int) -> None:
    names = NAMES[:count]
    edges = dense_edges(names)

    root = ET.fromstring(render_svg(edges, title="Map", departments=names))  # noqa: S314

    nodes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    assert len(nodes) == count
    for node in nodes:
        label = " ".join(t.text or "" for t in node.iter(f"{SVG}text"))
        assert label.strip(), node.findtext(f"{SVG}title")
        full = node.findtext(f"{SVG}title") or ""
        assert label.replace("…", "").split()[0] == full.split()[0]
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    shown = [g for g in groups if g.find(f"{SVG}text") is not None]
    assert len(shown) >= 0.8 * len(groups)  # the rest: in the tooltip, matrix and table


def test_the_title_wraps_instead_of_being_clipped() -> None:
    svg = render_svg([ImpactEdge("A", "B", 1, 1)], title=LONG_TITLE)

    root = ET.fromstring(svg)  # noqa: S314
    heading = [t.text or "" for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert " ".join(h for h in heading if not h.isdigit()) == LONG_TITLE


def test_the_empty_state_sits_under_the_title_clear_of_every_label() -> None:
    names = NAMES[:5]

    boxes, _, _ = text_boxes(render_svg([], title="Dependency map: Q3", departments=names))

    texts = [t for t, _ in boxes]
    assert "No cross-team items captured." in texts
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), (a, b)
