"""Schemathesis against ``/openapi.json`` on a real server, holding each role's real link.

Every operation is tried with generated valid and invalid input (examples, coverage of
boundaries and types, random fuzzing, and stateful sequences that follow the links
schemathesis infers between operations, e.g. create a participant, then read, edit and
delete that one). Every answer must be documented: no 5xx, no undocumented status or
content type, bodies matching their schema (problem+json errors included), 405s naming the
allowed methods, and auth that is never ignored.

Figures for docs/RELIABILITY.md: ``artifacts/fuzz/schemathesis-<role>.txt`` (what the CLI
printed) and ``.json`` (its run report). Bounded by ``ROUNDTABLE_FUZZ_EXAMPLES`` per operation;
``ROUNDTABLE_FUZZ_SEED`` replays or varies a run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.e2e.server import REPO_ROOT, LiveServer
from tests.fuzz.rooms import DemoRoom
from tests.support.services import scratch_postgres_database

REPORTS = REPO_ROOT / "artifacts" / "fuzz"
SEED = int(os.environ.get("ROUNDTABLE_FUZZ_SEED", "20270114"))
EXAMPLES = int(os.environ.get("ROUNDTABLE_FUZZ_EXAMPLES", "12"))
# The facilitator may call every operation, so their run has every phase, sequences included
# (the coverage phase alone sends ~2,000 boundary and wrong-type cases). A participant's
# writes (agenda drafts, board captures and votes) get the coverage phase too; everything
# else answers them 403, which is also why neither they nor executives get sequences: with
# no operation succeeding there is nothing to chain.
PLANS = {
    "facilitator": (EXAMPLES, "examples,coverage,fuzzing,stateful"),
    "participant": (max(EXAMPLES // 2, 1), "examples,coverage,fuzzing"),
    "executive": (max(EXAMPLES // 4, 1), "examples,fuzzing"),
}
PARTICIPANT_WRITES = (
    r"/agendas/\{participant_id\}/(draft|submit)$"
    r"|/board/items(/\{item_id\})?$|/board/items/\{item_id\}/(un)?vote$"
)
TIMEOUT_S = 600

# The API answers 422 for schema-valid input that breaks a rule of the product (a duplicate
# e-mail, a goal listed twice, a plan without rounds or a time box, an agenda topic shorter
# than the board needs): problem+json with the fields to fix, as documented. Schemathesis's
# "positive data acceptance" check would call those rejections unexpected, so 422 is added to
# the statuses it accepts; every other check runs as shipped.
POSITIVE_STATUSES = ["2xx", 401, 403, 404, 409, 422]


def config_toml(server: LiveServer, room: DemoRoom, role: str, examples: int) -> str:
    """The run's schemathesis.toml: this server, this session, these checks."""
    statuses = ", ".join(json.dumps(s) for s in POSITIVE_STATUSES)
    return base_toml(server, room, examples, statuses) + (
        participant_toml() if role == "participant" else ""
    )


def participant_toml() -> str:
    """Coverage cases only where a participant may write; elsewhere they meet a 403."""
    return f"""
[[operations]]
exclude-path-regex = {json.dumps(PARTICIPANT_WRITES)}
phases.coverage.enabled = false
"""


def base_toml(server: LiveServer, room: DemoRoom, examples: int, statuses: str) -> str:
    return f"""\
base-url = "{server.base_url}"
hooks = "tests.fuzz.schemathesis_hooks"
seed = {SEED}
workers = 1
request-timeout = 10

[cache]
enabled = false

[generation]
max-examples = {examples}
database = "none"
# NUL and other control characters in every string (the default, stated: on PostgreSQL a NUL
# that reached the database was a 500, issue 14).
allow-x00 = true

[parameters]
"path.session_id" = "{room.session_id}"

[checks.positive_data_acceptance]
expected-statuses = [{statuses}]
"""


def run_schemathesis(server: LiveServer, room: DemoRoom, role: str, workdir: Path) -> str:
    """Run the schemathesis CLI as ``role``; its output (also saved under artifacts/fuzz)."""
    member = room.members[0].id if role == "participant" else None
    state = workdir / "state.json"
    state.write_text(json.dumps({"role": role, "token": room.token(role), "member": member}))
    config = workdir / "schemathesis.toml"
    examples, phases = PLANS[role]
    config.write_text(config_toml(server, room, role, examples))
    REPORTS.mkdir(parents=True, exist_ok=True)
    name = f"schemathesis-{role}" + ("-postgres" if "postgresql" in server.database_url else "")
    report = REPORTS / f"{name}.json"
    command = [
        *(sys.executable, "-m", "schemathesis.cli", "--config-file", str(config), "--no-color"),
        *("run", server.url("/openapi.json"), "--checks", "all", "--phases", phases),
        *("--report", "json", "--report-json-path", str(report)),
    ]
    environment = {
        **os.environ,
        "ROUNDTABLE_FUZZ_STATE": str(state),
        "PYTHONPATH": str(REPO_ROOT),
        "COLUMNS": "100",
    }
    done = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    output = done.stdout + done.stderr
    (REPORTS / f"{name}.txt").write_text(output)
    assert done.returncode == 0, output[-20_000:]
    return output


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def fuzz_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """This module's server, once on SQLite and once on PostgreSQL: a NUL or an absurd value
    that one database takes and the other refuses must be a 422 on both, never a 500."""
    with ExitStack() as stack:
        url = None
        if request.param == "postgres":
            url = stack.enter_context(scratch_postgres_database())
        server = LiveServer(tmp_path_factory.mktemp(f"fuzz-{request.param}"), database_url=url)
        server.start()
        stack.callback(server.stop)
        yield server


@pytest.mark.parametrize("role", ["facilitator", "participant", "executive"])
def test_every_answer_matches_the_documented_schema(
    server: LiveServer, room: DemoRoom, role: str, tmp_path: Path
) -> None:
    output = run_schemathesis(server, room, role, tmp_path)
    assert "50 selected / 50 total" in output or "selected" in output
    assert "Traceback" not in server.log(), server.log_tail()
