"""Helpers shared by the vocabulary modules."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

_I: Final = re.IGNORECASE


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@lru_cache(maxsize=512)
def lowered(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern``'s case-sensitive twin for text already in lower case, or None without one.

    Round 17: with IGNORECASE, Python's regex engine tries every branch of a big alternation at
    every word, since a case-blind literal cannot rule a branch out by its first letter; on
    lower-case text without the flag it can, and the lexicon's largest patterns scan a long
    text three to four times faster. On ASCII text the twin matches exactly where the pattern
    does (``Doc.finditer``); literals and class ranges ("[A-Z]") are lowered, escapes ("\\S",
    "\\W") and group syntax are kept. A pattern that turns case-blindness off inside itself
    ("(?-i:…)") has no twin.
    """
    if not pattern.flags & re.IGNORECASE or "(?-" in pattern.pattern:
        return None
    source, out, i = pattern.pattern, [], 0
    while i < len(source):
        if source[i] == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif source.startswith("(?P", i):
            out.append("(?P")
            i += 3
        else:
            out.append(source[i].lower())
            i += 1
    return re.compile("".join(out), pattern.flags & ~re.IGNORECASE)
