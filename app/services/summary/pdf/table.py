"""Tables on a PDF page: wrapped cells, a rule under each row, the header on every page.

Laid out here with plain text runs: fpdf2's own ``table()`` costs about a millisecond per cell,
which a large session's action items alone would turn into seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fpdf import FPDF

from app.services.summary.pdf.text import place_text

_INK = (27, 31, 36)
_RULE = (201, 209, 219)


def table(
    pdf: FPDF,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    *,
    font: str = "DejaVu",
) -> None:
    """A table with wrapped cells, its header repeated on every page it spans.

    ``widths`` are relative column widths over the page's printable width.
    """
    columns = [pdf.epw * w / sum(widths) for w in widths]
    if pdf.get_y() + _KEEP_WITH_HEADER > pdf.page_break_trigger:
        pdf.add_page()  # never a header alone at the foot of a page
    pdf.set_draw_color(*_RULE)
    pdf.set_text_color(*_INK)
    _row(pdf, header, columns, bold=True, font=font)
    for values in rows:
        if not _row(pdf, values, columns, bold=False, font=font, fits_only=True):
            pdf.add_page()
            _row(pdf, header, columns, bold=True, font=font)
            _row(pdf, values, columns, bold=False, font=font)
    pdf.ln(3)


_LINE = 4.2
_PAD = 1.2
_KEEP_WITH_HEADER = 4 * _LINE + 4 * _PAD  # a two-line header and a two-line first row
_SIZE = 9


def _row(
    pdf: FPDF,
    values: Sequence[str],
    columns: Sequence[float],
    *,
    bold: bool,
    font: str,
    fits_only: bool = False,
) -> bool:
    """Draw one row; with ``fits_only``, draw nothing and return False if it would not fit."""
    style = "B" if bold else ""
    pdf.set_font(font, style, _SIZE)
    cells = [
        _wrap(pdf, style, value, width - 2 * _PAD)
        for value, width in zip(values, columns, strict=True)
    ]
    height = max(len(lines) for lines in cells) * _LINE + 2 * _PAD
    if fits_only and pdf.get_y() + height > pdf.page_break_trigger:
        return False
    top, x = pdf.get_y(), pdf.l_margin
    for lines, width in zip(cells, columns, strict=True):
        for index, line in enumerate(lines):
            place_text(pdf, x + _PAD, top + _PAD + (index + 0.78) * _LINE, line)
        x += width
    pdf.line(pdf.l_margin, top + height, pdf.l_margin + pdf.epw, top + height)
    pdf.set_xy(pdf.l_margin, top + height)
    return True


_widths: dict[tuple[str, str, float], dict[str, float]] = {}
_SIZES_KEPT = 64


def measure(pdf: FPDF, style: str) -> Callable[[str], float]:
    """Width of a text in the current font and size, from per-character widths (no kerning).

    The widths of each character are asked of fpdf2 once per process, font style and size:
    asking it for every candidate line was most of the time a large table took.
    """
    if len(_widths) > _SIZES_KEPT:  # the map's sizes follow its scale: keep the table small
        _widths.clear()
    known = _widths.setdefault((pdf.font_family, style, pdf.font_size_pt), {})

    def width(text: str) -> float:
        total = 0.0
        for char in text:
            found = known.get(char)
            if found is None:
                found = known[char] = pdf.get_string_width(char)
            total += found
        return total

    return width


def _wrap(pdf: FPDF, style: str, text: str, width: float) -> list[str]:
    """Greedy word wrap; a word longer than the column is broken where it must be."""
    width_of = measure(pdf, style)
    space = width_of(" ")
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split():
        size = width_of(word)
        if current and used + space + size <= width:
            current, used = f"{current} {word}", used + space + size
            continue
        if current:
            lines.append(current)
        if size <= width:
            current, used = word, size
            continue
        current, used = "", 0.0
        for char in word:
            advance = width_of(char)
            if current and used + advance > width:
                lines.append(current)
                current, used = "", 0.0
            current, used = current + char, used + advance
    lines.append(current)
    return lines
