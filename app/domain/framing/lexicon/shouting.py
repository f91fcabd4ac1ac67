"""Emphasis and shouting: capitals, repeated punctuation, capitals on a date."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _I, _words
from app.domain.framing.lexicon.facts import SPECIFICS

EMPHASIS: Final = re.compile(r"\b[A-Z][a-z]+\.(?:\s+[A-Z][a-z]+\.){2,}")
EXCESS_PUNCTUATION: Final = re.compile(r"[!?]*(?:!!|\?\?|!\?|\?!)[!?]*")

ACRONYM_MAX_LETTERS: Final = 4
KNOWN_ACRONYMS: Final = _words(
    "HIPAA EBITDA LATAM NORAM BENELUX NASDAQ FINRA ERISA COBRA HTTPS OAUTH SCRUM AZURE LINUX "
    "HRBPS CSATS SMART ISAE NIST OKRS KPIS USGAAP SOC2 ISO27001"
)
SHOUT_WORDS: Final = _words(
    "THE IS ARE AND NOT YOU WE THEY THIS NO TO OF IN ON AT WHY WHAT DO DOES DON'T EVER NEVER "
    "ALWAYS AGAIN STOP PLEASE ALL SO BY FOR WITH AM I MY OUR YOUR THEIR BE WAS WERE HAS HAVE "
    "CAN'T WON'T IT'S NOW OFF LATE OLD TEN SIX FIVE HOW WHO OUT ONE TWO DONE STILL ONLY EVEN "
    "JUST EVER MORE SAME MUST NEED WHEN SAID TOLD READ SENT KNEW GONE LOST WEEK DAYS YEAR "
    "ANY YET BUT HAD DID GET GOT ASK MADE MAKE TAKE GAVE GIVE SEE SAW USE WAY TOO LIKE WANT "
    "BACK DOWN OVER EACH VERY ZERO NONE WHAT THAT THEM THEN THAN HERE ONCE LAST NEXT BEEN "
    "SEND READ FIX FIXED WORK WAIT MONTHS WEEKS HOURS TIME "
    # Round 5: short words of feeling and verdict, never acronyms.
    "LOVE HATE BAD SAD MAD SICK FAIL LIE LIES LIED UGLY RUDE LAZY WORST BEST GOOD GREAT NICE "
    "JOKE HELL GOD DAMN OMG WTF FFS DEAD HUGE WRONG BROKE FLAT REAL SURE WOW YES LOST KEEP"
)
# A single shouted word counts from three letters ("WHY does ...", "NOT"), not "IT" or "HR".
SHOUT_MIN: Final = 3

# Round 9: capitals on a date, a day or a time ("by FRIDAY", "CLOSED Monday", "DOWN on Tuesday
# from 6 to 8am") stress a schedule; weighed apart from shouting (``rule:all_caps|date``).
SCHEDULE_AFTER: Final = re.compile(
    r"\s*(?:(?:on|from|until|till|by|before|after|at|this|next|every)\s+)?(?:"
    + SPECIFICS.pattern
    + r")",
    _I,
)
SCHEDULE_NOTE: Final = "on a date or deadline"
