"""Draw the dependency map's SVG onto a PDF page with fpdf2's own drawing calls.

The map is the exact SVG of the page (``app.domain.summary.dependency_map.render_svg``): nodes
(``circle``), edges (a quadratic ``path`` with an arrow head) and labels (``text``). fpdf2 can
import SVG itself, but it skips ``<marker>`` (the arrow heads) and takes about half a second for
a map of 25 departments; drawing that small vocabulary directly is ~10x faster.
Anything else in the SVG is ignored.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from fpdf import FPDF

from app.domain.summary.dependency_map import ARROW
from app.services.summary.pdf.table import measure
from app.services.summary.pdf.text import place_text

_NS = "{http://www.w3.org/2000/svg}"
_NUMBER = r"[-\d.]+"
_QUAD = re.compile(rf"M({_NUMBER}),({_NUMBER}) Q({_NUMBER}),({_NUMBER}) ({_NUMBER}),({_NUMBER})")
PT_PER_MM = 72 / 25.4
_SEGMENTS = 12
_INK = (34, 34, 34)
_EDGE_INK = (90, 90, 90)  # the SVG's #222 at 75% opacity, on white


@dataclass(frozen=True)
class _Frame:
    """Where the SVG's user space lands on the page."""

    x: float
    y: float
    scale: float  # mm per SVG unit

    def at(self, x: float, y: float) -> tuple[float, float]:
        return self.x + x * self.scale, self.y + y * self.scale


def svg_size(svg: str) -> tuple[float, float]:
    """The map's width and height in SVG units (from its viewBox)."""
    root = ET.fromstring(svg)  # noqa: S314 - our own SVG
    _, _, width, height = (float(v) for v in root.get("viewBox", "0 0 800 600").split())
    return width, height


def draw_map(pdf: FPDF, svg: str, *, x: float, y: float, width: float, font: str) -> float:
    """Draw the map with its top left at (x, y), ``width`` mm wide; returns its height in mm."""
    root = ET.fromstring(svg)  # noqa: S314 - our own SVG
    _, _, view_w, view_h = (float(v) for v in root.get("viewBox", "0 0 800 600").split())
    frame = _Frame(x, y, width / view_w)
    base_size = float(root.get("font-size", "13"))
    with pdf.local_context():
        pdf.set_draw_color(*_INK)
        pdf.set_fill_color(*_INK)
        for element in root:
            tag = element.tag.removeprefix(_NS)
            if tag == "g":
                for part in element:
                    _draw(pdf, part, frame, base_size, font)
            elif tag == "text":
                _draw(pdf, element, frame, base_size, font)
    return view_h * frame.scale


def _draw(pdf: FPDF, element: ET.Element, frame: _Frame, base_size: float, font: str) -> None:
    tag = element.tag.removeprefix(_NS)
    if tag == "path":
        _edge(pdf, element, frame)
    elif tag == "circle":
        cx, cy = frame.at(float(element.get("cx", 0)), float(element.get("cy", 0)))
        radius = float(element.get("r", 0)) * frame.scale
        pdf.set_line_width(float(element.get("stroke-width", 1)) * frame.scale)
        pdf.set_fill_color(255, 255, 255)
        pdf.circle(cx, cy, radius, style="DF")
        pdf.set_fill_color(34, 34, 34)
    elif tag == "text":
        _label(pdf, element, frame, base_size, font)


def _edge(pdf: FPDF, element: ET.Element, frame: _Frame) -> None:
    found = _QUAD.match(element.get("d", ""))
    if found is None:
        return
    sx, sy, cx, cy, ex, ey = (float(v) for v in found.groups())
    start, control, end = frame.at(sx, sy), frame.at(cx, cy), frame.at(ex, ey)
    pdf.set_line_width(float(element.get("stroke-width", 1)) * frame.scale)
    pdf.set_draw_color(*_EDGE_INK)
    # A polyline along the curve: fpdf2's bezier() goes through its drawing-context machinery,
    # about a millisecond a call; a dozen straight segments look the same at this size.
    steps = [i / _SEGMENTS for i in range(_SEGMENTS + 1)]
    pdf.polyline([_quadratic(start, control, end, t) for t in steps])
    if element.get("marker-end"):
        dx, dy = end[0] - control[0], end[1] - control[1]
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        size = ARROW * frame.scale
        tip = (end[0] + ux * size, end[1] + uy * size)
        left = (end[0] - uy * size / 2, end[1] + ux * size / 2)
        right = (end[0] + uy * size / 2, end[1] - ux * size / 2)
        pdf.polygon([tip, left, right], style="F")
    pdf.set_draw_color(*_INK)


def _quadratic(
    a: tuple[float, float], c: tuple[float, float], b: tuple[float, float], t: float
) -> tuple[float, float]:
    u = 1 - t
    return (
        u * u * a[0] + 2 * u * t * c[0] + t * t * b[0],
        u * u * a[1] + 2 * u * t * c[1] + t * t * b[1],
    )


def _label(pdf: FPDF, element: ET.Element, frame: _Frame, base_size: float, font: str) -> None:
    text = "".join(element.itertext())
    if not text:
        return
    size = float(element.get("font-size", base_size)) * frame.scale * PT_PER_MM
    style = "B" if element.get("font-weight") == "bold" else ""
    if (pdf.font_family, pdf.font_style, pdf.font_size_pt) != (font.lower(), style, size):
        pdf.set_font(font, style, size)
    x, y = frame.at(float(element.get("x", 0)), float(element.get("y", 0)))
    width = measure(pdf, style)(text)
    anchor = element.get("text-anchor", "start")
    x -= width / 2 if anchor == "middle" else width if anchor == "end" else 0
    if element.get("dominant-baseline") == "middle":
        y += size / PT_PER_MM * 0.35
    if element.get("stroke") == "#fff":  # a count on an edge: keep it legible over the lines
        height = size / PT_PER_MM
        pdf.set_fill_color(255, 255, 255)
        pdf.rect(x - 0.4, y - height * 0.8, width + 0.8, height, style="F")
        pdf.set_fill_color(34, 34, 34)
    place_text(pdf, x, y, text)
