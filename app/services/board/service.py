"""Use cases for the live capture board: run one command, read the board.

A command runs in one transaction: take the session's event seq (which locks the session row),
load the board, apply the pure domain command, save the board and a ``board`` live event, commit.
The caller publishes the event after the commit. A retried command id acts once.

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
from typing import Any, Final

from sqlalchemy import String, bindparam, literal, union_all, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from app.domain.board.engine import (
    FACILITATOR,
    ROOM,
    ActionItem,
    AgendaSeed,
    Board,
    BoardItem,
    Command,
    HeatMap,
    Seed,
    apply,
    board_order,
    for_viewer,
    heat_map,
    held_count,
    sees,
    visible_items,
    vote_counts,
)
from app.services.board import codec as board_codec
from app.services.live import service as live
from app.services.shared import notices
from app.store import repo
from app.store.models import Agenda, BoardState, ClockControl, Goal, LiveEvent, Participant
from app.store.types import utcnow

Viewer = str | None  # FACILITATOR, a participant's id, or ROOM (None): whom a board is for


@dataclass(frozen=True)
class BoardView:
    """The board as one viewer's client shows it: ordered visible items, votes, heat map, lock.

    ``held`` counts the items held back from the room (for the facilitator's queue).
    """

    items: list[BoardItem]
    votes: dict[str, int]
    heat: HeatMap
    locked: bool
    actions: list[Any]
    held: int = 0


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


def event_data(old: Board, new: Board, entries: Any, command: Command, seq: int) -> dict[str, Any]:
    """A ``board`` event's data for the room, with private overlays for those who see more.

    The room's data (what other participants, the big screen and executives get) leaves out
    every held item, the framing check's verdicts and, on an anonymous board, the authors; an
    item the room saw before and no longer may is sent as ``{"id", "removed": true}`` so it
    disappears. The facilitator and the authors of the touched items get ``private`` overlays
    (``{"to": [audience], "data": {...}}``): the keys whose values differ for them.
    ``app.realtime.events.FramedEvent`` renders one frame per audience and the room's frame
    never carries the overlays.
    """
    touched = [e.item_id for e in entries if e.item_id]
    touched_actions = {e.after.get("action_id") for e in entries if e.after}
    counts = vote_counts(new)
    viewers: list[Viewer] = [FACILITATOR]
    for item_id in dict.fromkeys(touched):
        item = new.find(item_id)
        if item is not None and item.author != FACILITATOR and item.author not in viewers:
            viewers.append(item.author)
    if new.anonymous and command.by not in viewers:
        viewers.append(command.by)

    def data_for(viewer: Viewer) -> dict[str, Any]:
        items: list[dict[str, Any]] = []
        for item in new.items:
            if item.id not in touched:
                continue
            if sees(item, viewer):
                items.append(item_for(item, counts, viewer, anonymous=new.anonymous))
            else:
                before = old.find(item.id)
                if before is not None and sees(before, viewer):  # it leaves this view
                    items.append({"id": item.id, "removed": True, "held": True})
        shown = {item["id"] for item in items if not item.get("removed")}
        return {
            "command": type(command).__name__.lower(),
            "by": command.by if not new.anonymous or viewer in (FACILITATOR, command.by) else "",
            "items": items,
            "actions": [
                action_public(a)
                for a in new.actions
                if a.id in touched_actions and (a.item_id in shown or viewer == FACILITATOR)
            ],
            "locked": new.locked,
            "moderation": new.moderation.value,
            "anonymous": new.anonymous,
            "seq": seq,  # for static/board/ (store.js), which sees only the data of an event
        }

    data = data_for(ROOM)
    private = []
    for viewer in viewers:
        mine = data_for(viewer)
        overrides = {key: value for key, value in mine.items() if data.get(key) != value}
        if overrides:
            private.append({"to": [audience(viewer)], "data": overrides})
    if private:
        data["private"] = private
    return data


def audience(viewer: Viewer) -> str:
    """The live audience key of a viewer (a websocket connection carries the same key)."""
    if viewer is None:
        return "room"
    return FACILITATOR if viewer == FACILITATOR else f"participant:{viewer}"


def view(board: Board, viewer: Viewer = ROOM) -> BoardView:
    """What ``viewer`` sees: ordered visible items with their votes, the heat map, actions.

    The room (``ROOM``: other participants' shared view, the big screen, executives) never
    sees a held item; the facilitator sees all, a participant their own held items too.
    """
    seen = for_viewer(board, viewer)
    counts = vote_counts(seen)
    shown = visible_items(seen)
    # The heat map is the room's picture: held items never weigh in, whoever looks.
    room = [item for item in shown if not item.held]
    return BoardView(
        items=board_order(shown, counts),
        votes=counts,
        heat=heat_map(room, board.departments),
        locked=board.locked,
        actions=list(seen.actions),
        held=held_count(board) if viewer == FACILITATOR else 0,
    )


def board_data(board: Board, viewer: Viewer) -> dict[str, Any]:
    """The board as ``viewer``'s client starts from (the API's ``BoardPublic`` without
    ``my_votes`` and ``seq``): ordered items, heat map, lock, moderation."""
    shown = view(board, viewer)
    return {
        "items": [item_for(i, shown.votes, viewer, anonymous=board.anonymous) for i in shown.items],
        "locked": shown.locked,
        "departments": list(shown.heat.departments),
        "heat_weights": [list(row) for row in shown.heat.weights],
        "actions": [action_public(a) for a in shown.actions],
        "moderation": board.moderation.value,
        "anonymous": board.anonymous,
        "held_count": shown.held,
        "ended": board.ended,
    }


def item_for(
    item: BoardItem, votes: dict[str, int], viewer: Viewer, *, anonymous: bool
) -> dict[str, Any]:
    """An item as ``viewer`` receives it: the framing verdict, hold and note only for its
    author and the facilitator; on an anonymous board, the author only for them too."""
    data = item_public(item, votes)
    if viewer == FACILITATOR or (viewer is not None and viewer == item.author):
        data["held"] = item.held
        data["note"] = item.note
        return data
    data["complaint"] = None
    if anonymous:
        data["author"] = ""
    return data


def action_public(action: ActionItem) -> dict[str, Any]:
    """An action item as clients receive it (live events and the API share this shape)."""
    return {
        "id": action.id,
        "item_id": action.item_id,
        "owner": action.owner,
        "what": action.what,
        "due": action.due.isoformat(),
        "status": action.status.value,
        "blocked_reason": action.blocked_reason,
        "status_at": action.status_at.isoformat() if action.status_at else None,
        "status_by": action.status_by,
    }


def my_votes(board: Board, person: str | None) -> list[str]:
    """The ids of the items ``person`` voted on ("we see this too"), sorted; none for None."""
    if person is None:
        return []
    return sorted(item_id for item_id, voter in board.votes if voter == person)


def item_public(item: BoardItem, votes: dict[str, int]) -> dict[str, Any]:
    """An item as clients receive it (live events and the API share this shape)."""
    complaint = item.complaint
    return {  # spelled out: this runs for every item of every answer
        "id": item.id,
        "from_team": item.from_team,
        "to_teams": list(item.to_teams),
        "what_happens": item.what_happens,
        "impact": item.impact.value,
        "goal_id": item.goal_id,
        "author": item.author,
        "origin": item.origin.value,
        "round_no": item.round_no,
        "with_person": item.with_person,
        "seq": item.seq,
        "version": item.version,
        "pinned": item.pinned,
        "removed": item.removed,
        "merged_into": item.merged_into,
        "votes": votes.get(item.id, 0),
        "held": False,
        "note": "",
        "complaint": {
            "reasons": [r.message for r in complaint.reasons],
            "suggestion": complaint.suggestion,
        }
        if complaint
        else None,
    }
