"""The scorecard page, CSV and PDF of the demo series show the same figures, and an executive
link sees only the sessions it may see (its own and the earlier ones)."""

from __future__ import annotations

import csv
import io
import re

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.services.demo.service import load_demo
from app.services.links.service import LinkKeys
from tests.conftest import BASE_URL, TEST_SECRET
from tests.web.test_summary import pdf_text


def token(url: str) -> str:
    return url.rsplit("/l/", 1)[1]


def test_the_scorecard_agrees_in_page_csv_and_pdf(client: TestClient, db: Session) -> None:
    demo = load_demo(db, LinkKeys(TEST_SECRET, BASE_URL))
    executive = token(demo.executive)  # the upcoming session: sees it and the played one
    headers = {"Authorization": f"Bearer {executive}"}
    client.get(f"/l/{executive}")  # the link's cookie opens the pages

    html = client.get(f"/s/{demo.session_id}/scorecard").text
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    f"/api/v1/sessions/{demo.session_id}/scorecard.csv", headers=headers
                ).text.removeprefix("\ufeff")
            )
        )
    )
    pdf = pdf_text(
        client.get(f"/api/v1/sessions/{demo.session_id}/scorecard.pdf", headers=headers).content
    )

    series = {r[1]: r[2] for r in rows if r and r[0] == "series"}
    # Played session: 5 action items; 4 due by now (one done on time), the fifth not yet due.
    assert series["actions_due"] == "4"
    assert series["actions_done_on_time"] == "1"
    assert series["follow_through_rate_percent"] == "25"
    assert re.search(r'data-figure="follow_through">.*?<span data-value>25%</span>', html, re.S)
    assert "Follow-through rate: 25% (1 of 4" in pdf
    sales = next(r for r in rows if r and r[0] == "Sales")
    header = rows[0]
    pushed = sales[header.index("items_pushed")]
    assert re.search(
        rf'data-department="Sales">\s*<th scope="row">Sales</th>\s*<td>{pushed}</td>', html
    )
    assert f"Sales {pushed}" in pdf.replace("\n", " ")
    assert [h for h in header if h.startswith("friction: ")] == [
        "friction: Demo: Q4 leadership speed-dating (played)",
        "friction: Demo: Q1 leadership speed-dating",
    ]
    assert '<svg class="sparkline"' in html


def test_an_executive_link_sees_its_own_session_and_earlier_ones_only(
    client: TestClient, db: Session
) -> None:
    demo = load_demo(db, LinkKeys(TEST_SECRET, BASE_URL))
    played = token(demo.played_executive)
    response = client.get(f"/l/{played}")
    session_id = response.url.path.split("/")[2]

    html = client.get(f"/s/{session_id}/scorecard").text
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    f"/api/v1/sessions/{session_id}/scorecard.csv",
                    headers={"Authorization": f"Bearer {played}"},
                ).text.removeprefix("\ufeff")
            )
        )
    )

    assert [h for h in rows[0] if h.startswith("friction: ")] == [
        "friction: Demo: Q4 leadership speed-dating (played)"
    ]
    assert "Demo: Q1 leadership speed-dating (" not in html  # the later session stays hidden
    # Its date is not a secret: the next review is on the calendar for everyone.
    assert re.search(r'data-figure="next_session">.*?<time datetime="\d{4}-\d\d-\d\d">', html, re.S)


def test_a_participant_link_cannot_read_the_scorecard(client: TestClient, db: Session) -> None:
    demo = load_demo(db, LinkKeys(TEST_SECRET, BASE_URL))
    participant = token(demo.participants[0][2])

    response = client.get(
        f"/api/v1/sessions/{demo.session_id}/scorecard.csv",
        headers={"Authorization": f"Bearer {participant}"},
    )

    assert response.status_code == 403
