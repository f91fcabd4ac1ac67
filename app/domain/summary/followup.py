"""Action items as "who does what by when", and follow-through against the previous session."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from app.domain.summary.edges import DepartmentNames, Pair, item_pairs, pair_weights
from app.domain.summary.model import (
    ActionItemRecord,
    ActionLine,
    ActionStatus,
    BoardItemRecord,
    FollowThrough,
    FrictionChange,
    ItemIndex,
    ParticipantRecord,
    PreviousSession,
    RecurringItem,
)

# Two items "recur" when they share a department pair and at least half of their words (Jaccard
# over words of three or more letters, so "the", "to", "is" do not make texts look alike).
RECURRING_SIMILARITY = 0.5
_MIN_WORD = 3
_LONG_WORD = re.compile(rf"\w{{{_MIN_WORD},}}")


def is_overdue(action: ActionItemRecord, today: date) -> bool:
    """Due before today and not done; an item due today is not overdue yet."""
    return action.due is not None and action.due < today and action.status != ActionStatus.DONE


def action_lines(
    actions: Iterable[ActionItemRecord],
    participants: Mapping[int, ParticipantRecord],
    items: Mapping[int, BoardItemRecord],
    names: DepartmentNames,
    today: date,
) -> tuple[ActionLine, ...]:
    """Action rows ordered by due date (undated last), then owner, then id."""
    lines = []
    for action in actions:
        owner = participants.get(action.owner_id) if action.owner_id is not None else None
        item = items.get(action.item_id) if action.item_id is not None else None
        lines.append(
            ActionLine(
                id=action.id,
                item_id=action.item_id,
                item_text=item.text if item else "",
                owner=owner.name if owner else "",
                department=names.display(owner.department) if owner else "",
                what=action.what,
                due=action.due,
                status=action.status,
                blocked_reason=action.blocked_reason,
                overdue=is_overdue(action, today),
            )
        )
    return tuple(sorted(lines, key=_action_order))


def _action_order(line: ActionLine) -> tuple[bool, date, str, str, int]:
    return (line.due is None, line.due or date.min, line.owner.casefold(), line.owner, line.id)


def text_similarity(first: str, second: str) -> float:
    """Jaccard similarity of the two texts' words of three or more letters (0 when none)."""
    a, b = _words(first), _words(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def word_set(text: str) -> frozenset[str]:
    """The words ``text_similarity`` compares: three or more letters, case folded."""
    return _words(text)


def _words(text: str) -> frozenset[str]:
    # A run of three or more word characters is exactly a ``\w+`` word of three or more.
    return frozenset(_LONG_WORD.findall(text.casefold()))


def follow_through(
    previous: PreviousSession,
    items: tuple[BoardItemRecord, ...],
    names: DepartmentNames,
    today: date,
    index: ItemIndex | None = None,
) -> FollowThrough:
    """Sort the previous session's actions into done / still open / overdue, find recurring
    items and the department pairs whose friction (summed impact weight) rose or fell.

    ``index`` is ``items`` already indexed (``index_items``), as ``previous.index`` may be.
    """
    people = {p.id: p for p in previous.participants}
    lines = action_lines(
        previous.action_items, people, {i.id: i for i in previous.items}, names, today
    )
    done = tuple(line for line in lines if line.status == ActionStatus.DONE)
    overdue = tuple(line for line in lines if line.overdue)
    still_open = tuple(
        line for line in lines if line.status != ActionStatus.DONE and not line.overdue
    )
    rose, fell = _friction_changes(previous.items, items, names)
    return FollowThrough(
        previous_title=previous.title,
        done=done,
        still_open=still_open,
        overdue=overdue,
        recurring=recurring_items(previous.index or previous.items, index or items, names),
        friction_rose=rose,
        friction_fell=fell,
    )


def index_items(items: Iterable[BoardItemRecord]) -> ItemIndex:
    """Index the active items that name another department (only those can recur)."""
    entries: list[tuple[BoardItemRecord, frozenset[Pair], frozenset[str]]] = []
    by_pair: dict[Pair, list[int]] = {}
    for item in items:
        if not item.active:
            continue
        pairs = item_pairs(item)
        if not pairs:
            continue
        for pair in pairs:
            by_pair.setdefault(pair, []).append(len(entries))
        entries.append((item, frozenset(pairs), _words(item.text)))
    return ItemIndex(tuple(entries), {pair: tuple(found) for pair, found in by_pair.items()})


def recurring_items(
    before: Iterable[BoardItemRecord] | ItemIndex,
    now: Iterable[BoardItemRecord] | ItemIndex,
    names: DepartmentNames,
) -> tuple[RecurringItem, ...]:
    """Current items resembling an earlier one (half their words) on a shared department pair.

    Either side may come already indexed (``index_items``): the scorecard compares each
    session with the one before and after it, and indexes each once.
    """
    # Only items sharing a department pair can recur: index the earlier ones by pair, so two
    # sessions of 2,000 items compare a few thousand pairs of texts, not four million.
    earlier = before if isinstance(before, ItemIndex) else index_items(before)
    current = now if isinstance(now, ItemIndex) else index_items(now)
    found = []
    for item, pairs, words in current.entries:
        candidates = _candidates(earlier, pairs)
        if not candidates or not words:
            continue
        size = len(words)
        best: tuple[float, int, BoardItemRecord, frozenset[Pair]] | None = None
        for index in candidates:
            old, old_pairs, old_words = earlier.entries[index]
            common = len(words & old_words)
            union = size + len(old_words) - common  # never 0: ``words`` is not empty
            if common < RECURRING_SIMILARITY * union:
                continue
            score = common / union  # Jaccard
            # Highest similarity wins; among equals the oldest item, whatever the input order.
            if best is None or score > best[0] or (score == best[0] and old.id < best[1]):
                best = (score, old.id, old, pairs & old_pairs)
        if best is not None:
            shown = sorted((names.display(s), names.display(t)) for s, t in best[3])
            found.append(
                RecurringItem(item.id, item.text, best[1], best[2].text, tuple(shown), best[0])
            )
    return tuple(sorted(found, key=lambda r: ([p.casefold() for p in r.pairs[0]], r.item_id)))


def count_recurring(earlier: ItemIndex, current: ItemIndex) -> int:
    """How many current items resemble an earlier one: ``recurring_items`` without naming
    which one (the first resemblance found will do)."""
    found = 0
    for _item, pairs, words in current.entries:
        if words and any(
            _alike(words, earlier.entries[index][2]) for index in _candidates(earlier, pairs)
        ):
            found += 1
    return found


def _candidates(index: ItemIndex, pairs: frozenset[Pair]) -> set[int]:
    found: set[int] = set()
    for pair in pairs:
        found.update(index.by_pair.get(pair, ()))
    return found


def _alike(words: frozenset[str], other: frozenset[str]) -> bool:
    common = len(words & other)
    return bool(other) and common >= RECURRING_SIMILARITY * (len(words) + len(other) - common)


def _friction_changes(
    before: Iterable[BoardItemRecord], now: Iterable[BoardItemRecord], names: DepartmentNames
) -> tuple[tuple[FrictionChange, ...], tuple[FrictionChange, ...]]:
    then, current = pair_weights(before), pair_weights(now)
    changes = [
        FrictionChange(
            names.display(source),
            names.display(target),
            then.get((source, target), (0, 0))[1],
            current.get((source, target), (0, 0))[1],
        )
        for source, target in then.keys() | current.keys()
    ]
    changes.sort(key=lambda c: (-abs(c.delta), c.source.casefold(), c.target.casefold()))
    return (
        tuple(c for c in changes if c.delta > 0),
        tuple(c for c in changes if c.delta < 0),
    )
