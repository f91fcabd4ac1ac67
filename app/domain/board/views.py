"""Read-only views of the board: display order, team pairs, the heat map, similar items.

Pair, heat-map and similarity views skip removed and merged items themselves, so a caller cannot
count a duplicate twice by passing ``board.items``. ``board_order`` sorts whatever it is given
(the facilitator's "removed" panel uses it too).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz

from app.domain.board.model import IMPACT_WEIGHTS, AuditEntry, Board, BoardItem
from app.domain.stemming import stem

# Chosen on the planted set in bench/duplicates_planted.py (all planted duplicates found from
# 0.4 to 0.6; false suggestions vanish from 0.5): the middle keeps a margin on both sides.
SIMILAR_THRESHOLD: Final = 0.5
# Text must carry a match on its own; the team-pair boost only ranks look-alikes higher.
MIN_TEXT_SCORE: Final = 0.3
PAIR_BOOST: Final = 0.15
HALF_PAIR_BOOST: Final = 0.05

_WORD: Final = re.compile(r"[^\W_]+")
# One string keeps the list readable; ruff would explode a literal set to one word per line.
_STOPWORDS: Final = frozenset(
    (  # noqa: SIM905
        "a an and are as at be been but by for from has have in into is it its of on or our so "
        "that the their them then there they this to was we were when which who will with you "
        "your us not no do does did just very"
    ).split()
)


@dataclass(frozen=True)
class HeatMap:
    """Department × department: row ``i`` pushes onto column ``j``.

    ``weights`` sums the impact weight (low 1, medium 2, high 3, critical 5) of every visible
    item per (from, to) pair, ``counts`` counts them; ``outside_weight`` is the weight aimed at
    or coming from teams that are not departments of the session.
    """

    departments: tuple[str, ...]
    weights: tuple[tuple[int, ...], ...]
    counts: tuple[tuple[int, ...], ...]
    outside_weight: int


@dataclass(frozen=True)
class Match:
    """A likely duplicate and how alike it is (0..1)."""

    item: BoardItem
    score: float


def board_order(
    items: Iterable[BoardItem], votes: Mapping[str, int], *, held_first: bool = False
) -> list[BoardItem]:
    """Pinned first, then most votes, highest impact, earliest created; ties by id.

    ``held_first``: the facilitator's console, where the held items (the moderation queue) lead.
    The browser sorts by the same rule (``static/board/order.js``); both are tested against
    ``tests/data/board_order_cases.json``.
    """
    return sorted(
        items,
        key=lambda item: (
            held_first and not item.held,
            not item.pinned,
            -votes.get(item.id, 0),
            -IMPACT_WEIGHTS[item.impact],
            item.seq,
            item.id,
        ),
    )


def group_by_pair(items: Iterable[BoardItem]) -> dict[tuple[str, str], list[BoardItem]]:
    """Visible items under each (from team, to team) pair; an item with three targets shows
    under three pairs. Pairs sorted by name (case-insensitive), items by creation order."""
    groups: dict[tuple[str, str], list[BoardItem]] = {}
    for item in sorted(_visible(items), key=lambda i: (i.seq, i.id)):
        for target in item.to_teams:
            groups.setdefault((item.from_team, target), []).append(item)
    order = sorted(groups, key=lambda pair: (pair[0].casefold(), pair[1].casefold(), pair))
    return {pair: groups[pair] for pair in order}


def heat_map(items: Iterable[BoardItem], departments: Sequence[str]) -> HeatMap:
    """Who pushes how much onto whom, weighted by impact (see ``HeatMap``)."""
    index = {name.casefold(): i for i, name in enumerate(departments)}
    size = len(departments)
    weights = [[0] * size for _ in range(size)]
    counts = [[0] * size for _ in range(size)]
    outside = 0
    for item in _visible(items):
        weight = IMPACT_WEIGHTS[item.impact]
        row = index.get(item.from_team.casefold())
        for target in item.to_teams:
            column = index.get(target.casefold())
            if row is None or column is None:
                outside += weight
                continue
            weights[row][column] += weight
            counts[row][column] += 1
    return HeatMap(
        tuple(departments),
        tuple(tuple(r) for r in weights),
        tuple(tuple(r) for r in counts),
        outside,
    )


def similar_items(
    text: str,
    from_team: str,
    to_teams: Sequence[str],
    items: Iterable[BoardItem],
    limit: int = 3,
    *,
    threshold: float = SIMILAR_THRESHOLD,
) -> list[Match]:
    """Visible items that look like ``text``, best first, for "we see this too" while typing.

    The text score averages rapidfuzz's token-sort ratio over the Snowball-stemmed words (typos,
    word order) and the Jaccard overlap of the stem sets (rewording). A shared team pair adds
    ``PAIR_BOOST`` (half a pair ``HALF_PAIR_BOOST``), but only once the text alone scores
    ``MIN_TEXT_SCORE``, so two unrelated issues between the same teams do not match.
    """
    words = _words(text)
    if len(words) < 2 or limit <= 0:
        return []
    source = from_team.strip().casefold()
    targets = {team.strip().casefold() for team in to_teams}
    matches = []
    for item in _visible(items):
        text_score = _text_score(words, _words(item.what_happens))
        if text_score < MIN_TEXT_SCORE:
            continue
        same_from = item.from_team.casefold() == source
        shared_to = bool(targets & {team.casefold() for team in item.to_teams})
        boost = PAIR_BOOST if same_from and shared_to else 0.0
        if boost == 0.0 and (same_from or shared_to):
            boost = HALF_PAIR_BOOST
        score = round(min(1.0, text_score + boost), 3)
        if score >= threshold:
            matches.append(Match(item, score))
    matches.sort(key=lambda m: (-m.score, m.item.seq, m.item.id))
    return matches[:limit]


def vote_counts(board: Board) -> dict[str, int]:
    """Votes per item id (items without votes are absent)."""
    counts: dict[str, int] = {}
    for item_id, _person in board.votes:
        counts[item_id] = counts.get(item_id, 0) + 1
    return counts


def visible_items(board: Board) -> list[BoardItem]:
    """Items neither removed nor merged, in creation order."""
    return [item for item in board.items if item.visible]


def item_history(board: Board, item_id: str) -> list[AuditEntry]:
    """The audit entries of an item and of every item merged into it, oldest first."""
    ids = {item_id}
    while True:
        more = {i.id for i in board.items if i.merged_into in ids} - ids
        if not more:
            break
        ids |= more
    return [entry for entry in board.audit if entry.item_id in ids]


def _visible(items: Iterable[BoardItem]) -> list[BoardItem]:
    return [item for item in items if item.visible]


def _words(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text.casefold()) if w not in _STOPWORDS]


def _text_score(a: list[str], b: list[str]) -> float:
    """Mean of rapidfuzz's token-sort ratio (typos, word order) and the overlap of the stem sets
    (rewording); both on stems, so "invoices"/"invoicing" count as the same word."""
    if not a or not b:
        return 0.0
    ratio = fuzz.token_sort_ratio(" ".join(a), " ".join(b)) / 100
    set_a, set_b = set(a), set(b)
    jaccard = len(set_a & set_b) / len(set_a | set_b)
    return (ratio + jaccard) / 2
