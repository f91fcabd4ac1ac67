"""The demo shows the product: its executive link opens the summary of a played session of the
same series (rounds run, items captured and moderated, action items with statuses, some
overdue), not an empty page."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.services.demo.service import load_demo
from app.services.links.service import LinkKeys
from tests.conftest import BASE_URL, TEST_SECRET


def test_the_demo_executive_link_opens_a_rich_summary(client: TestClient, db: Session) -> None:
    demo = load_demo(db, LinkKeys(TEST_SECRET, BASE_URL))
    again = load_demo(db, LinkKeys(TEST_SECRET, BASE_URL))  # a second start reuses both sessions

    assert again.session_id == demo.session_id
    assert demo.played_executive
    token = demo.played_executive.rsplit("/l/", 1)[1]
    page = client.get(f"/l/{token}")
    assert page.status_code == 200
    session_id = page.url.path.split("/")[2]
    doc = client.get(
        f"/api/v1/sessions/{session_id}/summary", headers={"Authorization": f"Bearer {token}"}
    ).json()
    figures = {f["key"]: f["value"] for f in doc["figures"]}
    assert figures["attendance"] == "12 of 14"  # two never came
    assert figures["rounds_played"] == "5"
    # 8 captured live, 1 merged and 1 removed by the facilitator, plus seeded agenda items.
    live = [i for i in doc["items"] if i["origin"] == "live"]
    assert len(live) == 6
    assert any(i["origin"] == "agenda" for i in doc["items"])
    statuses = sorted(a["status"] for a in doc["action_items"])
    assert statuses == ["blocked", "done", "in_progress", "open", "open"]
    assert sum(a["overdue"] for a in doc["action_items"]) == 3
    assert len(doc["frictions"]) == 3
    assert doc["frictions"][0]["source"] == "Sales"
    html = page.text
    assert "No cross-team items captured yet" not in html
    assert "Overdue" in html
    # The upcoming session follows through on the played one.
    upcoming = client.get(
        f"/api/v1/sessions/{demo.session_id}/summary",
        headers={"Authorization": f"Bearer {demo.executive.rsplit('/l/', 1)[1]}"},
    ).json()
    assert (
        upcoming["follow_through"]["previous_title"] == "Demo: Q4 leadership speed-dating (played)"
    )
    assert len(upcoming["follow_through"]["done"]) == 1
