"""Folding the text and cutting it into words and sentences."""

from __future__ import annotations

import re
from typing import Final

# One character in, one character out: offsets survive the fold.
FOLD: Final = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": ";", "–": ";"})

# Round 14: "R&D", "D&A", "FP&A" are one word, as business English writes department names.
WORD: Final = re.compile(r"[^\W_]+(?:['&][^\W_]+)*")
SENTENCE_END: Final = re.compile(r"[.!?;:\n]+(?=\s|$)|\n")
