"""Rounds of pairs: the circle method where it is optimal, a tiered matching everywhere else.

The circle method (``planner.circle``) is a perfect round robin; it is used alone when nothing
but luck distinguishes the pairs (returned as a ``RoundRobin``, which the caller turns into
rounds and figures without index-form pairs), and as one candidate when only weights or
must-meet locks do (no played rounds, no must-not-meet locks, no department rule to keep).

Everything else is planned round by round as a matching on the pairs that have not met yet:

1. With odd ``n`` one person sits out: fewest sit-outs so far, then no pending must-meet
   partner, then fewest unmet partners.
2. Must-meet pairs are matched first and stay matched.
3. People with exactly as many unmet partners as rounds left are matched next; skipping them
   would make one of their pairs impossible (the "busiest first" rule of edge colouring).
4. Class by class (linked departments, then new to each other, then the rest, then, in soft
   mode, colleagues), a maximum matching among the people still free: a greedy start, then
   Edmonds' augmenting paths. Augmenting paths then seat the people left over with new
   partners, re-pairing lower classes before higher ones, so round 1 seats everyone it can
   and, in all tests against networkx, has the most linked pairs such a seating allows.
5. The rest meet again (fewest earlier meetings first); colleagues, in hard mode, only when
   nothing else seats them (the notes say so); anyone whose every partner is a must-not-meet
   lock sits out extra.
6. Partners are exchanged between two pairs while that lowers the round's cost, so no
   exchange could turn a repeat into a first meeting without breaking a rule.

After the last round, ``planner.repair`` meets missed pairs by re-pairing within and across
rounds, and step 6 runs again in plan order. Without departments full coverage and the fewest
repeats are guaranteed (the circle method); with departments it is a heuristic that reaches
full coverage whenever the rounds allow it in the large rooms tried (200 and 500 people,
departments of 1-10); in 200 random rooms of 4-60 people with departments of 1-3 and just
enough rounds, it missed 1-2 pairs in 10, all of at most 15 people, where reseeded attempts
did no better (some of these are impossible under the hard rule). Rooms of at most 64 people
get up to 6 reseeded attempts when pairs are missed; the best plan is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import chain
from typing import Final

from app.domain.planner.circle import RoundRobin, circle_schedule, round_robin
from app.domain.planner.costs import quality
from app.domain.planner.figures import tally
from app.domain.planner.matching import BLOCKED, FREE, augment, greedy_extend
from app.domain.planner.model import (
    FRESH_WEIGHT,
    LINKED_WEIGHT,
    Problem,
    Schedule,
    Seating,
    seeded_random,
)
from app.domain.planner.repair import complete_coverage, exchange_in_order, exchange_repeats


def plan_pairs(p: Problem) -> Schedule | RoundRobin:
    """Plan ``p.new_rounds`` rounds of pairs (see the module docstring)."""
    circle_fits = not p.history and not p.must_not and not (p.hard_dept and p.has_colleagues)
    if circle_fits and p.uniform:
        return round_robin(p)
    candidates = [circle_schedule(p)] if circle_fits else []
    for attempt in range(_RESTARTS if p.n <= _RESTART_MAX_PEOPLE else 1):
        candidates.append(_PairPlanner(p, attempt).run())
        figures = tally(p, p.history + candidates[-1].seatings)
        if figures.pairs_covered >= figures.pairs_bound:
            break  # nothing left to gain; more attempts only differ by luck
    return min(candidates, key=lambda s: quality(p, tally(p, p.history + s.seatings)))


# Small rooms whose rounds just suffice for everybody to meet can miss a pair by bad luck
# in the greedy order; a few reseeded attempts are cheap there and usually find it.
_RESTARTS: Final = 6
_RESTART_MAX_PEOPLE: Final = 64


class _PairPlanner:
    """Round-by-round state: unmet pairs by tier, meeting counts and sit-out counts."""

    def __init__(self, p: Problem, attempt: int) -> None:
        self.p = p
        self.rng = seeded_random(p.seed, f"pairs {attempt}")
        self.met: dict[int, int] = {}
        self.sat = [0] * p.n
        for s in p.history:
            self._commit(s, tiers=False)
        self.tiers, self.classes = _build_tiers(p, self.met)
        self.notes: list[str] = []
        self._allowed: list[list[int]] | None = None

    def run(self) -> Schedule:
        """Plan every remaining round, then repair coverage and re-check each round."""
        seatings = []
        for number in range(len(self.p.history) + 1, len(self.p.history) + self.p.new_rounds + 1):
            seating = self._plan_round(number)
            self._commit(seating, tiers=True)
            seatings.append(seating)
        if any(count > 1 for count in self.met.values()):
            seatings = exchange_in_order(self.p, complete_coverage(self.p, seatings))
        return Schedule(tuple(seatings), tuple(self.notes))

    def _plan_round(self, number: int) -> Seating:
        n = self.p.n
        unmet = [sum(len(adj[v]) for adj in self.tiers) for v in range(n)]
        rank = self._ranks(unmet)
        match = [FREE] * n
        for v in self._sit_outs(rank):
            match[v] = BLOCKED
        self._match_class(match, self.classes[0], rank)
        # A must-meet pair, once matched, is a hard rule: later steps must not trade it away
        # to seat someone else, so it is blocked until the round is complete.
        locked = {v: partner for v, partner in enumerate(match) if partner >= 0}
        for v in locked:
            match[v] = BLOCKED
        left = len(self.p.history) + self.p.new_rounds - number + 1
        self._match_critical(match, unmet, left - n % 2, rank)
        for members in self.classes[1:]:
            self._match_class(match, members, rank)
        linked = self._matched_in(match, self.classes[1:2])
        self._seat_with_new_partners(match)
        if FREE in match:
            self._seat_leftovers(match, number)
        for v, partner in locked.items():
            match[v] = partner
        pairs = [(v, match[v]) for v in range(n) if match[v] > v]
        # Seating everyone may have cost linked pairs; exchanges often win them back.
        lost = linked - self._matched_in(match, self.classes[1:2])
        exchange_repeats(self.p, pairs, self.met, frozenset(lost))
        groups = tuple(sorted(pairs))
        return Seating(groups, tuple(v for v in range(n) if match[v] < 0))

    def _ranks(self, unmet: list[int]) -> list[int]:
        """Partner preference: most unmet partners first (they are hardest to finish), then luck."""
        order = list(range(self.p.n))
        self.rng.shuffle(order)
        order.sort(key=lambda v: -unmet[v])
        rank = [0] * self.p.n
        for position, v in enumerate(order):
            rank[v] = position
        return rank

    def _sit_outs(self, rank: list[int]) -> list[int]:
        """With odd n, one person sits out: fewest sit-outs so far, then fewest unmet partners."""
        if self.p.n % 2 == 0:
            return []
        must = self.tiers[0]
        return [min(range(self.p.n), key=lambda v: (self.sat[v], bool(must[v]), -rank[v]))]

    def _match_critical(
        self, match: list[int], unmet: list[int], left: int, rank: list[int]
    ) -> None:
        """First seat people with as many unmet partners as rounds left, with new partners.

        Skipping such a person now makes one of their pairs impossible later; this is the
        "colour the busiest vertices first" rule of edge-colouring heuristics.
        """
        critical = [v for v in range(self.p.n) if match[v] == FREE and 0 < unmet[v] == left]
        if not critical:
            return
        unmet_partners = self._neighbours(range(len(self.tiers)))

        for v in sorted(critical, key=rank.__getitem__):
            if match[v] == FREE:
                options = [u for u in unmet_partners(v) if match[u] == FREE]
                if options:
                    u = min(options, key=rank.__getitem__)
                    match[u], match[v] = v, u
        augment(unmet_partners, match, [v for v in critical if match[v] == FREE])

    def _match_class(self, match: list[int], members: list[int], rank: list[int]) -> None:
        """Match one class to maximum size among the people still free.

        Classes go in priority order (must-meet, linked departments, new to each other, the
        rest, colleagues in soft mode). Within a class the greedy start takes its tiers in
        order (pairs new to each other before pairs who met in earlier sessions); the
        augmenting paths then use the whole class, so its count is a maximum.
        """
        sub = [FREE if m == FREE else BLOCKED for m in match]
        roots = [
            v for v in range(self.p.n) if sub[v] == FREE and any(self.tiers[t][v] for t in members)
        ]
        if len(roots) < 2:
            return
        for t in members:
            greedy_extend(self.tiers[t], sub, roots, rank)
        augment(self._neighbours(members), sub, roots)
        for v in roots:
            if sub[v] >= 0:
                match[v] = sub[v]

    def _seat_with_new_partners(self, match: list[int]) -> None:
        """Seat the people the classes left free with new partners, if paths allow.

        An augmenting path may re-pair people matched in an earlier class. Paths through the
        lower classes are tried first (linked pairs stay intact), then any path: seating one
        more person with someone new beats keeping a linked pair.
        """
        everything = self._neighbours(range(len(self.tiers)))
        n = self.p.n
        for protected in range(len(self.classes) - 1, -1, -1):
            roots = [v for v in range(n) if match[v] == FREE]
            if not roots:
                return
            keep = self._matched_in(match, self.classes[:protected])
            masked = [BLOCKED if v in keep else m for v, m in enumerate(match)]
            augment(everything, masked, roots)
            for v in range(n):
                if v not in keep:
                    match[v] = masked[v]

    def _matched_in(self, match: list[int], classes: list[list[int]]) -> set[int]:
        """People whose partner in ``match`` is a first meeting from one of ``classes``."""
        tiers = [self.tiers[t] for members in classes for t in members]
        return {v for v, u in enumerate(match) if u >= 0 and any(u in adj[v] for adj in tiers)}

    def _neighbours(self, members: Iterable[int]) -> Callable[[int], Iterable[int]]:
        """Unmet partners of a person in the given tiers."""
        tiers = [self.tiers[t] for t in members]
        return lambda v: chain.from_iterable(adj[v] for adj in tiers)

    def _seat_leftovers(self, match: list[int], number: int) -> None:
        """Seat people without a new partner: repeats, then colleagues, then an extra sit-out."""
        p = self.p
        self._pair_up(match, self._allowed_partners())
        if FREE in match and p.hard_dept:
            before = match.count(FREE)
            self._pair_up(match, lambda v: (u for u in range(p.n) if p.key(u, v) not in p.must_not))
            if match.count(FREE) < before:
                self.notes.append(
                    f"Round {number}: same-department meetings were unavoidable; "
                    "fell back to soft for this round"
                )
        stuck = [p.ids[v] for v in range(p.n) if match[v] == FREE]
        if stuck:
            self.notes.append(
                f"Round {number}: {', '.join(stuck)} sit out extra (every remaining partner is "
                "must-not-meet)"
            )

    def _pair_up(self, match: list[int], partners: Callable[[int], Iterable[int]]) -> None:
        """Pair free people, fewest earlier meetings first, then augment for the rest."""
        free = [v for v in range(self.p.n) if match[v] == FREE]
        for v in free:
            if match[v] != FREE:
                continue
            options = [u for u in partners(v) if u != v and match[u] == FREE]
            if options:
                u = min(options, key=lambda u: (self.met.get(self.p.key(u, v), 0), u))
                match[u], match[v] = v, u
        augment(partners, match, [v for v in free if match[v] == FREE])

    def _allowed_partners(self) -> Callable[[int], list[int]]:
        if self._allowed is None:
            p = self.p
            self._allowed = [[u for u in range(p.n) if p.allowed(u, v)] for v in range(p.n)]
        return self._allowed.__getitem__

    def _commit(self, seating: Seating, *, tiers: bool) -> None:
        n = self.p.n
        for a, b in seating.groups:
            key = a * n + b
            self.met[key] = self.met.get(key, 0) + 1
            if tiers:
                for adj in self.tiers:
                    adj[a].discard(b)
                    adj[b].discard(a)
        for v in seating.sitting:
            self.sat[v] += 1


def _build_tiers(p: Problem, met: dict[int, int]) -> tuple[list[list[set[int]]], list[list[int]]]:
    """Unmet allowed pairs by priority, and the tiers grouped into classes.

    Tiers: must-meet, then one per weight, high to low, then colleagues (soft mode only).
    Classes: must-meet; linked departments; new to each other; the rest; colleagues.
    """
    n = p.n
    weights = p.weights
    values = sorted({w for row in weights for w in row if w > 0}, reverse=True)
    position = {w: t + 1 for t, w in enumerate(values)}
    tiers: list[list[set[int]]] = [[set() for _ in range(n)] for _ in range(len(values) + 2)]
    classes: dict[int, list[int]] = {}
    for w, t in position.items():
        classes.setdefault(0 if w >= LINKED_WEIGHT else 1 if w >= FRESH_WEIGHT else 2, []).append(t)
    grouped = [[0], *(classes[c] for c in sorted(classes)), [len(tiers) - 1]]
    for i in range(n):
        row = weights[i]
        for j in range(i + 1, n):
            if row[j] > 0 and i * n + j not in met:
                tier = 0 if i * n + j in p.must_meet else position[row[j]]
                tiers[tier][i].add(j)
                tiers[tier][j].add(i)
    if not p.hard_dept:
        soft = tiers[-1]
        for people in p.members.values():
            for x, i in enumerate(people):
                for j in people[x + 1 :]:
                    if i * n + j not in met and i * n + j not in p.must_not and p.same_dept(i, j):
                        soft[i].add(j)
                        soft[j].add(i)
    return tiers, grouped
