"""Use cases for agendas: drafts, submission, the facilitator's overview and preview."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, select

from app.domain.agenda.rules import (
    AgendaContent,
    AgendaStatus,
    AgendaWindow,
    DependencyEdge,
    agenda_status,
    dependency_preview,
    draft_errors,
    editing_closed_reason,
    framing_errors,
    framing_findings,
    keep_valid_fields,
    submission_errors,
)
from app.domain.errors import Conflict, FieldError, Forbidden, Invalid, NotFound
from app.domain.framing.check import FramingMode, FramingResult
from app.services.agendas.schemas import AgendaInput
from app.services.links.schemas import Principal
from app.services.sessions.service import get_session
from app.store import repo
from app.store.models import Agenda, AgendaRevision, LeadershipSession, Participant
from app.store.types import utcnow

# Autosaves by the same author within this window update one revision instead of adding many.
COALESCE_WINDOW = timedelta(minutes=2)


@dataclass(frozen=True)
class AgendaView:
    """One agenda as its owner or the facilitator sees it."""

    participant: Participant
    content: AgendaContent
    version: int
    submitted: bool
    status: AgendaStatus
    findings: dict[str, FramingResult]
    closed_reason: str | None
    updated_at: Any


def content_from(values: dict[str, Any]) -> AgendaContent:
    """Stored or submitted values as content (unknown keys ignored, targets as a tuple)."""
    known = {k: v for k, v in values.items() if k in AgendaContent.__dataclass_fields__}
    known["butterfly_targets"] = tuple(known.get("butterfly_targets") or ())
    return AgendaContent(**known)


def content_of(data: AgendaInput) -> AgendaContent:
    """The agenda input (API body or form) as domain content."""
    return content_from(data.model_dump(exclude={"version"}))


def author_label(db: Session, who: Principal) -> str:
    """How a revision names its author: "Dana Lee (participant)", or the role alone."""
    if who.participant_id is None:
        return who.role
    person = repo.get_participant(db, who.session_id, who.participant_id)
    return f"{person.name} ({who.role})" if person else who.role


def closed_reason(session: LeadershipSession) -> str | None:
    """Why the session's agendas are read-only now, or None."""
    return editing_closed_reason(
        now=utcnow(),
        deadline=session.agenda_deadline,
        window=AgendaWindow(session.agenda_window),
        live=session_is_live(session),
    )


def session_is_live(session: LeadershipSession) -> bool:
    """Whether the session has gone live (its clock was started); agendas close then."""
    return session.went_live_at is not None


def get_view(db: Session, session_id: str, participant_id: int) -> AgendaView:
    """Load an agenda (an empty one when not started)."""
    session = get_session(db, session_id)
    person = repo.get_participant(db, session_id, participant_id)
    if person is None:
        raise NotFound(f"No participant {participant_id} in this session.")
    row = _row(db, participant_id)
    content = content_from(row.content) if row else AgendaContent()
    findings = _framing(db, session_id, content)
    submitted = bool(row and row.submitted_at)
    return AgendaView(
        participant=person,
        content=content,
        version=row.version if row else 0,
        submitted=submitted,
        status=agenda_status(content, submitted, findings),
        findings=findings,
        closed_reason=closed_reason(session),
        updated_at=row.updated_at if row else None,
    )


def save(
    db: Session,
    session_id: str,
    participant_id: int,
    content: AgendaContent,
    *,
    submit: bool,
    author: str,
    base_version: int | None = None,
) -> AgendaView:
    """Save an agenda: a draft (work in progress) or, with ``submit``, the complete agenda,
    which stays editable until agendas close.

    A draft may be partial but not oversize or point at unknown goals; a submission must meet
    every rule, and in required-to-fix mode an issue that reads as a complaint counts as broken.

    Raises:
        Forbidden: agendas are read-only now.
        Conflict: ``base_version`` is stale (changed in another tab); nothing is overwritten.
        Invalid: a rule is broken (each field error says which and why).
    """
    session = _editable_session(db, session_id)
    goal_ids = _goal_ids(db, session_id)
    if submit:
        person = repo.get_participant(db, session_id, participant_id)
        assert person is not None
        errors = submission_errors(content, goal_ids=goal_ids, own_department=person.department)
        mode = FramingMode(session.framing_mode)
        errors += framing_errors(_framing(db, session_id, content), mode)
        message = "The agenda is not complete yet; see the marked fields."
    else:
        errors = draft_errors(content, goal_ids=goal_ids)
        message = "Some fields need fixing before the draft can be saved."
    if errors:
        raise Invalid(message, errors)
    _store(db, session, participant_id, content, author, base_version, submit=submit)
    return get_view(db, session_id, participant_id)


@dataclass(frozen=True)
class PartialSave:
    """An autosave that stored every valid field; ``unsaved`` says which were not, and why."""

    view: AgendaView
    unsaved: list[FieldError]


def save_draft_fields(
    db: Session,
    session_id: str,
    participant_id: int,
    content: AgendaContent,
    *,
    author: str,
    base_version: int | None = None,
    rejected: Sequence[FieldError] = (),
) -> PartialSave:
    """Save each draft field that is valid; an invalid one keeps its stored value.

    ``rejected`` are fields the caller could not even parse; they keep their stored value too.

    Raises:
        Forbidden: agendas are read-only now.
        Conflict: ``base_version`` is stale; nothing is overwritten.
    """
    session = _editable_session(db, session_id)
    row = _row(db, participant_id)
    stored = content_from(row.content) if row else AgendaContent()
    merged, errors = keep_valid_fields(
        content, stored, goal_ids=_goal_ids(db, session_id), rejected=[e.field for e in rejected]
    )
    _store(db, session, participant_id, merged, author, base_version, submit=False)
    return PartialSave(get_view(db, session_id, participant_id), [*rejected, *errors])


def revisions(db: Session, session_id: str, participant_id: int) -> list[AgendaRevision]:
    """Every revision of an agenda, newest first (none when it is not started).

    Raises:
        NotFound: no such participant in this session.
    """
    if repo.get_participant(db, session_id, participant_id) is None:
        raise NotFound(f"No participant {participant_id} in this session.")
    row = _row(db, participant_id)
    if row is None or row.session_id != session_id:
        return []
    query = (
        select(AgendaRevision)
        .where(AgendaRevision.agenda_id == row.id)
        .order_by(col(AgendaRevision.id).desc())
    )
    return list(db.exec(query).all())


def overview(db: Session, session_id: str) -> list[AgendaView]:
    """Every participant's agenda view, in participant order."""
    return [
        get_view(db, session_id, person.id)
        for person in repo.list_participants(db, session_id)
        if person.id is not None
    ]


def preview(views: list[AgendaView]) -> list[DependencyEdge]:
    """Which departments point their butterfly issues at which (drafts included)."""
    return dependency_preview(
        [(v.participant.department, v.content.butterfly_targets) for v in views]
    )


def _editable_session(db: Session, session_id: str) -> LeadershipSession:
    session = get_session(db, session_id)
    reason = closed_reason(session)
    if reason:
        raise Forbidden(reason)
    return session


def _store(
    db: Session,
    session: LeadershipSession,
    participant_id: int,
    content: AgendaContent,
    author: str,
    base_version: int | None,
    *,
    submit: bool,
) -> None:
    row = _row(db, participant_id) or Agenda(
        session_id=session.id, participant_id=participant_id, content={}
    )
    if base_version is not None and base_version != row.version:
        raise Conflict(
            "This agenda was changed elsewhere (another tab or device) since you opened it. "
            "Your text is still here; copy it, reload, and merge."
        )
    now = utcnow()
    row.content = content.as_dict()
    row.version += 1
    row.updated_at = now
    row.flagged = any(r.complaint for r in _framing(db, session.id, content).values())
    if submit:
        row.submitted_at = now
    db.add(row)
    db.flush()
    _record_revision(db, row, author, "submit" if submit else "draft")
    db.commit()


def _record_revision(db: Session, row: Agenda, author: str, action: str) -> None:
    assert row.id is not None
    last = db.exec(
        select(AgendaRevision)
        .where(AgendaRevision.agenda_id == row.id)
        .order_by(col(AgendaRevision.id).desc())
    ).first()
    now = row.updated_at
    if (
        last is not None
        and action == "draft"
        and last.action == "draft"
        and last.author == author
        and now - last.at < COALESCE_WINDOW
    ):
        last.content, last.version, last.at = row.content, row.version, now
        db.add(last)
        return
    db.add(
        AgendaRevision(
            agenda_id=row.id,
            version=row.version,
            action=action,
            author=author,
            at=now,
            content=row.content,
        )
    )


def _row(db: Session, participant_id: int) -> Agenda | None:
    return db.exec(select(Agenda).where(Agenda.participant_id == participant_id)).first()


def _goal_ids(db: Session, session_id: str) -> set[int]:
    return {g.id for g in repo.list_goals(db, session_id) if g.id is not None}


def _framing(db: Session, session_id: str, content: AgendaContent) -> dict[str, FramingResult]:
    """The framing check's findings per field, knowing the session's people and teams."""
    return framing_findings(
        content, people_names=_names(db, session_id), team_names=_teams(db, session_id)
    )


def _names(db: Session, session_id: str) -> list[str]:
    return [p.name for p in repo.list_participants(db, session_id)]


def _teams(db: Session, session_id: str) -> list[str]:
    """The session's departments, so the framing check knows them as teams."""
    return sorted({p.department for p in repo.list_participants(db, session_id)})
