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
from functools import cached_property

from app.domain.summary.edges import DepartmentNames, department_key
from app.domain.summary.map_layout import (
    BOLD_EM,
    FONT,
    LINE,
    MARGIN,
    NODE_RADIUS,
    TITLE_FONT,
    Box,
    Point,
    Taken,
    TextLine,
    circle_layout,
    count_spot,
    wrap,
)
from app.domain.summary.model import ImpactEdge

ARROW = 12  # arrow head length, in user units
MAX_STROKE = 8.0
_INK = "#222"
# Characters XML 1.0 forbids even when escaped; a pasted control character must not break the map.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]")


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

    Every text (title, department labels, counts) is laid out so that none overlaps another or
    leaves the canvas (``summary.map_layout``): the canvas is sized to what it holds.

    Args:
        edges: department pairs with items; self-loops and pairs without items are ignored,
            repeated pairs (in any spelling of the names) are added up.
        title: the accessible name, also shown as the heading (wrapped, never clipped).
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
    layout = circle_layout(
        [department_key(n) for n in nodes], {department_key(n): n for n in nodes}
    )
    curves = [_curve(e, names, layout.places) for e in merged]
    drawn = layout.boxes() + [Box(c[0], c[1], c[0], c[1]) for _, _, c, _ in curves]
    x0 = min((b.x0 for b in drawn), default=0.0)
    x1 = max((b.x1 for b in drawn), default=0.0)
    y0 = min((b.y0 for b in drawn), default=0.0)
    y1 = max((b.y1 for b in drawn), default=0.0)
    width = max(x1 - x0 + 2 * MARGIN, 480.0)
    heading = _heading(title, width, empty=not merged)
    top = max(line.box.y1 for line in heading) + 12
    dx, dy = (width - (x1 - x0)) / 2 - x0, top - y0
    height = top + (y1 - y0) + MARGIN
    places = {key: (x + dx, y + dy) for key, (x, y) in layout.places.items()}
    labels = {
        key: tuple(line.moved(dx, dy) for line in lines) for key, lines in layout.labels.items()
    }
    taken = Taken([line.box for line in heading] + [b.moved(dx, dy) for b in layout.boxes()])
    # Arrow heads stay visible: a count never sits on one.
    for _, _, _, e in curves:
        taken.add(Box(e[0] + dx - ARROW, e[1] + dy - ARROW, e[0] + dx + ARROW, e[1] + dy + ARROW))
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} {height:.0f}"'
        f' width="{width:.0f}" height="{height:.0f}" aria-labelledby="{prefix}-title {prefix}-desc"'
        ' font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'
        f' font-size="{FONT:.0f}">',
        f'<title id="{prefix}-title">{xml_text(title)}</title>',
        f'<desc id="{prefix}-desc">{xml_text(_describe(merged, names))}</desc>',
        "<defs>",
        f'<marker id="{prefix}-arrow" viewBox="0 0 10 10" refX="0" refY="5"'
        f' markerWidth="{ARROW}" markerHeight="{ARROW}" markerUnits="userSpaceOnUse"'
        f' orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{_INK}"/></marker>',
        "</defs>",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#fff"/>',
        *(_text(line) for line in heading),
    ]
    for edge, start, control, end in curves:
        shifted = [(p[0] + dx, p[1] + dy) for p in (start, control, end)]
        count = count_spot(str(edge.items), shifted[0], shifted[1], shifted[2], taken)
        if count is not None:
            taken.add(count.box)
        lines.append(_edge_svg(edge, names, shifted, count, prefix))
    for node in nodes:
        key = department_key(node)
        lines.append(_node_svg(node, places[key], labels[key]))
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Matrix:
    """The map as a department × department table: ``cells[i][j]`` items ``names[i]`` pushes
    onto ``names[j]`` (and their impact weight), 0 where none."""

    names: tuple[str, ...]
    cells: tuple[tuple[tuple[int, int], ...], ...]

    @cached_property
    def busiest(self) -> int:
        """The largest item count in any cell (for shading); counted once per matrix."""
        return max((items for row in self.cells for items, _ in row), default=0)


def matrix(edges: Iterable[ImpactEdge], departments: Iterable[str] = ()) -> Matrix:
    """The same departments and pairs as ``render_svg``, as a matrix (rows push onto columns)."""
    departments = tuple(departments)
    merged = _merge(edges)
    names = DepartmentNames(departments, [n for e in merged for n in (e.source, e.target)])
    nodes = sorted(
        {
            department_key(n): names.display(n) for n in [*departments, *_ends(merged)] if n.strip()
        }.values(),
        key=lambda n: (n.casefold(), n),
    )
    index = {department_key(n): i for i, n in enumerate(nodes)}
    cells = [[(0, 0) for _ in nodes] for _ in nodes]
    for edge in merged:
        row = index[department_key(names.display(edge.source))]
        column = index[department_key(names.display(edge.target))]
        cells[row][column] = (edge.items, edge.weight)
    return Matrix(tuple(nodes), tuple(tuple(row) for row in cells))


def _heading(title: str, width: float, *, empty: bool) -> list[TextLine]:
    chars = max(12, int((width - 2 * MARGIN) / (TITLE_FONT * BOLD_EM)))
    step = TITLE_FONT * LINE
    heading = [
        TextLine(MARGIN, MARGIN + step / 2 + i * step, text, "start", TITLE_FONT, bold=True)
        for i, text in enumerate(wrap(title, chars, 3))
    ]
    if empty:
        below = heading[-1].y + step
        heading.append(TextLine(MARGIN, below, "No cross-team items captured.", "start"))
    return heading


def _text(line: TextLine, extra: str = "") -> str:
    size = f' font-size="{line.size:.0f}"' if line.size != FONT else ""
    bold = ' font-weight="bold"' if line.bold else ""
    return (
        f'<text x="{line.x:.1f}" y="{line.y:.1f}" text-anchor="{line.anchor}"'
        f' dominant-baseline="middle"{size}{bold} fill="{_INK}"{extra}>{xml_text(line.text)}</text>'
    )


def _curve(
    edge: _Edge, names: DepartmentNames, places: dict[str, Point]
) -> tuple[_Edge, Point, Point, Point]:
    a = places[department_key(names.display(edge.source))]
    b = places[department_key(names.display(edge.target))]
    # Curve every arrow to its right, so A→B and B→A stay two distinct arrows.
    dx, dy = b[0] - a[0], b[1] - a[1]
    bend = 0.18
    control = ((a[0] + b[0]) / 2 - dy * bend, (a[1] + b[1]) / 2 + dx * bend)
    start = _toward(a, control, NODE_RADIUS + 2)
    end = _toward(b, control, NODE_RADIUS + 2 + ARROW)
    return edge, start, control, end


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


def _toward(point: Point, other: Point, distance: float) -> Point:
    dx, dy = other[0] - point[0], other[1] - point[1]
    length = math.hypot(dx, dy) or 1.0
    return (point[0] + dx / length * distance, point[1] + dy / length * distance)


def _edge_svg(
    edge: _Edge, names: DepartmentNames, curve: list[Point], count: TextLine | None, prefix: str
) -> str:
    start, control, end = curve
    source, target = names.display(edge.source), names.display(edge.target)
    label = (
        _text(count, ' stroke="#fff" stroke-width="4" paint-order="stroke"')
        if count is not None
        else ""
    )
    return (
        f'<g class="edge" data-source="{xml_text(source)}" data-target="{xml_text(target)}">'
        f"<title>{xml_text(_sentence(edge, names))}</title>"
        f'<path d="M{start[0]:.1f},{start[1]:.1f} Q{control[0]:.1f},{control[1]:.1f}'
        f' {end[0]:.1f},{end[1]:.1f}" fill="none" stroke="{_INK}" stroke-opacity="0.75"'
        f' stroke-width="{stroke_width(edge.weight)}" marker-end="url(#{prefix}-arrow)"/>'
        f"{label}</g>"
    )


def _node_svg(name: str, at: Point, label: tuple[TextLine, ...]) -> str:
    return (
        f'<g class="node"><title>{xml_text(name)}</title>'
        f'<circle cx="{at[0]:.1f}" cy="{at[1]:.1f}" r="{NODE_RADIUS:.0f}" fill="#fff"'
        f' stroke="{_INK}" stroke-width="2"/>' + "".join(_text(line) for line in label) + "</g>"
    )
