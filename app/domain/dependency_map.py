"""The dependency map: departments on a circle, arrows for "pushes downstream onto", as SVG.

Rendered on the server as one self-contained SVG string (no scripts, styles, fonts or links), so
the summary page, print and exports show the same picture. Only presentation attributes are
used, which a strict Content-Security-Policy allows. Colours are near-black on white so the map
survives black-and-white printing; the impact is carried by line width and a count label, never
by colour alone, and ``<desc>`` states every edge in words for screen readers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.summary_edges import DepartmentNames, department_key
from app.domain.summary_model import ImpactEdge

NODE_RADIUS = 8
ARROW = 12  # arrow head length, in user units
LABEL_CHARS = 26  # longer department names are shortened on the map (in full in <title>)
MAX_STROKE = 8.0
_INK = "#222"
# Characters XML 1.0 forbids even when escaped; a pasted control character must not break the map.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]")

Point = tuple[float, float]


@dataclass(frozen=True)
class _Edge:
    source: str
    target: str
    items: int
    weight: int


def xml_text(value: str) -> str:
    """Escape ``value`` for XML text and attribute values, dropping characters XML forbids."""
    clean = _NOT_XML.sub("", value)
    return (
        clean.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def stroke_width(weight: int) -> float:
    """Line width for an impact weight: 1.5 plus its square root, at most ``MAX_STROKE``.

    The square root keeps one heavy pair from drowning the rest while still ranking them.
    """
    return round(min(MAX_STROKE, 1.5 + math.sqrt(max(weight, 0))), 1)


def render_svg(
    edges: Iterable[ImpactEdge],
    *,
    title: str,
    departments: Iterable[str] = (),
    id_prefix: str = "dependency-map",
) -> str:
    """The dependency map as a standalone, accessible SVG document.

    Args:
        edges: department pairs with items; self-loops and pairs without items are ignored,
            repeated pairs (in any spelling of the names) are added up.
        title: the accessible name, also shown as the heading.
        departments: departments to show even without edges (for example everyone present).
        id_prefix: prefix of the ids inside the SVG, so several maps can share one page.
    """
    prefix = "m-" + _NOT_ID.sub("-", id_prefix)
    departments = tuple(departments)
    merged = _merge(edges)
    names = DepartmentNames(departments, [n for e in merged for n in (e.source, e.target)])
    nodes = sorted(
        {
            department_key(n): names.display(n) for n in [*departments, *_ends(merged)] if n.strip()
        }.values(),
        key=lambda n: (n.casefold(), n),
    )
    radius = max(140.0, len(nodes) * 60 / (2 * math.pi))
    # Labels run sideways, so the map needs more room left and right than above and below.
    width, height = 2 * (radius + 230), 2 * (radius + 70)
    centre = (width / 2, height / 2)
    places = _layout(nodes, radius, centre)
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} {height:.0f}"'
        f' width="{width:.0f}" height="{height:.0f}" aria-labelledby="{prefix}-title {prefix}-desc"'
        ' font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="13">',
        f'<title id="{prefix}-title">{xml_text(title)}</title>',
        f'<desc id="{prefix}-desc">{xml_text(_describe(merged, names))}</desc>',
        "<defs>",
        f'<marker id="{prefix}-arrow" viewBox="0 0 10 10" refX="0" refY="5"'
        f' markerWidth="{ARROW}" markerHeight="{ARROW}" markerUnits="userSpaceOnUse"'
        f' orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{_INK}"/></marker>',
        "</defs>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#fff"/>',
        f'<text x="16" y="28" font-size="16" font-weight="bold" fill="{_INK}">'
        f"{xml_text(title)}</text>",
    ]
    if not merged:
        lines.append(
            f'<text x="{width / 2:.1f}" y="56" text-anchor="middle" fill="{_INK}">'
            "No cross-team items captured.</text>"
        )
    for edge in merged:
        start = places[department_key(names.display(edge.source))]
        end = places[department_key(names.display(edge.target))]
        lines.append(_edge_svg(edge, names, start, end, prefix))
    for node in nodes:
        lines.append(_node_svg(node, places[department_key(node)], centre))
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def _merge(edges: Iterable[ImpactEdge]) -> list[_Edge]:
    totals: dict[tuple[str, str], _Edge] = {}
    for edge in edges:
        key = (department_key(edge.source), department_key(edge.target))
        if edge.items <= 0 or key[0] == key[1] or not key[0] or not key[1]:
            continue
        before = totals.get(key)
        items, weight = (before.items, before.weight) if before else (0, 0)
        totals[key] = _Edge(edge.source, edge.target, items + edge.items, weight + edge.weight)
    return [totals[key] for key in sorted(totals)]


def _ends(edges: list[_Edge]) -> list[str]:
    return [name for edge in edges for name in (edge.source, edge.target)]


def _describe(edges: list[_Edge], names: DepartmentNames) -> str:
    if not edges:
        return "No cross-team items captured, so no department pushes work onto another."
    said = [_sentence(e, names) for e in edges]
    intro = (
        "Departments on a circle; an arrow from one department to another means it pushes "
        "issues downstream onto that department, thicker for more impact."
    )
    return " ".join([intro, *said])


def _sentence(edge: _Edge, names: DepartmentNames) -> str:
    items = f"{edge.items} item{'s' if edge.items != 1 else ''}"
    return (
        f"{names.display(edge.source)} pushes {items} (impact weight {edge.weight})"
        f" downstream onto {names.display(edge.target)}."
    )


def _layout(nodes: list[str], radius: float, centre: Point) -> dict[str, Point]:
    """Nodes clockwise from the top in name order; a single node sits in the middle."""
    if len(nodes) == 1:
        return {department_key(nodes[0]): centre}
    places = {}
    for index, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * index / len(nodes)
        places[department_key(node)] = (
            centre[0] + radius * math.cos(angle),
            centre[1] + radius * math.sin(angle),
        )
    return places


def _toward(point: Point, other: Point, distance: float) -> Point:
    dx, dy = other[0] - point[0], other[1] - point[1]
    length = math.hypot(dx, dy) or 1.0
    return (point[0] + dx / length * distance, point[1] + dy / length * distance)


def _edge_svg(edge: _Edge, names: DepartmentNames, a: Point, b: Point, prefix: str) -> str:
    # Curve every arrow a little to its right, so A→B and B→A stay two distinct arrows.
    dx, dy = b[0] - a[0], b[1] - a[1]
    bend = 0.12
    control = ((a[0] + b[0]) / 2 - dy * bend, (a[1] + b[1]) / 2 + dx * bend)
    start = _toward(a, control, NODE_RADIUS + 2)
    end = _toward(b, control, NODE_RADIUS + 2 + ARROW)
    label = (
        0.25 * start[0] + 0.5 * control[0] + 0.25 * end[0],
        0.25 * start[1] + 0.5 * control[1] + 0.25 * end[1],
    )
    source, target = names.display(edge.source), names.display(edge.target)
    return (
        f'<g class="edge" data-source="{xml_text(source)}" data-target="{xml_text(target)}">'
        f"<title>{xml_text(_sentence(edge, names))}</title>"
        f'<path d="M{start[0]:.1f},{start[1]:.1f} Q{control[0]:.1f},{control[1]:.1f}'
        f' {end[0]:.1f},{end[1]:.1f}" fill="none" stroke="{_INK}" stroke-opacity="0.75"'
        f' stroke-width="{stroke_width(edge.weight)}" marker-end="url(#{prefix}-arrow)"/>'
        f'<text x="{label[0]:.1f}" y="{label[1]:.1f}" text-anchor="middle"'
        f' dominant-baseline="middle" font-weight="bold" fill="{_INK}" stroke="#fff"'
        f' stroke-width="4" paint-order="stroke">{edge.items}</text></g>'
    )


def _node_svg(name: str, at: Point, centre: Point) -> str:
    label = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
    dx, dy = at[0] - centre[0], at[1] - centre[1]
    if abs(dx) < 1 and abs(dy) < 1:  # the lone node in the middle: label below it
        text_at, anchor = (at[0], at[1] + NODE_RADIUS + 14), "middle"
    else:
        text_at = _toward(at, (at[0] + dx, at[1] + dy), NODE_RADIUS + 8)
        anchor = "start" if dx > 1 else "end" if dx < -1 else "middle"
        if anchor == "middle":  # top or bottom of the circle: move clear of the node
            text_at = (text_at[0], text_at[1] + (8 if dy > 0 else -8))
    return (
        f'<g class="node"><title>{xml_text(name)}</title>'
        f'<circle cx="{at[0]:.1f}" cy="{at[1]:.1f}" r="{NODE_RADIUS}" fill="#fff"'
        f' stroke="{_INK}" stroke-width="2"/>'
        f'<text x="{text_at[0]:.1f}" y="{text_at[1]:.1f}" text-anchor="{anchor}"'
        f' dominant-baseline="middle" fill="{_INK}">{xml_text(label)}</text></g>'
    )
