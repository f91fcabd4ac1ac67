"""The executive summary: figures by hand, ordering, overdue, follow-through, Markdown and CSV."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.summary.build import build_summary, summary_to_csv_rows, summary_to_markdown
from app.domain.summary.export import escape_markdown
from app.domain.summary.followup import is_overdue, text_similarity
from app.domain.summary.model import (
    ActionItemRecord,
    ActionStatus,
    AgendaRecord,
    BoardItemRecord,
    FrictionChange,
    GoalRecord,
    Impact,
    ImpactEdge,
    ParticipantRecord,
    PreviousSession,
    RoundPreparation,
    SummaryInputs,
)

TODAY = date(2026, 11, 23)
T = TypeVar("T")
OPEN, DONE = ActionStatus.OPEN, ActionStatus.DONE


def person(pid: int, name: str, department: str, attended: bool = True) -> ParticipantRecord:
    return ParticipantRecord(pid, name, department, attended)


def item(
    iid: int,
    source: str,
    targets: tuple[str, ...],
    text: str,
    impact: Impact = Impact.MEDIUM,
    **extra: Any,
) -> BoardItemRecord:
    return BoardItemRecord(iid, source, targets, text, impact, **extra)


def action(
    aid: int,
    owner: int | None,
    what: str,
    due: date | None,
    status: ActionStatus = OPEN,
    item_id: int | None = None,
    blocked_reason: str = "",
) -> ActionItemRecord:
    return ActionItemRecord(aid, item_id, owner, what, due, status, blocked_reason)


PREVIOUS = PreviousSession(
    title="Q3 roundtable",
    participants=(person(1, "Ann", "Sales"), person(2, "Bo", "Finance")),
    items=(
        item(50, "Sales", ("Finance",), "Discount approvals take over a week", Impact.HIGH),
        item(51, "Finance", ("Operations",), "Month-end close needs counts", Impact.CRITICAL),
        item(52, "Operations", ("Sales",), "Order changes", Impact.LOW),
    ),
    action_items=(
        action(60, 1, "Write discount policy", date(2026, 11, 1), DONE),
        action(61, 2, "Inventory count schedule", date(2026, 11, 30)),
        action(62, 2, "Close checklist", date(2026, 11, 10), ActionStatus.BLOCKED, None, "Audit"),
    ),
)

INPUTS = SummaryInputs(
    title="Q4 roundtable",
    participants=(
        person(1, "Ann", "Sales"),
        person(2, "Bo", "Finance"),
        person(3, "Cy", "Operations"),
        person(4, "Di", "People", attended=False),
    ),
    agendas=(
        AgendaRecord(1, True, "Deals stall in legal review", "Legal SLA of 3 days", 1),
        AgendaRecord(2, True, "Forecasts arrive late", "Weekly pipeline export"),
        AgendaRecord(3, False, "Draft only, not submitted"),
    ),
    rounds_played=3,
    pairs_met=frozenset({frozenset({1, 2}), frozenset({1, 3}), frozenset({2, 3})}),
    items=(
        item(
            10,
            "Sales",
            ("Finance",),
            "Discount approvals take a week",
            Impact.HIGH,
            goal_id=1,
            votes=4,
        ),
        item(
            11,
            "Sales",
            ("Finance", "Operations"),
            "Custom contracts need manual invoicing",
            goal_id=1,
            votes=2,
        ),
        item(
            12,
            "Operations",
            ("sales",),
            "Late order changes break the shipping plan",
            Impact.CRITICAL,
            votes=4,
        ),
        item(13, "Finance", ("Finance",), "Budget sheet has two versions", Impact.LOW, goal_id=2),
        item(14, "Sales", ("Finance",), "Removed by the facilitator", Impact.LOW, removed=True),
        item(15, "Sales", ("Finance",), "Approvals are slow", Impact.HIGH, merged_into=10),
    ),
    action_items=(
        action(100, 2, "Set up a 48h discount approval lane", date(2026, 11, 22), item_id=10),
        action(
            101,
            3,
            "Freeze order changes 5 days before shipping",
            TODAY,
            ActionStatus.IN_PROGRESS,
            12,
        ),
        action(102, 1, "Template for custom contracts", date(2026, 11, 20), DONE, 11),
        action(
            103,
            None,
            "Pick an owner for forecasting",
            None,
            ActionStatus.BLOCKED,
            None,
            "Waiting for CFO",
        ),
    ),
    goals=(GoalRecord(2, "Cut onboarding time"), GoalRecord(1, "Grow revenue")),
    previous=PREVIOUS,
    preparation=(RoundPreparation(2, 6, 3, 1), RoundPreparation(1, 6, 5, 2)),  # any order
)


def test_headline_figures_count_attendance_agendas_pairs_and_captured_items() -> None:
    headline = build_summary(INPUTS, today=TODAY).headline

    assert (headline.attended, headline.participants) == (3, 4)
    assert headline.agendas_submitted == 2
    assert (headline.rounds_played, headline.pairs_met) == (3, 3)
    assert headline.items_captured == 4  # 14 removed and 15 merged do not count
    assert (headline.action_items, headline.action_items_overdue) == (4, 1)


def test_edges_sum_impact_weights_ignore_self_loops_and_merge_spellings() -> None:
    edges = build_summary(INPUTS, today=TODAY).edges

    # Sales→Finance: high 3 + medium 2; Operations→"sales": critical 5; Finance→Finance ignored.
    assert edges == (
        ImpactEdge("Sales", "Finance", 2, 5),
        ImpactEdge("Operations", "Sales", 1, 5),
        ImpactEdge("Sales", "Operations", 1, 2),
    )


def test_pressing_issues_are_the_agendas_topic_two_only() -> None:
    pressing = build_summary(INPUTS, today=TODAY).pressing

    # Board items are not "most pressing issues"; the draft agenda is not either.
    assert [(p.rank, p.kind, p.ref_id, p.text) for p in pressing] == [
        (1, "agenda", 1, "Deals stall in legal review"),  # equal: 1 department, 0 votes; by text
        (2, "agenda", 2, "Forecasts arrive late"),
    ]
    assert all(p.kind == "agenda" and p.impact is None for p in pressing)
    legal = next(p for p in pressing if p.ref_id == 1)
    assert (legal.goal, legal.ask, legal.departments) == (
        "Grow revenue",
        "Legal SLA of 3 days",
        ("Sales",),
    )


def test_pressing_issues_rank_by_departments_sharing_them_then_by_votes() -> None:
    people = tuple(
        person(i, f"P{i}", d) for i, d in enumerate(["Sales", "Finance", "Ops", "HR"], 1)
    )
    inputs = SummaryInputs(
        title="t",
        participants=people,
        agendas=(
            AgendaRecord(1, True, "Hand-overs between teams lose customer details"),
            AgendaRecord(2, True, "Hand-overs lose customer details between teams"),
            AgendaRecord(3, True, "Budget approvals are slow"),
            AgendaRecord(4, True, "Hiring plans arrive too late"),
        ),
        items=(
            item(1, "HR", ("Ops",), "Hiring plans arrive too late for recruiting", votes=3),
            item(2, "Ops", ("HR",), "Hiring plans arrive too late", votes=2, removed=True),
        ),
    )
    pressing = build_summary(inputs, today=TODAY).pressing

    assert [(p.rank, p.departments, p.votes) for p in pressing] == [
        (1, ("Finance", "Sales"), 0),  # shared by two departments beats any votes
        (2, ("HR",), 3),  # votes on the board item that says the same (removed one ignored)
        (3, ("Ops",), 0),
    ]
    assert pressing[0].text == "Hand-overs lose customer details between teams"  # Finance's words


def test_headline_figures_carry_a_definition_and_one_value_for_every_format() -> None:
    summary = build_summary(INPUTS, today=TODAY)
    figures = {f.key: f for f in summary.figures}

    assert figures["attendance"].value == "3 of 4"
    assert "never connected" in figures["attendance"].definition
    assert figures["items_captured"].value == "4"
    assert "visible to the room" in figures["items_captured"].definition
    assert figures["action_items"].value == "4 (1 overdue)"
    assert all(f.definition for f in summary.figures)
    markdown = summary_to_markdown(summary)
    rows = summary_to_csv_rows(summary)["figures"]
    for f in summary.figures:
        assert f"| {f.label} | {f.value} |" in markdown
        assert [f.key, f.label, f.value, str(f.count), f.definition] in rows


def test_held_items_are_counted_apart_from_captured_ones() -> None:
    summary = build_summary(replace(INPUTS, held_items=2), today=TODAY)

    assert (summary.headline.items_captured, summary.headline.items_held) == (4, 2)


def test_the_three_biggest_frictions_say_who_pushes_what_onto_whom() -> None:
    frictions = build_summary(INPUTS, today=TODAY).frictions

    assert [(f.source, f.target, f.items, f.weight, f.votes) for f in frictions] == [
        ("Sales", "Finance", 2, 5, 6),
        ("Operations", "Sales", 1, 5, 4),
        ("Sales", "Operations", 1, 2, 2),
    ]
    assert frictions[0].texts == (
        "Discount approvals take a week",
        "Custom contracts need manual invoicing",
    )


def test_markdown_marks_each_item_with_its_source() -> None:
    inputs = replace(
        INPUTS,
        items=(
            item(1, "Sales", ("Finance",), "Seeded", origin="agenda"),
            item(2, "Ops", ("Sales",), "Typed"),
        ),
    )
    markdown = summary_to_markdown(build_summary(inputs, today=TODAY))

    assert "source: agenda): Seeded" in markdown
    assert "source: live): Typed" in markdown
    pressing = markdown.split("## Most pressing issues")[1].split("##")[0]
    assert "| board |" not in pressing
    assert "| agenda |" in pressing


def test_items_are_grouped_by_goal_in_goal_order_with_the_rest_unaligned() -> None:
    summary = build_summary(INPUTS, today=TODAY)

    groups = [(g.goal, [i.id for i in g.items]) for g in summary.goals]
    assert groups == [("Grow revenue", [10, 11]), ("Cut onboarding time", [13])]
    assert [i.id for i in summary.unaligned] == [12]
    assert summary.items[0].to_teams == ("Sales",)  # typed "sales", shown as the department


def test_action_items_are_ordered_by_due_date_with_owner_and_overdue() -> None:
    actions = build_summary(INPUTS, today=TODAY).actions

    assert [(a.id, a.owner, a.department, a.overdue) for a in actions] == [
        (102, "Ann", "Sales", False),  # past due but done
        (100, "Bo", "Finance", True),
        (101, "Cy", "Operations", False),  # due today is not overdue yet
        (103, "", "", False),  # no due date, no owner
    ]
    assert actions[1].item_text == "Discount approvals take a week"


@pytest.mark.parametrize(
    ("due", "status", "overdue"),
    [
        (TODAY - timedelta(days=1), OPEN, True),
        (TODAY, OPEN, False),
        (TODAY + timedelta(days=1), OPEN, False),
        (TODAY - timedelta(days=1), DONE, False),
        (TODAY - timedelta(days=1), ActionStatus.BLOCKED, True),
        (TODAY - timedelta(days=1), ActionStatus.IN_PROGRESS, True),
        (None, OPEN, False),
    ],
)
def test_overdue_means_due_before_today_and_not_done(
    due: date | None, status: ActionStatus, overdue: bool
) -> None:
    assert is_overdue(action(1, 1, "x", due, status), TODAY) is overdue


def test_follow_through_sorts_previous_actions_and_finds_recurring_items() -> None:
    follow = build_summary(INPUTS, today=TODAY).follow_through
    assert follow is not None

    assert follow.previous_title == "Q3 roundtable"
    assert [a.id for a in follow.done] == [60]
    assert [a.id for a in follow.still_open] == [61]
    assert [a.id for a in follow.overdue] == [62]
    # 4 of 5 words shared and the same pair; "Order changes" shares too few words with item 12.
    [recurring] = follow.recurring
    assert (recurring.item_id, recurring.previous_item_id) == (10, 50)
    assert recurring.pairs == (("Sales", "Finance"),)
    assert recurring.similarity == pytest.approx(4 / 5)


def test_follow_through_reports_friction_that_rose_and_fell() -> None:
    follow = build_summary(INPUTS, today=TODAY).follow_through
    assert follow is not None

    assert follow.friction_rose == (
        FrictionChange("Operations", "Sales", 1, 5),
        FrictionChange("Sales", "Finance", 3, 5),
        FrictionChange("Sales", "Operations", 0, 2),
    )
    assert follow.friction_fell == (FrictionChange("Finance", "Operations", 5, 0),)
    assert follow.friction_fell[0].delta == -5


def test_no_previous_session_means_no_follow_through() -> None:
    summary = build_summary(SummaryInputs(title="First"), today=TODAY)

    assert summary.follow_through is None
    assert summary.edges == ()
    assert summary.pressing == ()
    assert summary.actions == ()


def test_recurring_needs_the_same_pair_not_only_similar_text() -> None:
    previous = PreviousSession(
        "Q3", items=(item(1, "Sales", ("Legal",), "Discount approvals slow"),)
    )
    inputs = SummaryInputs(
        title="Q4",
        items=(item(2, "Sales", ("Finance",), "Discount approvals slow"),),
        previous=previous,
    )

    follow = build_summary(inputs, today=TODAY).follow_through
    assert follow is not None
    assert follow.recurring == ()


def test_text_similarity_ignores_case_punctuation_and_short_words() -> None:
    assert text_similarity("Approvals: SLOW!", "approvals are slow") == pytest.approx(2 / 3)
    assert text_similarity("a to", "to a") == 0.0


# ------------------------------------------------------------------------- determinism

NAMES = ["Sales", "sales", "Finance", "FINANCE ", "Ops", "People & Culture"]


@st.composite
def inputs_strategy(draw: st.DrawFn) -> SummaryInputs:
    item_ids = draw(st.lists(st.integers(1, 60), unique=True, max_size=10))
    items = tuple(
        item(
            iid,
            draw(st.sampled_from(NAMES)),
            tuple(draw(st.lists(st.sampled_from(NAMES), max_size=3))),
            draw(st.sampled_from(["Slow approvals", "slow approvals", "Late data", "B", "b"])),
            draw(st.sampled_from(list(Impact))),
            goal_id=draw(st.sampled_from([None, 1, 2, 9])),
            votes=draw(st.integers(0, 3)),
            removed=draw(st.booleans()),
        )
        for iid in item_ids
    )
    people = tuple(
        person(pid, draw(st.sampled_from(["Ann", "ann", "Bo"])), draw(st.sampled_from(NAMES)))
        for pid in draw(st.lists(st.integers(1, 9), unique=True, max_size=5))
    )
    actions = tuple(
        action(
            aid,
            draw(st.sampled_from([None, 1, 2, 3])),
            draw(st.sampled_from(["Do it", "do it", "Call"])),
            draw(st.sampled_from([None, TODAY, TODAY - timedelta(days=1)])),
            draw(st.sampled_from(list(ActionStatus))),
            draw(st.sampled_from([None, *item_ids])),
        )
        for aid in draw(st.lists(st.integers(1, 30), unique=True, max_size=6))
    )
    agendas = tuple(
        AgendaRecord(p.id, draw(st.booleans()), draw(st.sampled_from(["Late data", "Slow"])))
        for p in people
    )
    previous = PreviousSession("Before", people, items[: len(items) // 2], actions[:2])
    return SummaryInputs(
        "T", people, agendas, 2, frozenset(), items, actions, (GoalRecord(1, "G1"),), previous
    )


@settings(max_examples=60, deadline=None)
@given(inputs=inputs_strategy(), data=st.data())
def test_permuting_the_inputs_gives_the_same_summary(
    inputs: SummaryInputs, data: st.DataObject
) -> None:
    def shuffled(values: tuple[T, ...]) -> tuple[T, ...]:
        return tuple(data.draw(st.permutations(values)))

    assert inputs.previous is not None
    previous = PreviousSession(
        inputs.previous.title,
        shuffled(inputs.previous.participants),
        shuffled(inputs.previous.items),
        shuffled(inputs.previous.action_items),
    )
    permuted = SummaryInputs(
        inputs.title,
        shuffled(inputs.participants),
        shuffled(inputs.agendas),
        inputs.rounds_played,
        inputs.pairs_met,
        shuffled(inputs.items),
        shuffled(inputs.action_items),
        inputs.goals,
        previous,
    )

    expected = build_summary(inputs, today=TODAY)
    assert build_summary(permuted, today=TODAY) == expected
    assert summary_to_markdown(build_summary(permuted, today=TODAY)) == summary_to_markdown(
        expected
    )


# ---------------------------------------------------------------------------- Markdown

# The example rendered once and read by a person; regenerate by hand when the format changes.
EXPECTED_MARKDOWN = (
    Path(__file__).parents[1] / "golden" / "summary" / "domain_example.md"
).read_text(encoding="utf-8")


def test_markdown_of_the_example_session() -> None:
    assert summary_to_markdown(build_summary(INPUTS, today=TODAY)) == EXPECTED_MARKDOWN


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain words", "plain words"),
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        ("[link](http://x) <script>", r"\[link\](http://x) \<script\>"),
        ("a | b & c ~~d~~", r"a \| b \& c \~\~d\~\~"),
        ("# heading", r"\# heading"),
        ("- bullet", r"\- bullet"),
        ("1. numbered", r"1\. numbered"),
        ("two\nlines\r\n  here", "two lines here"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_escapes_user_text(text: str, shown: str) -> None:
    assert escape_markdown(text) == shown


def test_markdown_keeps_hostile_text_inside_its_table_cell() -> None:
    inputs = SummaryInputs(
        title="<b>Q4</b>",
        participants=(person(1, "Ann | *boss*", "Sales"),),
        action_items=(action(1, 1, "# fix\n| x | y |", TODAY),),
    )

    text = summary_to_markdown(build_summary(inputs, today=TODAY))

    assert text.startswith("# Executive summary: \\<b\\>Q4\\</b\\>\n")
    row = next(line for line in text.splitlines() if line.startswith("| Ann"))
    assert (
        row == "| Ann \\| \\*boss\\* | Sales | \\# fix \\| x \\| y \\| | 2026-11-23 | open | no |"
    )


# --------------------------------------------------------------------------------- CSV


def test_csv_tables_share_the_summary_order_and_defuse_formulas() -> None:
    inputs = SummaryInputs(
        title="Q4",
        participants=(person(1, "=HYPERLINK()", "Sales"),),
        items=(item(7, "Sales", ("Finance", "Ops"), "+cmd", Impact.CRITICAL, goal_id=1, votes=3),),
        action_items=(action(2, 1, "-1 day", TODAY - timedelta(days=1), item_id=7),),
        goals=(GoalRecord(1, "Grow"),),
    )

    tables = summary_to_csv_rows(build_summary(inputs, today=TODAY))

    assert tables["items"] == [
        ["id", "from_team", "to_teams", "text", "impact", "weight", "votes", "goal", "origin"],
        ["7", "Sales", "Finance; Ops", "'+cmd", "critical", "5", "3", "Grow", "live"],
    ]
    assert tables["action_items"] == [
        [
            *("id", "owner", "department", "what", "due", "status", "overdue"),
            *("blocked_reason", "item_id", "item"),
        ],
        ["2", "'=HYPERLINK()", "Sales", "'-1 day", "2026-11-22", "open", "yes", "", "7", "'+cmd"],
    ]


def test_csv_rows_of_the_example_follow_the_ranking() -> None:
    tables = summary_to_csv_rows(build_summary(INPUTS, today=TODAY))

    assert [row[0] for row in tables["items"][1:]] == ["12", "10", "11", "13"]
    assert [row[0] for row in tables["action_items"][1:]] == ["102", "100", "101", "103"]


def test_markdown_heading_keeps_a_trailing_hash() -> None:
    text = summary_to_markdown(build_summary(SummaryInputs(title="Issue #"), today=TODAY))

    assert text.startswith("# Executive summary: Issue \\#\n")
