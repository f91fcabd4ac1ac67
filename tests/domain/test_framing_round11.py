"""Round 11 of the framing check: the wording as a whole, read through distilled phrase weights.

A new author's idiom or put-down carries no listed phrase and no learned stem; the phrase weights
(one per word piece, distilled from all-MiniLM-L6-v2 and fitted beside the rules; docs/FRAMING.md
"Round 11") read it anyway, and the check still explains itself: one ``phrasing`` reason (or
``plain_phrasing`` credit) whose weight is the sum of each word's share and whose span is the
word that moved it most. None of the sentences below is in the corpus.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from app.domain.framing import phrasing
from app.domain.framing.check import (
    MAX_PHRASE_WEIGHT,
    MIN_PHRASE_WEIGHT,
    PHRASING,
    PLAIN_PHRASING,
    FramingResult,
    check_framing,
)
from app.domain.framing.model import default_model, vader_valence
from tests.domain.framing_checks import checked

ROOT = Path(__file__).resolve().parents[2]


def _phrase(result: FramingResult) -> tuple[str, str]:
    (found,) = [
        (r.code, r.excerpt) for r in (*result.reasons, *result.credits) if "phrasing" in r.code
    ]
    return found


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Facilities only turns up after the horse has bolted.", "horse"),
        ("Marketing promised the customer a feature we have never heard of.", "promised"),
    ],
)
def test_an_unlisted_put_down_is_flagged_by_its_wording_and_says_which_word(
    text: str, word: str
) -> None:
    """Without the phrase weights these score under the line: no rule or stem knows them."""
    result = checked(text)
    assert result.complaint
    assert _phrase(result) == (PHRASING, word)
    without = check_framing(text, model=dataclasses.replace(default_model(), phrases=()))
    assert not without.complaint
    assert PHRASING not in {r.code for r in without.reasons}


def test_bad_news_told_plainly_gets_a_plain_phrasing_credit() -> None:
    result = checked("We lost two renewals after the outage; can we review the failover plan?")
    assert not result.complaint
    code, word = _phrase(result)
    assert code == PLAIN_PHRASING
    assert word in result.credits[[c.code for c in result.credits].index(code)].message


def test_each_words_share_sums_to_the_phrase_score_and_joins_its_pieces() -> None:
    model = default_model()
    text = "Procurement hoards the templates and nobody else can edit them."
    words = phrasing.words(text, model.phrases, model.phrase_offset)
    assert [text[w.start : w.end] for w in words][:3] == ["Procurement", "hoards", "the"]
    assert len(phrasing.pieces("hoards")) > 1  # "ho", "##ards": one word, two pieces
    score = round(sum(w.weight for w in words), 3)
    assert abs(score) >= MIN_PHRASE_WEIGHT
    reason = [r for r in (*checked(text).reasons, *checked(text).credits) if "phrasing" in r.code]
    # One signal is never a verdict: the wording counts at most MAX_PHRASE_WEIGHT for a
    # complaint; as a credit it is not capped.
    assert [r.weight for r in reason] == [min(MAX_PHRASE_WEIGHT, score)]


def test_wording_that_merely_sounds_like_complaints_never_flags_alone() -> None:
    """A demo agenda's butterfly sentence: its words read like complaints (phrase score > 1),
    but the wording counts at most MAX_PHRASE_WEIGHT, so it stays under the line."""
    text = (
        "When we promise custom onboarding to close a deal, the promise lands on Customer "
        "Success without the details, and they discover it at kick-off."
    )
    model = default_model()
    raw = sum(w.weight for w in phrasing.words(text, model.phrases, model.phrase_offset))
    assert raw > MAX_PHRASE_WEIGHT
    ask = "Add a structured handover note to the deal record, reviewed in the weekly pipeline call."
    result = check_framing(text, next_step=ask, team_names=["Customer Success", "Sales"])
    assert [r.weight for r in result.reasons if r.code == PHRASING] == [MAX_PHRASE_WEIGHT]
    assert not result.complaint


def test_a_phrase_score_near_zero_is_neither_shown_nor_counted() -> None:
    """Every piece weighed ``offset + d`` gives the text a phrase score of exactly ``d``: below
    MIN_PHRASE_WEIGHT it changes nothing; above it, it is shown and counted as it is."""
    model = default_model()
    text = "Could we agree a cut-off date with Finance?"
    bare = check_framing(text, model=dataclasses.replace(model, phrases=()))

    def flat(d: float) -> FramingResult:
        phrases = (model.phrase_offset + d,) * len(model.phrases)
        return check_framing(text, model=dataclasses.replace(model, phrases=phrases))

    quiet = flat(MIN_PHRASE_WEIGHT - 0.05)
    assert (quiet.score, quiet.reasons, quiet.credits) == (bare.score, bare.reasons, bare.credits)
    shown = flat(MIN_PHRASE_WEIGHT + 0.05)
    assert [r.weight for r in shown.reasons if r.code == PHRASING] == [MIN_PHRASE_WEIGHT + 0.05]
    assert shown.score == pytest.approx(bare.score + MIN_PHRASE_WEIGHT + 0.05)
    assert PLAIN_PHRASING in {c.code for c in flat(-MIN_PHRASE_WEIGHT - 0.05).credits}


def test_the_check_scores_a_text_as_training_does() -> None:
    """Training fits weights on each text's mean piece vector; the model keeps one weight per
    piece. The folding is exact: a freshly fitted model's phrase score equals the fitted
    weights times the text's vector, less the offset."""
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
        vector = training.phrase_features(text)
        fitted = sum(weights[f] * v for f, v in vector.items()) - weights[training.PHRASE_OFFSET]
        folded = sum(w.weight for w in phrasing.words(text, model.phrases, model.phrase_offset))
        assert folded == pytest.approx(fitted, abs=2e-3)
        assert abs(fitted) > 0.01
