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


def demo_content(db: Session, sid: str) -> AgendaContent:
    goal_ids = [g.id for g in repo.list_goals(db, sid) if g.id is not None]
    return agendas.content_from(agenda_values(DEMO_AGENDAS[SIX[0][0]], goal_ids))


def test_a_draft_then_a_submission_are_two_revisions_newest_first(db: Session) -> None:
    sid, ids = with_people(db)
    content = demo_content(db, sid)
    partial = dataclasses.replace(content, pressing_ask="")

    draft = agendas.save_draft(db, sid, ids[0], partial, author="Dana")
    assert (draft.submitted, draft.version) == (False, 1)
    sent = agendas.submit(db, sid, ids[0], content, author="Dana", base_version=draft.version)

    assert (sent.submitted, sent.version) == (True, 2)
    assert agendas.get_view(db, sid, ids[0]).content == content
    assert [r.version for r in agendas.revisions(db, sid, ids[0])] == [2, 1]
    submitted = {v.participant.id for v in agendas.overview(db, sid) if v.submitted}
    assert submitted == {ids[0]}


def test_a_save_from_a_stale_version_is_refused_and_keeps_the_newer_text(db: Session) -> None:
    sid, ids = with_people(db)
    content = demo_content(db, sid)
    first = agendas.save_draft(db, sid, ids[0], content, author="Dana")
    agendas.save_draft(db, sid, ids[0], content, author="Dana", base_version=first.version)
    older = dataclasses.replace(content, what_we_do="Written in another tab")

    with pytest.raises(Conflict):
        agendas.save_draft(db, sid, ids[0], older, author="Dana", base_version=first.version)
    db.rollback()

    assert agendas.get_view(db, sid, ids[0]).content.what_we_do == content.what_we_do


def test_an_incomplete_agenda_cannot_be_submitted(db: Session) -> None:
    sid, ids = with_people(db)
    empty = dataclasses.replace(demo_content(db, sid), pressing_issue="")

    with pytest.raises(Invalid) as refused:
        agendas.submit(db, sid, ids[0], empty, author="Dana")
    db.rollback()

    assert "pressing_issue" in [e.field for e in refused.value.errors]
    assert agendas.get_view(db, sid, ids[0]).status == "not_started"


def test_a_returned_agenda_is_a_draft_again_with_the_note_until_resubmitted(db: Session) -> None:
    sid, ids = with_people(db, agendas_from=1)

    told = returns.return_agenda(db, sid, ids[0], "Name one team you push onto.")

    assert (told.participant_id, told.note) == (ids[0], "Name one team you push onto.")
    assert agendas.get_view(db, sid, ids[0]).submitted is False
    assert returns.pending_note(db, ids[0]) == "Name one team you push onto."
    with pytest.raises(Conflict):  # nothing submitted to send back now
        returns.return_agenda(db, sid, ids[0], "Again, please.")
    db.rollback()

    agendas.submit(db, sid, ids[0], demo_content(db, sid), author="Dana")
    assert returns.pending_note(db, ids[0]) is None


def test_returning_needs_a_note(db: Session) -> None:
    sid, ids = with_people(db, agendas_from=1)

    with pytest.raises(Invalid) as refused:
        returns.return_agenda(db, sid, ids[0], "  ")
    db.rollback()

    assert [e.field for e in refused.value.errors] == ["note"]
    assert agendas.get_view(db, sid, ids[0]).submitted is True
