"""Choose the framing model's training hyper-parameters by leave-one-split-out over new authors.

Run from the repository root (dev extras: numpy, scipy)::

    .venv/bin/python bench/framing_sweep.py

Each author round written blind by an independent author (``NEW_AUTHORS``) is left out in turn:
a model is trained on every other development sentence (plus the legacy cases) with one choice of
class weight, L2 penalty and stem penalty, and scores the round left out. The figure of merit is
the worse of precision and recall, each averaged over the rounds left out: the best proxy this
repository has for an author the model has never read. Texts are featurised once; a verdict is
"the sum of weight × strength ≥ 1.0", as in ``check_framing`` (which rounds each reason to three
decimals; the report, not this sweep, gives the figures docs/FRAMING.md quotes).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_framing as training  # noqa: E402

from app.domain.framing.check import (  # noqa: E402
    IRONY_FEATURES,
    MAX_IRONIC_CREDIT,
    MAX_PHRASE_CREDIT,
    MAX_PHRASE_WEIGHT,
    MIN_PHRASE_WEIGHT,
)
from app.domain.framing.model import vader_valence  # noqa: E402

PHRASE = training.PHRASE_PREFIX

# The rounds written blind by independent authors (tests/data/framing/README.md, steps 10-45).
NEW_AUTHORS = (
    *("heldout4", "heldout5", "train6", "heldout6", "train7", "heldout7", "train8"),
    *("heldout8", "heldout9", "train10a", "train10b", "train10c", "train10d", "train10e"),
    *("train10f", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14"),
    *("heldout15", "heldout16", "heldout17", "heldout18", "heldout19", "heldout20"),
    *("heldout21", "heldout22", "heldout23", "heldout24", "heldout25", "heldout26"),
    *("heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32"),
    *("heldout33", "heldout34", "heldout35", "heldout36", "heldout37", "heldout38"),
)
# The default grid, around the values earlier rounds chose (2.5, 0.5, 4): each point is one fit
# per round in NEW_AUTHORS. Round 10's first pass swept (2.0, 2.5, 3.0) x (0.5, 1.0) x (4, 8), then
# this grid; its second pass, over fifteen rounds, swept the class weight alone:
# ``--complaint-weights 1.75,2.25,2.5,2.75,3.0 --l2 0.5 --stem-factors 4`` (docs/FRAMING.md).
COMPLAINT_WEIGHTS = (2.5, 3.0)
L2S = (0.25, 0.5)
STEM_FACTORS = (2.0, 4.0)
PHRASE_FACTORS = (training.PHRASE_L2_FACTOR,)


def verdicts(
    weights: Mapping[str, float],
    rows: Sequence[dict[str, float]],
    min_phrase: float,
    max_phrase: float = MAX_PHRASE_WEIGHT,
    max_credit: float = MAX_PHRASE_CREDIT,
    max_ironic: float = MAX_IRONIC_CREDIT,
) -> list[bool]:
    """Each row's verdict; its phrase score counts from ``min_phrase`` on, at most
    ``max_phrase`` for and ``max_credit`` against (``max_ironic`` in a text with unbacked irony),
    as in the check."""
    out = []
    for row in rows:
        phrase = sum(weights.get(f, 0.0) * v for f, v in row.items() if f.startswith(PHRASE))
        rest = sum(weights.get(f, 0.0) * v for f, v in row.items() if not f.startswith(PHRASE))
        phrase -= weights.get(training.PHRASE_OFFSET, 0.0)
        credit = max_ironic if IRONY_FEATURES & row.keys() else max_credit
        phrase = max(-credit, min(max_phrase, phrase)) if abs(phrase) >= min_phrase else 0.0
        out.append(rest + phrase >= 1.0)
    return out


def left_out(
    hyper: training.Hyper,
    samples: Sequence[training.Sample],
    rows: Sequence[dict[str, float]],
    valence: Mapping[str, float],
    limits: tuple[float, float, float, float] = (
        MIN_PHRASE_WEIGHT,
        MAX_PHRASE_WEIGHT,
        MAX_PHRASE_CREDIT,
        MAX_IRONIC_CREDIT,
    ),
) -> dict[str, tuple[float, float]]:
    """Precision and recall of each new author's round, scored by a model trained without it."""
    out: dict[str, tuple[float, float]] = {}
    for source in NEW_AUTHORS:
        train = [i for i, s in enumerate(samples) if s.source != source]
        test = [i for i, s in enumerate(samples) if s.source == source]
        weights = training.fit(
            [samples[i] for i in train], valence, hyper, rows=[rows[i] for i in train]
        )
        said = verdicts(weights, [rows[i] for i in test], *limits)
        truth = [samples[i].complaint for i in test]
        tp = sum(s and t for s, t in zip(said, truth, strict=True))
        out[source] = (tp / max(1, sum(said)), tp / max(1, sum(truth)))
    return out


def _floats(text: str) -> tuple[float, ...]:
    return tuple(float(x) for x in text.split(","))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--complaint-weights", type=_floats, default=COMPLAINT_WEIGHTS)
    parser.add_argument("--l2", type=_floats, default=L2S, help="comma-separated L2 penalties")
    parser.add_argument("--stem-factors", type=_floats, default=STEM_FACTORS)
    parser.add_argument("--phrase-factors", type=_floats, default=PHRASE_FACTORS)
    parser.add_argument("--min-phrase", type=_floats, default=(MIN_PHRASE_WEIGHT,))
    parser.add_argument("--max-phrase", type=_floats, default=(MAX_PHRASE_WEIGHT,))
    parser.add_argument("--max-credit", type=_floats, default=(MAX_PHRASE_CREDIT,))
    parser.add_argument("--max-ironic", type=_floats, default=(MAX_IRONIC_CREDIT,))
    args = parser.parse_args()
    valence = vader_valence()
    samples = training.training_set()
    rows = [training.featurize(s, valence) for s in samples]
    print(f"{len(samples)} samples; leave out each of {', '.join(NEW_AUTHORS)}")
    print(
        "complaint_weight   l2  stem_l2  phrase_l2  min/max/credit/ironic   mean P  mean R"
        "  worst round (min of P,R)   merit"
    )
    results = []
    grid = (args.complaint_weights, args.l2, args.stem_factors, args.phrase_factors)
    phrase_limits = list(
        itertools.product(args.min_phrase, args.max_phrase, args.max_credit, args.max_ironic)
    )
    for (cw, l2, sf, pf), lim in itertools.product(itertools.product(*grid), phrase_limits):
        scores = left_out(training.Hyper(l2, cw, sf, pf), samples, rows, valence, lim)
        p = sum(v[0] for v in scores.values()) / len(scores)
        r = sum(v[1] for v in scores.values()) / len(scores)
        worst = min(scores, key=lambda k: min(scores[k]))
        merit = min(p, r)
        results.append((merit, cw, l2, sf, pf, lim))
        print(
            f"{cw:16.2f} {l2:5.2f} {sf:7.1f} {pf:9.2f}  {'/'.join(f'{v:g}' for v in lim):>21}"
            f"   {p:.3f}   {r:.3f}   {worst:<10} "
            f"{min(scores[worst]):.3f}            {merit:.3f}",
            flush=True,
        )
    merit, cw, l2, sf, pf, lim = max(results)
    print(
        f"best: complaint_weight {cw}, l2 {l2}, stem_l2_factor {sf}, phrase_l2_factor {pf}, "
        f"phrase min/max/credit/ironic {lim} (merit {merit:.3f})"
    )


if __name__ == "__main__":
    main()
