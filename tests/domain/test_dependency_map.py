"""The dependency map SVG: valid XML, accessible, one arrow per pair, escaped, any size."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from app.domain.summary.dependency_map import render_svg, stroke_width
from app.domain.summary.model import ImpactEdge

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is valid XML
    assert root.tag == f"{SVG}svg"
    return root


def edge_groups(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]


def node_names(root: ET.Element) -> list[str]:
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]
    return [g.findtext(f"{SVG}title") or "" for g in groups]


def test_map_is_accessible_with_title_and_every_edge_in_words() -> None:
    edges = [ImpactEdge("Sales", "Finance", 2, 5), ImpactEdge("Finance", "Sales", 1, 1)]

    root = parse(render_svg(edges, title="Who lands on whom"))

    assert root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == "Who lands on whom"
    desc = root.findtext(f"{SVG}desc") or ""
    assert "Sales pushes 2 items (impact weight 5) downstream onto Finance." in desc
    assert "Finance pushes 1 item (impact weight 1) downstream onto Sales." in desc
    labelled = (root.get("aria-labelledby") or "").split()
    ids = {element.get("id") for element in root.iter()}
    assert labelled
    assert set(labelled) <= ids


def test_one_arrow_per_department_pair_with_items() -> None:
    edges = [
        ImpactEdge("Sales", "Finance", 2, 5),
        ImpactEdge("Finance", "Sales", 1, 3),  # the other direction is its own arrow
        ImpactEdge("sales", "finance ", 1, 2),  # same pair, other spelling: added up
        ImpactEdge("Ops", "Ops", 4, 8),  # self-loop: ignored
        ImpactEdge("Ops", "Legal", 0, 0),  # no items: ignored
    ]

    root = parse(render_svg(edges, title="Map"))

    groups = edge_groups(root)
    pairs = sorted((g.get("data-source"), g.get("data-target")) for g in groups)
    assert pairs == [("Finance", "Sales"), ("Sales", "Finance")]
    labels = {g.get("data-source"): g.findtext(f"{SVG}text") for g in groups}
    assert labels == {"Sales": "3", "Finance": "1"}
    for group in groups:
        path = group.find(f"{SVG}path")
        assert path is not None
        assert (path.get("marker-end") or "").startswith("url(#")
    assert "Ops" not in node_names(root)


def test_line_width_grows_with_impact_weight_and_is_capped() -> None:
    assert stroke_width(1) < stroke_width(5) < stroke_width(20)
    assert stroke_width(10_000) == 8.0
    root = parse(render_svg([ImpactEdge("A", "B", 1, 1), ImpactEdge("B", "A", 3, 15)], title="x"))
    widths = {g.get("data-source"): g.find(f"{SVG}path") for g in edge_groups(root)}
    thin, thick = widths["A"], widths["B"]
    assert thin is not None
    assert thick is not None
    assert float(thin.get("stroke-width", "0")) < float(thick.get("stroke-width", "0"))


def test_hostile_department_names_and_title_are_escaped() -> None:
    edges = [ImpactEdge("<script>alert(1)</script>", "R&D \"core\" 'team'", 1, 3)]

    svg = render_svg(edges, title="Q4 <b>&</b>\x01")

    assert "<script>" not in svg
    assert "<b>" not in svg
    root = parse(svg)
    assert root.findtext(f"{SVG}title") == "Q4 <b>&</b>"  # control character dropped
    assert sorted(node_names(root)) == ["<script>alert(1)</script>", "R&D \"core\" 'team'"]
    [group] = edge_groups(root)
    assert group.get("data-target") == "R&D \"core\" 'team'"


def test_map_uses_no_external_resources_or_scripts() -> None:
    svg = render_svg([ImpactEdge("A", "B", 1, 1)], title="x")

    assert "<script" not in svg
    assert "href" not in svg
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "style" not in svg  # presentation attributes only: fine under a strict CSP


@pytest.mark.parametrize("count", [0, 1, 2, 30])
def test_any_number_of_departments_renders_a_valid_map(count: int) -> None:
    names = [f"Department {n:02d}" for n in range(count)]
    edges = [ImpactEdge(names[n], names[(n + 1) % count], 1 + n % 3, 1 + n) for n in range(count)]

    root = parse(render_svg(edges, title="Map", departments=names))

    assert sorted(node_names(root)) == names
    expected_edges = count if count > 1 else 0  # one department only points at itself
    assert len(edge_groups(root)) == expected_edges
    desc = root.findtext(f"{SVG}desc") or ""
    if expected_edges == 0:
        assert "No cross-team items" in desc
    numbers = [float(v) for e in root.iter() for k, v in e.attrib.items() if k in ("x", "y")]
    width, height = float(root.get("width", "0")), float(root.get("height", "0"))
    assert all(0 <= v <= max(width, height) for v in numbers)


def test_layout_is_deterministic_whatever_the_edge_order() -> None:
    edges = [ImpactEdge(s, t, 1, 2) for s, t in [("C", "A"), ("A", "B"), ("B", "C"), ("A", "C")]]

    first = render_svg(edges, title="Map")

    assert render_svg(list(reversed(edges)), title="Map") == first


def test_two_maps_on_one_page_can_use_distinct_ids() -> None:
    svg = render_svg([ImpactEdge("A", "B", 1, 1)], title="x", id_prefix="q4 <map>")

    ids = [e.get("id") for e in parse(svg).iter() if e.get("id")]
    assert ids
    assert all(i is not None and i.startswith("m-q4--map-") for i in ids)
