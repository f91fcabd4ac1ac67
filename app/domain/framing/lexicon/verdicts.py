"""Verdicts on people and their work: dismissal, judgement, insults, venting, hyperbole."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _I

DISMISSIVE: Final = re.compile(
    r"\b(?:(?:like|as\s+if|as\s+though)\s+(?:it's|it\s+is|they're|they\s+are|it\s+was)\s+"
    r"(?:just\s+|only\s+|merely\s+)?(?:an?\s+)?(?:game|optional|rubber\s+stamp|formality|"
    r"afterthought|suggestion|nice-to-have)|(?:is|are|as)\s+(?:just\s+|only\s+|merely\s+)?"
    r"(?:an?\s+)?(?:rubber\s+stamp|formality|afterthought|box-ticking\s+exercise|"
    r"tick-box\s+exercise)|what\s+\w+\s+(?:does|do)\s+all\s+day|(?:just|only)\s+to\s+"
    r"(?:feel|look|seem|sound)\s+(?:important|busy|clever|smart|relevant)|for\s+the\s+sake\s+of\s+it|"
    r"(?:'s|their|his|her)\s+"
    r"idea\s+of\s+(?:an?\s+)?[\w-]+(?:\s+[\w-]+)?\s+is|(?:clearly|obviously)\s+(?:doesn't|"
    r"don't|didn't|has\s+no|have\s+no)\s+(?:understand|know|get|care|idea|clue))\b",
    _I,
)
JUDGEMENT: Final = re.compile(
    r"\b(?:(?:is|are|was|were|seems?|gets?)\s+(?:(?:so|completely|totally|utterly|just|really|"
    r"very|always|incredibly|extremely|notoriously|hopelessly)\s+)*(?:unreliable|unresponsive|"
    r"impossible(?:\s+to\s+work\s+with)?|careless|sloppy|disorgani[sz]ed|arrogant|rude|"
    r"dismissive|obstructive|inflexible|bureaucratic|hostile|negligent|reckless|selfish|"
    r"oblivious|out\s+of\s+touch|the\s+worst|slow|difficult)|(?:has|have|had)\s+(?:no|zero|"
    r"not\s+a)\s+(?:idea|clue))\b",
    _I,
)
INSULT: Final = re.compile(
    r"\b(?:useless|incompeten(?:t|ts|ce)|clueless|(?:a|total|complete|absolute)\s+joke|"
    r"joke\s+of\s+a|idiot(?:s|ic)?|moron(?:s|ic)?|garbage(?!\s+collect)|worthless|pathetic|"
    r"hopeless|lazy(?!\s+(?:load|loading|evaluation))|stupid|dumb|trash|rubbish|clowns?|"
    r"amateur(?:s|ish)?|shambles|(?:no|zero)\s+clue|brain-?dead|half-baked|half-assed|"
    r"(?:pure|complete|total)\s+(?:fiction|fantasy)|(?:a\s+)?work\s+of\s+fiction|fairy\s+tales?)\b",
    _I,
)
VENTING: Final = re.compile(
    r"\b(?:sick\s+(?:and\s+tired\s+)?of|(?:i'm|i\s+am|we're|we\s+are)\s+tired\s+of|fed\s+up|"
    r"ridiculous(?:ly)?|ludicrous|absurd|insane|nightmare|drowning|(?:get|getting)\s+a\s+"
    r"straight\s+answer|killing\s+(?:us|me|my\s+"
    r"team|our\s+team|the\s+team)|driving\s+(?:me|us)\s+(?:crazy|mad|nuts|up\s+the\s+wall)|"
    r"(?:i'm|we're)\s+done\s+with|had\s+enough|enough\s+is\s+enough|furious|livid|"
    r"outrag(?:ed|eous)|infuriating|frustrat(?:ing|ed)|unacceptable|unbelievable|"
    r"can't\s+believe|(?:a|this|total|complete)\s+(?:disaster|mess)|disastrous|total\s+chaos|"
    r"pointless|a\s+waste\s+of|same\s+(?:old\s+)?story|same\s+old|every\s+single|"
    r"for\s+the\s+(?:hundredth|millionth|umpteenth|nth)\s+time|(?:i|we)\s+hate(?!\s+to\s+(?:say|single|be|bother|ask|point|chase|nag|interrupt|complain|raise|"
    r"mention|flag))|"
    r"hate\s+it\s+when|can't\s+stand|(?:i'm|i\s+am|we're|we\s+are)\s+still\s+waiting|"
    r"(?:i've|we've|i|we)\s+(?:have\s+)?(?:stopped|given\s+up)\s+(?:trying|asking|bothering|"
    r"telling|expecting|hoping)|(?:is|it's|this\s+is)\s+not\s+(?:normal|acceptable|ok|okay|"
    r"serious|professional)|(?:always|every\s+time)\s+(?:the\s+)?same\s+(?:thing|problem|story|"
    r"issue)|(?:i'm|i\s+am|we're|we\s+are)\s+(?:so\s+)?(?:done|finished|exhausted)\b|"
    r"(?:i'm|i\s+am|we're|we\s+are)\s+(?:tired|exhausted|sick)|enough\s+already|"
    r"for\s+(?:the\s+love\s+of\s+(?:god|\w+)|(?:god's|heaven's|pete's|goodness'?)\s+sake)|"
    r"(?:what|how)\s+a\s+joke|un-?real|(?:i|we)\s+give\s+up|beyond\s+(?:me|a\s+joke)|"
    r"(?:for|since)\s+(?:months|weeks|ages|years)\s+(?:now|already)|"
    r"(?:seriously|honestly),?\s+(?:though|what)|yet\s+nothing\s+(?:happens|changes|changed)|"
    r"(?:nothing|still\s+nothing)\s+(?:happens|changes|changed|from)|is\s+(?:really\s+)?too\s+much|"
    r"(?:don't|doesn't|didn't|do\s+not|does\s+not|never)\s+(?:make|do|say|answer|give|send|fix)\s+"
    r"(?:us\s+)?nothing|(?:remain|remains|stay|stays)\s+nothing|is\s+(?:always\s+)?(?:same|the\s+same)\s+"
    r"(?:thing|problem|story))\b",
    _I,
)
HYPERBOLE: Final = re.compile(
    r"\b(?:takes?\s+forever|took\s+forever|taking\s+forever|endless(?:ly)?|"
    r"out\s+of\s+nowhere|like\s+there's\s+no\s+tomorrow|(?:go|goes|went)\s+to\s+die|"
    r"expects?\s+(?:a\s+)?miracles?|deadline\s+(?:of|was)\s+yesterday|pure\s+guesswork|"
    r"black\s+hole|zero\s+(?:communication|help|support|accountability|ownership|comments|"
    r"feedback|response|replies|answers|reasons?)|"
    r"a\s+million\s+(?:times|emails|tickets)|like\s+(?:pulling\s+teeth|herding\s+cats|"
    r"talking\s+to\s+a\s+(?:brick\s+)?wall)|every\s+little\s+thing|nowhere\s+to\s+be\s+"
    r"(?:seen|found)|radio\s+silence|bang(?:ing)?\s+(?:my|our)\s+heads?\s+against)\b",
    _I,
)
