"""Round 12 of the framing check: the text read in context by the sentence encoder.

The static phrase weights of round 11 are a mean over word pieces, so they cannot tell word order:
"the bag was left holding us" weighs what "left us holding the bag" weighs. The encoder reads the
whole sentence (all-MiniLM-L6-v2, int8, run by ONNX Runtime from package data) and the model
weighs its vector (docs/FRAMING.md, "Round 12").
"""

from __future__ import annotations

import json
from importlib import resources

import numpy as np
import pytest

from app.domain.framing import phrasing
from app.domain.framing.model import MODEL_FORMAT, default_model, parse_model, vader_valence


def _static(text: str) -> float:
    model = default_model()
    return sum(w.weight for w in phrasing.words(text, model.phrases, model.phrase_offset))


@pytest.mark.parametrize(
    ("text", "shuffled"),
    [
        # Round 16: the two-layer reader reads round 12's shuffle ("On the vendor contract the
        # bag left us holding Procurement.") 0.03 apart; these swap who did what to whom.
        (
            "Procurement left us holding the bag on the vendor contract.",
            "The bag on the vendor contract left Procurement holding us.",
        ),
        (
            "Ops hung us out to dry in front of the client.",
            "The client hung Ops out to dry in front of us.",
        ),
    ],
)
def test_the_reading_in_context_tells_word_order_the_static_weights_cannot(
    text: str, shuffled: str
) -> None:
    assert _static(text) == pytest.approx(_static(shuffled), abs=1e-9)
    weights = default_model().sentences
    assert abs(phrasing.in_context(text, weights) - phrasing.in_context(shuffled, weights)) > 0.1


def test_a_sentence_vector_is_unit_length_and_the_same_every_time() -> None:
    encoder = phrasing.encoder()
    first = encoder.vector("Finance closes the books on the fifth working day.")
    again = encoder.vector("Finance closes the books on the fifth working day.")
    assert first.shape == (len(default_model().sentences),) == (384,)
    assert float(np.linalg.norm(first)) == pytest.approx(1.0, abs=1e-5)
    assert np.array_equal(first, again)


def test_a_long_text_is_read_up_to_the_encoders_limit() -> None:
    """A pasted essay is cut at MAX_SENTENCE_PIECES word pieces, not refused: whatever follows
    the cut changes nothing."""
    head = "Invoices from Sales arrive without a purchase order number. " * 40
    encoder = phrasing.encoder()
    assert len(encoder.tokenizer.encode(head).ids) == phrasing.MAX_SENTENCE_PIECES
    assert np.array_equal(encoder.vector(head), encoder.vector(head + "Sales is hopeless."))


def test_the_shipped_model_weighs_the_encoders_vector() -> None:
    document = json.loads(
        resources.files("app.domain.framing").joinpath("data", "framing_model.json").read_text()
    )
    assert document["format"] == MODEL_FORMAT == 3
    assert len(document["sentence_weights"]) == 384
    assert any(w != 0 for w in document["sentence_weights"])


def test_a_model_file_of_an_older_format_is_refused() -> None:
    older = json.dumps({"format": 2, "version": "2.x", "weights": {}})
    with pytest.raises(ValueError, match="format 2"):
        parse_model(older, vader_valence())
