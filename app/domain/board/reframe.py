"""Reframing a flagged item: the author rewrites it as Observation → Impact → Ask.

When the facilitator marks an item "complaint — needs reframing", its author is asked to rewrite
it in three parts. ``Reframe`` joins the parts into the item's text and runs the Agendas framing
check (``app.domain.framing.check_framing``) over it, with the ask as the proposed next step:

- it still reads as a complaint: nothing changes, the flag stays, and the framing reasons come
  back as field errors on the part whose words triggered them (``Invalid``);
- it reads well: the item's text is replaced and the flag cleared, in one audited change; a held
  item is let into the room (in ``approve_all`` it then waits for the facilitator's approval).

Trade-offs: reframing is allowed while the board is locked, because the facilitator asked for it
(the lock only stops unprompted edits); and the facilitator may reframe on the author's behalf.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from app.domain.board.commands import ItemCommand
from app.domain.board.items import Change, get_item, put, require_open
from app.domain.board.model import FACILITATOR, TEXT_MAX, Board
from app.domain.board.moderation import released
from app.domain.errors import Conflict, FieldError, Forbidden, Invalid
from app.domain.framing.check import Reason, check_framing

PARTS: Final = ("observation", "impact", "ask")
PART_MIN: Final[dict[str, int]] = {"observation": 10, "impact": 5, "ask": 5}
PART_MAX: Final = 300
PART_LABELS: Final[dict[str, str]] = {
    "observation": "What you observed",
    "impact": "The impact",
    "ask": "Your ask",
}
_ENDINGS: Final = (".", "!", "?", "…")


@dataclass(frozen=True, kw_only=True)
class Reframe(ItemCommand):
    """Rewrite a flagged item as Observation → Impact → Ask; clears the flag when it reads well."""

    observation: str
    impact: str
    ask: str


def compose(observation: str, impact: str, ask: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The item's new text and where each part sits in it (start, end).

    Each part is trimmed, spaces collapsed, and ends with a full stop unless it already ends a
    sentence, so "We wait 3 days" + "We lose deals" reads as two sentences.
    """
    pieces: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    offset = 0
    for name, raw in zip(PARTS, (observation, impact, ask), strict=True):
        text = " ".join(raw.split())
        if not text:
            continue
        if not text.endswith(_ENDINGS):
            text += "."
        if pieces:
            offset += 1  # the joining space
        spans[name] = (offset, offset + len(text))
        pieces.append(text)
        offset += len(text)
    return " ".join(pieces), spans


def reframe_errors(
    observation: str,
    impact: str,
    ask: str,
    *,
    people_names: tuple[str, ...] = (),
    team_names: tuple[str, ...] = (),
) -> tuple[str, list[FieldError]]:
    """The composed text and every problem with it, one field error per part at most."""
    parts = dict(zip(PARTS, (observation, impact, ask), strict=True))
    errors: list[FieldError] = []
    for name in PARTS:
        length = len(" ".join(parts[name].split()))
        if length < PART_MIN[name]:
            message = f"{PART_LABELS[name]}: say it in at least {PART_MIN[name]} characters."
            errors.append(FieldError(name, message))
        elif length > PART_MAX:
            message = f"{PART_LABELS[name]} can be at most {PART_MAX} characters (now {length})."
            errors.append(FieldError(name, message))
    text, spans = compose(observation, impact, ask)
    if errors:
        return text, errors
    if len(text) > TEXT_MAX:
        message = f"Together the three parts can be at most {TEXT_MAX} characters; shorten one."
        return text, [FieldError("observation", message)]
    result = check_framing(text, people_names=people_names, next_step=ask, team_names=team_names)
    if not result.holds:  # the bar a capture must clear to reach the room, no higher
        return text, []
    found: dict[str, list[str]] = {}
    for reason in result.reasons:
        found.setdefault(_part_of(reason, spans), []).append(reason.message)
    return text, [FieldError(name, " ".join(found[name])) for name in PARTS if name in found]


def apply_reframe(board: Board, cmd: Reframe) -> tuple[Board, list[Change]]:
    """The board's handler for ``Reframe`` (see the module docstring).

    Raises:
        NotFound: no such item.
        Forbidden: neither the author nor the facilitator.
        Conflict: the item is removed, merged, or not (any longer) flagged.
        Invalid: a part is missing or too long, or the text still reads as a complaint.
    """
    item = require_open(get_item(board, cmd.item_id))
    if cmd.by not in (item.author, FACILITATOR):
        raise Forbidden("Only the item's author or the facilitator can reframe it.")
    if item.complaint is None:
        raise Conflict("This item no longer needs reframing; the facilitator cleared the flag.")
    text, errors = reframe_errors(
        cmd.observation,
        cmd.impact,
        cmd.ask,
        people_names=board.people_names,
        team_names=board.departments,
    )
    if errors:
        raise Invalid("This still reads as a complaint or misses a part; see the fields.", errors)
    hold = released(board, item)
    reframed = replace(
        item, what_happens=text, complaint=None, hold=hold, note="", version=item.version + 1
    )
    before: dict[str, object] = {
        "what_happens": item.what_happens,
        "flagged_complaint": True,
        "hold": item.hold.value,
    }
    after: dict[str, object] = {
        "what_happens": text,
        "flagged_complaint": False,
        "hold": hold.value,
    }
    return put(board, reframed), [("reframe", item.id, before, after)]


def _part_of(reason: Reason, spans: dict[str, tuple[int, int]]) -> str:
    """The part whose words triggered a reason; reasons without a span go to the ask."""
    if reason.start < 0:
        return "ask" if reason.code == "no_next_step" else "observation"
    for name, (start, end) in spans.items():
        if start <= reason.start < end:
            return name
    return "observation"
