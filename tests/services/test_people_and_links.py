"""People and their links: changing a person, re-issuing and revoking links, removing someone,
each with the live event that closes the old link's sockets (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.domain.errors import Invalid, NotFound, UnknownLink
from app.services.links import service as links
from app.services.live import link_changes
from app.services.people import service as participants
from app.services.people.schemas import ParticipantUpdate
from app.store import repo
from tests.services.test_use_cases import KEYS, person, with_people


def test_a_changed_email_is_stored_lowercase_and_a_taken_one_is_refused(any_db: Session) -> None:
    sid, ids = with_people(any_db)
    taken = participants.get_participant(any_db, sid, ids[1]).email

    participants.update_participant(any_db, sid, ids[0], ParticipantUpdate(email="NEW@Example.com"))
    with pytest.raises(Invalid) as refused:
        participants.update_participant(any_db, sid, ids[0], ParticipantUpdate(email=taken))
    any_db.rollback()

    assert [e.field for e in refused.value.errors] == ["email"]

    assert participants.get_participant(any_db, sid, ids[0]).email == "new@example.com"
    shown = {p.id: p.email for p in participants.list_public(any_db, sid)}
    assert shown[ids[0]] == "new@example.com"


def test_reissuing_a_link_stops_the_old_one_and_announces_it(any_db: Session) -> None:
    sid, _ = with_people(any_db)
    invited = participants.invite(any_db, KEYS, sid, person("Ravi Shah", "Legal"))
    old_link, old_token = invited.link, invited.token
    assert old_link.id is not None

    link, token, events = link_changes.reissue(
        any_db, KEYS, sid, "participant", invited.participant.id
    )

    assert [(e.type, e.data) for e in events] == [("link_revoked", {"link_id": old_link.id})]
    assert links.resolve_token(any_db, token).participant_id == invited.participant.id
    with pytest.raises(UnknownLink):
        links.resolve_token(any_db, old_token)
    assert link.id != old_link.id


def test_a_revoked_link_no_longer_lets_anyone_in(any_db: Session) -> None:
    sid, _ = with_people(any_db)
    invited = participants.invite(any_db, KEYS, sid, person("Ravi Shah", "Legal"))
    assert invited.link.id is not None

    link, events = link_changes.revoke(any_db, sid, invited.link.id)

    assert link.revoked_at is not None
    assert [e.type for e in events] == ["link_revoked"]
    with pytest.raises(UnknownLink):
        links.resolve_token(any_db, invited.token)


def test_removing_a_person_takes_their_link_and_closes_its_sockets(any_db: Session) -> None:
    sid, ids = with_people(any_db)
    active = [link.id for link in repo.list_active_links_for(any_db, sid, "participant", ids[0])]
    assert len(active) == 1

    events = link_changes.remove_participant(any_db, sid, ids[0])

    assert [e.data["link_id"] for e in events] == active
    with pytest.raises(NotFound):
        participants.get_participant(any_db, sid, ids[0])
    assert repo.list_active_links_for(any_db, sid, "participant", ids[0]) == []
    assert len(participants.list_public(any_db, sid)) == 5
