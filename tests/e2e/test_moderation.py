"""Moderation against a real server: a held complaint reaches only its author and the facilitator.

With default settings (``hold_flagged``) a complaint-style capture is answered to its author and
shown to the facilitator, and is absent from everything anybody else gets: another participant's
``GET …/board`` and websocket frames (live and replayed after a reconnect), the big screen's
socket, the executive's board, summary JSON and every export. Reframed or approved, it reaches
everyone. The same for a flagged agenda item seeded at start. After End a capture gets 409 and
is stored nowhere.
"""

from __future__ import annotations

import asyncio
import io
import json
import uuid
import zipfile
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

from tests.e2e.rooms import planned_room
from tests.e2e.server import CreatedSession, LiveServer
from tests.support.aio import run_async

RANT = "Sales keeps throwing garbage deals over the wall and never listens"
AGENDA_RANT = "Engineering is lazy and always breaks everything, it's their fault."
CALM = "Finance invoices reach Sales three days after close, so renewals slip a week."
EXPORTS = (
    "summary.md",
    "summary/items.csv",
    "summary/agenda_topics.csv",
    "summary/map.svg",
)


class Socket:
    """A live websocket that keeps every frame it receives."""

    def __init__(self, server: LiveServer, sid: str, token: str, query: str = "") -> None:
        self.url = f"ws://127.0.0.1:{server.port}/api/v1/sessions/{sid}/live/ws?since=0{query}"
        self.token = token
        self.frames: list[str] = []
        self.ws: ClientConnection | None = None
        self.task: asyncio.Task[None] | None = None

    async def open(self, since: int = 0) -> Socket:
        url = self.url.replace("since=0", f"since={since}")
        self.ws = await connect(url, additional_headers={"Authorization": f"Bearer {self.token}"})
        self.task = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        assert self.ws is not None
        async for frame in self.ws:
            self.frames.append(str(frame))

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.task is not None:
            await asyncio.wait({self.task}, timeout=5)

    def board_events(self) -> list[dict[str, Any]]:
        events = [json.loads(f) for f in self.frames]
        return [e for e in events if e.get("type") == "board"]

    def text(self) -> str:
        return "\n".join(self.frames)


async def settle(*sockets: Socket, seq: int) -> None:
    """Wait until every socket has received the event ``seq``."""
    for _ in range(200):
        if all(any(e["seq"] >= seq for e in s.board_events()) for s in sockets):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"not every socket received event {seq}")


def api(
    http: httpx.AsyncClient, token: str, method: str, path: str, **kw: Any
) -> Any:  # returns the coroutine
    return http.request(method, path, headers={"Authorization": f"Bearer {token}"}, **kw)


def item_body(text: str, from_team: str = "Finance", to: str = "Sales") -> dict[str, Any]:
    return {
        "id": uuid.uuid4().hex,
        "from_team": from_team,
        "to_teams": [to],
        "what_happens": text,
        "impact": "high",
        "no_goal": True,
    }


async def board_ids(http: httpx.AsyncClient, token: str, sid: str, query: str = "") -> set[str]:
    response = await api(http, token, "GET", f"/api/v1/sessions/{sid}/board{query}")
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


async def executive_sees(http: httpx.AsyncClient, session: CreatedSession) -> str:
    """Everything the executive can read of the summary: JSON and every export, as text."""
    token, base = session.executive_token, f"/api/v1/sessions/{session.id}"
    texts = []
    summary = await api(http, token, "GET", f"{base}/summary")
    assert summary.status_code == 200, summary.text
    texts.append(summary.text)
    for name in EXPORTS:
        response = await api(http, token, "GET", f"{base}/{name}")
        assert response.status_code == 200, (name, response.text)
        texts.append(response.text)
    archive = await api(http, token, "GET", f"{base}/summary.csv.zip")
    with zipfile.ZipFile(io.BytesIO(archive.content)) as z:
        texts += [z.read(n).decode() for n in z.namelist()]
    page = await http.get(f"/s/{session.id}/summary", headers={"Authorization": f"Bearer {token}"})
    texts.append(page.text)
    return "\n".join(texts)


def test_a_held_capture_reaches_only_its_author_and_the_facilitator(
    live_server: LiveServer,
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    session, author, other = room.session, room.people[0], room.people[1]
    sid = session.id

    async def scenario() -> None:
        async with httpx.AsyncClient(base_url=live_server.base_url, timeout=20) as http:
            mine = await Socket(live_server, sid, author.token).open()
            theirs = await Socket(live_server, sid, other.token).open()
            facilitator = await Socket(live_server, sid, session.facilitator_token).open()
            screen = await Socket(live_server, sid, session.facilitator_token, "&view=room").open()
            executive = await Socket(live_server, sid, session.executive_token).open()
            room_sockets = (theirs, screen, executive)

            answer = await api(
                http, author.token, "POST", f"/api/v1/sessions/{sid}/board/items",
                json=item_body(RANT),
            )  # fmt: skip
            assert answer.status_code == 201, answer.text
            held = next(i for i in answer.json()["items"] if i["what_happens"] == RANT)
            assert held["held"] is True
            assert held["complaint"]["reasons"]
            assert held["complaint"]["suggestion"]
            seq = answer.json()["seq"]
            await settle(mine, theirs, facilitator, screen, executive, seq=seq)

            # The author and the facilitator see it; nobody else, by any path.
            assert held["id"] in await board_ids(http, author.token, sid)
            assert held["id"] in await board_ids(http, session.facilitator_token, sid)
            assert held["id"] not in await board_ids(http, other.token, sid)
            assert held["id"] not in await board_ids(http, session.executive_token, sid)
            assert held["id"] not in await board_ids(
                http, session.facilitator_token, sid, "?view=room"
            )
            for socket in room_sockets:
                assert RANT not in socket.text()
                assert held["id"] not in socket.text()
            assert RANT in mine.text()
            assert RANT in facilitator.text()
            facilitator_board = await api(
                http, session.facilitator_token, "GET", f"/api/v1/sessions/{sid}/board"
            )
            assert facilitator_board.json()["held_count"] == 1
            seen = await executive_sees(http, session)
            assert RANT not in seen
            summary = await api(
                http, session.executive_token, "GET", f"/api/v1/sessions/{sid}/summary"
            )
            assert summary.json()["headline"]["items_held"] == 1

            # A reconnect replays the missed events: still nothing held for the other phone.
            again = await Socket(live_server, sid, other.token).open(since=1)
            await settle(again, seq=seq)
            assert RANT not in again.text()
            await again.close()

            # The author reframes it: now everyone sees the new text.
            reframed = await api(
                http, author.token, "POST",
                f"/api/v1/sessions/{sid}/board/items/{held['id']}/reframe",
                json={
                    "id": uuid.uuid4().hex,
                    "observation": "Three deals last month reached Finance without signed terms",
                    "impact": "We spent two days chasing contracts",
                    "ask": "Could Sales attach signed terms before handing a deal over?",
                },
            )  # fmt: skip
            assert reframed.status_code == 200, reframed.text
            await settle(*room_sockets, seq=reframed.json()["seq"])
            assert held["id"] in await board_ids(http, other.token, sid)
            assert held["id"] in await board_ids(http, session.executive_token, sid)
            for socket in room_sockets:
                assert (
                    "signed terms" in socket.board_events()[-1]["data"]["items"][0]["what_happens"]
                )
                assert RANT not in socket.text()
            summary = await api(
                http, session.executive_token, "GET", f"/api/v1/sessions/{sid}/summary"
            )
            assert summary.json()["headline"]["items_held"] == 0

            # A second complaint, approved by the facilitator as it stands.
            second = await api(
                http, author.token, "POST", f"/api/v1/sessions/{sid}/board/items",
                json=item_body("Sales is lazy and useless and always ignores us"),
            )  # fmt: skip
            second_id = next(i["id"] for i in second.json()["items"] if i["held"])
            assert second_id not in await board_ids(http, other.token, sid)
            approved = await api(
                http, session.facilitator_token, "POST",
                f"/api/v1/sessions/{sid}/board/items/{second_id}/approve",
                json={"id": uuid.uuid4().hex},
            )  # fmt: skip
            assert approved.status_code == 200, approved.text
            await settle(theirs, seq=approved.json()["seq"])
            assert second_id in await board_ids(http, other.token, sid)
            assert any(i["id"] == second_id for i in theirs.board_events()[-1]["data"]["items"])
            for socket in (mine, theirs, facilitator, screen, executive):
                await socket.close()

    run_async(scenario())


def test_a_flagged_agenda_item_is_seeded_held_and_a_capture_after_end_is_refused(
    live_server: LiveServer,
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    session, author, other = room.session, room.people[0], room.people[1]
    sid = session.id
    for person, issue in ((author, AGENDA_RANT), (other, CALM)):
        agenda = {
            "what_we_do": "We run the numbers for every team in the company.",
            "pressing_issue": "Month-end close takes nine days instead of five.",
            "pressing_ask": "Could we agree on a shared close calendar?",
            "pressing_no_goal": True,
            "butterfly_issue": issue,
            "butterfly_targets": ["Engineering" if person is author else "Product"],
            "butterfly_cost": "two days a month",
            "butterfly_next_step": "Agree on one handover checklist.",
            "butterfly_no_goal": True,
        }
        response = live_server.api(
            "POST", f"/api/v1/sessions/{sid}/agendas/{person.id}/submit",
            json=agenda, token=person.token,
        )  # fmt: skip
        assert response.status_code == 200, response.text
    started = live_server.api(
        "POST", f"/api/v1/sessions/{sid}/live/controls",
        json={"id": uuid.uuid4().hex, "kind": "start"}, token=session.facilitator_token,
    )  # fmt: skip
    assert started.status_code == 200, started.text

    def ids(token: str, query: str = "") -> set[str]:
        response = live_server.api("GET", f"/api/v1/sessions/{sid}/board{query}", token=token)
        return {item["id"] for item in response.json()["items"]}

    held = f"agenda-{author.id}"
    assert held in ids(author.token)
    assert held in ids(session.facilitator_token)
    assert held not in ids(other.token)
    assert held not in ids(session.executive_token)
    assert f"agenda-{other.id}" in ids(other.token)
    summary = live_server.api(
        "GET", f"/api/v1/sessions/{sid}/summary.md", token=session.executive_token
    )
    assert "Engineering is lazy" not in summary.text

    ended = live_server.api(
        "POST", f"/api/v1/sessions/{sid}/live/controls",
        json={"id": uuid.uuid4().hex, "kind": "end"}, token=session.facilitator_token,
    )  # fmt: skip
    assert ended.status_code == 200, ended.text
    before = live_server.api(
        "GET", f"/api/v1/sessions/{sid}/board", token=session.facilitator_token
    ).json()
    late = live_server.api(
        "POST", f"/api/v1/sessions/{sid}/board/items", json=item_body(CALM), token=other.token
    )
    assert late.status_code == 409, late.text
    assert late.headers["content-type"].startswith("application/problem+json")
    assert "the session has ended" in late.json()["detail"]
    after = live_server.api(
        "GET", f"/api/v1/sessions/{sid}/board", token=session.facilitator_token
    ).json()
    assert after["items"] == before["items"]
    assert after["seq"] == before["seq"]
    # The facilitator still moderates until the lock: approving lets the agenda item in.
    approve = live_server.api(
        "POST", f"/api/v1/sessions/{sid}/board/items/{held}/approve",
        json={"id": uuid.uuid4().hex}, token=session.facilitator_token,
    )  # fmt: skip
    assert approve.status_code == 200, approve.text
    assert held in ids(other.token)


def test_anonymous_to_the_room_hides_authors_but_not_from_the_facilitator(
    live_server: LiveServer,
) -> None:
    room = planned_room(live_server, people=3, rounds=2)
    session, author, other = room.session, room.people[0], room.people[1]
    sid = session.id

    async def scenario() -> None:
        async with httpx.AsyncClient(base_url=live_server.base_url, timeout=20) as http:
            setting = await api(
                http, session.facilitator_token, "POST", f"/api/v1/sessions/{sid}/board/moderation",
                json={"id": uuid.uuid4().hex, "mode": "hold_flagged", "anonymous": True},
            )  # fmt: skip
            assert setting.status_code == 200, setting.text
            assert setting.json()["anonymous"] is True
            mine = await Socket(live_server, sid, author.token).open()
            theirs = await Socket(live_server, sid, other.token).open()
            facilitator = await Socket(live_server, sid, session.facilitator_token).open()
            answer = await api(
                http, author.token, "POST", f"/api/v1/sessions/{sid}/board/items",
                json=item_body(CALM),
            )  # fmt: skip
            assert answer.status_code == 201, answer.text
            await settle(mine, theirs, facilitator, seq=answer.json()["seq"])

            def authors(token: str) -> Any:
                return api(http, token, "GET", f"/api/v1/sessions/{sid}/board")

            others = (await authors(other.token)).json()["items"]
            assert [i["author"] for i in others] == [""]
            assert others[0]["from_team"] == "Finance"  # the department, not the person
            assert (await authors(session.facilitator_token)).json()["items"][0]["author"] == str(
                author.id
            )
            assert (await authors(author.token)).json()["items"][0]["author"] == str(author.id)
            room_event = theirs.board_events()[-1]["data"]
            assert room_event["items"][0]["author"] == ""
            assert room_event["by"] == ""
            assert facilitator.board_events()[-1]["data"]["items"][0]["author"] == str(author.id)
            assert mine.board_events()[-1]["data"]["items"][0]["author"] == str(author.id)
            for socket in (mine, theirs, facilitator):
                await socket.close()

    run_async(scenario())
