"""Every blind first contact of the framing check, scored again by the code and model of its round.

Run from the repository root, in a clone with its history (dev extras, as for the report)::

    .venv/bin/python bench/framing_first_contacts.py            # rounds 13-20 and pooled
    .venv/bin/python bench/framing_first_contacts.py --since 16

Since round 13, each round's held-out files were written blind, waited sealed while the round was
built, and were scored once, by ``bench/framing_report.py``, after the round's model was committed
(tests/data/framing/README.md, docs/FRAMING.md "First contact, round by round"). One blind set of
900 texts moves a figure by a text or two, so a single round says little about the next author.
This script checks out each round's model commit into a temporary git worktree, scores that
round's held-out files with that commit's ``check_framing`` (the departments their authors
listed, as the report passed them), and prints each round and all of them pooled, per voice,
against #22's goals. Every text is scored by a model that had never been trained on it and code
that had never been tuned on it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

import framing_report as report  # noqa: E402
import train_framing as training  # noqa: E402

DATA = ROOT / "tests" / "data" / "framing"

# (round, the commit that shipped the round's model, the held-out files it met first)
FIRST_CONTACTS: tuple[tuple[int, str, tuple[int, ...]], ...] = (
    (13, "85ec4ae", (18, 19, 20)),
    (14, "cfd950d", (21, 22, 23)),
    (15, "2eae3e3", (24, 25, 26)),
    (16, "b541b69", (27, 28, 29)),
    (17, "4358b3d", (30, 31, 32)),
    (18, "a4c9a01", (33, 34, 35)),
    (19, "ab1c4b9", (36, 37, 38)),
    (20, "75f4e8d", (39, 40, 41)),
)

# Run inside the round's worktree: its own ``app`` package and shipped model score the texts.
SCORER = """
import json, sys
sys.path.insert(0, sys.argv[1])
from app.domain.framing.check import check_framing
job = json.load(sys.stdin)
said = [
    check_framing(r["text"], people_names=r.get("people_names", ()), next_step=r.get("next_step"),
                  team_names=job["teams"][r["file"]]).complaint
    for r in job["rows"]
]
json.dump(said, sys.stdout)
"""


@dataclass(frozen=True)
class Text:
    voice: str
    complaint: bool


@dataclass(frozen=True)
class Verdict:
    complaint: bool


def session_teams() -> dict[str, list[str]]:
    """Each held-out file's departments, as its author listed them (development or unseen)."""
    teams = {path.name: list(names) for path, names in training.SEEN_SPLITS}
    teams |= {split.path.name: list(split.teams) for split in report.unseen_splits([], ())}
    return teams


def score_round(commit: str, numbers: tuple[int, ...], teams: dict[str, list[str]]) -> list[Any]:
    """(text, verdict) pairs for ``numbers``' held-out files, scored by ``commit``'s check."""
    rows = []
    for n in numbers:
        name = f"heldout{n}.jsonl"
        for line in (DATA / name).read_text("utf-8").splitlines():
            if line.strip():
                rows.append({**json.loads(line), "file": name})
    with tempfile.TemporaryDirectory(prefix="first-contact-") as tmp:
        tree = Path(tmp) / commit
        git = ["git", "-C", str(ROOT)]
        subprocess.run([*git, "worktree", "add", "--detach", "-q", str(tree), commit], check=True)
        try:
            out = subprocess.run(
                [sys.executable, "-c", SCORER, str(tree)],
                input=json.dumps({"rows": rows, "teams": teams}),
                capture_output=True,
                text=True,
                check=True,
                cwd=tree,
            ).stdout
        finally:
            subprocess.run([*git, "worktree", "remove", "--force", str(tree)], check=True)
    said = json.loads(out)
    return [
        (Text(r["voice"], r["label"] == "complaint"), Verdict(s))
        for r, s in zip(rows, said, strict=True)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--since", type=int, default=FIRST_CONTACTS[0][0], help="first round")
    args = parser.parse_args()
    teams = session_teams()
    pooled: list[Any] = []
    summary = []
    for number, commit, files in FIRST_CONTACTS:
        if number < args.since:
            continue
        pairs = score_round(commit, files, teams)
        pooled += pairs
        t = report.tally(pairs)
        negative = report.tally(p for p in pairs if p[0].voice == "constructive_negative")
        summary.append((number, commit, files, t, negative))
        report.print_table(
            f"round {number}: held-out {files[0]}-{files[-1]} at first contact ({commit})",
            cast(Any, pairs),
        )
    first, last = summary[0][0], summary[-1][0]
    report.print_table(f"rounds {first}-{last} pooled ({len(pooled)} texts)", cast(Any, pooled))
    print("\nround  held-out  model     precision  recall  constructive-negative flagged")
    for number, commit, files, t, negative in summary:
        print(
            f"{number:>5}  {files[0]}-{files[-1]:<6} {commit}   {t.precision:9.3f}  {t.recall:6.3f}"
            f"  {negative.fp} of {negative.n}"
        )


if __name__ == "__main__":
    main()
