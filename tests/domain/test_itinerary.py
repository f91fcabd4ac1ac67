"""Itinerary rules: round times from the run of show, stops per person, what changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.clock.run_of_show import ShowConfig, build_run_of_show
from app.domain.prep.cards import PrepContent, ask_finding, suggestions
from app.domain.prep.itinerary import Stop, changes, round_times, stops_for

START = datetime(2027, 1, 14, 8, 0, tzinfo=UTC)


def test_rounds_start_after_the_welcome_and_each_changeover() -> None:
    show = build_run_of_show(ShowConfig(rounds=3, welcome_seconds=300, changeover_seconds=60))
    times = round_times(show, START)
    assert times[1] == (START + timedelta(minutes=5), 600)
    assert times[2][0] == START + timedelta(minutes=5 + 10 + 1)
    assert times[3][0] == START + timedelta(minutes=5 + 2 * 11)


def test_stops_include_sitting_out_and_changes_name_what_moved() -> None:
    rounds = [
        {
            "number": 1,
            "groups": [{"table": "Table 1", "members": ["1", "2"]}],
            "sitting_out": ["3"],
        },
        {
            "number": 2,
            "groups": [{"table": "Table 1", "members": ["1", "3"]}],
            "sitting_out": ["2"],
        },
    ]
    before = stops_for(rounds, 1, {}, START)
    assert [(s.table, s.counterparts) for s in before] == [("Table 1", (2,)), ("Table 1", (3,))]
    assert stops_for(rounds, 3, {}, START)[0].table is None
    after = [before[0], Stop(2, START, 0, "Table 2", (2,))]
    names = {2: "Marcus", 3: "Priya"}
    assert changes(before, after, names) == [
        "Round 2: now Table 2 with Marcus (was Table 1 with Priya)."
    ]
    assert changes(before, before, names) == []


def test_suggestions_use_both_agendas_and_a_shared_goal() -> None:
    mine = {"butterfly_issue": "Late data", "butterfly_targets": ["Sales"], "pressing_goal_id": 7}
    theirs = {"pressing_issue": "Deals stall", "butterfly_goal_id": 7, "butterfly_targets": []}
    hints = suggestions(mine, theirs, "Finance", "Sales", {7: "Grow revenue"})
    assert hints == [
        "Their most pressing issue: Deals stall",
        "You push an issue onto Sales: Late data",
        "A company goal you both touch: Grow revenue",
    ]


def test_an_ask_is_checked_and_a_blank_card_is_not_prepared() -> None:
    assert not PrepContent(my_offer="Help").is_prepared()
    complaint = ask_finding(PrepContent(my_ask="Sales never sends anything, it is useless."))
    assert complaint is not None
    assert complaint.complaint
    assert ask_finding(PrepContent()) is None
