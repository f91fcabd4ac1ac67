"""The learned weights of the framing check and the sentiment lexicon they read, as one value.

A ``FramingModel`` is plain data: feature weights (in threshold units: a text whose evidence sums
to 1.0 reads as a complaint), one phrase weight per word piece and one weight per dimension of the
sentence encoder (``framing.phrasing``) and the
VADER valence of each word. ``check_framing`` takes one as
an argument, so the domain stays pure and a training run or a cross-validation fold can score
with a model it just fitted. ``default_model()`` builds the shipped one once, from package data:
the weights file written by ``scripts/train_framing.py``
(``app/domain/framing/data/framing_model.json``)
and the lexicon that the ``vaderSentiment`` package ships. Both are read through
``importlib.resources``, so nothing is fetched and the wheel carries everything.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Final

from app.domain.framing.lexicon import WORK_SENSES, WORK_VALENCE
from app.domain.framing.reading import MIN_STEMMED_LENGTH, STEM_KEY
from app.domain.stemming import stem

MODEL_RESOURCE: Final = "framing_model.json"
# Format 2 (round 11) adds ``phrase_weights``: one weight per word piece of the phrase tokenizer.
# Format 3 (round 12) adds ``sentence_weights``: one per dimension of the sentence encoder.
MODEL_FORMAT: Final = 3


@dataclass(frozen=True)
class FramingModel:
    """Feature weights and the lexicon they need.

    Attributes:
        version: the weights file's version, bumped by every training run that changes them.
        weights: feature -> weight, already divided by the decision threshold.
        valence: word -> VADER valence (-4 .. +4).
        phrases: word-piece id -> phrase weight; a text's phrase score is the mean over its
            pieces less ``phrase_offset`` (``framing.phrasing``). Empty: no phrasing is read.
        phrase_offset: the wording score of the average training text (both readings), so
            that a text's score says how much more (or less) its wording reads like a complaint.
        sentences: the weights of the reading in context, one per dimension of the sentence
            encoder's vector (``framing.phrasing.in_context``). Empty: no encoder is run.
    """

    version: str
    weights: Mapping[str, float]
    valence: Mapping[str, float]
    phrases: Sequence[float] = ()
    phrase_offset: float = 0.0
    sentences: Sequence[float] = ()

    def weight(self, feature: str) -> float:
        """The weight of ``feature`` (0.0 when the model never learned it)."""
        return self.weights.get(feature, 0.0)


def parse_valence(text: str) -> dict[str, float]:
    """VADER's ``vader_lexicon.txt``: ``token<TAB>mean<TAB>sd<TAB>ratings`` per line."""
    valence: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            valence[parts[0].lower()] = float(parts[1])
    return valence


def parse_model(text: str, valence: Mapping[str, float]) -> FramingModel:
    """A model from the JSON written by the training script.

    Raises:
        ValueError: the file is of another format or holds a non-numeric weight.
    """
    data = json.loads(text)
    if data.get("format") != MODEL_FORMAT:
        raise ValueError(f"framing model format {data.get('format')!r}, expected {MODEL_FORMAT}")
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    phrases = tuple(float(v) for v in data.get("phrase_weights", ()))
    return FramingModel(
        str(data["version"]),
        MappingProxyType(weights),
        MappingProxyType(dict(valence)),
        phrases,
        float(data.get("phrase_offset", 0.0)),
        tuple(float(v) for v in data.get("sentence_weights", ())),
    )


def vader_valence() -> dict[str, float]:
    """The VADER lexicon shipped inside the ``vaderSentiment`` package, plus the work words it
    lacks (``framing_lexicon.WORK_VALENCE``; VADER's own rating wins where both have one), less
    the words whose rating is for a sense work English rarely means (``lexicon.WORK_SENSES``)."""
    lexicon = resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
    rated = with_stems({**WORK_VALENCE, **parse_valence(lexicon.read_text(encoding="utf-8"))})
    return plain_work_senses(rated)


def plain_work_senses(valence: Mapping[str, float]) -> dict[str, float]:
    """``valence`` with each word of ``WORK_SENSES`` and every form sharing its Snowball stem
    rated 0 (round 8): "Sales hands work over late" holds no praise for irony to undercut, and
    "approved" is no credit. A rating of 0 is no tone, no praise and no credit in any rule."""
    out = dict(valence)
    for word in WORK_SENSES:
        out[word] = 0.0
        if len(word) >= MIN_STEMMED_LENGTH:
            out[STEM_KEY + stem(word)] = 0.0
    return out


def with_stems(valence: Mapping[str, float]) -> dict[str, float]:
    """``valence`` plus, per Snowball stem, the mean rating of the words that share it
    (``"~forget"`` from "forget" and "forgotten"), so "forgets" gets a rating too."""
    by_stem: dict[str, list[float]] = {}
    for word, score in valence.items():
        if len(word) >= MIN_STEMMED_LENGTH and not word.startswith(STEM_KEY):
            by_stem.setdefault(STEM_KEY + stem(word), []).append(score)
    stems = {key: round(sum(v) / len(v), 3) for key, v in by_stem.items()}
    return {**stems, **valence}


@cache
def default_model() -> FramingModel:
    """The shipped model, read from package data on first use and kept."""
    text = resources.files("app.domain.framing").joinpath("data", MODEL_RESOURCE).read_text("utf-8")
    return parse_model(text, vader_valence())
