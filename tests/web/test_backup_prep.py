"""Backup and restore carry prep cards and follow-ups: the author reads theirs after a restore."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.domain.errors import Invalid
from app.main import create_app
from app.services.backup import service as backup
from app.store.engine import make_engine
from tests.conftest import BASE_URL, make_settings
from tests.factories import bearer
from tests.web.test_api_itinerary import planned
from tests.web.test_backup import KEYS, empty_db_url  # noqa: F401  (fixture)


def test_prep_cards_survive_export_and_restore(
    client: TestClient,
    empty_db_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    made, people, tokens = planned(client)
    url = f"/api/v1/sessions/{made.id}/me/prep/{people[1]['id']}"
    card = {"for_them": "Cash sooner", "my_ask": "Could you confirm limits in a day?"}
    assert client.put(url, json=card, headers=bearer(tokens[0])).status_code == 200
    follow_up = {"text": "Marcus checks limits by Friday", "due": "2031-05-02", "round_no": 1}
    saved = client.put(
        f"/api/v1/sessions/{made.id}/me/follow-ups/{people[1]['id']}",
        json=follow_up,
        headers=bearer(tokens[0]),
    )
    assert saved.status_code == 200, saved.text
    document = client.get(
        f"/api/v1/sessions/{made.id}/backup", headers=bearer(made.facilitator)
    ).json()
    assert [c["my_ask"] for c in document["prep_cards"]] == [card["my_ask"]]

    engine = make_engine(empty_db_url)
    with Session(engine) as db:
        result = backup.import_session(db, document, keys=KEYS)
        assert result.rows["prep_cards"] == 1
        assert result.rows["follow_ups"] == 1
    engine.dispose()
    app = create_app(make_settings(empty_db_url, tmp_path))
    with TestClient(app, base_url=BASE_URL) as restored:
        again = restored.get(url, headers=bearer(tokens[0])).json()
        assert (again["for_them"], again["my_ask"]) == (card["for_them"], card["my_ask"])
        other = restored.get(url, headers=bearer(tokens[2])).json()
        assert other["for_them"] == ""
        mine = restored.get(
            f"/api/v1/sessions/{made.id}/me/follow-ups", headers=bearer(tokens[0])
        ).json()
        assert [(f["text"], f["due"]) for f in mine] == [(follow_up["text"], follow_up["due"])]
    app.state.engine.dispose()


def test_a_prep_card_pointing_outside_the_backup_is_refused(client: TestClient) -> None:
    made, people, tokens = planned(client)
    url = f"/api/v1/sessions/{made.id}/me/prep/{people[1]['id']}"
    client.put(url, json={"for_them": "Cash sooner"}, headers=bearer(tokens[0]))
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        document = backup.export_session(db, made.id)
    forged = copy.deepcopy(document)
    forged["prep_cards"][0]["counterpart_id"] = 999_999
    with Session(client.app.state.engine) as db, pytest.raises(Invalid) as error:  # type: ignore[attr-defined]
        backup.import_session(db, forged)
    assert error.value.errors[0].field == "prep_cards.0.counterpart_id"
