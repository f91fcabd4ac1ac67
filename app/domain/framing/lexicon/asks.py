"""Asks, next steps, observation -> impact, plans ahead, and what a curt text is."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _I, _words

ASK: Final = re.compile(
    r"\b(?:(?:could|can|would|will|shall)\s+(?:we|you|they|someone|somebody|anyone|"
    r"[A-Z][\w&]*|the\s+\w+(?:\s+\w+)?)\b(?=[^.!]*\?)|propos(?:e|al|ed|ing)|suggest(?:ion)?|"
    r"recommend|(?:the|my|our)\s+ask\b|ask\s*:|next\s+steps?|action\s+items?|let's(?!\s+(?:just\s+)?hope\b)|let\s+us(?!\s+hope\b)|"
    r"(?:i|we)(?:'d|\s+would)\s+(?:like|love|prefer)|would\s+like\s+to|"
    r"(?:i|we)\s+(?:want|plan|intend|aim)\s+to|(?:it\s+)?would\s+(?:really\s+)?help|"
    r"would\s+(?:let|allow|enable|save|cut|make)|(?:i|we)(?:'ll|\s+will)\s+|"
    r"(?:we're|we\s+are)\s+piloting|(?:i've|we've)\s+(?:booked|started|set\s+up)|please|"
    r"(?:i|we)\s+(?:would\s+)?request|requesting|(?:my|our)\s+request\s+(?:is|would\s+be|:)|(?:i'm|we're)\s+asking|help\s+us|happy\s+to|open\s+to|what\s+if\b|"
    r"how\s+about|commit\s+to|agree\s+on|how\s+(?:might|can|could)\s+(?:we|i)\b|"
    r"what\s+would\s+(?:help|make|it\s+take)|"
    # Round 5: a question about what to do or which option to take asks for input.
    r"(?:^|(?<=\s))(?:which\b|(?:what|who|when|where)\s+(?:should|could|can|shall|might)\s+(?!have\b)"
    r")(?=[^.!]*\?)|should\s+(?:we|i)\b(?=[^.!]*\?)|what\s+(?:does|do)\s+[\w\s]{1,30}\bneed\b|"
    r"kindly\s+(?:send|share|confirm|let|review|update|add|provide|return|complete|submit|book)|"
    # Round 5, terse asks: a clause that opens with "need" ("…; need two temps"), or a one-word
    # call for input ("Options?", "Thoughts?").
    r"(?:^|(?<=[;:.,]\s)|\b(?:we|i)\s+)(?:really\s+)?need\s+(?:a|an|two|three|\d+|more|"
    r"some|one|someone|somebody|help|[a-z]+\s+(?:plan|owner|decision|fix|budget|support|"
    r"temps?|help|cover|approval|sign-off))\b|(?:^|(?<=[.;:]\s))(?:options|thoughts|ideas|"
    r"suggestions|volunteers|owner|objections|any\s+takers)\s*\?|"
    # Round 6, terse asks: a clause that opens with "need" and names what ("Need root cause."),
    # a question that opens with a verb of action ("Add Safari to the QA matrix?"), a noun
    # phrase that asks for a plan or a date ("Triage slot?", "Any ETA?").
    r"(?:^|(?<=[;:.!?]\s))need\s+(?!to\s+(?:vent|say|ask)\b)[a-z]|"
    r"(?:^|(?<=[;:.!?]\s))(?:add|move|set\s+up|share|review|schedule|book|create|swap|split|pause|"
    r"freeze|extend|assign|map|pilot|trial|try|publish|align|pair|rotate|automate|escalate|"
    r"reserve|cap|batch|merge|standardi[sz]e|flag|tag|route)\b[^.!?]*\?|"
    r"(?:^|(?<=[;:.!?,]\s))(?:any\s+)?(?:[a-z]+\s+)?(?:plan|eta|timeline|update|fix|"
    r"workaround|slot|rule|template|checklist|process|owner)\s*\?|"
    # A question that offers our side's part asks for input, not blame ("What does HR need
    # from us …?", "Is there a constraint we're missing?", "Is there a way to see …?").
    r"(?:from|for|with)\s+us\b(?=[^.!]*\?)|on\s+our\s+(?:side|end)\b(?=[^.!]*\?)|"
    r"(?:we're|we\s+are|i'm|i\s+am)\s+missing\b(?=[^.!]*\?)|is\s+there\s+a\s+way\b(?=[^.!]*\?)|"
    # Round 10: a question about ability, availability, feasibility or the best way asks for
    # an answer that helps ("Is anyone in IT able to show us …?", "is Friday still realistic?",
    # "does that still work for you?", "what's the best way to flag …?", "Is there a step we
    # could run in parallel?"); no blaming question of any author's uses these.
    r"(?:(?:able|free|available|willing)\s+to\b|(?:realistic|feasible|doable)\b|"
    r"does\s+(?:that|this|it)\s+(?:still\s+)?work\s+for|best\s+(?:time|way)\s+to|"
    r"is\s+there\s+(?:a|any)\s+\w+\s+(?:we|i)\s+(?:could|can))(?=[^.!]*\?))",
    _I,
)
# Observation -> impact, the shape the product asks for (round 8): a clause that says what the
# observed hand-off does to the next team ("…, so Facilities finds double bookings", "…, which
# means Dispatch runs short", "…, leaving Legal two days of rework"). Not "so far", not "so
# please …" or "so clearly …" (a verdict dressed as a consequence).
IMPACT: Final = re.compile(
    r"(?:,|;|\s-)\s+(?:so|leaving|meaning)\s+(?!(?:far|much|many|basically|clearly|obviously|"
    r"please|i\s+know|i\s+guess|we're\s+just|that's)\b)(?=\S+\s+\S+)|\bwhich\s+means\b|"
    r",\s+which\s+(?:puts|leaves|costs|adds|pushes|delays|moves|sends|forces|takes|doubles|"
    r"triples|holds|blocks|stalls|slows|stops|risks|affects|hits|keeps|breaks|triggers|"
    r"creates|gives)\b|"
    # Round 15: the hand-off's consequence told as what the next team finds out, and when: "…,
    # and they discover it at kick-off", "…, and Finance finds out in the month-end close".
    r",\s+and\s+(?:they|we|(?-i:[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)?))\s+(?:discover|discovers|find\s+out|"
    r"finds\s+out|learn\s+of|learns\s+of)\s+(?:it|this|that|them|about\s+it)\s+"
    r"(?:at|in|on|during)\b",
    _I,
)
# A curt text: every sentence this short, all of them together no longer.
CURT_MAX_WORDS: Final = 5
CURT_MAX_TOTAL: Final = 10
PLACEHOLDER_STEPS: Final = _words("n/a na none tbd tbc - ? todo nothing idk")

# Round 9: a plan or a schedule ahead ("Fleet Management will swap out the vans in September",
# "the forecast freezes on the 25th; changes after that go into next month"): beside a stock
# passive-aggressive phrase and nothing negative, it announces rather than needles.
FORWARD: Final = re.compile(
    r"\b(?:(?<!we')(?<!i')(?:will|shall)(?!\s+just\b)|(?:is|are)\s+(?:going\s+to|scheduled|"
    r"planned|due\s+to)|next\s+(?:week|month|quarter|year|sprint|(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day)|on\s+the\s+\d+(?:st|nd|rd|th)|from\s+(?:next|(?:mon|tues|wednes|thurs|fri|"
    r"satur|sun)day|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|\d)|"
    # Round 19: a deadline or a cut-off ahead ("permit logs are due at end of shift", "the
    # Christmas grid locks on 1 December", "site queries close on Friday").
    r"(?:is|are)\s+due\s+(?:on|at|by|before|in|this|tomorrow|today|tonight)|"
    r"(?:closes?|locks?|freezes?|opens?|ends?|starts?|goes\s+live|go\s+live)\s+(?:on|at|from|by)\s+"
    r"(?:the\s+)?(?:\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|tonight|midday|noon|"
    r"midnight|end\s+of)|"
    # Round 20: "the window closes Friday", "the art lock is this Friday".
    r"(?:closes?|locks?|freezes?|opens?|ends?|starts?)\s+(?:this\s+|next\s+)?(?:mon|tues|wednes|"
    r"thurs|fri|satur|sun)day|(?:is|are)\s+(?:this|next|on)\s+(?:mon|tues|wednes|thurs|fri|satur|"
    r"sun)day)\b",
    _I,
)
# Round 19: a thing done or delivered, told as news ("the corrected codes are attached", "the
# invoice is now paid", "Research team has shared the survey data"): beside a stock
# passive-aggressive phrase and nothing negative, "As per my last email" closes a loop rather than
# needles (``context.plain_stock``).
SETTLED: Final = re.compile(
    r"\b(?:(?:is|are|has\s+been|have\s+been)\s+(?:now\s+)?(?:attached|enclosed|paid|signed|"
    r"confirmed|approved|booked|live|shared|uploaded|published|released|sent|delivered|received|"
    r"installed|fixed|resolved|completed?|done|ready|final|back|in\s+place)|(?:has|have)\s+(?:now\s+|"
    r"just\s+|already\s+)?(?:shared|sent|paid|signed|confirmed|approved|booked|uploaded|published|"
    r"released|delivered|installed|fixed|resolved|completed|finished|posted|issued)|now\s+(?:live|"
    r"paid|confirmed|signed|approved|booked|attached|available|working|fixed)|"
    # Round 20: "attached are the results", "please find attached", "the matrix has been updated".
    r"attached\s+(?:is|are)|find\s+attached|(?:is|are|has\s+been|have\s+been)\s+(?:now\s+)?updated)\b",
    _I,
)
# Round 10: a status line that reports the remedy under way ("Fix in progress.", "Data Platform
# investigating.", "Procurement already swapping.", "drafted, attached.", "Launch moved to
# Friday."): the curt shape of an update, not of a verdict (``context.under_way``).
UNDER_WAY: Final = re.compile(
    r"\b(?:in\s+progress|investigating|under\s*way|on\s+it|already\s+\w+ing|attached|"
    r"rolled\s+back|reverted|restored|patched|rescheduled|(?:fixing|patching|restarting|reverting|"
    r"rolling\s+back|rebuilding)\s+(?:it\s+)?now|(?:moved|pushed)\s+to\s+(?:mon|tues|"
    r"wednes|thurs|fri|satur|sun)day)\b",
    _I,
)
