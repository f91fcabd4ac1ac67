"""The capture board as each viewer's client receives it: the board, its items and action items,
and a ``board`` live event's data (the room's, with private overlays for those who see more).

Who sees what: the room (other participants, the big screen, executives) never sees a held item,
the framing check's verdicts or, on an anonymous board, the authors; the facilitator sees all, a
participant their own items in full. The API's models (``schemas``) describe the same shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.domain.board.engine import (
    FACILITATOR,
    ROOM,
    ActionItem,
    Board,
    BoardItem,
    Command,
    HeatMap,
    board_order,
    for_viewer,
    heat_map,
    held_count,
    sees,
    visible_items,
    vote_counts,
)

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
