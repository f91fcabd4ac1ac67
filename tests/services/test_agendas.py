"""Agendas: drafts, submission, a stale save, revisions, sending one back (SQLite, PostgreSQL)."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import Session

from app.domain.agenda.rules import AgendaContent
from app.domain.errors import Conflict, Invalid
from app.services.agendas import returns
from app.services.agendas import service as agendas
from app.services.demo.agendas import DEMO_AGENDAS, agenda_values
from app.store import repo
from tests.services.test_use_cases import SIX, with_people


def demo_content(any_db: Session, sid: str) -> AgendaContent:
    goal_ids = [g.id for g in repo.list_goals(any_db, sid) if g.id is not None]
    return agendas.content_from(agenda_values(DEMO_AGENDAS[SIX[0][0]], goal_ids))


def test_a_draft_then_a_submission_are_two_revisions_newest_first(any_db: Session) -> None:
    sid, ids = with_people(any_db)
    content = demo_content(any_db, sid)
    partial = dataclasses.replace(content, pressing_ask="")

    draft = agendas.save(any_db, sid, ids[0], partial, submit=False, author="Dana")
    assert (draft.submitted, draft.version) == (False, 1)
    sent = agendas.save(
        any_db, sid, ids[0], content, submit=True, author="Dana", base_version=draft.version
    )

    assert (sent.submitted, sent.version) == (True, 2)
    assert agendas.get_view(any_db, sid, ids[0]).content == content
    assert [r.version for r in agendas.revisions(any_db, sid, ids[0])] == [2, 1]
    submitted = {v.participant.id for v in agendas.overview(any_db, sid) if v.submitted}
    assert submitted == {ids[0]}


def test_a_save_from_a_stale_version_is_refused_and_keeps_the_newer_text(any_db: Session) -> None:
    sid, ids = with_people(any_db)
    content = demo_content(any_db, sid)
    first = agendas.save(any_db, sid, ids[0], content, submit=False, author="Dana")
    agendas.save(
        any_db, sid, ids[0], content, submit=False, author="Dana", base_version=first.version
    )
    older = dataclasses.replace(content, what_we_do="Written in another tab")

    with pytest.raises(Conflict):
        agendas.save(
            any_db, sid, ids[0], older, submit=False, author="Dana", base_version=first.version
        )
    any_db.rollback()

    assert agendas.get_view(any_db, sid, ids[0]).content.what_we_do == content.what_we_do


def test_an_incomplete_agenda_cannot_be_submitted(any_db: Session) -> None:
    sid, ids = with_people(any_db)
    empty = dataclasses.replace(demo_content(any_db, sid), pressing_issue="")

    with pytest.raises(Invalid) as refused:
        agendas.save(any_db, sid, ids[0], empty, submit=True, author="Dana")
    any_db.rollback()

    assert "pressing_issue" in [e.field for e in refused.value.errors]
    assert agendas.get_view(any_db, sid, ids[0]).status == "not_started"


def test_a_returned_agenda_is_a_draft_again_with_the_note_until_resubmitted(
    any_db: Session,
) -> None:
    sid, ids = with_people(any_db, agendas_from=1)

    told = returns.return_agenda(any_db, sid, ids[0], "Name one team you push onto.")

    assert (told.participant_id, told.note) == (ids[0], "Name one team you push onto.")
    assert agendas.get_view(any_db, sid, ids[0]).submitted is False
    assert returns.pending_note(any_db, ids[0]) == "Name one team you push onto."
    with pytest.raises(Conflict):  # nothing submitted to send back now
        returns.return_agenda(any_db, sid, ids[0], "Again, please.")
    any_db.rollback()

    agendas.save(any_db, sid, ids[0], demo_content(any_db, sid), submit=True, author="Dana")
    assert returns.pending_note(any_db, ids[0]) is None


def test_returning_needs_a_note(any_db: Session) -> None:
    sid, ids = with_people(any_db, agendas_from=1)

    with pytest.raises(Invalid) as refused:
        returns.return_agenda(any_db, sid, ids[0], "  ")
    any_db.rollback()

    assert [e.field for e in refused.value.errors] == ["note"]
    assert agendas.get_view(any_db, sid, ids[0]).submitted is True
