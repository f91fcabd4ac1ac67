"""The records of the executive summary: what the service layer maps rows onto, and what comes out.

Inputs are plain frozen records so the service can fill them from any storage; outputs are
frozen records in their final order, so every page and export renders the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

# The board defines impact (with its weights) and action status; the summary comes after the
# board in the feature order and reads them as they are. Named here too for the summary's readers.
from app.domain.board.model import IMPACT_WEIGHTS as IMPACT_WEIGHTS
from app.domain.board.model import ActionStatus as ActionStatus
from app.domain.board.model import Impact as Impact

# ---------------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class ParticipantRecord:
    """A department head invited to the session."""

    id: int
    name: str
    department: str
    attended: bool


@dataclass(frozen=True)
class AgendaRecord:
    """The parts of an agenda the summary uses; ``pressing_goal_id`` None means no goal fits."""

    participant_id: int
    submitted: bool
    pressing_issue: str = ""
    pressing_ask: str = ""
    pressing_goal_id: int | None = None
    butterfly_issue: str = ""
    butterfly_targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class BoardItemRecord:
    """A cross-team issue captured on the board (live, or carried over from an agenda)."""

    id: int
    from_team: str
    to_teams: tuple[str, ...]
    text: str
    impact: Impact
    goal_id: int | None = None
    votes: int = 0
    origin: str = "live"
    removed: bool = False
    merged_into: int | None = None

    @property
    def active(self) -> bool:
        """Counted in the summary: neither removed nor merged into another item."""
        return not self.removed and self.merged_into is None


@dataclass(frozen=True)
class ActionItemRecord:
    """Who does what by when; ``owner_id`` None means nobody has taken it yet."""

    id: int
    item_id: int | None
    owner_id: int | None
    what: str
    due: date | None
    status: ActionStatus
    blocked_reason: str = ""
    done_on: date | None = None  # the day it was marked done (None: not done, or not known)


@dataclass(frozen=True)
class GoalRecord:
    """A company goal of the session."""

    id: int
    text: str


@dataclass(frozen=True)
class ItemIndex:
    """A session's active items prepared for finding recurring ones (``followup.index_items``):
    each with its (source, target) department-key pairs and word set, and the entries by pair.
    Built once per session, compared with the session before and after it."""

    entries: tuple[tuple[BoardItemRecord, frozenset[tuple[str, str]], frozenset[str]], ...]
    by_pair: Mapping[tuple[str, str], tuple[int, ...]]


@dataclass(frozen=True)
class PreviousSession:
    """The previous session of the same series, with its action items' current status.

    ``index``: its items already indexed (``followup.index_items``), or None to index them.
    """

    title: str
    participants: tuple[ParticipantRecord, ...] = ()
    items: tuple[BoardItemRecord, ...] = ()
    action_items: tuple[ActionItemRecord, ...] = ()
    index: ItemIndex | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class RoundPreparation:
    """One round of the plan: meetings prepared and meetings that ended with an agreed next step.

    Counted per person and counterpart (each side prepares and agrees on their own): counts
    only, never the private prep cards' or follow-ups' text.
    """

    round: int
    meetings_planned: int
    meetings_prepared: int
    agreed_next_steps: int


@dataclass(frozen=True)
class SummaryInputs:
    """Everything ``build_summary`` reads; order within each tuple never matters."""

    title: str
    participants: tuple[ParticipantRecord, ...] = ()
    agendas: tuple[AgendaRecord, ...] = ()
    rounds_played: int = 0
    pairs_met: frozenset[frozenset[int]] = frozenset()
    items: tuple[BoardItemRecord, ...] = ()
    action_items: tuple[ActionItemRecord, ...] = ()
    goals: tuple[GoalRecord, ...] = ()
    previous: PreviousSession | None = None
    held_items: int = 0  # active board items moderation holds back from the room: counted apart
    index: ItemIndex | None = field(default=None, compare=False, repr=False)  # ``items`` indexed
    preparation: tuple[RoundPreparation, ...] = ()  # per round of the plan, in round order


# --------------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Headline:
    """The figures at the top of the summary."""

    participants: int
    attended: int
    agendas_submitted: int
    rounds_played: int
    pairs_met: int
    items_captured: int
    action_items: int
    action_items_overdue: int
    items_held: int = 0


@dataclass(frozen=True)
class Figure:
    """One headline figure as every format shows it: ``count`` then ``suffix`` ("3" "of 4")."""

    key: str
    label: str
    count: int
    suffix: str
    definition: str

    @property
    def value(self) -> str:
        """The figure as text, the same in the page, Markdown, CSV, PDF and JSON."""
        return f"{self.count} {self.suffix}".strip()


@dataclass(frozen=True)
class Friction:
    """A department pair with cross-team items: who pushes what onto whom, how hard."""

    source: str
    target: str
    items: int
    weight: int
    votes: int
    texts: tuple[str, ...]


@dataclass(frozen=True)
class ImpactEdge:
    """Items a department pushes downstream onto another, and their summed impact weight."""

    source: str
    target: str
    items: int
    weight: int


@dataclass(frozen=True)
class ItemLine:
    """One active board item as the summary shows it."""

    id: int
    from_team: str
    to_teams: tuple[str, ...]
    text: str
    impact: Impact
    weight: int
    votes: int
    origin: str
    goal_id: int | None
    goal: str | None


@dataclass(frozen=True)
class PressingIssue:
    """A ranked "most pressing issue" (agenda topic 2), shared by one or more departments.

    ``kind`` is always "agenda" (kept for readers of the JSON); ``ref_id`` is the participant id
    of the agenda whose wording is shown, ``department`` theirs, ``departments`` every
    department that raised it. Agenda issues are not rated: ``impact`` None, ``weight`` 0.
    """

    rank: int
    kind: str
    ref_id: int
    department: str
    text: str
    ask: str
    votes: int
    impact: Impact | None
    weight: int
    goal: str | None
    departments: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoalGroup:
    """The active board items aligned to one company goal (possibly none)."""

    goal_id: int
    goal: str
    items: tuple[ItemLine, ...]


@dataclass(frozen=True)
class ActionLine:
    """One row of "who does what by when"."""

    id: int
    item_id: int | None
    item_text: str
    owner: str
    department: str
    what: str
    due: date | None
    status: ActionStatus
    blocked_reason: str
    overdue: bool


@dataclass(frozen=True)
class RecurringItem:
    """A current item that resembles one of the previous session on the same department pair."""

    item_id: int
    text: str
    previous_item_id: int
    previous_text: str
    pairs: tuple[tuple[str, str], ...]
    similarity: float


@dataclass(frozen=True)
class FrictionChange:
    """The impact weight from ``source`` onto ``target`` then and now."""

    source: str
    target: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        """Positive when friction rose."""
        return self.after - self.before


@dataclass(frozen=True)
class FollowThrough:
    """How the previous session's commitments and frictions developed."""

    previous_title: str
    done: tuple[ActionLine, ...]
    still_open: tuple[ActionLine, ...]
    overdue: tuple[ActionLine, ...]
    recurring: tuple[RecurringItem, ...]
    friction_rose: tuple[FrictionChange, ...]
    friction_fell: tuple[FrictionChange, ...]


@dataclass(frozen=True)
class Summary:
    """The executive summary, every list in its final, deterministic order."""

    title: str
    as_of: date
    headline: Headline
    edges: tuple[ImpactEdge, ...]
    pressing: tuple[PressingIssue, ...]
    items: tuple[ItemLine, ...]
    goals: tuple[GoalGroup, ...]
    unaligned: tuple[ItemLine, ...]
    actions: tuple[ActionLine, ...]
    follow_through: FollowThrough | None
    figures: tuple[Figure, ...] = ()
    frictions: tuple[Friction, ...] = ()
    preparation: tuple[RoundPreparation, ...] = ()
