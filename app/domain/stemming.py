"""One English stemmer for the domain: the Snowball (Porter 2) algorithm, cached per word.

Used by the framing check (word features) and the board's duplicate finder, so "invoices",
"invoiced" and "invoicing" meet in both. ``snowballstemmer`` is pure Python and does no I/O; it
switches to PyStemmer's C implementation by itself when that is installed.

A snowballstemmer stemmer keeps the word it works on in itself, so two threads stemming at once
(the server's thread pool: a capture's framing check and a "similar items" lookup arriving
together) corrupt each other's word and raise ``IndexError``; the one stemmer is used under a lock.
Most calls never reach it: the per-word cache answers them.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Final

import snowballstemmer

_STEMMER: Final = snowballstemmer.stemmer("english")
_STEMMER_LOCK: Final = threading.Lock()


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The Snowball English stem of ``word``, lower-cased ("Hoarding" -> "hoard")."""
    with _STEMMER_LOCK:
        return str(_STEMMER.stemWord(word.lower()))
