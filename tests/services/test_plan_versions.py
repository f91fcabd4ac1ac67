"""Restoring an earlier plan version: a new current version, played rounds untouched."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.domain.errors import Invalid, NotFound
from app.services.plans import service as plans
from tests.factories import add_person, bearer, make_session

PEOPLE = [("Dana Lee", "Finance"), ("Marcus Okafor", "Sales"), ("Priya Raman", "Product")]
PEOPLE += [("Tom Becker", "Engineering"), ("Aisha Khan", "Support"), ("Li Wei", "Legal")]


def two_versions(client: TestClient) -> str:
    made = make_session(client)
    for name, dept in PEOPLE:
        add_person(client, made, name, dept)
    for seed in (0, 7):
        response = client.post(
            f"/api/v1/sessions/{made.id}/plan",
            json={"rounds": 4, "seed": seed},
            headers=bearer(made.facilitator),
        )
        assert response.status_code in (200, 201), response.text
    return made.id


def test_restore_makes_the_old_rounds_current_as_a_new_version(
    client: TestClient, db: Session
) -> None:
    sid = two_versions(client)
    first, second = sorted(plans.versions(db, sid), key=lambda v: v.version)
    assert first.rounds != second.rounds
    restored = plans.restore(db, sid, 1, author="facilitator")
    assert restored.version == 3
    assert restored.rounds == first.rounds
    assert restored.figures == first.figures
    assert restored.reason == "Restored version 1"
    assert [v.version for v in plans.versions(db, sid)] == [3, 2, 1]


def test_once_live_only_the_rounds_not_yet_played_change(client: TestClient, db: Session) -> None:
    sid = two_versions(client)
    first, second = sorted(plans.versions(db, sid), key=lambda v: v.version)
    restored = plans.restore(db, sid, 1, author="facilitator", played=2)
    assert restored.rounds[:2] == second.rounds[:2]
    assert restored.rounds[2:] == first.rounds[2:]


def test_restoring_the_current_or_an_unknown_version_says_so(
    client: TestClient, db: Session
) -> None:
    sid = two_versions(client)
    with pytest.raises(Invalid, match="already the current plan"):
        plans.restore(db, sid, 2, author="facilitator")
    with pytest.raises(NotFound, match="no plan version 9"):
        plans.restore(db, sid, 9, author="facilitator")
