"""The scorecard as files: CSV (the summary's CSV writer) and a one-table PDF (fpdf2)."""

from __future__ import annotations

from fpdf.enums import XPos, YPos

from app.domain.series.scorecard import SCORECARD_DEFINITIONS, Scorecard, scorecard_rows
from app.services.summary.files import csv_text
from app.services.summary.pdf.document import FONT, INK, MUTED, finish, fresh_document
from app.services.summary.pdf.table import table


def scorecard_csv(card: Scorecard) -> str:
    """One row per department, then the series figures; defused like every summary CSV."""
    return csv_text([[_cell(v) for v in row] for row in scorecard_rows(card)])


def _cell(text: str) -> str:
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def scorecard_pdf(card: Scorecard) -> bytes:
    """The scorecard on A4 landscape: series figures, the department table, the definitions."""
    pdf = fresh_document()
    pdf.footer_text = f"Scorecard: {card.title} (as of {card.as_of.isoformat()})"
    pdf.set_title(f"Scorecard: {card.title}")
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page(orientation="L")
    pdf.set_font(FONT, "B", 16)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 8, f"Scorecard: {card.title}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, "", 10)
    pdf.set_text_color(*MUTED)
    rate = card.follow_through_rate
    next_on = card.next_session.isoformat() if card.next_session else "not scheduled"
    lines = [
        f"As of {card.as_of.isoformat()} · {len(card.sessions)} session(s)",
        f"Follow-through rate: {'—' if rate is None else f'{rate}%'}"
        f" ({card.actions_done_on_time} of {card.actions_due} action items due were done on time)",
        f"Recurring items: {card.recurring} · Next session: {next_on}",
    ]
    for line in lines:
        pdf.multi_cell(0, 5.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    header = (
        *("Department", "Pushed", "Received", "Committed", "Done on time"),
        *("Overdue", "Blocked", "Agenda on time", "Friction per session"),
    )
    rows = [
        (
            d.department,
            str(d.pushed),
            str(d.received),
            str(d.committed),
            str(d.done_on_time),
            str(d.overdue),
            str(d.blocked),
            f"{d.agendas_on_time} of {d.sessions_invited}",
            " → ".join(str(v) for v in d.friction),
        )
        for d in card.departments
    ]
    table(pdf, header, rows, (6, 2, 2, 2, 3, 2, 2, 3, 5))
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*MUTED)
    for key, text in SCORECARD_DEFINITIONS.items():
        pdf.multi_cell(
            0, 4, f"{key.replace('_', ' ')}: {text}", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    return finish(pdf)
