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

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, Final, cast

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Integer,
    String,
    Table,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel

from app.domain.agenda.rules import AgendaContent
from app.domain.board.engine import Board
from app.domain.errors import Conflict, FieldError, Invalid
from app.services.board import codec as board_codec
from app.services.links import service as links
from app.services.links.schemas import Role
from app.services.plans import service as plans
from app.services.sessions.service import get_session
from app.services.shared.schemas import control_character_error
from app.store import repo
from app.store.models import (
    AccessLink,
    Agenda,
    AgendaRevision,
    BoardState,
    ClockControl,
    FollowUp,
    Goal,
    LeadershipSession,
    LiveEvent,
    Participant,
    PlanVersion,
    PrepCard,
    Series,
    SeriesMember,
)
from app.store.types import UTCDateTime, utcnow

FORMAT: Final = "roundtable.session-backup"
VERSION: Final = 1

# Backup key -> table, in the order rows are inserted (parents first).
ROW_TABLES: Final[dict[str, type[SQLModel]]] = {
    "goals": Goal,
    "participants": Participant,
    "access_links": AccessLink,
    "agendas": Agenda,
    "agenda_revisions": AgendaRevision,
    "plans": PlanVersion,
    "clock_controls": ClockControl,
    "live_events": LiveEvent,
    "prep_cards": PrepCard,
    "follow_ups": FollowUp,
}
# Tables whose integer ids come from a sequence on PostgreSQL (moved past imported ids).
SERIAL_TABLES: Final = (
    "goals",
    "participants",
    "access_links",
    "agendas",
    "agenda_revisions",
    "plans",
    "clock_controls",
    "prep_cards",
    "follow_ups",
)


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


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def _plain(values: Any) -> dict[str, Any]:
    return {
        name: value.isoformat() if isinstance(value, date) else value  # datetimes too
        for name, value in dict(values).items()
    }


def _dump(db: Session, model: type[SQLModel], session_id: str, order: str) -> list[dict[str, Any]]:
    table = _table(model)
    where: ColumnElement[bool]
    if model is AgendaRevision:
        agendas = _table(Agenda)
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
    values = {c.name: getattr(series, c.name) for c in _table(Series).columns}
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
    rows = _parse(document)
    session_id = str(rows["session"][0]["id"])
    _check_free(db, rows)
    try:
        series_id = _restore_series(db, document.get("series"), session_id)
        tables: list[tuple[str, type[SQLModel]]] = [("session", LeadershipSession)]
        for name, model in [*tables, *ROW_TABLES.items()]:
            if rows[name]:
                db.execute(insert(_table(model)), rows[name])
        if rows["board"]:
            db.execute(insert(_table(BoardState)), rows["board"])
        if series_id is not None:
            db.execute(insert(_table(SeriesMember)), rows["series_member"])
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


def _parse(document: Any) -> dict[str, list[dict[str, Any]]]:
    # Tabs and line breaks may be in stored text, never NUL or other controls (PostgreSQL
    # refuses NUL outright, and no form of ours lets one in).
    if (control := control_character_error(document, multiline=True)) is not None:
        raise Invalid(f"The backup holds text no session could: {control}")
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Invalid(
            "This is not a Roundtable session backup.",
            [FieldError("format", f'Expected "format": "{FORMAT}".')],
        )
    if document.get("version") != VERSION:
        message = f"Backup version {document.get('version')!r} is not supported (only {VERSION})."
        raise Invalid(message, [FieldError("version", message)])
    session = document.get("session")
    session_rows = _rows("session", LeadershipSession, [session] if session else [], single=True)
    if len(session_rows) != 1:
        raise Invalid("The backup holds no session.", [FieldError("session", "Missing.")])
    rows: dict[str, list[dict[str, Any]]] = {"session": session_rows}
    for name, model in ROW_TABLES.items():
        raw = document.get(name, [])
        if not isinstance(raw, list):
            raise Invalid(f"{name} must be a list.", [FieldError(name, "Must be a list.")])
        rows[name] = _rows(name, model, raw)
    board = document.get("board")
    rows["board"] = _rows("board", BoardState, [board] if board else [], single=True)
    series = document.get("series")
    if series is not None and not isinstance(series, dict):
        raise Invalid("series must be an object.", [FieldError("series", "Must be an object.")])
    if series:
        rows["series_member"] = [
            {
                "session_id": session_rows[0]["id"],
                "series_id": series.get("id"),
                "added_at": _when("series.added_at", series.get("added_at")),
            }
        ]
    _check_ownership(rows)
    _check_documents(rows)
    return rows


_TEXT_FIELDS: Final = {f.name for f in fields(AgendaContent) if f.type == "str"}


def _check_documents(rows: dict[str, list[dict[str, Any]]]) -> None:
    """The JSON columns hold what the app reads back (else the restored pages would fail)."""
    problems: list[FieldError] = []
    session = rows["session"][0]
    if not isinstance(session["ground_rules"], list) or not all(
        isinstance(rule, str) for rule in session["ground_rules"]
    ):
        problems.append(FieldError("session.ground_rules", "Expected a list of texts."))
    for name in ("agendas", "agenda_revisions"):
        for i, row in enumerate(rows[name]):
            if not _agenda_content_ok(row["content"]):
                problems.append(FieldError(f"{name}.{i}.content", "Not an agenda's content."))
    for i, row in enumerate(rows["plans"]):
        try:
            plans.rounds_from_json(row["rounds"])
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.append(FieldError(f"plans.{i}.rounds", "Not a plan's rounds."))
    for i, row in enumerate(rows["live_events"]):
        if not isinstance(row["data"], dict):
            problems.append(FieldError(f"live_events.{i}.data", "Expected an object."))
    for row in rows["board"]:
        try:
            board_codec.load(row["state"], Board())
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.append(FieldError("board.state", "Not a capture board document."))
    if problems:
        raise Invalid("Some stored documents are damaged.", problems[:20])


def _agenda_content_ok(content: Any) -> bool:
    if not isinstance(content, dict):
        return False
    for name, value in content.items():
        if name in _TEXT_FIELDS and not isinstance(value, str):
            return False
        if name.endswith("_goal_id") and value is not None and not _is_int(value):
            return False
        if name.endswith("_no_goal") and not isinstance(value, bool):
            return False
        if name == "butterfly_targets" and not (
            isinstance(value, list) and all(isinstance(t, str) for t in value)
        ):
            return False
    return True


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _rows(
    name: str, model: type[SQLModel], raw: Sequence[Any], *, single: bool = False
) -> list[dict[str, Any]]:
    columns = {c.name: c for c in _table(model).columns}
    result = []
    for index, item in enumerate(raw):
        where = name if single else f"{name}.{index}"
        if not isinstance(item, dict):
            raise Invalid(f"{where} must be an object.", [FieldError(where, "Must be an object.")])
        unknown, missing = set(item) - set(columns), set(columns) - set(item)
        if unknown or missing:
            message = f"Unknown fields {sorted(unknown)}, missing fields {sorted(missing)}."
            raise Invalid(f"{where} does not match this version.", [FieldError(where, message)])
        row = dict(item)
        for column_name, column in columns.items():
            place = f"{where}.{column_name}"
            if isinstance(column.type, UTCDateTime):
                row[column_name] = _when(place, row[column_name])
            elif isinstance(column.type, Date) and row[column_name] is not None:
                row[column_name] = _day(place, row[column_name])
            problem = _type_problem(column, row[column_name])
            if problem:
                raise Invalid(f"{place}: {problem}", [FieldError(place, problem)])
        result.append(row)
    return result


def _type_problem(column: Column[Any], value: Any) -> str | None:
    """Why ``value`` cannot go into ``column`` (None when it can), checked before any SQL."""
    if value is None:
        return None if column.nullable else "Required."
    kind = column.type
    if isinstance(kind, JSON | UTCDateTime):
        return None
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance  # e.g. SQLModel's AutoString is a String underneath
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else "Expected true or false."
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            return "Expected a whole number."
        return None if -(2**31) <= value < 2**31 else "Out of range."
    if isinstance(kind, String):
        if not isinstance(value, str):
            return "Expected text."
        if kind.length is not None and len(value) > kind.length:
            return f"At most {kind.length} characters."
    return None


def _when(where: str, value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        message = "Expected an ISO 8601 date and time with its UTC offset."
        raise Invalid(f"{where}: {message}", [FieldError(where, message)])
    return moment


def _day(where: str, value: Any) -> date:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else _not_a_day(where)
    except ValueError:
        return _not_a_day(where)


def _not_a_day(where: str) -> date:
    message = "Expected an ISO 8601 date (YYYY-MM-DD)."
    raise Invalid(f"{where}: {message}", [FieldError(where, message)])


def _check_ownership(rows: dict[str, list[dict[str, Any]]]) -> None:
    """Every row belongs to the session, and refers only to the session's own rows."""
    session_id = rows["session"][0]["id"]
    problems = [
        FieldError(
            "board.session_id" if name == "board" else f"{name}.{i}.session_id",
            "Belongs to another session.",
        )
        for name in (*ROW_TABLES, "board")
        if name != "agenda_revisions"
        for i, row in enumerate(rows[name])
        if row["session_id"] != session_id
    ]
    people = {row["id"] for row in rows["participants"]}
    agendas = {row["id"] for row in rows["agendas"]}
    for name, key, allowed in (
        ("access_links", "participant_id", people),
        ("agendas", "participant_id", people),
        ("agenda_revisions", "agenda_id", agendas),
        ("prep_cards", "author_id", people),
        ("prep_cards", "counterpart_id", people),
        ("follow_ups", "author_id", people),
        ("follow_ups", "counterpart_id", people),
        ("follow_ups", "owner_id", people),
    ):
        problems += [
            FieldError(f"{name}.{i}.{key}", "Refers to a row outside this backup.")
            for i, row in enumerate(rows[name])
            if row[key] is not None and row[key] not in allowed
        ]
    if problems:
        raise Invalid("Some rows do not belong to the backed-up session.", problems[:20])


def _check_free(db: Session, rows: dict[str, list[dict[str, Any]]]) -> None:
    session_id = rows["session"][0]["id"]
    if repo.get_session(db, session_id) is not None:
        raise Conflict(f"Session {session_id} already exists in this database.")
    taken = []
    for name in SERIAL_TABLES:
        ids = [row["id"] for row in rows[name] if row["id"] is not None]
        table = _table(ROW_TABLES[name])
        found = db.execute(select(table.c.id).where(table.c.id.in_(ids))).scalars().all()
        if found:
            taken.append(f"{name} {', '.join(str(i) for i in sorted(found)[:5])}")
    hashes = [row["token_hash"] for row in rows["access_links"]]
    link_table = _table(AccessLink)
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
    series_rows = _rows("series", Series, [values], single=True)
    wanted = series_rows[0]
    existing = repo.get_series(db, wanted["id"])
    if existing is None:
        db.execute(insert(_table(Series)), series_rows)
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
