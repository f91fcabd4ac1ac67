"""Control characters in every string field and deeply nested bodies, for every operation of
the API, as every role, on SQLite and PostgreSQL: never a 5xx, and text with NUL or another
control character is never accepted (a single-line field refuses tab and line breaks too).

The schemathesis run (test_api_schema.py) reaches the same places at random; this sweep is
exhaustive and deterministic: each string field of each request body in ``/openapi.json`` gets
each hostile value in turn, inside an otherwise well-formed body built from the schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import watch
from tests.e2e.server import LiveServer
from tests.fuzz.rooms import DemoRoom, demo_room
from tests.support.services import scratch_postgres_database

HOSTILE = {
    "nul": "Before\u0000after",
    "bell": "Ring\u0007ring",
    "escape": "\u001b[31mred",
    "vertical-tab": "One\u000btwo",
    "unit-separator": "A\u001fB",
}
NESTING = 5000
ROLES = ("facilitator", "participant", "executive")
JSON = "application/json"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def hostile_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    with ExitStack() as stack:
        url = None
        if request.param == "postgres":
            url = stack.enter_context(scratch_postgres_database())
        server = LiveServer(tmp_path_factory.mktemp(f"hostile-{request.param}"), database_url=url)
        server.start()
        stack.callback(server.stop)
        yield server


@pytest.fixture
def room(hostile_server: LiveServer, request: pytest.FixtureRequest) -> DemoRoom:
    if not hostile_server.running:
        hostile_server.start()
    watch(request, hostile_server)
    return demo_room(hostile_server)


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["components"]["schemas"][name]
    return node


def sample(schema: dict[str, Any], node: dict[str, Any]) -> Any:
    """A plausible value for ``node``: the first option, the smallest size, plain text."""
    node = resolve(schema, node)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in node:
            options = [o for o in node[key] if resolve(schema, o).get("type") != "null"]
            return sample(schema, options[0]) if options else None
    if "enum" in node:
        return node["enum"][0]
    if "const" in node:
        return node["const"]
    kind = node.get("type")
    if kind == "object":
        props = node.get("properties", {})
        return {name: sample(schema, sub) for name, sub in props.items()}
    if kind == "array":
        if "prefixItems" in node:
            return [sample(schema, sub) for sub in node["prefixItems"]]
        return [sample(schema, node.get("items", {}))] * max(node.get("minItems", 1), 1)
    if kind == "integer":
        return max(node.get("minimum", 1), 1)
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if node.get("format") == "date":
        return "2030-03-04"
    if node.get("format") == "date-time":
        return "2030-03-04T09:00:00"
    if node.get("format") == "email":
        return "someone@example.com"
    return "Plain words " + "x" * max(node.get("minLength", 0) - 12, 0)


def string_paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Where ``value`` holds strings (skipping enum-like short codes is not attempted)."""
    if isinstance(value, str):
        yield prefix
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from string_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from string_paths(item, (*prefix, index))


def replaced(value: Any, where: tuple[Any, ...], new: str) -> Any:
    if not where:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[where[0]] = replaced(value[where[0]], where[1:], new)
    return copy


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any] | None]]:
    """(method, path template, JSON body schema or None) for every operation."""
    for template, methods in schema["paths"].items():
        for method, operation in methods.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            yield method.upper(), template, body["schema"] if body else None


def concrete(template: str, room: DemoRoom) -> str:
    values = {
        "session_id": room.session_id,
        "participant_id": str(room.members[0].id),
        "goal_id": str(room.goal_ids[0]),
        "link_id": str(room.link_ids[0]),
        "item_id": room.item_ids[0],
        "action_id": "no-such-action",
        "table": "items",
    }
    for name, value in values.items():
        template = template.replace("{" + name + "}", value)
    return template


@pytest.mark.parametrize("role", ROLES)
def test_control_characters_in_every_string_field_are_refused(
    hostile_server: LiveServer, room: DemoRoom, role: str
) -> None:
    schema = hostile_server.api("GET", "/openapi.json").json()
    token = room.token(role)
    failures: list[str] = []
    tried = 0
    with httpx.Client(base_url=hostile_server.base_url, timeout=15) as client:
        for method, template, body_schema in operations(schema):
            if body_schema is None:
                continue
            url = concrete(template, room)
            base = sample(schema, body_schema)
            for where in string_paths(base):
                for name, text in HOSTILE.items():
                    body = replaced(base, where, text)
                    answer = client.request(
                        method, url, json=body, headers={"Authorization": f"Bearer {token}"}
                    )
                    tried += 1
                    field = ".".join(map(str, where))
                    if answer.status_code >= 500 or answer.is_success:
                        failures.append(f"{method} {template} {field}={name}: {answer.status_code}")
    assert tried > 200
    assert not failures, "\n".join(failures[:40])
    assert "Traceback" not in hostile_server.log(), hostile_server.log_tail()


@pytest.mark.parametrize("role", ROLES)
def test_deeply_nested_bodies_never_fail_the_server(
    hostile_server: LiveServer, room: DemoRoom, role: str
) -> None:
    schema = hostile_server.api("GET", "/openapi.json").json()
    token = room.token(role)
    bodies = {
        "arrays": "[" * NESTING + "]" * NESTING,
        "objects": '{"a":' * NESTING + "1" + "}" * NESTING,
    }
    failures: list[str] = []
    with httpx.Client(base_url=hostile_server.base_url, timeout=15) as client:
        for method, template, body_schema in operations(schema):
            if body_schema is None:
                continue
            for name, raw in bodies.items():
                answer = client.request(
                    method,
                    concrete(template, room),
                    content=raw,
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                    },
                )
                if answer.status_code >= 500:
                    failures.append(f"{method} {template} {name}: {answer.status_code}")
                else:
                    assert json.loads(answer.text)["status"] in (400, 401, 403, 404, 409, 413, 422)
    assert not failures, "\n".join(failures)
    assert "Traceback" not in hostile_server.log(), hostile_server.log_tail()
