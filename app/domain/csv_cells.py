"""Every CSV the service writes goes through here: one writer that defuses formula cells.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or
carriage return followed by one) as a formula, so a name such as ``=HYPERLINK("http://…")``
would become a live link in whoever opens the export. Such cells get a leading quote, which
spreadsheets show as text (OWASP's advice for CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: object) -> str:
    """A cell as text that no spreadsheet runs as a formula (numbers stay as they are)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = "" if value is None else str(value)
        return "'" + text if text.startswith(FORMULA_START) else text
    return str(value)


def csv_text(rows: Iterable[Iterable[object]], *, bom: bool = False) -> str:
    """Rows as CSV text (CRLF line ends, as RFC 4180 has them), every cell defused.

    ``bom`` starts the text with a byte-order mark, so spreadsheets read UTF-8 accents right.
    """
    out = io.StringIO()
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([defuse(cell) for cell in row])
    return out.getvalue()
