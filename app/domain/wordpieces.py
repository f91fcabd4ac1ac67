"""Word pieces of a text, for the domain: a WordPiece tokenizer from Hugging Face ``tokenizers``.

Used by the framing check's phrase weights (``framing.phrasing``): the tokenizer of
all-MiniLM-L6-v2, as model2vec saved it when it distilled the phrase vectors. ``tokenizers`` is
a compiled library that does no I/O here: it is given the tokenizer's JSON as text, never a model
hub name. Encoding is thread-safe.
"""

from __future__ import annotations

from dataclasses import dataclass

from tokenizers import Tokenizer

UNKNOWN = "[UNK]"


@dataclass(frozen=True)
class WordPieces:
    """A tokenizer read from its JSON (``tokenizer.json``)."""

    tokenizer: Tokenizer
    unknown: int | None

    @classmethod
    def from_json(cls, text: str) -> WordPieces:
        tokenizer = Tokenizer.from_str(text)
        return cls(tokenizer, tokenizer.token_to_id(UNKNOWN))

    def split(self, text: str, limit: int) -> list[tuple[int, int, int]]:
        """``(piece id, start, end)`` of each of the first ``limit`` known pieces of ``text``;
        unknown pieces are dropped, as model2vec does when it embeds a text."""
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        found = zip(encoding.ids, encoding.offsets, strict=True)
        return [(p, start, end) for p, (start, end) in found if p != self.unknown][:limit]
