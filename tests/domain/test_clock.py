"""The live clock: controls, auto-advance, guards, and properties over random control logs."""

from __future__ import annotations

import contextlib
import time
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.clock.run_of_show import Segment, ShowConfig, build_run_of_show, planned_seconds
from app.domain.clock.state import (
    CONTROL_KINDS,
    ClockState,
    Control,
    apply_and_evaluate,
    apply_control,
    apply_replayed,
    replay,
    state_at,
)
from app.domain.errors import Conflict, Invalid

T0 = datetime(2025, 5, 6, 9, 0, tzinfo=UTC)

# 0 welcome 30 s | 1-6 round 1 topics 10,10,20,20,20,20 | 7 changeover 15 | 8 break 60
# | 9-14 round 2 topics | 15 wrap-up 40: 345 s in all
CONFIG = ShowConfig(
    rounds=2,
    topic_seconds=(10, 20, 20),
    welcome_seconds=30,
    changeover_seconds=15,
    break_seconds=60,
    break_every=1,
    wrapup_seconds=40,
)
SHOW = build_run_of_show(CONFIG)
PROPERTY = settings(database=None, deadline=None, max_examples=300)


def t(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def control(kind: str, when: float, seconds: int = 0, *, id: str = "") -> Control:
    return Control(id=id or uuid.uuid4().hex, kind=kind, at=t(when), seconds=seconds, by="Ana")


def play(*steps: tuple[str, float] | tuple[str, float, int]) -> tuple[Control, ...]:
    """Apply each (kind, at seconds[, seconds]) step as the service would, with now = at."""
    log: tuple[Control, ...] = ()
    for step in steps:
        new = control(*step)
        log = apply_control(SHOW, log, new, new.at)
    return log


def at(log: tuple[Control, ...], when: float) -> ClockState:
    return state_at(SHOW, log, t(when))


def test_before_start_nothing_runs_and_the_welcome_is_next() -> None:
    state = at((), 0)

    assert (state.status, state.segment, state.deadline, state.seq) == (
        "not_started",
        None,
        None,
        0,
    )
    assert state.next_segment == SHOW[0]


def test_start_runs_the_first_segment_with_an_absolute_deadline() -> None:
    state = at(play(("start", 0)), 12.5)

    assert (state.status, state.segment_index, state.segment) == ("running", 0, SHOW[0])
    assert (state.deadline, state.remaining_ms, state.segment_started_at) == (t(30), 17_500, t(0))
    assert (state.next_segment, state.seq, state.show_ends_at) == (SHOW[1], 1, t(345))


def test_segments_hand_over_at_their_deadlines_without_any_tick() -> None:
    log = play(("start", 0))

    assert at(log, 29.999).segment_index == 0
    state = at(log, 30)
    assert (state.segment_index, state.segment_started_at, state.deadline) == (1, t(30), t(40))
    far = at(log, 250)  # round 2, topic 2, speaker A runs 225..245, speaker B 245..265
    assert (far.segment_index, far.round, far.remaining_ms) == (12, 2, 15_000)


def test_the_session_ends_at_the_last_deadline() -> None:
    log = play(("start", 0))

    assert at(log, 344.999).remaining_ms == 1
    state = at(log, 345)
    assert (state.status, state.ended_at, state.segment_index, state.segment) == (
        "ended",
        t(345),
        None,
        None,
    )


def test_pause_freezes_the_remaining_time() -> None:
    log = play(("start", 0), ("pause", 12.345))

    for later in (12.345, 100, 10_000):
        state = at(log, later)
        assert (state.status, state.remaining_ms, state.deadline) == ("paused", 17_655, None)
        assert (state.segment_index, state.paused_at) == (0, t(12.345))
    assert at(log, 100).show_ends_at == t(100 + 17.655 + 315)


def test_resume_sets_the_deadline_from_the_frozen_remaining() -> None:
    state = at(play(("start", 0), ("pause", 10), ("resume", 70)), 70)

    assert (state.status, state.deadline, state.remaining_ms, state.paused_at) == (
        "running",
        t(90),
        20_000,
        None,
    )


def test_a_paused_then_extended_round_ends_at_the_right_instant() -> None:
    # Round 1, topic 2, speaker A runs 50..70; paused with 17.750 s left, extended by a minute.
    log = play(("start", 0), ("pause", 52.25), ("extend", 80, 60), ("resume", 95.125))

    before = at(log, 172.874)
    assert (before.segment_index, before.remaining_ms, before.extra_ms) == (3, 1, 60_000)
    assert before.deadline == t(172.875)
    handed_over = at(log, 172.875)
    assert (handed_over.segment_index, handed_over.segment_started_at) == (4, t(172.875))
    assert handed_over.extra_ms == 0
    assert at(log, 232.874).segment_index == 6  # the round's last topic ends at 232.875
    assert at(log, 232.875).segment.kind == "changeover"  # type: ignore[union-attr]
    assert at(log, 100).show_ends_at == t(345 + 42.875 + 60)
    assert at(log, 447.875).ended_at == t(447.875)


@pytest.mark.parametrize(("seconds", "deadline"), [(30, 60), (60, 90), (95, 125)])
def test_extend_moves_the_deadline_by_30_s_1_min_or_a_custom_amount(
    seconds: int, deadline: float
) -> None:
    state = at(play(("start", 0), ("extend", 5, seconds)), 5)

    assert (state.deadline, state.extra_ms) == (t(deadline), seconds * 1000)


def test_shorten_pulls_the_deadline_in_and_extra_goes_net_negative() -> None:
    state = at(play(("start", 0), ("extend", 1, 30), ("shorten", 2, 45)), 2)

    assert (state.deadline, state.extra_ms) == (t(15), -15_000)


def test_shorten_past_now_ends_the_segment_now_and_starts_the_next() -> None:
    state = at(play(("start", 0), ("shorten", 20, 60)), 20)

    assert (state.segment_index, state.segment_started_at, state.deadline) == (1, t(20), t(30))
    assert state.extra_ms == 0


def test_shorten_while_paused_to_nothing_moves_on_still_paused() -> None:
    state = at(play(("start", 0), ("pause", 25), ("shorten", 26, 5)), 40)

    assert (state.status, state.segment_index, state.remaining_ms) == ("paused", 1, 10_000)
    assert (state.segment_started_at, state.paused_at) == (t(26), t(25))


def test_skip_starts_the_next_segment_now() -> None:
    state = at(play(("start", 0), ("skip", 7)), 7)

    assert (state.segment_index, state.segment_started_at, state.deadline) == (1, t(7), t(17))


def test_skip_while_paused_keeps_the_clock_paused_on_the_next_segment() -> None:
    state = at(play(("start", 0), ("pause", 5), ("skip", 6)), 60)

    assert (state.status, state.segment_index, state.remaining_ms) == ("paused", 1, 10_000)


def test_skip_past_the_last_segment_ends_the_session() -> None:
    state = at(play(("start", 0), ("skip", 320)), 320)  # in the wrap-up

    assert (state.status, state.ended_at) == ("ended", t(320))


@pytest.mark.parametrize(
    ("when", "from_index", "to_index"),
    [(1, 0, 1), (55, 3, 9), (135, 7, 9), (150, 8, 9), (230, 11, 15)],
)
def test_skip_round_jumps_to_the_next_round_or_the_wrapup(
    when: float, from_index: int, to_index: int
) -> None:
    log = play(("start", 0))
    assert at(log, when).segment_index == from_index

    state = at(play(("start", 0), ("skip_round", when)), when)

    assert (state.segment_index, state.segment_started_at) == (to_index, t(when))
    assert state.segment == SHOW[to_index]


def test_skip_round_in_the_wrapup_is_refused() -> None:
    with pytest.raises(Conflict, match="no later round or wrap-up to skip to"):
        play(("start", 0), ("skip_round", 310))


def test_back_restarts_the_previous_segment_at_full_length() -> None:
    state = at(play(("start", 0), ("back", 45)), 45)  # 45 s is in segment 2

    assert (state.segment_index, state.segment_started_at, state.deadline) == (1, t(45), t(55))


def test_back_while_paused_stays_paused_with_the_full_length() -> None:
    state = at(play(("start", 0), ("pause", 45), ("back", 46)), 50)

    assert (state.status, state.segment_index, state.remaining_ms) == ("paused", 1, 10_000)


def test_end_stops_the_session_now() -> None:
    state = at(play(("start", 0), ("end", 99.5)), 200)

    assert (state.status, state.ended_at, state.show_ends_at, state.remaining_ms) == (
        "ended",
        t(99.5),
        t(99.5),
        None,
    )


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([("pause", 1)], "The session has not started yet. Start it first."),
        ([("start", 0), ("start", 1)], "The session has already started."),
        ([("start", 0), ("pause", 1), ("pause", 2)], "The clock is already paused."),
        ([("start", 0), ("resume", 1)], "The clock is already running."),
        ([("start", 0), ("back", 1)], "This is the first segment; there is nothing to go back to."),
        ([("start", 0), ("end", 1), ("extend", 2, 30)], "The session has already ended."),
        ([("start", 0), ("end", 1), ("start", 2)], "The session has already ended."),
        ([("start", 0), ("skip", 400)], "The session has already ended."),
    ],
)
def test_controls_that_do_not_fit_the_state_are_refused_clearly(
    steps: list[tuple[str, float] | tuple[str, float, int]], message: str
) -> None:
    with pytest.raises(Conflict) as caught:
        play(*steps)

    assert caught.value.detail == message


@pytest.mark.parametrize(
    ("kind", "seconds", "field"),
    [
        ("rewind", 0, "kind"),
        ("extend", -30, "seconds"),
        ("extend", 0, "seconds"),
        ("shorten", 3601, "seconds"),
        ("pause", 5, "seconds"),
    ],
)
def test_bad_input_is_invalid(kind: str, seconds: int, field: str) -> None:
    log = play(("start", 0))

    with pytest.raises(Invalid) as caught:
        apply_control(SHOW, log, control(kind, 1, seconds), t(1))

    assert [e.field for e in caught.value.errors] == [field]


def test_naive_empty_id_backdated_or_future_controls_are_invalid() -> None:
    log = play(("start", 10))
    naive = Control(id="n", kind="pause", at=datetime(2025, 5, 6, 9, 0, 20))

    for bad, now in [
        (naive, t(20)),
        (replace(control("pause", 20), id=""), t(20)),
        (control("pause", 5), t(20)),
        (control("pause", 30), t(20)),
    ]:
        with pytest.raises(Invalid):
            apply_control(SHOW, log, bad, now)
    with pytest.raises(Invalid, match="timezone-aware"):
        state_at(SHOW, log, datetime(2025, 5, 6, 9, 0, 20))


def test_a_retried_control_acts_once_even_when_it_would_now_be_refused() -> None:
    log = play(("start", 0))
    pause = control("pause", 5, id="click-1")
    once = apply_control(SHOW, log, pause, t(5), expected_seq=1)

    retried = replace(pause, at=t(6))  # the retry arrives later, with the seq it saw before
    assert apply_control(SHOW, once, retried, t(6), expected_seq=1) == once
    assert len(once) == 2
    assert at(once, 6).remaining_ms == 25_000


def test_an_id_reused_for_a_different_control_is_invalid() -> None:
    log = play(("start", 0))
    log = apply_control(SHOW, log, control("extend", 5, 30, id="k"), t(5))

    with pytest.raises(Invalid, match="already used for a different control"):
        apply_control(SHOW, log, control("extend", 6, 60, id="k"), t(6))


def test_a_double_click_with_the_same_seen_seq_acts_once() -> None:
    log = play(("start", 0))
    first = apply_control(SHOW, log, control("extend", 5, 30), t(5), expected_seq=1)

    with pytest.raises(Conflict) as caught:
        apply_control(SHOW, first, control("extend", 5, 30), t(5), expected_seq=1)

    assert caught.value.detail.startswith("The clock changed since you looked: you saw step 1")
    assert apply_control(SHOW, first, control("extend", 6, 30), t(6), expected_seq=2)[-1].seconds


def test_the_log_records_who_did_what_and_when() -> None:
    log = play(("start", 0), ("pause", 3.5))

    assert [(c.kind, c.at, c.by) for c in log] == [("start", t(0), "Ana"), ("pause", t(3.5), "Ana")]


def test_the_state_at_a_time_ignores_controls_logged_later() -> None:
    log = play(("start", 0), ("pause", 10), ("resume", 20))

    assert at(log, 15) == at(log[:2], 15)
    assert at(log, 5).seq == 1


def test_sub_millisecond_and_non_utc_times_are_normalised_to_utc_milliseconds() -> None:
    plus2 = timezone(timedelta(hours=2))
    start = Control(id="s", kind="start", at=(T0 + timedelta(microseconds=1_999)).astimezone(plus2))
    log = apply_control(SHOW, (), start, start.at)

    state = state_at(SHOW, log, t(1).astimezone(plus2))
    assert (state.segment_started_at, state.deadline) == (t(0.001), t(30.001))
    assert state.deadline.tzinfo is UTC  # type: ignore[union-attr]
    assert state.remaining_ms == 29_001


def test_a_log_apply_control_could_not_have_written_is_rejected() -> None:
    start = control("start", 0)
    for log in [
        (start, replace(start, at=t(1))),  # repeated id
        (start, control("pause", 5), control("resume", 3)),  # out of time order
        (start, control("resume", 1)),  # does not fit the state
    ]:
        with pytest.raises(Invalid):
            state_at(SHOW, log, t(10))


def test_a_thousand_controls_evaluate_quickly() -> None:
    log = [control("start", 0)]
    for i in range(1, 1000):
        log.append(control("pause" if i % 2 else "resume", i / 10))
    big = build_run_of_show(ShowConfig(rounds=100, break_seconds=60, break_every=3))

    began = time.perf_counter()
    state = state_at(big, log, t(10**6))
    far = state_at(big, log[:1], t(10**5))
    assert time.perf_counter() - began < 0.5
    assert (state.seq, state.status, far.status) == (1000, "paused", "ended")


# Property tests over random facilitator sessions.

Step = tuple[str, int, int]  # kind, gap in ms since the previous step, seconds
steps = st.lists(
    st.tuples(st.sampled_from(CONTROL_KINDS), st.integers(0, 25_000), st.integers(1, 90)),
    max_size=25,
)


def build(start_gap: int, plan: list[Step]) -> tuple[tuple[Control, ...], dict[int, ClockState]]:
    """Play random steps through apply_control; refused ones must leave the log alone.

    Returns the log and, for every instant a step was tried, the state right after it.
    """
    log: tuple[Control, ...] = ()
    seen: dict[int, ClockState] = {}
    now_ms = start_gap
    for i, (kind, gap, seconds) in enumerate([("start", 0, 0), *plan]):
        now_ms += gap
        now = T0 + timedelta(milliseconds=now_ms)
        new = Control(str(i), kind, now, seconds if kind in {"extend", "shorten"} else 0)
        with contextlib.suppress(Conflict):  # refused: the log must stay as it was
            log = apply_control(SHOW, log, new, now, expected_seq=len(log))
        seen[now_ms] = state_at(SHOW, log, now)
    return log, seen


@PROPERTY
@given(st.integers(0, 5_000), steps, st.sampled_from(CONTROL_KINDS), st.integers(0, 30_000))
def test_property_apply_and_evaluate_is_apply_control_then_state_at(
    gap: int, plan: list[Step], kind: str, late_ms: int
) -> None:
    log, _ = build(gap, plan)
    when = (log[-1].at if log else T0) + timedelta(milliseconds=late_ms)
    now = when + timedelta(milliseconds=late_ms // 3)
    seconds = 45 if kind in {"extend", "shorten"} else 0
    for new in (Control("next", kind, when, seconds), log[-1]):  # a new control, then a retry
        try:
            expected = apply_control(SHOW, log, new, now)
        except (Conflict, Invalid) as refused:
            with pytest.raises(type(refused)):
                apply_and_evaluate(SHOW, log, new, now)
            continue
        assert apply_and_evaluate(SHOW, log, new, now) == (expected, state_at(SHOW, expected, now))


@PROPERTY
@given(st.integers(0, 5_000), steps, st.data(), st.sampled_from(CONTROL_KINDS))
def test_property_a_replay_extended_in_parts_applies_like_the_whole_log(
    gap: int, plan: list[Step], data: st.DataObject, kind: str
) -> None:
    """What a worker's cached replay gives is what replaying the stored log gives."""
    log, _ = build(gap, plan)
    split = data.draw(st.integers(0, len(log)), label="split")
    whole = replay(SHOW, log)
    parts = replay(SHOW, log[:split]).extend(log[split:])
    assert (parts.log, parts.run, parts.ids) == (whole.log, whole.run, whole.ids)
    when = (log[-1].at if log else T0) + timedelta(seconds=7)
    new = Control("next", kind, when, 45 if kind in {"extend", "shorten"} else 0)
    try:
        applied, state = apply_replayed(parts, new, when)
    except (Conflict, Invalid) as refused:
        with pytest.raises(type(refused)):
            apply_control(SHOW, log, new, when)
        return
    assert applied.log == (*log, new)
    assert state == state_at(SHOW, applied.log, when)
    assert applied.run == replay(SHOW, applied.log).run
    assert apply_replayed(applied, new, when) == (applied, state)  # a retry changes nothing


def position(state: ClockState) -> float:
    if state.status == "ended":
        return float("inf")
    return -1 if state.segment_index is None else state.segment_index


@PROPERTY
@given(st.integers(0, 5_000), steps, st.integers(-10_000, 600_000))
def test_property_same_show_log_and_time_give_the_same_state(
    gap: int, plan: list[Step], when: int
) -> None:
    log, _ = build(gap, plan)
    now = T0 + timedelta(milliseconds=when)
    restarted = build_run_of_show(CONFIG)  # another worker rebuilds everything from storage
    copied = [Control(c.id, c.kind, c.at, c.seconds, c.by) for c in log]

    assert state_at(SHOW, log, now) == state_at(restarted, copied, now) == state_at(SHOW, log, now)


@PROPERTY
@given(st.integers(0, 5_000), steps, st.lists(st.integers(-1_000, 600_000), max_size=5))
def test_property_replaying_the_log_reproduces_every_state_seen_while_building_it(
    gap: int, plan: list[Step], probes: list[int]
) -> None:
    log, seen = build(gap, plan)

    for when_ms, state in seen.items():
        assert state_at(SHOW, log, T0 + timedelta(milliseconds=when_ms)) == state
    for when_ms in probes:
        now = T0 + timedelta(milliseconds=when_ms)
        prefix = tuple(c for c in log if c.at <= now)
        assert state_at(SHOW, log, now) == state_at(SHOW, prefix, now)


@PROPERTY
@given(st.integers(0, 5_000), st.lists(st.integers(0, 60_000), max_size=30))
def test_property_pauses_only_shift_the_end_by_exactly_their_length(
    gap: int, gaps: list[int]
) -> None:
    plan = [("pause" if i % 2 == 0 else "resume", g, 0) for i, g in enumerate(gaps)]
    log, _ = build(gap, [*plan, ("resume", 1, 0)])
    paused_ms = 0
    for pause, resume in zip(log[1::2], log[2::2], strict=False):
        assert (pause.kind, resume.kind) == ("pause", "resume")
        paused_ms += (resume.at - pause.at) // timedelta(milliseconds=1)

    final = state_at(SHOW, log, log[-1].at + timedelta(seconds=planned_seconds(SHOW)))
    assert final.status == "ended"
    assert final.ended_at is not None
    running_ms = (final.ended_at - log[0].at) // timedelta(milliseconds=1) - paused_ms
    assert running_ms == planned_seconds(SHOW) * 1000


@PROPERTY
@given(st.integers(0, 5_000), steps, st.lists(st.integers(-1_000, 600_000), max_size=8))
def test_property_remaining_is_positive_and_deadlines_are_ahead_while_running(
    gap: int, plan: list[Step], probes: list[int]
) -> None:
    log, seen = build(gap, plan)

    for state in [*seen.values(), *(state_at(SHOW, log, t(ms / 1000)) for ms in probes)]:
        if state.status in {"running", "paused"}:
            segment: Segment = state.segment  # type: ignore[assignment]
            assert state.remaining_ms is not None
            assert 0 < state.remaining_ms <= segment.seconds * 1000 + state.extra_ms
        if state.status == "running":
            assert state.deadline is not None
            assert state.deadline > state.as_of
        assert state.seq == sum(1 for c in log if c.at <= state.as_of)


@PROPERTY
@given(
    st.integers(0, 5_000),
    steps.map(lambda plan: [step for step in plan if step[0] != "back"]),
    st.lists(st.integers(-1_000, 700_000), min_size=2, max_size=12),
)
def test_property_without_back_the_segment_never_moves_backwards(
    gap: int, plan: list[Step], probes: list[int]
) -> None:
    log, _ = build(gap, plan)

    positions = [position(state_at(SHOW, log, t(ms / 1000))) for ms in sorted(probes)]
    assert positions == sorted(positions)


def test_a_control_logged_within_a_millisecond_counts_in_that_millisecond_state() -> None:
    """The clock counts whole milliseconds: a skip stored at 5.0009 s is in the state at 5.000 s
    (the state's own times are floored), so the skip is never "in the future" of its own ms."""
    log = play(("start", 0), ("skip", 5.0009))

    assert state_at(SHOW, log, t(5.0)).segment_index == 1
    assert state_at(SHOW, log, t(4.999)).segment_index == 0
