"""Hebrew and Arabic in the PDFs (issue #15): right to left in reading order, Arabic letters
joined, in a font that has the glyphs.

Three checks a reader would notice: the text extracts in logical order (copy and paste gives the
name as typed), the words of an RTL name stand right to left on the page (poppler's word boxes),
and the Arabic is drawn with its joined forms (the embedded font subset holds the contextual
presentation glyphs, which only a shaper picks; unshaped text uses the isolated letters).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pypdf import PdfReader

from app.assets import FONT_DIR
from app.domain.series.scorecard import DepartmentScore, Scorecard
from app.services.series.scorecard_files import scorecard_pdf
from app.services.summary import service as summary_service
from app.services.summary.pdf.document import FONT, finish, fresh_document
from app.services.summary.pdf.text import place_text
from tests.factories import bearer
from tests.support.pdf_fonts import embedded_glyphs
from tests.support.summary_room import TODAY, build_summary_room

HEBREW = "דנה לוי"  # Dana Levi
ARABIC = "سلمى حداد"  # Salma Haddad
# The joined (initial, medial, final) forms of the Arabic name's letters, as DejaVu names them.
ARABIC_JOINED = {"uniFEB3", "uniFEE4", "uniFEA3", "uniFEAA", "uniFEE0"}


def glyphs_left_to_right(content: bytes, tmp_path: Path) -> list[str]:
    """Each line of the PDF as its glyphs read left to right on the page (poppler's word
    boxes, sorted by position): a right-to-left name drawn correctly reads reversed here."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "doc.pdf"
    source.write_bytes(content)
    html = subprocess.run(
        [tool, "-bbox", str(source), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines: dict[tuple[int, str], list[tuple[float, str]]] = {}
    for page, body in enumerate(re.findall(r"<page[^>]*>(.*?)</page>", html, re.S)):
        for x, y, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>', body
        ):
            lines.setdefault((page, y), []).append((float(x), word))
    return [" ".join(w for _, w in sorted(words)) for _, words in sorted(lines.items())]


def test_the_fonts_cover_hebrew_and_arabic() -> None:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        cmap = TTFont(FONT_DIR / name).getBestCmap()
        for text in (HEBREW, ARABIC, "المالية", "כספים"):
            assert all(ord(c) in cmap for c in text if c != " "), (name, text)


def test_summary_pdf_shows_hebrew_and_arabic_names_in_reading_order(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(summary_service, "today_in", lambda session, now=None: TODAY)
    room = build_summary_room(client)
    base = f"/api/v1/sessions/{room.session_id}/participants"
    for old, new in (("Dana Lee", HEBREW), ("Marcus Okafor", ARABIC)):
        response = client.patch(
            f"{base}/{room.people[old]}", json={"name": new}, headers=bearer(room.facilitator)
        )
        assert response.status_code == 200, response.text

    pdf = client.get(
        f"/api/v1/sessions/{room.session_id}/summary.pdf", headers=bearer(room.executive)
    )
    assert pdf.status_code == 200
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    # Copying the text gives the names as typed (logical order), not reversed letters.
    assert HEBREW in text
    assert ARABIC in text
    assert HEBREW[::-1] not in text
    # On the page, the first word of an RTL name stands to the right of the second.
    # On the page the names run right to left: read left to right, their glyphs come reversed
    # (unshaped, they would stand in typed order, i.e. backwards for a reader).
    drawn = "\n".join(glyphs_left_to_right(pdf.content, tmp_path))
    assert HEBREW[::-1] in drawn
    assert HEBREW not in drawn
    assert ARABIC[::-1] in drawn
    # Arabic letters are joined: the shaper drew the contextual forms.
    assert embedded_glyphs(pdf.content) >= ARABIC_JOINED


def test_scorecard_pdf_shapes_an_arabic_department(tmp_path: Path) -> None:
    row = DepartmentScore(
        department="المالية",  # Finance
        pushed=3,
        received=1,
        committed=2,
        done_on_time=1,
        overdue=0,
        blocked=0,
        agendas_on_time=1,
        sessions_invited=1,
        friction=(2,),
    )
    card = Scorecard(
        title="سلسلة القيادة",
        as_of=date(2099, 2, 1),
        sessions=(("s1", date(2099, 1, 14)),),
        departments=(row,),
        actions_due=1,
        actions_done_on_time=1,
        recurring=0,
        next_session=None,
    )
    content = scorecard_pdf(card)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "المالية" in text
    assert "سلسلة القيادة" in text
    # Lam-alef and the other joined forms: only shaped text uses them.
    assert {"uniFEDF", "uniFEE0"} & embedded_glyphs(content)
    drawn = "\n".join(glyphs_left_to_right(content, tmp_path))
    assert "سلسلة القيادة"[::-1] in drawn
    assert "المالية"[::-1] in drawn


def test_text_placed_at_a_point_keeps_its_baseline_when_shaped(tmp_path: Path) -> None:
    """Tables and map labels place runs at a baseline; a shaped run sits on the same line as a
    Latin one beside it, and leaves the cursor and the page where they were."""
    pdf = fresh_document()
    pdf.add_page()
    pdf.set_font(FONT, "", 11)
    pdf.set_xy(30, 40)
    place_text(pdf, 20, 280, "Finance")  # near the foot: must not start a new page
    place_text(pdf, 60, 280, "المالية")
    place_text(pdf, 100, 280, "כספים")
    assert (pdf.get_x(), pdf.get_y(), pdf.page_no()) == (30, 40, 1)
    content = finish(pdf)
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "doc.pdf"
    source.write_bytes(content)
    html = subprocess.run(
        [tool, "-bbox", str(source), "-"], capture_output=True, text=True, check=True
    ).stdout
    boxes = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">', html)
    # Each run starts where it was placed (20, 60 and 100 mm) on one line; the footer is below.
    line = sorted(round(float(x) / 72 * 25.4) for x, y in boxes if float(y) < 810)
    assert line == [20, 60, 100], boxes
    assert len({y for _, y in boxes if float(y) < 810}) == 1, boxes  # one baseline
    assert len(PdfReader(io.BytesIO(content)).pages) == 1
    assert {"uniFEDF", "uniFEE0"} & embedded_glyphs(content)  # joined lam forms
