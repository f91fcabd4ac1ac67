"""Who is the subject of a clause: the speaker, other people, teams, named colleagues, stance."""

from __future__ import annotations

import re
from typing import Final

from app.domain.framing.lexicon._base import _I, _words

FIRST_PERSON: Final = _words(
    "i we us me my our mine ours myself ourselves i'm we're we've i've we'll i'll i'd we'd"
)
OTHER_PRONOUNS: Final = _words(
    "they them he she him someone somebody everyone everybody nobody whoever anyone anybody"
)
ROLE_NOUNS: Final = _words(
    "team teams department departments dept management leadership leaders manager managers "
    "director directors exec execs executives board people folks guys vendor vendors supplier "
    "suppliers carrier carriers partner partners agency "
    "agencies contractor contractors reps engineers developers devs designers lawyers "
    "accountants recruiters agents staff colleagues ceo cfo cto coo cmo vp vps desk squad office "
    "company org organisation organization business centres centers units divisions regions "
    "branches sites plants bus"
)
# Department names only count in Title or UPPER case: "IT" is a team, "it" is not.
DEPARTMENTS: Final = _words(
    "Finance Sales IT HR Legal Marketing Product Engineering Ops Operations Procurement Support "
    "Facilities Security Compliance Infosec DevOps QA Design Data Analytics Success CS RevOps "
    "Payroll Accounting Treasury Purchasing Logistics Partnerships Recruiting Talent Growth "
    "Brand PR Comms Leadership Management Risk Audit Tax Research Delivery Services Infra "
    "Platform SRE Warehouse"
)
# Skipped when walking left from a trigger to its subject ("Sales has just never ...").
SUBJECT_SKIP: Final = _words(
    "is are was were be been being am has have had do does did don't doesn't didn't can can't "
    "cannot could couldn't will won't would wouldn't should shouldn't may might must just still "
    "also really totally simply basically literally almost practically nearly seem seems seemed "
    "to ever who that which all both apparently clearly obviously somehow again not never "
    "always constantly continually keep keeps kept honestly frankly only even already now "
    "usually often sometimes generally typically mostly pretty too very then there"
)
# "our team" is the speaker's side; "our managers" or "our leadership" are other people.
OWN_GROUPS: Final = _words("team teams department dept squad office people folks staff agents")
ELISION: Final = _words("and but or")
SUBORDINATORS: Final = _words(
    "because so when while if until since although though as where whereas unless once"
)
IMPERSONAL: Final = _words(
    "it this these those what it's there's something everything anything nothing here"
)
DETERMINERS: Final = _words(
    "the a an this that these those every each some any all our half most many several few"
)
HEDGES: Final = re.compile(
    r"\b(?:sometimes|occasionally|often|partly|at times|now and then|tends? to|a few|"
    r"some of|rarely|in some cases)\b",
    _I,
)

# "Mark in Procurement", "Priya from Finance", "Dana over in Legal": a colleague by name.
NAMED_COLLEAGUE: Final = re.compile(
    r"\b(?P<name>[A-Z][a-z]+)\s+(?:(?:over\s+)?(?:in|from)\s+(?:the\s+)?|"
    r"on\s+the\s+(?=[A-Z][A-Za-z]+\s+team\b))(?P<dept>[A-Z][A-Za-z]+)\b"
)
# "Fleet's vans", "Marketing's copy": a Title-case owner is a team or a person.
TITLE_POSSESSIVE: Final = re.compile(r"\b(?P<owner>[A-Z][a-z]+)'s?\b(?=\s+[a-z])")

NOT_NAMES: Final = (
    FIRST_PERSON
    | OTHER_PRONOUNS
    | IMPERSONAL
    | DETERMINERS
    | ROLE_NOUNS
    | _words("thanks everything work delay change approval feedback nothing someone help")
    | _words("who what which when where why how whoever")  # "Who in Tax …?" asks (round 5)
    | _words("let there he she")  # "Let's …" is no team's possessive (round 5)
    # Round 20: "Looping in HR", "Copying in Finance": a verb, not "<Name> in <team>".
    | _words("looping copying bringing roping pulling keeping adding cc'ing")
)

# The speaker's stance on someone else, not ownership of a problem: "I'm sure …", "I appreciate
# …", "Apologies if I …" (round 4; ``credits.credits`` gives these no ``owns_it`` credit).
STANCE: Final = re.compile(
    r"(?:i\s*'?m|i\s+am|we\s*'?re|we\s+are)\s+(?:sure|certain|confident|aware|happy\s+to|glad\s+to)\b|"
    r"(?:i|we)\s+(?:do\s+|really\s+|fully\s+)?(?:appreciate|know|understand|realise|realize|get|"
    r"guess|suppose|assume|imagine|hope|presume|trust)\b|(?:we|i)\s*'?ll\s+just\b|"
    # Round 5: a feeling about what another team did, or a disclaimer, owns nothing.
    r"(?:i\s*'?m|i\s+am|we\s*'?re|we\s+are)\s+(?:so\s+|really\s+|just\s+)?(?:thrilled|delighted|"
    r"glad|happy|pleased|excited|amazed|impressed|shocked|surprised|stunned|disappointed|sad|"
    r"sorry|tired|fed\s+up|done|not\s+(?:saying|blaming|pointing|one))\b|"
    r"(?:i|we)\s+(?:don't|do\s+not)\s+(?:want|mean|like)\s+to\b",
    _I,
)
