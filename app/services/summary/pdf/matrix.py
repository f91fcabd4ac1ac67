"""The dependency map's department × department matrix on a PDF page, as the summary page shows
it beside the map: one row per department (numbered), one numbered column per department, the
items each row pushes onto each column ("·" for none, grey on the diagonal).

Columns share the width left by the names; the counts' type size is the largest (9 pt down to
5 pt) at which the widest count fits its cell, so 15 or 25 departments still fit A4 portrait.
The header row is repeated on every page the matrix spans.
"""

from __future__ import annotations

from fpdf import FPDF

from app.domain.summary.dependency_map import Matrix
from app.services.summary.pdf.table import measure
from app.services.summary.pdf.text import place_text

_INK = (27, 31, 36)
_RULE = (201, 209, 219)
_SELF = (232, 236, 241)
_HOT = (255, 236, 200)
_PAD = 0.8
_LARGEST, _SMALLEST = 9.0, 5.0
CORNER = "From ↓ onto →"


def matrix_table(pdf: FPDF, grid: Matrix, *, font: str) -> None:
    """Draw ``grid`` at the current position, the full printable width."""
    count = len(grid.names)
    if count < 2:
        return
    pdf.set_font(font, "", _LARGEST)
    labels = [f"{n}. {name}" for n, name in enumerate(grid.names, start=1)]
    width_of = measure(pdf, "")
    label_w = min(pdf.epw * 0.34, max(width_of(t) for t in [*labels, CORNER]) + 2 * _PAD)
    cell_w = (pdf.epw - label_w) / count
    busiest = grid.busiest  # counted once: asking per cell scanned the grid 600 times
    widest = str(max(busiest, count))
    size = _LARGEST
    while size > _SMALLEST and measure(pdf, "")(widest) + 2 * _PAD > cell_w:
        size -= 0.5
        pdf.set_font(font, "", size)
    height = size * 0.3528 + 2 * _PAD + 0.6
    pdf.set_draw_color(*_RULE)
    pdf.set_text_color(*_INK)
    _header(pdf, count, label_w, cell_w, height, size, font)
    for row, (label, cells) in enumerate(zip(labels, grid.cells, strict=True)):
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            _header(pdf, count, label_w, cell_w, height, size, font)
        top = pdf.get_y()
        pdf.set_font(font, "", size)
        _text(pdf, _fit(pdf, label, label_w - 2 * _PAD), pdf.l_margin + _PAD, top, height, size)
        for column, (items, _weight) in enumerate(cells):
            x = pdf.l_margin + label_w + column * cell_w
            if column == row:
                pdf.set_fill_color(*_SELF)
                pdf.rect(x, top, cell_w, height, style="F")
                continue
            shown = str(items) if items else "·"
            hot = items and items == busiest
            if hot:
                pdf.set_fill_color(*_HOT)
                pdf.rect(x, top, cell_w, height, style="F")
            pdf.set_font(font, "B" if hot else "", size)
            _centred(pdf, shown, x, cell_w, top, height, size)
        pdf.line(pdf.l_margin, top + height, pdf.l_margin + pdf.epw, top + height)
        pdf.set_xy(pdf.l_margin, top + height)
    pdf.ln(3)


def _header(
    pdf: FPDF, count: int, label_w: float, cell_w: float, height: float, size: float, font: str
) -> None:
    top = pdf.get_y()
    pdf.set_font(font, "B", size)
    _text(pdf, _fit(pdf, CORNER, label_w - 2 * _PAD), pdf.l_margin + _PAD, top, height, size)
    for column in range(count):
        _centred(
            pdf,
            str(column + 1),
            pdf.l_margin + label_w + column * cell_w,
            cell_w,
            top,
            height,
            size,
        )
    pdf.line(pdf.l_margin, top + height, pdf.l_margin + pdf.epw, top + height)
    pdf.set_xy(pdf.l_margin, top + height)


def _text(pdf: FPDF, text: str, x: float, top: float, height: float, size: float) -> None:
    place_text(pdf, x, top + height / 2 + size * 0.3528 * 0.35, text)


def _centred(
    pdf: FPDF, text: str, x: float, width: float, top: float, height: float, size: float
) -> None:
    # Per-character widths kept per font and size: fpdf2's get_string_width() shapes every
    # string with HarfBuzz, a cell at a time (a count or "·" has no kerning to lose).
    advance = measure(pdf, pdf.font_style)(text)
    _text(pdf, text, x + (width - advance) / 2, top, height, size)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """``text`` cut with an ellipsis where it would overflow ``width`` (the page names it in
    full; the map and the dependency table below name every pair).

    Measured from the cached character widths, as the tables measure: fpdf2's
    ``get_string_width`` shapes each try with HarfBuzz, and the label is drawn unshaped anyway
    unless its script needs shaping."""
    width_of = measure(pdf, pdf.font_style)
    if width_of(text) <= width:
        return text
    while text and width_of(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
