"""The run of show: which segments a session has, in which order, and which settings are refused."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.clock.run_of_show import (
    MAX_SEGMENT_SECONDS,
    ShowConfig,
    build_run_of_show,
    planned_seconds,
)
from app.domain.errors import Invalid

DOMAIN = Path(__file__).resolve().parents[2] / "app" / "domain"


def kinds(config: ShowConfig) -> list[str]:
    return [segment.kind for segment in build_run_of_show(config)]


def test_one_round_is_welcome_six_interleaved_topics_and_wrapup() -> None:
    show = build_run_of_show(ShowConfig(rounds=1))

    assert [(s.kind, s.topic, s.speaker, s.seconds) for s in show] == [
        ("welcome", None, None, 300),
        ("topic", 1, 0, 60),
        ("topic", 1, 1, 60),
        ("topic", 2, 0, 120),
        ("topic", 2, 1, 120),
        ("topic", 3, 0, 120),
        ("topic", 3, 1, 120),
        ("wrapup", None, None, 600),
    ]
    assert [s.index for s in show] == list(range(8))
    assert [s.round for s in show] == [None, 1, 1, 1, 1, 1, 1, None]


def test_labels_name_round_topic_and_speaker() -> None:
    show = build_run_of_show(ShowConfig(rounds=3, break_seconds=600, break_every=2))

    labels = [s.label for s in show]
    assert "Round 3 · Topic 2: Most pressing issue · Speaker A" in labels
    assert "Round 1 · Topic 1: What we do · Speaker B" in labels
    assert "Round 2 · Topic 3: Butterfly effect · Speaker B" in labels
    assert labels[0] == "Welcome and rules"
    assert labels[-1] == "Wrap-up"
    assert "Round 1 · Changeover: move to your next partner" in labels
    assert "Break after round 2" in labels


def test_changeover_between_rounds_and_break_after_every_nth_round_but_never_the_last() -> None:
    config = ShowConfig(rounds=4, break_seconds=600, break_every=2)

    topics = ["topic"] * 6
    assert kinds(config) == [
        "welcome",
        *topics,
        "changeover",
        *topics,
        "changeover",
        "break",
        *topics,
        "changeover",
        *topics,
        "wrapup",
    ]


def test_changeover_carries_the_round_it_closes_and_break_belongs_to_no_round() -> None:
    show = build_run_of_show(ShowConfig(rounds=2, break_seconds=300, break_every=1))

    changeover, pause = (s for s in show if s.kind in {"changeover", "break"})
    assert (changeover.round, changeover.topic, changeover.speaker) == (1, None, None)
    assert (pause.round, pause.seconds) == (None, 300)


def test_group_of_three_gives_every_member_each_topic_in_turn() -> None:
    show = build_run_of_show(ShowConfig(rounds=1, speakers_per_group=3, welcome_seconds=0))

    turns = [(s.topic, s.speaker) for s in show if s.kind == "topic"]
    assert turns == [(1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2), (3, 0), (3, 1), (3, 2)]
    assert show[2].label.endswith("Speaker C")


def test_topic_lengths_are_configurable_per_topic() -> None:
    show = build_run_of_show(ShowConfig(rounds=1, topic_seconds=(30, 90, 45)))

    assert [s.seconds for s in show if s.kind == "topic"] == [30, 30, 90, 90, 45, 45]


def test_zero_length_welcome_changeover_and_wrapup_are_left_out() -> None:
    config = ShowConfig(rounds=2, welcome_seconds=0, changeover_seconds=0, wrapup_seconds=0)

    assert kinds(config) == ["topic"] * 12


def test_planned_seconds_adds_up_every_segment() -> None:
    show = build_run_of_show(ShowConfig(rounds=2, break_seconds=120, break_every=1))

    assert planned_seconds(show) == 300 + 2 * 600 + 60 + 120 + 600


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rounds": 0}, "rounds"),
        ({"rounds": 101}, "rounds"),
        ({"speakers_per_group": 1}, "speakers_per_group"),
        ({"speakers_per_group": 5}, "speakers_per_group"),
        ({"topic_seconds": (60, 0, 120)}, "topic_seconds.1"),
        ({"topic_seconds": (60, 120, -5)}, "topic_seconds.2"),
        ({"topic_seconds": (MAX_SEGMENT_SECONDS + 1, 60, 60)}, "topic_seconds.0"),
        ({"topic_seconds": (60, 60)}, "topic_seconds"),
        ({"welcome_seconds": -1}, "welcome_seconds"),
        ({"changeover_seconds": 3601}, "changeover_seconds"),
        ({"wrapup_seconds": -60}, "wrapup_seconds"),
        ({"break_every": -1}, "break_every"),
        ({"break_every": 2}, "break_seconds"),
        ({"rounds": True}, "rounds"),
        ({"welcome_seconds": 1.5}, "welcome_seconds"),
    ],
)
def test_bad_settings_are_refused_with_the_field_named(
    changes: dict[str, object], field: str
) -> None:
    config = ShowConfig(**{"rounds": 3, **changes})  # type: ignore[arg-type]

    with pytest.raises(Invalid, match="settings are not valid") as caught:
        build_run_of_show(config)

    assert [error.field for error in caught.value.errors] == [field]


def test_every_bad_setting_is_reported_at_once() -> None:
    config = ShowConfig(rounds=0, topic_seconds=(0, 60, 60), wrapup_seconds=-1)

    with pytest.raises(Invalid) as caught:
        build_run_of_show(config)

    assert {e.field for e in caught.value.errors} == {"rounds", "topic_seconds.0", "wrapup_seconds"}


configs = st.builds(
    ShowConfig,
    rounds=st.integers(1, 12),
    speakers_per_group=st.integers(2, 4),
    topic_seconds=st.tuples(*[st.integers(1, MAX_SEGMENT_SECONDS)] * 3),
    welcome_seconds=st.integers(0, 900),
    changeover_seconds=st.integers(0, 120),
    break_seconds=st.integers(1, 900),
    break_every=st.integers(0, 13),
    wrapup_seconds=st.integers(0, 900),
)


@settings(database=None, deadline=None, max_examples=200)
@given(configs)
def test_any_valid_config_gives_a_consistent_show(config: ShowConfig) -> None:
    show = build_run_of_show(config)

    k, rounds = config.speakers_per_group, config.rounds
    assert [s.index for s in show] == list(range(len(show)))
    assert all(s.seconds > 0 for s in show)
    for number in range(1, rounds + 1):
        turns = [(s.topic, s.speaker) for s in show if s.kind == "topic" and s.round == number]
        assert turns == [(topic, speaker) for topic in (1, 2, 3) for speaker in range(k)]
    breaks = (rounds - 1) // config.break_every if config.break_every else 0
    changeovers = rounds - 1 if config.changeover_seconds else 0
    per_round = k * sum(config.topic_seconds)
    assert planned_seconds(show) == (
        config.welcome_seconds
        + rounds * per_round
        + changeovers * config.changeover_seconds
        + breaks * config.break_seconds
        + config.wrapup_seconds
    )
    last_topic = max(s.index for s in show if s.kind == "topic")
    assert all(s.kind == "wrapup" for s in show[last_topic + 1 :])


def test_domain_clock_modules_import_only_the_standard_library_and_the_domain() -> None:
    for name in ("clock/run_of_show.py", "clock/state.py", "clock/rules.py"):
        tree = ast.parse((DOMAIN / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                allowed = top in sys.stdlib_module_names or module.startswith("app.domain")
                assert allowed, f"{name} imports {module}"
