"""Passive-aggressive office writing: stock phrases, polite disclaimers, double standards."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _I

# Stock phrases of passive-aggressive office writing.
PASSIVE_AGGRESSIVE: Final = re.compile(
    r"\b(?:as\s+(?:i|we)\s+(?:already\s+|have\s+)?(?:mentioned|said|explained|noted|stated)|"
    r"(?:as\s+)?per\s+my\s+(?:last|previous|earlier|prior|(?:\w+\s+){0,2}(?:email|message|note|mail))|"
    # "Friendly reminder that …" points at someone; "Friendly reminder: the deadline is …" or
    # "Gentle nudge on the survey" only reminds (round 5).
    r"(?:just\s+)?(?:a\s+)?(?:gentle|friendly|quick|polite|kind|little)\s+(?:reminder|nudge)"
    # Round 19: "Friendly nudge to everyone: please log …" addresses the room; round 20: so do
    # "Gentle nudge to everyone, the doc closes Thursday" and "… to everyone that …".
    r"(?!\s+to\s+(?:everyone|everybody|all(?:\s+\w+)?|the\s+(?:whole\s+)?team)\s*(?:[:;,]|that\b)|"
    r"\s*[:;]|\s+(?:for|on|about|re|regarding)\b)|"
    r"(?:as|like)\s+(?:i|we)\s+(?:said|wrote|mentioned|explained)\s+(?:before|earlier|already|"
    r"last\s+\w+|in\s+my\s+\w+)|(?:i'm|i\s+am)\s+sure\s+(?:you're|you\s+are|they're|"
    r"they\s+are|he's|she's)\s+(?:all\s+)?(?:very\s+|really\s+|extremely\s+|terribly\s+|"
    r"super\s+)?(?:busy|swamped)|going\s+forward,?\s+(?:please|kindly)|"
    r"kindly\s+(?:note|remember|read|refer|check|stop|refrain|ensure|make\s+sure|"
    r"take\s+the\s+time)|(?:please\s+)?(?:see|refer\s+to)\s+(?:the\s+)?(?:thread|"
    r"email|message|attached|below|above)|to\s+(?:reiterate|repeat\s+myself)|"
    r"reiterat(?:e|ing)|(?:as|like)\s+(?:you|they|everyone)\s+(?:already\s+)?(?:know|knows)|"
    r"(?:if|when)\s+(?:you|they|\w+)\s+(?:ever\s+)?(?:get|find)\s+(?:a\s+)?(?:moment|"
    r"minute|chance|the\s+time)|(?:i'll|i\s+will|we'll)\s+take\s+that\s+as\s+a\s+no|"
    r"not\s+sure\s+(?:if|whether)\s+(?:you|they|anyone)\s+(?:saw|noticed|read)|"
    r"(?:just\s+)?(?:following|checking)\s+(?:up|in)\s+(?:again|once\s+more|one\s+more\s+time)|"
    r"again,?\s+(?:just\s+)?(?:following|checking|asking|flagging)|"
    r"(?:appreciate|thanks?\s+(?:to|for)|glad|nice|good\s+to\s+see)\s+(?:[\w']+\s+){0,2}finally|"
    r"(?:asked|told|reminded|chased|emailed|called|pinged)\s+(?:[\w']+\s+){0,4}(?:[a-z]+|\d+)\s+times|"
    r"(?:like|as|for)\s+the\s+(?:last|previous)\s+(?:[a-z]+|\d+)\s+times|"
    r"(?:so|as)\s+(?:some|one)\s+of\s+us|hope\s+this\s+(?:helps|clears)|"
    r"whenever\s+(?:it|that)\s+suits|no\s+pressure|"
    r"circling\s+back\s+for|for\s+the\s+(?:second|third|fourth|fifth|sixth|nth|umpteenth|"
    r"hundredth)\s+time|some\s+of\s+us|(?:i'm|i\s+am)\s+sure\s+(?:they|\w+)\s+(?:is|are|"
    r"was|were|had|have)\s+(?:very|a\s+very|really)|i\s+guess|no\s+worries,?\s+(?:we'll|i'll)|"
    r"(?:we'll|i'll|we\s+will|i\s+will)\s+just\s+(?:keep|do|assume|wait|clean|redo|find|fix)|"
    r"whenever\s+(?:they|\w+)\s+(?:feels?|gets?|finds?)\s+(?:like|round|around|time)|"
    r"it\s+would\s+be\s+nice\s+if|interesting\s+choice|shall\s+i\s*[.!?]|"
    # Round 9: feigned apology for news nobody sent ("Apologies if I missed the memo where …").
    r"(?:apologies|sorry|forgive\s+me|pardon\s+me)\s+if\s+(?:i|we)\s+(?:somehow\s+)?(?:missed|"
    r"misread|misunderstood|overlooked)|(?:missed|miss)\s+(?:the|a|that)\s+memo|"
    r"(?:glad|nice|good)\s+(?:that\s+)?(?:someone|somebody|they|\w+)\s+finally|"
    r"only\s+took\s+(?:them|him|her|\w+)|let\s+me\s+know\s+if\s+[^.?!]{0,40}\bever|"
    r"as\s+per\s+usual|whatever\s+it\s+is\s+(?:they|\w+)\s+do|unlike\s+(?:some|them|"
    r"[A-Z]\w+)|going\s+forward,?\s+maybe|i\s+doubt|thanks\s+in\s+advance|"
    r"i\s+won't\s+name|not\s+sure\s+if\s+\w+\s+got|it's\s+only\s+our|"
    r"we'll\s+(?:keep\s+)?(?:be\s+here|wait(?:ing)?\s+patiently)|patiently|"
    r"as\s+(?:previously|already)\s+(?:requested|mentioned|discussed|agreed|stated|explained)|"
    r"(?:just\s+)?want(?:ed)?\s+to\s+(?:check|make\s+sure|confirm)\s+(?:if|whether|that)\b|"
    r"must\s+be\s+nice|must\s+be\s+(?:lovely|great|fun)\s+to|"
    r"(?:maybe|perhaps)\s+[\w\s]{1,20}?\b(?:could|might|should|will|would)\s+(?:actually|finally|"
    r"even|one\s+day)|"
    r"(?:^|(?<=[,;:]\s))(?:go\s+)?(?:ask|tell)\s+(?:[A-Z]\w*|them|him|her)\s+(?:why|how\s+come|"
    r"to\s+stop)|"
    # Round 5: offering to repeat oneself; doing it ourselves; "per our call, which …".
    r"(?:happy|glad)\s+to\s+\w+\s+(?:it\s+|this\s+|that\s+)?(?:again|once\s+more|a\s+(?:second|third|"
    r"fourth|fifth|\w+th)\s+time)|(?:we'll|i'll|we\s+will|i\s+will)\s+(?:just\s+)?(?:find|do|sort|"
    r"fix|handle|write|build|book|make)\s+(?:it\s+|this\s+|that\s+|them\s+)?(?:ourselves|myself|"
    r"our\s+own|my\s+own)|(?:we'll|i'll|we\s+will|i\s+will)\s+just\s+(?:carry\s+on|go\s+on|"
    r"continue|keep|get\s+on)|(?:we'll|i'll|we\s+will|i\s+will)\s+just\s+[^.!?;]{1,40}?"
    r"(?:\bagain\b|\bourselves\b|\bmyself\b|,\s*then\s*[.!]?$)|(?:as\s+)?per\s+our\s+(?:conversation|call|chat|meeting|discussion|"
    r"agreement),?\s+(?:which|that)|"
    r"bump(?:ing)?\s+this|in\s+case\s+(?:you|they|\w+)\s+missed|"
    r"(?:a\s+)?(?:perfectly\s+)?good\s+reason\s+for\s+\w+ing|not\s+to\s+(?:nag|be\s+pushy|be\s+"
    r"that\s+person)|it\s+only\s+took|seems?\s+to\s+think|"
    # Round 18: a request that is the reproach ("perhaps next time they might check with
    # Revenue before …", "the warehouse might want to read the label", "I'd gently suggest …",
    # "it would have been even more helpful before we'd filled 12,000 vials").
    r"(?:perhaps|maybe)\s+next\s+time|might\s+want\s+to|may\s+wish\s+to\s+consider|"
    r"(?:i'd|i\s+would)\s+(?:gently|kindly|respectfully|humbly)\s+(?:suggest|remind|point\s+out)|"
    r"would\s+have\s+been\s+(?:even\s+)?(?:(?:a\s+lot|much|far)\s+)?(?:more\s+)?(?:helpful|useful)"
    r"\s+(?:before|if|to\s+know))\b",
    _I,
)
# Announcing criticism politely: what follows reads as blame however it is put.
DISCLAIMER: Final = re.compile(
    r"\b(?:(?:i\s+)?(?:don't|do\s+not)\s+(?:want|mean|like)\s+to\s+(?:point\s+fingers|blame|"
    r"complain|be\s+(?:difficult|negative|rude))|no\s+(?:offen[cs]e|disrespect)(?:\s+(?:to|intended|"
    r"meant))?|(?:i\s+)?mean\s+no\s+disrespect|with\s+(?:all\s+due|the\s+(?:greatest|utmost|highest|deepest)|"
    r"the\s+greatest\s+of|great)\s+respect|with\s+respect\s+to\s+(?:our\s+)?(?:colleagues|friends)\b|"
    r"it's\s+(?:very\s+|so\s+|really\s+)?kind\s+of\s+[^.!?;]{1,40}?\bbut\b|"
    r"(?:i|we)\s+hate\s+to\s+(?:say|single|be|bother|ask|point|chase|nag|interrupt|complain|"
    r"raise|mention|flag)|i\s+hesitate\s+to\s+say|(?:i'm|i\s+am)\s+not\s+one\s+to\s+"
    r"(?:complain|moan|criticise|criticize)|i\s+say\s+this\s+(?:with\s+love|as\s+a\s+friend|kindly|gently|nicely|"
    r"respectfully|with\s+respect)|"
    r"(?:i'll|i\s+will|let\s+me)\s+(?:put\s+it|be)\s+(?:gently|politely|diplomatic(?:ally)?|"
    r"kindly)|with\s+the\s+best\s+will\s+in\s+the\s+world|(?:please\s+)?don't\s+take\s+"
    r"this\s+the\s+wrong\s+way|to\s+put\s+it\s+(?:mildly|politely|kindly|gently)|"
    r"(?:i'm|i\s+am)\s+sure\s+\w+\s+means?\s+well|not\s+to\s+be\s+(?:difficult|rude|negative)|"
    r"(?:^|(?<=[,;]\s))not\s+to\s+[^.!?;]{1,50}?,\s*but\b|^\s*respectfully,?\s+(?!(?:i|we)(?:'d|\s+would)|could|can|may|might|please)|(?:to\s+be\s+fair|in\s+fairness)(?:\s+to\s+(?:them|him|her|\w+))?,?"
    r"[^.!?;]{0,60}\bbut|(?:don't|do\s+not)\s+get\s+me\s+wrong|"
    r"(?:i'm|i\s+am)\s+not\s+(?:saying|blaming|pointing)[^.!?;]{0,60}\bbut|"
    r"no\s+(?:blame|finger-?pointing)(?:\s+intended)?,?\s+but|"
    r"(?:i'm|i\s+am)\s+sure\s+(?:they|\w+)\s+(?:are|is|were|was)\s+(?:trying|doing\s+their\s+best)"
    r"[^.!?;]{0,40}\bbut|bless\s+them|(?:i|we)\s+(?:really\s+)?(?:appreciate|value|like)"
    r"\s+(?:them|him|her|\w+),?\s+but|"
    r"honestly,?\s+(?:i|we)\s+(?:don't|do\s+not)\s+(?:know|understand)\s+(?:how|why|what))\b",
    _I,
)

DOUBLE_STANDARD: Final = re.compile(
    r"\b(?:says?|said|claims?|claimed|talks?\s+about|preaches|wants?|expects?|demands?)\b"
    r"[^.!?;]{3,80}?\b(?:but|yet|and\s+then)\b[^.!?;]{0,40}?\b(?:won't|doesn't|don't|never|"
    r"takes?|can't|refuses?|cancels?|cuts?|ignores?|kills?|drops?|blocks?)\b",
    _I,
)
