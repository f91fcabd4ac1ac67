"""Golden files: the example session's summary as Markdown and CSV, byte for byte.

The session is ``tests/support/summary_room.py``'s, with one action item blocked by its owner.

A change to the summary's wording, order or escaping shows up here as a readable diff. When
the change is intended, rewrite the files and review the diff before committing:

    ROUNDTABLE_REGENERATE_GOLDEN=1 pytest tests/web/test_summary_golden.py
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.domain.board.engine import SetActionStatus
from app.services.board import service as board
from app.services.summary import files as summary_files
from app.services.summary.service import summary_for
from app.store.types import utcnow
from tests.support.summary_room import REGENERATE, TODAY, SummaryRoom, build_summary_room

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "summary"


def check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if REGENERATE:
        path.write_bytes(actual.encode("utf-8"))
    assert path.exists(), f"{path} is missing: regenerate it (see this module's docstring)"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs from {path}; if intended, regenerate it"


@pytest.fixture
def files(any_client: TestClient) -> dict[str, str]:
    """The exports, on SQLite and on PostgreSQL (the board is read with JSON operators)."""
    room = build_summary_room(any_client)
    with Session(any_client.app.state.engine) as db:  # type: ignore[attr-defined]
        return _files(db, room)


def _files(db: Session, room: SummaryRoom) -> dict[str, str]:
    owner = str(room.people["Tom Becker"])
    blocked = SetActionStatus(
        id="golden-blocked",
        by=owner,
        at=utcnow(),
        action_id=room.actions[1],
        status="blocked",
        reason="Waiting for the logging vendor's contract",
    )
    board.execute(db, room.session_id, blocked)
    result = summary_for(db, room.session_id, today=TODAY)
    tables = summary_files.csv_tables(result)
    return {
        "summary.md": summary_files.markdown(result),
        **{f"{name}.csv": summary_files.csv_text(rows) for name, rows in tables.items()},
    }


@pytest.mark.parametrize(
    "name", ["summary.md", "items.csv", "action_items.csv", "agenda_topics.csv"]
)
def test_export_matches_its_golden_file(files: dict[str, str], name: str) -> None:
    check(name, files[name])
