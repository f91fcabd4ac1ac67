"""Plain-language explanations and the Observation → Impact → Ask rewrite suggestion."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from app.domain.framing.text import Doc, Party

MESSAGES: Final[dict[str, str]] = {
    "absolute_blame": (
        'Absolutes like "{x}" aimed at another team read as blame; describe a specific '
        "instance and how often it happens."
    ),
    "absolute_claim": '"{x}" overstates the pattern; a dated example or a rate is more persuasive.',
    "blame": '"{x}" assigns fault; describe the hand-off that breaks, not who is to blame.',
    "blame_cause": '"{x}" pins the cause on another team; describe what happens between teams.',
    "judgement": '"{x}" judges a team\'s character; describe what happened and what it cost.',
    "mind_reading": '"{x}" guesses at another team\'s attitude; stick to what you observed.',
    "dismissive": '"{x}" dismisses the other side\'s work; say what the process costs instead.',
    "insult": '"{x}" is an insult; describe the behaviour or result, not the people or their work.',
    "venting": '"{x}" vents frustration; state the impact in time, money or customers instead.',
    "hyperbole": '"{x}" exaggerates; give the real number (days, hours, deals).',
    "sarcasm": '"{x}" reads as sarcasm; say the point directly.',
    "passive_aggressive": '"{x}" reads as passive-aggressive; say the point and the ask directly.',
    "disclaimer": (
        '"{x}" announces criticism; what follows reads as blame however politely it is put.'
    ),
    "pointed_question": (
        'The question "{x}" asks for nothing concrete, so it reads as a point scored; turn it '
        "into a statement and one ask."
    ),
    "mock_praise": (
        '"{x}" praises another team in a text that asks for nothing, so it may read as sarcasm; '
        "if it is meant, say what worked."
    ),
    "double_standard": (
        '"{x}" frames the other team as hypocritical; put both needs side by side instead.'
    ),
    "rhetorical_question": (
        'The rhetorical question "{x}" reads as an accusation; make it a statement plus an ask.'
    ),
    "scare_quotes": "Quote marks around {x} read as sarcasm; use the word plainly or drop it.",
    "generalisation": (
        '"{x}" is a verdict on another team or person with no example, number or date; add one '
        "so it reads as an observation."
    ),
    "curt_verdict": (
        '"{x}" is a curt verdict on another team with no ask; say what happened, what it cost '
        "and what you need."
    ),
    "emphasis": 'Word-by-word emphasis ("{x}") reads as exasperation.',
    "all_caps": 'All-caps "{x}" reads as shouting.',
    "excess_punctuation": '"{x}" reads as shouting or exasperation; one mark is enough.',
    "person_blamed": (
        "{x} is named as the culprit; talk about the process or hand-off, not the person."
    ),
    "negative_tone": (
        '"{x}" is a strongly negative word (VADER sentiment lexicon); say what happened and what '
        "it cost instead."
    ),
    "loaded_wording": (
        '"{x}" is wording that our labelled examples mostly saw in complaints; describe the '
        "event and its impact in neutral words."
    ),
    "specific_fact": '"{x}" gives a number or date, which reads as an observation.',
    "positive_tone": '"{x}" credits someone, which reads as constructive.',
    "phrasing": (
        "The wording as a whole reads like other complaints; say what happened, what it cost "
        "and what you need."
    ),
    "plain_phrasing": "The wording as a whole reads like a plain observation.",
    "owns_it": '"{x}": speaking about your own side reads as ownership, not blame.',
    "states_impact": (
        '"{x}" says what the hand-off does to the next team: observation, then impact.'
    ),
    "team_negative": (
        '"{x}" says something negative about another team or person and asks for nothing; '
        "give one example with a date or number and the change you need."
    ),
    "loaded_question": (
        'The question "{x}" is about another team and asks for nothing concrete, so it reads '
        "as an accusation; make it a statement plus an ask."
    ),
    "concession": (
        '"{x}" opens politely and then turns against someone; the politeness does not soften '
        "the blame. Say what happened and what you need."
    ),
    "repeated": '"{x}" stresses that another team keeps doing it; give the dates or the rate.',
    "presumption": (
        '"{x}" presumes what another team thinks or will do; say what you observed instead.'
    ),
    "irony": (
        '"{x}" praises another team and undercuts it in the same breath, which reads as '
        "sarcasm; say what went wrong and what you need."
    ),
    "coda": (
        '"{x}" is a one-line verdict on what was just described (approval of it reads as '
        "sarcasm); say what went wrong and what you need instead."
    ),
    "remark": (
        '"{x}" points at another team without saying what is wrong, which reads as a dig; '
        "state the problem and the change you need."
    ),
    "named_subject": (
        '"{x}" makes a named colleague the subject of what went wrong; describe the hand-off '
        "and what you need, not who did it."
    ),
    "intensified": '"{x}" intensifies a negative point; the plain fact is more persuasive.',
    "distancing": (
        '"{x}" sets another team apart as "them"; name the team and the hand-off instead.'
    ),
    "unsupported": (
        '"{x}" is negative with no number, date or ask behind it; add what happened, when, '
        "and what you need."
    ),
    "no_next_step": (
        'There is no proposed step or ask; end with one concrete request (e.g. "Could we …?").'
    ),
}

# One tip per family, in the order they are offered.
_TIPS: Final[tuple[tuple[frozenset[str], str], ...]] = (
    (
        frozenset({"person_blamed", "blame", "blame_cause", "named_subject"}),
        "Describe the hand-off between the teams, not whose fault it is or who did it.",
    ),
    (
        frozenset({"absolute_blame", "absolute_claim", "generalisation", "curt_verdict"}),
        'Swap "never/always" for one recent, dated example and how often it happens.',
    ),
    (
        frozenset(
            {"insult", "dismissive", "mind_reading", "judgement", "negative_tone", "loaded_wording"}
        ),
        "Describe the behaviour and its result, not the people or what they think.",
    ),
    (
        frozenset({"venting", "hyperbole", "emphasis"}),
        "State the cost in numbers (hours, days, money, customers) instead of how it feels.",
    ),
    (
        frozenset(
            {"sarcasm", "double_standard", "rhetorical_question", "scare_quotes"}
            | {"passive_aggressive", "pointed_question", "mock_praise", "disclaimer", "irony"}
            | {"coda", "remark"}
        ),
        "Say the point directly; sarcasm and rhetorical questions read as blame.",
    ),
    (frozenset({"all_caps", "excess_punctuation"}), "Drop the capitals and extra punctuation."),
    (frozenset({"no_next_step"}), "End with one concrete ask or next step."),
)
_TWO_WORD_TEAMS: Final = frozenset(
    {"Customer Success", "Sales Ops", "Revenue Ops", "People Ops", "Product Marketing"}
)
_MAX_TIPS: Final = 3
_EXCERPT_MAX: Final = 60


def explain(code: str, excerpt: str) -> str:
    """The user-facing message for one reason, quoting (a shortened) ``excerpt``."""
    short = excerpt if len(excerpt) <= _EXCERPT_MAX else excerpt[: _EXCERPT_MAX - 1] + "…"
    return MESSAGES[code].replace("{x}", short)


def counterpart(doc: Doc) -> str:
    """The other team the text is about, for reuse in the suggestion ("Sales"), else a stand-in.

    Named people are deliberately not reused: the rewrite should be about a team's hand-off.
    """
    for i, tok in enumerate(doc.tokens):
        if tok.bare in doc.teams and doc.party_of(tok) is Party.OTHER:
            if i > 0 and (pair := f"{doc.tokens[i - 1].text} {tok.bare}") in _TWO_WORD_TEAMS:
                return pair
            return tok.bare
    return "the other team"


def suggest(codes: Iterable[str], complaint: bool, party: str) -> str:
    """A rewrite pattern tailored to the reasons found; "" when there is nothing to improve."""
    found = set(codes)
    if not found:
        return ""
    ask = f"Could we agree with {party} on <one specific change>?"
    if not complaint:
        # Below the threshold the only advice worth giving is the missing ask: single weak
        # signals (one loaded word) would be noise.
        if "no_next_step" in found:
            return f'Consider ending with one concrete ask, e.g. "{ask}"'
        return ""
    tips = [tip for family, tip in _TIPS if family & found][:_MAX_TIPS]
    pattern = (
        f'Try Observation → Impact → Ask: "When <what {party} does, one recent example with a '
        f"date or number> (observation), my team loses <hours, days, money or customers> "
        f'(impact). {ask}"'
    )
    return " ".join([pattern, *tips])
