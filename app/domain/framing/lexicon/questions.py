"""Rhetorical and pointed questions."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _I

RHETORICAL: Final = re.compile(
    r"^\s*(?:why|how\s+come|how\s+many\s+(?:more\s+)?times|how\s+hard\s+is\s+it|"
    r"who\s+(?:on\s+earth\s+|exactly\s+|really\s+)?(?:thought|decided)|what\s+were\s+they\s+thinking|"
    r"what(?:'s|\s+is)\s+the\s+point|is\s+it\s+(?:really\s+)?(?:that\s+|so\s+|too\s+)?(?:hard|difficult|much)|"
    r"(?:do|does)\s+(?:they|anyone|anybody)\s+(?:even|actually|ever)|"
    r"when\s+(?:will|is|are|did|does|do)\s+[\w\s']{1,30}?\b(?:learn|ever|finally|start|stop|"
    r"realise|realize|bother|understand|get\s+it)|how\s+(?:hard|difficult)\s+(?:can|could)\s+it\s+be|"
    r"(?:are|am)\s+(?:we|i)\s+(?:supposed|meant|expected)\s+to|am\s+i\s+the\s+only|"
    r"what\s+part\s+of|since\s+when|why\s+bother|who\s+(?:even|actually|still)|"
    r"is\s+(?:anyone|anybody)\s+(?:even|actually|at\s+all)|how\s+is\s+it\s+(?:that|possible|ok)|"
    r"(?:is|isn't)\s+it\s+(?:funny|strange|odd|interesting)|what\s+(?:exactly\s+)?(?:does|do)\s+"
    r"[\w\s']{1,25}?\bdo\s+all\s+day|who\s+(?:signs|signed|approves|approved)\s+(?:this|these|that)|"
    r"(?:do|does)\s+[A-Z]\w*\s+(?:even|actually|ever|really)|"
    r"(?:seriously|really|honestly)\s*[,?]|where\s+(?:exactly\s+)?(?:was|were|is|are)\s+"
    r"(?!the\b)\w+\s+when|(?:can|could)\s+(?:anyone|somebody|someone)\s+(?:explain|tell\s+(?:me|us))"
    r"\s+why|what\s+(?:exactly\s+)?(?:is|was)\s+(?:so\s+)?(?:hard|difficult)|"
    r"(?:would|will)\s+it\s+(?:kill|hurt)\s+(?:them|him|her|\w+))\b",
    _I,
)

# "even a rough one", "even a draft", "even just the headline" lowers the bar of a request (round
# 9); any other "even" needles ("does X even have …"). One definition for every reader of it.
_EVEN: Final = r"even(?!\s+(?:a|an|just)\s)"
BAR_LOWERED: Final = re.compile(r"even\s+(?:a|an|just)\s", _I)
# A question is a point scored, not a request, when it is negative or carries one of these.
LOADED: Final = re.compile(
    rf"\b(?:ever|{_EVEN}|actually|really|seriously|honestly|still|again|anyone|anybody|supposed|"
    r"meant|realise|realize|understand|care|bother|how\s+many|how\s+much\s+longer|how\s+long|"
    r"how\s+hard|why|what\s+exactly|who\s+(?:thought|decided)|does\s+it\s+take)\b",
    _I,
)
# Round 15: a question that says why it is asked ("…, so we know whom to call?") or asks what
# another team needs or prefers ("How many days … does Customs need?", "… by email or in the
# TOS?") asks for information, unless a word of ``NEEDLING`` makes it a jab.
INFORMATION: Final = re.compile(
    r"\bso\s+(?:that\s+)?(?:we|I)\s+(?:know|can|could)\b|\b(?:need|needs|want|wants|prefer|"
    r"prefers)\b(?!\s+(?:us|me|them|everyone|everybody|anyone)\s+to\b)"
    r"(?!\s+to\s+(?:be\s+)?(?:told|reminded|chased|asked))|\bso\s+far\b|"
    r"\bor\s+(?:by|in|on|at)\b[^?]*\?",
    _I,
)
# What makes such a question a jab all the same (``LOADED``'s needling words, but not its "how
# many" or "how long", which information asks too).
NEEDLING: Final = re.compile(
    rf"\b(?:ever|{_EVEN}|actually|really|seriously|honestly|still|again|"
    r"anyone|anybody|supposed|meant|realise|realize|understand|care|bother|how\s+many\s+(?:more|"
    r"times)|how\s+much\s+longer|how\s+hard|why|exactly|who\s+(?:thought|decided)|"
    r"does\s+it\s+take|possibly|on\s+earth)\b",
    _I,
)
