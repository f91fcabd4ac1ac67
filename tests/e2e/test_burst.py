"""A burst of requests larger than the database pool is answered, not stalled.

A room of department heads opening their boards at once sends more requests than the server
has pooled connections. A request that waited for a connection on the event loop froze the
loop while the requests holding the connections needed it to finish: every request then hung
until the pool gave up after 30 s and the burst came back as 500s. The burst is mixed, as in a
room: board and live reads, captures, and websocket connections (which read the store too).
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Callable

import httpx
import pytest
from websockets.asyncio.client import connect

from tests.e2e.server import CreatedSession, Invitee, LiveServer
from tests.support.aio import run_async
from tests.support.services import scratch_postgres_database

PEOPLE = 12
ROUNDS = 4  # each person: this many board reads, live reads and captures, all at once


async def burst(server: LiveServer, session: CreatedSession, people: list[Invitee]) -> list[str]:
    """Fire everything at once; returns what went wrong (status and body), if anything."""
    base = f"/api/v1/sessions/{session.id}"
    problems: list[str] = []
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
    async with httpx.AsyncClient(base_url=server.base_url, timeout=60.0, limits=limits) as http:

        async def call(method: str, path: str, person: Invitee, body: object = None) -> None:
            auth = {"Authorization": f"Bearer {person.token}"}
            response = await http.request(method, base + path, json=body, headers=auth)
            if not response.is_success:
                problems.append(f"{method} {path}: {response.status_code} {response.text[:200]}")

        async def socket(person: Invitee) -> None:
            url = f"ws://127.0.0.1:{server.port}{base}/live/ws"
            auth = {"Authorization": f"Bearer {person.token}"}
            async with connect(url, additional_headers=auth, open_timeout=60) as ws:
                hello = json.loads(await asyncio.wait_for(ws.recv(), 60))
                if hello["type"] != "hello" or hello["snapshot"] is None:
                    problems.append(f"socket for {person.name}: {hello}")

        def capture(person: Invitee, n: int) -> dict[str, object]:
            return {
                "id": uuid.uuid4().hex,
                "from_team": person.department,
                "to_teams": ["Finance" if person.department != "Finance" else "Sales"],
                "what_happens": f"{person.name} capture {n}: approvals arrive a week late",
                "impact": "high",
                "no_goal": True,
            }

        work = [socket(person) for person in people]
        for n in range(ROUNDS):
            for person in people:
                work.append(call("GET", "/board", person))
                work.append(call("GET", "/live", person))
                work.append(call("POST", "/board/items", person, capture(person, n)))
        await asyncio.gather(*work)
        board = await http.get(
            base + "/board", headers={"Authorization": f"Bearer {session.facilitator_token}"}
        )
        captured = len(board.json()["items"])
        if captured != PEOPLE * ROUNDS:
            problems.append(f"the board holds {captured} captures, not {PEOPLE * ROUNDS}")
    return problems


def test_a_burst_larger_than_the_pool_is_answered(
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server()
    session = server.create_session()
    departments = ("Finance", "Sales", "Product", "Engineering")
    people = [
        server.add_participant(
            session, f"Head {n:02d}", f"head{n:02d}@example.com", departments[n % 4]
        )
        for n in range(PEOPLE)
    ]
    problems = run_async(burst(server, session, people))
    assert not problems, "\n".join(problems[:10])
    assert "QueuePool limit" not in server.log()


@pytest.mark.postgres
def test_a_burst_larger_than_the_pool_is_answered_on_postgresql(
    start_server: Callable[..., LiveServer],
) -> None:
    with scratch_postgres_database() as url:
        server = start_server(database_url=url)
        session = server.create_session()
        people = [
            server.add_participant(session, f"Head {n:02d}", f"head{n:02d}@example.com", "Sales")
            for n in range(PEOPLE)
        ]
        problems = run_async(burst(server, session, people))
        server.stop()  # before the database is dropped
    assert not problems, "\n".join(problems[:10])
