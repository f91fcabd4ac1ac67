"""Sarcasm and irony: stock sarcasm, mock praise, scare quotes, the twist after praise, irony."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _I

SARCASM: Final = re.compile(
    r"\b(?:as\s+usual|as\s+always(?!,?\s+(?:thank|happy|glad|great))|surprise,?\s+surprise|"
    r"what\s+a\s+(?:surprise|shocker|shock)|big\s+surprise|who\s+(?:would\s+have|knew)|"
    r"(?:heaven|god)\s+forbid|thanks\s+(?:a\s+lot|for\s+nothing)|how\s+convenient|"
    r"must\s+be\s+nice|yet\s+(?:again|another)|again\s+and\s+again|you'd\s+think|"
    r"(?:didn't|did\s+not)\s+get\s+the\s+memo|and\s+it\s+shows|is\s+it\s+(?:too\s+much|so\s+hard)\s+to|"
    r"how\s+(?:very\s+)?(?:kind|thoughtful|nice|generous|considerate|helpful|sweet|lovely|"
    r"brave|bold|innovative|efficient|clever)\s+of|(?:what|such)\s+(?:a\s+)?(?:great|brilliant|"
    r"stellar|wonderful|fantastic|amazing)\s+(?:teamwork|planning|timing|idea|move|"
    r"communication)|love\s+(?:that|it)\s+for\s+us|who\s+could\s+have\s+(?:seen|guessed|"
    r"predicted)|(?:clearly|obviously)\s+(?:a|the|their|its)\s+(?:top\s+)?priority|"
    r"(?:because|since)\s+(?:that|this)\s+(?:always\s+)?(?:works|worked)|"
    r"(?:in\s+)?record\s+time,?\s+(?:only|just)|what\s+could\s+(?:possibly\s+)?go\s+wrong|"
    r"(?:slow|standing)\s+clap|bravo|kudos\s+to\s+\w+\s+for\s+(?:only|finally|not)|"
    r"nothing\s+says\s+[^.!?;]{1,40}\blike|(?:any\s+day|year|decade)\s+now|by\s+all\s+means|"
    r"(?:nice|good|kind|sweet|great|lovely|thoughtful)\s+of\s+(?:the\s+)?[A-Z]\w*(?:\s+\w+)?\s+to|"
    r"thank\s+you,?\s+(?:[A-Z]\w*,?\s+)?for\s+the\s+(?:surprise|extra|lovely|wonderful|fun)|"
    r"(?:well\s+done|bravo|congrat\w*|great\s+job|good\s+job|nice\s+work),\s+[A-Z]\w*,\s+"
    r"(?:the|you|another|that|now)|"
    # Round 7: ironic counts ("only the 4th time", "for the umpteenth time"), staged delight
    # ("So glad Web decided …", "Shoutout to X for …", "truly world class"), eager waiting.
    r"(?:only|just)\s+the\s+(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|\w+teenth|"
    r"umpteenth|hundredth|millionth)\s+time|for\s+the\s+(?:\d+(?:st|nd|rd|th)|fourth|fifth|sixth|"
    r"\w+teenth|umpteenth|hundredth|millionth|nth)\s+time|"
    r"(?:so|really|just|truly)\s+(?:glad|thrilled|delighted|grateful|pleased)\s+(?:that\s+)?"
    r"[^\W\d_][\w']*(?:\s+[A-Z][\w']*)?\s+(?:decided|chose|thought|felt|opted)|"
    r"shout-?\s?out\s+to\s+[^\W\d_][\w']*(?:\s+[A-Z][\w']*)?\s+for\s+(?:the|their|its|his|her|"
    r"another|yet)|(?:truly|really|simply)\s+world[\s-]class|(?:colou?r|call)\s+me\s+"
    r"(?:surprised|shocked|amazed)|(?:can't|cannot)\s+wait\s+for\s+[^\W\d_][\w']*'s?\s+next|"
    r"(?:another|a\s+real|an\s+absolute)\s+(?:masterpiece|masterclass|triumph|classic|"
    r"highlight)|who'd\s+have\s+(?:thought|guessed)|shock(?:ing|er)\s*[,.!]|"
    r"(?:what|such)\s+a\s+(?:treat|joy|delight|pleasure)\s*[,.!]|"
    # Round 5: stock sarcasm of everyday English, as families rather than sentences.
    r"(?:i|we|you(?:'ve|\s+have)?\s+(?:got|gotta)\s+to|gotta|just)\s+love\s+(?:how|the\s+way|"
    r"that)|^\s*love\s+(?:how|the\s+way|that)|(?:bold|brave|interesting|innovative|creative)\s+"
    r"(?:strategy|move|choice|approach|decision|plan|take)|good\s+luck\s+with\s+that|"
    r"(?:impressive|brilliant|genius|amazing|fantastic|stellar|lovely|great|nice|wonderful),\s+"
    r"(?:really|truly|honestly)\s*[.!]|oh\s+wait|said\s+no\s+one\s+ever|"
    r"(?:colou?r\s+me|i'm|i\s+am)\s+(?:shocked|surprised|stunned)|shock(?:ing|er),?\s+i\s+know|"
    r"(?:who|what)\s+would\s+(?:we|i)\s+do\s+without|(?:the|a)\s+gift\s+that\s+keeps\s+on\s+"
    r"giving|nailed\s+it|chef's\s+kiss|lucky\s+(?:us|me)|mission\s+accomplished|"
    r"give\s+or\s+take|a\s+(?:real|true)\s+(?:triumph|masterpiece|masterclass)|pure\s+genius|"
    r"(?:what|such)\s+a\s+(?:genius|novel\s+idea|concept|treat|joy)|"
    r"(?:must|should)\s+get\s+a\s+(?:bonus|prize|medal|commission)\s+(?:per|for)|"
    r"(?:can't|cannot)\s+wait\s+(?:to\s+see|for\s+the\s+next))\b|^\s*oh\s+sure\b|"
    r"^\s*sure,\s+(?!(?:we|i)\b)|\b(?P<same>[A-Z][a-z]+)\s+being\s+(?P=same)\b",
    _I,
)

# "of course" / "apparently" followed by a team: "Of course Finance cut ...".
OF_COURSE: Final = re.compile(r"\b(?:of\s+course|apparently),?\s+(?P<who>[^\W\d_][\w']*)", _I)
STANDALONE_AGAIN: Final = re.compile(r"^\s*again\W*$", _I)
# A one- or two-word verdict after a statement of fact: "Brilliant planning." / "Classic."
MOCK_PRAISE: Final = re.compile(
    r"^\s*(?:(?:brilliant|great|genius|fantastic|amazing|stellar|wonderful|nice|perfect|lovely|"
    r"well\s+done)(?:\s+(?:planning|job|work|idea|move|timing|stuff))?|classic|typical|"
    r"figures|go\s+figure|shocker|wow|naturally|love\s+it)\s*[.!]*\s*$",
    _I,
)

# Scare quotes around one word: Every request is 'urgent'.
SCARE_QUOTES: Final = re.compile(r"(?<![\w'\"])(['\"])[a-z]{3,}\1(?![\w'\"])")

# What turns opening praise into sarcasm: the bad timing, the repetition, the damage that follows
# ("Perfect timing, Data migrated the warehouse in quarter-end week").
SARCASM_TWIST: Final = re.compile(
    r"\b(?:again|another|yet|finally|eventually|only\s+took|after\s+(?:the\s+)?(?:customers?|clients?|"
    r"launch|deadline|we)|at\s+the\s+same\s+time|peak|quarter-end|year-end|month-end|only\s+takes|"
    r"the\s+(?:day|night|week|morning|hour)\s+(?:before|of)|on\s+a\s+friday|christmas|"
    r"in\s+time\s+for|on\s+(?:\w+\s+)?day\b|the\s+(?:second|third|fourth|fifth|sixth)|twice|nobody|no\s+one|forgot|"
    r"wrong|without\s+(?:telling|asking|checking|reading)|instead\s+of|retired|still|"
    r"during\s+(?:the\s+)?(?:board|launch|peak|close|audit|demo|all-hands|holidays?)|last\s+minute)\b",
    _I,
)

# Praise VADER does not rate (it splits compounds, and rates few work words): with an undercut,
# the raw material of irony (``undercut.irony``, round 5).
PRAISE_PHRASE: Final = re.compile(
    r"\b(?:spot[- ]on|award-winning|world-class|top-notch|best-in-class|state-of-the-art|"
    r"stellar|genius|flawless(?:ly)?|seamless(?:ly)?|smooth(?:ly)?|visionary|groundbreaking|"
    r"legendary|heroic|masterful|first-class|five-star|gold-standard|textbook|exemplary)\b",
    _I,
)
# What undercuts praise of another team: the minimal bar ("some of the numbers even exist"),
# the catch ("give or take", "only three hotfixes this time"), bad timing ("just in time for
# summer", "the day after the board meeting"), the reveal ("oh wait", "turns out").
IRONY_CUE: Final = re.compile(
    r"\b(?:even|only|just\s+in\s+time|in\s+time\s+for|give\s+or\s+take|this\s+time|oh\s+wait|"
    r"at\s+least|for\s+once|somehow|who\s+knew|turns\s+out|turned\s+out|barely|nearly|almost|"
    r"a\s+mere|apparently|of\s+course|as\s+(?:always|usual)|again|another|yet|finally|eventually|"
    r"the\s+(?:day|night|week|morning|hour|month)\s+(?:before|after|of)|on\s+a\s+friday|"
    r"(?:a|the)\s+(?:second|third|fourth|fifth)|twice|nobody|no\s+one|forgot|wrong|instead\s+of|"
    r"still|last\s+minute|so\s+\w+\s+that|(?:our|the|their)\s+competitors?|"
    r"(?:a|the)\s+few\s+(?:million|thousand|hundred|weeks|months))\b",
    _I,
)

# Round 9: staged delight that opens a text ("Love how …", "Love that …"): sarcasm unless the text
# reports a gain ("Love that Onboarding now checks the client list …; zero wrong packs").
DELIGHT_OPENER: Final = re.compile(
    r"(?:(?:i|we|just|gotta)\s+)?love\s+(?:how|that|the\s+way)\b", _I
)
