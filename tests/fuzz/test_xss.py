"""Script-injection payloads in every text a user can enter are shown as text, everywhere.

One session is filled through the API with payloads (``<script>``, an ``onerror`` image, a
``javascript:`` URL, template syntax) in its title, goals, ground rules, participant names,
titles and departments, an agenda, a board item, its reframing and the action item made from
it. Then every page is opened in Chromium as the role that sees it: no dialog may open, no
injected element may exist, the payloads must read literally, and the browser fixture fails the
test on any script error or Content-Security-Policy report. The live board gets a payload while
open (websocket event → DOM), and every export must carry the payloads as data: CSV cells and
.ics text verbatim, Markdown escaped so a renderer shows it as text.

To cover a new page or export, add it to ``PAGES`` or ``EXPORTS``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pytest
from markdown_it import MarkdownIt
from playwright.sync_api import BrowserContext, Dialog, Page, expect

from tests.e2e.server import LiveServer, token_of

pytestmark = pytest.mark.browser

PAYLOADS = (
    '<script>alert("xss-1")</script>',
    '"><img src=x onerror=alert("xss-2")>',
    "javascript:alert('xss-3')",
    "{{7*7}} ${7*7} <b>bold</b>",
)


def evil(label: str, n: int) -> str:
    """A field's value: a readable label (so length rules pass), then payload ``n``."""
    return f"{label} {PAYLOADS[n % len(PAYLOADS)]}"


@dataclass
class Filled:
    """The session with payloads everywhere, and what was entered where."""

    session_id: str
    facilitator: str
    executive: str
    participants: list[tuple[int, str]]  # id, token
    entered: dict[str, str] = field(default_factory=dict)  # field -> value


def api(server: LiveServer, method: str, path: str, token: str, body: Any = None) -> Any:
    response = server.api(method, path, json=body, token=token)
    assert response.status_code < 300, f"{method} {path}: {response.status_code} {response.text}"
    return response.json() if response.content else None


def fill(server: LiveServer) -> Filled:
    """A session whose every user-entered text carries a payload; live, with a board."""
    entered = {
        "title": evil("Title", 0),
        "goal 1": evil("Goal one", 1),
        "goal 2": evil("Goal two", 3),
        "rule": evil("Rule", 2),
    }
    created = server.create_session(
        entered["title"],
        goals=(entered["goal 1"], entered["goal 2"]),
        ground_rules=[entered["rule"], "A facilitator keeps time"],
    )
    sid, fac = created.id, created.facilitator_token
    base = f"/api/v1/sessions/{sid}"
    people = []
    for n in range(4):
        person = {
            "name": evil(f"Person{n}", n),
            "email": f"person{n}@example.com",
            "department": evil(f"Dept{n}", n + 1),
            "title": evil(f"Job{n}", n + 2),
        }
        made = api(server, "POST", base + "/participants", fac, person)
        link = api(
            server,
            "POST",
            base + "/links",
            fac,
            {"role": "participant", "participant_id": made["id"]},
        )
        people.append((made["id"], token_of(link["url"])))
        entered |= {f"{k} {n}": person[k] for k in ("name", "department", "title")}
    goals = [g["id"] for g in api(server, "GET", base + "/goals", fac)]
    agenda = {
        "what_we_do": evil("We run the books and close the month", 0),
        "pressing_issue": evil("Invoices arrive late every month", 1),
        "pressing_ask": evil("Send invoices by day three", 2),
        "pressing_goal_id": goals[0],
        "butterfly_issue": evil("Late invoices push closing work onto the next team", 3),
        "butterfly_targets": [entered["department 1"]],
        "butterfly_cost": evil("Two days of overtime each month", 0),
        "butterfly_next_step": evil("Agree a cut-off date together", 1),
        "butterfly_goal_id": goals[1],
    }
    pid0, token0 = people[0]
    api(server, "POST", f"{base}/agendas/{pid0}/submit", token0, agenda)
    entered |= {f"agenda {k}": v for k, v in agenda.items() if isinstance(v, str)}
    api(server, "POST", base + "/plan", fac, {"rounds": 2})
    api(server, "POST", base + "/live/controls", fac, {"id": "xss-start-1", "kind": "start"})
    item = capture(server, sid, people[1], entered, "board item", n=2)
    flagged = capture(server, sid, people[1], entered, "flagged item", n=3)
    api(server, "POST", f"{base}/board/items/{flagged}/complaint", fac, {"id": "xss-flag-1"})
    reframe = {
        "id": "xss-reframe-1",
        "observation": evil("Last week the handover came on Friday night", 0),
        "impact": evil("We lost a whole day of work", 1),
        "ask": evil("Hand over by Thursday noon", 3),
    }
    api(server, "POST", f"{base}/board/items/{flagged}/reframe", people[1][1], reframe)
    entered |= {f"reframe {k}": v for k, v in reframe.items() if k != "id"}
    del entered["flagged item"]  # a reframed item shows its reframing instead
    action = {
        "id": "xss-action-1",
        "owner": people[2][0],
        "what": evil("Set up a shared handover calendar", 2),
        "due": str(date.today() + timedelta(days=14)),
    }
    api(server, "POST", f"{base}/board/items/{item}/action", fac, action)
    entered["action"] = action["what"]
    return Filled(sid, fac, created.executive_token, people, entered)


def capture(
    server: LiveServer, sid: str, who: tuple[int, str], entered: dict[str, str], key: str, n: int
) -> str:
    """``who`` captures a board item whose text carries payload ``n``; its id."""
    body = {
        "id": f"xss-{key.replace(' ', '-')}-{n}",
        "from_team": entered["department 1"],
        "to_teams": [entered["department 2"]],
        "what_happens": evil(f"Handover {key} comes late so the next team waits", n),
        "impact": "high",
        "no_goal": True,
    }
    board = api(server, "POST", f"/api/v1/sessions/{sid}/board/items", who[1], body)
    entered[key] = body["what_happens"]
    return str(next(i["id"] for i in board["items"] if i["what_happens"] == body["what_happens"]))


@pytest.fixture(scope="module")
def filled(fuzz_server: LiveServer) -> Filled:
    return fill(fuzz_server)


# Pages: (role, path template); {sid} and {pid} (the first participant) are filled in.
PAGES = [
    ("facilitator", "/s/{sid}/facilitate"),
    ("facilitator", "/s/{sid}/facilitate/plan"),
    ("facilitator", "/s/{sid}/facilitate/plan/cards"),
    ("facilitator", "/s/{sid}/facilitate/agendas/{pid}"),
    ("facilitator", "/s/{sid}/facilitate/actions"),
    ("facilitator", "/s/{sid}/console"),
    ("facilitator", "/s/{sid}/screen"),
    ("facilitator", "/s/{sid}/summary"),
    ("participant", "/s/{sid}/me"),
    ("participant", "/s/{sid}/me/actions"),
    ("participant", "/s/{sid}/live"),
    ("executive", "/s/{sid}/summary"),
    ("executive", "/s/{sid}/screen"),
]


def token_for(filled: Filled, role: str) -> str:
    return {
        "facilitator": filled.facilitator,
        "executive": filled.executive,
        "participant": filled.participants[0][1],
    }[role]


def no_injected_markup(page: Page) -> None:
    """Nothing the payloads would create exists: no handler attributes, images or links.

    Payloads may sit in a page's JSON data block (the live snapshot), which must still parse:
    a ``</script>`` breaking out of it would also show up as an injected element here.
    """
    found = page.evaluate(
        """() => ({
          handlers: [...document.querySelectorAll('*')].flatMap(el =>
            [...el.attributes].filter(a => a.name.startsWith('on')).map(a => el.tagName)),
          images: document.querySelectorAll('img[src="x"]').length,
          scripts: [...document.scripts].filter(s => s.textContent.includes('xss-')
            && !(s.type === 'application/json' && JSON.parse(s.textContent))).length,
          jsLinks: document.querySelectorAll('[href^="javascript:" i]').length,
          bold: document.querySelectorAll('b').length,
        })"""
    )
    assert found == {"handlers": [], "images": 0, "scripts": 0, "jsLinks": 0, "bold": 0}


def literal_values(page: Page, entered: dict[str, str]) -> set[str]:
    """The entered fields whose whole value the page shows as text."""
    text = page.locator("body").inner_text()
    flat = re.sub(r"\s+", " ", text)
    return {name for name, value in entered.items() if re.sub(r"\s+", " ", value) in flat}


def test_every_page_shows_the_payloads_as_text(
    fuzz_server: LiveServer, filled: Filled, new_context: Callable[..., BrowserContext]
) -> None:
    dialogs: list[str] = []
    contexts: dict[str, Page] = {}
    shown: set[str] = set()
    for role, template in PAGES:
        if role not in contexts:
            page = new_context(fuzz_server.base_url).new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(f"/l/{token_for(filled, role)}")
            contexts[role] = page
        page = contexts[role]
        path = template.format(sid=filled.session_id, pid=filled.participants[0][0])
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, f"{role} {path}: {response.status}"
        page.wait_for_load_state("networkidle")
        no_injected_markup(page)
        here = literal_values(page, filled.entered)
        assert here, f"{role} {path} shows none of the entered texts literally"
        shown |= here
    assert dialogs == []
    assert set(filled.entered) - shown == set(), "never shown literally on any page"


def test_a_board_item_arriving_live_shows_as_text(
    fuzz_server: LiveServer, filled: Filled, new_context: Callable[..., BrowserContext]
) -> None:
    dialogs: list[Dialog] = []
    page = new_context(fuzz_server.base_url).new_page()
    page.on("dialog", lambda d: (dialogs.append(d), d.dismiss()))
    page.goto(f"/l/{filled.facilitator}")
    page.goto(f"/s/{filled.session_id}/console")
    expect(page.locator("[data-conn-text]")).to_have_text("live")
    entered: dict[str, str] = dict(filled.entered)
    capture(fuzz_server, filled.session_id, filled.participants[3], entered, "live item", n=1)
    expect(page.get_by_text(entered["live item"], exact=False)).to_be_visible()
    no_injected_markup(page)
    assert dialogs == []


def test_websocket_events_carry_the_payloads_as_json_strings(
    fuzz_server: LiveServer, filled: Filled
) -> None:
    from websockets.sync.client import connect

    url = f"ws://127.0.0.1:{fuzz_server.port}/api/v1/sessions/{filled.session_id}/live/ws"
    headers = {"Authorization": f"Bearer {filled.participants[0][1]}"}
    with connect(url + "?since=0", additional_headers=headers) as ws:
        json.loads(ws.recv())
        entered: dict[str, str] = {"department 1": filled.entered["department 1"]}
        entered["department 2"] = filled.entered["department 2"]
        capture(fuzz_server, filled.session_id, filled.participants[2], entered, "ws item", n=0)
        while (frame := json.loads(ws.recv(timeout=5)))["type"] != "board":
            pass
    texts = [item["what_happens"] for item in frame["data"]["items"]]
    assert entered["ws item"] in texts


def csv_cells(text: str) -> set[str]:
    return {cell for row in csv.reader(io.StringIO(text)) for cell in row}


def ics_text(text: str) -> str:
    """Unfolded, unescaped .ics content (RFC 5545)."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    return re.sub(r"\\([\\;,])", r"\1", unfolded.replace("\\n", "\n").replace("\\N", "\n"))


def markdown_shows_text(text: str) -> str:
    """The Markdown as a CommonMark renderer (with raw HTML enabled) turns it into HTML."""
    html = MarkdownIt("commonmark").render(text)
    for tag in ("<script", "<img", "<b>", 'href="javascript:'):
        assert tag not in html.lower(), f"{tag} survived into the rendered Markdown"
    return (
        re.sub(r"<[^>]+>", "", html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )


def zip_cells(content: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {c for name in archive.namelist() for c in csv_cells(archive.read(name).decode())}


# Exports: (role, path template, how to read it as the text a user sees, fields it must hold).
EXPORTS: list[tuple[str, str, Callable[[bytes], Any], tuple[str, ...]]] = [
    ("facilitator", "/plan/export.csv", lambda b: csv_cells(b.decode()), ("name 0", "name 3")),
    ("facilitator", "/participants/{pid}/invite.ics", lambda b: ics_text(b.decode()), ("title",)),
    (
        "executive",
        "/summary.md",
        lambda b: markdown_shows_text(b.decode()),
        ("title", "board item", "action"),
    ),
    ("executive", "/summary.csv.zip", zip_cells, ("board item", "action", "department 1")),
    ("executive", "/summary.ics", lambda b: ics_text(b.decode()), ("action",)),
    ("executive", "/summary.json", lambda b: json.dumps(json.loads(b)), ()),
]


@pytest.mark.parametrize(("role", "template", "read", "fields"), EXPORTS)
def test_exports_carry_the_payloads_as_data(
    fuzz_server: LiveServer,
    filled: Filled,
    role: str,
    template: str,
    read: Callable[[bytes], Any],
    fields: tuple[str, ...],
) -> None:
    path = f"/api/v1/sessions/{filled.session_id}" + template.format(pid=filled.participants[0][0])
    response = fuzz_server.api("GET", path, token=token_for(filled, role))
    assert response.status_code == 200, response.text
    seen = read(response.content)
    for name in fields:
        value = filled.entered[name]
        if isinstance(seen, set):
            assert any(value in cell for cell in seen), f"{name} not verbatim in {path}"
        else:
            assert value in seen, f"{name} not shown literally by {path}"
