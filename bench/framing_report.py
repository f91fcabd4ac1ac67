"""Precision/recall of the framing check on the labelled set.

Run from the repository root::

    python bench/framing_report.py

Prints overall precision, recall and F1, a confusion table, the same metrics per split (``dev``
was tuned on; each holdout split was written before the rules saw it, and
``tests/domain/framing_cases.py`` records its first-contact numbers), how often each signal fires
on each class, and every misclassified sentence with its score and reasons.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.domain.framing import COMPLAINT_THRESHOLD, FramingResult, check_framing  # noqa: E402
from tests.domain.framing_cases import CASES, LabelledCase  # noqa: E402


@dataclass(frozen=True)
class Confusion:
    """Counts of a binary classifier where "complaint" is the positive class."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def confusion(pairs: Sequence[tuple[LabelledCase, FramingResult]]) -> Confusion:
    """Tally human labels against the check's verdicts."""
    tally = Counter((case.complaint, result.complaint) for case, result in pairs)
    return Confusion(tally[True, True], tally[False, True], tally[True, False], tally[False, False])


def run() -> list[tuple[LabelledCase, FramingResult]]:
    """Check every labelled case with the context (names, next step) it carries."""
    return [
        (c, check_framing(c.text, people_names=c.people_names, next_step=c.next_step))
        for c in CASES
    ]


def print_report(pairs: Sequence[tuple[LabelledCase, FramingResult]]) -> None:
    """Print the whole report to stdout."""
    total = confusion(pairs)
    complaints = sum(c.complaint for c, _ in pairs)
    print(f"Framing check on {len(pairs)} labelled sentences ", end="")
    print(f"({complaints} complaint, {len(pairs) - complaints} constructive)")
    print(f"threshold: score >= {COMPLAINT_THRESHOLD}\n")
    print(f"precision {total.precision:.3f}   recall {total.recall:.3f}   F1 {total.f1:.3f}\n")

    print("confusion                 predicted complaint   predicted constructive")
    print(f"  actual complaint        {total.tp:>19}   {total.fn:>22}")
    print(f"  actual constructive     {total.fp:>19}   {total.tn:>22}\n")

    print("split         n   tp   fp   fn   tn  precision  recall     F1")
    for split in dict.fromkeys(c.split for c, _ in pairs):
        part = confusion([p for p in pairs if p[0].split == split])
        n = part.tp + part.fp + part.fn + part.tn
        print(
            f"{split:<10} {n:>4} {part.tp:>4} {part.fp:>4} {part.fn:>4} {part.tn:>4}"
            f"  {part.precision:>9.3f}  {part.recall:>6.3f}  {part.f1:>5.3f}"
        )

    print("\nsignal               on complaints  on constructive")
    fired = Counter(
        (code, c.complaint) for c, res in pairs for code in {r.code for r in res.reasons}
    )
    for code in sorted({code for code, _ in fired}):
        print(f"  {code:<20} {fired[code, True]:>12}  {fired[code, False]:>15}")

    wrong = [(c, r) for c, r in pairs if c.complaint != r.complaint]
    print(f"\nmisclassified: {len(wrong)}")
    for case, result in wrong:
        kind = "FN (missed complaint)" if case.complaint else "FP (false alarm)"
        codes = ", ".join(r.code for r in result.reasons) or "-"
        print(f"  [{kind}, {case.split}, score {result.score:.2f}] {case.text}")
        print(f"      reasons: {codes}")


if __name__ == "__main__":
    print_report(run())
