"""Use cases for the department heads of a session, including CSV import.

Adding people from the facilitator page and from the API is one use case, ``invite``
(``import_csv`` for a file): the participant and their personal invite link are stored in one
transaction, so nobody is ever in the session without a link to it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pydantic import ValidationError
from sqlmodel import Session

from app.domain.errors import FieldError, Invalid, NotFound
from app.services.links import service as links
from app.services.people.schemas import (
    ImportRejection,
    ParticipantCreate,
    ParticipantPublic,
    ParticipantUpdate,
)
from app.services.sessions.service import get_session
from app.services.shared.validation import field_errors
from app.store import repo
from app.store.models import AccessLink, Participant

MAX_IMPORT_ROWS = 500
# Spreadsheet exports name columns many ways; these are the ones people actually use.
COLUMN_ALIASES: dict[str, str] = {
    "name": "name",
    "full name": "name",
    "email": "email",
    "e-mail": "email",
    "email address": "email",
    "department": "department",
    "team": "department",
    "department/team": "department",
    "title": "title",
    "job title": "title",
    "role": "title",
}
REQUIRED_COLUMNS = ("name", "email", "department")


def to_public(person: Participant) -> ParticipantPublic:
    """The participant as the API shows it."""
    assert person.id is not None
    return ParticipantPublic(
        id=person.id,
        name=person.name,
        email=person.email,
        department=person.department,
        title=person.title,
    )


@dataclass(frozen=True)
class Invited:
    """A department head just added, with their personal link and its token (shown once here;
    the facilitator page can show an active link again)."""

    participant: Participant
    link: AccessLink
    token: str


def invite(db: Session, keys: links.LinkKeys, session_id: str, data: ParticipantCreate) -> Invited:
    """Add one department head and issue their personal invite link, in one transaction.

    Raises:
        NotFound: no such session.
        Invalid: the email is already taken in this session.
    """
    person = _add(db, session_id, data)
    assert person.id is not None
    link, token = links.issue_link(db, keys, session_id, "participant", person.id)
    db.commit()
    db.refresh(person)
    db.refresh(link)
    return Invited(person, link, token)


def add_participant(db: Session, session_id: str, data: ParticipantCreate) -> Participant:
    """Add one department head without a link (``invite`` is the use case; this is for tests
    and tools that issue links themselves).

    Raises:
        NotFound: no such session.
        Invalid: the email is already taken in this session.
    """
    person = _add(db, session_id, data)
    db.commit()
    db.refresh(person)
    return person


def _add(db: Session, session_id: str, data: ParticipantCreate) -> Participant:
    get_session(db, session_id)
    _check_email_free(db, session_id, data.email, except_id=None)
    person = Participant(session_id=session_id, **data.model_dump())
    db.add(person)
    db.flush()
    return person


def update_participant(
    db: Session, session_id: str, participant_id: int, data: ParticipantUpdate
) -> Participant:
    """Change a participant's details."""
    person = get_participant(db, session_id, participant_id)
    changes = data.model_dump(exclude_none=True)
    if "email" in changes:
        _check_email_free(db, session_id, changes["email"], except_id=participant_id)
    for key, value in changes.items():
        setattr(person, key, value)
    db.add(person)
    db.commit()
    db.refresh(person)
    return person


def get_participant(db: Session, session_id: str, participant_id: int) -> Participant:
    """Load a participant of this session.

    Raises:
        NotFound: not in this session.
    """
    person = repo.get_participant(db, session_id, participant_id)
    if person is None:
        raise NotFound(f"No participant {participant_id} in this session.")
    return person


def import_csv(
    db: Session, keys: links.LinkKeys, session_id: str, content: bytes
) -> tuple[list[Participant], list[ImportRejection]]:
    """Add every valid row of a CSV file, each with a personal invite link, in one transaction;
    report each rejected row with its reasons.

    Valid rows are saved even when others are rejected, so fixing the file and importing again
    only needs the rejected rows (already-present emails are reported, not duplicated).

    Raises:
        Invalid: the file is not UTF-8 CSV, lacks required columns, or is too long.
    """
    get_session(db, session_id)
    rows = _read_rows(content)
    taken = {p.email for p in repo.list_participants(db, session_id)}
    created: list[Participant] = []
    rejected: list[ImportRejection] = []
    for line, values in rows:
        problems = _row_problems(values, taken)
        if isinstance(problems, ParticipantCreate):
            person = Participant(session_id=session_id, **problems.model_dump())
            db.add(person)
            taken.add(problems.email)
            created.append(person)
        else:
            rejected.append(ImportRejection(row=line, values=values, errors=problems))
    db.flush()
    for person in created:
        assert person.id is not None
        links.issue_link(db, keys, session_id, "participant", person.id)
    db.commit()
    for person in created:
        db.refresh(person)
    return created, rejected


def _row_problems(
    values: dict[str, str], taken: set[str]
) -> ParticipantCreate | list[dict[str, str]]:
    try:
        data = ParticipantCreate.model_validate(values)
    except ValidationError as error:
        return [{"field": e.field, "message": e.message} for e in field_errors(error.errors())]
    if data.email in taken:
        return [{"field": "email", "message": f"{data.email} is already in this session."}]
    return data


def _read_rows(content: bytes) -> list[tuple[int, dict[str, str]]]:
    def bad(message: str) -> Invalid:
        return Invalid(message, [FieldError("file", message)])

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise bad("The file is not UTF-8 text; save it as “CSV UTF-8” and try again.") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    lines = _checked(reader, bad)
    header = next(lines, None)
    if not header:
        raise bad("The file is empty; the first line must name the columns.")
    columns = [COLUMN_ALIASES.get(h.strip().casefold(), "") for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise bad(
            "The first line must name the columns name, email, department (and optionally "
            f"title); missing: {', '.join(missing)}."
        )
    rows: list[tuple[int, dict[str, str]]] = []
    for cells in lines:
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_IMPORT_ROWS:
            raise bad(f"At most {MAX_IMPORT_ROWS} people per import; split the file.")
        values = {column: cell for column, cell in zip(columns, cells, strict=False) if column}
        rows.append((reader.line_num, values))
    return rows


def _checked(reader: Iterator[list[str]], bad: Callable[[str], Invalid]) -> Iterator[list[str]]:
    """The reader's rows; a malformed file is the uploader's mistake (422), not a crash."""
    try:
        yield from reader
    except csv.Error as error:
        raise bad(f"The file is not valid CSV ({error}); save it as “CSV UTF-8”.") from None


def _check_email_free(db: Session, session_id: str, email: str, except_id: int | None) -> None:
    other = repo.get_participant_by_email(db, session_id, email)
    if other is not None and other.id != except_id:
        message = f"{email} is already in this session ({other.name})."
        raise Invalid(message, [FieldError("email", message)])


def list_public(db: Session, session_id: str) -> Sequence[ParticipantPublic]:
    """All participants of a session, by department then name."""
    return [to_public(p) for p in repo.list_participants(db, session_id)]
