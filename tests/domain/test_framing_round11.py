"""Rounds 11 and 12 of the framing check: the wording as a whole.

A new author's idiom or put-down carries no listed phrase and no learned stem; the phrase weights
(one per word piece, distilled from all-MiniLM-L6-v2; round 11) and the reading in context (the
encoder itself, int8 over ONNX Runtime; round 12), fitted beside the rules, read it anyway, and the
check still explains itself: one ``phrasing`` reason (or ``plain_phrasing`` credit) for the text
as a whole, whose weight is the static words' shares plus the reading in context. None of the
sentences below is in the corpus.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from app.domain.framing import phrasing
from app.domain.framing.check import (
    COMPLAINT_THRESHOLD,
    MAX_PHRASE_WEIGHT,
    MIN_PHRASE_WEIGHT,
    PHRASING,
    PLAIN_PHRASING,
    FramingResult,
    Reason,
    check_framing,
)
from app.domain.framing.model import default_model, vader_valence
from tests.domain.framing_checks import checked

ROOT = Path(__file__).resolve().parents[2]


BARE = dataclasses.replace(default_model(), phrases=(), sentences=())


def _phrase(result: FramingResult) -> Reason:
    (found,) = [r for r in (*result.reasons, *result.credits) if "phrasing" in r.code]
    return found


def _wording(text: str) -> float:
    """The unrounded, uncapped wording score: the static words' shares plus the reading in
    context."""
    model = default_model()
    static = sum(w.weight for w in phrasing.words(text, model.phrases, model.phrase_offset))
    return static + phrasing.in_context(text, model.sentences)


def test_an_unlisted_put_down_is_flagged_by_its_wording_as_a_whole() -> None:
    """Without the wording this scores under the line: no rule or stem knows "a feature we have
    never heard of". The reason names the text as a whole, not one word of it."""
    text = "Marketing promised the customer a feature we have never heard of."
    result = checked(text)
    assert result.complaint
    reason = _phrase(result)
    assert (reason.code, reason.excerpt, reason.start, reason.end) == (PHRASING, "", -1, -1)
    assert reason.message.startswith("The wording as a whole reads like other complaints")
    without = check_framing(text, model=BARE)
    assert not without.complaint
    assert PHRASING not in {r.code for r in without.reasons}


def test_bad_news_told_plainly_gets_a_plain_phrasing_credit() -> None:
    result = checked("We lost two renewals after the outage; can we review the failover plan?")
    assert not result.complaint
    credit = _phrase(result)
    assert credit.code == PLAIN_PHRASING
    assert credit.weight <= -MIN_PHRASE_WEIGHT
    assert credit.message == "The wording as a whole reads like a plain observation."


def test_the_wording_weighs_the_static_shares_plus_the_reading_in_context() -> None:
    model = default_model()
    text = "Procurement hoards the templates and nobody else can edit them."
    words = phrasing.words(text, model.phrases, model.phrase_offset)
    assert [text[w.start : w.end] for w in words][:3] == ["Procurement", "hoards", "the"]
    assert len(phrasing.pieces("hoards")) > 1  # "ho", "##ards": one word, two pieces
    score = round(_wording(text), 3)
    assert abs(score) >= MIN_PHRASE_WEIGHT
    # One signal is never a verdict: the wording counts at most MAX_PHRASE_WEIGHT for a
    # complaint; as a credit it is not capped.
    assert [_phrase(checked(text)).weight] == [min(MAX_PHRASE_WEIGHT, score)]


@pytest.mark.parametrize(
    ("text", "teams"),
    [
        # Round 16: the demo agenda's butterfly sentence, this test's case until round 15, reads
        # 0.39 through the two-layer reader, under the cap, so it no longer shows the cap. These
        # are constructive rows of the development data whose wording alone reads past the line.
        (
            "The Comms strategy is ambitious - we would like to see the budget behind it.",
            ("Waste Collection", "Planning", "Housing", "Parks", "Comms"),
        ),
        (
            "Customer Care's new outage scripts are plain, warm and accurate.",
            ("Grid Control", "Distribution Operations", "Customer Care", "Metering Services"),
        ),
    ],
)
def test_wording_that_merely_sounds_like_complaints_never_flags_alone(
    text: str, teams: tuple[str, ...]
) -> None:
    """Texts whose wording reads like complaints: uncapped, the wording alone would carry them
    over the line; it counts at most MAX_PHRASE_WEIGHT, so they stay under it."""
    wording = _wording(text)
    result = check_framing(text, team_names=teams)
    assert [r.weight for r in result.reasons if r.code == PHRASING] == [MAX_PHRASE_WEIGHT]
    assert {r.code for r in result.reasons} <= {PHRASING, "no_next_step"}
    assert result.score - MAX_PHRASE_WEIGHT + wording >= COMPLAINT_THRESHOLD
    assert not result.complaint


def test_a_phrase_score_near_zero_is_neither_shown_nor_counted() -> None:
    """Every piece weighed ``offset + d`` gives the text a phrase score of exactly ``d``: below
    MIN_PHRASE_WEIGHT it changes nothing; above it, it is shown and counted as it is."""
    model = default_model()
    text = "Could we agree a cut-off date with Finance?"
    bare = check_framing(text, model=BARE)

    def flat(d: float) -> FramingResult:
        phrases = (model.phrase_offset + d,) * len(model.phrases)
        return check_framing(text, model=dataclasses.replace(model, phrases=phrases, sentences=()))

    quiet = flat(MIN_PHRASE_WEIGHT - 0.05)
    assert (quiet.score, quiet.reasons, quiet.credits) == (bare.score, bare.reasons, bare.credits)
    shown = flat(MIN_PHRASE_WEIGHT + 0.05)
    assert [r.weight for r in shown.reasons if r.code == PHRASING] == [MIN_PHRASE_WEIGHT + 0.05]
    assert shown.score == pytest.approx(bare.score + MIN_PHRASE_WEIGHT + 0.05)
    assert PLAIN_PHRASING in {c.code for c in flat(-MIN_PHRASE_WEIGHT - 0.05).credits}


def test_the_check_scores_a_text_as_training_does() -> None:
    """Training fits weights on each text's mean piece vector and on its sentence vector; the
    model keeps one weight per piece and the sentence weights. The folding is exact: a freshly
    fitted model's wording score equals the fitted weights times the text's vectors, less the
    offset."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_framing as training

    valence = vader_valence()
    samples = training.development_set()[::4]
    weights = training.fit(samples, valence)
    model = training.to_model(weights, valence)
    for text in (
        "Ops washed its hands of the migration.",
        "Warehouse picked 4,000 orders on Saturday with two people out sick.",
    ):
        vector = training.phrase_features(text) | training.sentence_features(text)
        assert any(f.startswith(training.SENTENCE_PREFIX) for f in vector)
        fitted = sum(weights[f] * v for f, v in vector.items()) - weights[training.PHRASE_OFFSET]
        folded = sum(w.weight for w in phrasing.words(text, model.phrases, model.phrase_offset))
        folded += phrasing.in_context(text, model.sentences)
        assert folded == pytest.approx(fitted, abs=2e-3)
        assert abs(fitted) > 0.01
