"""Sentence vectors for the domain: a sentence encoder run by ONNX Runtime.

Used by the framing check's contextual reading (``framing.phrasing``, round 12): all-MiniLM-L6-v2
with int8 weights, as ``scripts/export_sentence_model.py`` exported it. A text's vector is the
mean of the encoder's last hidden state over its word pieces, normalised to length 1 (what
sentence-transformers does for this model). ONNX Runtime is a compiled inference library that does
no I/O here: it is given the model's bytes and the tokenizer's JSON, never a path or a hub name.

One thread per call (a capture is one short text; the server runs many requests at once), and
the same code path for training and the check, so a fitted weight reads the vector it was fitted
on. Running a session is thread-safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer


@dataclass(frozen=True)
class SentenceEncoder:
    """An encoder session and its tokenizer."""

    session: ort.InferenceSession
    tokenizer: Tokenizer
    inputs: tuple[str, ...]

    @classmethod
    def load(cls, model: bytes, tokenizer_json: str, max_pieces: int) -> SentenceEncoder:
        """The encoder from its ONNX bytes and ``tokenizer.json``; texts are read up to
        ``max_pieces`` word pieces (the rest is cut)."""
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_str(tokenizer_json)
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_pieces)
        return cls(session, tokenizer, tuple(i.name for i in session.get_inputs()))

    def vector(self, text: str) -> np.ndarray:
        """The text's mean-pooled, unit-length vector (float32)."""
        encoding = self.tokenizer.encode(text)
        given = {
            "input_ids": encoding.ids,
            "attention_mask": encoding.attention_mask,
            "token_type_ids": encoding.type_ids,
        }
        feed = {name: np.array([given[name]], dtype=np.int64) for name in self.inputs}
        hidden = np.asarray(self.session.run(None, feed)[0][0], dtype=np.float32)
        mean = hidden.mean(axis=0)
        norm = float(np.linalg.norm(mean))
        unit: np.ndarray = mean / norm if norm else mean
        return unit

    def score(self, text: str, weights: Sequence[float]) -> float:
        """The text's vector times ``weights`` (one per dimension): a linear reading of it."""
        return float(self.vector(text) @ np.asarray(weights, dtype=np.float32))
