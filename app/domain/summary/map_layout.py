"""Where the dependency map puts its nodes, labels and edge counts so no text collides.

Placement by hand on a circle, not a graph-layout library: with 3 to 15 departments a circle in
name order shows every pair (no node hides behind another), reads the same way in every session
and prints the same, while force-directed layouts (networkx ``spring_layout``, Graphviz
``neato``) move nodes from run to run and do not know about label sizes at all. What a library
would not do for us is the part that matters here: text boxes. So the radius grows until no two
department labels overlap, and each edge's count goes at the first spot along its curve that
collides with nothing (or is left to the edge's tooltip, the matrix and the table when none is
free). Text widths are estimated generously (``CHAR_EM``) so the real font fits inside.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

FONT = 13.0
TITLE_FONT = 16.0
CHAR_EM = 0.66  # average advance of a character, in ems, a little wider than DejaVu Sans
BOLD_EM = 0.72
LINE = 1.3
NODE_RADIUS = 8.0
LABEL_CHARS = 18  # per line; two lines at most, then "…" (the full name is in <title>)
MARGIN = 16.0
_MAX_RADIUS = 2000.0

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in SVG user units."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, pad: float = 0.0) -> bool:
        """True when the two boxes (grown by ``pad``) share any area."""
        return not (
            self.x1 + pad <= other.x0
            or other.x1 + pad <= self.x0
            or self.y1 + pad <= other.y0
            or other.y1 + pad <= self.y0
        )

    def moved(self, dx: float, dy: float) -> Box:
        """The same box shifted by (dx, dy)."""
        return Box(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)


@dataclass(frozen=True)
class TextLine:
    """One line of text, centred vertically on ``y`` (dominant-baseline: middle)."""

    x: float
    y: float
    text: str
    anchor: str  # start, middle or end
    size: float = FONT
    bold: bool = False

    @property
    def box(self) -> Box:
        """Its estimated extent."""
        width = len(self.text) * self.size * (BOLD_EM if self.bold else CHAR_EM)
        height = self.size * 1.25
        x0 = self.x - width / 2 if self.anchor == "middle" else self.x - width
        if self.anchor == "start":
            x0 = self.x
        return Box(x0, self.y - height / 2, x0 + width, self.y + height / 2)

    def moved(self, dx: float, dy: float) -> TextLine:
        """The same line shifted by (dx, dy)."""
        return TextLine(self.x + dx, self.y + dy, self.text, self.anchor, self.size, self.bold)


def wrap(text: str, chars: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``chars`` characters, "…" when cut."""
    wrapped = textwrap.wrap(text, chars, break_long_words=True, break_on_hyphens=False) or [text]
    if len(wrapped) <= lines:
        return wrapped
    last = " ".join(wrapped[lines - 1 :])
    return [*wrapped[: lines - 1], last[: chars - 1].rstrip() + "…"]


@dataclass(frozen=True)
class Layout:
    """Nodes around (0, 0): each node's centre and its label lines."""

    radius: float
    places: dict[str, Point]
    labels: dict[str, tuple[TextLine, ...]]

    def boxes(self) -> list[Box]:
        """Every label line's box and every node's circle as a box."""
        found = [line.box for lines in self.labels.values() for line in lines]
        found += [
            Box(x - NODE_RADIUS, y - NODE_RADIUS, x + NODE_RADIUS, y + NODE_RADIUS)
            for x, y in self.places.values()
        ]
        return found


def circle_layout(keys: list[str], names: dict[str, str]) -> Layout:
    """Nodes clockwise from the top in the given order, on the smallest circle (from a
    readable minimum) on which no label overlaps another label or another node."""
    radius = max(130.0, len(keys) * 85 / (2 * math.pi))
    while True:
        layout = _at_radius(keys, names, radius)
        if radius >= _MAX_RADIUS or not _collides(layout):
            return layout
        radius *= 1.08


def _at_radius(keys: list[str], names: dict[str, str], radius: float) -> Layout:
    places: dict[str, Point] = {}
    labels: dict[str, tuple[TextLine, ...]] = {}
    for index, key in enumerate(keys):
        if len(keys) == 1:
            angle, at = math.pi / 2, (0.0, 0.0)
        else:
            angle = -math.pi / 2 + 2 * math.pi * index / len(keys)
            at = (radius * math.cos(angle), radius * math.sin(angle))
        places[key] = at
        labels[key] = _label(names[key], at, angle)
    return Layout(radius, places, labels)


def _label(name: str, at: Point, angle: float) -> tuple[TextLine, ...]:
    lines = wrap(name, LABEL_CHARS, 2)
    step = FONT * LINE
    cos, sin = math.cos(angle), math.sin(angle)
    gap = NODE_RADIUS + 6
    if abs(cos) > 0.35:  # beside the node, the block centred on it
        anchor = "start" if cos > 0 else "end"
        x = at[0] + gap * (1 if cos > 0 else -1)
        top = at[1] + gap * sin * 0.6 - step * (len(lines) - 1) / 2
    else:  # above or below the node
        anchor, x = "middle", at[0]
        below = sin > 0 or at == (0.0, 0.0)
        top = at[1] + gap + step / 2 if below else at[1] - gap - step * (len(lines) - 0.5)
    return tuple(TextLine(x, top + i * step, line, anchor) for i, line in enumerate(lines))


def _collides(layout: Layout) -> bool:
    items = [(key, line.box) for key, lines in layout.labels.items() for line in lines]
    for i, (key, box) in enumerate(items):
        for other_key, other in items[i + 1 :]:
            if key != other_key and box.overlaps(other, pad=4):
                return True
        for node, (x, y) in layout.places.items():
            circle = Box(x - NODE_RADIUS, y - NODE_RADIUS, x + NODE_RADIUS, y + NODE_RADIUS)
            if node != key and box.overlaps(circle, pad=4):
                return True
    return False


def quadratic(a: Point, c: Point, b: Point, t: float) -> Point:
    """The point at ``t`` on the quadratic Bézier curve a → b with control c."""
    u = 1 - t
    return (
        u * u * a[0] + 2 * u * t * c[0] + t * t * b[0],
        u * u * a[1] + 2 * u * t * c[1] + t * t * b[1],
    )


_SPOTS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74)
_CELL = 48.0


class Taken:
    """Boxes already placed, bucketed on a grid so a new box is checked against its
    neighbours only (a map of 25 departments has hundreds of counts)."""

    def __init__(self, boxes: list[Box] | None = None) -> None:
        self._cells: dict[tuple[int, int], list[Box]] = {}
        for box in boxes or ():
            self.add(box)

    def _keys(self, box: Box, pad: float) -> list[tuple[int, int]]:
        x0, x1 = int((box.x0 - pad) // _CELL), int((box.x1 + pad) // _CELL)
        y0, y1 = int((box.y0 - pad) // _CELL), int((box.y1 + pad) // _CELL)
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    def add(self, box: Box) -> None:
        """Remember ``box``."""
        for key in self._keys(box, 0):
            self._cells.setdefault(key, []).append(box)

    def hits(self, box: Box, pad: float) -> bool:
        """True when ``box`` (grown by ``pad``) overlaps a remembered one."""
        return any(
            box.overlaps(other, pad)
            for key in self._keys(box, pad)
            for other in self._cells.get(key, ())
        )


def count_spot(
    text: str, start: Point, control: Point, end: Point, taken: Taken
) -> TextLine | None:
    """The first spot along the curve where the count collides with nothing ``taken``."""
    for t in _SPOTS:
        x, y = quadratic(start, control, end, t)
        line = TextLine(x, y, text, "middle", bold=True)
        if not taken.hits(line.box, 2):
            return line
    return None
