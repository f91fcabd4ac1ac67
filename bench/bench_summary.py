"""Benchmark of the executive summary: the page and every export for a large session.

Run from the repository root: ``python bench/bench_summary.py`` (under a minute; ``--runs N``
sets the timed requests per row, default 7).

The session: 200 department heads in 25 departments, every agenda submitted, a six-round plan
with round 3 under way, and a board of 2,000 items (a few removed or merged), about 6,000 votes,
200 action items and an audit entry per change — stored, as in production, as one JSON
document. Each row is the first request, then the median and the slowest of ``--runs`` more requests
through the real app in-process (routing, auth by bearer token, SQLite reads, build, render),
and their median CPU time; the first row is the service call alone (load + build, no rendering).
A row PASSes when its median is 300 ms or less; the first request is shown apart because a
worker keeps what it derived from each session's board until the board changes.
The scorecard rows read a series of 8 such sessions (the one above and seven more of 200
people and 2,000 items each), as the executive of the last one sees it (all 8).
Goal: 300 ms or less.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from fastapi.testclient import TestClient  # noqa: E402
from sqlmodel import Session  # noqa: E402

from app.config import Settings  # noqa: E402
from app.domain.board.engine import ActionItem, AuditEntry, Board, BoardItem, Impact, Origin  # noqa: E402
from app.main import create_app  # noqa: E402
from app.services.board import codec as board_codec  # noqa: E402
from app.services.links.service import LinkKeys  # noqa: E402
from app.services.sessions import series  # noqa: E402
from app.services.summary.service import summary_for  # noqa: E402
from app.store.models import Agenda, BoardState, Participant  # noqa: E402

PEOPLE, DEPARTMENTS, ITEMS, ACTIONS = 200, 25, 2000, 200
SERIES_SESSIONS = 8
GOAL_MS = 300
WORDS = (
    *("invoices", "contracts", "billing", "onboarding", "escalations", "logs", "releases"),
    *("forecasts", "approvals", "handover", "checklist", "customers", "renewals"),
    *("discounts", "pricing", "data", "access", "security", "review"),
)


def make_session(
    client: TestClient,
    title: str = "Company-wide leadership speed-dating",
    day: int = 14,
    *,
    live: bool = True,
) -> tuple[str, str]:
    """A session with its people, agendas and plan through the API; the executive token.

    ``live=False`` skips the plan and the clock (the scorecard reads neither): a series of
    eight sessions then builds in seconds rather than minutes.
    """
    created = client.post(
        "/api/v1/sessions",
        json={
            "title": title,
            "starts_at": f"2099-01-{day:02d}T09:00:00",
            "timezone": "Europe/Berlin",
            "goals": [f"Company goal number {n}" for n in range(1, 6)],
        },
    ).json()
    session_id = created["session"]["id"]
    facilitator = created["facilitator_url"].rsplit("/l/", 1)[1]
    executive = created["executive_url"].rsplit("/l/", 1)[1]
    engine = client.app.state.engine  # type: ignore[attr-defined]
    rng = random.Random(7)
    departments = [f"Department {d:02d}" for d in range(DEPARTMENTS)]
    with Session(engine) as db:
        people = [
            Participant(
                session_id=session_id,
                name=f"Person {n:03d}",
                email=f"person{n}@example.com",
                department=departments[n % DEPARTMENTS],
            )
            for n in range(PEOPLE)
        ]
        db.add_all(people)
        db.commit()
        for person in people:
            db.refresh(person)
            db.add(
                Agenda(
                    session_id=session_id,
                    participant_id=person.id,
                    content={
                        "what_we_do": "We keep our part of the customer journey running.",
                        "pressing_issue": sentence(rng, 12),
                        "pressing_ask": sentence(rng, 8),
                        "pressing_goal_id": created["session"]["goals"][0]["id"],
                        "butterfly_issue": sentence(rng, 12),
                        "butterfly_targets": rng.sample(departments, 2),
                        "butterfly_no_goal": True,
                    },
                    submitted_at=datetime.now(UTC),
                )
            )
        db.commit()
        ids = [p.id or 0 for p in people]
    auth = {"Authorization": f"Bearer {facilitator}"}
    base = f"/api/v1/sessions/{session_id}"
    if not live:
        store_board(engine, session_id, departments, ids, rng)
        return session_id, executive
    assert client.post(f"{base}/plan", json={"rounds": 6}, headers=auth).status_code == 201
    for n, kind in enumerate(("start", "skip", *("skip_round",) * 2)):
        response = client.post(
            f"{base}/live/controls", json={"id": f"control-{n}", "kind": kind}, headers=auth
        )
        assert response.status_code == 200, response.text
    store_board(engine, session_id, departments, ids, rng)
    return session_id, executive


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def store_board(
    engine: object, session_id: str, departments: list[str], people: list[int], rng: random.Random
) -> None:
    """2,000 items, ~6,000 votes, 200 action items and their audit trail as one document."""
    now = datetime.now(UTC)
    items, audit, votes = [], [], set()
    for n in range(ITEMS):
        source = rng.choice(departments)
        targets = tuple(rng.sample([d for d in departments if d != source], rng.randint(1, 2)))
        item = BoardItem(
            id=f"item-{n:04d}",
            from_team=source,
            to_teams=targets,
            what_happens=sentence(rng, rng.randint(10, 30)),
            impact=rng.choice(list(Impact)),
            goal_id=None,
            author=str(rng.choice(people)),
            origin=Origin.CAPTURED,
            seq=n,
            removed=n % 97 == 0,
            merged_into=f"item-{n - 1:04d}" if n % 89 == 0 and n else None,
        )
        items.append(item)
        audit.append(
            AuditEntry(
                n,
                f"cmd-{n}",
                now,
                item.author,
                "capture",
                item.id,
                None,
                {"text": item.what_happens},
            )
        )
        for voter in rng.sample(people, rng.randint(0, 6)):
            votes.add((item.id, str(voter)))
    actions = tuple(
        ActionItem(
            id=f"action-{n:03d}",
            item_id=f"item-{n * 7:04d}",
            owner=str(rng.choice(people)),
            what=sentence(rng, 8),
            due=date(2099, 1, 1) + timedelta(days=rng.randint(-30, 120)),
        )
        for n in range(ACTIONS)
    )
    board = Board(items=tuple(items), votes=frozenset(votes), actions=actions, audit=tuple(audit))
    with Session(engine) as db:  # type: ignore[arg-type]
        # Going live seeded the board from the agendas; replace it with the large one.
        row = db.get(BoardState, session_id) or BoardState(session_id=session_id)
        row.state = board_codec.dump(board)
        row.updated_at = datetime.now(UTC)  # as any real write does: readers cache by it
        db.add(row)
        db.commit()


def timed(call: Callable[[], int], runs: int) -> tuple[float, float, float, float, int]:
    """(first wall ms, median wall ms, slowest wall ms, median CPU ms, size) of a first call
    and ``runs`` calls after it.

    CPU time is this process's (the in-process server included): unlike wall time it barely
    moves when other programs share the machine. The first call shows what a cold worker pays
    (nothing cached yet for this session: board records, framing verdicts, the map's layout).
    """
    wall = time.perf_counter()
    size = call()
    first = (time.perf_counter() - wall) * 1000
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return first, statistics.median(walls), max(walls), statistics.median(cpus), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.model_validate(
            {
                "database_url": f"sqlite:///{tmp}/bench.db",
                "secret_key": "bench-secret-key",
                "secret_key_file": Path(tmp) / "secret",
            }
        )
        with TestClient(create_app(settings)) as client:
            print(f"building a session: {PEOPLE} people, {ITEMS} items, {ACTIONS} action items…")
            session_id, executive = make_session(client)
            auth = {"Authorization": f"Bearer {executive}"}
            engine = client.app.state.engine  # type: ignore[attr-defined]

            print(f"building a series of {SERIES_SESSIONS} such sessions…")
            earlier = [
                make_session(client, f"Earlier session {n}", day=n, live=False)[0]
                for n in range(1, SERIES_SESSIONS)
            ]
            with Session(engine) as db:
                group = series.create_series(db, LinkKeys("bench-secret-key", ""), "Quarterly")
                for member in [*earlier, session_id]:
                    series.join(db, member, group)

            def service() -> int:
                with Session(engine) as db:
                    result = summary_for(db, session_id, today=date(2099, 2, 1))
                return result.summary.headline.items_captured

            def fetch(path: str) -> Callable[[], int]:
                def call() -> int:
                    response = client.get(path, headers=auth)
                    assert response.status_code == 200, response.text[:300]
                    return len(response.content)

                return call

            api = f"/api/v1/sessions/{session_id}/summary"
            rows = [
                ("load + build (service)", service),
                ("summary page (HTML)", fetch(f"/s/{session_id}/summary")),
                ("JSON", fetch(api)),
                ("Markdown", fetch(f"{api}.md")),
                ("CSV (zip of 5)", fetch(f"{api}.csv.zip")),
                ("PDF", fetch(f"{api}.pdf")),
                ("calendar (.ics)", fetch(f"{api}.ics")),
                ("map (SVG)", fetch(f"{api}/map.svg")),
                ("scorecard page (8 sessions)", fetch(f"/s/{session_id}/scorecard")),
                ("scorecard CSV", fetch(f"/api/v1/sessions/{session_id}/scorecard.csv")),
                ("scorecard PDF", fetch(f"/api/v1/sessions/{session_id}/scorecard.pdf")),
            ]
            header = ("what", "first", "median", "slowest", "CPU", "size", "median", "CPU")
            table = [header]
            failed = 0
            for name, call in rows:
                first, median, slowest, cpu, size = timed(call, args.runs)
                shown = f"{size} items" if name.startswith("load") else f"{size / 1024:.0f} KiB"
                ok = "PASS" if median <= GOAL_MS else "FAIL"
                failed += ok == "FAIL"
                times = tuple(f"{value:.0f} ms" for value in (first, median, slowest, cpu))
                table.append((name, *times, shown, ok, "PASS" if cpu <= GOAL_MS else "FAIL"))
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print(f"\n{args.runs} timed runs per row after a first one; {PEOPLE} people, {ITEMS} items.")
    print(f"PASS: {GOAL_MS} ms or less (the goal is the median; {failed} of {len(rows)} FAIL).")
    print("The last column judges the median CPU time, for a machine shared with others.")
    load, cores = os.getloadavg()[0], os.cpu_count() or 1
    if load > cores:
        print(f"warning: load average {load:.1f} on {cores} cores: wall times are inflated;")
        print("the CPU column is the better guide until the machine is quiet.")


if __name__ == "__main__":
    main()
