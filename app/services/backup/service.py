"""Session backup: one session, everything it owns, as a versioned JSON document — and back.

The format is documented in ``docs/backup.md``. Decisions:

- Rows keep their ids. Board documents, plans, agendas and live events refer to participants
  and goals by id, so keeping them is what makes the round trip lossless. An import therefore
  goes into a database that does not hold those ids yet (an empty one, or another instance); a
  clash is refused as a whole, nothing is half-imported.
- Access links keep their hashes and nonces, never raw tokens: after a restore the old links
  work again (the point of a backup). Links are shown again only under the same
  ``ROUNDTABLE_SECRET_KEY``; ``new_links=True`` instead issues fresh tokens for every active link
  and reports them, and the old ones stop working.
- Every row must belong to the backed-up session (and reference only its own participants,
  goals and agendas): an import can never add rows to another session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from sqlalchemy import (
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, SQLModel

from app.domain.errors import Conflict, Invalid
from app.services.backup.document import (
    FORMAT,
    ROW_TABLES,
    SERIAL_TABLES,
    VERSION,
    parse_document,
    table_of,
    typed_rows,
)
from app.services.links import service as links
from app.services.links.schemas import Role
from app.services.sessions.service import get_session
from app.store import repo
from app.store.models import (
    AccessLink,
    Agenda,
    AgendaRevision,
    BoardState,
    LeadershipSession,
    LiveEvent,
    Series,
    SeriesMember,
)
from app.store.types import utcnow


@dataclass(frozen=True)
class IssuedLink:
    """A fresh link handed out on import (``new_links``)."""

    role: str
    participant_id: int | None
    name: str
    url: str


@dataclass(frozen=True)
class ImportResult:
    """What an import restored."""

    session_id: str
    title: str
    rows: dict[str, int]
    series: str | None
    facilitator_url: str | None
    new_links: list[IssuedLink] = field(default_factory=list)


def _plain(values: Any) -> dict[str, Any]:
    return {
        name: value.isoformat() if isinstance(value, date) else value  # datetimes too
        for name, value in dict(values).items()
    }


def _dump(db: Session, model: type[SQLModel], session_id: str, order: str) -> list[dict[str, Any]]:
    table = table_of(model)
    where: ColumnElement[bool]
    if model is AgendaRevision:
        agendas = table_of(Agenda)
        mine = select(agendas.c.id).where(agendas.c.session_id == session_id)
        where = table.c.agenda_id.in_(mine)
    elif model is LeadershipSession:
        where = table.c.id == session_id
    else:
        where = table.c.session_id == session_id
    query = select(table).where(where).order_by(table.c[order])
    return [_plain(row) for row in db.execute(query).mappings()]


def export_session(db: Session, session_id: str) -> dict[str, Any]:
    """The whole session as a JSON-ready document (format ``VERSION``).

    Raises:
        NotFound: no such session.
    """
    get_session(db, session_id)
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": utcnow().isoformat(),
        "session": _dump(db, LeadershipSession, session_id, "id")[0],
        "series": _series_part(db, session_id),
    }
    for name, model in ROW_TABLES.items():
        document[name] = _dump(db, model, session_id, "seq" if model is LiveEvent else "id")
    board = _dump(db, BoardState, session_id, "session_id")
    document["board"] = board[0] if board else None
    return document


def _series_part(db: Session, session_id: str) -> dict[str, Any] | None:
    member = db.get(SeriesMember, session_id)
    series = repo.get_series_of(db, session_id)
    if member is None or series is None:
        return None
    values = {c.name: getattr(series, c.name) for c in table_of(Series).columns}
    return {**_plain(values), "added_at": member.added_at.isoformat()}


def import_session(
    db: Session,
    document: Any,
    *,
    keys: links.LinkKeys | None = None,
    new_links: bool = False,
) -> ImportResult:
    """Restore a backed-up session with every row as it was; one transaction.

    Args:
        keys: to show the facilitator link again (same secret key) or issue new links.
        new_links: issue a new token for every active link (the old ones stop working).

    Raises:
        Invalid: not a backup of a known version, or rows that do not fit (``errors`` say where).
        Conflict: the session, or rows with the same ids or link hashes, already exist.
    """
    rows = parse_document(document)
    session_id = str(rows["session"][0]["id"])
    _check_free(db, rows)
    try:
        series_id = _restore_series(db, document.get("series"), session_id)
        tables: list[tuple[str, type[SQLModel]]] = [("session", LeadershipSession)]
        for name, model in [*tables, *ROW_TABLES.items()]:
            if rows[name]:
                db.execute(insert(table_of(model)), rows[name])
        if rows["board"]:
            db.execute(insert(table_of(BoardState)), rows["board"])
        if series_id is not None:
            db.execute(insert(table_of(SeriesMember)), rows["series_member"])
        _move_sequences(db)
        db.commit()
    except (IntegrityError, DBAPIError, StatementError) as error:
        db.rollback()
        detail = str(getattr(error, "orig", error)).splitlines()[0][:300]
        raise Invalid(f"The backup does not fit this database: {detail}") from None
    session = repo.get_session(db, session_id)
    assert session is not None
    issued = _reissue(db, keys, session_id) if new_links and keys is not None else []
    return ImportResult(
        session_id=session_id,
        title=session.title,
        rows={name: len(rows[name]) for name in ("session", *ROW_TABLES, "board")},
        series=series_id,
        facilitator_url=_facilitator_url(db, keys, session_id),
        new_links=issued,
    )


def _check_free(db: Session, rows: dict[str, list[dict[str, Any]]]) -> None:
    session_id = rows["session"][0]["id"]
    if repo.get_session(db, session_id) is not None:
        raise Conflict(f"Session {session_id} already exists in this database.")
    taken = []
    for name in SERIAL_TABLES:
        ids = [row["id"] for row in rows[name] if row["id"] is not None]
        table = table_of(ROW_TABLES[name])
        found = db.execute(select(table.c.id).where(table.c.id.in_(ids))).scalars().all()
        if found:
            taken.append(f"{name} {', '.join(str(i) for i in sorted(found)[:5])}")
    hashes = [row["token_hash"] for row in rows["access_links"]]
    link_table = table_of(AccessLink)
    query = select(func.count()).where(link_table.c.token_hash.in_(hashes))
    if db.execute(query).scalar_one():
        taken.append("access link hashes")
    if taken:
        raise Conflict(
            "This database already holds rows with the backup's ids ("
            + "; ".join(taken)
            + "). Restore into an empty database."
        )


def _restore_series(db: Session, raw: Any, session_id: str) -> str | None:
    if not raw:
        return None
    values = {k: v for k, v in raw.items() if k != "added_at"}
    series_rows = typed_rows("series", Series, [values], single=True)
    wanted = series_rows[0]
    existing = repo.get_series(db, wanted["id"])
    if existing is None:
        db.execute(insert(table_of(Series)), series_rows)
    elif existing.key_hash != wanted["key_hash"]:
        raise Conflict("Another series with the same id but a different key exists here.")
    return str(wanted["id"])


def _move_sequences(db: Session) -> None:
    if db.get_bind().dialect.name != "postgresql":
        return  # SQLite hands out max(id) + 1 by itself
    for name in SERIAL_TABLES:
        db.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"
            )
        )


def _facilitator_url(db: Session, keys: links.LinkKeys | None, session_id: str) -> str | None:
    if keys is None:
        return None
    for link in repo.list_active_links_for(db, session_id, "facilitator", None):
        url = links.displayable_url(keys, link)
        if url:
            return url
    return None


def _reissue(db: Session, keys: links.LinkKeys, session_id: str) -> list[IssuedLink]:
    names = {p.id: p.name for p in repo.list_participants(db, session_id)}
    issued = []
    for old in list(repo.list_links(db, session_id, active_only=True)):
        role = cast(Role, old.role)
        _, token = links.issue_link(db, keys, session_id, role, old.participant_id)
        name = names.get(old.participant_id, "") if old.participant_id else ""
        issued.append(IssuedLink(old.role, old.participant_id, name, keys.url_for(token)))
    db.commit()
    return issued
