"""Text placed at a point on a PDF page, shaped when its script needs it.

fpdf2's ``text()`` is the fast way to put a run at a baseline (the summary's tables and map
labels draw thousands), but it writes characters in stored order with their isolated forms:
Hebrew would read backwards and Arabic letters would stand apart. ``cell()`` runs the document's
text shaping (HarfBuzz and the Unicode bidi algorithm, ``set_text_shaping``), so a run holding a
right-to-left or joining script goes through it instead; every other run keeps the fast path.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from fpdf import FPDF
from fpdf.enums import TextMode
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.util import escape_parens

# Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic supplements and
# presentation forms, and the explicit bidi controls.
_NEEDS_SHAPING = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def needs_shaping(text: str) -> bool:
    """Whether ``text`` holds characters that only read right once shaped."""
    return _NEEDS_SHAPING.search(text) is not None


@contextmanager
def shaped_if_needed(pdf: FPDF, text: str) -> Iterator[None]:
    """Within the block, ``cell()`` and ``multi_cell()`` shape ``text`` only if its script needs
    it (see ``needs_shaping``); the document's own setting is restored afterwards.

    fpdf2 breaks a shaped ``multi_cell()`` into lines by shaping its text again with HarfBuzz
    for every character it adds to a line: a paragraph cost milliseconds, and the headings,
    notes and page footers of a large summary a fifth of its time. A left-to-right run gives
    the same glyphs unshaped, set as the tables and map labels are (no kerning pairs).
    """
    shaping = pdf.text_shaping
    if shaping is None or needs_shaping(text):
        yield
        return
    pdf.text_shaping = None  # what set_text_shaping(False) does
    try:
        yield
    finally:
        pdf.text_shaping = shaping


def place_text(pdf: FPDF, x: float, y: float, text: str) -> None:
    """Draw ``text`` with its origin at ``x`` and its baseline at ``y``, as ``FPDF.text`` does."""
    if not needs_shaping(text):
        plain_text(pdf, x, y, text)
        return
    here, margin = (pdf.get_x(), pdf.get_y()), pdf.c_margin
    auto, bottom = pdf.auto_page_break, pdf.b_margin
    pdf.set_auto_page_break(False)  # a label near the foot must not start a page
    pdf.c_margin = 0
    try:
        # A cell of the font's height puts its baseline 0.8 of that height below its top.
        pdf.set_xy(x, y - 0.8 * pdf.font_size)
        pdf.cell(pdf.get_string_width(text), pdf.font_size, text)
    finally:
        pdf.c_margin = margin
        pdf.set_auto_page_break(auto, bottom)
        pdf.set_xy(*here)


# Per document font (its subset map), each character's code in the subset as written in a PDF
# string (two bytes, parentheses and backslashes escaped); "" for a character the font lacks.
_codes: weakref.WeakKeyDictionary[SubsetMap, dict[str, str]] = weakref.WeakKeyDictionary()


def plain_text(pdf: FPDF, x: float, y: float, text: str) -> None:
    """Exactly what ``FPDF.text`` writes for an unshaped run in a TrueType font, without its
    per-character work: fpdf2 looks each character up in the font's subset again for every run
    (the summary's tables, matrix and map labels write thousands), here it is looked up once per
    document and font. Anything out of the ordinary (no page, a core or colour font,
    underline, an outline text mode...) goes through ``FPDF.text`` itself."""
    font = pdf.current_font
    if (
        not pdf.page
        or not isinstance(font, TTFFont)
        or font.color_font
        or font.is_symbol
        or pdf.text_mode != TextMode.FILL
        or pdf.underline
        or pdf.strikethrough
        or pdf._record_text_quad_points
    ):
        pdf.text(x, y, text)
        return
    if not pdf.current_font_is_set_on_page:
        pdf._out(pdf._set_font_for_page(font, pdf.font_size_pt))
    codes = _codes.get(font.subset)
    if codes is None:
        codes = _codes[font.subset] = {}
    parts = []
    for char in text:
        code = codes.get(char)
        if code is None:
            mapped = font.subset.pick(ord(char))  # registers the glyph, as FPDF.text does
            code = (
                ""
                if mapped is None
                else escape_parens(chr(mapped).encode("utf-16-be").decode("latin-1"))
            )
            codes[char] = code
        parts.append(code)
    run = f"BT {x * pdf.k:.2f} {(pdf.h - y) * pdf.k:.2f} Td ({''.join(parts)}) Tj ET"
    if pdf.fill_color != pdf.text_color:
        assert pdf.text_color is not None
        run = f"q {pdf.text_color.serialize().lower()} {run} Q"
    pdf._out(run)
