"""Use cases for the live capture board: run one command, read the board.

A command runs in one transaction: take the session's event seq (which locks the session row),
load the board, apply the pure domain command, save the board and a ``board`` live event, commit.
The caller publishes the event after the commit. A retried command id acts once. What each
viewer receives of the board and of the event is shaped in ``payloads``.

Hot path: each worker keeps the last decoded board of its recent sessions. A command (or read)
first asks the database for the stored document's ``updated_at`` and the seq of the session's
latest ``board`` event only; when they match the cached board's, the document is not parsed or
decoded again, and ``board_codec`` re-encodes only the parts the command changed (JSON columns
are written by orjson, see ``app.store.engine``). Another worker's write adds a newer board
event, so the next read here decodes the stored document afresh; under the session row lock
that a command takes first, the check and the write cannot interleave with another writer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from sqlalchemy import String, bindparam, literal, union_all, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.domain.board.engine import FACILITATOR, AgendaSeed, Board, Command, Seed, apply
from app.services.board import codec as board_codec
from app.services.board.payloads import event_data
from app.services.live import service as live
from app.services.shared import notices
from app.store import repo
from app.store.models import Agenda, BoardState, ClockControl, Goal, LiveEvent, Participant
from app.store.types import utcnow

_PEOPLE = Participant.__table__  # type: ignore[attr-defined]
_GOALS = Goal.__table__  # type: ignore[attr-defined]
_CONTROLS = ClockControl.__table__  # type: ignore[attr-defined]
_NONE = literal("", String)
# Every command needs these facts, read under the session row lock that it took first: one
# statement (one round trip, no ORM objects) instead of three. Rows: ("p", id, name, department)
# per participant, ("g", id) per goal, ("e", id) once the clock has ended.
_FACTS = union_all(
    sa_select(literal("p", String), _PEOPLE.c.id, _PEOPLE.c.name, _PEOPLE.c.department).where(
        _PEOPLE.c.session_id == bindparam("sid")
    ),
    sa_select(literal("g", String), _GOALS.c.id, _NONE, _NONE).where(
        _GOALS.c.session_id == bindparam("sid")
    ),
    sa_select(literal("e", String), _CONTROLS.c.id, _NONE, _NONE).where(
        _CONTROLS.c.session_id == bindparam("sid"), _CONTROLS.c.kind == "end"
    ),
)


def facts(db: Session, session_id: str) -> Board:
    """The session facts the board rules need: departments, goals, people, ended or not."""
    people: list[tuple[str, str, int]] = []
    goals: set[int] = set()
    ended = False
    for kind, row_id, name, department in db.connection().execute(_FACTS, {"sid": session_id}):
        if kind == "p":
            people.append((department, name, row_id))
        elif kind == "g":
            goals.add(row_id)
        else:
            ended = True
    people.sort()  # as ``repo.list_participants`` orders them: department, name, id
    return Board(
        departments=tuple(sorted({department for department, _, _ in people})),
        goal_ids=frozenset(goals),
        people_names=tuple(name for _, name, _ in people),
        participants=frozenset(str(row_id) for _, _, row_id in people),
        ended=ended,
    )


CACHED_SESSIONS: Final = 64
_Key = tuple[int, datetime]
_cache: OrderedDict[str, tuple[_Key, board_codec.Loaded]] = OrderedDict()
_cache_lock = threading.Lock()


def _cached(session_id: str, key: _Key) -> board_codec.Loaded | None:
    with _cache_lock:
        hit = _cache.get(session_id)
        if hit is None or hit[0] != key:
            return None
        _cache.move_to_end(session_id)
        return hit[1]


def _remember(session_id: str, key: _Key, loaded: board_codec.Loaded) -> None:
    with _cache_lock:
        _cache[session_id] = (key, loaded)
        _cache.move_to_end(session_id)
        while len(_cache) > CACHED_SESSIONS:
            _cache.popitem(last=False)


# The stored document's stamp without reading the document: its last write time, and the seq of
# the session's latest ``board`` event, which every write adds with the document's new seq (the
# primary key finds it from the newest event back). Taking the seq from the document itself
# made the database parse the whole JSON on every command: 3 ms at 1,500 items.
_LATEST_BOARD_EVENT = (
    select(col(LiveEvent.seq))
    .where(col(LiveEvent.session_id) == bindparam("sid"), col(LiveEvent.type) == "board")
    .order_by(col(LiveEvent.seq).desc())
    .limit(1)
    .scalar_subquery()
)
_BOARDS = BoardState.__table__  # type: ignore[attr-defined]
_SAVE_BOARD = (
    update(_BOARDS)
    .where(_BOARDS.c.session_id == bindparam("sid"))
    .values(state=bindparam("state"), updated_at=bindparam("updated_at"))
)
_STAMP = select(col(BoardState.updated_at), _LATEST_BOARD_EVENT).where(
    col(BoardState.session_id) == bindparam("sid")
)


def stamp(db: Session, session_id: str) -> tuple[int, datetime] | None:
    """The stored board's version without reading the document: (seq of its latest ``board``
    event, last write time), None before the first write. Every write changes it, so readers
    may key caches of what they derive from the document on it (as this module's cache does).
    """
    row = db.connection().execute(_STAMP, {"sid": session_id}).first()
    return None if row is None else (int(row[1] or 0), row[0])


def _load_loaded(db: Session, session_id: str) -> tuple[board_codec.Loaded, int | None]:
    """The board now with its raw parts, and the seq of its last change (None: never stored)."""
    current = facts(db, session_id)
    stamp = db.connection().execute(_STAMP, {"sid": session_id}).first()
    if stamp is None:
        return board_codec.load_loaded({}, current), None
    key = (int(stamp[1] or 0), stamp[0])
    loaded = _cached(session_id, key)
    if loaded is None:
        row = db.get(BoardState, session_id)
        state = row.state if row else {}
        loaded = board_codec.load_loaded(state, current)
        # Keyed by the document's own seq: should it ever differ from the latest board event's
        # (a restored backup without its events), the next read misses and reads it again.
        key = (int(state.get("seq") or 0), stamp[0])
        _remember(session_id, key, loaded)
    return loaded.with_facts(current), key[0]


def load(db: Session, session_id: str) -> Board:
    """The board now (empty before the first capture)."""
    return read(db, session_id)[0]


def read(db: Session, session_id: str) -> tuple[Board, int]:
    """The board now and the seq of the live event of its last change (0: none yet).

    Clients compare the seq with the ``seq`` in ``board`` events, so a board read that is older
    than an event they already applied never rolls them back.
    """
    loaded, seq = _load_loaded(db, session_id)
    return loaded.board, seq or 0


def execute(db: Session, session_id: str, command: Command) -> tuple[Board, LiveEvent | None]:
    """Run one command; returns the board and the event to publish (None for a retry).

    Raises:
        NotFound, Forbidden, Conflict, Invalid: from the board's rules.
    """
    seq = live.allocate_seq(db, session_id)  # write first: serialises this session's writers
    try:
        board, staged = stage(db, session_id, command, lambda: seq)
    except Exception:
        db.rollback()
        raise
    if staged is None:
        db.rollback()  # a retry, or a command that changes nothing
        return board, None
    (event,) = live.commit_staged(db, [staged])
    return staged.board, event


@dataclass(frozen=True)
class StagedCommand(live.Staged):
    """A board command written in the caller's transaction, and the board it made."""

    board: Board


def stage(
    db: Session, session_id: str, command: Command, take_seq: Callable[[], int]
) -> tuple[Board, StagedCommand | None]:
    """Apply ``command`` and write the board and its event in the caller's transaction.

    Returns the board before the command and what was written: None when the command changes
    nothing (a retry), in which case ``take_seq`` was not called and nothing was written. The
    caller holds the session row lock (``live.allocate_seq``) or gets it from ``take_seq``,
    commits, then calls ``after_commit``.

    Raises:
        NotFound, Forbidden, Conflict, Invalid: from the board's rules.
    """
    loaded, stored = _load_loaded(db, session_id)
    board = loaded.board
    new_board, entries = apply(board, command)
    if not entries:
        return board, None
    seq = take_seq()
    document, new_loaded = board_codec.dump_loaded(new_board, loaded)
    state, updated_at = {**document, "seq": seq}, utcnow()
    conn = db.connection()
    if stored is None:
        db.add(BoardState(session_id=session_id, state=state, updated_at=updated_at))
    else:  # Core, not the ORM: it would first load (and parse) the stored document
        conn.execute(_SAVE_BOARD, {"sid": session_id, "state": state, "updated_at": updated_at})
    data = event_data(board, new_board, entries, command, seq)
    # Never added to the ORM session, so nothing reloads it: the route publishes it on the event
    # loop, where a query would block every client (and, under a burst of writes, wait for a
    # connection that only the loop can free).
    event = LiveEvent(session_id=session_id, seq=seq, type="board", data=data, created_at=utcnow())
    conn.execute(live.ADD_EVENT, event.model_dump())
    notices.after_board_command(db, session_id, command, board, new_board)  # same transaction

    def remember() -> None:
        _remember(session_id, (seq, updated_at), new_loaded)

    return board, StagedCommand(event, remember, new_board)


def seed_command(db: Session, session_id: str) -> Seed:
    """The command that puts every agenda's butterfly-effect issue on the board (acts once).

    Going live runs it in the start control's transaction (``app.services.console.controls``), after
    that control took the session row lock, so these reads cannot race another writer.
    """
    people = {p.id: p for p in repo.list_participants(db, session_id)}
    seeds = []
    for agenda in db.exec(select(Agenda).where(Agenda.session_id == session_id)).all():
        person = people.get(agenda.participant_id)
        content = agenda.content
        if person is None:
            continue
        seeds.append(
            AgendaSeed(
                participant_id=str(person.id),
                department=person.department,
                butterfly_issue=str(content.get("butterfly_issue", "")),
                butterfly_targets=tuple(content.get("butterfly_targets") or ()),
                butterfly_cost=str(content.get("butterfly_cost", "")),
                goal_id=content.get("butterfly_goal_id"),
                no_goal=bool(content.get("butterfly_no_goal")),
            )
        )
    return Seed(id=f"seed-agendas-{session_id}", by=FACILITATOR, at=utcnow(), agendas=tuple(seeds))
