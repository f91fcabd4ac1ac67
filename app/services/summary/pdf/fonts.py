"""The fonts each summary or scorecard PDF embeds: DejaVu Sans, subset to the glyphs it uses.

Subsetting is fpdf2's (in place, when the PDF is written). Two things make it cheap here: the
font handed to each document is a trimmed copy read once per process, and the subsets already
made are kept by font file and glyph set, so a document that uses the same characters as an
earlier one embeds the kept bytes instead of subsetting again.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from functools import cache
from typing import Any

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.fonts import TTFFont

__all__ = ["font_to_subset", "use_kept_subsets"]

# Tables fpdf2 drops from every font it embeds, and "kern" (a PDF places each glyph itself):
# the font each document subsets goes without them from the start, as it goes without the
# character maps for other platforms than Windows Unicode, because reading them (only to drop
# or subset them) was most of the time a document spent embedding its fonts.
_UNUSED_TABLES = ("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "hdmx", "meta", "kern")
_WINDOWS = 3  # platform id of the Windows Unicode maps (BMP and full), the ones kept


@cache
def _font_for_subsetting(path: str) -> tuple[bytes, tuple[str, ...]]:
    """The font file without the tables fpdf2 drops anyway (same glyphs and widths), and its
    glyph names in glyph order.

    The file keeps no glyph names ("post" format 3, as the subset fpdf2 embeds has anyway):
    each document is handed the names read here instead of decoding 6,000 of them again.
    """
    font = TTFont(path, recalcTimestamp=False)
    names = tuple(font.getGlyphOrder())
    for tag in _UNUSED_TABLES:
        if tag in font:
            del font[tag]
    cmap = font["cmap"]
    cmap.tables = [t for t in cmap.tables if t.platformID == _WINDOWS]
    font["post"].formatType = 3.0
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), names


class _FontToSubset(TTFont):  # type: ignore[misc]
    """A document's own copy of a font, which fpdf2 subsets in place when the PDF is written;
    saving the subset also keeps it, for the next document that uses the same glyphs."""

    subset_key: tuple[str, frozenset[str]] | None = None  # set by ``finish``

    def save(self, file: Any, reorderTables: bool = True) -> None:
        out = io.BytesIO()
        super().save(out, reorderTables)
        data = out.getvalue()
        if self.subset_key is not None:
            _keep_subset(self.subset_key, self.getGlyphOrder(), data)
        file.write(data)


class _SubsetMade(TTFont):  # type: ignore[misc]
    """A subset made for an earlier document with exactly the same glyphs, standing in for the
    font fpdf2 would subset again: it holds only the subset's glyph order (fpdf2 maps each
    character code to its glyph id by name) and saves as the bytes kept.

    fpdf2 still runs its subsetter over it, which finds no tables to cut and asks for the same
    glyphs in the same order; the order is fixed here so nothing can renumber them. Were it ever
    asked for a glyph the subset lacks, that subsetter fails (``MissingGlyphsSubsettingError``)
    rather than leave the glyph out.
    """

    def __init__(self, glyph_order: Sequence[str], data: bytes) -> None:
        super().__init__()
        super().setGlyphOrder(list(glyph_order))
        self._data = data

    def setGlyphOrder(self, glyphOrder: Any) -> None:
        pass  # the subset's order stays as made

    def save(self, file: Any, reorderTables: bool = True) -> None:
        file.write(self._data)


# Subsets made, by font file and the set of glyph names kept: a session's PDFs (summary,
# scorecard, each new export) mostly use the same characters, and subsetting and saving the
# font was a third of writing a summary PDF. The key is the exact glyph set, so a document with
# one more character makes (and keeps) a subset of its own.
_SUBSETS: dict[tuple[str, frozenset[str]], tuple[tuple[str, ...], bytes]] = {}
_SUBSETS_KEPT = 32
_subsets_lock = threading.Lock()


def _keep_subset(key: tuple[str, frozenset[str]], order: Sequence[str], data: bytes) -> None:
    with _subsets_lock:
        if key not in _SUBSETS and len(_SUBSETS) >= _SUBSETS_KEPT:
            del _SUBSETS[next(iter(_SUBSETS))]  # the oldest
        _SUBSETS[key] = (tuple(order), data)


def _subset_made(key: tuple[str, frozenset[str]]) -> _SubsetMade | None:
    with _subsets_lock:
        kept = _SUBSETS.get(key)
    return None if kept is None else _SubsetMade(*kept)


def font_to_subset(path: str) -> TTFont:
    """A document's own copy of the font at ``path``, for fpdf2 to subset in place."""
    data, names = _font_for_subsetting(path)
    font = _FontToSubset(io.BytesIO(data), recalcTimestamp=False, lazy=True)
    font.setGlyphOrder(list(names))  # the template's names, which fpdf2 subsets by
    return font


def use_kept_subsets(pdf: FPDF) -> None:
    """Before ``pdf`` is written: each font whose glyph set was subset before gets the kept
    subset; any other keeps its subset when fpdf2 saves it."""
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont) and isinstance(font.ttfont, _FontToSubset):
            # The subset fpdf2 makes depends only on the font file and the glyphs it keeps.
            key = (str(font.ttffile), frozenset(font.subset.get_all_glyph_names()))
            made = _subset_made(key)
            if made is None:
                font.ttfont.subset_key = key
            else:
                font.ttfont.close()
                font.ttfont = made
