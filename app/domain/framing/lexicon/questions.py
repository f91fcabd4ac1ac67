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
