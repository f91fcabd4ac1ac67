"""One English stemmer for the domain: the Snowball (Porter 2) algorithm, cached per word.

Used by the framing check (word features) and the board's duplicate finder, so "invoices",
"invoiced" and "invoicing" meet in both. ``snowballstemmer`` is pure Python and does no I/O; it
switches to PyStemmer's C implementation by itself when that is installed.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import snowballstemmer

_STEMMER: Final = snowballstemmer.stemmer("english")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The Snowball English stem of ``word``, lower-cased ("Hoarding" -> "hoard")."""
    return str(_STEMMER.stemWord(word.lower()))
