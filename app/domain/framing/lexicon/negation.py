"""What cancels a negative reading: negators, remedies, the end of a negator's scope."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _words

NEGATORS: Final = _words("not no isn't aren't wasn't weren't never hardly far")
# A bad thing someone fixed, caught or flagged is no complaint about them: "Sara flagged the
# pricing error", "Engineering fixed the outage" (round 5).
REMEDY: Final = _words(
    "fix fixes fixed fixing resolve resolves resolved solve solves solved catch catches caught "
    "spot spots spotted flag flags flagged find finds found prevent prevents prevented avoid "
    "avoided clear clears cleared handle handled handles reduce reduced cut report reported "
    "traced trace diagnosed contain contained recover recovered "
    # Round 9: what finds or mends the lost or broken thing ("tracked the missing pallet down").
    "tracked located retrieved restored repaired replaced "
    # Round 19: the same verbs as the act thanked for ("thanks to Ewan for catching the alarm").
    "fixing resolving solving catching spotting flagging finding preventing avoiding clearing "
    "handling reducing tracing containing recovering tracking locating retrieving restoring "
    "repairing replacing"
)
# A negator's scope ends at a clause break: "not answering, very bad" (round 5).
CLAUSE_BREAK: Final = re.compile(r"[,;:]")
