"""The threads the framing check's rules run on beside the sentence encoder (round 16).

ONNX Runtime releases the GIL while the encoder computes, so ``check_framing`` reads the rules on
a pool thread (``beside``) while the calling thread runs the encoder: a call waits for the slower
of the two, not for both (docs/FRAMING.md, "Round 16"). Several captures at once share the cores.

A forked child gets a pool of its own: it inherits the parent's pool object but none of its
threads, and a pool whose threads are gone never runs what it is given. During interpreter
shutdown no thread may start, so the work runs on the calling thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Final, TypeVar

THREADS: Final = min(4, os.cpu_count() or 1)
T = TypeVar("T")
U = TypeVar("U")


def _new_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="framing-rules")


_POOL = _new_pool()


def _fresh_pool() -> None:
    global _POOL  # replaced only in a forked child, before it runs anything
    _POOL = _new_pool()


os.register_at_fork(after_in_child=_fresh_pool)


def beside(work: Callable[[], T], here: Callable[[], U]) -> tuple[T, U]:
    """``work()`` on a pool thread while this thread runs ``here()``; both results (an error in
    either is raised here)."""
    try:
        pending = _POOL.submit(work)
    except RuntimeError:  # the interpreter is shutting down: no new threads
        mine = here()
        return work(), mine
    mine = here()
    return pending.result(), mine
