"""The live views: console, participant view and big screen render for the right roles only."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

from fastapi.testclient import TestClient

from tests.factories import MadeSession, add_person, bearer, invite, make_session
from tests.support.csrf import csrf_of

PEOPLE = [
    ("Dana Lee", "Finance"),
    ("Marcus Okafor", "Sales"),
    ("Priya Raman", "Product"),
    ("Tom Becker", "Engineering"),
    ("Aisha Khan", "Customer Success"),
]


@dataclass(frozen=True)
class Room:
    made: MadeSession
    tokens: dict[str, str]  # participant name -> raw link token


def planned_room(client: TestClient, rounds: int = 3) -> Room:
    made = make_session(client)
    tokens = {}
    for name, dept in PEOPLE:
        person = add_person(client, made, name, dept)
        tokens[name] = invite(client, made, person["id"])
    response = client.post(
        f"/api/v1/sessions/{made.id}/plan",
        json={"rounds": rounds},
        headers=bearer(made.facilitator),
    )
    assert response.status_code in (200, 201), response.text
    return Room(made, tokens)


def embedded_snapshot(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="live-data">(.*?)</script>', html, re.S)
    assert found, "the page carries no clock snapshot"
    data: dict[str, object] = json.loads(found.group(1))
    return data


def test_console_renders_for_the_facilitator_with_controls_and_every_round(
    client: TestClient,
) -> None:
    room = planned_room(client)
    page = client.get(f"/s/{room.made.id}/console", headers=bearer(room.made.facilitator))
    assert page.status_code == 200
    html = page.text
    for kind in ("start", "pause", "resume", "extend", "shorten", "skip", "skip_round", "back"):
        assert f'data-control="{kind}"' in html
    assert 'data-control="end" data-confirm=' in html
    # Before the start the first round's tables are already on show (as static/live/ shows them).
    assert len(re.findall(r'class="live-tables" data-round="\d+" hidden', html)) == 2
    assert 'class="live-tables" data-round="1">' in html
    assert 'role="timer"' in html
    assert "aria-live" not in html.split('role="timer"')[1][:80]
    snapshot = embedded_snapshot(html)
    assert snapshot["clock"]["status"] == "not_started"  # type: ignore[index]
    assert snapshot["show"]  # the run of show travels with the page
    entry = r'<script type="module" src="/static/m/[0-9a-f]{12}/live/main\.js"></script>'
    assert re.search(entry, html)


def test_participant_view_shows_their_table_partner_and_agenda_for_each_round(
    client: TestClient,
) -> None:
    room = planned_room(client)
    client.get(f"/l/{room.tokens['Dana Lee']}")  # the cookie, as a browser would have it
    page = client.get(f"/s/{room.made.id}/live")
    assert page.status_code == 200
    html = page.text
    blocks = re.findall(r'<section class="my-round" data-round="(\d+)"', html)
    assert blocks == ["1", "2", "3"]
    # Five people in pairs: each round has a table for Dana or tells her she sits out.
    headlines = re.findall(r'class="my-where">(.*?)</h2>', html, re.S)
    assert len(headlines) == 3
    for line in headlines:
        text = " ".join(line.split())
        assert re.match(r"Round \d of 3 · (Table \S+ · with .+, .+|You sit this round out)", text)
    assert "What we do" in html
    assert "Most pressing issue" in html


def test_big_screen_is_for_facilitator_and_executive(client: TestClient) -> None:
    room = planned_room(client)
    for token in (room.made.facilitator, room.made.executive):
        page = client.get(f"/s/{room.made.id}/screen", headers=bearer(token))
        assert page.status_code == 200
        assert "Ground rules" in page.text
        assert "Cut onboarding time in half" in page.text
        # Painted as static/screen/ will show it: the welcome scene, round 1's tables ready.
        assert len(re.findall(r'class="live-tables" data-round="\d+" hidden', page.text)) == 2
        assert 'class="live-tables" data-round="1">' in page.text
        assert 'data-scene="welcome"' in page.text
        assert re.search(
            r'<section class="screen-welcome" data-fit="0" data-part="welcome" ', page.text
        )
        assert 'data-part="tables" hidden' in page.text
        assert clock_text(page.text, "data-screen-next") == "Next: welcome"
        assert "data-control" not in page.text  # no controls on the big screen


def test_wrong_roles_are_refused(client: TestClient) -> None:
    room = planned_room(client)
    sid = room.made.id
    participant = bearer(room.tokens["Tom Becker"])
    assert client.get(f"/s/{sid}/console", headers=participant).status_code == 403
    assert client.get(f"/s/{sid}/screen", headers=participant).status_code == 403
    executive = bearer(room.made.executive)
    assert client.get(f"/s/{sid}/console", headers=executive).status_code == 403
    assert client.get(f"/s/{sid}/live", headers=executive).status_code == 403
    assert client.get(f"/s/{sid}/live", headers=bearer(room.made.facilitator)).status_code == 403
    for path in ("console", "live", "screen"):
        assert client.get(f"/s/{sid}/{path}").status_code == 401


def test_pages_work_before_there_is_a_plan(client: TestClient) -> None:
    made = make_session(client)
    person = add_person(client, made)
    token = invite(client, made, person["id"])
    console = client.get(f"/s/{made.id}/console", headers=bearer(made.facilitator))
    assert console.status_code == 200
    assert "There is no rotation plan yet" in console.text
    mine = client.get(f"/s/{made.id}/live", headers=bearer(token))
    assert mine.status_code == 200
    assert "The rotation plan is not ready yet" in mine.text


def test_links_lead_to_the_live_views(client: TestClient) -> None:
    room = planned_room(client)
    sid = room.made.id
    facilitate = client.get(f"/s/{sid}/facilitate", headers=bearer(room.made.facilitator)).text
    assert f'href="/s/{sid}/console"' in facilitate
    assert f'href="/s/{sid}/screen"' in facilitate
    home = client.get(f"/s/{sid}/me", headers=bearer(room.tokens["Dana Lee"])).text
    assert f'href="/s/{sid}/live"' in home


def test_console_marks_someone_absent_and_replans_the_rest(client: TestClient) -> None:
    from tests.factories import add_person, bearer, make_session

    made = make_session(client)
    people = [add_person(client, made, f"Person {i}", f"Dept {i}") for i in range(6)]
    client.post(
        f"/api/v1/sessions/{made.id}/plan", json={"rounds": 3}, headers=bearer(made.facilitator)
    )
    client.get(f"/l/{made.facilitator}")
    leaver = people[0]["id"]
    response = client.post(
        f"/s/{made.id}/console/attendance/{leaver}",
        data={"csrf_token": csrf_of(client), "status": "absent"},
    )
    assert response.status_code == 200
    assert "Re-planned the rounds not yet started." in response.text
    plan = client.get(f"/api/v1/sessions/{made.id}/plan", headers=bearer(made.facilitator)).json()
    assert plan["version"] == 2
    assert all(leaver not in [m for g in r["groups"] for m in g["members"]] for r in plan["rounds"])


def embedded_board(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="board-data">(.*?)</script>', html, re.S)
    assert found, "the page carries no capture board"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def capture_item(client: TestClient, room: Room, who: str, **fields: Any) -> None:
    body = {
        "id": fields.pop("id"),
        "from_team": "Finance",
        "to_teams": ["Sales"],
        "what_happens": "Invoices go out late and Sales cannot close deals",
        "impact": "medium",
        "no_goal": True,
        **fields,
    }
    response = client.post(
        f"/api/v1/sessions/{room.made.id}/board/items",
        json=body,
        headers=bearer(room.tokens[who]),
    )
    assert response.status_code == 201, response.text


def test_participant_view_has_the_capture_form_and_the_board(client: TestClient) -> None:
    room = planned_room(client)
    page = client.get(f"/s/{room.made.id}/live", headers=bearer(room.tokens["Dana Lee"]))
    assert page.status_code == 200
    html = page.text
    assert "data-capture-form" in html
    assert (
        '<option value="Finance" selected dir="auto">Finance</option>' in html
    )  # Dana's own department
    for dept in ("Sales", "Product", "Engineering", "Customer Success"):
        assert f'name="to_teams" value="{dept}"' in html
    capture_form = html.split("data-capture-form", 1)[1].split("</form>", 1)[0]
    assert len(re.findall(r'name="impact" value="(low|medium|high|critical)"', capture_form)) == 4
    assert '<option value="none">No goal fits</option>' in html
    assert '<option value="Dana Lee" dir="auto">' not in html  # "with" lists the others only
    assert '<option value="Tom Becker" dir="auto">' in html
    # The phone's modules load after its first paint (#24): static/shared/boot.js reads what
    # to preload and import from the page; nothing competes with the stylesheets before.
    boot = r'<script type="module" src="/static/m/[0-9a-f]{12}/shared/boot\.js"></script>'
    assert re.search(boot, html)
    assert 'rel="modulepreload"' not in html
    assert 'board/main.js"></script>' not in html
    assert 'live/main.js"></script>' not in html
    spec = json.loads(html.split('id="module-boot">', 1)[1].split("</script>", 1)[0])
    assert re.fullmatch(r"/static/m/[0-9a-f]{12}/live/participant_entry\.js", spec["entry"])
    for module in (
        "live/main.js",
        "board/main.js",
        "board/store.js",
        "board/capture.js",
        "shared/live_socket.js",
        "live/clock.js",
    ):
        assert any(
            re.fullmatch(rf"/static/m/[0-9a-f]{{12}}/{module}", u) for u in spec["preload"]
        ), module
    # The meeting first (#18): capture opens in a sheet over the page, the board is its own tab.
    sheet = html.split('<dialog class="capture-sheet"', 1)[1].split("</dialog>", 1)[0]
    assert "data-capture-form" in sheet
    assert 'aria-labelledby="capture-h"' in html.split("<dialog", 1)[1].split(">", 1)[0]
    assert 'aria-controls="capture-sheet"' in html
    tabs = re.findall(r'role="tab" id="(tab-\w+)" aria-controls="(panel-\w+)"', html)
    assert tabs == [("tab-meeting", "panel-meeting"), ("tab-board", "panel-board")]
    board_panel = re.search(r'<div [^>]*id="panel-board"[^>]*>', html)
    assert board_panel is not None
    assert " hidden" in board_panel.group(0)  # the meeting tab is selected first
    meeting = html.split('id="panel-meeting"', 1)[1].split('id="panel-board"', 1)[0]
    assert "data-board-list" not in meeting
    assert "meeting-first" in meeting
    board = embedded_board(html)
    assert board["items"] == []
    assert board["locked"] is False


def test_every_live_view_embeds_the_board_in_board_order(client: TestClient) -> None:
    room = planned_room(client)
    capture_item(client, room, "Dana Lee", id="item-low-0001", impact="low")
    capture_item(
        client,
        room,
        "Marcus Okafor",
        id="item-crit-0001",
        from_team="Sales",
        to_teams=["Product"],
        what_happens="Promises <script>alert(1)</script> land on Product unplanned",
        impact="critical",
    )
    views = {
        "console": bearer(room.made.facilitator),
        "screen": bearer(room.made.executive),
        "live": bearer(room.tokens["Tom Becker"]),
    }
    for path, headers in views.items():
        html = client.get(f"/s/{room.made.id}/{path}", headers=headers).text
        board = embedded_board(html)
        assert [i["id"] for i in board["items"]] == ["item-crit-0001", "item-low-0001"]
        assert board["items"][0]["votes"] == 0
        assert "<script>alert(1)" not in html  # user text is JSON-escaped, never markup
        assert f'data-board-view="{"participant" if path == "live" else path}"' in html
    screen = client.get(f"/s/{room.made.id}/screen", headers=views["screen"]).text
    assert "data-heat" in screen
    heat = embedded_board(screen)
    sales = heat["departments"].index("Sales")
    product = heat["departments"].index("Product")
    assert heat["heat_weights"][sales][product] == 5
    console = client.get(f"/s/{room.made.id}/console", headers=views["console"]).text
    assert "data-capture-form" not in console
    assert "data-board-problem" in console


def control(client: TestClient, room: Room, kind: str) -> dict[str, Any]:
    response = client.post(
        f"/api/v1/sessions/{room.made.id}/live/controls",
        json={"id": uuid.uuid4().hex, "kind": kind},
        headers=bearer(room.made.facilitator),
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def shown_rounds(html: str, cls: str) -> list[str]:
    """The data-round of the ``cls`` blocks the page renders without ``hidden``."""
    tags = re.findall(rf'<\w+ class="{cls}"[^>]*>', html)
    return [re.search(r'data-round="(\d+)"', t).group(1) for t in tags if " hidden" not in t]  # type: ignore[union-attr]


def clock_text(html: str, attr: str) -> str:
    found = re.search(rf"<[^>]*{attr}[^>]*>([^<]*)<", html)
    assert found, attr
    return found.group(1)


def test_participant_page_renders_the_current_round_at_first_paint(client: TestClient) -> None:
    """Issue #24: the round on show, its agenda and the clock are in the HTML, not added by
    static/live/ after the first paint (a layout shift of 0.47 on a phone)."""
    room = planned_room(client)
    url = f"/s/{room.made.id}/live"
    me = bearer(room.tokens["Dana Lee"])

    html = client.get(url, headers=me).text  # not started: round 1 is coming
    show: list[dict[str, Any]] = embedded_snapshot(html)["show"]  # type: ignore[assignment]
    assert shown_rounds(html, "my-round") == ["1"]
    assert 'data-status="not_started" data-phase="not_started"' in html
    assert clock_text(html, "data-segment-label") == "Not started yet"
    assert clock_text(html, "data-round-text") == "Round 1 of 3"
    assert clock_text(html, "data-status-text") == "Not started"
    assert re.fullmatch(r"\d+:\d\d", clock_text(html, "data-countdown"))
    assert "Loading the clock" not in html

    control(client, room, "start")
    control(client, room, "pause")  # a paused clock shows a fixed countdown
    clock = control(client, room, "skip")["clock"]  # welcome -> round 1, topic 1, speaker A
    assert show[clock["segment_index"]]["kind"] == "topic"
    assert clock["round"] == 1
    html = client.get(url, headers=me).text
    assert shown_rounds(html, "my-round") == ["1"]
    assert set(shown_rounds(html, "my-agendas meeting-first")) <= {"1"}
    assert 'data-phase="topic"' in html
    assert clock_text(html, "data-segment-label") == show[clock["segment_index"]]["label"]
    assert clock_text(html, "data-status-text") == "Paused"
    seconds = -(-clock["remaining_ms"] // 1000)
    assert clock_text(html, "data-countdown") == f"{seconds // 60}:{seconds % 60:02d}"
    if shown_rounds(html, "my-agendas meeting-first"):  # Dana talks in round 1
        assert '<div data-topic="1" class="current">' in html
        note = re.search(r'<p class="live-speaker" data-speaker-text>([^<]+)</p>', html)
        assert note
        assert note.group(1).endswith(("speaks now.", "Your turn to speak."))

    while show[clock["segment_index"]]["kind"] != "changeover":  # on to the first changeover
        clock = control(client, room, "skip")["clock"]
    html = client.get(url, headers=me).text
    assert shown_rounds(html, "my-round") == ["2"]  # the next round's table, to move to
    assert clock_text(html, "data-round-text") == "Coming up: round 2 of 3"
    assert 'data-phase="changeover"' in html
    assert re.search(r'<p class="live-speaker" data-speaker-text hidden></p>', html)
    board_panel = re.search(r'<div [^>]*id="panel-board"[^>]*>', html)
    assert board_panel
    assert " hidden" in board_panel.group(0)

    control(client, room, "end")
    html = client.get(url, headers=me).text
    assert shown_rounds(html, "my-round") == []
    assert 'data-status="ended" data-phase="ended" data-tab="board"' in html
    assert clock_text(html, "data-segment-label") == "Session ended"
    board_panel = re.search(r'<div [^>]*id="panel-board"[^>]*>', html)
    meeting_panel = re.search(r'<div [^>]*id="panel-meeting"[^>]*>', html)
    assert board_panel
    assert " hidden" not in board_panel.group(0)
    assert meeting_panel
    assert " hidden" in meeting_panel.group(0)
    assert 'id="tab-board" aria-controls="panel-board" aria-selected="true"' in html
    assert re.search(r'<p class="hint" data-no-round hidden>', html)


def test_big_screen_renders_the_scene_of_the_moment(client: TestClient) -> None:
    """Issue #24: the big screen's first paint is the scene static/screen/ picks (talk, move)."""
    room = planned_room(client)
    url = f"/s/{room.made.id}/screen"
    viewer = bearer(room.made.executive)
    control(client, room, "start")
    control(client, room, "pause")
    control(client, room, "skip")  # round 1, topic 1, speaker A
    html = client.get(url, headers=viewer).text
    assert 'data-scene="talk" data-status="paused"' in html
    for part in ("welcome", "move", "board", "message", "end"):
        assert re.search(rf'data-part="{part}" hidden', html), part
    for part in ("clock", "tables"):
        assert not re.search(rf'data-part="{part}" hidden', html), part
    assert shown_rounds(html, "live-tables") == ["1"]
    assert clock_text(html, "data-segment-label") == "Round 1 · Topic 1: What we do"
    assert clock_text(html, "data-screen-next") == "Next: topic 1 of 3: What we do, next speaker"
    assert '<span class="person speaking" dir="auto" data-slot="0">' in html
    show: list[dict[str, Any]] = embedded_snapshot(html)["show"]  # type: ignore[assignment]
    clock = control(client, room, "skip")["clock"]
    while show[clock["segment_index"]]["kind"] != "changeover":
        clock = control(client, room, "skip")["clock"]
    html = client.get(url, headers=viewer).text
    assert 'data-scene="move"' in html
    assert shown_rounds(html, "live-tables") == ["2"]
    assert not re.search(r'data-part="move" hidden', html)
    assert "speaking" not in html.split('data-part="tables"', 1)[1].split("</section>", 1)[
        0
    ].replace('<span class="speaks" hidden> · speaking</span>', "")
