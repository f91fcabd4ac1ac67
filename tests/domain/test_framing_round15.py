"""Round 15 of the framing check: held-out 21-23 as development data, and what their false flags
showed (docs/FRAMING.md, "Round 15").

- Words VADER rates negative in a sense work English rarely means ("penalty rates", "storage
  charges", "the empties count", "flagged the heatwave risk", "the rail cut-off") read as tone.
- A remedy reached only three words: "found the hoist brake fault" left "fault" as something
  done to us, and made the colleague who found it the culprit (``named_subject``).
- Thanks beside an outcome that helped ("That really helped.", "made a real difference", "the
  pasteuriser is running again") was weighed as sarcasm with nothing to back it.
- A question that asks what another team needs, or says why it is asked ("…, so we know whom to
  call?"), was read as a loaded question.
"""

from __future__ import annotations

import pytest

from app.domain.framing import context, features, forms
from app.domain.framing import lexicon as lex
from app.domain.framing.check import check_framing
from app.domain.framing.model import vader_valence
from app.domain.framing.text import Doc

VALENCE = vader_valence()


def _toned(text: str, teams: tuple[str, ...] = ()) -> list[str]:
    doc = Doc(text, [], teams)
    return [text[e.start : e.end] for e in features.tone(doc, VALENCE)]


def _forms(text: str, teams: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> set[str]:
    doc = Doc(text, names, teams)
    return {e.code for e in forms.evidence(doc, VALENCE, asks=False)}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Payroll penalty rates fixed.", "penalty"),
        ("Billing sends the storage charges every Monday.", "charges"),
        ("Depot Moerhaven sends the empties count at noon.", "empties"),
        ("Demand Planning flagged the heatwave risk in May.", "risk"),
        ("The kick-off moved to Monday.", "kick"),
        ("Wouter moved the rail cut-off to 16:00.", "cut"),
    ],
)
def test_a_word_of_the_trade_is_no_negative_tone(text: str, word: str) -> None:
    assert word not in _toned(text)


def test_the_same_words_keep_their_tone_where_they_mean_harm() -> None:
    assert "waste" in _toned("Finance made a waste of the whole quarter.")
    assert "cut" in _toned("Sales cut us out of the pricing call.")
    assert "empty" in _toned("Marketing made empty promises to the stores.")


def test_a_remedy_reaches_over_a_compound_noun_but_not_over_a_clause() -> None:
    """ "found the hoist brake fault" deals with the fault (four words on, beyond a negator's
    three); "found the contract was wrong" is a discovery, "caught us out with a terrible
    contract" a harm, and a comma ends the remedy's clause."""
    assert "fault" not in _toned("Tunde found the hoist brake fault on Crane 2.")
    assert "problem" not in _toned("Thandiwe flagged the Paarl heatwave problem early.")
    assert "wrong" in _toned("We found the signed contract was wrong again.")
    assert "terrible" in _toned("Legal caught us out with a terrible contract.")
    assert "wrong" in _toned("QA flagged it, wrong labels again.")


def test_a_named_colleague_who_helped_is_not_the_subject_of_a_grievance() -> None:
    names = ("Morag",)
    helped = (
        "Morag in Credit Control called me before putting the Harbour Inn on stop. "
        "That really helped."
    )
    assert "named_subject" not in _forms(helped, ("Credit Control",), names)
    harmed = "Morag in Credit Control put the Harbour Inn on stop without calling me."
    assert "named_subject" in _forms(harmed, ("Credit Control",), names)
    # An outcome elsewhere does not excuse neglect in the subject's own sentence.
    mended = "Morag cancelled our order without telling anyone. Sorted it myself, that helped."
    assert "named_subject" in _forms(mended, ("Credit Control",), names)


@pytest.mark.parametrize(
    "text",
    [
        "Cheers, Workforce Planning, the extra straddle driver on nights made a real difference.",
        "Thank you to Engineering, they came in the night and the pasteuriser is running again.",
        "Shout-out to IT for the new ordering portal, pubs order at midnight and it just works.",
        "Billing caught the storage charge on a sailed box before it reached the customer.",
        "Payroll penalty rates fixed. Thanks, Ravi.",
    ],
)
def test_an_outcome_that_helped_is_a_reported_gain(text: str) -> None:
    doc = Doc(text, [], [])
    assert not lex.GAIN.search(text)  # none of round 9's gains: only the outcome backs it
    assert context.reported_gain(doc, VALENCE)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, IT, the printer is not working again.",
        "Great job, Ops, the line stopped working again.",
        "Cheers, Planning, the backlog is back up to 400.",
        "Thanks, QA, nobody checked them before they shipped.",
        "Brilliant, Facilities, the heating has never been fixed.",
        "Thanks, IT. When will this be fixed?",
        "Great work, IT claims it was fixed.",
        "Lovely, Finance, the fixed costs doubled.",
        "Thanks, Legal, none of that helped.",
        "Thanks, Support, for closing my ticket as resolved.",
    ],
)
def test_an_outcome_undone_in_its_clause_is_no_gain(text: str) -> None:
    """The jab twins: a negator, a doubt, a mere claim or a question undoes the outcome, and
    "fixed" that names a kind of cost is no fix."""
    assert not context.reported_gain(Doc(text, [], []), VALENCE)


def test_words_of_an_outcome_that_helped_are_no_loaded_wording() -> None:
    """ "again" in "running again" and "just" in "it just works" are the gain, not a jab; the
    same words in a grievance stay evidence when the model weighs them."""
    known = {"stem:again": 1.0, "stem:just": 1.0}
    doc = Doc("The pasteuriser is running again and the portal just works.", [], [])
    assert not [e for e in features.wording(doc, VALENCE, known)]
    doc = Doc("Engineering broke the pasteuriser again and just left.", [], ["Engineering"])
    assert {e.feature for e in features.wording(doc, VALENCE, known)} == set(known)


@pytest.mark.parametrize(
    "text",
    [
        "Who signs off delayed trucks at weekends, so we know whom to call?",
        "How many days before closing does Customs Brokerage need the documents?",
        "Does Depot Moerhaven want the delay notices by email or in the TOS?",
        "How many stores have reported the delay so far?",
    ],
)
def test_a_question_asking_for_information_is_not_loaded(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each of these reads as loaded without the round-15 reading (a "how many", an "actually"
    or a negative word), and as a question for information with it."""
    teams = ("Customs Brokerage", "Depot Moerhaven")
    assert "loaded_question" not in _forms(text, teams)
    monkeypatch.setattr(forms, "_asks_for_information", lambda *_: False)
    assert "loaded_question" in _forms(text, teams)


@pytest.mark.parametrize(
    "text",
    [
        "How many times does Customs Brokerage need reminding about the documents?",
        "Why does Customs Brokerage even need the documents five days early?",
        "Does Depot Moerhaven actually want the empties count, or do they just like asking?",
        "So far, has Customs Brokerage ever sent the documents on time?",
        "Does Legal want us to miss every deadline this quarter?",
    ],
)
def test_a_needling_question_stays_loaded(text: str) -> None:
    teams = ("Customs Brokerage", "Depot Moerhaven")
    assert "loaded_question" in _forms(text, teams)


def test_thanks_beside_a_fix_is_not_flagged_and_its_grievance_twin_is() -> None:
    """The fix reported beside the thanks backs the praise, and the curt shape reads as a status
    update; "Still not fixed. Thanks, Ravi." is the same shape as a jab."""
    thanks = check_framing(
        "Payroll penalty rates fixed. Thanks, Ravi.", people_names=["Ravi"], team_names=["Payroll"]
    )
    assert not thanks.complaint, thanks.reasons
    jab = check_framing(
        "Payroll penalty rates still not fixed. Thanks, Ravi.",
        people_names=["Ravi"],
        team_names=["Payroll"],
    )
    assert jab.complaint, jab.reasons


@pytest.mark.parametrize(
    ("text", "names", "teams"),
    [
        (
            "Morag in Credit Control put the Harbour Inn on stop without even calling me. Again.",
            ("Morag",),
            ("Credit Control",),
        ),
        (
            "Who exactly signs off the bay plan at weekends, because nobody ever answers?",
            (),
            ("Vessel Planning",),
        ),
    ],
)
def test_their_grievance_twins_are_still_flagged(
    text: str, names: tuple[str, ...], teams: tuple[str, ...]
) -> None:
    result = check_framing(text, people_names=names, team_names=teams)
    assert result.complaint, result.reasons
