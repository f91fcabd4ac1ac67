"""Prep coverage and agreed next steps per round show the same counts in every summary format
(page, JSON, Markdown, CSV, PDF) as ``GET /summary/preparation`` — and never a card's text.

A scripted session of four, three rounds of two pairs (four meetings a round, each side counted):
Dana prepares for Marcus and agrees a next step with him in the round they meet; Marcus only notes
what he can offer Dana (no value proposition, no ask: not prepared); Tom agrees a next step with
the person he meets in round 1 without preparing.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import bearer, make_session
from tests.web.test_api_itinerary import planned
from tests.web.test_summary import csv_rows, get

PREP_SECRET = "Private prep text never in any export"
AGREED_SECRET = "Private agreement text never in any export"


def pdftotext(content: bytes) -> str:
    """The PDF's text as a reader copies it (poppler's pdftotext, which .ci/run installs)."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is required when CI=true")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def scripted(client: TestClient) -> tuple[str, str, dict[int, dict[str, int]]]:
    """The session id, the executive token, and the counts the scenario must produce."""
    made, people, tokens = planned(client)
    base = f"/api/v1/sessions/{made.id}"
    plan = get(client, f"{base}/plan", made.facilitator).json()
    round_of = {frozenset(g["members"]): r["number"] for r in plan["rounds"] for g in r["groups"]}
    dana, marcus, tom = people[0]["id"], people[1]["id"], people[3]["id"]
    met = round_of[frozenset((dana, marcus))]
    tom_meets = next(
        other["id"]
        for other in people
        if other["id"] != tom and round_of.get(frozenset((tom, other["id"]))) == 1
    )

    def put(token: str, path: str, body: dict[str, Any]) -> None:
        response = client.put(f"{base}{path}", json=body, headers=bearer(token))
        assert response.status_code == 200, response.text

    put(tokens[0], f"/me/prep/{marcus}", {"for_them": PREP_SECRET})
    put(tokens[1], f"/me/prep/{dana}", {"my_offer": "A weekly credit review slot"})
    put(tokens[0], f"/me/follow-ups/{marcus}", {"text": AGREED_SECRET, "round_no": met})
    put(tokens[3], f"/me/follow-ups/{tom_meets}", {"text": "Release notes weekly", "round_no": 1})
    expected = {n: {"planned": 4, "prepared": 0, "agreed": 0} for n in (1, 2, 3)}
    expected[met]["prepared"] += 1  # Dana's card; Marcus's offer alone does not count
    expected[met]["agreed"] += 1
    expected[1]["agreed"] += 1
    return made.id, made.executive, expected


def test_every_format_shows_the_same_prep_coverage_and_agreed_next_steps_per_round(
    client: TestClient,
) -> None:
    session_id, executive, expected = scripted(client)
    api = f"/api/v1/sessions/{session_id}/summary"

    reference = {
        r["round"]: {
            "planned": r["meetings_planned"],
            "prepared": r["meetings_prepared"],
            "agreed": r["agreed_next_steps"],
        }
        for r in get(client, f"{api}/preparation", executive).json()
    }
    assert reference == expected

    doc = get(client, api, executive).json()
    json_rows = {
        r["round"]: {
            "planned": r["meetings_planned"],
            "prepared": r["meetings_prepared"],
            "agreed": r["agreed_next_steps"],
        }
        for r in doc["preparation"]
    }
    assert json_rows == expected

    markdown = get(client, f"{api}.md", executive).text
    assert "## Preparation and agreed next steps" in markdown
    md_rows = {
        int(n): {"planned": int(planned), "prepared": int(prepared), "agreed": int(agreed)}
        for n, prepared, planned, agreed in re.findall(
            r"^\| (\d) \| (\d+) of (\d+) \| (\d+) \|$", markdown, re.M
        )
    }
    assert md_rows == expected

    table = get(client, f"{api}/preparation.csv", executive).text
    csv_values = {
        int(r["round"]): {
            "planned": int(r["meetings_planned"]),
            "prepared": int(r["meetings_prepared"]),
            "agreed": int(r["agreed_next_steps"]),
        }
        for r in csv_rows(table)
    }
    assert csv_values == expected
    archive = zipfile.ZipFile(io.BytesIO(get(client, f"{api}.csv.zip", executive).content))
    zipped = next(n for n in archive.namelist() if "-preparation-" in n)
    assert csv_rows(archive.read(zipped).decode()) == csv_rows(table)

    pdf = pdftotext(get(client, f"{api}.pdf", executive).content)
    assert "Preparation and agreed next steps" in pdf
    pdf_rows = {
        int(n): {"planned": int(planned), "prepared": int(prepared), "agreed": int(agreed)}
        for n, prepared, planned, agreed in re.findall(
            r"^\s*(\d)\s+(\d+) of (\d+)\s+(\d+)\s*$", pdf, re.M
        )
    }
    assert pdf_rows == expected

    html = get(client, f"/s/{session_id}/summary", executive).text
    page_rows = {
        int(n): {"planned": int(planned), "prepared": int(prepared), "agreed": int(agreed)}
        for n, prepared, planned, agreed in re.findall(
            r'<th scope="row">(\d)</th><td>(\d+) of (\d+)</td><td>(\d+)</td>', html
        )
    }
    assert page_rows == expected

    for text in (str(doc), markdown, table, pdf, html):
        assert PREP_SECRET not in text
        assert AGREED_SECRET not in text


def test_without_a_plan_every_format_says_so(client: TestClient) -> None:
    made = make_session(client)
    api = f"/api/v1/sessions/{made.id}/summary"

    assert get(client, api, made.executive).json()["preparation"] == []
    assert "_No rotation plan yet._" in get(client, f"{api}.md", made.executive).text
    assert csv_rows(get(client, f"{api}/preparation.csv", made.executive).text) == []
    assert "No rotation plan yet." in pdftotext(get(client, f"{api}.pdf", made.executive).content)
