"""Plans and what a participant reads from them: a re-roll, a swap by hand, re-planning the
rounds not yet played, an itinerary and prep cards (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.domain.errors import NotFound
from app.domain.planner.rotations import Round
from app.domain.prep.cards import PrepContent
from app.services.plans import itinerary
from app.services.plans import service as plans
from app.services.plans.schemas import PlanSettings
from tests.services.test_use_cases import with_people


def table_of(rounds: tuple[Round, ...], number: int, person: int) -> str:
    (table,) = [g.table for g in rounds[number - 1].groups if str(person) in g.members]
    return table


def test_a_reroll_is_a_new_version_with_the_next_seed(any_db: Session) -> None:
    sid, _ = with_people(any_db)
    first = plans.generate(any_db, sid, PlanSettings(rounds=3, seed=4), author="facilitator")

    again = plans.reroll(any_db, sid, author="facilitator")

    assert (again.version, again.settings["seed"]) == (first.version + 1, 5)
    assert plans.current_plan(any_db, sid) == again
    assert [v.version for v in plans.versions(any_db, sid)] == [2, 1]


def test_a_swap_exchanges_two_people_in_that_round_only(any_db: Session) -> None:
    sid, ids = with_people(any_db)
    first = plans.generate(any_db, sid, PlanSettings(rounds=3), author="facilitator")
    before = plans.rounds_from_json(first.rounds)
    a = ids[0]
    (b,) = [p for p in ids if table_of(before, 1, p) != table_of(before, 1, a)][:1]

    swapped = plans.swap(any_db, sid, 1, a, b, author="facilitator")

    after = plans.rounds_from_json(swapped.rounds)
    assert table_of(after, 1, a) == table_of(before, 1, b)
    assert table_of(after, 1, b) == table_of(before, 1, a)
    assert after[1:] == before[1:]
    assert "round 1" in swapped.reason


def test_a_replan_keeps_the_rounds_already_played(any_db: Session) -> None:
    sid, _ = with_people(any_db)
    first = plans.generate(any_db, sid, PlanSettings(rounds=4), author="facilitator")

    replanned = plans.replan_remaining(any_db, sid, 2, author="facilitator", reason="Late arrival")

    kept = plans.rounds_from_json(replanned.rounds)[:2]
    assert kept == plans.rounds_from_json(first.rounds)[:2]
    assert (replanned.version, replanned.reason) == (2, "Late arrival")


def test_an_itinerary_has_a_stop_per_round_and_tells_what_changed(any_db: Session) -> None:
    sid, ids = with_people(any_db)
    plans.generate(any_db, sid, PlanSettings(rounds=3), author="facilitator")

    seen = itinerary.itinerary(any_db, sid, ids[0], mark_seen=True)

    assert [s.round for s in seen.stops] == [1, 2, 3]
    assert all(set(s.counterparts) <= set(ids) - {ids[0]} for s in seen.stops)
    plans.reroll(any_db, sid, author="facilitator")
    version, changes = itinerary.changes_since(any_db, sid, ids[0], 1)
    assert version == 2
    assert all(line.startswith("Round ") for line in changes)
    assert itinerary.changes_since(any_db, sid, ids[0], 2) == (2, [])


def test_prep_cards_stay_with_their_author_and_count_as_coverage(any_db: Session) -> None:
    sid, ids = with_people(any_db)
    plans.generate(any_db, sid, PlanSettings(rounds=2), author="facilitator")
    stop = itinerary.itinerary(any_db, sid, ids[0], mark_seen=False).stops[0]
    counterpart = stop.counterparts[0]
    prepared, planned = itinerary.coverage(any_db, sid)

    card = PrepContent(for_them="Earlier quotes", my_ask="Send quotes by Friday")
    itinerary.save_prep(any_db, sid, ids[0], counterpart, card)

    assert itinerary.get_prep(any_db, sid, ids[0], counterpart).content == card
    assert itinerary.get_prep(any_db, sid, counterpart, ids[0]).content == PrepContent()
    assert [c.counterpart_id for c in itinerary.list_prep(any_db, sid, ids[0])] == [counterpart]
    assert itinerary.coverage(any_db, sid) == (prepared + 1, planned)
    with pytest.raises(NotFound):
        itinerary.save_prep(any_db, sid, ids[0], 10**6, card)
