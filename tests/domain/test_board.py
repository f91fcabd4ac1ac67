"""The live capture board: capture rules, idempotent commands, facilitation, views, convergence."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.board.engine import (
    FACILITATOR,
    IMPACT_WEIGHTS,
    AgendaSeed,
    Board,
    BoardItem,
    Capture,
    CaptureDraft,
    Command,
    Edit,
    FlagComplaint,
    Impact,
    Lock,
    MakeAction,
    Merge,
    Moderation,
    Origin,
    Pin,
    Remove,
    Restore,
    Seed,
    Unvote,
    Vote,
    apply,
    board_order,
    group_by_pair,
    heat_map,
    item_history,
    items_from_agendas,
    similar_items,
    validate_capture,
    visible_items,
    vote_counts,
)
from app.domain.errors import Conflict, DomainError, Forbidden, Invalid, NotFound

T0 = datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
DEPARTMENTS = ("Sales", "Billing", "Support", "Engineering")
GOALS = frozenset({1, 2})
TEXT = "Discount codes reach billing two days after the invoice run, so invoices go out wrong."
PROPERTY = settings(database=None, deadline=None, max_examples=150)
_ids = itertools.count()


def new_board(**overrides: object) -> Board:
    base = Board(departments=DEPARTMENTS, goal_ids=GOALS, people_names=("Dana",))
    return replace(base, **overrides)  # type: ignore[arg-type]


def draft(**overrides: object) -> CaptureDraft:
    base = CaptureDraft("Sales", ("Billing",), TEXT, "high", goal_id=1)
    return replace(base, **overrides)  # type: ignore[arg-type]


def cid() -> str:
    return f"c{next(_ids)}"


def capture(item_id: str, by: str = "p1", **overrides: object) -> Capture:
    return Capture(id=item_id, by=by, at=T0, draft=draft(**overrides))


def run(board: Board, *commands: Command) -> Board:
    for command in commands:
        board, _ = apply(board, command)
    return board


def item(board: Board, item_id: str) -> BoardItem:
    found = board.find(item_id)
    assert found is not None
    return found


def voters(board: Board, item_id: str) -> set[str]:
    return {person for i, person in board.votes if i == item_id}


# --- capture rules -------------------------------------------------------------------------


def test_a_complete_capture_has_no_errors() -> None:
    assert validate_capture(draft(), departments=DEPARTMENTS, goal_ids=GOALS) == []
    no_goal = draft(goal_id=None, no_goal=True, round_no=2, with_person="Dana")
    assert validate_capture(no_goal, departments=DEPARTMENTS, goal_ids=GOALS) == []


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"from_team": " "}, "from_team", "team's name"),
        ({"from_team": "x" * 121}, "from_team", "at most 120"),
        ({"to_teams": ()}, "to_teams", "at least one team"),
        ({"to_teams": ("A1", "B1", "C1", "D1", "E1", "F1")}, "to_teams", "at most 5"),
        ({"to_teams": ("Billing", "sales")}, "to_teams.1", "another team"),
        ({"to_teams": ("Billing", " billing ")}, "to_teams.1", "listed twice"),
        ({"to_teams": ("Billing", "y" * 121)}, "to_teams.1", "at most 120"),
        ({"what_happens": "Too short"}, "what_happens", "at least 10"),
        ({"what_happens": "x" * 601}, "what_happens", "at most 600"),
        ({"impact": "huge"}, "impact", "low, medium, high or critical"),
        ({"goal_id": None}, "goal_id", "no goal"),
        ({"goal_id": 9}, "goal_id", "this session's goals"),
        ({"goal_id": 1, "no_goal": True}, "goal_id", "not both"),
        ({"round_no": 0}, "round_no", "starts at 1"),
        ({"with_person": "z" * 121}, "with_person", "at most 120"),
    ],
)
def test_each_capture_rule_names_its_field(
    overrides: dict[str, object], field: str, words: str
) -> None:
    errors = validate_capture(draft(**overrides), departments=DEPARTMENTS, goal_ids=GOALS)
    assert [e.field for e in errors] == [field]
    assert words in errors[0].message


def test_known_teams_take_their_canonical_spelling_and_free_text_teams_are_kept() -> None:
    board = run(new_board(), capture("i1", from_team=" sales", to_teams=("BILLING", "Legal  team")))
    assert item(board, "i1").from_team == "Sales"
    assert item(board, "i1").to_teams == ("Billing", "Legal team")


def test_an_invalid_capture_is_refused_with_field_errors_and_changes_nothing() -> None:
    board = new_board()
    with pytest.raises(Invalid) as refused:
        apply(board, capture("i1", what_happens="short"))
    assert refused.value.errors[0].field == "what_happens"
    assert apply(board, capture("i1"))[0].find("i1") is not None  # the id was not burned


# --- idempotency ---------------------------------------------------------------------------


def test_a_retried_capture_returns_the_existing_item_unchanged() -> None:
    board, entries = apply(new_board(), capture("i1"))
    assert [e.action for e in entries] == ["capture"]
    again, entries = apply(board, capture("i1", what_happens="A different text entirely."))
    assert again == board
    assert entries == ()
    assert item(again, "i1").what_happens == TEXT


def test_an_item_id_taken_by_someone_else_is_a_conflict() -> None:
    board = run(new_board(), capture("i1", by="p1"))
    board = replace(board, seen=frozenset())  # a fresh command id, same item id
    with pytest.raises(Conflict, match="already uses this id"):
        apply(board, capture("i1", by="p2"))


def test_one_vote_per_person_per_item_however_often_it_is_sent() -> None:
    board = run(new_board(), capture("i1"))
    board = run(board, *(Vote(id=cid(), by="p2", at=T0, item_id="i1") for _ in range(3)))
    board = run(board, Vote(id=cid(), by="p3", at=T0, item_id="i1"))
    assert vote_counts(board) == {"i1": 2}
    board = run(board, *(Unvote(id=cid(), by="p2", at=T0, item_id="i1") for _ in range(2)))
    assert voters(board, "i1") == {"p3"}


def test_a_replayed_vote_after_an_unvote_does_not_vote_again() -> None:
    vote = Vote(id="v1", by="p2", at=T0, item_id="i1")
    board = run(new_board(), capture("i1"), vote, Unvote(id="u1", by="p2", at=T0, item_id="i1"))
    assert run(board, vote) == board


def test_the_facilitator_pins_rather_than_votes() -> None:
    board = run(new_board(), capture("i1"))
    with pytest.raises(Forbidden, match="participants"):
        apply(board, Vote(id=cid(), by=FACILITATOR, at=T0, item_id="i1"))


def test_voting_on_a_missing_or_removed_item_is_refused() -> None:
    board = run(new_board(), capture("i1"))
    with pytest.raises(NotFound):
        apply(board, Vote(id=cid(), by="p2", at=T0, item_id="nope"))
    board = run(board, Remove(id=cid(), by=FACILITATOR, at=T0, item_id="i1"))
    with pytest.raises(Conflict, match="removed"):
        apply(board, Vote(id=cid(), by="p2", at=T0, item_id="i1"))


# --- convergence under retries -------------------------------------------------------------

PEOPLE = ("p1", "p2", "p3")
ITEMS = ("i1", "i2", "i3")


def _command(kind: str, who: str, target: str, other: str, n: int) -> Command:
    at = T0 + timedelta(seconds=n)
    cmd_id = f"k{n}"
    if kind == "capture":
        return Capture(id=target, by=who, at=at, draft=draft(what_happens=f"{TEXT} #{target}"))
    simple: dict[str, Command] = {
        "vote": Vote(id=cmd_id, by=who, at=at, item_id=target),
        "unvote": Unvote(id=cmd_id, by=who, at=at, item_id=target),
        "pin": Pin(id=cmd_id, by=FACILITATOR, at=at, item_id=target, pinned=n % 2 == 0),
        "remove": Remove(id=cmd_id, by=FACILITATOR, at=at, item_id=target),
        "restore": Restore(id=cmd_id, by=FACILITATOR, at=at, item_id=target),
        "merge": Merge(id=cmd_id, by=FACILITATOR, at=at, item_id=target, source_id=other),
        "edit": Edit(id=cmd_id, by=who, at=at, item_id=target, draft=draft(impact="low")),
        "lock": Lock(id=cmd_id, by=FACILITATOR, at=at, locked=n % 2 == 0),
    }
    return simple[kind]


command_lists = st.lists(
    st.tuples(
        st.sampled_from(
            ["capture", "vote", "unvote", "pin", "remove", "restore", "merge", "edit", "lock"]
        ),
        st.sampled_from(PEOPLE),
        st.sampled_from(ITEMS),
        st.sampled_from(ITEMS),
    ),
    max_size=25,
)


def _accepted(commands: list[Command]) -> list[Command]:
    """Keep the commands that succeed in order, as the server would have stored them."""
    board, kept = new_board(), []
    for command in commands:
        try:
            board, _ = apply(board, command)
        except DomainError:
            continue
        kept.append(command)
    return kept


@PROPERTY
@given(spec=command_lists, data=st.data())
def test_any_interleaving_of_retries_converges_to_the_deduplicated_result(
    spec: list[tuple[str, str, str, str]], data: st.DataObject
) -> None:
    commands = _accepted([_command(*s, n) for n, s in enumerate(spec)])
    expected = run(new_board(), *commands)
    # Each retry lands anywhere after its original, any number of times.
    replayed: list[Command] = list(commands)
    for command in data.draw(st.lists(st.sampled_from(commands), max_size=20)) if commands else []:
        first = replayed.index(command)
        at = data.draw(st.integers(first + 1, len(replayed)))
        replayed.insert(at, command)
    assert run(new_board(), *replayed) == expected


# --- facilitation --------------------------------------------------------------------------


def test_merge_carries_votes_and_history_without_double_counting() -> None:
    board = run(new_board(), capture("t", by="p1"), capture("s", by="p5", impact="low"))
    for person, target in (("p2", "t"), ("p3", "t"), ("p3", "s"), ("p4", "s")):
        board = run(board, Vote(id=cid(), by=person, at=T0, item_id=target))
    board, entries = apply(
        board, Merge(id=cid(), by=FACILITATOR, at=T0, item_id="t", source_id="s")
    )
    assert voters(board, "t") == {"p2", "p3", "p4", "p5"}  # p3 once; the source's author counts
    assert voters(board, "s") == set()
    assert item(board, "s").merged_into == "t"
    assert [i.id for i in visible_items(board)] == ["t"]
    assert entries[0].before == {"merged_into": None, "voters": ["p3", "p4"]}
    assert entries[1].before == {"votes": 2}
    assert entries[1].after == {"votes": 4, "source": "s"}
    assert {e.item_id for e in item_history(board, "t")} == {"t", "s"}
    # a vote from a screen that has not seen the merge lands on the target
    board = run(board, Vote(id=cid(), by="p6", at=T0, item_id="s"))
    assert vote_counts(board) == {"t": 5}
    again = Merge(id=cid(), by=FACILITATOR, at=T0, item_id="t", source_id="s")
    assert apply(board, again)[1] == ()


def test_merge_is_the_facilitators_and_needs_two_open_items() -> None:
    board = run(new_board(), capture("a"), capture("b"))
    with pytest.raises(Forbidden, match="facilitator"):
        apply(board, Merge(id=cid(), by="p1", at=T0, item_id="a", source_id="b"))
    with pytest.raises(Conflict, match="itself"):
        apply(board, Merge(id=cid(), by=FACILITATOR, at=T0, item_id="a", source_id="a"))
    board = run(board, Remove(id=cid(), by=FACILITATOR, at=T0, item_id="b"))
    with pytest.raises(Conflict, match="removed"):
        apply(board, Merge(id=cid(), by=FACILITATOR, at=T0, item_id="a", source_id="b"))


def test_removal_is_soft_undoable_and_audited() -> None:
    board = run(new_board(), capture("i1"))
    board, removed = apply(board, Remove(id=cid(), by=FACILITATOR, at=T0, item_id="i1"))
    assert item(board, "i1").removed
    assert visible_items(board) == []
    assert (removed[0].action, removed[0].before, removed[0].after) == (
        "remove",
        {"removed": False},
        {"removed": True},
    )
    later = T0 + timedelta(minutes=1)
    board, restored = apply(board, Restore(id=cid(), by=FACILITATOR, at=later, item_id="i1"))
    assert [i.id for i in visible_items(board)] == ["i1"]
    assert (restored[0].by, restored[0].at, restored[0].after) == (
        FACILITATOR,
        later,
        {"removed": False},
    )
    assert [e.action for e in board.audit] == ["capture", "remove", "restore"]


def test_participants_remove_only_their_own_items_and_not_once_locked() -> None:
    board = run(new_board(), capture("i1", by="p1"))
    with pytest.raises(Forbidden, match="author or the facilitator"):
        apply(board, Remove(id=cid(), by="p2", at=T0, item_id="i1"))
    assert item(run(board, Remove(id=cid(), by="p1", at=T0, item_id="i1")), "i1").removed
    locked = run(board, Lock(id=cid(), by=FACILITATOR, at=T0))
    with pytest.raises(Conflict, match="locked"):
        apply(locked, Remove(id=cid(), by="p1", at=T0, item_id="i1"))


def test_edit_rules_author_lock_version_and_validation() -> None:
    board = run(new_board(), capture("i1", by="p1"))
    edit = Edit(id=cid(), by="p1", at=T0, item_id="i1", draft=draft(impact="critical"))
    edited, entries = apply(board, edit)
    assert item(edited, "i1").impact is Impact.CRITICAL
    assert item(edited, "i1").version == 2
    assert (entries[0].before, entries[0].after) == ({"impact": "high"}, {"impact": "critical"})
    with pytest.raises(Forbidden):
        apply(board, replace(edit, id=cid(), by="p2"))
    with pytest.raises(Conflict, match="meanwhile"):
        apply(edited, replace(edit, id=cid(), expected_version=1))
    with pytest.raises(Invalid) as refused:
        apply(board, replace(edit, id=cid(), draft=draft(to_teams=())))
    assert refused.value.errors[0].field == "to_teams"
    locked = run(board, Lock(id=cid(), by=FACILITATOR, at=T0))
    with pytest.raises(Conflict, match="locked"):
        apply(locked, replace(edit, id=cid()))
    assert item(run(locked, replace(edit, id=cid(), by=FACILITATOR)), "i1").version == 2
    assert apply(board, replace(edit, id=cid(), draft=draft()))[1] == ()  # nothing changed


def test_flagging_a_complaint_attaches_reasons_and_a_reframing() -> None:
    rant = "Billing always ignores our discount codes, they are lazy and useless."
    # In the open mode nothing is held at capture: the facilitator flags it by hand.
    board = run(new_board(moderation=Moderation.OPEN), capture("i1", what_happens=rant))
    assert not item(board, "i1").held
    with pytest.raises(Forbidden):
        apply(board, FlagComplaint(id=cid(), by="p2", at=T0, item_id="i1"))
    board, entries = apply(board, FlagComplaint(id=cid(), by=FACILITATOR, at=T0, item_id="i1"))
    complaint = item(board, "i1").complaint
    assert complaint is not None
    assert "insult" in {r.code for r in complaint.reasons}
    assert "Observation → Impact → Ask" in complaint.suggestion
    assert entries[0].after is not None
    assert entries[0].after["flagged_complaint"] is True
    assert item(board, "i1").held  # flagging hides it from the room quietly
    board = run(board, FlagComplaint(id=cid(), by=FACILITATOR, at=T0, item_id="i1", flagged=False))
    assert not item(board, "i1").flagged_complaint


def test_a_flag_on_calm_text_still_explains_how_to_reframe() -> None:
    board = run(new_board(), capture("i1"))
    board = run(board, FlagComplaint(id=cid(), by=FACILITATOR, at=T0, item_id="i1"))
    complaint = item(board, "i1").complaint
    assert complaint is not None
    assert complaint.suggestion


def test_pin_is_the_facilitators_and_pinned_items_lead() -> None:
    board = run(new_board(), capture("a"), capture("b"))
    with pytest.raises(Forbidden):
        apply(board, Pin(id=cid(), by="p1", at=T0, item_id="b"))
    board = run(board, Pin(id=cid(), by=FACILITATOR, at=T0, item_id="b"))
    assert [i.id for i in board_order(board.items, vote_counts(board))] == ["b", "a"]


def test_an_item_becomes_an_action_item_once() -> None:
    board = run(new_board(participants=frozenset({"p1", "p2"})), capture("i1"))
    make = MakeAction(
        id=cid(),
        by=FACILITATOR,
        at=T0,
        item_id="i1",
        action_id="a1",
        owner="p2",
        what="Send discount codes to billing before the run",
        due=date(2026, 12, 1),
    )
    board, entries = apply(board, make)
    assert [(a.id, a.item_id, a.owner) for a in board.actions] == [("a1", "i1", "p2")]
    assert entries[0].after is not None
    assert entries[0].after["due"] == "2026-12-01"
    assert apply(board, replace(make, id=cid()))[1] == ()
    with pytest.raises(Forbidden):
        apply(board, replace(make, id=cid(), by="p1", action_id="a2"))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"owner": FACILITATOR}, "owner"),
        ({"owner": "stranger"}, "owner"),
        ({"what": "Do"}, "what"),
        ({"what": "x" * 301}, "what"),
        ({"due": date(2026, 11, 22)}, "due"),
    ],
)
def test_action_item_rules(overrides: dict[str, object], field: str) -> None:
    board = run(new_board(participants=frozenset({"p1", "p2"})), capture("i1"))
    make = MakeAction(
        id=cid(),
        by=FACILITATOR,
        at=T0,
        item_id="i1",
        action_id="a1",
        owner="p2",
        what="Send discount codes earlier",
        due=date(2026, 11, 23),
    )
    with pytest.raises(Invalid) as refused:
        apply(board, replace(make, **overrides))  # type: ignore[arg-type]
    assert [e.field for e in refused.value.errors] == [field]


def test_locking_is_the_facilitators_and_audited() -> None:
    with pytest.raises(Forbidden):
        apply(new_board(), Lock(id=cid(), by="p1", at=T0))
    board, entries = apply(new_board(), Lock(id=cid(), by=FACILITATOR, at=T0))
    assert board.locked
    assert (entries[0].item_id, entries[0].after) == (None, {"locked": True})


def test_unknown_items_and_commands_are_refused() -> None:
    with pytest.raises(NotFound, match="not on this board"):
        apply(new_board(), Pin(id=cid(), by=FACILITATOR, at=T0, item_id="nope"))
    with pytest.raises(Invalid, match="Unknown board command"):
        apply(new_board(), Command(id=cid(), by=FACILITATOR, at=T0))


# --- seeding from agendas ------------------------------------------------------------------

AGENDAS = (
    AgendaSeed(
        "p1",
        "Sales",
        "We sign deals with custom discounts",
        ("Billing", "sales"),
        "Wrong invoices",
        1,
    ),
    AgendaSeed("p2", "Billing", "", ("Sales",)),  # no issue written: skipped
    AgendaSeed("p3", "Support", "Releases ship without release notes", (), no_goal=True),
    AgendaSeed("p4", "Engineering", "x " * 400, ("Support",), no_goal=True),
)


def test_agenda_topic_three_seeds_items_with_deterministic_ids() -> None:
    items = items_from_agendas(AGENDAS)
    assert [i.id for i in items] == ["agenda-p1", "agenda-p4"]
    first = items[0]
    assert first.to_teams == ("Billing",)
    assert (
        first.what_happens
        == "We sign deals with custom discounts — Cost downstream: Wrong invoices"
    )
    assert (first.origin, first.author, first.goal_id) == (Origin.AGENDA, "p1", 1)
    assert len(items[1].what_happens) <= 600
    assert items[1].what_happens.endswith("…")
    assert items_from_agendas(AGENDAS) == items


def test_seeding_twice_adds_nothing_and_needs_the_facilitator() -> None:
    board = run(new_board(), capture("i1"))
    seed = Seed(id=cid(), by=FACILITATOR, at=T0, agendas=AGENDAS)
    board = run(board, seed)
    assert [(i.id, i.seq) for i in board.items] == [("i1", 0), ("agenda-p1", 1), ("agenda-p4", 2)]
    again, entries = apply(board, replace(seed, id=cid()))
    assert (again.items, entries) == (board.items, ())
    with pytest.raises(Forbidden):
        apply(board, replace(seed, id=cid(), by="p1"))


# --- views ---------------------------------------------------------------------------------


def _item(item_id: str, seq: int, impact: Impact = Impact.MEDIUM, **overrides: object) -> BoardItem:
    base = BoardItem(item_id, "Sales", ("Billing",), TEXT, impact, 1, "p1", seq=seq)
    return replace(base, **overrides)  # type: ignore[arg-type]


ORDERED = (
    _item("pinned-late", 9, Impact.LOW, pinned=True),
    _item("three-votes", 5, Impact.LOW),
    _item("one-vote-critical", 4, Impact.CRITICAL),
    _item("one-vote-high-early", 1, Impact.HIGH),
    _item("one-vote-high-late", 2, Impact.HIGH),
    _item("no-votes", 0, Impact.CRITICAL),
)
VOTES = {
    "three-votes": 3,
    "one-vote-critical": 1,
    "one-vote-high-early": 1,
    "one-vote-high-late": 1,
}


def test_board_order_pinned_then_votes_then_impact_then_creation() -> None:
    assert board_order(reversed(ORDERED), VOTES) == list(ORDERED)


@PROPERTY
@given(st.permutations(ORDERED))
def test_every_client_converges_on_the_same_order(shuffled: list[BoardItem]) -> None:
    assert board_order(shuffled, VOTES) == list(ORDERED)


def test_group_by_pair_lists_an_item_under_each_target_and_skips_hidden_items() -> None:
    items = [
        _item("a", 0, to_teams=("Billing", "Support")),
        _item("b", 1, from_team="Billing", to_teams=("Sales",)),
        _item("c", 2),
        _item("gone", 3, removed=True),
        _item("dup", 4, merged_into="c"),
    ]
    groups = group_by_pair(items)
    assert {pair: [i.id for i in group] for pair, group in groups.items()} == {
        ("Billing", "Sales"): ["b"],
        ("Sales", "Billing"): ["a", "c"],
        ("Sales", "Support"): ["a"],
    }
    assert list(groups) == [("Billing", "Sales"), ("Sales", "Billing"), ("Sales", "Support")]


def test_heat_map_weights_rows_pushing_onto_columns() -> None:
    items = [
        _item("a", 0, Impact.CRITICAL, to_teams=("billing", "Support")),
        _item("b", 1, Impact.LOW),
        _item("c", 2, Impact.HIGH, from_team="Support", to_teams=("Sales", "Legal")),
        _item("gone", 3, Impact.CRITICAL, removed=True),
    ]
    heat = heat_map(items, DEPARTMENTS)
    sales, billing, support = 0, 1, 2
    assert heat.weights[sales][billing] == 5 + 1
    assert heat.counts[sales][billing] == 2
    assert heat.weights[sales][support] == 5
    assert heat.weights[support][sales] == 3
    assert heat.outside_weight == 3  # Support -> Legal is not a department here
    assert heat.weights[billing] == (0, 0, 0, 0)


@PROPERTY
@given(
    st.lists(
        st.tuples(
            st.sampled_from(DEPARTMENTS),
            st.lists(st.sampled_from(DEPARTMENTS), min_size=1, max_size=4, unique=True),
            st.sampled_from(list(Impact)),
        ),
        max_size=20,
    )
)
def test_heat_map_sums_to_the_weight_of_every_pointer(
    rows: list[tuple[str, list[str], Impact]],
) -> None:
    items = [
        _item(f"i{n}", n, impact, from_team=source, to_teams=tuple(t for t in targets))
        for n, (source, targets, impact) in enumerate(rows)
    ]
    heat = heat_map(items, DEPARTMENTS)
    expected = sum(IMPACT_WEIGHTS[i.impact] * len(i.to_teams) for i in items)
    assert sum(map(sum, heat.weights)) + heat.outside_weight == expected
    assert sum(map(sum, heat.counts)) == sum(
        len(i.to_teams) for i in items if i.from_team in DEPARTMENTS
    )


SIMILAR_POOL = [
    _item("invoice", 0),
    _item(
        "laptops",
        1,
        from_team="Engineering",
        to_teams=("Support",),
        what_happens="New hires wait three weeks for laptops from IT procurement.",
    ),
    _item(
        "features",
        2,
        from_team="Sales",
        to_teams=("Engineering",),
        what_happens="Sales promises custom features that engineering learns about from customers.",
    ),
]


def test_similar_items_finds_a_reworded_duplicate_and_ignores_unrelated_text() -> None:
    text = "Invoices go out wrong because discount codes arrive in billing days after the run."
    matches = similar_items(text, "sales", ["Billing"], SIMILAR_POOL)
    assert [m.item.id for m in matches] == ["invoice"]
    assert 0.4 <= matches[0].score <= 1.0
    unrelated = "The office coffee machine has been broken since Monday morning."
    assert similar_items(unrelated, "Sales", ["Billing"], SIMILAR_POOL) == []


def test_a_shared_team_pair_ranks_a_look_alike_higher_but_never_makes_one() -> None:
    text = "Billing gets the discount codes too late and the invoices are wrong"
    same_pair = similar_items(text, "Sales", ["Billing"], SIMILAR_POOL)
    other_pair = similar_items(text, "Support", ["Engineering"], SIMILAR_POOL)
    assert same_pair[0].item.id == other_pair[0].item.id == "invoice"
    assert same_pair[0].score > other_pair[0].score
    laptops = "Engineering waits on things from procurement"
    assert similar_items(laptops, "Sales", ["Engineering"], SIMILAR_POOL[2:]) == []


def test_similar_items_skips_hidden_items_short_text_and_honours_the_limit() -> None:
    copies = [_item(f"c{n}", n) for n in range(5)]
    assert len(similar_items(TEXT, "Sales", ["Billing"], copies)) == 3
    assert len(similar_items(TEXT, "Sales", ["Billing"], copies, limit=1)) == 1
    assert similar_items(TEXT, "Sales", ["Billing"], [replace(copies[0], removed=True)]) == []
    assert similar_items("invoices", "Sales", ["Billing"], copies) == []


def test_similar_items_survive_typos_reordering_and_other_departments() -> None:
    typos = "Invoces go out wrong becuase discount cods arrive in biling after the run."
    reordered = "After the invoice run, billing gets the discount codes, so invoices are wrong."
    for text, source, target in (
        (typos, "Sales", "Billing"),
        (reordered, "Sales", "Billing"),
        (typos, "Marketing", "Finance"),  # the same issue, filed between other teams
    ):
        assert [m.item.id for m in similar_items(text, source, [target], SIMILAR_POOL)] == [
            "invoice"
        ]
    new_issue = "Billing sends commission statements nobody can read."
    assert similar_items(new_issue, "Sales", ["Billing"], SIMILAR_POOL) == []
