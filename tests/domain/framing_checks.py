"""One call that runs the framing check and asserts what every result must hold."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from app.domain.framing.check import FramingResult, check_framing, gather_evidence
from app.domain.framing.model import default_model


def checked(
    text: str, *, people_names: Sequence[str] = (), team_names: Sequence[str] = ()
) -> FramingResult:
    """``check_framing``'s result, after asserting that its score is the sum of what it shows
    (reasons and credits) and that every span quotes the text exactly."""
    result = check_framing(text, people_names=people_names, team_names=team_names)
    assert result.score == pytest.approx(
        sum(r.weight for r in (*result.reasons, *result.credits)), abs=1e-6
    )
    for r in (*result.reasons, *result.credits):
        if r.start >= 0:
            assert text[r.start : r.end] == r.excerpt
    return result


def features(text: str) -> set[str]:
    """The model features ``text``'s evidence is weighed as (``rule:passive_aggressive|plain``,
    ``stem:onli``, …), with the shipped model's vocabulary."""
    model = default_model()
    _, found = gather_evidence(text, (), None, valence=model.valence, known=model.weights)
    return {e.feature for e in found}


def codes(text: str) -> list[tuple[str, str]]:
    """Each reason of ``checked(text)`` as (code, excerpt)."""
    return [(r.code, r.excerpt) for r in checked(text).reasons]
