"""Facts that make a claim an observation: numbers, dates and periods, reported gains."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _I

# A claim about a team backed by a number, date or period reads as an observation, not a verdict.
# Round 18: "one" after a determiner is a pronoun ("this one", "no one"), and the months "May"
# and "March" count only with their capital, "May" not as the modal opening a request ("May I",
# "Security may wish to consider").
SPECIFICS: Final = re.compile(
    r"\d+(?:[.,:]\d+)*%?|\b(?:(?<!\bthis\s)(?<!\bthat\s)(?<!\bthe\s)(?<!\bno\s)(?<!\bany\s)"
    r"(?<!\beach\s)(?<!\bwhich\s)(?<!\bevery\s)one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"hundred|dozen|once|twice|third|quarter|(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)s?|daily|weekly|monthly|quarterly|nightly|january|february|(?-i:March|MARCH)|april|(?:(?<=\bin\s)|(?<=\bby\s)|(?<=\bof\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bfrom\s)|(?<=\bearly\s)|(?<=\blate\s))(?-i:May|MAY)|(?-i:May|MAY)(?!\s+(?:i|we|you|they|not|be|need|want|wish|also)\b)|june|july|august|september|october|"
    r"november|december|yesterday|today|tomorrow|week|month|year|"
    r"(?:in|within|under)\s+(?:a|an|one|two|three|four|\d+)\s+(?:days?|hours?|minutes?)|this\s+(?:week|"
    r"month|quarter|year|sprint))\b",
    _I,
)

# Round 15: an outcome that helped, or harm headed off ("made a real difference", "that really
# helped", "it just works", "running again", "back on track", "before it reached the customer",
# a fault "fixed" or "sorted" at the end of its clause). Not a gain by itself: ``reading.helped``
# takes a match only in a clause with no negator, no doubt and no question ("not working again",
# "never been fixed", "nobody checked them before they shipped", "When will this be fixed?").
HELPED: Final = re.compile(
    r"\b(?:made\s+(?:a|all\s+the)\s+(?:(?:real|big|huge|massive|world\s+of)\s+)?difference|"
    r"(?:really|genuinely|hugely|that|which)\s+helped|helped\s+(?:us\s+)?(?:a\s+lot|massively|"
    r"enormously|hugely)|just\s+works|(?:running|working)\s+again|back\s+(?:online|on\s+track)|"
    r"before\s+(?:it|they|anyone|the\s+\w+)\s+(?:reached|left|hit|got\s+to|went\s+out|shipped)|"
    r"(?<!\bas\s)(?<!\bit\s)(?:fixed|sorted|resolved)(?=\s*(?:[.!,;]|$)|\s+(?:now|today|thanks|"
    r"already)\b))",
    _I,
)
# Round 19: harm that did not happen ("nobody was hurt", "no one was injured", "with no
# injuries"): a reassurance inside bad news, not a sweeping claim about people
# (``reading.outcomes``): "The met mast came down in the storm; nobody was hurt, but we've lost
# four months of data."
UNHARMED: Final = re.compile(
    r"\b(?:(?:nobody|no[ -]one|none\s+of\s+(?:us|them|the\s+\w+)|no\s+(?:staff|passengers?|"
    r"customers?|guests?|patients?|workers?|people|crew|drivers?|children|visitors?))\s+"
    r"(?:was|were|got|has\s+been|have\s+been)\s+(?:seriously\s+|badly\s+)?(?:hurt|injured|"
    r"harmed)|(?:with(?:out)?|and)\s+(?:no|any)\s+(?:injur(?:y|ies)|casualties|harm\s+done))\b",
    _I,
)
# What undoes an outcome in its clause: a negator, a doubt, a mere claim (``reading.helped``).
UNDONE: Final = re.compile(
    r"\b(?:not|never|no|nobody|none|nothing|no\s+one|hardly|barely|stopped|still|yet|claims?|"
    r"claimed|says?|said|supposedly|apparently|allegedly|marked|called|calls|declared|"
    r"pretends?|when\s+will|if\s+only|meant\s+to|supposed\s+to)\b|n't\b",
    _I,
)

# Round 9: a gain reported beside praise of another team makes the praise sincere ("Brilliant
# work, Procurement: the chairs arrived in four days instead of six weeks", "… sent it two days
# early and we closed on time"): time saved, a deadline beaten, a figure brought down. A smaller
# unit "instead of" a larger one is a gain; the other way round is not.
GAIN: Final = re.compile(
    r"\b(?:early|earlier\s+than|ahead\s+of\s+(?:schedule|time|plan|the\s+deadline)|on\s+time|"
    r"on\s+schedule|faster|quicker|sooner|within\s+(?:an?|one|two|three|\d+)\s+(?:minutes?|"
    r"hours?|days?)|cut\s+(?:[\w-]+\s+){0,4}?(?:to|by|in\s+half)|(?:saved|saves)\s+(?:us\s+)?|"
    r"down\s+from|halved|(?:right|correct(?:ly)?)\s+(?:on|at)\s+the\s+first\s+(?:time|try|run|"
    r"attempt|go|pass)|"
    r"in\s+(?:an?|[\w-]+)\s+(?:minutes?|hours?)\s+instead\s+of\s+(?:an?\s+|[\w-]+\s+)?(?:hours?|"
    r"days?|weeks?)|in\s+(?:an?|[\w-]+)\s+days?\s+instead\s+of\s+(?:an?\s+|[\w-]+\s+)?(?:weeks?|"
    r"months?)|in\s+(?:an?|[\w-]+)\s+weeks?\s+instead\s+of\s+(?:an?\s+|[\w-]+\s+)?(?:months?|"
    r"years?))",
    _I,
)

# Round 9: "refunds now go out in three days instead of nine": a smaller count of the same unit
# instead of a larger one is a gain (``context.reported_gain`` compares the two).
INSTEAD_OF_COUNT: Final = re.compile(
    r"\b(?P<a>an?|\d+|[a-z]+)\s+(?P<unit>minutes?|hours?|days?|weeks?|months?)\s+instead\s+of\s+"
    r"(?P<b>an?|\d+|[a-z]+)\b",
    _I,
)
COUNTS: Final[dict[str, int]] = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905
    )
} | {"a": 1, "an": 1, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
