"""Word lists and precompiled patterns behind the framing check, one module per family.

Kept apart from the rules so the vocabulary can grow without touching the logic. Patterns run on
a folded copy of the text (curly quotes made straight, dashes made clause breaks) that has the
same length as the input, so match offsets are offsets into the original text.
"""

from __future__ import annotations

from app.domain.framing.lexicon.asks import (
    ASK,
    CURT_MAX_TOTAL,
    CURT_MAX_WORDS,
    FORWARD,
    IMPACT,
    PLACEHOLDER_STEPS,
    UNDER_WAY,
)
from app.domain.framing.lexicon.blame import (
    BLAME_CAUSE,
    COUNTERFACTUAL,
    GATED_BLAME,
    INHERENT_BLAME,
    MIND_READING,
    NOT_ANYONES_FAULT,
    TOLD_NOBODY,
)
from app.domain.framing.lexicon.facts import COUNTS, GAIN, INSTEAD_OF_COUNT, SPECIFICS
from app.domain.framing.lexicon.negation import CLAUSE_BREAK, NEGATORS, REMEDY
from app.domain.framing.lexicon.passive_aggressive import (
    DISCLAIMER,
    DOUBLE_STANDARD,
    PASSIVE_AGGRESSIVE,
)
from app.domain.framing.lexicon.questions import RHETORICAL
from app.domain.framing.lexicon.repetition import (
    ABSOLUTE,
    ABSOLUTE_SOFTENERS,
    FREQUENCY,
    NAME_AGAIN,
    NOBODY,
    PRAISE_AFTER_ABSOLUTE,
    REPEAT_COUNT,
)
from app.domain.framing.lexicon.sarcasm import (
    DELIGHT_OPENER,
    IRONY_CUE,
    MOCK_PRAISE,
    OF_COURSE,
    PRAISE_PHRASE,
    SARCASM,
    SARCASM_TWIST,
    SCARE_QUOTES,
    STANDALONE_AGAIN,
)
from app.domain.framing.lexicon.shouting import (
    ACRONYM_MAX_LETTERS,
    EMPHASIS,
    EXCESS_PUNCTUATION,
    KNOWN_ACRONYMS,
    SCHEDULE_AFTER,
    SCHEDULE_NOTE,
    SHOUT_MIN,
    SHOUT_WORDS,
)
from app.domain.framing.lexicon.subjects import (
    DEPARTMENTS,
    DETERMINERS,
    ELISION,
    FIRST_PERSON,
    HEDGES,
    IMPERSONAL,
    NAMED_COLLEAGUE,
    NOT_NAMES,
    OTHER_PRONOUNS,
    OWN_GROUPS,
    ROLE_NOUNS,
    STANCE,
    SUBJECT_SKIP,
    SUBORDINATORS,
    TITLE_POSSESSIVE,
)
from app.domain.framing.lexicon.tokens import FOLD, SENTENCE_END, WORD
from app.domain.framing.lexicon.valence import (
    ATTRIBUTIVE_BEFORE,
    MEASURE_NOUNS,
    WORK_SENSES,
    WORK_VALENCE,
)
from app.domain.framing.lexicon.verdicts import DISMISSIVE, HYPERBOLE, INSULT, JUDGEMENT, VENTING

__all__ = [
    "ABSOLUTE",
    "ABSOLUTE_SOFTENERS",
    "ACRONYM_MAX_LETTERS",
    "ASK",
    "ATTRIBUTIVE_BEFORE",
    "BLAME_CAUSE",
    "CLAUSE_BREAK",
    "COUNTERFACTUAL",
    "COUNTS",
    "CURT_MAX_TOTAL",
    "CURT_MAX_WORDS",
    "DELIGHT_OPENER",
    "DEPARTMENTS",
    "DETERMINERS",
    "DISCLAIMER",
    "DISMISSIVE",
    "DOUBLE_STANDARD",
    "ELISION",
    "EMPHASIS",
    "EXCESS_PUNCTUATION",
    "FIRST_PERSON",
    "FOLD",
    "FORWARD",
    "FREQUENCY",
    "GAIN",
    "GATED_BLAME",
    "HEDGES",
    "HYPERBOLE",
    "IMPACT",
    "IMPERSONAL",
    "INHERENT_BLAME",
    "INSTEAD_OF_COUNT",
    "INSULT",
    "IRONY_CUE",
    "JUDGEMENT",
    "KNOWN_ACRONYMS",
    "MEASURE_NOUNS",
    "MIND_READING",
    "MOCK_PRAISE",
    "NAMED_COLLEAGUE",
    "NAME_AGAIN",
    "NEGATORS",
    "NOBODY",
    "NOT_ANYONES_FAULT",
    "NOT_NAMES",
    "OF_COURSE",
    "OTHER_PRONOUNS",
    "OWN_GROUPS",
    "PASSIVE_AGGRESSIVE",
    "PLACEHOLDER_STEPS",
    "PRAISE_AFTER_ABSOLUTE",
    "PRAISE_PHRASE",
    "REMEDY",
    "REPEAT_COUNT",
    "RHETORICAL",
    "ROLE_NOUNS",
    "SARCASM",
    "SARCASM_TWIST",
    "SCARE_QUOTES",
    "SCHEDULE_AFTER",
    "SCHEDULE_NOTE",
    "SENTENCE_END",
    "SHOUT_MIN",
    "SHOUT_WORDS",
    "SPECIFICS",
    "STANCE",
    "STANDALONE_AGAIN",
    "SUBJECT_SKIP",
    "SUBORDINATORS",
    "TITLE_POSSESSIVE",
    "TOLD_NOBODY",
    "UNDER_WAY",
    "VENTING",
    "WORD",
    "WORK_SENSES",
    "WORK_VALENCE",
]
