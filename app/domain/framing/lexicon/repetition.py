"""Absolutes and repeats: "always", "never", "nobody", counts of how often it happened."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _I, _words

ABSOLUTE: Final = re.compile(
    r"\b(?:never|always|constantly|continually|perpetually|not\s+once|"
    r"(?:keeps?|kept)\s+(?:on\s+)?[^\W\d_]+ing|(?:hasn't|haven't|hadn't|didn't|doesn't|don't|"
    r"won't|never)\s+(?:\w+\s+)?(?:a\s+single|one\s+single)|still\s+(?:hasn't|haven't|doesn't|don't|"
    r"won't|can't|isn't|aren't|has\s+not|have\s+not|does\s+not|do\s+not))\b",
    _I,
)
# Frequency phrases sit after the verb or open the sentence, so they take the clause subject.
FREQUENCY: Final = re.compile(
    r"\b(?:every\s+(?:single\s+)?time|each\s+time|all\s+the\s+time|time\s+after\s+time|"
    r"time\s+and\s+(?:time\s+)?again)\b",
    _I,
)
# "Sales is always welcome to call", "Marketing never overspent": absolutes that praise.
PRAISE_AFTER_ABSOLUTE: Final = re.compile(
    r"\s+(?:(?:been|so|very|really)\s+)?(?:welcome|happy|helpful|quick|fast|responsive|"
    r"available|willing|ready|generous|supportive|reliable|great|good|on\s+time|"
    r"miss(?:es|ed)?|fail(?:s|ed)?|overspen(?:d|ds|t)|lets?\s+(?:us|me)\s+down|complain(?:s|ed)?)\b",
    _I,
)
ABSOLUTE_SOFTENERS: Final = _words("not almost nearly as hardly")

NOBODY: Final = re.compile(
    r"\b(?:nobody|no[ -]one)(?:\s+(?:in|from|at|on)\s+[^\W\d_]+(?:\s+[A-Z]\w*)?|\s+there|"
    r"\s+here)?\s+(?:(?:has|have|had|does|did|will|would|can|could)\s+)?(?:ever\s+|even\s+|"
    r"actually\s+)?(?:cares?|listens?|reads?|answers?|responds?|replies|reply|bothers?|"
    r"bothered|updates?|checks?|checked|follows?|helps?|tells?|told|asks?|asked|uses?|"
    r"remembers?|notices?|thought|warned|consulted|set\s+foot|visited|trusts?|believes?|"
    r"takes\s+responsibility|owns\s+up)\b",
    _I,
)

# A count of how often something was asked or happened ("twice already", "the first four times",
# "a third time", "my last three emails"): exasperation, not an observation (round 4).
# Round 7: a named person followed by "again" ("Dana again.", "Priya strikes again"): the person
# is the culprit of a repeat, whatever the verb.
NAME_AGAIN: Final = re.compile(
    r"(?:'s?)?\s*,?\s*(?:(?:strikes|did\s+it|has\s+done\s+it)\s+)?again\b", _I
)
REPEAT_COUNT: Final = re.compile(
    r"\b(?:once|twice|(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|many)\s+"
    r"times|(?:a|the)\s+(?:second|third|fourth|fifth|\w+th)\s+time|(?:first|last)\s+(?:two|three|"
    r"four|five|six|\d+|few)(?:\s+\w+)?|(?:once|twice)\s+(?:already|now|before)|"
    # Round 9: "Quality Assurance already has a test plan you can reuse" states what exists.
    r"already(?!\s+(?:has|have|owns?|covers?|includes?|supports?|offers?|provides?|exists?|"
    r"knows?|uses?|runs?|works?)\b))\b",
    _I,
)
