"""The framing check: each rule fires where it should and stays quiet where it shouldn't."""

from __future__ import annotations

import ast
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.framing.advice import MESSAGES
from app.domain.framing.check import (
    COMPLAINT_THRESHOLD,
    PHRASING,
    PLAIN_PHRASING,
    FramingMode,
    FramingResult,
    blocks_submission,
    check_framing,
    features,
    forms,
)
from app.domain.framing.rules import WEIGHTS
from tests.domain.framing_cases import CASES, LabelledCase

DOMAIN = Path(__file__).resolve().parents[2] / "app" / "domain"


def codes(text: str, people_names: Sequence[str] = (), next_step: str | None = None) -> set[str]:
    result = check_framing(text, people_names=people_names, next_step=next_step)
    return {r.code for r in result.reasons}


def check(case: LabelledCase) -> FramingResult:
    return check_framing(case.text, people_names=case.people_names, next_step=case.next_step)


# --- One rule at a time: (text, code) pairs that must fire, and that must not -------------------

FIRES = [
    ("They never send the forecast before the 5th.", "absolute_blame"),
    ("IT always closes our tickets without a note.", "absolute_blame"),
    ("Procurement keeps changing the PO form.", "absolute_blame"),
    ("Nobody in Finance answers email after 3pm.", "absolute_blame"),
    ("Every time we ask for a quote, Procurement takes two weeks.", "absolute_blame"),
    ("The Ops report is always late on Mondays.", "absolute_claim"),
    ("Engineering dropped the ball on the release.", "blame"),
    ("Billing errors are Finance's fault.", "blame"),
    ("They ignore our tickets and then blame us for the backlog.", "blame"),
    ("Marketing buys tools behind our back.", "blame"),
    ("If Procurement had checked the contract, we wouldn't be in this position.", "blame"),
    ("We lose deals because Support takes two days to answer.", "blame_cause"),
    ("The sales team thinks legal review is optional.", "mind_reading"),
    ("Support is completely unreliable.", "judgement"),
    ("Engineering treats bug reports like they're optional.", "dismissive"),
    ("Procurement is useless.", "insult"),
    ("The forecasting process is a joke.", "insult"),
    ("Those idiots in Facilities unplugged the AC.", "insult"),
    ("I'm sick of chasing Ops for the numbers.", "venting"),
    ("It's ridiculous that a blog post needs four approvals.", "venting"),
    ("Support takes forever to answer anything.", "hyperbole"),
    ("As usual, the warehouse numbers were wrong.", "sarcasm"),
    ("Of course Finance cut the budget without warning.", "sarcasm"),
    ("Sales launched before the feature was ready. Brilliant planning.", "sarcasm"),
    ("Procurement signed the vendor deal without us. Again.", "sarcasm"),
    ("Leadership says people come first but won't fund training.", "double_standard"),
    ("Why does it take Engineering three sprints to change a label?", "rhetorical_question"),
    ("Sales wants custom work on every deal. Every. Single. Deal.", "emphasis"),
    ("Why is the export still broken??", "excess_punctuation"),
    ("We lost the renewal again!!!", "excess_punctuation"),
    ("Every request from Sales is 'urgent' now.", "scare_quotes"),
    ("Our agents are FURIOUS about the new tool.", "all_caps"),
    ("THIS IS NOT OK, the release broke billing.", "all_caps"),
    ("DO NOT deploy on Fridays without telling us.", "all_caps"),
    ("Finance blocks hires on principle.", "generalisation"),
    ("The VPN is the most common reason for tickets.", "no_next_step"),
]

QUIET = [
    ("We never had a shared calendar for change windows.", "absolute_blame"),
    ("We always want to ship on Tuesdays, but QA is booked.", "absolute_blame"),
    ("I always underestimate localisation, so I booked it early.", "absolute_blame"),
    ("Releases are not always on time; could we add a buffer?", "absolute_claim"),
    ("Never approve spend above 10k without a PO.", "absolute_claim"),
    ("Sales is always welcome to call us directly.", "absolute_blame"),
    ("Marketing never overspent this year.", "absolute_blame"),
    ("Late-stage pipeline changes reach the warehouse after picking starts.", "absolute_claim"),
    ("Late-stage pipeline changes reach the warehouse after picking starts.", "absolute_blame"),
    ("Honestly, I think we dropped the ball on the handover.", "blame"),
    ("It's nobody's fault; the process was unclear.", "blame"),
    ("If Sales could send them five days ahead, we'd review them properly.", "blame"),
    ("Passwords are shared because SSO isn't set up.", "blame_cause"),
    ("I think we can fix this together next week.", "mind_reading"),
    ("The export is slow on Mondays.", "judgement"),
    ("This is no joke: churn doubled in Q3.", "insult"),
    ("We use lazy loading on the dashboard to save bandwidth.", "insult"),
    ("Garbage collection pauses slow the API at peak.", "insult"),
    ("The migration was not a disaster, but it cost a week.", "venting"),
    ("Great work by Ops on the audit this quarter.", "sarcasm"),
    ("Of course we can share the data with Finance.", "sarcasm"),
    ("We want to ship on Tuesdays, but QA is booked that day.", "double_standard"),
    ("Could we agree on a release calendar with Product?", "rhetorical_question"),
    ("We won the renewal!", "excess_punctuation"),
    ("We call it the “fast lane” process.", "scare_quotes"),
    ("IT, HR and the CRM team need API access by Q3.", "all_caps"),
    ("ASAP escalations from the NPS team lack customer names.", "all_caps"),
    ("HIPAA and GDPR reviews take a week; our SLAS and KPIS are fine.", "all_caps"),
    ("Finance closed the books on day 4 last month.", "generalisation"),
    ("The VPN drops on Mondays. Could IT add capacity?", "no_next_step"),
]


@pytest.mark.parametrize(("text", "code"), FIRES, ids=[f"{c}:{t[:30]}" for t, c in FIRES])
def test_rule_fires(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(("text", "code"), QUIET, ids=[f"{c}:{t[:30]}" for t, c in QUIET])
def test_rule_stays_quiet(text: str, code: str) -> None:
    assert code not in codes(text)


def test_every_code_has_a_message() -> None:
    phrasing = {PHRASING, PLAIN_PHRASING}
    assert set(WEIGHTS) | features.CODES | forms.CODES | phrasing == set(MESSAGES)


# --- Context: people's names, the next-step field, hedges ---------------------------------------


def test_named_person_as_culprit_is_flagged() -> None:
    result = check_framing("Dana never documents her changes.", people_names=["Dana", "Tom"])
    person = [r for r in result.reasons if r.code == "person_blamed"]
    assert [r.excerpt for r in person] == ["Dana"]
    assert result.complaint


@pytest.mark.parametrize(
    "text",
    [
        "Dana's team owns billing, and invoices go out on the 3rd working day.",
        "Tom leads the migration and will share the plan on Friday.",
        "Priya's team approved the overspend; I'd like to walk through thresholds with her.",
    ],
)
def test_named_person_mentioned_neutrally_is_not_flagged(text: str) -> None:
    assert "person_blamed" not in codes(text, people_names=["Dana", "Tom", "Priya"])


def test_names_only_count_when_given() -> None:
    assert "person_blamed" not in codes("Dana never documents her changes.")


def test_substantive_next_step_field_replaces_an_ask_in_the_text() -> None:
    text = "The CRM takes ten seconds to load an account page."
    step = "Agree a caching fix with IT by March"
    assert "no_next_step" in codes(text)
    assert "no_next_step" not in codes(text, next_step=step)
    assert "no_next_step" in codes(text, next_step="tbd")
    assert "no_next_step" in codes(text, next_step="   ")


def test_no_next_step_alone_is_not_a_complaint() -> None:
    result = check_framing("The VPN is the most common reason for tickets on Monday mornings.")
    assert "no_next_step" in [r.code for r in result.reasons]
    assert not result.complaint
    assert result.suggestion.startswith("Consider ending with one concrete ask")
    assert "Could we" in result.suggestion


def test_no_next_step_tips_other_signals_over_the_threshold() -> None:
    with_ask = check_framing("The month-end pack is always late. Could we agree on a date?")
    without = check_framing("The month-end pack is always late.")
    assert not with_ask.complaint
    assert without.complaint


def test_hedge_halves_the_weight() -> None:
    plain = check_framing("Sales sees legal review as a formality.")
    hedged = check_framing("Sales sometimes sees legal review as a formality.")
    weight = {r.code: r.weight for r in plain.reasons}["dismissive"]
    softened = [r for r in hedged.reasons if r.code == "dismissive"]
    assert softened[0].weight == pytest.approx(weight / 2)
    assert "sometimes" in softened[0].message


def test_curly_quotes_and_dashes_are_understood() -> None:
    text = "Sales’ team can’t be bothered — as usual."
    result = check_framing(text)
    assert {"blame", "sarcasm"} <= {r.code for r in result.reasons}
    assert all(text[r.start : r.end] == r.excerpt for r in result.reasons if r.start >= 0)


# --- The result as a whole -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "Useless!!!", "IT never"])
def test_short_text_returns_no_reasons(text: str) -> None:
    assert check_framing(text) == FramingResult(False, 0.0, (), "")


def test_score_is_the_sum_of_weights_and_decides_the_verdict() -> None:
    for case in CASES:
        result = check(case)
        weights = [r.weight for r in (*result.reasons, *result.credits)]
        assert result.score == pytest.approx(sum(weights), abs=1e-9)
        assert result.complaint == (result.score >= COMPLAINT_THRESHOLD)
        assert all(r.weight < 0 for r in result.credits)


def test_offsets_point_at_the_excerpt() -> None:
    for case in CASES:
        for reason in check(case).reasons:
            if reason.start < 0:
                assert (reason.excerpt, reason.end) == ("", -1)
            else:
                assert reason.excerpt
                assert case.text[reason.start : reason.end] == reason.excerpt


def test_reasons_are_ordered_by_position_with_whole_text_reasons_last() -> None:
    reasons = check_framing("Sales never answers and they are useless!!").reasons
    spans = [r.start for r in reasons if r.start >= 0]
    assert spans == sorted(spans)
    whole = [r.code for r in reasons if r.start < 0]
    assert "no_next_step" in whole
    assert [r.code for r in reasons[-len(whole) :]] == whole  # after every span


def test_deterministic() -> None:
    for case in CASES:
        assert check(case) == check(case)


def test_result_is_immutable() -> None:
    result = check_framing("Procurement is useless.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.complaint = False  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.reasons[0].weight = 0.0  # type: ignore[misc]


def test_complaints_get_a_rewrite_that_reuses_the_team() -> None:
    result = check_framing("Sales never submits expense reports on time and it's ridiculous.")
    assert result.complaint
    for part in ("Observation", "Impact", "Ask", "Sales"):
        assert part in result.suggestion


def test_every_complaint_in_the_labelled_set_gets_a_suggestion() -> None:
    for case in CASES:
        result = check(case)
        if result.complaint:
            assert result.suggestion.strip()


def test_clean_text_gets_no_reasons_and_no_suggestion() -> None:
    text = "About 30% of tickets trace back to billing. Could we review it?"
    result = check_framing(text)
    assert (result.complaint, result.reasons, result.suggestion) == (False, (), "")
    # What counts in its favour is shown with its span, and pulls the score below zero (the
    # wording as a whole may count too: round 11's plain_phrasing, weighed by the model).
    assert [(c.code, c.excerpt) for c in result.credits if c.code != PLAIN_PHRASING] == [
        ("specific_fact", "30%"),
        ("owns_it", "we"),
    ]
    assert result.score < 0


@pytest.mark.parametrize(
    ("mode", "complaint", "blocked"),
    [
        (FramingMode.WARN_ONLY, True, False),
        (FramingMode.REQUIRED_TO_FIX, True, True),
        (FramingMode.REQUIRED_TO_FIX, False, False),
    ],
)
def test_only_required_to_fix_blocks_complaints(
    mode: FramingMode, complaint: bool, blocked: bool
) -> None:
    assert blocks_submission(FramingResult(complaint, 0.0, (), ""), mode) is blocked


@settings(max_examples=150, deadline=None, database=None)
@given(
    text=st.text(max_size=5000),
    names=st.lists(st.text(max_size=12), max_size=3),
    next_step=st.none() | st.text(max_size=50),
)
def test_never_raises_on_arbitrary_text(text: str, names: list[str], next_step: str | None) -> None:
    result = check_framing(text, people_names=names, next_step=next_step)
    for reason in result.reasons:
        assert reason.start < 0 or text[reason.start : reason.end] == reason.excerpt


TRIGGER_SOUP = [
    *("Sales", "never", "always", "useless", "THE", "WHY", "!!", "could", "we", "?", "'s"),
    *("Dana", "because", "If", "of course", "'urgent'", "every time", ".", ",", "—", "İ"),
]


@settings(max_examples=100, deadline=None, database=None)
@given(
    words=st.lists(
        st.sampled_from(TRIGGER_SOUP),
        max_size=300,
    )
)
def test_never_raises_on_trigger_soup(words: list[str]) -> None:
    text = " ".join(words)
    result = check_framing(text, people_names=["Dana"])
    assert all(text[r.start : r.end] == r.excerpt for r in result.reasons if r.start >= 0)


# --- The labelled set ----------------------------------------------------------------------------


def test_labelled_set_is_big_balanced_and_unique() -> None:
    complaints = sum(c.complaint for c in CASES)
    assert len(CASES) >= 80
    assert 0.4 <= complaints / len(CASES) <= 0.6
    assert len({c.text for c in CASES}) == len(CASES)


def test_precision_and_recall_on_the_labelled_set() -> None:
    verdicts = [(c.complaint, check(c).complaint) for c in CASES]
    tp = sum(label and guess for label, guess in verdicts)
    fp = sum(guess and not label for label, guess in verdicts)
    fn = sum(label and not guess for label, guess in verdicts)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.9, f"precision {precision:.3f}"
    assert recall >= 0.85, f"recall {recall:.3f}"


# --- The domain stays pure -----------------------------------------------------------------------


def test_framing_modules_import_only_stdlib_and_the_domain() -> None:
    for path in sorted((DOMAIN / "framing").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                allowed = top in sys.stdlib_module_names or name.startswith("app.domain")
                assert allowed, f"{path.name} imports {name}"


@pytest.mark.parametrize(
    "text",
    [
        # The demo's played session captures this; round 7 held it as irony, which made
        # `roundtable serve --demo` fail when a colleague voted on it (held items are unseen).
        "Deals close without a billing contact, so Finance invoices by hand and cash arrives "
        "two weeks late.",
        "Support keeps the refund queue by hand and the backlog is now four days long.",
        "Ops has two spare scanners on hand; the Leeds site is still waiting for one.",
    ],
)
def test_work_senses_of_words_vader_rates_as_praise_are_no_irony(text: str) -> None:
    result = check_framing(text, team_names=("Finance", "Sales", "Support", "Ops"))
    assert not result.holds, result.reasons
    assert "irony" not in {r.code for r in result.reasons}


@pytest.mark.parametrize(
    ("text", "may_warn"),
    [
        # Held by rounds 5-7 alike: irony on "hands" (VADER's "hand", +2.2), mock praise on
        # "approved" (+1.8) with "month-end" as its twist. Plain butterfly observations.
        # Round 12: the first, with no number and no ask, may read like a complaint as a whole
        # and get a warning, built of soft signals only; it is never held.
        ("Sales hands work over late, so the next team waits.", True),
        ("Discounts approved late push month-end invoicing onto Finance.", False),
        (
            "Legal approves the free-text clauses on Fridays, so Sales hands contracts over late.",
            False,
        ),
    ],
)
def test_plain_butterfly_observations_with_work_senses_of_praise_words_are_not_flagged(
    text: str, may_warn: bool
) -> None:
    """Round 8: a word VADER rates as praise in a sense work English rarely means ("hands",
    "approved", "free") is no praise, tone or credit in any rule, in any of its forms."""
    result = check_framing(text, team_names=("Finance", "Sales", "Legal"))
    assert not result.holds, result.reasons
    assert may_warn or not result.complaint, result.reasons
    assert not {"irony", "mock_praise", "positive_tone"} & {
        r.code for r in (*result.reasons, *result.credits)
    }


def test_praise_nothing_undercuts_keeps_its_number_as_an_observation() -> None:
    """Round 8: opening praise of another team in a text that asks for nothing may be sarcasm,
    but when nothing in the text undercuts it (no negative word, twist or irony cue) its number
    still reads as an observation; with a twist it is sarcasm and the number earns nothing."""
    teams = ("Facilities", "Warehouse", "Ops")
    sincere = check_framing(
        "Thanks, Facilities, for moving 40 desks over the weekend; the Warehouse team started "
        "on Monday.",
        team_names=teams,
    )
    mocking = check_framing("Great job, Ops, shipping 40 of the wrong pallets.", team_names=teams)

    assert not sincere.complaint, sincere.reasons
    assert "specific_fact" in {c.code for c in sincere.credits}
    assert mocking.holds
    assert "specific_fact" not in {c.code for c in mocking.credits}
