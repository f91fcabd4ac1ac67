"""The PDF carries the department × department matrix after the map, as the page shows it beside
the map: every department a numbered row, each cell the items that row pushes onto that column.
Read back with pdftotext (the text a reader copies out of the PDF)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.services.summary import service as summary_service
from tests.support.summary_room import TODAY, SummaryRoom, build_summary_room
from tests.web.test_summary import get
from tests.web.test_summary_preparation import pdftotext


@pytest.fixture
def room(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> SummaryRoom:
    monkeypatch.setattr(summary_service, "today_in", lambda session, now=None: TODAY)
    return build_summary_room(client)


def matrix_rows(text: str, names: list[str]) -> dict[str, list[str]]:
    """Each row's cells as pdftotext lays them out: ``1. Name  ·  2  ·`` -> ["·", "2", "·"]."""
    start = text.index("Department × department")
    end = text.index("From ", text.index("From ↓ onto →", start) + 1)  # the dependency table
    rows = {}
    for line in text[start:end].splitlines():
        for number, name in enumerate(names, start=1):
            label = f"{number}. {name}"
            if line.strip().startswith(label):
                rows[name] = line.strip().removeprefix(label).split()
    return rows


def test_the_pdf_shows_the_matrix_after_the_map_with_the_pages_counts(
    client: TestClient, room: SummaryRoom
) -> None:
    api = f"/api/v1/sessions/{room.session_id}/summary"
    doc = get(client, api, room.executive).json()
    names = sorted({p["department"] for p in doc["participants"]}, key=str.casefold)
    pushed = {(e["source"], e["target"]): e["items"] for e in doc["dependencies"]}
    assert pushed, "the scripted session pushes items between departments"

    text = pdftotext(get(client, f"{api}.pdf", room.executive).content)

    assert text.index("Dependency map") < text.index("Department × department")
    assert text.index("Department × department") < text.index("Most pressing issues")
    rows = matrix_rows(text, names)
    assert set(rows) == set(names)
    for source in names:
        expected = [
            str(pushed[(source, target)]) if (source, target) in pushed else "·"
            for target in names
            if target != source  # the diagonal is shaded, not numbered
        ]
        assert rows[source] == expected, source
