"""Round 13 of the framing check: three more authors' files as development data (held-out 15-17).

Retrained on them as they were, the model learned grammar words near the cut ("one", "off",
"without") as complaint words and dropped the coda's weight to zero, so plain sentences picked
up "loaded wording" reasons and "Careless." after a lost quote no longer showed as a reason
(docs/FRAMING.md, "Round 13").
"""

from __future__ import annotations

import pytest

from app.domain.framing.check import check_framing
from app.domain.framing.features import STEM_PREFIX, STEM_STOPWORDS
from app.domain.framing.model import default_model
from app.domain.framing.text import Doc, Party
from app.domain.stemming import stem

GRAMMAR_WORDS = ("one", "ones", "off", "over", "without", "after")


@pytest.mark.parametrize("word", GRAMMAR_WORDS)
def test_a_grammar_word_is_never_learned_as_loaded_wording(word: str) -> None:
    assert word in STEM_STOPWORDS
    assert STEM_PREFIX + stem(word) not in default_model().weights


@pytest.mark.parametrize(
    "text",
    [
        "Dmitri, which of the old ones should we switch off over the weekend?",
        "After the release, the new form goes live without the old fields.",
        "One of the two gates closes after six, so trucks queue over the road.",
    ],
)
def test_plain_sentences_made_of_grammar_words_name_none_of_them(text: str) -> None:
    result = check_framing(text, team_names=["Gate Operations"], people_names=["Dmitri"])
    named = {r.excerpt.lower() for r in result.reasons}
    assert not named & set(GRAMMAR_WORDS)


def test_a_closing_verdict_after_a_team_sentence_always_shows_as_a_reason() -> None:
    """The coda is held, not learned: with held-out 15-17 the fit had set it to zero, and the
    one word that makes "Careless." a verdict on Procurement vanished from the reasons."""
    assert default_model().weights["form:coda"] == pytest.approx(0.15)
    text = "Procurement lost the signed quote twice this month. Careless."
    result = check_framing(text, team_names=["Procurement"])
    assert result.complaint
    assert ("coda", "Careless") in {(r.code, r.excerpt) for r in result.reasons}
    # Other closing verdicts show too, under whichever reason reads them first.
    for coda in ("Typical", "Pathetic", "Unbelievable"):
        text = f"Procurement lost the signed quote twice this month. {coda}."
        excerpts = {r.excerpt.rstrip(".") for r in check_framing(text).reasons}
        assert coda in excerpts
    ours = check_framing("We missed the cut-off on Monday. Careless.", team_names=["Procurement"])
    assert "coda" not in {r.code for r in ours.reasons}


TEAMS = ["Manufacturing Engineering (ME)", "Special Investigations Unit (SIU)", "Purchasing"]


@pytest.mark.parametrize(
    ("text", "team"),
    [
        ("ME hoards the spare torque guns like they're family heirlooms.", "ME"),
        ("SIU sat on the fraud referral for a month.", "SIU"),
    ],
)
def test_a_team_written_by_the_short_form_in_its_name_is_a_team(text: str, team: str) -> None:
    """A session's department "Manufacturing Engineering (ME)" is written "ME": blame aimed at
    it is blame, not the speaker owning the problem (held-out 19 read "ME" as "me")."""
    result = check_framing(text, team_names=TEAMS)
    assert result.complaint
    assert "blame" in {r.code for r in result.reasons}
    assert team not in {c.excerpt for c in result.credits if c.code == "owns_it"}


def test_the_speaker_in_lower_case_or_outside_the_session_is_still_the_speaker() -> None:
    def party(text: str, word: str, teams: list[str]) -> Party:
        doc = Doc(text, (), teams)
        return doc.party_of(next(t for t in doc.tokens if t.text == word))

    assert party("Send it to ME please.", "ME", TEAMS) is Party.OTHER
    assert party("Send it to me please.", "me", TEAMS) is Party.SELF
    # Without a session team "ME", capitals are the speaker shouting, as before.
    assert party("Send it to ME please.", "ME", ["Purchasing"]) is Party.SELF
    ours = check_framing("Me and my team missed the cut-off on Monday.", team_names=TEAMS)
    assert "owns_it" in {c.code for c in ours.credits}
