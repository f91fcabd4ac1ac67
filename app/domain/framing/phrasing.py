"""The tone of a text's wording as a whole: phrase weights from a distilled sentence embedding.

The span rules and word stems only know wording close to what the corpus holds; a new author's
idiom ("left holding the bag") or dry put-down carries none of it. So the check also reads the
text through a static embedding distilled from all-MiniLM-L6-v2 (``scripts/distill_phrasing.py``,
model2vec): the text's vector is the mean of its word pieces' vectors, and training fits a linear
weight on that vector beside the rule weights. A linear weight on a mean is the mean of each
piece's own weight, so training folds the vectors away and the model file keeps one weight per
word piece (``FramingModel.phrases``). At run time a text costs one tokenisation and a lookup,
and its phrase score splits exactly into the words it came from.

Round 12 adds a reading in context: static vectors know words, not word order ("left holding
the bag" is as plain as its words), so the check also runs the sentence encoder those vectors were
distilled from (``app.domain.sentences``, int8 over ONNX Runtime, ``sentence_model.onnx``) and
weighs its vector with 384 trained weights (``FramingModel.sentences``). Fitted together, the
two readings offset each other word by word, so the check adds them into one whole-text signal
with no span (``check._phrase``).

Pure given the tokenizers and the encoder, which are package data read once
(``importlib.resources``), like the model: no network, no model hub.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from app.domain.sentences import SentenceEncoder
from app.domain.wordpieces import WordPieces

TOKENIZER_RESOURCE: Final = "phrase_tokenizer.json"
SENTENCE_MODEL_RESOURCE: Final = "sentence_model.onnx"
SENTENCE_TOKENIZER_RESOURCE: Final = "sentence_tokenizer.json"
# A text is read up to this many word pieces (the teacher's own limit; captures are far shorter).
MAX_PIECES: Final = 512
# The encoder reads up to this many (its training length; the corpus' longest text has 51).
MAX_SENTENCE_PIECES: Final = 128


@dataclass(frozen=True)
class Word:
    """One word of the text (its word pieces joined) and its share of the phrase score."""

    start: int
    end: int
    weight: float


@cache
def tokenizer() -> WordPieces:
    """The word-piece tokenizer the phrase weights are indexed by (package data, read once)."""
    data = resources.files("app.domain.framing").joinpath("data", TOKENIZER_RESOURCE)
    return WordPieces.from_json(data.read_text("utf-8"))


@cache
def encoder() -> SentenceEncoder:
    """The sentence encoder of the reading in context (package data, loaded once)."""
    data = resources.files("app.domain.framing").joinpath("data")
    return SentenceEncoder.load(
        data.joinpath(SENTENCE_MODEL_RESOURCE).read_bytes(),
        data.joinpath(SENTENCE_TOKENIZER_RESOURCE).read_text("utf-8"),
        MAX_SENTENCE_PIECES,
    )


def in_context(text: str, weights: Sequence[float]) -> float:
    """The reading in context: the text's sentence vector times ``weights`` (0.0 without any)."""
    if not weights:
        return 0.0
    return encoder().score(text, weights)


def pieces(text: str) -> list[tuple[int, int, int]]:
    """``(piece id, start, end)`` of each word piece of ``text``, unknown pieces dropped (as
    model2vec does when it embeds a text)."""
    return tokenizer().split(text, MAX_PIECES)


def words(text: str, phrases: Sequence[float], offset: float = 0.0) -> list[Word]:
    """Each word's share of the phrase score: its pieces' weights, less ``offset`` each, over
    the text's piece count.

    The shares sum to the score (the mean of all piece weights less ``offset``: how much more
    the wording reads like a complaint than the average training text). Pieces that touch
    ("hoard" + "##s") make one word; punctuation is a word of its own.
    """
    found = pieces(text)
    if not found or not phrases:
        return []
    out: list[Word] = []
    for piece, start, end in found:
        share = (phrases[piece] - offset) / len(found)
        if out and start == out[-1].end and text[start].isalnum() and text[start - 1].isalnum():
            last = out[-1]
            out[-1] = Word(last.start, end, last.weight + share)
        else:
            out.append(Word(start, end, share))
    return out
