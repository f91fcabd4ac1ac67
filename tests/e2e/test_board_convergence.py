"""The capture board converges: 20 real websocket clients on a real server, retries and drops.

Each client is one department head with a socket and an HTTP client. They capture at the same
time, re-send every capture with the same id (some at the very same moment, some after the
answer), vote and unvote with retries, and lose their sockets at random; a dropped client
reconnects with ``?since=<last seq>`` and applies events exactly as ``static/board/store.js`` does
(an event only if newer than the board shown; a whole board, fetched after a ``resync``, only if
not older). At the end every client must show every capture exactly once, in the server's board
order, with the vote counts the test expects from what it sent.
"""

from __future__ import annotations

import asyncio
import json
import random
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.e2e.server import CreatedSession, Invitee, LiveServer
from tests.support.aio import run_async
from tests.support.services import scratch_postgres_database

CLIENTS = 20
CAPTURES_EACH = 5
DEPARTMENTS = ("Finance", "Sales", "Product", "Engineering", "Operations")
WEIGHT = {"low": 1, "medium": 2, "high": 3, "critical": 5}
SETTLE_SECONDS = 30.0


def board_key(item: dict[str, Any]) -> tuple[bool, int, int, int, str]:
    """The board order, as ``app.domain.board.board_order`` and ``static/board/order.js`` sort."""
    return (
        not item["pinned"],
        -item["votes"],
        -WEIGHT[item["impact"]],
        item["seq"],
        item["id"],
    )


class BoardClient:
    """One department head's live board, kept from the websocket like ``static/board/``."""

    def __init__(self, server: LiveServer, session: CreatedSession, person: Invitee) -> None:
        self.server = server
        self.session = session
        self.person = person
        self.items: dict[str, dict[str, Any]] = {}
        self.last_seq = 0  # the last event seq received (any type): where a resume starts
        self.board_seq = 0  # the newest board change the shown board reflects
        self.capture_events: Counter[str] = Counter()
        self.event_seqs: list[int] = []
        self.connects = 0
        self.resyncs = 0
        self.ws: ClientConnection | None = None
        self.connected = asyncio.Event()

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.person.token}"}

    def url(self) -> str:
        base = f"ws://127.0.0.1:{self.server.port}/api/v1/sessions/{self.session.id}/live/ws"
        return f"{base}?since={self.last_seq}"

    async def follow(self, http: httpx.AsyncClient, stop: asyncio.Event) -> None:
        """Stay connected until ``stop``; reconnect with ``since`` after every drop."""
        while not stop.is_set():
            try:
                async with connect(self.url(), additional_headers=self.auth) as ws:
                    self.ws = ws
                    if stop.is_set():
                        # Stopped while this connection opened: ``drop()`` found nothing to
                        # close, and the server would keep it open for ever (a CI run hung
                        # here). ``ws`` is set before this check, so a later stop still drops it.
                        return
                    self.connects += 1
                    hello = json.loads(await ws.recv())
                    assert hello["type"] == "hello"
                    if hello["snapshot"] is not None:
                        self.last_seq = hello["snapshot"]["seq"]
                    await self.refetch(http)  # as static/board/sync.js does after every hello
                    self.connected.set()
                    async for frame in ws:
                        await self.receive(json.loads(frame), http)
            except (ConnectionClosed, OSError):
                pass
            finally:
                self.connected.clear()
                self.ws = None
            await asyncio.sleep(random.uniform(0.02, 0.1))

    async def receive(self, message: dict[str, Any], http: httpx.AsyncClient) -> None:
        kind = message["type"]
        if kind == "resync":
            self.resyncs += 1
            self.last_seq = message["seq"]
            await self.refetch(http)
            return
        if "seq" not in message:
            return  # pongs, presence: no place in the event order
        assert message["seq"] == self.last_seq + 1, (
            f"{self.person.name}: event {message['seq']} after {self.last_seq} (gap or duplicate)"
        )
        self.last_seq = message["seq"]
        self.event_seqs.append(message["seq"])
        if kind != "board":
            return
        data = message["data"]
        if data["command"] == "capture":
            self.capture_events.update(item["id"] for item in data["items"])
        if data["seq"] <= self.board_seq:
            return  # already in the board shown (a refetch got ahead of the socket)
        self.board_seq = data["seq"]
        for item in data["items"]:
            if item["removed"] or item["merged_into"]:
                self.items.pop(item["id"], None)
            else:
                self.items[item["id"]] = item

    async def refetch(self, http: httpx.AsyncClient) -> None:
        response = await http.get(f"/api/v1/sessions/{self.session.id}/board", headers=self.auth)
        response.raise_for_status()
        board = response.json()
        if board["seq"] >= self.board_seq:
            self.board_seq = board["seq"]
            self.items = {item["id"]: item for item in board["items"]}

    def drop(self) -> None:
        """Lose the connection abruptly, as a phone walking out of Wi-Fi does (no close frame)."""
        if self.ws is not None:
            self.ws.transport.abort()

    def shown(self) -> list[tuple[str, int]]:
        """The board as this client shows it: (item id, votes) in board order."""
        ordered = sorted(self.items.values(), key=board_key)
        return [(item["id"], item["votes"]) for item in ordered]


async def post(
    http: httpx.AsyncClient, client: BoardClient, path: str, body: dict[str, Any]
) -> httpx.Response:
    """One API write as ``client``; a 5xx or a dropped connection is retried with the same body."""
    url = f"/api/v1/sessions/{client.session.id}/board{path}"
    for _ in range(5):
        try:
            response = await http.post(url, json=body, headers=client.auth)
        except httpx.TransportError:
            continue
        if response.status_code < 500:
            return response
    raise AssertionError(f"{path} kept failing for {client.person.name}")


async def scenario(server: LiveServer, session: CreatedSession, people: list[Invitee]) -> None:
    rng = random.Random(20261123)
    stop = asyncio.Event()
    async with httpx.AsyncClient(base_url=server.base_url, timeout=30.0) as http:
        clients = [BoardClient(server, session, person) for person in people]
        followers = [asyncio.create_task(c.follow(http, stop)) for c in clients]
        await asyncio.wait_for(asyncio.gather(*(c.connected.wait() for c in clients)), 30)
        captured: list[str] = []
        expected_votes: set[tuple[str, str]] = set()

        async def capture(client: BoardClient, n: int) -> None:
            dept = client.person.department
            body = {
                "id": uuid.uuid4().hex,
                "from_team": dept,
                "to_teams": [rng.choice([d for d in DEPARTMENTS if d != dept])],
                "what_happens": f"{client.person.name} capture {n}: hand-offs land late downstream",
                "impact": rng.choice(list(WEIGHT)),
                "no_goal": True,
            }
            if n % 2 == 0:  # the same capture twice at the same moment (a double tap)
                answers = await asyncio.gather(*(post(http, client, "/items", body) for _ in "ab"))
            else:
                answers = [await post(http, client, "/items", body)]
            answers.append(await post(http, client, "/items", body))  # a retry after the answer
            assert [a.status_code for a in answers] == [201] * len(answers), answers[0].text
            captured.append(body["id"])

        async def chaos(client: BoardClient) -> None:
            for _ in range(2):
                await asyncio.sleep(rng.uniform(0.05, 1.5))
                client.drop()

        async def work(client: BoardClient) -> None:
            for n in range(CAPTURES_EACH):
                await capture(client, n)
                await asyncio.sleep(rng.uniform(0, 0.05))

        await asyncio.gather(*(work(c) for c in clients), *(chaos(c) for c in clients))

        facilitator = {"Authorization": f"Bearer {session.facilitator_token}"}
        listed = await http.get(f"/api/v1/sessions/{session.id}/board", headers=facilitator)
        authors = {item["id"]: item["author"] for item in listed.json()["items"]}
        author_of = {str(c.person.id): c for c in clients}
        owners = [author_of[authors[item_id]] for item_id in captured]

        async def votes(client: BoardClient) -> None:
            me = str(client.person.id)
            own = {i for i, c in zip(captured, owners, strict=True) if c is client}
            chosen = rng.sample([i for i in captured if i not in own], 3)
            for item_id in chosen:
                body = {"id": uuid.uuid4().hex}
                for _ in range(2):  # the same vote twice (a retry)
                    assert (await post(http, client, f"/items/{item_id}/vote", body)).is_success
                fresh = {"id": uuid.uuid4().hex}  # a second tap: a new id, still one vote
                assert (await post(http, client, f"/items/{item_id}/vote", fresh)).is_success
            unvote = {"id": uuid.uuid4().hex}
            for _ in range(2):
                path = f"/items/{chosen[1]}/unvote"
                assert (await post(http, client, path, unvote)).is_success
            expected_votes.update({(chosen[0], me), (chosen[2], me)})

        await asyncio.gather(*(votes(c) for c in clients), *(chaos(c) for c in clients))

        final = await http.get(f"/api/v1/sessions/{session.id}/board", headers=facilitator)
        board = final.json()
        server_view = [(item["id"], item["votes"]) for item in board["items"]]
        # Every capture exactly once, retries and double taps notwithstanding.
        assert sorted(i for i, _ in server_view) == sorted(captured)
        assert len(captured) == CLIENTS * CAPTURES_EACH
        counts = Counter(item_id for item_id, _ in expected_votes)
        assert {i: v for i, v in server_view if v} == dict(counts)

        deadline = asyncio.get_running_loop().time() + SETTLE_SECONDS
        while any(c.board_seq < board["seq"] for c in clients):
            assert asyncio.get_running_loop().time() < deadline, [
                (c.person.name, c.board_seq, board["seq"]) for c in clients
            ]
            await asyncio.sleep(0.05)
        stop.set()
        for client in clients:
            client.drop()
        await asyncio.gather(*followers)

    for client in clients:
        assert client.shown() == server_view, f"{client.person.name} shows a different board"
        assert client.connects >= 3, f"{client.person.name} was never dropped"
        # Resumed connections replay exactly the missed events: no capture arrived twice.
        assert set(client.capture_events) <= set(captured)
        assert max(client.capture_events.values()) == 1
        seqs = client.event_seqs
        assert seqs == sorted(set(seqs)), f"{client.person.name} saw an event twice"


def people_of(server: LiveServer, session: CreatedSession) -> list[Invitee]:
    return [
        server.add_participant(
            session, f"Head {n:02d}", f"head{n:02d}@example.com", DEPARTMENTS[n % len(DEPARTMENTS)]
        )
        for n in range(CLIENTS)
    ]


def test_twenty_clients_converge_through_retries_and_dropped_connections(
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server()
    session = server.create_session()
    run_async(scenario(server, session, people_of(server, session)))


@pytest.mark.postgres
def test_twenty_clients_converge_on_postgresql(start_server: Callable[..., LiveServer]) -> None:
    with scratch_postgres_database() as url:
        server = start_server(database_url=url)
        session = server.create_session()
        run_async(scenario(server, session, people_of(server, session)))
        server.stop()  # before the database is dropped
