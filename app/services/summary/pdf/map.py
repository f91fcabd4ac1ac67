"""Draw the dependency map's SVG onto a PDF page with fpdf2's own drawing calls.

The map is the exact SVG of the page (``app.domain.summary.dependency_map.render_svg``): nodes
(``circle``), edges (a quadratic ``path`` with an arrow head) and labels (``text``). fpdf2 can
import SVG itself, but it skips ``<marker>`` (the arrow heads) and takes about half a second for
a map of 25 departments; drawing that small vocabulary directly is ~10x faster.
Anything else in the SVG is ignored.

Each edge (its curve, its arrow head) and each count's white backing is written as one run of
PDF path operators inside its own ``q``/``Q`` (save/restore of the graphics state): the SVG's
quadratic curve becomes the equal cubic one (``c``), exactly as the page draws it, where going
through fpdf2's drawing calls cost six calls and a dozen line segments per edge, most of the
PDF's time at 25 departments and 600 edges. Restoring the state keeps fpdf2's own record of the
current colours and line width true.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache

from fpdf import FPDF

from app.domain.summary.dependency_map import ARROW
from app.services.summary.pdf.table import measure
from app.services.summary.pdf.text import place_text

_NS = "{http://www.w3.org/2000/svg}"
_NUMBER = r"[-\d.]+"
_QUAD = re.compile(rf"M({_NUMBER}),({_NUMBER}) Q({_NUMBER}),({_NUMBER}) ({_NUMBER}),({_NUMBER})")
PT_PER_MM = 72 / 25.4
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


@lru_cache(maxsize=8)
def parse(svg: str) -> ET.Element:
    """The map's SVG document, parsed once for ``svg_size`` and ``draw_map``; kept for the next
    PDF of the same map (the SVG is itself memoised, so the key is the same string; drawing
    only reads the tree)."""
    return ET.fromstring(svg)  # noqa: S314 - our own SVG


def svg_size(root: ET.Element) -> tuple[float, float]:
    """The map's width and height in SVG units (from its viewBox)."""
    _, _, width, height = (float(v) for v in root.get("viewBox", "0 0 800 600").split())
    return width, height


def draw_map(pdf: FPDF, root: ET.Element, *, x: float, y: float, width: float, font: str) -> float:
    """Draw the map with its top left at (x, y), ``width`` mm wide; returns its height in mm."""
    view_w, view_h = svg_size(root)
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
    (sx, sy), (cx, cy), (ex, ey) = frame.at(sx, sy), frame.at(cx, cy), frame.at(ex, ey)
    k, page_h = pdf.k, pdf.h
    width = float(element.get("stroke-width", 1)) * frame.scale * k
    # The quadratic curve as the cubic one it equals: control points 2/3 of the way from each
    # end towards the quadratic's control point.
    c1x, c1y = sx + (cx - sx) * 2 / 3, sy + (cy - sy) * 2 / 3
    c2x, c2y = ex + (cx - ex) * 2 / 3, ey + (cy - ey) * 2 / 3
    ops = [
        f"q {_EDGE_RGB} RG {_INK_RGB} rg {width:.2f} w"
        f" {sx * k:.2f} {(page_h - sy) * k:.2f} m"
        f" {c1x * k:.2f} {(page_h - c1y) * k:.2f} {c2x * k:.2f} {(page_h - c2y) * k:.2f}"
        f" {ex * k:.2f} {(page_h - ey) * k:.2f} c S"
    ]
    if element.get("marker-end"):
        # The SVG's marker: a triangle from the curve's end along its direction there.
        dx, dy = ex - cx, ey - cy
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        size = ARROW * frame.scale
        corners = (
            (ex + ux * size, ey + uy * size),
            (ex - uy * size / 2, ey + ux * size / 2),
            (ex + uy * size / 2, ey - ux * size / 2),
        )
        (tx, ty), (lx, ly), (rx, ry) = ((px * k, (page_h - py) * k) for px, py in corners)
        ops.append(f"{tx:.2f} {ty:.2f} m {lx:.2f} {ly:.2f} l {rx:.2f} {ry:.2f} l h f")
    ops.append("Q")
    _raw(pdf, " ".join(ops))


def _raw(pdf: FPDF, operators: str) -> None:
    """Append PDF content operators to the current page, as fpdf2's own drawing calls do;
    callers wrap them in q/Q so that fpdf2's graphics state stays as it was."""
    pdf._out(operators)


def _rgb(colour: tuple[int, int, int]) -> str:
    return " ".join(f"{c / 255:.3f}" for c in colour)


_EDGE_RGB = _rgb(_EDGE_INK)
_INK_RGB = _rgb(_INK)


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
        height, k = size / PT_PER_MM, pdf.k
        left, top = (x - 0.4) * k, (pdf.h - (y - height * 0.8)) * k
        box = f"{left:.2f} {top:.2f} {(width + 0.8) * k:.2f} {-height * k:.2f} re"
        _raw(pdf, f"q 1 1 1 rg {box} f Q")
    place_text(pdf, x, y, text)
