"""Sending an agenda back: before the session the facilitator returns a submitted agenda with a
note; the department head sees the note, revises and resubmits.

The exchange lives in the agenda's revision history: a ``returned`` revision carries the note
(``content["return_note"]``, next to the agenda as it stood), and the head's next submission is
a ``submit`` revision after it. Sending back makes the agenda unsubmitted again (a draft) but
changes neither its text nor its version, so a tab the head has open keeps saving.

Hook for e-mail: ``return_agenda`` answers an ``AgendaReturned`` with everything a message to
the head needs (name, e-mail, note); the caller hands it to whatever sends mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlmodel import Session, col, select

from app.domain.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from app.services.agendas.service import closed_reason
from app.services.sessions.service import get_session
from app.services.shared import notices
from app.store import repo
from app.store.models import Agenda, AgendaRevision
from app.store.types import utcnow

RETURNED: Final = "returned"
NOTE_KEY: Final = "return_note"
NOTE_MIN, NOTE_MAX = 5, 1000


@dataclass(frozen=True)
class AgendaReturned:
    """An agenda sent back: whom to tell and what the facilitator wrote."""

    session_id: str
    session_title: str
    participant_id: int
    name: str
    email: str
    note: str
    at: datetime


def return_agenda(
    db: Session, session_id: str, participant_id: int, note: str, *, author: str = "facilitator"
) -> AgendaReturned:
    """Send a submitted agenda back to its author with a note (one transaction).

    Raises:
        NotFound: no such participant in the session.
        Forbidden: agendas are closed (the deadline passed or the session is live).
        Conflict: the agenda is not submitted (nothing to send back).
        Invalid: the note is missing or too long (field ``note``).
    """
    session = get_session(db, session_id)
    person = repo.get_participant(db, session_id, participant_id)
    if person is None:
        raise NotFound(f"No participant {participant_id} in this session.")
    reason = closed_reason(session)
    if reason:
        raise Forbidden(reason)
    clean = " ".join(note.split())
    if not NOTE_MIN <= len(clean) <= NOTE_MAX:
        message = f"Say what to change in {NOTE_MIN} to {NOTE_MAX} characters."
        raise Invalid("The note needs fixing.", [FieldError("note", message)])
    row = db.exec(select(Agenda).where(Agenda.participant_id == participant_id)).first()
    if row is None or row.session_id != session_id or row.submitted_at is None:
        raise Conflict("Only a submitted agenda can be sent back; this one is not submitted.")
    assert row.id is not None
    now = utcnow()
    row.submitted_at = None
    row.updated_at = now
    db.add(row)
    db.add(
        AgendaRevision(
            agenda_id=row.id,
            version=row.version,
            action=RETURNED,
            author=author,
            at=now,
            content={**row.content, NOTE_KEY: clean},
        )
    )
    notices.after_agenda_returned(db, session_id, participant_id, clean)  # same transaction
    db.commit()
    return AgendaReturned(
        session_id=session_id,
        session_title=session.title,
        participant_id=participant_id,
        name=person.name,
        email=person.email,
        note=clean,
        at=now,
    )


def pending_note(db: Session, participant_id: int) -> str | None:
    """The facilitator's note while the agenda it returned has not been resubmitted."""
    row = db.exec(select(Agenda).where(Agenda.participant_id == participant_id)).first()
    if row is None or row.submitted_at is not None:
        return None
    last = db.exec(
        select(AgendaRevision)
        .where(AgendaRevision.agenda_id == row.id, col(AgendaRevision.action) != "draft")
        .order_by(col(AgendaRevision.id).desc())
    ).first()
    if last is None or last.action != RETURNED:
        return None
    return str(last.content.get(NOTE_KEY) or "") or None
