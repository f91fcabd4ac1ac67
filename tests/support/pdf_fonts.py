"""What a PDF embeds: its font subsets, read back with pypdf and fontTools."""

from __future__ import annotations

import io
from collections.abc import Iterator

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pypdf import PdfReader


def embedded_font_files(content: bytes) -> Iterator[tuple[str, bytes]]:
    """Each embedded TrueType subset of the PDF ``content``: its base font name and bytes."""
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                yield str(font["/BaseFont"]), descriptor["/FontFile2"].get_object().get_data()


def embedded_glyphs(content: bytes) -> set[str]:
    """Names of every glyph in every font subset the PDF embeds."""
    names: set[str] = set()
    for _, data in embedded_font_files(content):
        names.update(TTFont(io.BytesIO(data)).getGlyphOrder())
    return names
