"""Helpers shared by the vocabulary modules."""

from __future__ import annotations

import re
from typing import Final

_I: Final = re.IGNORECASE


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())
