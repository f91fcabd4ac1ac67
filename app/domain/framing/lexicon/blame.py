"""Fault-finding phrases: blame idioms, blame in hindsight, blame as a cause, mind reading."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _I

# Round 9: "sits on the vendor steering group" is membership, not blame: "sits on" followed by
# a body that meets (no fault-finding idiom is about a committee).
_MEMBER_BODY: Final = (
    r"\s+(?:[\w-]+\s+){0,3}?(?:board|committee|group|panel|council|forum|steering|working\s+"
    r"party|taskforce|task\s+force|jury|rota)s?\b"
)
_MEMBERSHIP: Final = r"\s+(?:the|a|an|our|their|its)" + _MEMBER_BODY

# Fault-finding phrases whose target depends on who the subject is ("we dropped the ball" is
# ownership, "Engineering dropped the ball" is blame).
GATED_BLAME: Final = re.compile(
    r"\b(?:drop(?:s|ped|ping)?\s+the\s+ball|(?:can't|cannot|couldn't)\s+be\s+bothered|"
    r"couldn't\s+care\s+less|(?:don't|doesn't|didn't|do\s+not|does\s+not)\s+(?:even\s+)?"
    r"(?:care|bother|listen|respond|reply)|refus(?:e|es|ed|ing)\s+to|ignor(?:e|es|ed|ing)|"
    r"won't\s+(?:even\s+)?(?:fund|answer|respond|reply|help|listen|approve|sign|budge)|"
    r"(?:is|are|was|were)\s+(?:the\s+)?(?:bottleneck|problem|blocker|reason)|"
    r"(?:is|are)\s+to\s+blame|(?:messed|screwed)\s+up|cherry-pick(?:s|ed|ing)?|"
    r"wonder(?:s|ed)?\s+why|block(?:s|ed)?\s+(?:every|everything|all)|panic(?:s|ked)?|"
    r"only\s+(?:calls?|contacts?|involves?|asks?|talks?\s+to|remembers?|thinks?\s+of|comes?\s+to)"
    r"\s+(?:\w+\s+){0,2}when|"
    r"botch(?:es|ed)?|overpromis(?:e|es|ed|ing)|over-promis(?:e|es|ed|ing)|"
    r"(?:sits?|sat|sitting)\s+on(?!" + _MEMBERSHIP + r")|"
    r"ghost(?:s|ed|ing)?|(?:just\s+)?shrug(?:s|ged)?|"
    # Blame idioms: the verb carries the fault, whatever noun follows.
    r"(?:mess(?:es|ed|ing)?|screw(?:s|ed|ing)?|foul(?:s|ed)?)\s+(?:\w+\s+)?up|"
    r"(?:hoard(?:s|ed|ing)?|stonewall(?:s|ed|ing)?|nitpick(?:s|ed|ing)?|fudg(?:e|es|ed|ing))|"
    r"(?:is|are|was|were|keeps?)\s+lying|\blie(?:s|d)?\s+(?:to|about)|"
    r"(?:throws?|threw|thrown|throwing)\s+(?:\w+\s+){0,2}under\s+the\s+bus|"
    r"drag(?:s|ged|ging)?\s+(?:its|their|his|her)\s+feet|"
    r"mov(?:e|es|ed|ing)\s+the\s+goal\s*posts|keeps?\s+(?:us|me)\s+in\s+the\s+dark|"
    r"wash(?:es|ed)?\s+(?:its|their|his|her)\s+hands|pull(?:s|ed)?\s+the\s+rug|"
    r"(?:goes|went|gone)\s+awol|pay(?:s|ing)?\s+lip\s+service|"
    r"wav(?:e|es|ed|ing)\s+(?:\w+\s+){0,2}through|cut(?:s|ting)?\s+corners|"
    r"sweep(?:s|ing)?\s+(?:[\w'-]+\s+){0,3}under\s+the\s+(?:rug|carpet)|swept\s+(?:[\w'-]+\s+){0,3}"
    r"under|"
    r"sells?\s+(?:\w+\s+){0,2}down\s+the\s+river|cook(?:s|ed|ing)?\s+the\s+(?:\w+\s+)?(?:books|numbers|figures|stats|results)|"
    r"tak(?:e|es|ing)\s+(?:all\s+)?(?:the\s+)?credit|point(?:s|ed|ing)?\s+(?:the\s+)?fingers?|"
    r"plays?\s+dumb|(?:leaves?|left)\s+us\s+(?:out\s+)?in\s+the\s+cold|"
    r"pass(?:es|ed)?\s+(?:the\s+)?(?:buck|blame)|rid(?:e|es|ing)\s+roughshod|rode\s+roughshod|"
    r"st(?:eal|eals|ole|ealing)\s+(?:our|my)\s+thunder|rain(?:s|ed)?\s+on\s+(?:our|my)\s+parade|"
    r"stab(?:s|bed)?\s+(?:us|me)\s+in\s+the\s+back|hang(?:s|ing)?\s+(?:us|me)\s+out\s+to\s+dry|"
    r"hung\s+(?:us|me)\s+out\s+to\s+dry|pull(?:s|ed)?\s+rank|rubber-?stamp(?:s|ed)?|"
    r"(?:go|goes|went)\s+behind\s+(?:our|my)\s+backs?|"
    r"ma(?:de|kes?|king)\s+up\s+(?:the\s+)?(?:numbers|figures|data|stats|story|dates)|"
    r"(?:is|are|was|were)\s+(?:the\s+)?(?:(?:only|main|real|whole|sole)\s+)?(?:reason|cause|"
    r"problem|bottleneck)(?:\s+(?:why|that|we|for))?|(?:is|are|was|were)\s+(?:exactly\s+)?why\s+"
    r"[^\W\d_]+|"
    r"(?:changes?|changed)\s+(?:their|his|her|its)\s+minds?|"
    r"talk(?:s|ed|ing)?\s+(?:over|down\s+to)\s+(?:everyone|everybody|us|me|people|the\s+\w+)|"
    # Gated since round 5: "The merger left us with three CRMs" blames nobody.
    r"(?:leaves?|left)\s+(?:us|me|my\s+team|our\s+team)\s+(?:to|with|holding)|"
    r"(?:until|till|at)\s+the\s+(?:very\s+)?last\s+(?:possible\s+)?(?:minute|moment|day|second)|"
    # Round 5: what a team did to us, and a team as the cause of a bad outcome.
    r"ma(?:de|kes?|king)\s+(?:our|my)\s+(?:lives|life|jobs?|work|day)\s+(?:harder|difficult|hell|"
    r"miserable|impossible|a\s+misery)|(?:caused|causes|created|creates|triggered)\s+(?:the|this|"
    r"that|our|another|a)\s+(?:\w+\s+)?(?:stockout|outage|mess|delay|backlog|problem|incident|"
    r"churn|escalation|failure|shortfall|crisis|chaos)|(?:doesn't|don't|didn't|can't|no\s+longer)\s+"
    r"trust\b|"
    r"(?:loses?|lost|misplaces?|misplaced)\s+(?:our|my|the)\s+[\w\s']{0,25}?\b(?:again|twice|"
    r"paperwork|forms?|files?|tickets?)|"
    r"(?:dumps?|dumped|offloads?|offloaded|pushes|pushed|shoves?|shoved)\s+(?:[\w']+\s+){0,4}"
    r"onto\s+(?:us|me|our|my)|(?:sits?|sat|sitting)\s+on\s+(?:it|them|our|my|the)\b(?<!\bthe)|"
    r"(?:sits?|sat|sitting)\s+on\s+the\b(?!" + _MEMBER_BODY + r")|"
    r"(?:drags?|dragged|dragging)\s+(?:its|their|his|her)\s+feet|(?:moves?|moved|moving)\s+"
    r"the\s+goal\s*posts|(?:closes?|closed|closing)\s+(?:\w+\s+)?(?:tickets?|requests?)\s+"
    r"(?:unread|unresolved|without\s+(?:reading|a\s+fix|fixing|looking))|"
    r"can't\s+(?:count|read|spell|plan|be\s+bothered)|couldn't\s+be\s+bothered|"
    # Round 5: blame idioms of everyday English, as verb families.
    r"asleep\s+at\s+the\s+(?:wheel|switch)|(?:pull(?:s|ed|ing)?|yank(?:s|ed)?)\s+the\s+plug|"
    r"cover(?:s|ed|ing)?\s+(?:its|their|his|her)\s+(?:own\s+)?(?:backside|back|behind|tracks|"
    r"arse|ass|bases)|bur(?:y|ies|ied|ying)\s+(?:our|my|the|it|them)\b|"
    r"writ(?:e|es|ing)\s+(?:\w+\s+)?(?:cheques|checks)|"
    r"kick(?:s|ed|ing)?\s+the\s+can\s+down|(?:bury|buries|buried|burying|stick(?:s|ing)?|stuck)\s+"
    r"(?:its|their|his|her)\s+heads?\s+in\s+the\s+sand|out\s+of\s+(?:its|their|his|her)\s+depth|"
    r"in\s+over\s+(?:its|their|his|her)\s+heads?|(?:wing|winging|wings|winged)\s+it|"
    r"mak(?:e|es|ing)\s+it\s+up\s+as\s+(?:they|he|she|it)\s+go|phon(?:e|es|ed|ing)\s+it\s+in|"
    r"(?:shoots?|shot|shooting)\s+the\s+messenger|(?:threw|throws?|throwing)\s+a\s+spanner|"
    r"(?:throws?|threw|throwing)\s+money\s+at|(?:holds?|held|holding)\s+(?:us|me|the\s+\w+)\s+"
    r"(?:hostage|to\s+ransom)|(?:plays?|played|playing)\s+favou?rites|back-?stab(?:s|bed|bing)?|"
    r"(?:sold|sells?|selling)\s+(?:us|me)\s+out|dropp(?:ed|ing)\s+(?:us|me)\s+in\s+it|"
    r"(?:left|leaves?)\s+(?:us|me)\s+holding\s+the\s+baby|(?:muddies|muddied|muddy)\s+the\s+"
    r"waters|(?:reinvent(?:s|ed|ing)?)\s+the\s+wheel|smoke\s+and\s+mirrors|all\s+talk|"
    r"(?:empire|kingdom)[- ]building|power\s+trip|gatekeep(?:s|ing|er)?|sandbag(?:s|ged|ging)?|"
    r"bait[- ]and[- ]switch|(?:miss(?:es|ed)?)\s+the\s+boat|(?:checked|checks)\s+out\s+(?:years|"
    r"months|weeks|long)|(?:is|are|was|were)\s+(?:completely\s+)?out\s+to\s+lunch|"
    r"(?:let|lets|letting)\s+(?:it|things|everything|the\s+\w+)\s+(?:slide|slip|rot|fester)|"
    r"asleep\s+on\s+the\s+job|(?:fell|falls?|falling)\s+asleep\s+on|not\s+worth\s+the\s+paper|"
    r"(?:rob(?:s|bed|bing)?\s+peter)|(?:pass(?:es|ed)?|palm(?:s|ed)?)\s+(?:it|us|them)\s+off|"
    r"fob(?:s|bed|bing)?\s+(?:us|me)\s+off|"
    # Round 14: more everyday blame idioms (deceit, hiding, grabbing, bulldozing), as verb
    # families with room for the object between their parts.
    r"tell(?:s|ing)?\s+(?:us\s+|me\s+)?(?:porkies|fibs|tall\s+tales|fairy\s+tales)|told\s+(?:us\s+|"
    r"me\s+)?(?:porkies|fibs|tall\s+tales|fairy\s+tales)|(?:fed|feeds?|feeding)\s+(?:[\w'-]+\s+){0,3}"
    r"(?:a\s+line\b|(?:a\s+)?(?:bedtime\s+stor(?:y|ies)|fairy\s+tales?|cock\s+and\s+bull))|"
    r"economical\s+with\s+the\s+truth|pull(?:s|ed|ing)?\s+the\s+wool\s+over|"
    r"spin(?:s|ning)?\s+(?:us\s+|me\s+)?(?:a|the)\s+(?:yarn|tale|line)|"
    r"window[- ]dress(?:es|ed|ing)|"
    r"squirrel(?:s|led|ed|ling|ing)?\s+(?:[\w'-]+\s+){0,4}away|skim(?:s|med|ming)?\s+(?:off\s+the\s+"
    r"top|(?:the\s+)?(?:best|cream|pick)\b)|(?:bulldoz|steamroll|railroad)(?:e|es|ed|er|ing|s)?\b|"
    r"blindsid(?:e|es|ed|ing)|gaslight(?:s|ed|ing)?|short-?chang(?:e|es|ed|ing)|"
    r"(?:led|leads?|leading)\s+(?:us|me)\s+up\s+the\s+garden\s+path|"
    r"(?:left|leaves?|leaving)\s+(?:us|me|[\w'-]+)\s+in\s+the\s+lurch|"
    r"(?:not|never|isn't|aren't|doesn't|don't)\s+pull(?:s|ing)?\s+(?:its|their|his|her)\s+(?:own\s+)?"
    r"weight)\b",
    _I,
)
# Fault-finding phrases that point away from the speaker whatever the subject.
INHERENT_BLAME: Final = re.compile(
    r"\b(?:(?:their|his|her|its|[A-Z][\w&]*'s)\s+fault|behind\s+(?:our|my)\s+backs?|"
    r"then\s+(?:they\s+|he\s+|she\s+)?(?:blames?|blamed|complain(?:s|ed)?|acts?\s+surprised|"
    r"panics?|panicked|wonders?\s+why|asks?\s+why)|blam(?:e|es|ed)\s+(?:us|me|my\s+team|"
    r"our\s+team)|(?:we|i)\s+get\s+(?:all\s+)?the\s+blame|holding\s+the\s+bag|"
    r"(?:leaves?|left)\s+[^\W\d_]+(?:\s+team)?\s+(?:to\s+(?:deal\s+with|break|explain|clean|"
    r"pick\s+up|sort|fix|absorb|face)|with\s+the\s+(?:mess|fallout|bill))|"
    r"(?:it's|it\s+is|it\s+becomes|now\s+it's)\s+(?:our|my)\s+problem|without\s+even\s+\w+ing|"
    r"(?:throws?|threw|thrown|throwing|toss(?:es|ed|ing)?|chuck(?:s|ed|ing)?|lob(?:s|bed|bing)?)\s+"
    r"(?:[\w'-]+\s+){0,4}over\s+the\s+(?:wall|fence)|"
    r"pass(?:es|ed)?\s+the\s+buck|clean(?:ing|ed|s)?\s+up\s+(?:after|(?:his|her|their)\s+mess)|"
    r"dump(?:s|ed|ing)?\s+(?:\w+\s+){0,4}on\s+(?:us|me|my\s+\w+|our\s+\w+)|"
    r"without\s+(?:even\s+)?(?:asking|telling|consulting|informing|talking\s+to|involving|"
    r"checking\s+with|looping\s+in)\s+(?:anyone|anybody|us|me|my\s+team|our\s+team)|"
    r"without\s+(?:even\s+)?(?:reading|opening|looking\s+at|checking|testing)\b|"
    r"without\s+to\s+(?:explain|look|read|ask|check|test|tell|answer|reply|say|listen|inform)|"
    r"(?:at\s+our|at\s+my)\s+expense|(?:our|my)\s+(?:team|people)\s+(?:pays?|paid|pick\s+up|"
    r"picks\s+up|cleans?\s+up|eats?|absorbs?)|(?:and\s+)?(?:we|i)\s+(?:pay|paid|eat|ate|absorb|"
    r"pick\s+up\s+the\s+pieces|clean\s+up|take\s+the\s+hit|get\s+the\s+(?:calls|complaints|"
    r"angry\s+\w+))\s*(?:for\s+it)?\s*[.!;]|(?:we|i)\s+(?:find|found|hear|heard)\s+out\s+"
    r"(?:last|afterwards|later|from\s+(?:the|a|our)\s+\w+)|"
    r"(?:the|their|his|her)\s+(?:mess|screw-?up|mistakes?|incompetence|failure)\b(?!\s+(?:log|"
    r"rate|review)))",
    _I,
)
# "If Procurement had read it, we wouldn't be in this mess": blame in hindsight. A forward-looking
# "If Sales could send them earlier, we'd review them properly" is a proposal and is not matched.
COUNTERFACTUAL: Final = re.compile(
    r"\bif\s+(?:only\s+)?(?P<who>[^\W\d_][\w']*)[^.!?;]{0,100}?\b[^\W\d_][\w']*\s+(?:wouldn't|"
    r"would\s+not|would\s+never)\s+(?:be|have|need|lose|miss)\b",
    _I,
)
TOLD_NOBODY: Final = re.compile(
    r"\b(?:told|tells|telling|asked|asks|consulted|informed|warned|cares?|knows?)\s+"
    r"(?:nobody|no\s+one|no-one)\b|\bnobody\s+(?:cares|knew|knows|was\s+told)\b",
    _I,
)
NOT_ANYONES_FAULT: Final = re.compile(r"\b(?:nobody|no\s+one|not\s+anyone)'s\s+fault", _I)

BLAME_CAUSE: Final = re.compile(
    # Round 10: "Huge thanks to Ngozi.", "Big thanks to Support": thanks sized up are gratitude.
    r"\b(?:because(?:\s+of)?|(?<!huge\s)(?<!many\s)(?<!big\s)thanks\s+to|due\s+to|"
    r"all\s+because)\s+(?P<who>[^\W\d_][\w']*)"
    # Round 7: "Thanks to Ingrith in Facilities for finding us a room" is gratitude, not blame.
    r"(?!(?:\s+(?:in|from|at|on)\s+(?:the\s+)?[\w&]+(?:\s+[\w&]+)?)?\s+for\b)",
    _I,
)
MIND_READING: Final = re.compile(
    r"\b(?:thinks?|believes?|assumes?|treats?|treated|acts?\s+like|acting\s+like|pretends?)\b",
    _I,
)
