"""JSON API: the live capture board — capture, vote, facilitate, read."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Query, Request, Response, status

from app.domain.board.engine import (
    FACILITATOR,
    ROOM,
    Approve,
    Capture,
    Command,
    Edit,
    FlagComplaint,
    Lock,
    MakeAction,
    Merge,
    Pin,
    Reframe,
    Remove,
    Restore,
    SendBack,
    SetModeration,
    Unvote,
    Vote,
    for_viewer,
    similar_items,
    visible_items,
)
from app.services.board import service as board_service
from app.services.board.schemas import (
    ActionInput,
    BoardPublic,
    FlagInput,
    ItemInput,
    KeyInput,
    MergeInput,
    ModerationInput,
    ReframeInput,
    SendBackInput,
)
from app.services.links.schemas import Principal
from app.store.types import utcnow
from app.web.deps import AnyRole, Facilitator, SessionDep, Writer
from app.web.live_hub import publish
from app.web.problems import API_ERRORS

router = APIRouter(
    prefix="/api/v1/sessions/{session_id}/board", tags=["capture board"], responses=API_ERRORS
)


def actor(who: Principal) -> str:
    """How the board names a sender: a participant's id, or the facilitator."""
    return FACILITATOR if who.role == "facilitator" else str(who.participant_id)


async def run(
    request: Request, db: Any, session_id: str, command: Command, status_code: int = 200
) -> Response:
    board, event = await anyio.to_thread.run_sync(board_service.execute, db, session_id, command)
    await publish(request, event)
    return board_answer(board, command.by, event.seq if event else None, status_code)


def board_answer(
    board: Any, me: str | None = None, seq: int | None = None, status_code: int = 200
) -> Response:
    """The board (``BoardPublic``) as ``me`` may see it (``FACILITATOR``, a participant's id, or
    ``ROOM``); a participant also gets ``my_votes``.

    Serialised straight from plain data: every write answers with the whole board, and
    validating a model per item on the event loop cost more than the command itself.
    ``tests/web/test_api_board.py`` checks the answers against ``BoardPublic``.
    """
    data = board_service.board_data(board, me)
    data["my_votes"] = board_service.my_votes(board, me if me != FACILITATOR else None)
    data["seq"] = seq
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status_code=status_code, media_type="application/json")


def viewer(who: Principal, view: str | None = None) -> str | None:
    """Whose view of the board a caller gets: executives and ``view=room`` get the room's."""
    if who.role == "executive" or view == "room":
        return ROOM
    return actor(who)


@router.get("", response_model=BoardPublic)
def read_board(
    session_id: str,
    db: SessionDep,
    who: AnyRole,
    view: Annotated[
        Literal["room"] | None,
        Query(description="``room``: the room's view (the big screen), whoever asks."),
    ] = None,
) -> Response:
    """Every item the caller may see, in the order all clients show, with votes and the heat
    map. Held items reach only their author and the facilitator."""
    board, seq = board_service.read(db, session_id)
    return board_answer(board, viewer(who, view), seq)


@router.get("/similar")
def similar(
    session_id: str,
    db: SessionDep,
    who: AnyRole,
    text: Annotated[str, Query(max_length=2000)],
    from_team: Annotated[str, Query(max_length=200)] = "",
    to_teams: Annotated[list[str] | None, Query()] = None,
) -> list[dict[str, Any]]:
    """Existing items like the one being typed, to vote on instead of duplicating."""
    board = board_service.load(db, session_id)
    me = viewer(who)
    seen = for_viewer(board, me)
    matches = similar_items(text, from_team, tuple(to_teams or ()), visible_items(seen))
    votes = board_service.view(board, me).votes
    return [
        {
            "score": round(m.score, 3),
            **board_service.item_for(m.item, votes, me, anonymous=board.anonymous),
        }
        for m in matches
    ]


@router.post("/items", status_code=status.HTTP_201_CREATED, response_model=BoardPublic)
async def capture(
    session_id: str, data: ItemInput, request: Request, db: SessionDep, who: Writer
) -> Response:
    """Capture an item; a retry with the same ``id`` creates nothing new."""
    command = Capture(id=data.id, by=actor(who), at=utcnow(), draft=data.draft())
    return await run(request, db, session_id, command, status.HTTP_201_CREATED)


def item_command(
    method: str,
    path: str,
    body: type[KeyInput] | type[ItemInput],
    caller: Any,
    make: Callable[[Any, str, datetime, str], Command],
    *,
    name: str,
    doc: str,
) -> None:
    """Add the route that runs one command on one item: ``make(data, by, at, item_id)``.

    Every such route reads the same things (the item from the path, the body, the caller) and
    runs the command the same way (``run``); only the body, who may call it and the command
    differ. The signature FastAPI reads is built here, so each route keeps its own body schema,
    role check, name (the OpenAPI operation) and docstring.
    """

    async def endpoint(
        session_id: str, item_id: str, data: Any, request: Request, db: Any, who: Principal
    ) -> Response:
        return await run(request, db, session_id, make(data, actor(who), utcnow(), item_id))

    keyword = inspect.Parameter.POSITIONAL_OR_KEYWORD
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("session_id", keyword, annotation=str),
            inspect.Parameter("item_id", keyword, annotation=str),
            inspect.Parameter("data", keyword, annotation=body),
            inspect.Parameter("request", keyword, annotation=Request),
            inspect.Parameter("db", keyword, annotation=SessionDep),
            inspect.Parameter("who", keyword, annotation=caller),
        ],
        return_annotation=Response,
    )
    endpoint.__name__ = endpoint.__qualname__ = name
    endpoint.__doc__ = doc
    router.add_api_route(path, endpoint, methods=[method], response_model=BoardPublic)


item_command(
    "PATCH",
    "/items/{item_id}",
    ItemInput,
    Writer,
    lambda data, by, at, item_id: Edit(
        id=data.id,
        by=by,
        at=at,
        item_id=item_id,
        draft=data.draft(),
        expected_version=data.expected_version,
    ),
    name="edit",
    doc="Edit an item: its author until the board is locked, or the facilitator.",
)
item_command(
    "POST",
    "/items/{item_id}/vote",
    KeyInput,
    Writer,
    lambda data, by, at, item_id: Vote(id=data.id, by=by, at=at, item_id=item_id),
    name="vote",
    doc='"We see this too": one vote per person per item.',
)
item_command(
    "POST",
    "/items/{item_id}/unvote",
    KeyInput,
    Writer,
    lambda data, by, at, item_id: Unvote(id=data.id, by=by, at=at, item_id=item_id),
    name="unvote",
    doc="Take a vote back.",
)
item_command(
    "POST",
    "/items/{item_id}/merge",
    MergeInput,
    Facilitator,
    lambda data, by, at, item_id: Merge(
        id=data.id, by=by, at=at, item_id=item_id, source_id=data.source_id
    ),
    name="merge",
    doc="Merge ``source_id`` into this item; votes and history carry over.",
)
item_command(
    "POST",
    "/items/{item_id}/pin",
    FlagInput,
    Facilitator,
    lambda data, by, at, item_id: Pin(id=data.id, by=by, at=at, item_id=item_id, pinned=data.on),
    name="pin",
    doc="Pin (``on``) or unpin an item.",
)
item_command(
    "POST",
    "/items/{item_id}/complaint",
    FlagInput,
    Facilitator,
    lambda data, by, at, item_id: FlagComplaint(
        id=data.id, by=by, at=at, item_id=item_id, flagged=data.on
    ),
    name="complaint",
    doc='Mark as "complaint — needs reframing" (``on``), with the framing check\'s reasons.',
)
item_command(
    "POST",
    "/items/{item_id}/remove",
    KeyInput,
    Writer,
    lambda data, by, at, item_id: Remove(id=data.id, by=by, at=at, item_id=item_id),
    name="remove",
    doc="Remove an item (kept in the audit trail; undo with restore).",
)
item_command(
    "POST",
    "/items/{item_id}/restore",
    KeyInput,
    Writer,
    lambda data, by, at, item_id: Restore(id=data.id, by=by, at=at, item_id=item_id),
    name="restore",
    doc="Undo a removal.",
)
item_command(
    "POST",
    "/items/{item_id}/reframe",
    ReframeInput,
    Writer,
    lambda data, by, at, item_id: Reframe(
        id=data.id,
        by=by,
        at=at,
        item_id=item_id,
        observation=data.observation,
        impact=data.impact,
        ask=data.ask,
    ),
    name="reframe",
    doc="""The author rewrites a flagged item as Observation → Impact → Ask.

    The framing check reads the result: a text that still reads as a complaint is refused (422,
    the reasons as field errors on the part that triggered them) and the flag stays; otherwise
    the item's text is replaced and the flag cleared.
    """,
)
item_command(
    "POST",
    "/items/{item_id}/action",
    ActionInput,
    Facilitator,
    lambda data, by, at, item_id: MakeAction(
        id=data.id,
        by=by,
        at=at,
        item_id=item_id,
        action_id=data.id,
        owner=str(data.owner),
        what=data.what,
        due=data.due,
    ),
    name="make_action",
    doc="Turn an item into an action item: owner, what exactly, due date.",
)


@router.post("/lock", response_model=BoardPublic)
async def lock(
    session_id: str, data: FlagInput, request: Request, db: SessionDep, who: Facilitator
) -> Response:
    """Lock (``on``) or unlock the board: locked, participants no longer edit their items."""
    command = Lock(id=data.id, by=FACILITATOR, at=utcnow(), locked=data.on)
    return await run(request, db, session_id, command)


item_command(
    "POST",
    "/items/{item_id}/approve",
    KeyInput,
    Facilitator,
    lambda data, by, at, item_id: Approve(id=data.id, by=by, at=at, item_id=item_id),
    name="approve",
    doc="Let a held item into the room as it stands.",
)
item_command(
    "POST",
    "/items/{item_id}/send-back",
    SendBackInput,
    Facilitator,
    lambda data, by, at, item_id: SendBack(
        id=data.id, by=by, at=at, item_id=item_id, note=data.note
    ),
    name="send_back",
    doc="Keep an item from the room and ask its author, privately, to reframe it (with a note).",
)


@router.post("/moderation", response_model=BoardPublic)
async def moderation(
    session_id: str, data: ModerationInput, request: Request, db: SessionDep, who: Facilitator
) -> Response:
    """Set the moderation mode (``hold_flagged``, ``approve_all``, ``open``) and anonymity."""
    command = SetModeration(
        id=data.id, by=FACILITATOR, at=utcnow(), mode=data.mode, anonymous=data.anonymous
    )
    return await run(request, db, session_id, command)
