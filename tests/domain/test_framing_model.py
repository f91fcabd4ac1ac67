"""The learned framing check: pinned reasons and spans, the shipped model, and its corpus."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from app.domain.framing import forms, phrasing
from app.domain.framing.check import check_framing
from app.domain.framing.model import FramingModel, default_model, parse_model, vader_valence
from app.domain.framing.reading import rating

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "framing"
MODEL_FILE = ROOT / "app" / "domain" / "framing" / "data" / "framing_model.json"
BLAME_CODES = {"blame", "absolute_blame", "person_blamed", "insult", "judgement", "negative_tone"}


# Round 11: the phrasing reason is the whole wording, weighed by the model like a stem.
UNPINNED = forms.CODES | {"loaded_wording", "phrasing"}


def _rows(name: str) -> list[dict[str, str]]:
    return [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines()]


# --- Pinned: every flag names its reasons with the exact spans --------------------------------

PINNED = [
    (
        "Mark in Procurement sat on our purchase order for a month.",
        [("person_blamed", "Mark"), ("blame", "sat on"), ("no_next_step", "")],
    ),
    (
        "WHY does Finance need three signatures for a taxi receipt?",
        [
            ("all_caps", "WHY"),
            ("rhetorical_question", "WHY does Finance need three signatures for a taxi receipt?"),
            ("no_next_step", ""),
        ],
    ),
    (
        "Marketing's new landing page is late and ugly.",
        [
            ("generalisation", "Marketing's new landing page is late and ugly."),
            ("negative_tone", "late"),
            ("negative_tone", "ugly"),
            ("no_next_step", ""),
        ],
    ),
    (
        "Design dumps mockups on us Friday night.",
        [("blame", "dumps mockups on us"), ("no_next_step", "")],
    ),
    (
        "Sales is lying to customers about the delivery dates.",
        [
            ("generalisation", "Sales is lying to customers about the delivery dates."),
            ("blame", "is lying"),
            ("no_next_step", ""),
        ],
    ),
    (
        "With all due respect, Support is the weakest link in our chain.",
        [
            ("disclaimer", "With all due respect"),
            ("negative_tone", "weakest"),
            ("no_next_step", ""),
        ],
    ),
    (
        "Yusuf in Catering couldn't care less about our dietary list.",
        [("person_blamed", "Yusuf"), ("blame", "couldn't care less"), ("no_next_step", "")],
    ),
    (
        "Oh great, Legal rewrote the contract the customer already signed.",
        # "contract" was a learned loaded word until round 3 added constructive texts about
        # contracts; a learned stem's weight follows the corpus, the rule spans do not move.
        [("mock_praise", "great"), ("no_next_step", "")],
    ),
    # Round 3: passive-aggressive stock phrases, curt verdicts, rhetorical "when will ... learn",
    # sarcasm carried by "How thoughtful of" or by a twist after opening praise.
    (
        "As per my last email, the invoice template is attached, again.",
        [
            ("passive_aggressive", "As per my last"),
            ("no_next_step", ""),
        ],
    ),
    (
        "I'm sure you're very busy in Legal, but the NDA is still unsigned.",
        [
            ("passive_aggressive", "I'm sure you're very busy"),
            ("no_next_step", ""),
        ],
    ),
    (
        "Procurement: slow, slower, slowest.",
        [("curt_verdict", "Procurement: slow, slower, slowest."), ("no_next_step", "")],
    ),
    (
        "When will HR learn that candidates don't wait a month?",
        [
            ("rhetorical_question", "When will HR learn that candidates don't wait a month?"),
            ("no_next_step", ""),
        ],
    ),
    (
        "How thoughtful of Design to redesign the logo during peak season.",
        [("sarcasm", "How thoughtful of"), ("no_next_step", "")],
    ),
    (
        "Perfect timing, Data migrated the warehouse in quarter-end week.",
        [("mock_praise", "Perfect"), ("sarcasm", "quarter-end"), ("no_next_step", "")],
    ),
    (
        "Leadership announced it to the PRESS before telling us.",
        [("all_caps", "PRESS"), ("no_next_step", "")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PINNED, ids=[t[:40] for t, _ in PINNED])
def test_complaints_name_their_reasons_and_spans(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """The rule reasons and spans are pinned. Round 4: the form features (``framing.forms``) and
    the learned word stems (``loaded_wording``) are left out of the comparison: both are
    weighed by the model and come and go with the corpus, while the rule spans do not move."""
    result = check_framing(text)
    assert result.complaint
    pinned = [(r.code, r.excerpt) for r in result.reasons if r.code not in UNPINNED]
    assert pinned == expected
    assert all(text[r.start : r.end] == r.excerpt for r in result.reasons if r.start >= 0)
    for part in ("Observation", "Impact", "Ask"):
        assert part in result.suggestion


@pytest.mark.parametrize(
    "text",
    [
        "We lost two renewals after the outage.",
        "Churn doubled in Q3, mostly in accounts onboarded last year.",
        "The warehouse fire cost us three weeks of shipping.",
        "Contract review takes 9 days. Could Legal and Sales agree a 3-day fast lane?",
        "Dana in Legal leads the review of the partner agreement.",
        "Great work from Finance on closing the books in four days; could we share how?",
        # A polite request that opens like the passive-aggressive kind is still a request.
        "Kindly send the signed forms to HR by the 20th.",
        "Respectfully, I'd like Security to walk us through the new rules.",
        "Marketing runs two campaigns a quarter.",
    ],
)
def test_bad_news_told_plainly_and_praise_are_not_complaints(text: str) -> None:
    result = check_framing(text)
    assert not result.complaint
    assert not BLAME_CODES & {r.code for r in result.reasons}


def test_bad_news_is_credited_for_its_numbers_and_ownership() -> None:
    result = check_framing("We lost two renewals after the outage.")
    assert [(c.code, c.excerpt) for c in result.credits if c.code != "plain_phrasing"] == [
        ("owns_it", "We"),
        ("specific_fact", "two"),
    ]
    assert result.score < 0


def test_the_sessions_departments_make_an_unknown_team_a_party() -> None:
    text = "Catering cuts corners and we take the heat."
    # Without the list "Catering" is no party, so "cuts corners" blames no one (round 12's
    # reading in context may still warn about the wording as a whole).
    assert "blame" not in {r.code for r in check_framing(text).reasons}
    with_teams = check_framing(text, team_names=["Catering", "Sales"])
    assert with_teams.complaint
    assert ("blame", "cuts corners") in [(r.code, r.excerpt) for r in with_teams.reasons]


def test_a_team_the_text_names_as_such_needs_no_list() -> None:
    result = check_framing("Fleet's vans are filthy and falling apart.")
    assert result.complaint
    assert "Fleet" in result.suggestion  # the rewrite is about that team's hand-off


# --- The model: weights drive the verdict, and the shipped file is what training gives --------


def test_the_verdict_follows_the_models_weights() -> None:
    text = "Procurement is useless and we are sick of it."
    shipped = check_framing(text)
    silent = FramingModel("zero", {}, default_model().valence)
    assert shipped.complaint
    quiet = check_framing(text, model=silent)
    assert not quiet.complaint
    # Rules still explain what they saw, with no weight to add up.
    assert {"insult", "venting"} <= {r.code for r in quiet.reasons}
    assert quiet.score == 0.0


def test_a_model_file_of_another_format_is_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        parse_model('{"format": 99, "version": "x", "weights": {}}', {})


def test_the_shipped_model_loads_from_package_data_with_the_vader_lexicon() -> None:
    model = default_model()
    assert model.version.startswith("3.")
    assert len(model.phrases) == phrasing.tokenizer().tokenizer.get_vocab_size()
    assert model.weight("no_next_step") == pytest.approx(0.4)
    assert model.weight("rule:blame") > 0 > model.weight("credit:specific")
    assert vader_valence()["ugly"] < 0 < vader_valence()["great"]


def test_the_shipped_weights_are_what_the_training_script_produces() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/train_framing.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# --- The corpus --------------------------------------------------------------------------------


def test_the_corpus_is_big_varied_and_labelled_in_every_voice() -> None:
    rows = _rows("corpus.jsonl")
    assert len(rows) >= 600
    assert {r["split"] for r in rows} == {"train"}
    labels = Counter((r["voice"], r["label"]) for r in rows)
    voices = {voice for voice, _ in labels}
    assert len(voices) >= 10
    mixed = voices - {"constructive_negative", "neutral_report"}
    assert all(labels[v, "complaint"] and labels[v, "constructive"] for v in mixed)
    assert labels["constructive_negative", "complaint"] == 0
    assert len({r["text"] for r in rows}) == len(rows)


SEEN = (
    *(("heldout.jsonl", "heldout"), ("heldout2.jsonl", "heldout2"), ("heldout3.jsonl", "heldout3")),
    *(("heldout4.jsonl", "heldout4"), ("heldout5.jsonl", "heldout5"), ("train6.jsonl", "train6")),
    ("heldout6.jsonl", "heldout6"),  # round 7: scored in round 6, development data since
    ("train7.jsonl", "train7"),  # round 7: a seventh independent author, training only
    ("heldout7.jsonl", "heldout7"),  # round 8: scored in round 7, development data since
    ("train8.jsonl", "train8"),  # round 8: an eighth independent author, training only
    ("heldout8.jsonl", "heldout8"),  # round 9: scored in round 8, development data since
    ("heldout9.jsonl", "heldout9"),  # round 10: scored in round 9, development data since
    ("train10a.jsonl", "train10a"),  # round 10: two more independent authors, scored once as
    ("train10b.jsonl", "train10b"),  # unseen (first contact), then training data
    ("train10c.jsonl", "train10c"),  # round 10, after the modeller: four more independent
    ("train10d.jsonl", "train10d"),  # authors, each scored once as unseen (first contact),
    ("train10e.jsonl", "train10e"),  # then training data
    ("train10f.jsonl", "train10f"),
    ("heldout10.jsonl", "heldout10"),  # round 11: scored in round 10, development data since
    ("heldout11.jsonl", "heldout11"),
    ("heldout12.jsonl", "heldout12"),  # round 12: scored in round 11, development data since
    ("heldout13.jsonl", "heldout13"),
    ("heldout14.jsonl", "heldout14"),
    ("heldout15.jsonl", "heldout15"),  # round 13: scored in round 12, development data since
    ("heldout16.jsonl", "heldout16"),
    ("heldout17.jsonl", "heldout17"),
    ("heldout18.jsonl", "heldout18"),  # round 14: scored in round 13, development data since
    ("heldout19.jsonl", "heldout19"),
    ("heldout20.jsonl", "heldout20"),
    ("heldout21.jsonl", "heldout21"),  # round 15: scored in round 14, development data since
    ("heldout22.jsonl", "heldout22"),
    ("heldout23.jsonl", "heldout23"),
    ("heldout24.jsonl", "heldout24"),  # round 16: scored in round 15, development data since
    ("heldout25.jsonl", "heldout25"),
    ("heldout26.jsonl", "heldout26"),
    ("heldout27.jsonl", "heldout27"),  # round 17: scored in round 16, development data since
    ("heldout28.jsonl", "heldout28"),
    ("heldout29.jsonl", "heldout29"),
    ("heldout30.jsonl", "heldout30"),  # round 18: scored in round 17, development data since
    ("heldout31.jsonl", "heldout31"),
    ("heldout32.jsonl", "heldout32"),
    ("heldout33.jsonl", "heldout33"),  # round 19: scored in round 18, development data since
    ("heldout34.jsonl", "heldout34"),
    ("heldout35.jsonl", "heldout35"),
    ("heldout36.jsonl", "heldout36"),  # round 20: scored in round 19, development data since
    ("heldout37.jsonl", "heldout37"),
    ("heldout38.jsonl", "heldout38"),
)


def test_held_out_splits_share_no_sentence_with_training() -> None:
    train = {r["text"] for r in _rows("corpus.jsonl")}
    for name, split in SEEN:
        rows = _rows(name)
        assert {r["split"] for r in rows} == {split}
        assert not train & {r["text"] for r in rows}
        train |= {r["text"] for r in rows}


def test_round_six_training_file_is_one_file_in_every_voice() -> None:
    """train6.jsonl: an independent author's 360 sentences plus the 5 neutral reports kept in a
    second file by that author (tests/data/framing/README.md, step 13)."""
    rows = _rows("train6.jsonl")
    assert len(rows) == 365
    labels = Counter((r["voice"], r["label"]) for r in rows)
    assert labels["neutral_report", "constructive"] == 20
    assert labels["constructive_negative", "complaint"] == 0
    assert len({voice for voice, _ in labels}) >= 12


def test_round_eight_training_file_carries_a_roster_on_every_row() -> None:
    """train8.jsonl: an independent author's 331 sentences, 80 of them plain butterfly
    observations that must stay unflagged (tests/data/framing/README.md, step 18)."""
    rows = _rows("train8.jsonl")
    assert len(rows) == 331
    assert {r["split"] for r in rows} == {"train8"}
    assert all(r["people_names"] for r in rows)
    labels = Counter((r["voice"], r["label"]) for r in rows)
    assert labels["constructive_negative", "constructive"] == 80
    assert labels["constructive_negative", "complaint"] == 0
    assert labels["sarcastic", "complaint"] == 45


@pytest.mark.parametrize(
    ("name", "per_voice"),
    [("train10a", (14, 10)), ("train10b", (15, 9)), *((f"train10{x}", (14, 10)) for x in "cdef")],
)
def test_round_ten_training_files_hold_every_voice_with_constructive_twins(
    name: str, per_voice: tuple[int, int]
) -> None:
    """train10a … train10f: six independent authors' 300 sentences each, scored once as unseen
    before training read them (tests/data/framing/README.md, steps 23 and 24)."""
    rows = _rows(f"{name}.jsonl")
    assert len(rows) == 300
    assert {r["split"] for r in rows} == {name}
    assert all(r["people_names"] for r in rows)
    labels = Counter((r["voice"], r["label"]) for r in rows)
    assert labels["constructive_negative", "constructive"] == 35
    for voice in ("sarcastic", "passive_aggressive", "rhetorical", "polite_blaming"):
        assert (labels[voice, "complaint"], labels[voice, "constructive"]) == per_voice


def test_the_unseen_held_out_split_is_fresh_and_never_trained_on() -> None:
    """An unseen held-out split (an independent author, measured only) must stay out of the
    model: the shipped model lists the files it was trained on, and no development file repeats
    one of its sentences, so its figures in docs/FRAMING.md stay unseen-data figures.

    Round 20 trains on held-out 10-38 (each scored at first contact by an earlier round); its
    measures, held-out 39, 40 and 41, were written outside the repository by three more authors
    and wait sealed until round 20's model is fixed, outside ``SEEN``."""
    seen = {name for name, _ in SEEN} | {"corpus.jsonl"}
    unseen = sorted(p.name for p in DATA.glob("heldout*.jsonl") if p.name not in seen)
    document = json.loads(MODEL_FILE.read_text("utf-8"))
    trained_on = document["trained_on"]["corpus"]
    assert trained_on
    assert {Path(path).name for path in trained_on} == seen
    assert "heldout38.jsonl" in seen  # round 19's measure, trained on since round 20
    assert "heldout38.jsonl" not in unseen
    assert all(int(name.removeprefix("heldout").removesuffix(".jsonl")) >= 39 for name in unseen)
    development = {r["text"] for name in seen for r in _rows(name)}
    for name in unseen:
        rows = _rows(name)
        assert {r["split"] for r in rows} == {name.removesuffix(".jsonl")}
        assert not development & {r["text"] for r in rows}


def _assert_written_to_the_blind_brief(name: str) -> None:
    """A blind author's file as the brief asks: distinct texts, 30 constructive-negative, and
    16 complaints + 8 constructive in a mixed voice (sarcasm, the hardest). At most two rows of
    300 were taken out for repeating another file word for word (held-out 38, README step 42)."""
    rows = _rows(name)
    assert len({r["text"] for r in rows}) == len(rows) >= 298
    labels = Counter((r["voice"], r["label"]) for r in rows)
    assert labels["constructive_negative", "constructive"] == 30
    assert (labels["sarcastic", "complaint"], labels["sarcastic", "constructive"]) == (16, 8)


def test_held_out_15_to_38_are_development_data_with_their_authors_departments() -> None:
    """Held-out 15-17 were scored at first contact by round 12's model (README step 28), 18-20
    by round 13's (step 30), 21-23 by round 14's (step 32), 24-26 by round 15's (step 34),
    27-29 by round 16's (step 36), 30-32 by round 17's (step 38), 33-35 by round 18's (step 40)
    and 36-38 by round 19's (step 42); rounds 13 to 20 train on them with the departments their
    authors listed, and the report no longer scores them as unseen. Held-out 33-38 left the
    sealed folder unchanged: the sha256 prefixes recorded while sealed."""
    sys.path.insert(0, str(ROOT / "bench"))
    from framing_report import ROUNDS, unseen_splits

    sys.path.insert(0, str(ROOT / "scripts"))
    import train_framing

    teams = {path.name: names for path, names in train_framing.SEEN_SPLITS}
    unseen = {split.name for split in unseen_splits([], ())}
    for name in (f"heldout{n}" for n in range(15, 39)):
        assert len(teams[f"{name}.jsonl"]) >= 20
        assert name in ROUNDS
        assert name not in unseen
        _assert_written_to_the_blind_brief(f"{name}.jsonl")
    # A bracketed short form is a team word in its split's session (round 13's fix).
    assert "Manufacturing Engineering (ME)" in teams["heldout19.jsonl"]
    sealed_as = {"heldout33": "afe06abc", "heldout34": "f1be79c4", "heldout35": "f6024aed"}
    sealed_as |= {"heldout36": "9eaf3137", "heldout37": "35d7147d", "heldout38": "567ee62a"}
    for name, prefix in sealed_as.items():
        assert hashlib.sha256((DATA / f"{name}.jsonl").read_bytes()).hexdigest().startswith(prefix)


def test_held_out_39_to_41_were_written_in_every_voice_and_are_scored_as_unseen() -> None:
    """Held-out 39-41 waited sealed, read by nobody, until round 20's model was committed (README
    step 44); now the report scores them as unseen, with the departments their authors listed.
    They left the sealed folder unchanged: the sha256 prefixes recorded while sealed."""
    sys.path.insert(0, str(ROOT / "bench"))
    from framing_report import unseen_splits

    splits = {split.name: split for split in unseen_splits([], ())}
    assert set(splits) == {"heldout39", "heldout40", "heldout41"}
    for name in splits:
        assert len(splits[name].teams) >= 20
        _assert_written_to_the_blind_brief(f"{name}.jsonl")
    sealed_as = {"heldout39": "7a7587fc", "heldout40": "78ca1429", "heldout41": "0bcc788a"}
    for name, prefix in sealed_as.items():
        assert hashlib.sha256((DATA / f"{name}.jsonl").read_bytes()).hexdigest().startswith(prefix)


def test_sealed_held_out_splits_stay_out_of_training_and_the_report() -> None:
    """Held-out 42-44 wait unscored for round 21's first contact (README step 46): neither
    training nor the report reads the sealed folder, and no sealed sentence repeats one that
    either does. Only their shape is checked here; no model scores them."""
    sys.path.insert(0, str(ROOT / "bench"))
    from framing_report import unseen_splits

    sealed = sorted((DATA / "sealed").glob("heldout*.jsonl"))
    assert [p.name for p in sealed] == [f"heldout{n}.jsonl" for n in range(42, 45)]
    read = {(DATA / name).resolve() for name, _ in SEEN} | {
        split.path.resolve() for split in unseen_splits([], ())
    }
    assert not read & {p.resolve() for p in sealed}
    elsewhere = {r["text"] for p in DATA.glob("*.jsonl") for r in _rows(p.name)}
    for path in sealed:
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        assert {r["split"] for r in rows} == {path.stem}
        assert len({r["text"] for r in rows}) == len(rows) == 300
        assert not elsewhere & {r["text"] for r in rows}
        labels = Counter((r["voice"], r["label"]) for r in rows)
        assert labels["constructive_negative", "constructive"] == 30
        assert (labels["sarcastic", "complaint"], labels["sarcastic", "constructive"]) == (16, 8)
        assert (path.parent / f"{path.stem}.teams.txt").read_text("utf-8").strip()


def test_the_report_leaves_out_every_development_round_in_turn() -> None:
    """A development round missing from the report's list would be trained on in every fold
    and never scored left out (round 12 found held-out 12-14 so)."""
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_framing as training
    from framing_report import ROUNDS

    assert sorted(ROUNDS) == sorted({s.source for s in training.development_set()})


def test_constructive_negative_sentences_stay_unflagged() -> None:
    rows = [r for r in _rows("corpus.jsonl") if r["voice"] == "constructive_negative"]
    flagged = sum(check_framing(r["text"]).complaint for r in rows)
    assert flagged / len(rows) <= 0.05


def test_a_word_inside_a_hyphenated_compound_is_not_praise() -> None:
    """VADER rates "hand" as positive; "Late hand-overs from X ..." once read as sarcastic
    praise of another team and held a plain agenda issue away from the room."""
    result = check_framing(
        "Late hand-overs from Customer Success make the next team redo work.",
        team_names=["Customer Success", "Engineering"],
    )

    assert "mock_praise" not in {r.code for r in result.reasons}
    assert not result.holds


def test_a_lexicon_rating_reaches_the_other_forms_of_a_word() -> None:
    """VADER rates "forgotten" but not "forgets"; the Snowball stem carries the rating over."""
    valence = vader_valence()
    assert "forgets" not in valence
    assert (rating(valence, "forgets") or 0.0) < 0
    assert rating(valence, "ugly") == valence["ugly"]  # an exact entry wins
    assert rating(valence, "table") is None


def test_a_question_that_is_the_point_is_no_ask() -> None:
    """ "When will HR learn ...?" has the shape of a request ("will HR") but asks for nothing."""
    reasons = check_framing("When will HR learn that candidates don't wait?").reasons
    assert "no_next_step" in {r.code for r in reasons}
    asked = check_framing("When will HR send the offer letters for the two new starters?")
    assert "no_next_step" not in {r.code for r in asked.reasons}


def test_the_third_held_out_split_is_varied_and_fresh() -> None:
    rows = _rows("heldout3.jsonl")
    assert len(rows) >= 150
    labels = Counter((r["voice"], r["label"]) for r in rows)
    assert len({voice for voice, _ in labels}) >= 10
    assert labels["constructive_negative", "constructive"] >= 10
    assert labels["constructive_negative", "complaint"] == 0


@pytest.mark.parametrize("name", ["corpus.jsonl", "heldout3.jsonl", "heldout4.jsonl"])
def test_every_flag_names_spans_and_offers_the_rewrite(name: str) -> None:
    """Whatever the check flags, it says where (at least one reason with a span of the text)
    and how to rewrite it (Observation -> Impact -> Ask)."""
    flagged = [r for r in _rows(name) if check_framing(r["text"]).complaint]
    assert flagged
    for row in flagged:
        result = check_framing(row["text"])
        spans = [r for r in result.reasons if r.start >= 0]
        assert spans, row["text"]
        assert all(row["text"][r.start : r.end] == r.excerpt for r in spans)
        assert all(part in result.suggestion for part in ("Observation", "Impact", "Ask"))


# --- Round 4: the form of a complaint, whatever its words ---------------------------------------


def test_a_polite_opening_turned_against_a_team_is_a_concession() -> None:
    result = check_framing("I appreciate Treasury is stretched, but the delay is entirely on them.")
    assert result.complaint
    assert ("concession", "I appreciate Treasury is stretched, but") in {
        (r.code, r.excerpt) for r in result.reasons
    }
    assert "concession" not in {
        r.code
        for r in check_framing("I appreciate Treasury's help; could we meet on Monday?").reasons
    }


def test_a_question_about_a_team_that_asks_for_nothing_is_loaded() -> None:
    text = "Does Purchasing ever read the specs we send?"
    codes = {r.code for r in check_framing(text).reasons}
    assert "loaded_question" in codes
    asked = check_framing("Could Purchasing confirm they received the specs we sent on 3 May?")
    assert "loaded_question" not in {r.code for r in asked.reasons}


def test_our_own_bad_news_is_no_verdict_on_a_team() -> None:
    result = check_framing("Our team missed the deadline because we underestimated the migration.")
    assert not {"team_negative", "unsupported"} & {r.code for r in result.reasons}


# --- Round 5: irony, owners, and what only looks like a complaint -------------------------------


def _pairs(text: str, **context: list[str]) -> set[tuple[str, str]]:
    return {(r.code, r.excerpt) for r in check_framing(text, **context).reasons}  # type: ignore[arg-type]


def test_praise_undercut_in_the_next_sentence_reads_as_irony() -> None:
    text = "Another flawless launch from Product. Only three rollbacks this time."
    result = check_framing(text)
    assert result.complaint
    irony = [r for r in result.reasons if r.code == "irony"]
    assert [r.excerpt for r in irony] == ["flawless launch from Product. Only"]
    sincere = "Thanks to Legal for turning the NDA around in a day; could we reuse their checklist?"
    assert not check_framing(sincere).complaint
    assert "irony" not in {r.code for r in check_framing(sincere).reasons}


def test_a_thing_someone_owns_makes_them_the_subject() -> None:
    """ "Priya's approvals are the bottleneck" blames Priya, though "approvals" is the subject."""
    pairs = _pairs("Priya's approvals are the bottleneck in Finance.", people_names=["Priya"])
    assert {("person_blamed", "Priya"), ("blame", "are the bottleneck")} <= pairs
    assert not check_framing(
        "The approvals are the bottleneck in Finance; could we add a deputy?"
    ).holds


def test_hindsight_blame_may_name_any_team_as_the_one_hurt() -> None:
    text = "If Omar answered his emails, Logistics wouldn't be two weeks behind."
    result = check_framing(text, people_names=["Omar"])
    assert result.complaint
    assert ("person_blamed", "Omar") in {(r.code, r.excerpt) for r in result.reasons}


def test_a_negation_ends_at_the_comma() -> None:
    """ "not replying, very poor service": "poor" is not negated by the "not" before the comma."""
    pairs = _pairs("Legal is not replying, very poor service from them.")
    assert ("negative_tone", "poor") in pairs


def test_a_numbered_headline_in_capitals_is_no_shouting() -> None:
    text = "RFP DEADLINE MOVED TO 3 MAY. Procurement, can we review the SOW together on Monday?"
    assert "all_caps" not in {r.code for r in check_framing(text).reasons}
    shouted = _pairs("Sales, for the LOVE of god, stop discounting.")
    assert {("all_caps", "LOVE"), ("venting", "for the LOVE of god")} <= shouted


def test_terse_asks_and_plain_reminders_are_not_complaints() -> None:
    for text in (
        "Support queue at 310; need two contractors.",
        "Friendly reminder: timesheets are due Friday.",
    ):
        result = check_framing(text)
        assert not result.complaint, text
        assert "passive_aggressive" not in {r.code for r in result.reasons}
    pointed = _pairs("Friendly reminder that Design's deadline was yesterday.")
    assert ("passive_aggressive", "Friendly reminder") in pointed


def test_a_problem_someone_flagged_is_not_held_against_them() -> None:
    result = check_framing(
        "Sara flagged the pricing error before it reached the client.", people_names=["Sara"]
    )
    assert not result.complaint
    assert not {"person_blamed", "negative_tone"} & {r.code for r in result.reasons}


def test_an_idiom_turned_down_in_an_ask_blames_nobody() -> None:
    """ "Let's" once made "Let" a team (a Title-case possessive), so the idiom read as blame."""
    result = check_framing(
        "Let's not reinvent the wheel: could Ops reuse Finance's vendor checklist?"
    )
    assert not result.complaint
    assert "blame" not in {r.code for r in result.reasons}


# --- Round 6: verdict codas, pointed remarks, capitals in a request, terse asks -----------------


def test_a_one_line_verdict_after_a_sentence_about_a_team_is_a_coda() -> None:
    result = check_framing("Procurement lost the signed quote twice this month. Careless.")
    assert result.complaint
    assert ("coda", "Careless") in _pairs(
        "Procurement lost the signed quote twice this month. Careless."
    )
    # The impact on our own side is no verdict on anyone.
    ours = check_framing("We missed the cut-off on Monday. We lose a day.")
    assert "coda" not in {r.code for r in ours.reasons}
    assert not ours.complaint


def test_a_pointed_remark_about_a_team_is_named() -> None:
    text = "Interesting that Legal found time for the offsite but not for our contract."
    result = check_framing(text)
    assert result.complaint
    assert ("remark", "Interesting that") in _pairs(text)
    assert "remark" not in {
        r.code
        for r in check_framing(
            "Interesting that Legal saw the same drop; could we compare notes?"
        ).reasons
    }


def test_capitals_in_a_request_weigh_less_than_capitals_that_vent() -> None:
    asked = check_framing("Badges expire on FRIDAY; could Security send the renewal link?")
    vented = check_framing("Security broke the badge readers AGAIN.")
    assert not asked.complaint
    assert vented.complaint
    caps = {r.code: r.weight for r in asked.reasons}
    assert 0 < caps["all_caps"] < {r.code: r.weight for r in vented.reasons}["all_caps"]


def test_terse_asks_and_questions_offering_our_part_ask_for_something() -> None:
    for text in (
        "Invoices bounce twice a week. Need root cause.",
        "Exports time out at 2am. Add a retry to the job?",
        "What does Payroll need from us to close earlier?",
    ):
        result = check_framing(text)
        assert not result.complaint, text
        assert "no_next_step" not in {r.code for r in result.reasons}, text


def test_a_named_colleague_blamed_for_a_repeat_is_flagged_with_the_name_as_the_span() -> None:
    """Round 7: "thanks to <name> we …" and "<name> again" name the culprit (issue #22)."""
    text = "Thanks to Marco we missed the Halden renewal. Again."
    result = check_framing(text, people_names=["Marco", "Kaveh Rahimi"])
    assert result.complaint
    blamed = [r for r in result.reasons if r.code == "person_blamed"]
    assert [(r.excerpt, r.start, r.end) for r in blamed] == [("Marco", 10, 15)]
    assert result.suggestion


def test_an_ironic_count_is_sarcasm_and_its_number_earns_no_credit() -> None:
    """Round 7: "only the 4th time this month" counts in irony; it is no observation."""
    result = check_framing(
        "Fleet cancelled the van booking, only the 4th time this month.", team_names=["Fleet"]
    )
    assert result.complaint
    assert ("sarcasm", "only the 4th time") in {(r.code, r.excerpt) for r in result.reasons}
    assert not [c for c in result.credits if c.code == "specific_fact"]


def test_a_named_colleague_doing_us_harm_is_the_subject_but_a_neutral_mention_is_not() -> None:
    """Round 7: a named person as the subject of neglect ("gave our van away … without telling
    us") is a reason with the name as its span; a plain mention of who leads what is not."""
    harm = check_framing(
        "Casimir gave our van away to Events without telling us.",
        people_names=["Casimir"],
        team_names=["Events", "Fleet"],
    )
    assert harm.complaint
    assert ("named_subject", "Casimir") in {(r.code, r.excerpt) for r in harm.reasons}
    neutral = check_framing(
        "Dana in Legal leads the review of the partner agreement.",
        people_names=["Dana"],
        team_names=["Legal"],
    )
    assert not neutral.complaint
    assert not [r for r in neutral.reasons if r.code in ("named_subject", "person_blamed")]


# --- Round 9: held-out 8's kinds of error, on sentences written for these tests ----------------


def test_capitals_on_a_date_stress_a_schedule_and_say_so() -> None:
    """Round 9: "OFFLINE on Saturday" is a schedule in capitals, weighed apart from shouting; the
    reason keeps its span and says why it weighs less. Shouted blame still holds."""
    notice = check_framing(
        "The Payroll portal will be OFFLINE on Saturday from 9 to 11 for the upgrade.",
        team_names=["Payroll"],
    )
    assert not notice.complaint
    caps = [r for r in notice.reasons if r.code == "all_caps"]
    assert [(r.excerpt, r.start, r.end) for r in caps] == [("OFFLINE", 27, 34)]
    assert "on a date or deadline" in caps[0].message
    shouted = check_framing("Payroll LOST our timesheets AGAIN.", team_names=["Payroll"])
    assert shouted.complaint
    shouting = {r.excerpt: r.weight for r in shouted.reasons if r.code == "all_caps"}
    assert set(shouting) == {"LOST", "AGAIN"}
    assert all(w > caps[0].weight for w in shouting.values())


def test_praise_beside_a_reported_gain_is_sincere_and_the_reverse_is_irony() -> None:
    """Round 9: "in two hours instead of two days" is a gain, so the opening praise is meant;
    the same words the other way round ("two days instead of two hours") stay irony, with the
    praise and the undercut as spans."""
    text = "Superb work, Facilities: the meeting rooms were rebooked in {}."
    gain = check_framing(text.format("two hours instead of two days"), team_names=["Facilities"])
    assert not gain.complaint
    assert not {"mock_praise", "irony"} & {r.code for r in gain.reasons if r.weight > 0}
    loss = check_framing(text.format("two days instead of two hours"), team_names=["Facilities"])
    spans = {(r.code, r.excerpt) for r in loss.reasons}
    assert ("mock_praise", "Superb") in spans
    assert (
        "irony",
        "Superb work, Facilities: the meeting rooms were rebooked in two days instead of",
    ) in spans
    assert loss.score > gain.score + 0.5


def test_praise_undercut_by_a_reported_loss_is_flagged() -> None:
    text = (
        "Superb work, Facilities: the meeting rooms were rebooked in two days instead of two hours."
    )
    assert check_framing(text, team_names=["Facilities"]).complaint


def test_a_count_instead_of_a_larger_one_is_a_gain() -> None:
    """Round 9: "three days instead of ten" compares counts of one unit; ten instead of three is
    the joke."""
    text = "Great job, Facilities: the rooms were rebooked in {} days instead of {}."
    assert not check_framing(text.format("three", "ten"), team_names=["Facilities"]).complaint
    assert check_framing(text.format("ten", "three"), team_names=["Facilities"]).complaint


def test_staged_delight_beside_a_gain_names_the_gain_in_its_reason() -> None:
    """Round 9: "Love that …" with "zero missed pickups" reports a gain: the reason is still
    shown with its span, and says what it was weighed beside. Without the gain it holds."""
    meant = check_framing(
        "Love that Dispatch now sends the route plan the night before; zero missed pickups "
        "this month.",
        team_names=["Dispatch"],
    )
    assert not meant.complaint
    [love] = [r for r in meant.reasons if r.excerpt == "Love that"]
    assert (love.code, love.start, love.end) == ("sarcasm", 0, 9)
    assert 'beside a gain: "zero missed"' in love.message
    mocked = check_framing(
        "Love how Dispatch sends the route plan the morning of.", team_names=["Dispatch"]
    )
    assert mocked.complaint
    assert ("sarcasm", "Love how") in {(r.code, r.excerpt) for r in mocked.reasons}


def test_a_praise_word_naming_a_measure_is_no_praise() -> None:
    """Round 9: "acceptance rate", "the happy path", "positive balance" name things; they are
    neither mock praise of a team nor a credit."""
    for text in (
        "The offer acceptance rate fell to 35% after Recruiting froze the salary bands.",
        "The happy path works, but refunds in the Billing prototype end on an error screen.",
        "Treasury's positive balance is lower than forecast after the October collections.",
    ):
        result = check_framing(text, team_names=["Recruiting", "Billing", "Treasury"])
        codes = {r.code for r in (*result.reasons, *result.credits)}
        assert not {"mock_praise", "irony", "positive_tone"} & codes, text


def test_a_stock_reminder_of_a_plan_ahead_is_weighed_below_one_that_needles() -> None:
    """Round 9: "As previously agreed, … will switch … from 1 March" announces a plan; the same
    opener before "Still waiting." needles. Both show the phrase as the reason."""
    plan = check_framing(
        "As previously agreed, Catering will switch to the new supplier from 1 March.",
        team_names=["Catering"],
    )
    needle = check_framing(
        "As previously agreed, Catering was to switch suppliers in March. Still waiting.",
        team_names=["Catering"],
    )
    assert not plan.complaint
    assert needle.complaint
    weight = {r.code: r.weight for r in plan.reasons}["passive_aggressive"]
    assert 0 < weight < {r.code: r.weight for r in needle.reasons}["passive_aggressive"]
    assert [r.excerpt for r in plan.reasons if r.code == "passive_aggressive"] == [
        "As previously agreed"
    ]


def test_membership_of_a_committee_is_not_sitting_on_work() -> None:
    """Round 9: "sits on the pricing committee" is membership; "sits on every contract" blames."""
    member = check_framing(
        "Legal now sits on the pricing committee, so contract questions can go to them early.",
        team_names=["Legal"],
    )
    assert "blame" not in {r.code for r in member.reasons}
    assert not member.complaint
    blamed = check_framing(
        "Legal sits on every contract we send for a month.", team_names=["Legal"]
    )
    assert blamed.complaint
    assert ("blame", "sits on") in {(r.code, r.excerpt) for r in blamed.reasons}


def test_reassurance_and_a_lowered_bar_are_requests_not_points_scored() -> None:
    """Round 9: "No worries on the delay" reassures ("no" is no tone); "even a rough one" lowers
    the bar of a request, while "does Legal even read …" questions whether they tried."""
    calm = check_framing(
        "No worries on the delay, Procurement; could you confirm a delivery date?",
        team_names=["Procurement"],
    )
    assert not calm.complaint
    assert "No" not in {r.excerpt for r in calm.reasons}
    bar = check_framing("Does Legal have a date for the review, even a rough one?")
    assert not bar.complaint
    assert "loaded_question" not in {r.code for r in bar.reasons}
    loaded = check_framing("Does Legal even read the contracts?")
    assert loaded.complaint
    assert "loaded_question" in {r.code for r in loaded.reasons}


def test_a_feigned_apology_for_missing_news_is_passive_aggressive() -> None:
    """Round 9: "Apologies if I missed the memo where …" is a stock passive-aggressive opener."""
    result = check_framing(
        "Apologies if I missed the memo where Legal stopped answering email.",
        team_names=["Legal"],
    )
    assert result.complaint
    [pa] = [r for r in result.reasons if r.code == "passive_aggressive"]
    assert (pa.excerpt, pa.start, pa.end) == ("Apologies if I missed", 0, 21)
