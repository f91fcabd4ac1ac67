"""Each headline figure means what its definition says, and shows the same value in every format.

A scripted session: four invited; three marked present by the facilitator; Tom Becker never opens
the live view. Then one marked present is marked absent again, Tom opens the live view over a
websocket, and moderation holds one item back: every format follows.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, select

from app.services.summary import service as summary_service
from app.store.models import BoardState
from app.store.types import utcnow
from tests.factories import bearer
from tests.support.summary_room import TODAY, SummaryRoom, build_summary_room
from tests.web.test_summary import csv_rows, get, pdf_text


@pytest.fixture
def room(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> SummaryRoom:
    monkeypatch.setattr(summary_service, "today_in", lambda session, now=None: TODAY)
    return build_summary_room(client)


def every_format(client: TestClient, room: SummaryRoom) -> dict[str, dict[str, str]]:
    """Each figure's value as the page, JSON, Markdown, CSV and PDF show it."""
    api = f"/api/v1/sessions/{room.session_id}/summary"
    doc = get(client, api, room.executive).json()
    labels = {f["key"]: f["label"] for f in doc["figures"]}
    html = get(client, f"/s/{room.session_id}/summary", room.executive).text
    page = {}
    figure = r'data-figure="(\w+)">.*?<span data-value>(\d+)</span>'
    suffix_of = r'(?: <span class="of">([^<]*)</span>)?'
    for key, count, suffix in re.findall(figure + suffix_of, html, re.S):
        page[key] = f"{count} {suffix}".strip()
    markdown = get(client, f"{api}.md", room.executive).text
    md = {
        key: re.search(rf"^\| {re.escape(label)} \| ([^|]+) \|", markdown, re.M).group(1).strip()  # type: ignore[union-attr]
        for key, label in labels.items()
    }
    archive = zipfile.ZipFile(io.BytesIO(get(client, f"{api}.csv.zip", room.executive).content))
    name = next(n for n in archive.namelist() if "-figures-" in n)
    csv_values = {r["figure"]: r["value"] for r in csv_rows(archive.read(name).decode())}
    pdf = pdf_text(get(client, f"{api}.pdf", room.executive).content)
    pdf_values = {}
    for key, label in labels.items():
        found = re.search(rf"{re.escape(label)}\s+(\d+(?: of \d+| \(\d+ overdue\))?)", pdf)
        pdf_values[key] = found.group(1) if found else ""
    return {
        "json": {f["key"]: f["value"] for f in doc["figures"]},
        "page": page,
        "markdown": md,
        "csv": csv_values,
        "pdf": pdf_values,
    }


def assert_same_everywhere(formats: dict[str, dict[str, str]]) -> dict[str, str]:
    reference = formats["json"]
    for name, values in formats.items():
        assert values == reference, name
    return reference


def test_people_who_never_connected_and_were_not_marked_present_are_not_counted(
    client: TestClient, room: SummaryRoom
) -> None:
    figures = assert_same_everywhere(every_format(client, room))

    assert figures["attendance"] == "3 of 4"  # Tom Becker never opened the live view
    assert figures["items_captured"] == "7"
    assert figures["items_held"] == "0"
    assert figures["action_items"] == "3 (1 overdue)"
    doc = get(client, f"/api/v1/sessions/{room.session_id}/summary", room.executive).json()
    present = {p["name"]: p["attended"] for p in doc["participants"]}
    assert present == {
        "Dana Lee": True,
        "Marcus Okafor": True,
        "Aisha Khan": True,
        "Tom Becker": False,
    }


def test_marked_absent_again_without_ever_connecting_is_not_present(
    client: TestClient, room: SummaryRoom
) -> None:
    path = f"/api/v1/sessions/{room.session_id}/live/attendance/{room.people['Aisha Khan']}"
    response = client.post(path, json={"status": "absent"}, headers=bearer(room.facilitator))
    assert response.status_code == 200, response.text

    assert assert_same_everywhere(every_format(client, room))["attendance"] == "2 of 4"


def test_opening_the_live_view_once_counts_as_present_for_good(
    client: TestClient, room: SummaryRoom
) -> None:
    ws = f"/api/v1/sessions/{room.session_id}/live/ws"
    with client.websocket_connect(ws, headers=bearer(room.tokens["Tom Becker"])) as socket:
        assert socket.receive_json()["type"] == "hello"
    # Gone again, and marked absent afterwards: he was there, so he still counts.
    path = f"/api/v1/sessions/{room.session_id}/live/attendance/{room.people['Tom Becker']}"
    client.post(path, json={"status": "absent"}, headers=bearer(room.facilitator))

    assert assert_same_everywhere(every_format(client, room))["attendance"] == "4 of 4"


def test_the_executive_watching_live_is_not_a_participant_present(
    client: TestClient, room: SummaryRoom
) -> None:
    ws = f"/api/v1/sessions/{room.session_id}/live/ws"
    with client.websocket_connect(ws, headers=bearer(room.executive)) as socket:
        assert socket.receive_json()["type"] == "hello"

    assert assert_same_everywhere(every_format(client, room))["attendance"] == "3 of 4"


def test_items_held_back_from_the_room_are_counted_apart_never_captured(
    client: TestClient, room: SummaryRoom
) -> None:
    # What moderation stores for a held item (a non-empty "hold"): ``room_visible`` decides.
    engine: Any = client.app.state.engine  # type: ignore[attr-defined]
    with Session(engine) as db:
        row = db.exec(select(BoardState).where(BoardState.session_id == room.session_id)).one()
        for raw in row.state["items"]:
            if raw["id"] == room.items["forecast"]:
                raw["hold"] = "complaint"
        flag_modified(row, "state")
        row.updated_at = utcnow()  # as any real write does; the summary's board cache keys on it
        db.add(row)
        db.commit()

    figures = assert_same_everywhere(every_format(client, room))

    assert (figures["items_captured"], figures["items_held"]) == ("6", "1")
    api = f"/api/v1/sessions/{room.session_id}/summary"
    assert (
        "Forecasts change after the board pack" not in get(client, f"{api}.md", room.executive).text
    )
    html = get(client, f"/s/{room.session_id}/summary", room.executive).text
    assert "Forecasts change after the board pack" not in html


def test_every_figure_has_its_definition_on_hover_and_in_a_footnote(
    client: TestClient, room: SummaryRoom
) -> None:
    doc = get(client, f"/api/v1/sessions/{room.session_id}/summary", room.executive).json()
    html = get(client, f"/s/{room.session_id}/summary", room.executive).text
    markdown = get(client, f"/api/v1/sessions/{room.session_id}/summary.md", room.executive).text

    for figure in doc["figures"]:
        definition = figure["definition"]
        assert definition
        assert f'title="{definition}" data-figure="{figure["key"]}"' in html
        assert (
            f'<li id="note-{figure["key"]}"><strong>{figure["label"]}:</strong> {definition}</li>'
            in html
        )
        assert f"| {figure['label']} | {figure['value']} | {definition} |" in markdown
