"""Matchings on small general graphs: a greedy start and Edmonds' augmenting paths.

A round of pairs is a matching. The planner grows one greedily (cheap, and good on the dense
graphs a session produces) and then closes the gap to a maximum matching with Edmonds'
blossom search, which handles the odd cycles that department rules create. Vertices are ints;
``match[v]`` is the partner, :data:`FREE` or :data:`BLOCKED` (not playing this round).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Final

FREE: Final = -1
BLOCKED: Final = -2

Neighbours = Callable[[int], Iterable[int]]


def greedy_extend(
    adj: Sequence[Collection[int]], match: list[int], order: Sequence[int], rank: Sequence[int]
) -> None:
    """Match free vertices of ``order`` greedily, each to its free neighbour of lowest rank.

    Vertices with few free neighbours go first (the Karp-Sipser idea): they are the ones a
    careless early choice would strand.
    """
    free_degree = {v: sum(1 for u in adj[v] if match[u] == FREE) for v in order}
    for v in sorted(order, key=lambda v: (free_degree[v], rank[v])):
        if match[v] != FREE:
            continue
        best, best_rank = FREE, len(rank)
        for u in adj[v]:
            if match[u] == FREE and rank[u] < best_rank:
                best, best_rank = u, rank[u]
        if best != FREE:
            match[v], match[best] = best, v


def augment(neighbours: Neighbours, match: list[int], roots: Iterable[int]) -> None:
    """Grow ``match`` along augmenting paths from each free root until none is left.

    A root whose search fails leaves a "Hungarian" tree that can never carry an augmenting
    path again, so its vertices are skipped by later searches; the whole call then costs
    about one graph traversal plus one per successful augmentation.
    """
    dead: set[int] = set()
    for root in roots:
        if match[root] == FREE and root not in dead:
            tree = _search(root, neighbours, match, dead)
            if tree is not None:
                dead.update(tree)


def _search(
    root: int, neighbours: Neighbours, match: list[int], dead: set[int]
) -> list[int] | None:
    """One Edmonds search from ``root``; augments and returns None, or returns the dead tree."""
    parent: dict[int, int] = {}
    base: dict[int, int] = {root: root}
    outer = {root}
    tree = [root]
    queue = deque([root])
    while queue:
        v = queue.popleft()
        for to in neighbours(v):
            if match[to] == BLOCKED or to in dead or match[v] == to:
                continue
            if base[v] == base.get(to, to):
                continue
            if to == root or (match[to] >= 0 and match[to] in parent):
                for u in _contract(v, to, base, parent, match, tree):
                    if u not in outer:
                        outer.add(u)
                        queue.append(u)
            elif to not in parent:
                parent[to] = v
                if match[to] == FREE:
                    _flip(to, parent, match)
                    return None
                mate = match[to]
                base.setdefault(to, to)
                base.setdefault(mate, mate)
                tree += [to, mate]
                outer.add(mate)
                queue.append(mate)
    return tree


def _contract(
    v: int, to: int, base: dict[int, int], parent: dict[int, int], match: list[int], tree: list[int]
) -> list[int]:
    """Shrink the blossom closed by edge ``v``-``to``; return the vertices now inside it."""
    top = _common_base(v, to, base, parent, match)
    in_blossom: set[int] = set()
    _mark_path(v, top, to, base, parent, match, in_blossom)
    _mark_path(to, top, v, base, parent, match, in_blossom)
    joined = []
    for u in tree:
        if base[u] in in_blossom:
            base[u] = top
            joined.append(u)
    return joined


def _common_base(
    a: int, b: int, base: dict[int, int], parent: dict[int, int], match: list[int]
) -> int:
    """Lowest common ancestor (by blossom base) of two outer vertices in the search tree."""
    seen = set()
    while True:
        a = base[a]
        seen.add(a)
        if match[a] == FREE:
            break
        a = parent[match[a]]
    while True:
        b = base[b]
        if b in seen:
            return b
        b = parent[match[b]]


def _mark_path(
    v: int,
    top: int,
    child: int,
    base: dict[int, int],
    parent: dict[int, int],
    match: list[int],
    in_blossom: set[int],
) -> None:
    """Walk from ``v`` up to the blossom base, re-pointing parents so paths run through it."""
    while base[v] != top:
        in_blossom.add(base[v])
        in_blossom.add(base[match[v]])
        parent[v] = child
        child = match[v]
        v = parent[match[v]]


def _flip(end: int, parent: dict[int, int], match: list[int]) -> None:
    """Swap matched and unmatched edges along the path ending at the free vertex ``end``."""
    v = end
    while v != FREE:
        pv = parent[v]
        nxt = match[pv]
        match[v], match[pv] = pv, v
        v = nxt
