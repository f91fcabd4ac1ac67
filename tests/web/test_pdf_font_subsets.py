"""The PDFs embed font subsets that a worker keeps and reuses for the next document with the same
glyphs (``summary/pdf/fonts.py``). What a reader would notice if that went wrong: a character
missing from the page or from copied text, because a document got a subset made for other text.
Each check reads the PDF back: its text with pdftotext, its fonts' own character maps.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF

from app.services.summary.pdf import fonts as pdf_fonts
from app.services.summary.pdf.document import FONT, finish, fresh_document
from app.services.summary.pdf.text import place_text
from tests.support.pdf_fonts import embedded_font_files
from tests.web.test_summary_preparation import pdftotext


def one_page(*lines: str) -> bytes:
    """A page with ``lines`` (and the footer every document has: "· page 1/1")."""
    pdf = fresh_document()
    pdf.add_page()
    pdf.set_font(FONT, "", 11)
    for n, line in enumerate(lines):
        pdf.text(20, 30 + 10 * n, line)
    return finish(pdf)


def embedded_fonts(content: bytes) -> dict[str, tuple[bytes, set[str]]]:
    """Each embedded font subset by name: its bytes and the characters its own cmap maps."""
    return {
        name: (data, {chr(code) for code in TTFont(io.BytesIO(data)).getBestCmap()})
        for name, data in embedded_font_files(content)
    }


@pytest.fixture(autouse=True)
def no_kept_subsets() -> None:
    pdf_fonts._SUBSETS.clear()


def test_a_document_with_new_characters_after_a_kept_subset_shows_them_all() -> None:
    first = one_page("Alpha budget review")
    assert "Alpha budget review" in pdftotext(first)
    kept = len(pdf_fonts._SUBSETS)
    assert kept  # the first document's subset is kept for the next one

    # More characters, some outside Latin-1; then fewer than the first: each needs its own.
    more = one_page("Alpha budget review", "Żółw Ωmega Привет – 42 % → done")
    fewer = one_page("Alp")

    text = pdftotext(more)
    assert "Alpha budget review" in text
    assert "Żółw Ωmega Привет – 42 % → done" in text
    ((_, mapped),) = embedded_fonts(more).values()
    assert set("AlphabudgetreviwŻółwΩmegaПриве–42%→don") <= mapped
    assert pdftotext(fewer).split() == ["Alp", "·", "page", "1/1"]
    ((_, mapped),) = embedded_fonts(fewer).values()
    assert set("Alp") <= mapped
    assert not set("bdrvwŻΩП") & mapped  # a subset of its own, not the larger one kept
    assert len(pdf_fonts._SUBSETS) == kept + 2


def test_a_kept_subset_is_the_same_font_a_fresh_one_would_be() -> None:
    lines = ("Department × department", "Finance → Sales: 12 items, 3 votes")
    fresh = one_page(*lines)
    kept = dict(pdf_fonts._SUBSETS)
    again = one_page(*lines)  # served from the kept subset
    assert kept == pdf_fonts._SUBSETS
    assert embedded_fonts(again) == embedded_fonts(fresh)
    assert pdftotext(again) == pdftotext(fresh)
    pdf_fonts._SUBSETS.clear()
    assert embedded_fonts(one_page(*lines)) == embedded_fonts(fresh)


def test_regular_and_bold_keep_subsets_of_their_own() -> None:
    def both(text: str) -> bytes:
        pdf = fresh_document()
        pdf.add_page()
        pdf.set_font(FONT, "", 11)
        pdf.text(20, 30, text)
        pdf.set_font(FONT, "B", 11)
        pdf.text(20, 40, text)
        return finish(pdf)

    first = both("Same glyphs")
    kept = dict(pdf_fonts._SUBSETS)
    second = both("Same glyphs")  # both fonts served from their kept subsets
    assert kept == pdf_fonts._SUBSETS
    fonts = embedded_fonts(second)
    assert len(fonts) == 2
    assert fonts == embedded_fonts(first)
    regular, bold = (data for data, _ in fonts.values())
    assert regular != bold
    assert pdftotext(second).split()[:4] == ["Same", "glyphs", "Same", "glyphs"]


def test_text_placed_by_the_tables_is_written_exactly_as_fpdf2_writes_it() -> None:
    """``place_text`` writes unshaped runs itself (fpdf2's ``text`` looks every character up
    again): the page's content must be the same operators, character codes and colours."""
    runs = [
        ("", 9, (27, 31, 36), "Finance → Sales (12 items)"),
        ("B", 9, (27, 31, 36), "Back\\slash and (parens) ok"),
        ("", 7.5, (74, 83, 96), "Привет Ωmega Żółw · 42 %"),
        ("B", 11, (0, 0, 0), "漢字 lacks glyphs: left out"),
        ("", 9, (27, 31, 36), "Finance → Sales (12 items)"),
        ("", 9, (27, 31, 36), ""),
    ]

    def page(draw: Callable[[FPDF, float, float, str], None]) -> tuple[bytes, bytes]:
        pdf = fresh_document()
        pdf.add_page()
        for n, (style, size, colour, text) in enumerate(runs):
            pdf.set_font(FONT, style, size)
            pdf.set_text_color(*colour)
            draw(pdf, 20 + n, 30 + 9.5 * n, text)
        pdf.set_fill_color(255, 236, 200)  # text colour now differs from the fill colour
        draw(pdf, 20, 200, "Highlighted (busiest)")
        content = bytes(pdf.pages[1].contents)
        return content, finish(pdf)

    fpdf2_content, fpdf2_pdf = page(FPDF.text)
    ours_content, ours_pdf = page(place_text)
    assert ours_content == fpdf2_content
    assert embedded_fonts(ours_pdf) == embedded_fonts(fpdf2_pdf)
    text = pdftotext(ours_pdf)
    for _, _, _, line in runs:
        assert line.replace("漢字 ", "") in text
