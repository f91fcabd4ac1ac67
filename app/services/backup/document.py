"""A backup document read and checked: its format, and every check before a row is written.

``parse_document`` turns the JSON document into rows per table (typed as the columns want them) or
refuses it as a whole: an unknown format or version, a field that does not match this version,
a value a column cannot take, a row of another session, or a damaged stored document (agenda
content, plan rounds, live event data, board state). ``docs/backup.md`` describes the format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import JSON, Boolean, Column, Date, Integer, String, Table
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel

from app.domain.agenda.rules import AgendaContent
from app.domain.board.engine import Board
from app.domain.errors import FieldError, Invalid
from app.services.board import codec as board_codec
from app.services.plans import service as plans
from app.services.shared.schemas import control_character_error
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
)
from app.store.types import UTCDateTime

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


def table_of(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def parse_document(document: Any) -> dict[str, list[dict[str, Any]]]:
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
    session_rows = typed_rows(
        "session", LeadershipSession, [session] if session else [], single=True
    )
    if len(session_rows) != 1:
        raise Invalid("The backup holds no session.", [FieldError("session", "Missing.")])
    rows: dict[str, list[dict[str, Any]]] = {"session": session_rows}
    for name, model in ROW_TABLES.items():
        raw = document.get(name, [])
        if not isinstance(raw, list):
            raise Invalid(f"{name} must be a list.", [FieldError(name, "Must be a list.")])
        rows[name] = typed_rows(name, model, raw)
    board = document.get("board")
    rows["board"] = typed_rows("board", BoardState, [board] if board else [], single=True)
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


def typed_rows(
    name: str, model: type[SQLModel], raw: Sequence[Any], *, single: bool = False
) -> list[dict[str, Any]]:
    columns = {c.name: c for c in table_of(model).columns}
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
