"""The capture board's API contracts: what a capture, a vote or a facilitator's command sends
(each with a client-generated ``id``, so a retry changes nothing), and the board it gets back.

``BoardPublic`` documents the answer in OpenAPI; the routes serialise plain data straight from
``payloads.board_data`` (``tests/web/test_api_board.py`` checks the two agree).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool, StrictInt

from app.domain.board.engine import CaptureDraft
from app.services.shared.schemas import Strict

Key = Annotated[str, Field(min_length=8, max_length=64, description="Client-generated id.")]


class ItemInput(Strict):
    """A captured butterfly-effect issue: which team pushes what onto which team(s)."""

    multiline = frozenset({"what_happens"})

    id: Key
    from_team: str = Field(max_length=200)
    to_teams: list[Annotated[str, Field(max_length=200)]] = Field(max_length=10)
    what_happens: str = Field(max_length=2000)
    impact: Literal["low", "medium", "high", "critical"]
    goal_id: StrictInt | None = None
    no_goal: StrictBool = False
    round_no: StrictInt | None = Field(default=None, ge=1, le=1000)
    with_person: str | None = Field(default=None, max_length=200)
    expected_version: StrictInt | None = Field(
        default=None, description="For edits: refuse if stale."
    )

    def draft(self) -> CaptureDraft:
        return CaptureDraft(
            from_team=self.from_team.strip(),
            to_teams=tuple(t.strip() for t in self.to_teams),
            what_happens=self.what_happens.strip(),
            impact=self.impact,
            goal_id=self.goal_id,
            no_goal=self.no_goal,
            round_no=self.round_no,
            with_person=self.with_person,
        )


class KeyInput(Strict):
    id: Key


class MergeInput(KeyInput):
    source_id: str = Field(max_length=64)


class FlagInput(KeyInput):
    on: StrictBool = True


class ReframeInput(KeyInput):
    """A flagged item rewritten as Observation → Impact → Ask."""

    multiline = frozenset({"observation", "impact", "ask"})

    observation: str = Field(max_length=1000, description="What happened: one recent example.")
    impact: str = Field(max_length=1000, description="What it costs your team.")
    ask: str = Field(max_length=1000, description="One concrete request.")


class SendBackInput(KeyInput):
    note: str = Field(default="", max_length=1000, description="What to change, for the author.")


class ModerationInput(KeyInput):
    """The session's moderation mode; ``anonymous``: the room sees departments, not authors."""

    mode: Literal["hold_flagged", "approve_all", "open"]
    anonymous: StrictBool = False


class ActionInput(KeyInput):
    multiline = frozenset({"what"})
    owner: int = Field(description="Participant id of the owner.")
    what: str = Field(max_length=600)
    due: date


class BoardItemPublic(BaseModel):
    id: str
    from_team: str
    to_teams: list[str]
    what_happens: str
    impact: str
    goal_id: int | None
    author: str
    origin: str
    round_no: int | None
    with_person: str | None
    version: int
    seq: int = Field(description="Creation order on this board: the board order's last tie-break.")
    pinned: bool
    removed: bool
    merged_into: str | None
    votes: int
    held: bool = Field(
        default=False, description="Held back from the room (author and facilitator only)."
    )
    note: str = Field(default="", description="The facilitator's note when sent back.")
    complaint: dict[str, Any] | None


class BoardPublic(BaseModel):
    items: list[BoardItemPublic]
    locked: bool
    departments: list[str]
    heat_weights: list[list[int]] = Field(description="Row pushes onto column (impact-weighted).")
    actions: list[dict[str, Any]]
    my_votes: list[str] = Field(
        default_factory=list, description="Ids of the items the caller voted on."
    )
    seq: int | None = Field(
        default=None,
        description="Live-event seq this board reflects (None: a retry that changed nothing).",
    )
    moderation: str = Field(default="hold_flagged", description="The session's moderation mode.")
    anonymous: bool = False
    held_count: int = Field(default=0, description="Items held back (facilitator only).")
    ended: bool = Field(
        default=False, description="The session has ended: captures, votes and edits are closed."
    )
