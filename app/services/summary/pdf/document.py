"""The executive summary as a print-ready PDF (A4), with the dependency map, drawn by fpdf2.

The text is set in DejaVu Sans (shipped in ``static/vendor/dejavu-fonts-ttf``), which covers
Latin, Greek, Cyrillic, Hebrew and Arabic; characters it lacks are left out rather than failing
the export. Text is shaped by HarfBuzz (``uharfbuzz``): Hebrew and Arabic run right to left with
their punctuation in place and Arabic letters joined, in the summary and the scorecard alike.
The map is the same SVG as on the page, drawn by ``summary.pdf.map``. Long lists show their
head only (as the page does before "show all"); the other exports carry every row.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from functools import cache
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from app.assets import FONT_DIR
from app.domain.summary.export import PREPARATION_NOTE
from app.domain.summary.model import ActionLine, ItemLine, Summary
from app.services.summary.pdf.fonts import font_to_subset, use_kept_subsets
from app.services.summary.pdf.map import draw_map, parse, svg_size
from app.services.summary.pdf.matrix import matrix_table
from app.services.summary.pdf.table import table
from app.services.summary.pdf.text import shaped_if_needed
from app.services.summary.service import EDGES_SHOWN, GROUP_SHOWN, PRESSING_SHOWN, SessionSummary

FONT = "DejaVu"
INK = (27, 31, 36)
MUTED = (74, 83, 96)
RULE = (201, 209, 219)

# fpdf2 logs every glyph the font lacks (say, CJK); the export leaves those out on purpose.
logging.getLogger("fpdf.output").setLevel(logging.ERROR)


class _Document(FPDF):
    """A4 with a running footer: the session's title and the page number."""

    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        text = f"{self.footer_text} · page {self.page_no()}/{{nb}}"
        with shaped_if_needed(self, text):
            self.cell(0, 5, text, align="C")


@cache
def _template() -> _Document:
    # Parsing the two TrueType fonts costs more than laying out a whole summary, so it happens
    # once per process; each export starts from a deep copy of this empty document.
    pdf = _Document(format="A4")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_text_shaping(True)  # the bidi algorithm and Arabic joining; copied with the template
    return pdf


def _fresh_document() -> _Document:
    """An empty document with the fonts, without parsing them again.

    The copy shares the template's glyph widths but gets its own font to subset, because
    writing the PDF subsets the font in place.
    """
    template = _template()
    # The glyph widths and ids are read only after parsing: share them instead of copying.
    shared: dict[int, Any] = {}
    for font in template.fonts.values():
        if isinstance(font, TTFFont):
            shared[id(font.cw)] = font.cw
            shared[id(font.glyph_ids)] = font.glyph_ids
    pdf = copy.deepcopy(template, shared)
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont):
            font.ttfont = font_to_subset(str(font.ttffile))
    return pdf


def pdf_bytes(result: SessionSummary) -> bytes:
    """The whole summary as PDF bytes."""
    pdf = _fresh_document()
    summary = result.summary
    pdf.footer_text = f"Executive summary: {result.title} (as of {summary.as_of.isoformat()})"
    pdf.set_title(f"Executive summary: {result.title}")
    pdf.set_creator("Roundtable")
    pdf.set_lang("en")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    _heading(pdf, f"Executive summary: {result.title}", size=17)
    _para(pdf, f"As of {summary.as_of.isoformat()}.", muted=True)
    _headline(pdf, summary)
    _frictions(pdf, summary)
    _map(pdf, result)
    _pressing(pdf, summary)
    _by_goal(pdf, summary)
    _actions(pdf, "Action items", summary.actions, "None agreed.")
    _preparation(pdf, summary)
    if summary.follow_through is not None:
        _follow_through(pdf, summary)
    return finish(pdf)


def fresh_document() -> _Document:
    """An empty A4 document with the fonts (for the other PDFs: the scorecard)."""
    return _fresh_document()


def finish(pdf: FPDF) -> bytes:
    """The document's bytes; closes the font file handles it opened."""
    use_kept_subsets(pdf)
    try:
        return bytes(pdf.output())
    finally:
        for font in pdf.fonts.values():
            if isinstance(font, TTFFont):
                font.ttfont.close()  # the file handle each document opened


def _heading(pdf: FPDF, text: str, *, size: float = 13) -> None:
    if pdf.get_y() > pdf.h - 50:  # never strand a heading at the foot of a page
        pdf.add_page()
    pdf.ln(2)
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*INK)
    with shaped_if_needed(pdf, text):
        pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _para(pdf: FPDF, text: str, *, muted: bool = False, size: float = 10) -> None:
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*(MUTED if muted else INK))
    with shaped_if_needed(pdf, text):
        pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)


def _headline(pdf: FPDF, summary: Summary) -> None:
    _heading(pdf, "Headline figures")
    rows = [(f.label, f.value, f.definition) for f in summary.figures]
    table(pdf, ("Figure", "Value", "Definition"), rows, (4, 3, 11))


def _frictions(pdf: FPDF, summary: Summary) -> None:
    _heading(pdf, "Biggest cross-team frictions")
    if not summary.frictions:
        _para(pdf, "No cross-team items.", muted=True)
        return
    rows = [
        (f"{f.source} → {f.target}", str(f.items), str(f.weight), str(f.votes), "; ".join(f.texts))
        for f in summary.frictions
    ]
    header = ("Who pushes onto whom", "Items", "Impact weight", "Votes", "What")
    table(pdf, header, rows, (5, 2, 3, 2, 9))


def _map(pdf: FPDF, result: SessionSummary) -> None:
    _heading(pdf, "Dependency map")
    _para(
        pdf,
        "An arrow from one department to another: it pushes issues downstream onto that "
        "department; the number is the item count, a thicker line more impact.",
        muted=True,
        size=9,
    )
    svg = parse(result.map_svg())
    view_w, view_h = svg_size(svg)
    height = min(pdf.epw * view_h / view_w, pdf.h - 60)
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    width = height * view_w / view_h
    top = pdf.get_y()
    draw_map(pdf, svg, x=pdf.l_margin + (pdf.epw - width) / 2, y=top, width=width, font=FONT)
    pdf.set_xy(pdf.l_margin, top + height + 2)
    grid = result.map_matrix()
    if len(grid.names) > 1:
        _heading(pdf, "Department × department", size=11)
        _para(
            pdf,
            "Items each row pushes onto each column, as in the map; the busiest pair highlighted.",
            muted=True,
            size=9,
        )
        matrix_table(pdf, grid, font=FONT)
    edges = result.summary.edges
    if edges:
        shown = edges[:EDGES_SHOWN]
        rows = [(e.source, e.target, str(e.items), str(e.weight)) for e in shown]
        header = ("From", "Pushes downstream onto", "Items", "Impact weight")
        table(pdf, header, rows, (5, 5, 2, 2))
        _more(pdf, len(edges) - len(shown), "department pairs")


def _more(pdf: FPDF, hidden: int, what: str) -> None:
    if hidden > 0:
        text = f"… and {hidden} more {what}: the Markdown, CSV and JSON exports list all."
        _para(pdf, text, muted=True, size=9)
        pdf.ln(2)


def _pressing(pdf: FPDF, summary: Summary) -> None:
    _heading(pdf, "Most pressing issues")
    _para(
        pdf,
        'The agendas\' "most pressing issue" (topic 2), ranked by how many departments raised'
        " it, then by votes on their board items that say the same.",
        muted=True,
        size=9,
    )
    if not summary.pressing:
        _para(pdf, "None raised.")
        return
    rows = []
    for p in summary.pressing[:PRESSING_SHOWN]:
        issue = p.text + (f" (ask: {p.ask})" if p.ask else "")
        departments = ", ".join(p.departments or (p.department,))
        rows.append((str(p.rank), departments, issue, p.kind, str(p.votes)))
    table(pdf, ("#", "Departments", "Issue", "Source", "Votes"), rows, (1, 5, 10, 2, 2))
    _more(pdf, len(summary.pressing) - len(rows), "issues")


def _item_rows(items: Sequence[ItemLine]) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            f"{i.from_team} → {', '.join(i.to_teams) or '—'}",
            i.text,
            str(i.impact),
            str(i.votes),
            i.origin,
        )
        for i in items
    ]


def _by_goal(pdf: FPDF, summary: Summary) -> None:
    _heading(pdf, "Butterfly items by company goal")
    groups = [(g.goal, g.items) for g in summary.goals]
    groups.append(("Aligned to no goal", summary.unaligned))
    for title, items in groups:
        _heading(pdf, f"{title} ({len(items)})", size=11)
        if not items:
            _para(pdf, "No items.", muted=True)
            continue
        shown = items[:GROUP_SHOWN]
        header = ("Who → onto whom", "What happens", "Impact", "Votes", "Source")
        table(pdf, header, _item_rows(shown), (5, 10, 2, 2, 2))
        _more(pdf, len(items) - len(shown), "items")


def _action_rows(actions: Sequence[ActionLine]) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for a in actions:
        status = str(a.status).replace("_", " ")
        if a.blocked_reason:
            status += f": {a.blocked_reason}"
        due = a.due.isoformat() if a.due else "—"
        if a.overdue:
            due += " OVERDUE"
        who = (a.owner or "unassigned") + (f" ({a.department})" if a.department else "")
        rows.append((who, a.what, due, status, "yes" if a.overdue else "no"))
    return rows


def _actions(pdf: FPDF, title: str, actions: Sequence[ActionLine], empty: str) -> None:
    _heading(pdf, title, size=13 if title == "Action items" else 11)
    if not actions:
        _para(pdf, empty, muted=True)
        return
    header = ("Who", "What", "Due", "Status", "Overdue")
    table(pdf, header, _action_rows(actions), (4, 8, 3, 3, 2))


def _preparation(pdf: FPDF, summary: Summary) -> None:
    _heading(pdf, "Preparation and agreed next steps")
    _para(pdf, PREPARATION_NOTE, muted=True, size=9)
    if not summary.preparation:
        _para(pdf, "No rotation plan yet.", muted=True)
        return
    rows = [
        (str(r.round), f"{r.meetings_prepared} of {r.meetings_planned}", str(r.agreed_next_steps))
        for r in summary.preparation
    ]
    table(pdf, ("Round", "Meetings prepared", "Agreed next steps"), rows, (2, 4, 4))


def _follow_through(pdf: FPDF, summary: Summary) -> None:
    follow = summary.follow_through
    assert follow is not None
    _heading(pdf, f"Follow-through since {follow.previous_title}")
    _para(
        pdf,
        f"Done: {len(follow.done)} · Still open: {len(follow.still_open)} · "
        f"Overdue: {len(follow.overdue)} · Recurring items: {len(follow.recurring)}",
    )
    # Heads only, as for the other long lists: the Markdown, CSV and JSON carry every row.
    for label, lines in (("Done", follow.done), ("Still open", follow.still_open)):
        _actions(pdf, label, lines[:PRESSING_SHOWN], "None.")
        _more(pdf, len(lines) - PRESSING_SHOWN, "action items")
    _actions(pdf, "Overdue", follow.overdue[:PRESSING_SHOWN], "None.")
    _more(pdf, len(follow.overdue) - PRESSING_SHOWN, "action items")
    _heading(pdf, "Recurring items", size=11)
    if follow.recurring:
        recurring = [
            (r.text, ", ".join(f"{s} → {t}" for s, t in r.pairs), r.previous_text)
            for r in follow.recurring[:PRESSING_SHOWN]
        ]
        table(pdf, ("Now", "Between", "Last time"), recurring, (6, 4, 6))
        _more(pdf, len(follow.recurring) - PRESSING_SHOWN, "recurring items")
    else:
        _para(pdf, "None.", muted=True)
    for label, changes in (("rose", follow.friction_rose), ("fell", follow.friction_fell)):
        _heading(pdf, f"Friction {label}", size=11)
        if changes:
            rows = [(c.source, c.target, str(c.before), str(c.after)) for c in changes]
            table(pdf, ("From", "Onto", "Before", "After"), rows, (5, 5, 2, 2))
        else:
            _para(pdf, "None.", muted=True)
