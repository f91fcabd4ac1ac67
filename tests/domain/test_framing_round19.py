"""Round 19 of the framing check (docs/FRAMING.md, "Round 19").

- A stock passive-aggressive opener beside news of a thing done or delivered ("… the corrected
  codes are attached", "… the invoice is now paid") or a cut-off ahead ("… locks on 1 December")
  closes a loop; with nothing negative in the text it is weighed as ``…|plain``. Beside a
  grievance it is weighed as itself. A reminder addressed to the room ("Friendly nudge to
  everyone: …") is no stock phrase at all.
- Harm that did not happen ("nobody was hurt") is a reassurance: no sweeping claim about people,
  no negative word. "Nobody in Ops checked" still blames.
- "only" before a count ("only one bid") is a count told plainly, not loaded wording.
- "possession" (a rail closure for work) and the Filipino courtesy "po" carry no tone.
- The act thanked for can be a remedy: "thanks to Ewan for catching the alarm" is no irony.
"""

from __future__ import annotations

import pytest

from app.domain.framing import lexicon as lex
from app.domain.framing.check import check_framing
from app.domain.framing.text import Doc, Party
from tests.domain.framing_checks import codes, features


@pytest.mark.parametrize(
    ("news", "grievance"),
    [
        (
            "As per my last email, the revised rota is attached; Stores, please check it.",
            "As per my last email, the rota is still missing. Stores waited all week again.",
        ),
        (
            "Per my previous message, the courier invoice is now paid, thanks Finance.",
            "Per my previous message, which nobody answered, the invoice was due last Friday.",
        ),
        (
            "Kindly note, Payroll has shared the holiday calendar with every depot.",
            "Kindly note, Payroll has ignored the holiday calendar for the third time.",
        ),
        (
            "Friendly reminder that timesheets are due by Friday noon.",
            "Friendly reminder that timesheets were due on Friday and Sales ignored it again.",
        ),
    ],
)
def test_a_stock_opener_beside_news_or_a_cut_off_ahead_is_weighed_plain(
    news: str, grievance: str
) -> None:
    found = features(news)
    assert "rule:passive_aggressive|plain" in found
    assert "rule:passive_aggressive" not in found
    assert "rule:passive_aggressive" in features(grievance)
    assert "rule:passive_aggressive|plain" not in features(grievance)
    # The reason still names the phrase, with its span; beside news it weighs less, and the
    # news is not flagged while the grievance is.
    opener = {r.code: r for r in check_framing(news).reasons}["passive_aggressive"]
    assert news.startswith(opener.excerpt)
    bare = {r.code: r for r in check_framing(grievance).reasons}["passive_aggressive"]
    assert opener.weight < bare.weight
    assert not check_framing(news).complaint
    assert check_framing(grievance).complaint


def test_news_of_a_thing_done_and_a_cut_off_ahead_are_matched_exactly() -> None:
    assert Doc("The PO is now approved.", ()).search(lex.SETTLED).group() == "is now approved"
    assert Doc("Lab has sent the results.", ()).search(lex.SETTLED).group() == "has sent"
    assert Doc("Entries close on Friday.", ()).search(lex.FORWARD).group() == "close on Friday"
    assert Doc("Logs are due at end of shift.", ()).search(lex.FORWARD).group() == "are due at"
    # Past cut-offs and things not done are not news of this kind.
    assert Doc("The PO was due last week.", ()).search(lex.FORWARD) is None
    assert Doc("The PO has not been approved.", ()).search(lex.SETTLED) is None


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Friendly nudge to everyone: please book leave through the new portal.", False),
        ("Friendly reminder to all depots: the yard gate shuts at 6pm this week.", False),
        ("Friendly nudge to Fleet that the van checks were due yesterday.", True),
    ],
)
def test_a_reminder_addressed_to_the_room_is_no_stock_phrase(text: str, flagged: bool) -> None:
    assert bool(Doc(text, ()).search(lex.PASSIVE_AGGRESSIVE)) is flagged


@pytest.mark.parametrize(
    "text",
    [
        "A pallet fell from the racking on Tuesday; nobody was hurt and the bay is closed.",
        "The hoist failed mid-lift this morning. No one was injured, but the job is a day behind.",
        "The delivery van was hit at the lights, with no injuries; the insurer has the photos.",
    ],
)
def test_harm_that_did_not_happen_is_no_sweeping_claim_or_negative_word(text: str) -> None:
    reasons = codes(text)
    words = [x for _, x in reasons]
    assert not {"generalisation", "absolute_claim", "absolute_blame", "team_negative"} & {
        c for c, _ in reasons
    }
    assert not {"hurt", "injured", "injuries", "nobody", "No one"} & set(words)
    assert not check_framing(text).complaint


def test_nobody_still_blames_when_someone_should_have_acted() -> None:
    assert ("absolute_blame", "Nobody in Ops checked") in codes("Nobody in Ops checked the cones.")
    assert check_framing("Nobody in Ops checked the cones. Nobody ever does.").complaint
    doc = Doc("nobody was hurt", ())
    assert doc.first_subject(doc.tokens).party is Party.THING
    doc = Doc("nobody was told", ())
    assert doc.first_subject(doc.tokens).party is Party.OTHER


def test_only_before_a_count_is_a_count_told_plainly() -> None:
    assert "stem:onli" not in features("The tender for new forklifts drew only one bid.")
    assert "stem:onli" not in features("Only 3 of 40 depots sent their returns.")
    # "only" that is not a count keeps its weight, as the model learned it.
    assert "stem:onli" in features("Comms only sent the invite at 9pm, the night before.")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Planning confirmed the Easter possession for the north line.", "possession"),
        ("Po, the Billing team finished the cycle early, thank you.", "Po"),
    ],
)
def test_work_senses_carry_no_tone(text: str, word: str) -> None:
    assert ("negative_tone", word) not in codes(text)
    assert not check_framing(text).complaint


@pytest.mark.parametrize(
    "text",
    [
        "Big thanks to Ewan in Dispatch for catching the depot fire alarm fault at 4am.",
        "Thanks to Lab for spotting the contamination before the batch left the plant.",
    ],
)
def test_thanks_for_catching_a_fault_is_no_irony(text: str) -> None:
    """The act thanked for is a remedy ("catching", "spotting"), so the bad thing after it is
    what was dealt with, not praise undercut."""
    assert "irony" not in [c for c, _ in codes(text)]
