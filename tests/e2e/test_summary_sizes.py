"""The summary at 3, 8 and 15 departments in Chromium: the first screen answers "so what?"
above the fold at 1366×768, no text of the map overlaps another or leaves it (measured with the
browser's own text boxes), the phone needs no sideways scrolling; screenshots of the page on a
desktop and a phone and of every PDF page (pdftoppm) land in artifacts/screenshots/."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.browser import overflows_horizontally, shot
from tests.e2e.server import LiveServer
from tests.support.summary_sizes import build_sized_room

pytestmark = pytest.mark.browser

TEXT_BOXES = """(svg) => {
  const width = +svg.getAttribute('width'), height = +svg.getAttribute('height');
  const boxes = [...svg.querySelectorAll('text')].map(t => {
    const b = t.getBBox();
    return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height];
  });
  const problems = [];
  for (const b of boxes) {
    if (b[1] < 0 || b[2] < 0 || b[3] > width || b[4] > height) problems.push(['outside', b[0]]);
  }
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], c = boxes[j];
    const apart = a[3] <= c[1] || c[3] <= a[1] || a[4] <= c[2] || c[4] <= a[2];
    if (!apart) problems.push([a[0], c[0]]);
  }
  return problems;
}"""


def pdf_pages(pdf: bytes, into: Path) -> list[Path]:
    """Every page of the PDF as a PNG (pdftoppm), to look at."""
    into.mkdir(parents=True, exist_ok=True)
    source = into / "summary.pdf"
    source.write_bytes(pdf)
    tool = shutil.which("pdftoppm")
    assert tool, "apt-get install -y poppler-utils"
    subprocess.run([tool, "-png", "-r", "60", str(source), str(into / "pdf-page")], check=True)
    return sorted(into.glob("pdf-page-*.png"))


@pytest.mark.parametrize("count", [3, 8, 15])
def test_the_summary_reads_at_every_size(
    count: int, live_server: LiveServer, new_context: Callable[..., BrowserContext]
) -> None:
    with httpx.Client(base_url=live_server.base_url, timeout=20.0) as http:
        room = build_sized_room(http, count)
        pdf = http.get(
            f"/api/v1/sessions/{room['session_id']}/summary.pdf",
            headers={"Authorization": f"Bearer {room['executive']}"},
        )
        assert pdf.status_code == 200
    desktop: Page = new_context(
        live_server.base_url, viewport={"width": 1366, "height": 768}
    ).new_page()
    desktop.goto(room["executive_url"])

    # Above the fold: the frictions, the action items agreed and the change since last time.
    for name in ("Biggest cross-team frictions", "Action items agreed", "Since last session"):
        region = desktop.get_by_role("region", name=name)
        expect(region).to_be_visible()
        box = region.bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= 768, (name, box)
    frictions = desktop.get_by_role("region", name="Biggest cross-team frictions")
    expect(frictions.locator("li")).to_have_count(3)
    attendance = desktop.locator("[data-figure=attendance]")
    expect(attendance).to_contain_text(f"{count - 1} of {count}")
    # The map: every department labelled, no text on another, none outside.
    svg = desktop.get_by_role(
        "img", name=f"Dependency map: Q3 leadership speed-dating, {count} departments"
    )
    expect(svg.locator("g.node")).to_have_count(count)
    assert svg.evaluate(TEXT_BOXES) == []
    matrix = desktop.get_by_role("table", name="Department × department")
    expect(matrix.locator("tbody tr")).to_have_count(count)
    shot(desktop, f"summary-desktop-{count}")

    phone = new_context(live_server.base_url, phone=True).new_page()
    phone.goto(room["executive_url"])
    expect(phone.get_by_role("region", name="Biggest cross-team frictions")).to_be_visible()
    assert not overflows_horizontally(phone)
    shot(phone, f"summary-phone-{count}")

    pages = pdf_pages(pdf.content, Path("artifacts/screenshots/pdf") / f"summary-{count}")
    assert pages
