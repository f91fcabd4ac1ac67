"""Prep cards: a participant's value proposition for one counterpart, and suggestions for it.

A card has three fields: what is in it for them, what I will ask, what I can offer. The ask is
run through the framing check (an ask, not a complaint). Suggestions come from what the two
agendas already say: the counterpart's pressing issue, butterfly-effect issues each side pushes
onto the other's department, and the company goal both touch.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.errors import FieldError
from app.domain.framing.check import FramingResult, check_framing

PREP_FIELDS: dict[str, tuple[str, int]] = {
    "for_them": ("What's in it for them", 1000),
    "my_ask": ("What I will ask", 600),
    "my_offer": ("What I can offer", 600),
}


@dataclass(frozen=True)
class PrepContent:
    """What the author wrote; empty strings mean "not written yet"."""

    for_them: str = ""
    my_ask: str = ""
    my_offer: str = ""

    def is_prepared(self) -> bool:
        """A meeting counts as prepared once the value proposition or the ask is written."""
        return bool(self.for_them.strip() or self.my_ask.strip())


def prep_errors(content: PrepContent) -> list[FieldError]:
    """Lengths over the limit, one error per field."""
    return [
        FieldError(name, f"{label} can be at most {high} characters.")
        for name, (label, high) in PREP_FIELDS.items()
        if len(getattr(content, name)) > high
    ]


def ask_finding(content: PrepContent) -> FramingResult | None:
    """The framing check on the ask, when there is one."""
    text = content.my_ask.strip()
    return check_framing(text) if text else None


def suggestions(
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    my_department: str,
    their_department: str,
    goals: Mapping[int, str],
) -> list[str]:
    """Hints for the card from both agendas' content (``AgendaContent.as_dict()`` shapes)."""
    out: list[str] = []
    pressing = str(theirs.get("pressing_issue") or "").strip()
    if pressing:
        out.append(f"Their most pressing issue: {pressing}")
    ask = str(theirs.get("pressing_ask") or "").strip()
    if ask:
        out.append(f"What they ask for: {ask}")
    if _lands_on(theirs, my_department):
        out.append(
            f"They push an issue onto {my_department}: "
            f"{str(theirs.get('butterfly_issue') or '').strip()}"
        )
    if _lands_on(mine, their_department):
        out.append(
            f"You push an issue onto {their_department}: "
            f"{str(mine.get('butterfly_issue') or '').strip()}"
        )
    shared = _goal_ids(mine) & _goal_ids(theirs)
    out += [f"A company goal you both touch: {goals[g]}" for g in sorted(shared) if g in goals]
    return out


def _lands_on(content: Mapping[str, Any], department: str) -> bool:
    targets = content.get("butterfly_targets") or []
    return any(str(t).casefold() == department.casefold() for t in targets)


def _goal_ids(content: Mapping[str, Any]) -> set[int]:
    ids = (content.get("pressing_goal_id"), content.get("butterfly_goal_id"))
    return {int(g) for g in ids if g is not None}


@dataclass(frozen=True)
class EarlierIssue:
    """A butterfly-effect issue from an earlier session of the series."""

    session_title: str
    from_department: str
    issue: str
    targets: tuple[str, ...]


def series_suggestions(
    earlier: list[EarlierIssue], my_department: str, their_department: str
) -> list[str]:
    """Issues pushed between the two departments in earlier sessions of the series."""
    mine, theirs = my_department.casefold(), their_department.casefold()
    out: list[str] = []
    for e in earlier:
        source = e.from_department.casefold()
        targets = {t.casefold() for t in e.targets}
        if mine == theirs or not e.issue.strip():
            continue
        if (source == theirs and mine in targets) or (source == mine and theirs in targets):
            onto = my_department if source == theirs else their_department
            out.append(f"Earlier, in {e.session_title}: {e.from_department} → {onto}: {e.issue}")
    return out
