"""The executive summary page and its exports: same figures everywhere, read only, for readers."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pypdf import PdfReader

from app.services.summary import service as summary_service
from app.services.summary.export_schema import SummaryDocument
from tests.factories import bearer, make_session
from tests.support.summary_room import REGENERATE, TODAY, SummaryRoom, build_summary_room

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "summary.schema.json"


@pytest.fixture
def room(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> SummaryRoom:
    """The example session, summarised as of ``TODAY`` (one action item overdue)."""
    monkeypatch.setattr(summary_service, "today_in", lambda session, now=None: TODAY)
    return build_summary_room(client)


def api(room: SummaryRoom, path: str = "") -> str:
    return f"/api/v1/sessions/{room.session_id}/summary{path}"


def get(client: TestClient, url: str, token: str) -> Any:
    response = client.get(url, headers=bearer(token))
    assert response.status_code == 200, response.text
    return response


def page_figures(html: str) -> dict[str, int]:
    found = re.findall(r'data-figure="(\w+)">.*?<span data-value>(\d+)</span>', html, re.S)
    return {name: int(value) for name, value in found}


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_the_executive_link_opens_a_summary_that_reads_in_five_minutes(
    client: TestClient, room: SummaryRoom
) -> None:
    page = client.get(f"/l/{room.executive}")

    assert page.url.path == f"/s/{room.session_id}/summary"
    html = page.text
    assert page_figures(html) == {
        "attendance": 3,
        "agendas_submitted": 3,
        "rounds_played": 1,
        "pairs_met": 2,
        "items_captured": 7,
        "items_held": 0,
        "action_items": 3,
    }
    assert "of 4</span>" in html
    # The map is inline SVG with an accessible name and description, and a table fallback.
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in html
    assert "<desc id=" in html
    assert "Sales pushes 2 items (impact weight 7)" in html
    assert "The map as a table (6 department pairs)" in html
    # Most pressing first; goals; unaligned; who does what by when.
    assert html.index("Deals close without billing contacts") < html.index("Escalations reach")
    assert "Aligned to no goal" in html
    assert "Cut onboarding time in half" in html
    assert "Add a required billing contact field to deals" in html
    assert "Marcus Okafor" in html
    # Overdue is said in words, not only by colour.
    row = re.search(r'<tr class="status-open overdue">.*?</tr>', html, re.S)
    assert row is not None
    assert "Overdue" in row.group(0)
    assert "Marcus Okafor" in row.group(0)
    assert html.count("overdue-badge") == 2  # on the first screen and in the table
    # Read only: nothing on the page writes.
    assert "<form" not in html
    assert "<button" not in html
    assert "hx-post" not in html
    assert "Back to the facilitator page" not in html


def test_the_facilitator_reads_the_same_page_with_a_way_back(
    client: TestClient, room: SummaryRoom
) -> None:
    html = get(client, f"/s/{room.session_id}/summary", room.facilitator).text
    assert "Back to the facilitator page" in html
    assert page_figures(html)["items_captured"] == 7


def test_page_and_every_export_show_the_same_figures(client: TestClient, room: SummaryRoom) -> None:
    doc = get(client, api(room), room.executive).json()
    h = doc["headline"]
    page = page_figures(get(client, f"/s/{room.session_id}/summary", room.executive).text)
    assert page == {
        "attendance": h["attended"],
        "agendas_submitted": h["agendas_submitted"],
        "rounds_played": h["rounds_played"],
        "pairs_met": h["pairs_met"],
        "items_captured": h["items_captured"],
        "items_held": h["items_held"],
        "action_items": h["action_items"],
    }
    expected_lines = [
        f"Attendance | {h['attended']} of {h['participants']}",
        f"Agendas submitted | {h['agendas_submitted']} of {h['participants']}",
        f"Rounds played | {h['rounds_played']}",
        f"Distinct pairs met | {h['pairs_met']}",
        f"Items captured | {h['items_captured']}",
        f"Action items | {h['action_items']} ({h['action_items_overdue']} overdue)",
    ]
    markdown = get(client, api(room, ".md"), room.executive).text
    for line in expected_lines:
        assert f"| {line} |" in markdown
    pdf = pdf_text(get(client, api(room, ".pdf"), room.executive).content)
    for line in expected_lines:
        figure, value = line.split(" | ")
        assert re.search(rf"{re.escape(figure)}\s+{re.escape(value)}", pdf), (figure, pdf[:800])
    archive = zipfile.ZipFile(
        io.BytesIO(get(client, api(room, ".csv.zip"), room.executive).content)
    )
    tables = {
        name.rsplit("-summary-", 1)[1].rsplit("-", 3)[0]: csv_rows(archive.read(name).decode())
        for name in archive.namelist()
    }
    assert set(tables) == {"figures", "items", "action-items", "preparation", "agenda-topics"}
    assert {r["figure"]: r["value"] for r in tables["figures"]} == {
        f["key"]: f["value"] for f in doc["figures"]
    }
    assert len(tables["items"]) == h["items_captured"] == len(doc["items"])
    assert len(tables["action-items"]) == h["action_items"] == len(doc["action_items"])
    assert sum(r["overdue"] == "yes" for r in tables["action-items"]) == h["action_items_overdue"]
    assert len(tables["agenda-topics"]) == h["agendas_submitted"]
    calendar = get(client, api(room, ".ics"), room.executive).text
    assert calendar.count("BEGIN:VEVENT") == sum(1 for a in doc["action_items"] if a["due"])
    svg_text = get(client, api(room, "/map.svg"), room.executive).text
    svg = ET.fromstring(svg_text)  # noqa: S314 (our own SVG)
    edges = svg.findall(".//{http://www.w3.org/2000/svg}g[@class='edge']")
    assert len(edges) == len(doc["dependencies"])


def test_json_has_everything_with_board_ids_and_numbers(
    client: TestClient, room: SummaryRoom
) -> None:
    doc = get(client, api(room), room.executive).json()
    SummaryDocument.model_validate(doc)
    assert doc["session"]["title"] == "Q1 leadership speed-dating"
    assert doc["as_of"] == TODAY.isoformat()
    by_id = {item["id"]: item for item in doc["items"]}
    invoices = by_id[room.items["invoices"]]
    assert invoices["votes"] >= 2
    assert invoices["impact"] == "critical"
    assert room.items["removed"] not in by_id
    assert room.items["merged"] not in by_id
    overdue = [a for a in doc["action_items"] if a["overdue"]]
    assert [(a["owner"], a["due"], a["id"]) for a in overdue] == [
        ("Marcus Okafor", "2099-01-15", room.actions[0])
    ]
    assert overdue[0]["item_number"] == invoices["number"]
    numbers = {i["number"] for i in doc["items"]}
    grouped = {n for g in doc["by_goal"] for n in g["items"]} | set(doc["unaligned"])
    assert grouped == numbers
    assert doc["follow_through"] is None
    download = get(client, api(room, ".json"), room.executive)
    assert json.loads(download.text) == doc
    assert download.headers["content-disposition"].startswith("attachment; filename=")


def test_downloads_are_named_files_of_the_right_type(client: TestClient, room: SummaryRoom) -> None:
    stem = "q1-leadership-speed-dating-summary"
    cases = {
        ".md": ("text/markdown", f"{stem}-2099-02-01.md"),
        ".pdf": ("application/pdf", f"{stem}-2099-02-01.pdf"),
        ".ics": ("text/calendar", f"{stem}-2099-02-01.ics"),
        ".csv.zip": ("application/zip", f"{stem}-2099-02-01.zip"),
        ".json": ("application/json", f"{stem}-2099-02-01.json"),
        "/items.csv": ("text/csv", f"{stem}-items-2099-02-01.csv"),
        "/action_items.csv": ("text/csv", f"{stem}-action-items-2099-02-01.csv"),
        "/agenda_topics.csv": ("text/csv", f"{stem}-agenda-topics-2099-02-01.csv"),
    }
    for path, (media_type, name) in cases.items():
        response = get(client, api(room, path), room.executive)
        assert response.headers["content-type"].startswith(media_type), path
        assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    page = get(client, f"/s/{room.session_id}/summary", room.executive).text
    for path in (".pdf", ".md", ".csv.zip", ".json", ".ics"):
        assert f'href="{api(room, path)}"' in page
    missing = client.get(api(room, "/votes.csv"), headers=bearer(room.executive))
    assert missing.status_code in (404, 422)


def test_pdf_is_print_ready_with_the_map_and_the_action_items(
    client: TestClient, room: SummaryRoom
) -> None:
    content = get(client, api(room, ".pdf"), room.executive).content
    reader = PdfReader(io.BytesIO(content))
    assert content.startswith(b"%PDF-")
    assert reader.metadata is not None
    assert reader.metadata.title == ("Executive summary: Q1 leadership speed-dating")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    text = " ".join(pdf_text(content).split())
    for department in ("Finance", "Sales", "Customer Success", "Engineering"):
        assert department in text
    assert "Dependency map" in text
    assert "Most pressing issues" in text
    assert "Add a required billing contact field to deals" in text
    assert "2099-01-15 OVERDUE" in text
    assert "Deals close without billing contacts, so invoices bounce." in text


def test_calendar_has_an_all_day_event_per_due_date(client: TestClient, room: SummaryRoom) -> None:
    text = get(client, api(room, ".ics"), room.executive).text
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20990115" in unfolded
    assert "DTEND;VALUE=DATE:20990116" in unfolded
    assert "SUMMARY:Due: Add a required billing contact field to deals (Marcus Okafor)" in unfolded
    assert f"URL:http://testserver/s/{room.session_id}/summary" in unfolded
    uids = re.findall(r"^UID:(.+)$", unfolded, re.M)
    assert len(uids) == len(set(uids)) == 3


def test_the_map_is_valid_svg_with_every_department_pair_that_has_items(
    client: TestClient, room: SummaryRoom
) -> None:
    doc = get(client, api(room), room.executive).json()
    svg = get(client, api(room, "/map.svg"), room.executive)
    assert svg.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(svg.text)  # noqa: S314 (our own SVG)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title") is not None
    assert root.find(f"{ns}desc") is not None
    shown = {
        (g.get("data-source"), g.get("data-target"))
        for g in root.iter(f"{ns}g")
        if g.get("data-source")
    }
    pairs = {(e["source"], e["target"]) for e in doc["dependencies"]}
    expected = {(item["from_team"], target) for item in doc["items"] for target in item["to_teams"]}
    assert shown == pairs == expected


def test_readers_only_and_a_revoked_executive_link_is_refused(
    client: TestClient, room: SummaryRoom
) -> None:
    participant = room.tokens["Dana Lee"]
    for path in ("", ".md", ".pdf", ".csv.zip", ".ics", "/items.csv", "/map.svg"):
        assert client.get(api(room, path), headers=bearer(participant)).status_code == 403
        assert client.get(api(room, path)).status_code == 401
    assert (
        client.get(f"/s/{room.session_id}/summary", headers=bearer(participant)).status_code == 403
    )
    other = make_session(client)
    assert client.get(api(room), headers=bearer(other.executive)).status_code == 403

    assert client.get(f"/l/{room.executive}").status_code == 200  # the executive's cookie
    links = get(client, f"/api/v1/sessions/{room.session_id}/links", room.facilitator).json()
    link_id = next(x["id"] for x in links if x["role"] == "executive")
    revoke = f"/api/v1/sessions/{room.session_id}/links/{link_id}/revoke"
    assert client.post(revoke, headers=bearer(room.facilitator)).status_code == 200

    assert client.get(api(room), headers=bearer(room.executive)).status_code == 401
    assert client.get(api(room, ".pdf"), headers=bearer(room.executive)).status_code == 401
    assert client.get(f"/s/{room.session_id}/summary").status_code == 401  # cookie revoked too


def test_executive_writes_are_refused(client: TestClient, room: SummaryRoom) -> None:
    exec_auth = bearer(room.executive)
    base = f"/api/v1/sessions/{room.session_id}"
    capture = {
        "id": "x" * 16,
        "from_team": "Sales",
        "to_teams": ["Finance"],
        "what_happens": "An executive trying to add an item to the board.",
        "impact": "low",
        "no_goal": True,
    }
    assert client.post(f"{base}/board/items", json=capture, headers=exec_auth).status_code == 403
    vote = f"{base}/board/items/{room.items['invoices']}/vote"
    assert client.post(vote, json={"id": "v" * 16}, headers=exec_auth).status_code == 403
    assert client.post(api(room), headers=exec_auth).status_code == 405
    assert client.post(f"/s/{room.session_id}/summary", headers=exec_auth).status_code == 405


def test_follow_through_appears_for_the_next_session_of_a_series(
    client: TestClient, room: SummaryRoom
) -> None:
    later = build_summary_room(client, starts_at="2099-04-14T09:00:00")
    series = f"/api/v1/sessions/{room.session_id}/series"
    started = client.put(series, json={"title": "Quarterly"}, headers=bearer(room.facilitator))
    key = started.json()["series"]["key"]
    joined = client.put(
        f"/api/v1/sessions/{later.session_id}/series",
        json={"key": key},
        headers=bearer(later.facilitator),
    )
    assert joined.status_code == 200, joined.text
    summary = f"/api/v1/sessions/{later.session_id}/summary"

    html = get(client, f"/s/{later.session_id}/summary", later.executive).text
    doc = get(client, summary, later.executive).json()
    markdown = get(client, f"{summary}.md", later.executive).text
    pdf = " ".join(pdf_text(get(client, f"{summary}.pdf", later.executive).content).split())

    SummaryDocument.model_validate(doc)
    follow = doc["follow_through"]
    assert follow["previous_title"] == "Q1 leadership speed-dating"
    overdue = [a["what"] for a in follow["overdue"]]
    assert overdue == ["Add a required billing contact field to deals"]
    assert len(follow["still_open"]) == 2
    assert follow["done"] == []
    assert len(follow["recurring"]) >= 1  # the same items came up again
    for text in (html, markdown, pdf):
        assert "Follow-through since Q1 leadership speed-dating" in text
    assert get(client, api(room), room.executive).json()["follow_through"] is None


def test_hostile_text_is_escaped_on_the_page_and_in_the_map(client: TestClient) -> None:
    payload = '<script>alert("x")</script>'
    made = make_session(client, title=f"Title {payload}")
    client.post(
        f"/api/v1/sessions/{made.id}/participants",
        json={"name": f"Eve {payload}", "email": "eve@example.com", "department": f"D {payload}"},
        headers=bearer(made.facilitator),
    )
    client.post(
        f"/api/v1/sessions/{made.id}/participants",
        json={"name": "Kenji 山田 🚀", "email": "kenji@example.com", "department": "営業 Ops"},
        headers=bearer(made.facilitator),
    )
    html = get(client, f"/s/{made.id}/summary", made.executive).text
    svg = get(client, f"/api/v1/sessions/{made.id}/summary/map.svg", made.executive).text
    for text in (html, svg):
        assert payload not in text
        assert "&lt;script&gt;" in text
    assert "営業 Ops" in svg
    ET.fromstring(svg)  # noqa: S314 (our own SVG)
    # Characters the PDF font lacks are left out; the export still works.
    pdf = get(client, f"/api/v1/sessions/{made.id}/summary.pdf", made.executive).content
    assert "Title <script>" in pdf_text(pdf)
    markdown = get(client, f"/api/v1/sessions/{made.id}/summary.md", made.executive).text
    assert "Title \\<script\\>" in markdown


def test_json_schema_is_in_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/api/v1/sessions/{session_id}/summary"]["get"]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/SummaryDocument")
    for path in ("summary.md", "summary.pdf", "summary.ics", "summary.csv.zip"):
        assert f"/api/v1/sessions/{{session_id}}/{path}" in spec["paths"]
    schema = SummaryDocument.model_json_schema()
    written = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    if REGENERATE:
        SCHEMA_FILE.write_text(written, encoding="utf-8")
    assert SCHEMA_FILE.read_text(encoding="utf-8") == written, (
        "docs/summary.schema.json is stale: ROUNDTABLE_REGENERATE_GOLDEN=1 pytest "
        "tests/web/test_summary.py tests/web/test_summary_golden.py"
    )


def test_a_brand_new_session_summarises_to_zeros_in_every_format(client: TestClient) -> None:
    made = make_session(client)
    base = f"/api/v1/sessions/{made.id}/summary"
    doc = get(client, base, made.executive).json()
    assert doc["headline"] == {
        "participants": 0,
        "attended": 0,
        "agendas_submitted": 0,
        "rounds_played": 0,
        "pairs_met": 0,
        "items_captured": 0,
        "items_held": 0,
        "action_items": 0,
        "action_items_overdue": 0,
    }
    html = get(client, f"/s/{made.id}/summary", made.executive).text
    assert "No cross-team items captured yet." in html
    assert "None agreed yet." in html
    assert "_None agreed._" in get(client, f"{base}.md", made.executive).text
    assert "None agreed." in pdf_text(get(client, f"{base}.pdf", made.executive).content)
    assert "BEGIN:VEVENT" not in get(client, f"{base}.ics", made.executive).text
    items = get(client, f"{base}/items.csv", made.executive).text
    assert csv_rows(items) == []
