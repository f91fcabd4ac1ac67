"""Every sentence the demo writes reads as constructive: none is flagged by the framing check.

``roundtable serve --demo`` plays a session whose captures and agendas go through the check like
anyone's; a demo sentence the check holds or warns about makes the demo fail or look wrong (round
7 held "… Finance invoices by hand …" as irony, and the demo failed when a colleague voted on it).
"""

from __future__ import annotations

import pytest

from app.domain.framing.check import check_framing
from app.services.demo.agendas import DEMO_AGENDAS
from app.services.demo.played import CAPTURES
from app.services.demo.service import PEOPLE

NAMES = tuple(name for name, _, _ in PEOPLE)
DEPARTMENTS = tuple(sorted({department for _, department, _ in PEOPLE}))
# The demo's one agenda written as a complaint on purpose ("one flagged", an unfinished draft),
# so the facilitator sees what a flag looks like.
ON_PURPOSE = DEMO_AGENDAS["Lukas Novak"][3]


@pytest.mark.parametrize(
    ("text", "ask"),
    [(entry[1], entry[2]) for entry in DEMO_AGENDAS.values()]
    + [(entry[3], entry[6]) for entry in DEMO_AGENDAS.values() if entry[3] != ON_PURPOSE],
)
def test_no_demo_agenda_issue_is_flagged(text: str, ask: str) -> None:
    result = check_framing(text, people_names=NAMES, next_step=ask, team_names=DEPARTMENTS)
    assert not result.complaint, result.reasons


def test_the_demo_agenda_written_as_a_complaint_is_flagged() -> None:
    result = check_framing(ON_PURPOSE, people_names=NAMES, team_names=DEPARTMENTS)
    assert result.holds


@pytest.mark.parametrize("text", [capture[-1] for capture in CAPTURES])
def test_no_demo_capture_is_flagged(text: str) -> None:
    result = check_framing(text, people_names=NAMES, team_names=DEPARTMENTS)
    assert not result.complaint, result.reasons
