"""The series page says when the next review is due, offers it as .ics, and shows an overdue
review as such; the facilitator sets the cadence (the input kept with a clear error if bad)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlmodel import Session

from app.services.demo.service import load_demo
from app.services.links.service import LinkKeys
from app.services.sessions import series
from tests.conftest import BASE_URL, TEST_SECRET


def token(url: str) -> str:
    return url.rsplit("/l/", 1)[1]


def test_the_next_scheduled_session_is_the_next_review(client: TestClient, db: Session) -> None:
    demo = load_demo(db, LinkKeys(TEST_SECRET, BASE_URL))
    client.get(f"/l/{token(demo.executive)}")

    html = client.get(f"/s/{demo.session_id}/series").text
    calendar = client.get(f"/s/{demo.session_id}/series/review.ics")

    assert 'data-review="scheduled"' in html
    assert "(quarterly)" in html
    assert calendar.status_code == 200
    assert calendar.headers["content-type"].startswith("text/calendar")
    day = re.search(r'<time datetime="(\d{4})-(\d\d)-(\d\d)">', html)
    assert day is not None
    assert f"DTSTART;VALUE=DATE:{''.join(day.groups())}" in calendar.text
    assert "SUMMARY:Leadership review due: Demo: quarterly leadership review" in calendar.text


def test_a_review_past_its_day_with_nothing_scheduled_is_overdue(
    client: TestClient, db: Session
) -> None:
    demo = load_demo(db, LinkKeys(TEST_SECRET, BASE_URL))
    series.leave(db, demo.session_id)  # only the played session (three months ago) is left
    played = token(demo.played_executive)
    session_id = client.get(f"/l/{played}").url.path.split("/")[2]
    series.set_cadence(db, session_id, "1")  # monthly: due two months ago

    html = client.get(f"/s/{session_id}/series").text

    assert 'data-review="overdue"' in html
    assert "Overdue" in html
    assert "The monthly review was due on" in html


def test_the_facilitator_sets_the_cadence_and_a_bad_one_is_refused(
    client: TestClient, db: Session
) -> None:
    demo = load_demo(db, LinkKeys(TEST_SECRET, BASE_URL))
    client.get(f"/l/{token(demo.facilitator)}")
    page = client.get(f"/s/{demo.session_id}/series").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert csrf is not None

    saved = client.post(
        f"/s/{demo.session_id}/series",
        data={"csrf_token": csrf.group(1), "do": "cadence", "cadence": "6"},
        follow_redirects=False,
    )
    refused = client.post(
        f"/s/{demo.session_id}/series",
        data={"csrf_token": csrf.group(1), "do": "cadence", "cadence": "5"},
    )

    assert saved.status_code == 303
    assert series.require_series(db, demo.session_id).cadence_months == 6
    assert refused.status_code == 422
    assert "Choose one of the listed cadences." in refused.text
