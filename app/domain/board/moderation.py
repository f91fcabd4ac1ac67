"""Moderation: "this is NOT a complaint session", enforced in the room.

Every capture, edit and seeded agenda item runs the framing check
(``app.domain.framing.check_framing``). What happens to a flagged one depends on the session's
mode (``Moderation``):

- ``hold_flagged`` (default): a flagged item is *held*: its author and the facilitator see it
  (the author with the reasons and the suggested rewrite), nobody else does — not the other
  participants, the big screen, executives, exports or the summary — until it is reframed
  (re-checked) or the facilitator approves it;
- ``approve_all``: every capture is held until the facilitator approves it (a flagged one is
  also asked to be reframed; once reframed it still waits for approval);
- ``open``: the check's verdict is not acted on: nothing is held unless the facilitator flags it.

Changing the mode acts on new captures and edits; items already held stay in the facilitator's
queue. Flagging a visible item hides it quietly (the room never sees "complaint" next to an
item) and asks its author privately. Viewers: ``FACILITATOR``, a participant's id, or ``ROOM``
(None: other participants' shared view, the big screen, executives, exports).

After the session ends (``Board.ended``) captures, votes and edits are refused; the facilitator
still moderates and makes action items until the board is locked; then only action-item status
reports go on (``ended_guard``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from app.domain.board.commands import (
    Approve,
    Capture,
    Command,
    Edit,
    FlagComplaint,
    Lock,
    SendBack,
    SetActionStatus,
    SetModeration,
    Unvote,
    Vote,
)
from app.domain.board.items import Change, change_item, get_item, require_facilitator, require_open
from app.domain.board.model import FACILITATOR, Board, BoardItem, Complaint, Hold, Moderation
from app.domain.errors import Conflict, FieldError, Invalid
from app.domain.framing.check import check_framing

ROOM: Final = None
NOTE_MAX: Final = 300
DEFAULT_REFRAME: Final = (
    'Try Observation → Impact → Ask: "When <what happens, one recent example>, my team loses '
    '<hours, days, money or customers>. Could we agree on <one specific change>?"'
)
ENDED: Final = (
    "Too late: the session has ended; captures, votes and edits are closed. "
    "Your action items are on your live page."
)
ENDED_LOCKED: Final = (
    "Too late: the session has ended and the board is locked; "
    "only action-item status reports go on."
)

Viewer = str | None


def screen(board: Board, text: str, *, next_step: str | None = None) -> Complaint | None:
    """The framing check's verdict on ``text``: a ``Complaint`` to reframe (one that ``holds``:
    soft signals alone never keep a capture from the room), or None."""
    result = check_framing(
        text, people_names=board.people_names, next_step=next_step, team_names=board.departments
    )
    if not result.holds:
        return None
    return Complaint(result.reasons, result.suggestion or DEFAULT_REFRAME)


def hold_for_capture(board: Board, complaint: Complaint | None) -> Hold:
    """Whether a new item waits, by the session's mode and the framing check."""
    if board.moderation is Moderation.OPEN:
        return Hold.NONE
    if complaint is not None:
        return Hold.COMPLAINT
    return Hold.APPROVAL if board.moderation is Moderation.APPROVE_ALL else Hold.NONE


def recheck(board: Board, item: BoardItem) -> BoardItem:
    """An edited item after the framing check: held again if flagged, let in once it reads well.

    An item waiting only for approval keeps waiting; one held as a complaint that now reads
    well is let in (or, in ``approve_all``, waits for approval).
    """
    complaint = screen(board, item.what_happens)
    if complaint is not None:
        if board.moderation is Moderation.OPEN and not item.held:
            return item
        return replace(item, complaint=complaint, hold=Hold.COMPLAINT)
    return replace(item, complaint=None, hold=released(board, item), note="")


def released(board: Board, item: BoardItem) -> Hold:
    """The hold of an item whose text now reads well."""
    if item.hold is Hold.NONE:
        return Hold.NONE
    return Hold.APPROVAL if board.moderation is Moderation.APPROVE_ALL else Hold.NONE


def sees(item: BoardItem, viewer: Viewer) -> bool:
    """Whether ``viewer`` may see ``item``: the room never sees a held one."""
    return not item.held or viewer == FACILITATOR or (viewer is not None and viewer == item.author)


def for_viewer(board: Board, viewer: Viewer) -> Board:
    """The board as ``viewer`` may see it: held items of others (and their votes) left out."""
    if not any(item.held for item in board.items):
        return board
    items = tuple(item for item in board.items if sees(item, viewer))
    kept = {item.id for item in items}
    votes = frozenset(vote for vote in board.votes if vote[0] in kept)
    actions = tuple(a for a in board.actions if a.item_id in kept)
    return replace(board, items=items, votes=votes, actions=actions)


def held_count(board: Board) -> int:
    """Items held back and never reframed or approved (removed and merged ones not counted)."""
    return sum(1 for item in board.items if item.held and item.visible)


def ended_guard(board: Board, command: Command) -> None:
    """Refuse what an ended session no longer takes (see the module docstring).

    Raises:
        Conflict: the session has ended (and, for the facilitator, the board is locked).
    """
    if not board.ended or isinstance(command, SetActionStatus | Lock):
        return
    if board.locked:
        raise Conflict(ENDED_LOCKED)
    if command.by != FACILITATOR or isinstance(command, Capture | Vote | Unvote | Edit):
        raise Conflict(ENDED)


def require_seen(item: BoardItem, by: str) -> BoardItem:
    """The item, when ``by`` may see it: a held item of someone else is "not on this board".

    Raises:
        NotFound: held and not the sender's own.
    """
    if not sees(item, by):
        get_item(Board(), item.id)  # raises the same NotFound as a missing item
    return item


def approve(board: Board, cmd: Approve) -> tuple[Board, list[Change]]:
    """The facilitator lets a held item into the room."""
    require_facilitator(cmd.by, "approve held items")
    item = require_open(get_item(board, cmd.item_id))
    approved = replace(item, hold=Hold.NONE, complaint=None, note="")
    return change_item(board, item, approved, "approve")


def send_back(board: Board, cmd: SendBack) -> tuple[Board, list[Change]]:
    """The facilitator keeps an item from the room and asks its author to reframe it."""
    require_facilitator(cmd.by, "send items back")
    item = require_open(get_item(board, cmd.item_id))
    note = " ".join(cmd.note.split())
    if len(note) > NOTE_MAX:
        message = f"A note can be at most {NOTE_MAX} characters (now {len(note)})."
        raise Invalid("The note is too long.", [FieldError("note", message)])
    complaint = item.complaint or screen(board, item.what_happens) or Complaint((), DEFAULT_REFRAME)
    held = replace(item, hold=Hold.COMPLAINT, complaint=complaint, note=note)
    return change_item(board, item, held, "send_back")


def flag(board: Board, cmd: FlagComplaint) -> tuple[Board, list[Change]]:
    """Flag (hide quietly, ask the author privately) or clear the flag (let it in)."""
    require_facilitator(cmd.by, "flag complaints")
    item = require_open(get_item(board, cmd.item_id))
    if cmd.flagged == item.flagged_complaint and item.held == cmd.flagged:
        return board, []
    if cmd.flagged:
        complaint = (
            item.complaint or screen(board, item.what_happens) or Complaint((), DEFAULT_REFRAME)
        )
        changed = replace(item, complaint=complaint, hold=Hold.COMPLAINT)
    else:
        changed = replace(item, complaint=None, hold=Hold.NONE, note="")
    after: dict[str, object] = {"flagged_complaint": cmd.flagged, "hold": changed.hold.value}
    if changed.complaint is not None:
        after["reasons"] = [reason.code for reason in changed.complaint.reasons]
    before: dict[str, object] = {"flagged_complaint": item.flagged_complaint}
    before["hold"] = item.hold.value
    return _put(board, changed), [("flag", item.id, before, after)]


def set_moderation(board: Board, cmd: SetModeration) -> tuple[Board, list[Change]]:
    """Change the session's moderation mode and anonymity, live."""
    require_facilitator(cmd.by, "change moderation")
    try:
        mode = Moderation(cmd.mode)
    except ValueError:
        message = "Choose hold_flagged, approve_all or open."
        raise Invalid("Unknown moderation mode.", [FieldError("mode", message)]) from None
    if mode is board.moderation and cmd.anonymous == board.anonymous:
        return board, []
    before: dict[str, object] = {"mode": board.moderation.value, "anonymous": board.anonymous}
    after: dict[str, object] = {"mode": mode.value, "anonymous": cmd.anonymous}
    changed = replace(board, moderation=mode, anonymous=cmd.anonymous)
    return changed, [("moderation", None, before, after)]


def _put(board: Board, item: BoardItem) -> Board:
    return replace(board, items=tuple(item if i.id == item.id else i for i in board.items))
